"""Read-only views for the window: an event's sources and history, a conflict side by side."""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.models import Conflict, Document, Event, Happening, Paragraph
from ..store.queries import event_source
from .actions import event_history


@dataclass(frozen=True)
class EventReview:
    sources: list[str]  # "file: expression = date", the event's own source first
    conflict_id: int | None
    conflict_status: str  # none | open | resolved
    why: str  # how the sources were merged
    history: list[str]  # "2026-11-23 analyst: corrected ... (undone)"


@dataclass(frozen=True)
class Side:
    """One source's claim: its paragraph with the expression (or dateline) marked."""

    filename: str
    dateline: str
    claim: str  # the date it gives
    before: str
    marked: str
    after: str
    event_id: int | None
    document_id: int


@dataclass(frozen=True)
class ConflictView:
    id: int
    kind: str
    status: str
    summary: str
    suggestion: str
    suggested_date: str | None
    reason: str
    cause_id: int | None
    sides: list[Side]  # the suggested side first
    document_id: int | None  # the document whose dateline is suspect


def event_review(session: Session, event_id: int) -> EventReview | None:
    event = session.get(Event, event_id)
    if event is None:
        return None
    history = [f"{d.at[:16].replace('T', ' ')} {d.user}: {d.summary}" + ("" if d.state == "active" else f" ({d.state})")
               for d in event_history(session, event_id)]
    if event.happening_id is None:
        return EventReview([], None, "none", "", history)
    happening = session.get(Happening, event.happening_id)
    members = sorted(session.scalars(select(Event).where(Event.happening_id == event.happening_id)),
                     key=lambda e: (e.id != event_id, e.document.filename))
    conflict = session.scalars(select(Conflict).where(Conflict.happening_id == event.happening_id)).first()
    sources = [f"{e.document.filename}: “{e.mention.text}” = {e.mention.start_iso}" for e in members]
    return EventReview(sources, conflict.id if conflict else None, happening.conflict if happening else "none",
                       happening.why if happening else "", history)


def open_conflicts(session: Session) -> list[Conflict]:
    """Datelines first (correcting one settles the dates that follow from it), then by id."""
    return list(session.scalars(select(Conflict).where(Conflict.status == "open")
                                .order_by(Conflict.cause_id.is_not(None), Conflict.kind != "dateline", Conflict.id)))


def conflict_view(session: Session, conflict_id: int) -> ConflictView | None:
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        return None
    claims = json.loads(conflict.claims)
    if conflict.kind == "dateline":
        sides = [_dateline_side(session, claim["document_id"]) for claim in reversed(claims)]
    else:
        agreeing = [c for c in claims if conflict.suggested_date and c["date"].startswith(conflict.suggested_date)]
        others = [c for c in claims if c not in agreeing]
        sides = [_event_side(session, c["event_id"]) for c in agreeing[:1] + others]
    return ConflictView(conflict.id, conflict.kind, conflict.status, conflict.summary, conflict.suggestion,
                        conflict.suggested_date, conflict.reason, conflict.cause_id,
                        [s for s in sides if s is not None], conflict.document_id)


def _event_side(session: Session, event_id: int) -> Side | None:
    s = event_source(session, event_id)
    if s is None:
        return None
    return Side(s.filename, s.dateline, f"“{s.expression}” = {s.interval}", s.text[s.paragraph_start:s.expression_start],
                s.text[s.expression_start:s.expression_end], s.text[s.expression_end:s.paragraph_end], s.event_id,
                s.document_id)


def _dateline_side(session: Session, document_id: int) -> Side | None:
    doc = session.get(Document, document_id)
    if doc is None:
        return None
    after = doc.dateline_end or 0  # the lead: the first paragraph that says more than the date line
    first = session.scalars(select(Paragraph).where(Paragraph.document_id == doc.id, Paragraph.boilerplate.is_(False),
                                                    Paragraph.end > after + 40).order_by(Paragraph.index)).first()
    start, end = (first.start, first.end) if first else (0, min(len(doc.text), 400))
    if doc.dateline_start is not None and doc.dateline_end is not None:
        start, end = min(start, doc.dateline_start), max(end, doc.dateline_end)
        marked = (doc.dateline_start, doc.dateline_end)
    else:
        marked = (start, start)
    return Side(doc.filename, doc.dateline_iso, f"dateline {doc.dateline_iso} ({doc.dateline_method})",
                doc.text[start:marked[0]], doc.text[marked[0]:marked[1]], doc.text[marked[1]:end], None, doc.id)
