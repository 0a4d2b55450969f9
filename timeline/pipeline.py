"""The analysis of one article, Qt-free and database-free: text in, dateline, paragraphs,
resolved mentions and events out. The importer stores it; the TimeML benchmark scores it."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable, TypeVar

from . import calendar as cal
from .article import Paragraph, find_title, mark_boilerplate, split_paragraphs
from .dateline import Dateline, find_dateline
from .events import EventText, describe_all
from .language import Language, detect_language
from .sentences import Sentences
from .temporal import Context, Mention, Reference, Resolved, extract, resolve_mention
from .temporal.quoted import post_around, quoted_posts
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
    warnings: tuple[str, ...] = ()  # parts that could not be analysed (a bug), for the analyst to see
    language: Language | None = None


Tagged = tuple[Mention, Resolved, tuple[Resolved, ...]]


class Tagger:
    """Tags one text window by window (paragraph by paragraph) against one resolution context,
    so "the same day" still reaches back across paragraphs; the sentences are split once.
    The grammar is that of ``language`` (English when None)."""

    def __init__(self, text: str, reference_day: int, skip: tuple[tuple[int, int], ...] = (),
                 label: str = "the dateline", language: Language | None = None) -> None:
        self.text, self.skip = text, skip
        self.context = Context(Reference(reference_day, label))
        self.sentences = Sentences(text)
        self.grammar = grammar_for(language)
        self.posts = quoted_posts(text)

    def tag(self, start: int = 0, end: int | None = None) -> list[Tagged]:
        """Extract and resolve every temporal expression in [start, end)."""
        text, context = self.text, self.context
        mentions = extract(text, self.skip, self.grammar, (start, len(text) if end is None else end), self.sentences)
        results: dict[int, tuple[Resolved, tuple[Resolved, ...]] | None] = {}
        for index, mention in enumerate(mentions):
            post = post_around(self.posts, mention.start) if self.posts else None
            if post is not None:  # a quoted tweet counts from its own date
                results[index] = _resolve(mention, Context(Reference(post.day, "the quoted post's date")))
                continue
            follower = mentions[index + 1] if index + 1 < len(mentions) else None
            if follower is not None and _date_after_clock(text, mention, follower):
                results[index + 1] = _resolve(follower, context)  # "16:15 UTC, June 1st": the date first
            if index not in results:
                results[index] = _resolve(mention, context)
        return [(m, *results[i]) for i, m in enumerate(mentions) if results[i] is not None]  # type: ignore[misc]


def tag(text: str, reference_day: int, skip: tuple[tuple[int, int], ...] = (), label: str = "the dateline",
        language: Language | None = None) -> list[Tagged]:
    """Extract and resolve every temporal expression of ``text`` against ``reference_day``,
    with the grammar of ``language`` (English when None)."""
    return Tagger(text, reference_day, skip, label, language).tag()


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


def internal_error(where: str, error: BaseException, doing: str = "analysing") -> str:
    """The warning for a bug met while analysing (or reading, storing): what was lost, and the exception type."""
    return f"internal error while {doing} {where} (a bug: please report it): {type(error).__name__}"


def analyse(text: str, file_time: datetime | None = None, dateline: Dateline | None = None,
            language: Language | None = None) -> Analysis:
    """Paragraph by paragraph: an exception in one paragraph (a bug) costs that paragraph's
    dates, named in ``warnings``, never the article."""
    language = language or detect_language(text)
    dateline = dateline or find_dateline(text, file_time, language)
    paragraphs = mark_boilerplate(text, split_paragraphs(text))
    tagger = Tagger(text, dateline.day, (dateline.span,) if dateline.span else (), _reference_label(dateline), language)
    warnings: list[str] = []
    tagged = _each_paragraph([(p, None) for p in paragraphs], warnings, lambda p, _: tagger.tag(p.start, p.end))
    dateline = _checked(dateline, [t for _, found in tagged for t in found])

    def placed(paragraph: Paragraph, found: list[Tagged]) -> tuple[list[TaggedMention], list[Event]]:
        mentions = [_with_paragraph(m, r, p, paragraph, dateline) for m, r, p in found]
        eventful = [m for m in mentions if _is_event(m, paragraph)]
        described = describe_all(text, [(m.mention.start, m.mention.end) for m in eventful], tagger.sentences,
                                 tagger.grammar.title_ties)
        events = [Event(m, said) for m, said in zip(eventful, described)]
        return mentions, [e for e in events if e.text.title]  # a byline or a signature is no event

    done = _each_paragraph(tagged, warnings, placed)
    mentions = [m for _, (found, _) in done for m in found]
    events = [e for _, (_, described) in done for e in described]
    title = find_title(text, paragraphs, dateline.span)
    return Analysis(text, title, dateline, paragraphs, mentions, events, tuple(warnings), language)


A = TypeVar("A")
B = TypeVar("B")


def _each_paragraph(items: list[tuple[Paragraph, A]], warnings: list[str],
                    step: Callable[[Paragraph, A], B]) -> list[tuple[Paragraph, B]]:
    """``step`` on each paragraph (with what an earlier step made of it), behind the boundary:
    an exception (a bug) costs that paragraph, named in ``warnings``; the next one goes on."""
    done = []
    for paragraph, earlier in items:
        try:
            done.append((paragraph, step(paragraph, earlier)))
        except Exception as error:  # noqa: BLE001 - whatever a rule did, the article is kept
            warnings.append(internal_error(f"paragraph {paragraph.index + 1}", error))
    return done


def unanalysed(text: str, file_time: datetime, warning: str) -> Analysis:
    """An article whose analysis failed as a whole (a bug): kept with its text, no dates,
    the file's time standing in for the dateline, and the warning."""
    day = cal.day_number(file_time.year, file_time.month, file_time.day)
    dateline = Dateline(day, "file time", 0.2, f"the file's modification time {file_time:%Y-%m-%d %H:%M} "
                        "stands in (the text could not be analysed)", fallback=True)
    return Analysis(text, text.strip()[:120].split("\n")[0], dateline, [], [], [], (warning,))


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
                    paragraph: Paragraph, dateline: Dateline) -> TaggedMention:
    counted = any(t.anchor.kind != "calendar" or t.anchor.year is None for t in mention.parts)
    confidence = resolved.confidence * (dateline.confidence if counted else 1.0)
    return TaggedMention(mention, resolved, parts, paragraph.index, round(confidence, 2))


def _is_event(m: TaggedMention, paragraph: Paragraph) -> bool:
    return m.resolved.type in (DATE, TIME) and m.resolved.has_interval and not paragraph.boilerplate


def interval_text(resolved: Resolved) -> tuple[str, str]:
    """ISO start and (inclusive) end: dates, or date-times for clock-level granularity."""
    assert resolved.t0 is not None and resolved.t1 is not None
    if resolved.granularity in ("minute", "hour", "part_of_day"):
        return cal.iso_datetime(resolved.t0), cal.iso_datetime(resolved.t1)
    return cal.iso_date(resolved.t0), cal.iso_date(resolved.t1 - 1)
