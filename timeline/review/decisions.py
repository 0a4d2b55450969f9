"""The analyst's decisions: stored with time and name, undoable, and read back as rulings that
every rebuild applies. Events are named by stable keys (document hash + span), never by row ids,
which change when a document is re-resolved."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..store.models import Decision

ACTIONS = ("accept", "set_date", "dismiss", "dateline", "split", "merge", "note", "edit_event", "add_event", "hide",
           "bin_document", "tag", "star")  # the last six: the analyst's own edits (edits.py)


@dataclass(frozen=True)
class DateRuling:
    """A happening's date set by the analyst (accept a source's, type one, or keep it: dismiss)."""

    members: frozenset[str]  # the event keys the decision saw; a newcomer that disagrees reopens it
    t0: float | None
    t1: float | None
    how: str
    decision_id: int
    granularity: str | None = None  # of the date set; None: each event keeps its own


@dataclass
class Rulings:
    datelines: dict[str, tuple[int, str]] = field(default_factory=dict)  # document hash -> (day, why)
    must: list[tuple[str, str]] = field(default_factory=list)
    cannot: set[frozenset[str]] = field(default_factory=set)
    dates: list[DateRuling] = field(default_factory=list)
    dismissed: set[str] = field(default_factory=set)  # conflict keys

    def date_for(self, keys: set[str]) -> DateRuling | None:
        """The latest ruling on a happening with these members."""
        return next((r for r in reversed(self.dates) if r.members & keys), None)


def record(session: Session, action: str, payload: dict, summary: str, user: str, at: str) -> Decision:
    """Store a decision; decisions undone before it can no longer be redone."""
    assert action in ACTIONS, action
    session.execute(update(Decision).where(Decision.state == "undone").values(state="dropped"))
    decision = Decision(at=at, user=user, action=action, payload=json.dumps(payload), summary=summary, state="active")
    session.add(decision)
    session.flush()
    return decision


def last_decision(session: Session) -> Decision | None:
    return session.scalars(select(Decision).where(Decision.state == "active").order_by(Decision.id.desc())).first()


def undo(session: Session) -> Decision | None:
    """Take back the last decision, or the whole batch it belongs to (one bulk decision)."""
    last = last_decision(session)
    if last is not None:
        for d in _batch(session, last, "active"):
            d.state = "undone"
    return last


def redo(session: Session) -> Decision | None:
    first = session.scalars(select(Decision).where(Decision.state == "undone").order_by(Decision.id)).first()
    if first is not None:
        for d in _batch(session, first, "undone"):
            d.state = "active"
    return first


def _batch(session: Session, decision: Decision, state: str) -> list[Decision]:
    batch = json.loads(decision.payload).get("batch")
    if batch is None:
        return [decision]
    return [d for d in session.scalars(select(Decision).where(Decision.state == state, Decision.id >= batch))
            if json.loads(d.payload).get("batch") == batch]


def rulings(session: Session) -> Rulings:
    found = Rulings()
    for d in session.scalars(select(Decision).where(Decision.state == "active").order_by(Decision.id)):
        p = json.loads(d.payload)
        if d.action == "dateline":
            found.datelines[p["document"]] = (int(p["day"]), f"corrected by {d.user} on {d.at[:10]}: {d.summary}")
        elif d.action == "merge":  # the later decision on a pair wins: a merge lifts a split between them
            found.must.append((p["a"], p["b"]))
            found.cannot.discard(frozenset((p["a"], p["b"])))
        elif d.action == "split":  # ...and a split cuts the merges that brought the event in
            cut = {frozenset((p["event"], other)) for other in p["others"]}
            found.cannot |= cut
            found.must = [pair for pair in found.must if frozenset(pair) not in cut]
        elif d.action in ("accept", "set_date"):
            found.dates.append(DateRuling(frozenset(p["members"]), p["t0"], p["t1"], d.summary, d.id,
                                          p.get("granularity")))
        elif d.action == "dismiss":
            found.dismissed.add(p["conflict"])
            found.dates.append(DateRuling(frozenset(p.get("members", [])), None, None, d.summary, d.id))
    return found


def history(session: Session, keys: set[str], document_hashes: set[str],
            added: frozenset[tuple] = frozenset()) -> list[Decision]:
    """Every decision, undone ones too, that touched these events or documents, oldest first.
    An event added by hand names its document without being the document: it is matched by
    ``added`` (document hash or None, paragraph, nth), so a document's other added events stay out."""
    found = []
    for d in session.scalars(select(Decision).order_by(Decision.id)):
        text = d.payload
        if d.action == "add_event":
            if added_as(json.loads(text)) in added:
                found.append(d)
        elif any(k in text for k in keys) or any(h in text for h in document_hashes):
            found.append(d)
    return found


def added_as(payload: dict) -> tuple:
    """Where an add_event decision put its event: on a source's paragraph, or on the project's page."""
    if payload.get("document"):
        return payload["document"], payload["paragraph"], payload.get("nth", 0)
    return None, payload["slot"], 0
