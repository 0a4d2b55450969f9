"""The analysis of one article, Qt-free and database-free: text in, dateline, paragraphs,
resolved mentions and events out. The importer stores it; the TimeML benchmark scores it."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from . import calendar as cal
from .article import Paragraph, find_title, mark_boilerplate, split_paragraphs
from .dateline import Dateline, find_dateline
from .events import EventText, describe
from .language import Language, detect_language
from .sentences import Sentences
from .temporal import Context, Mention, Reference, Resolved, extract, resolve_mention
from .temporal.languages import grammar_for
from .temporal.model import DATE, TIME


@dataclass(frozen=True)
class TaggedMention:
    mention: Mention
    resolved: Resolved
    parts: tuple[Resolved, ...]
    paragraph: int | None  # index of the paragraph it stands in
    confidence: float  # the resolution's, times the dateline's when it was counted from it


@dataclass(frozen=True)
class Event:
    mention: TaggedMention
    text: EventText


@dataclass(frozen=True)
class Analysis:
    text: str
    title: str
    dateline: Dateline
    paragraphs: list[Paragraph]
    mentions: list[TaggedMention]
    events: list[Event]
    language: Language | None = None


def tag(text: str, reference_day: int, skip: tuple[tuple[int, int], ...] = (), label: str = "the dateline",
        language: Language | None = None) -> list[tuple[Mention, Resolved, tuple[Resolved, ...]]]:
    """Extract and resolve every temporal expression of ``text`` against ``reference_day``,
    with the grammar of ``language`` (English when None)."""
    context = Context(Reference(reference_day, label))
    mentions = extract(text, skip, grammar_for(language))
    results: dict[int, tuple[Resolved, tuple[Resolved, ...]] | None] = {}
    for index, mention in enumerate(mentions):
        follower = mentions[index + 1] if index + 1 < len(mentions) else None
        if follower is not None and _date_after_clock(text, mention, follower):
            results[index + 1] = _resolve(follower, context)  # "16:15 UTC, June 1st": the date first
        if index not in results:
            results[index] = _resolve(mention, context)
    return [(m, *results[i]) for i, m in enumerate(mentions) if results[i] is not None]  # type: ignore[misc]


def _resolve(mention: Mention, context: Context) -> tuple[Resolved, tuple[Resolved, ...]] | None:
    try:
        return resolve_mention(mention, context)
    except ValueError:  # "February 30": not a date after all
        return None


def _date_after_clock(text: str, clock: Mention, date: Mention) -> bool:
    """A bare clock time directly followed by the day it belongs to."""
    first, then = clock.parts[0], date.parts[0]
    return (clock.type == TIME and first.anchor.kind == "relative" and first.anchor.offset == 0
            and then.anchor.kind == "calendar" and then.anchor.day is not None
            and text[clock.end:date.start].strip(" ,") in ("", "on"))


def analyse(text: str, file_time: datetime | None = None, dateline: Dateline | None = None,
            language: Language | None = None) -> Analysis:
    language = language or detect_language(text)
    dateline = dateline or find_dateline(text, file_time, language)
    paragraphs = mark_boilerplate(text, split_paragraphs(text))
    skip = (dateline.span,) if dateline.span else ()
    tagged = tag(text, dateline.day, skip, _reference_label(dateline), language)
    dateline = _checked(dateline, tagged)
    mentions = [_with_paragraph(m, r, p, paragraphs, dateline) for m, r, p in tagged]
    sentences = Sentences(text)
    events = [Event(m, describe(text, m.mention.start, m.mention.end, sentences))
              for m in mentions if _is_event(m, paragraphs)]
    events = [e for e in events if e.text.title]  # a byline or a signature is no event
    return Analysis(text, find_title(text, paragraphs, dateline.span), dateline, paragraphs, mentions, events,
                    language)


def _checked(dateline: Dateline, tagged: list[tuple[Mention, Resolved, tuple[Resolved, ...]]]) -> Dateline:
    """A dateline earlier than a past event the text dates in full (a year written out, told in
    the past tense) cannot be the publication date: flag it, and trust it less."""
    later = [(r.t0, m.text) for m, r, _ in tagged
             if r.t0 is not None and r.t0 >= dateline.day + 1 and r.granularity in ("day", "month", "year")
             and all(t.anchor.kind == "calendar" and t.anchor.year is not None and not t.anchor.two_digit_year
                     and t.tense == "past" for t in m.parts)]
    if not later:
        return dateline
    when, said = max(later)
    warning = f"WARNING: the text tells of '{said}' ({cal.iso_date(when)}) in the past tense, after this dateline"
    return replace(dateline, confidence=min(dateline.confidence, 0.3), reason=f"{dateline.reason}; {warning}",
                   warning=warning)


def _reference_label(dateline: Dateline) -> str:
    return "the file time (no dateline)" if dateline.fallback else "the dateline"


def _with_paragraph(mention: Mention, resolved: Resolved, parts: tuple[Resolved, ...],
                    paragraphs: list[Paragraph], dateline: Dateline) -> TaggedMention:
    index = next((p.index for p in paragraphs if p.start <= mention.start < p.end), None)
    counted = any(t.anchor.kind != "calendar" or t.anchor.year is None for t in mention.parts)
    confidence = resolved.confidence * (dateline.confidence if counted else 1.0)
    return TaggedMention(mention, resolved, parts, index, round(confidence, 2))


def _is_event(m: TaggedMention, paragraphs: list[Paragraph]) -> bool:
    if m.resolved.type not in (DATE, TIME) or not m.resolved.has_interval or m.paragraph is None:
        return False
    return not paragraphs[m.paragraph].boilerplate


def interval_text(resolved: Resolved) -> tuple[str, str]:
    """ISO start and (inclusive) end: dates, or date-times for clock-level granularity."""
    assert resolved.t0 is not None and resolved.t1 is not None
    if resolved.granularity in ("minute", "hour", "part_of_day"):
        return cal.iso_datetime(resolved.t0), cal.iso_datetime(resolved.t1)
    return cal.iso_date(resolved.t0), cal.iso_date(resolved.t1 - 1)
