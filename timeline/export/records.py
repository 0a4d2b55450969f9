"""One record per event with everything an export shows, read once for every format (CSV,
TimelineJS, Timesketch JSON Lines, HTML) so that they all agree with each other and the window."""
from __future__ import annotations

from collections import defaultdict
import json
from dataclasses import dataclass, replace
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..review.edits import iso_interval
from ..review.profiles import event_key
from ..store import models

_CLOCK = ("minute", "hour", "part_of_day")  # granularities whose ISO dates carry the time


@dataclass(frozen=True)
class ExportEvent:
    event_id: int
    key: str  # document hash + span: names the event across projects and rebuilds
    start: str  # ISO, inclusive: a day, or a date-time for clock granularities
    end: str
    t0: float  # day numbers, [t0, t1)
    t1: float
    granularity: str
    value: str  # TimeML
    modifier: str
    expression: str
    title: str
    text: str  # the sentence
    source: str  # the document's file name
    source_title: str
    paragraph: int  # 1-based
    paragraph_text: str
    expression_offset: int  # where the expression starts in paragraph_text
    dateline: str
    dateline_inferred: bool
    confidence: float
    reason: str
    sources: int  # documents that report this happening (the source panel's "Reported by")
    agreeing_sources: int  # of those, how many give a date that agrees with the happening's
    other_sources: tuple[str, ...]
    conflict: str  # none | open | resolved
    open_start: bool
    open_end: bool
    happening: int | None
    language: str = ""  # the document's language tag ("fr", "en-GB"), empty when unknown
    description: str = ""  # the analyst's (review/edits.py)
    tags: tuple[str, ...] = ()
    tag_colours: tuple[str, ...] = ()
    starred: bool = False
    date_edited: bool = False  # the analyst changed the date: the expression no longer says it


def export_events(session: Session, event_ids: Iterable[int] | None = None) -> list[ExportEvent]:
    """Events in date order (all, or the given ids)."""
    query = (select(models.Event).options(joinedload(models.Event.mention), joinedload(models.Event.document))
             .order_by(models.Event.t0, models.Event.id))
    if event_ids is not None:
        query = query.where(models.Event.id.in_(list(event_ids)))
    events = list(session.scalars(query))
    paragraphs = _paragraph_spans(session, {e.document_id for e in events})
    merged = _merged(session)
    marks = {a.event_key: a for a in session.scalars(select(models.Annotation))}
    records = [_record(e, paragraphs.get((e.document_id, e.paragraph_index), (0, 0)), merged) for e in events]
    return [_marked(r, marks[r.key]) if r.key in marks else r for r in records]


def _marked(r: ExportEvent, mark: models.Annotation) -> ExportEvent:
    tags = json.loads(mark.tags or "[]")
    return replace(r, description=mark.description or "", tags=tuple(t[0] for t in tags),
                   tag_colours=tuple(t[1] for t in tags), starred=bool(mark.starred), date_edited=bool(mark.date_edited))


def _paragraph_spans(session: Session, document_ids: set[int]) -> dict[tuple[int, int], tuple[int, int]]:
    rows = session.execute(select(models.Paragraph.document_id, models.Paragraph.index, models.Paragraph.start,
                                  models.Paragraph.end).where(models.Paragraph.document_id.in_(list(document_ids))))
    return {(d, i): (s, e) for d, i, s, e in rows}


def _merged(session: Session) -> dict[int, tuple[models.Happening, list[tuple[int, str]]]]:
    """Each happening with its members' (event id, file name)."""
    happenings = {h.id: (h, []) for h in session.scalars(select(models.Happening))}
    rows = session.execute(select(models.Event.happening_id, models.Event.id, models.Document.filename)
                           .join(models.Document, models.Document.id == models.Event.document_id)
                           .where(models.Event.happening_id.is_not(None)))
    for happening_id, event_id, filename in rows:
        if happening_id in happenings:
            happenings[happening_id][1].append((event_id, filename))
    return happenings


def _record(e: models.Event, paragraph: tuple[int, int],
            merged: dict[int, tuple[models.Happening, list[tuple[int, str]]]]) -> ExportEvent:
    m, d = e.mention, e.document
    happening, members = merged.get(e.happening_id or -1, (None, []))
    reporting = {name for _, name in members} | {d.filename}
    start, end = iso_interval(e.t0, e.t1, e.granularity)
    return ExportEvent(
        e.id, event_key(d.sha256, m.start, m.end), start, end, e.t0, e.t1, e.granularity, m.value, m.mod or "",
        m.text, e.title, e.sentence, d.filename, d.title, e.paragraph_index + 1, d.text[paragraph[0]:paragraph[1]],
        max(0, m.start - paragraph[0]), d.dateline_iso, bool(d.dateline_inferred), round(e.confidence, 2), m.reason,
        len(reporting), happening.sources if happening else 1, tuple(sorted(reporting - {d.filename})),
        happening.conflict if happening else "none", bool(e.open_start), bool(e.open_end), e.happening_id,
        d.language or "")


def by_source(records: list[ExportEvent]) -> dict[str, list[ExportEvent]]:
    grouped: dict[str, list[ExportEvent]] = defaultdict(list)
    for r in records:
        grouped[r.source].append(r)
    return grouped
