"""What the analyst can do about a conflict or an event. Each action is stored as a decision
(with time and name) and the merged view is rebuilt; ``undo``/``redo`` take it back and forth."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import calendar as cal
from ..store.models import Conflict, Decision, Document, Event, Mention, Paragraph
from . import decisions, edits, freshness
from .edits import HOST_HASH, MANUAL
from .profiles import event_key
from .rebuild import RebuildSummary, rebuild
from .resettle import DATE_ACTIONS, resettle, summary

if TYPE_CHECKING:  # the date parser loads the temporal grammar: on the first typed date, not at start-up
    from ..dateinput import EnteredDate


class DecisionError(ValueError):
    """A decision that cannot be carried out; the text is for the analyst."""


@dataclass(frozen=True)
class Who:
    user: str
    at: str  # ISO time, given by the caller: the core never reads the clock


def correct_dateline(session: Session, document_id: int, day: EnteredDate | str, who: Who,
                     note: str = "") -> RebuildSummary:
    """The document's real publication day; every date counted from it is resolved again.
    ``day`` as typed is checked first (DateInputError: a plain message for the analyst)."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise DecisionError("That document is no longer in the project.")
    from ..dateinput import EnteredDate, parse_day_input

    entry = parse_day_input(day.text if isinstance(day, EnteredDate) else day)
    summary = f"corrected the dateline of {_title(doc)} from {doc.dateline_iso[:10]} to {entry.first_day}" \
        + (f" ({note})" if note else "")
    payload = {"document": doc.sha256, "day": int(entry.t0), "was": doc.dateline_iso}
    return _decide(session, "dateline", payload, summary, who)


def accept_source(session: Session, conflict_id: int, event_id: int, who: Who) -> RebuildSummary:
    """The happening takes the date of one source's event (as that source read it)."""
    event = session.get(Event, event_id)
    conflict = session.get(Conflict, conflict_id)
    if event is None or conflict is None:
        raise DecisionError("That conflict changed meanwhile; choose it again.")
    mention = event.mention
    summary = f"accepted {_title(event.document)}'s date {_interval(mention.t0, mention.t1)} for {describe(conflict)}"
    return _decide(session, "accept", {"members": _members(conflict), "t0": mention.t0, "t1": mention.t1,
                                       "granularity": mention.granularity, "source": _key(session, event_id),
                                       "conflict": conflict.key}, summary, who)


def set_date(session: Session, conflict_id: int, when: EnteredDate | str, who: Who) -> RebuildSummary:
    """The analyst's own date for the happening; ``when`` as typed is checked first."""
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise DecisionError("That conflict changed meanwhile; choose it again.")
    from ..dateinput import EnteredDate, parse_date_input

    entry = when if isinstance(when, EnteredDate) else parse_date_input(when)
    summary = f"set the date of {describe(conflict)} to {entry.label()}"
    payload = {"members": _members(conflict), "t0": entry.t0, "t1": entry.t1, "granularity": entry.granularity,
               "typed": entry.text, "conflict": conflict.key}
    return _decide(session, "set_date", payload, summary, who)


def dismiss(session: Session, conflict_id: int, who: Who, note: str = "") -> RebuildSummary:
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise DecisionError("That conflict changed meanwhile; choose it again.")
    payload = {"conflict": conflict.key, "members": _members(conflict)}
    return _decide(session, "dismiss", payload, f"dismissed {describe(conflict)}" + (f": {note}" if note else ""), who)


def accept_suggestions(session: Session, conflict_ids: Iterable[int], who: Who) -> RebuildSummary:
    """Accept the suggestion of many conflicts at once (a family of copies): one rebuild, and one
    undo takes them all back. A dateline conflict corrects the suspect dateline; a date conflict
    takes the date most sources give."""
    batch: int | None = None
    count = 0
    for conflict in [session.get(Conflict, i) for i in conflict_ids]:
        if conflict is None or conflict.status != "open":
            continue
        action, payload, summary = _suggested(session, conflict)
        payload["batch"] = batch
        decision = decisions.record(session, action, payload, summary, who.user, who.at)
        if batch is None:
            batch = decision.id
            decision.payload = json.dumps(payload | {"batch": batch})
        count += 1
    if not count:
        raise DecisionError("Those conflicts are settled already.")
    return rebuild(session)


def _suggested(session: Session, conflict: Conflict) -> tuple[str, dict, str]:
    if conflict.kind == "dateline":
        doc = session.get(Document, conflict.document_id)
        from ..dateinput import parse_day_input

        day = parse_day_input(conflict.suggested_date or "")
        if doc is None:
            raise DecisionError("That document is no longer in the project.")
        return ("dateline", {"document": doc.sha256, "day": int(day.t0), "was": doc.dateline_iso},
                f"corrected the dateline of {_title(doc)} from {doc.dateline_iso[:10]} to {day.first_day} (suggested)")
    claims = json.loads(conflict.claims)
    chosen = next((c for c in claims if conflict.suggested_date and c["date"].startswith(conflict.suggested_date)),
                  claims[0])
    event = session.get(Event, chosen["event_id"])
    if event is None:
        raise DecisionError("That conflict changed meanwhile; choose it again.")
    mention = event.mention
    return ("accept", {"members": _members(conflict), "t0": mention.t0, "t1": mention.t1,
                       "granularity": mention.granularity, "source": _key(session, event.id), "conflict": conflict.key},
            f"accepted {_title(event.document)}'s date {_interval(mention.t0, mention.t1)} for {describe(conflict)} "
            "(suggested)")


def describe(conflict: Conflict) -> str:
    """A conflict in words that stay true after rebuilds (row numbers do not)."""
    claims = json.loads(conflict.claims)
    if conflict.kind == "dateline":
        return f"the dateline of {claims[0].get('title') or claims[0]['filename']}"
    sources = sorted({c.get("title") or c["filename"] for c in claims})
    shown = ", ".join(_short(t) for t in sources[:3]) + (f" and {len(sources) - 3} more" if len(sources) > 3 else "")
    return f"“{claims[0]['expression']}” ({shown})"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _title(doc: Document) -> str:
    return _short(doc.title or doc.filename, 60)


def _interval(t0: float | None, t1: float | None) -> str:
    if t0 is None or t1 is None:
        return "no date"
    first, last = cal.iso_date(t0), cal.iso_date(t1 - 1e-9)
    return first if first == last else f"{first} – {last}"


def split_event(session: Session, event_id: int, who: Who) -> RebuildSummary:
    """'These are different events': this event leaves its happening and never rejoins it."""
    event = session.get(Event, event_id)
    if event is None or event.happening_id is None:
        raise DecisionError("That event is not merged with any other; there is nothing to split it from.")
    others = [e for e in session.scalars(select(Event.id).where(Event.happening_id == event.happening_id))
              if e != event_id]
    payload = {"event": _key(session, event_id), "others": [_key(session, e) for e in others]}
    return _decide(session, "split", payload, f"split {_title(event.document)}'s “{event.mention.text}” off", who)


def merge_events(session: Session, first: int, second: int, who: Who) -> RebuildSummary:
    a, b = session.get(Event, first), session.get(Event, second)
    if a is None or b is None or first == second:
        raise DecisionError("Select two different events to merge.")
    summary = f"merged {_title(a.document)}'s “{a.mention.text}” with {_title(b.document)}'s “{b.mention.text}”"
    return _decide(session, "merge", {"a": _key(session, first), "b": _key(session, second)}, summary, who)


def add_note(session: Session, event_id: int, text: str, who: Who) -> RebuildSummary:
    return _decide(session, "note", {"event": _key(session, event_id), "text": text}, text, who)


def undo(session: Session) -> Decision | None:
    return _step(session, decisions.undo)


def redo(session: Session) -> Decision | None:
    return _step(session, decisions.redo)


def _step(session: Session, step: Callable[[Session], Decision | None]) -> Decision | None:
    """Undo or redo the last decision, and recompute what it touches."""
    current = freshness.is_current(session)
    stepped = step(session)
    if stepped:
        _recompute_after(session, stepped, current)
    return stepped


def _recompute_after(session: Session, decision: Decision, current: bool) -> None:
    payload = json.loads(decision.payload)
    if payload.get("batch") is not None or not current:
        rebuild(session)
    else:
        _recompute(session, decision.action, payload)


def event_history(session: Session, event_id: int) -> list[Decision]:
    """Decisions on this event, on the happening it belongs to, or on the datelines of its sources."""
    event = session.get(Event, event_id)
    if event is None:
        return []
    members = [event] if event.happening_id is None else \
        session.scalars(select(Event).where(Event.happening_id == event.happening_id)).all()
    keys = {_key(session, e.id) for e in members}
    added = frozenset(_added_where(session, e) for e in members if e.mention.rule == MANUAL)
    return decisions.history(session, keys, {e.document.sha256 for e in members}, added)


def _added_where(session: Session, event: Event) -> tuple:
    """The (document, paragraph, nth) an added event was put at (edits._add spells it so)."""
    paragraph_start = session.scalar(select(Paragraph.start).where(Paragraph.document_id == event.document_id,
                                                                   Paragraph.index == event.paragraph_index))
    document = None if event.document.sha256 == HOST_HASH else event.document.sha256
    return document, event.paragraph_index, event.mention.start - (paragraph_start or 0)


def _decide(session: Session, action: str, payload: dict, summary: str, who: Who) -> RebuildSummary:
    # a review already behind its data (an import stopped before its review) is built again whole:
    # the partial paths below patch a current review, and would stamp a stale one as current
    current = freshness.is_current(session)
    decisions.record(session, action, payload, summary, who.user, who.at)
    return _recompute(session, action, payload) if current else rebuild(session)


def _recompute(session: Session, action: str, payload: dict) -> RebuildSummary:
    """Only what the decision touches: a note changes nothing shown, a date decision one
    happening, a merge or a split the part of the project its events are connected to; a
    corrected dateline (its document resolved again) rebuilds."""
    if action == "note":
        session.flush()
        freshness.stamp(session, freshness.data_state(session))  # nothing shown changes: still current
        return summary(session)
    if action in DATE_ACTIONS and payload.get("conflict"):
        done = resettle(session, payload["conflict"])
        if done is not None:
            return done
    if edits.marks_only(action, payload):  # tags, stars, titles, descriptions: only those events' marks
        edits.mark_again(session, payload["events"])
        freshness.stamp(session, freshness.data_state(session))
        return summary(session)
    if action in ("merge", "split"):
        from .regroup import regroup_events

        keys = {payload["a"], payload["b"]} if action == "merge" else {payload["event"], *payload["others"]}
        done = regroup_events(session, keys)
        if done is not None:
            return done
    return rebuild(session)


def _members(conflict: Conflict) -> list[str]:
    return [claim["event_key"] for claim in json.loads(conflict.claims) if "event_key" in claim]


def _key(session: Session, event_id: int) -> str:
    row = session.execute(select(Document.sha256, Mention.start, Mention.end)
                          .join(Event, Event.document_id == Document.id).join(Mention, Mention.id == Event.mention_id)
                          .where(Event.id == event_id)).one()
    return event_key(*row)
