"""A decision on one conflict's date recomputes that happening only: its date, its conflict's
status and reason, its events' dates and flags. Merging is untouched by such a decision (which
events report the same happening does not depend on the date chosen for it), so the whole-project
rebuild is not needed and the analyst's click costs milliseconds, not minutes, on big projects."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from .. import calendar as cal
from ..store.models import Annotation, Conflict, Event, Happening
from . import decisions, freshness
from .conflicts import Found, settle_date, sources_and_confidence
from .profiles import EventProfile
from .index import profiles as _profiles
from .rebuild import RebuildSummary, _documents
from .write import apply_decided_date

DATE_ACTIONS = ("accept", "set_date", "dismiss")


def resettle(session: Session, conflict_key: str) -> RebuildSummary | None:
    """Settle the conflict with this key again after a decision on it; None when it is gone
    (the caller then rebuilds)."""
    session.flush()
    conflict = session.scalars(select(Conflict).where(Conflict.key == conflict_key)).first()
    if conflict is None:
        return None
    rulings = decisions.rulings(session)
    if conflict.kind == "dateline":
        suspect_hash = conflict.key.split(":")[1]
        corrected = any(h.startswith(suspect_hash) for h in rulings.datelines)
        conflict.status = "resolved" if corrected or conflict.key in rulings.dismissed else "open"
        session.flush()
        freshness.stamp(session, freshness.data_state(session))  # else the next opening rebuilds it all
        return summary(session)
    if conflict.happening_id is None:
        return None
    members = _profiles(session, Event.happening_id == conflict.happening_id, words=False)  # dates only
    if len(members) < 2:
        return None
    docs = _documents(session, {p.document_id for p in members})
    suspects = {document_id: Found(key, "dateline", status) for document_id, key, status in session.execute(
        select(Conflict.document_id, Conflict.key, Conflict.status).where(  # not whole rows: claims are long
            Conflict.kind == "dateline", Conflict.document_id.in_(list(docs))))}
    (t0, t1), found = settle_date(members, docs, suspects, rulings)
    if found is None or found.key != conflict.key:
        return None
    free = _not_edited(session, members)
    _restore_members(session, free)
    apply_decided_date(session, free, rulings)
    happening = session.get(Happening, conflict.happening_id)
    if happening is not None:
        happening.t0, happening.t1, happening.start_iso, happening.end_iso = t0, t1, cal.iso_date(t0), cal.iso_date(t1 - 1)
        happening.sources = len({p.document_id for p in members if p.t0 < t1 and t0 < p.t1})
        happening.conflict = found.status
    session.execute(update(Event).where(Event.happening_id == conflict.happening_id)
                    .values(disputed=found.status == "open"))
    _copy(found, conflict)
    session.flush()
    freshness.stamp(session, freshness.data_state(session))  # the review holds this decision: no rebuild on opening
    return summary(session)


def _restore_members(session: Session, members: list[EventProfile]) -> None:
    """The members' dates as their texts give them, before the decisions in force are laid on."""
    if not members:
        return
    table = Event.__table__  # one statement for all (a happening of a 1,000 sources: 1,000 updates)
    session.execute(update(table).where(table.c.id == bindparam("event"))
                    .values(t0=bindparam("a"), t1=bindparam("b"), granularity=bindparam("g")),
                    [{"event": p.event_id, "a": p.t0, "b": p.t1, "g": p.granularity or "day"} for p in members])


def _not_edited(session: Session, members: list[EventProfile]) -> list[EventProfile]:
    """An event whose own date the analyst edited keeps it (it outranks its happening's)."""
    edited = set(session.scalars(select(Annotation.event_key).where(
        Annotation.event_key.in_([p.key for p in members]), Annotation.date_edited.is_(True))))
    return [p for p in members if p.key not in edited]


def _copy(found: Found, conflict: Conflict) -> None:
    conflict.status, conflict.reason, conflict.summary = found.status, found.reason, found.summary
    conflict.suggestion, conflict.suggested_date, conflict.gap_days = found.suggestion, found.suggested_date, found.gap_days
    conflict.claims = json.dumps(found.claims)
    conflict.sources, conflict.least_confidence = sources_and_confidence(found.claims)


def summary(session: Session) -> RebuildSummary:
    count: Any = func.count()
    happenings = session.scalar(select(count).select_from(Happening)) or 0
    open_count = session.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open")) or 0
    return RebuildSummary(happenings, open_count, 0)
