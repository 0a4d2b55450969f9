"""Read-side queries for the window: the timeline as arrays, lanes, one event's source."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models


@dataclass(frozen=True)
class Lane:
    document_id: int
    label: str
    dateline: str
    dateline_inferred: bool
    fallback: bool


@dataclass
class TimelineData:
    """Every event as parallel arrays (the canvas culls and aggregates on these), plus text columns."""

    ids: np.ndarray
    t0: np.ndarray
    t1: np.ndarray
    lane: np.ndarray  # index into lanes
    exact: np.ndarray  # True where the date is a day or finer (a marker, not a bar)
    open_start: np.ndarray
    open_end: np.ndarray
    titles: list[str]
    expressions: list[str]
    values: list[str]
    granularities: list[str]
    confidences: np.ndarray
    starts: list[str]
    ends: list[str]
    lanes: list[Lane]

    def __len__(self) -> int:
        return len(self.ids)

    def index_of(self, event_id: int) -> int | None:
        found = np.nonzero(self.ids == event_id)[0]
        return int(found[0]) if len(found) else None


_EXACT = {"day", "hour", "minute", "part_of_day"}


def load_timeline(session: Session) -> TimelineData:
    docs = session.execute(select(models.Document.id, models.Document.title, models.Document.filename,
                                  models.Document.dateline_iso, models.Document.dateline_inferred,
                                  models.Document.dateline_fallback).order_by(models.Document.dateline_day,
                                                                              models.Document.id)).all()
    lanes = [Lane(d.id, d.title or d.filename, d.dateline_iso, d.dateline_inferred, d.dateline_fallback) for d in docs]
    lane_of = {lane.document_id: i for i, lane in enumerate(lanes)}
    rows = session.execute(select(models.Event.id, models.Event.t0, models.Event.t1, models.Event.document_id,
                                  models.Event.granularity, models.Event.title, models.Mention.text,
                                  models.Mention.value, models.Mention.open_start, models.Mention.open_end,
                                  models.Mention.confidence, models.Mention.start_iso, models.Mention.end_iso)
                           .join(models.Mention, models.Event.mention_id == models.Mention.id)
                           .order_by(models.Event.t0)).all()
    return TimelineData(
        ids=np.array([r.id for r in rows], dtype=np.int64),
        t0=np.array([r.t0 for r in rows], dtype=np.float64),
        t1=np.array([r.t1 for r in rows], dtype=np.float64),
        lane=np.array([lane_of[r.document_id] for r in rows], dtype=np.int32),
        exact=np.array([r.granularity in _EXACT for r in rows], dtype=bool),
        open_start=np.array([r.open_start for r in rows], dtype=bool),
        open_end=np.array([r.open_end for r in rows], dtype=bool),
        titles=[r.title for r in rows], expressions=[r.text for r in rows], values=[r.value for r in rows],
        granularities=[r.granularity for r in rows], confidences=np.array([r.confidence for r in rows]),
        starts=[r.start_iso for r in rows], ends=[r.end_iso for r in rows], lanes=lanes)


@dataclass(frozen=True)
class EventSource:
    """What the source panel shows for one event: where it came from and why it has its date."""

    event_id: int
    title: str
    filename: str
    text: str
    paragraph_start: int
    paragraph_end: int
    paragraph_number: int
    expression_start: int
    expression_end: int
    expression: str
    value: str
    interval: str
    reason: str
    confidence: float
    dateline: str
    dateline_how: str
    dateline_reason: str


def event_source(session: Session, event_id: int) -> EventSource | None:
    event = session.get(models.Event, event_id)
    if event is None:
        return None
    doc, mention = event.document, event.mention
    paragraph = session.scalars(select(models.Paragraph).where(models.Paragraph.document_id == doc.id,
                                                               models.Paragraph.index == event.paragraph_index)).one()
    how = doc.dateline_method + (", year inferred" if doc.dateline_inferred else "")
    place = ", ".join(x for x in (doc.dateline_place, doc.dateline_agency) if x)
    return EventSource(event.id, doc.title, doc.filename, doc.text, paragraph.start, paragraph.end,
                       paragraph.index + 1, mention.start, mention.end, mention.text, mention.value,
                       f"{mention.start_iso} – {mention.end_iso}", mention.reason, mention.confidence,
                       doc.dateline_iso + (f" ({place})" if place else ""), how, doc.dateline_reason)
