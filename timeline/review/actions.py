"""What the analyst can do about a conflict or an event. Each action is stored as a decision
(with time and name) and the merged view is rebuilt; ``undo``/``redo`` take it back and forth."""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import calendar as cal
from ..store.models import Conflict, Decision, Document, Event, Mention
from . import decisions
from .profiles import event_key
from .rebuild import RebuildSummary, rebuild


@dataclass(frozen=True)
class Who:
    user: str
    at: str  # ISO time, given by the caller: the core never reads the clock


def correct_dateline(session: Session, document_id: int, iso_day: str, who: Who, note: str = "") -> RebuildSummary:
    doc = session.get(Document, document_id)
    assert doc is not None
    summary = f"{doc.filename}: dateline {doc.dateline_iso[:10]} -> {iso_day}" + (f" ({note})" if note else "")
    payload = {"document": doc.sha256, "day": int(cal.parse_iso(iso_day)), "was": doc.dateline_iso}
    return _decide(session, "dateline", payload, summary, who)


def accept_source(session: Session, conflict_id: int, event_id: int, who: Who) -> RebuildSummary:
    """The happening takes the date of one source's event."""
    event = session.get(Event, event_id)
    assert event is not None
    members = _members(session, conflict_id)
    summary = f"accepted {event.document.filename}'s date {cal.iso_date(event.t0)} for conflict {conflict_id}"
    return _decide(session, "accept", {"members": members, "t0": event.t0, "t1": event.t1,
                                       "source": _key(session, event_id)}, summary, who)


def set_date(session: Session, conflict_id: int, first: str, last: str, who: Who) -> RebuildSummary:
    t0, t1 = cal.parse_iso(first), cal.parse_iso(last) + 1
    summary = f"set the date of conflict {conflict_id} to {first}" + ("" if first == last else f" – {last}")
    return _decide(session, "set_date", {"members": _members(session, conflict_id), "t0": t0, "t1": t1}, summary, who)


def dismiss(session: Session, conflict_id: int, who: Who, note: str = "") -> RebuildSummary:
    conflict = session.get(Conflict, conflict_id)
    assert conflict is not None
    payload = {"conflict": conflict.key, "members": _members(session, conflict_id)}
    return _decide(session, "dismiss", payload, f"dismissed conflict {conflict_id}" + (f": {note}" if note else ""), who)


def split_event(session: Session, event_id: int, who: Who) -> RebuildSummary:
    """'These are different events': this event leaves its happening and never rejoins it."""
    event = session.get(Event, event_id)
    assert event is not None and event.happening_id is not None
    others = [e for e in session.scalars(select(Event.id).where(Event.happening_id == event.happening_id))
              if e != event_id]
    payload = {"event": _key(session, event_id), "others": [_key(session, e) for e in others]}
    return _decide(session, "split", payload, f"split {event.document.filename}'s “{event.mention.text}” off", who)


def merge_events(session: Session, first: int, second: int, who: Who) -> RebuildSummary:
    a, b = session.get(Event, first), session.get(Event, second)
    assert a is not None and b is not None
    summary = f"merged {a.document.filename}'s “{a.mention.text}” with {b.document.filename}'s “{b.mention.text}”"
    return _decide(session, "merge", {"a": _key(session, first), "b": _key(session, second)}, summary, who)


def add_note(session: Session, event_id: int, text: str, who: Who) -> RebuildSummary:
    return _decide(session, "note", {"event": _key(session, event_id), "text": text}, text, who)


def undo(session: Session) -> Decision | None:
    undone = decisions.undo(session)
    if undone:
        rebuild(session)
    return undone


def redo(session: Session) -> Decision | None:
    redone = decisions.redo(session)
    if redone:
        rebuild(session)
    return redone


def event_history(session: Session, event_id: int) -> list[Decision]:
    event = session.get(Event, event_id)
    assert event is not None
    """Decisions on this event, on the happening it belongs to, or on the datelines of its sources."""
    members = [event] if event.happening_id is None else \
        session.scalars(select(Event).where(Event.happening_id == event.happening_id)).all()
    keys = {_key(session, e.id) for e in members}
    return decisions.history(session, keys, {e.document.sha256 for e in members})


def _decide(session: Session, action: str, payload: dict, summary: str, who: Who) -> RebuildSummary:
    decisions.record(session, action, payload, summary, who.user, who.at)
    return rebuild(session)


def _members(session: Session, conflict_id: int) -> list[str]:
    conflict = session.get(Conflict, conflict_id)
    assert conflict is not None
    return [claim["event_key"] for claim in json.loads(conflict.claims) if "event_key" in claim]


def _key(session: Session, event_id: int) -> str:
    row = session.execute(select(Document.sha256, Mention.start, Mention.end)
                          .join(Event, Event.document_id == Document.id).join(Mention, Mention.id == Event.mention_id)
                          .where(Event.id == event_id)).one()
    return event_key(*row)
