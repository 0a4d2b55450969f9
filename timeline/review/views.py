"""Read-only views for the window: an event's sources and history, a conflict side by side."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..store.models import Conflict, Decision, Document, Event, Happening, Mention, Paragraph
from ..store.queries import dateline_text, interval_texts
from .actions import event_history
from .profiles import event_key
from .standing import standing


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
    title: str = ""


class ConflictRow(NamedTuple):
    """One line of the conflicts list: enough to filter and sort on (a tuple: thousands are
    read after every decision)."""

    id: int
    kind: str
    summary: str
    suggestion: str
    cause_id: int | None
    gap_days: float
    sources: int
    confidence: float  # the least sure claim


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
    sides: list[Side]  # the suggested side first, then every other source
    document_id: int | None  # the document whose dateline is suspect
    family: tuple[int, ...] = ()  # open conflicts one bulk decision settles (copies of one article)


def event_review(session: Session, event_id: int) -> EventReview | None:
    event = session.get(Event, event_id)
    if event is None:
        return None
    members = [event] if event.happening_id is None else sorted(
        session.scalars(select(Event).where(Event.happening_id == event.happening_id)),
        key=lambda e: (e.id != event_id, e.document.filename))
    keys = {event_key(e.document.sha256, e.mention.start, e.mention.end): e for e in members}
    names = {k: f"{_source_name(e.document)}'s “{e.mention.text}”" for k, e in keys.items()}
    history = [_history_line(d, set(keys), names) for d in event_history(session, event_id)]
    if event.happening_id is None:
        return EventReview([], None, "none", "", history)
    happening = session.get(Happening, event.happening_id)
    conflict = session.scalars(select(Conflict).where(Conflict.happening_id == event.happening_id)).first()
    sources = [f"{_source_name(e.document)}: “{e.mention.text}” = {e.mention.start_iso}" for e in members]
    return EventReview(sources, conflict.id if conflict else None, happening.conflict if happening else "none",
                       happening.why if happening else "", history)


def _history_line(decision: Decision, current: set[str], names: dict[str, str]) -> str:
    line = f"{decision.at[:16].replace('T', ' ')} {decision.user}: {decision.summary}"
    if decision.state != "active":
        return line + f" ({decision.state})"
    reason = standing(decision, current, names)
    return line + (f" — {reason}" if reason else "")


def _source_name(doc: Document) -> str:
    title = doc.title or doc.filename
    return title if len(title) <= 50 else title[:49].rstrip() + "…"


def open_conflicts(session: Session, kind: str | None = None, order: str = "suggested") -> list[ConflictRow]:
    """Open conflicts of one kind (None: all). "suggested": datelines first (correcting one
    settles the dates that follow from it); or by gap, by number of sources, least sure first."""
    query = select(Conflict.id, Conflict.kind, Conflict.summary, Conflict.suggestion, Conflict.cause_id,
                   Conflict.gap_days, Conflict.sources, Conflict.least_confidence).where(Conflict.status == "open")
    if kind:
        query = query.where(Conflict.kind == kind)
    # Core rows straight into tuples (the ORM's row handling was a third of the list's time), in
    # the table's order: every sort key below ends with the id, and SQLite sorted the summaries too
    rows = list(map(ConflictRow._make, session.connection().execute(query).all()))
    keys = {"suggested": lambda r: (r.cause_id is not None, r.kind != "dateline", r.id),
            "gap": lambda r: (-r.gap_days, r.id), "sources": lambda r: (-r.sources, r.id),
            "confidence": lambda r: (r.confidence, r.id)}
    return sorted(rows, key=keys.get(order, keys["suggested"]))


def open_conflict_count(session: Session) -> int:
    """How many conflicts are open (the status bar's figure), without reading them."""
    return session.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open")) or 0


def family_of(session: Session, conflict: Conflict) -> tuple[int, ...]:
    """The open dateline conflicts of the copies of one article (they share the kept original),
    reached from any of them or from a date conflict that follows from one."""
    root = conflict if conflict.kind == "dateline" else session.get(Conflict, conflict.cause_id or -1)
    if root is None or root.other_document_id is None:
        return (conflict.id,)
    return tuple(session.scalars(select(Conflict.id).where(
        Conflict.kind == "dateline", Conflict.status == "open",
        Conflict.other_document_id == root.other_document_id).order_by(Conflict.id)))


def conflict_view(session: Session, conflict_id: int) -> ConflictView | None:
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        return None
    claims = json.loads(conflict.claims)
    if conflict.kind == "dateline":
        sides = [_dateline_side(session, claim["document_id"]) for claim in reversed(claims)]
    else:
        agrees = [bool(conflict.suggested_date and c["date"].startswith(conflict.suggested_date)) for c in claims]
        ordered = [c["event_id"] for c, a in zip(claims, agrees) if a] + \
                  [c["event_id"] for c, a in zip(claims, agrees) if not a]
        found = _event_sides(session, ordered)
        sides = [found.get(event_id) for event_id in ordered]
    return ConflictView(conflict.id, conflict.kind, conflict.status, conflict.summary, conflict.suggestion,
                        conflict.suggested_date, conflict.reason, conflict.cause_id,
                        [s for s in sides if s is not None], conflict.document_id, family_of(session, conflict))


def _event_sides(session: Session, event_ids: list[int]) -> dict[int, Side]:
    """Each event's claim with its paragraph, a few queries for all of them (a happening may
    have a thousand sources: one query each took a second); only the paragraph's text is read."""
    e, m, d, p = Event, Mention, Document, Paragraph
    low = case((p.start < m.start, p.start), else_=m.start)  # the slice holding paragraph and expression
    high = case((p.end > m.end, p.end), else_=m.end)
    query = select(e.id, e.t0, e.t1, m.t0, m.t1, m.start_iso, m.end_iso, m.text, m.start, m.end, p.start, p.end,
                   d.id, d.filename, d.title, d.dateline_iso, d.dateline_place, d.dateline_agency, low,
                   func.substr(d.text, low + 1, high - low)) \
        .join(m, m.id == e.mention_id).join(d, d.id == e.document_id) \
        .join(p, (p.document_id == e.document_id) & (p.index == e.paragraph_index))
    sides = {}
    wanted = sorted(set(event_ids))
    for chunk in range(0, len(wanted), 500):
        for row in session.execute(query.where(e.id.in_(wanted[chunk:chunk + 500]))):
            sides[row[0]] = _event_side(*row)
    return sides


def _event_side(event_id: int, t0: float, t1: float, read_t0: float | None, read_t1: float | None,
                start_iso: str | None, end_iso: str | None, expression: str, start: int, end: int,
                paragraph_start: int, paragraph_end: int, document_id: int, filename: str, title: str,
                dateline_iso: str, place: str | None, agency: str | None, offset: int, text: str) -> Side:
    interval, read_as = interval_texts(t0, t1, read_t0, read_t1, start_iso, end_iso)
    claim = f"“{expression}” = {read_as or interval}"  # what the source says, not what was decided
    return Side(filename, dateline_text(dateline_iso, place, agency), claim,
                text[paragraph_start - offset:start - offset], text[start - offset:end - offset],
                text[end - offset:paragraph_end - offset], event_id, document_id, title or filename)


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
                doc.text[start:marked[0]], doc.text[marked[0]:marked[1]], doc.text[marked[1]:end], None, doc.id,
                doc.title or doc.filename)
