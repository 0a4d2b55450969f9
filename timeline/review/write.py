"""Store what a review found: happenings, their events' membership and dates, conflicts under
lasting numbers. The full rebuild replaces everything; the incremental review replaces only the
happenings and conflicts it recomputed (``Scope``). Rows go in by the thousand (executemany), not
one flush per happening."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from .. import calendar as cal
from ..store.models import Conflict, Event, Happening, Mention
from . import decisions
from .conflicts import DocumentInfo, Found, settle_date, sources_and_confidence
from .matching import Link
from .profiles import EventProfile, in_words


@dataclass
class Scope:
    """What an incremental review replaces: these happenings (and their date conflicts), the
    dateline conflicts of these documents, and these events' membership."""

    happenings: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)


def write_review(session: Session, happenings: list[list[EventProfile]], links: list[Link],
                 suspects: dict[int, Found], docs: dict[int, DocumentInfo], rulings: decisions.Rulings,
                 scope: Scope | None = None, insert_datelines: set[int] | None = None) -> None:
    """``insert_datelines``: the suspects whose dateline conflicts to store (None: all); the others
    are stored already and only weigh in on the happenings' dates."""
    numbers = _ConflictNumbers(session)
    _clear(session, scope)
    edited = set(session.scalars(_dates_changed(scope)))  # an event's own edited date outranks its happening's
    found_all: list[tuple[Found, int | None]] = [(f, None) for d, f in suspects.items()
                                                 if insert_datelines is None or d in insert_datelines]
    home = {p.key: number for number, members in enumerate(happenings) for p in members}
    explained: dict[int, list[Link]] = {}
    for link in links:
        if home.get(link.a.key) is not None and home.get(link.a.key) == home.get(link.b.key):
            explained.setdefault(home[link.a.key], []).append(link)
    next_id = (session.scalar(select(func.max(Happening.id))) or 0) + 1
    rows, members_rows = [], []
    for number, members in enumerate(happenings):
        happening_id = next_id + number
        (t0, t1), found = settle_date(members, docs, suspects, rulings)
        rows.append({"id": happening_id, "t0": t0, "t1": t1, "start_iso": cal.iso_date(t0),
                     "end_iso": cal.iso_date(t1 - 1), "conflict": found.status if found else "none",
                     "sources": len({p.document_id for p in members if p.t0 < t1 and t0 < p.t1}),
                     "why": why_merged(explained.get(number, []))})
        disputed = bool(found and found.status == "open")
        members_rows += [{"event": p.event_id, "happening": happening_id, "flag": disputed} for p in members]
        apply_decided_date(session, [p for p in members if p.event_id not in edited], rulings)
        if found:
            found_all.append((found, happening_id))
    for start in range(0, len(rows), 2000):
        session.execute(insert(Happening), rows[start:start + 2000])
    table = Event.__table__
    for start in range(0, len(members_rows), 5000):  # all at once: 200,000 rows took 150 MB more
        session.execute(update(table).where(table.c.id == bindparam("event"))
                        .values(happening_id=bindparam("happening"), disputed=bindparam("flag")),
                        members_rows[start:start + 5000])
    _insert_conflicts(session, found_all, numbers)


def _clear(session: Session, scope: Scope | None) -> None:
    if scope is None:
        session.execute(delete(Conflict))
        session.execute(delete(Happening))
        session.execute(update(Event).where(Event.happening_id.is_not(None)).values(happening_id=None, disputed=False))
        return
    gone = sorted(scope.happenings)
    for start in range(0, len(gone), 500):
        chunk = gone[start:start + 500]
        session.execute(delete(Conflict).where(Conflict.happening_id.in_(chunk)))
        session.execute(delete(Happening).where(Happening.id.in_(chunk)))
        session.execute(update(Event).where(Event.happening_id.in_(chunk)).values(happening_id=None, disputed=False))
    if scope.documents:
        session.execute(delete(Conflict).where(Conflict.kind == "dateline",
                                               Conflict.document_id.in_(sorted(scope.documents))))


def _dates_changed(scope: Scope | None = None) -> Any:
    query = select(Event.id).join(Mention, Mention.id == Event.mention_id).where(
        or_(Event.t0 != Mention.t0, Event.t1 != Mention.t1, Event.granularity != Mention.granularity))
    return query if scope is None else query.where(Event.id.in_(sorted(scope.events)))


def restore_read_dates(session: Session, scope: Scope | None = None) -> None:
    """Events whose date a decision had set go back to the date their text gives; the decisions
    still in force set them again (an undone decision must leave no trace)."""
    ids = list(session.scalars(_dates_changed(scope)))
    for chunk in range(0, len(ids), 500):
        rows = session.execute(select(Event.id, Mention.t0, Mention.t1, Mention.granularity)
                               .join(Mention, Mention.id == Event.mention_id)
                               .where(Event.id.in_(ids[chunk:chunk + 500]))).all()
        table = Event.__table__
        session.execute(update(table).where(table.c.id == bindparam("event"))
                        .values(t0=bindparam("a"), t1=bindparam("b"), granularity=bindparam("g")),
                        [{"event": r[0], "a": r[1], "b": r[2], "g": r[3] or "day"} for r in rows])


def apply_decided_date(session: Session, members: list[EventProfile], rulings: decisions.Rulings) -> None:
    """A date the analyst set or accepted moves every event of the happening (timeline, list, CSV)."""
    if not rulings.dates:
        return
    ruling = rulings.date_for({p.key for p in members})
    if ruling is None or ruling.t0 is None or ruling.t1 is None:
        return
    moved = [p.event_id for p in members if (p.t0, p.t1) != (ruling.t0, ruling.t1)
             or (ruling.granularity and ruling.granularity != p.granularity)]
    if moved:
        values: dict[str, Any] = {"t0": ruling.t0, "t1": ruling.t1}
        if ruling.granularity:
            values["granularity"] = ruling.granularity
        session.execute(update(Event).where(Event.id.in_(moved)).values(**values))


def why_merged(links: list[Link]) -> str:
    """Why these sources were merged, bounded: how many pairs, and the words they share most."""
    if not links:
        return ""
    words = Counter(in_words(w) for link in links for w in link.shared[:6])
    hows = Counter(link.how for link in links)
    kinds = ", ".join(f"{n} {how}" for how, n in hows.most_common())
    shared = ", ".join(w for w, _ in words.most_common(8))
    best = max(link.score for link in links)
    return f"{len(links)} pair{'s' if len(links) > 1 else ''} ({kinds}), best score {best:.2f}; shared: {shared or 'no words'}"


class _ConflictNumbers:
    """A conflict keeps its number across rebuilds and restarts as long as its key stands."""

    def __init__(self, session: Session) -> None:
        self.known = dict(session.execute(select(Conflict.key, Conflict.id)).all())
        self.next = max(self.known.values(), default=0) + 1

    def of(self, key: str) -> int:
        if key not in self.known:
            self.known[key], self.next = self.next, self.next + 1
        return self.known[key]


def _insert_conflicts(session: Session, found: list[tuple[Found, int | None]], numbers: _ConflictNumbers) -> None:
    """Store conflicts, each under its lasting number."""
    rows = [{"id": numbers.of(f.key), "key": f.key, "kind": f.kind, "status": f.status, "happening_id": happening_id,
             "document_id": f.document_id, "other_document_id": f.other_document_id,
             "cause_id": numbers.of(f.cause_key) if f.cause_key else None,
             "claims": json.dumps(f.claims), "gap_days": f.gap_days, "summary": f.summary, "suggestion": f.suggestion,
             "suggested_date": f.suggested_date, "reason": f.reason,
             **dict(zip(("sources", "least_confidence"), sources_and_confidence(f.claims)))}
            for f, happening_id in found]
    for start in range(0, len(rows), 2000):
        session.execute(insert(Conflict), rows[start:start + 2000])
