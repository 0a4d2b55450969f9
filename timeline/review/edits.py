"""The analyst's own changes to the timeline, applied at every rebuild from the decisions:
edited titles, dates and descriptions, events added by hand, hidden events and binned documents,
tags and stars. Like happenings, their effect is derived: ``restore`` takes the last one back
(the text's own titles and dates, hidden rows put back), ``apply`` lays the active decisions on
again, so undo, redo, re-imports and corrected datelines all meet the same rule."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .. import calendar as cal
from ..store.models import Annotation, Binned, Decision, Document, Event, Mention, Paragraph
from .profiles import event_key

ACTIONS = ("edit_event", "add_event", "hide", "bin_document", "tag", "star")
MANUAL = "manual"  # mention rule and dateline method of what the analyst added
HOST_HASH = hashlib.sha256(b"timeline builder: events added by the analyst").hexdigest()
HOST_NAME = "Added by the analyst"
_ROW = ("document_id", "mention_id", "t0", "t1", "granularity", "open_start", "open_end", "confidence", "title",
        "sentence", "sentence_start", "sentence_end", "paragraph_index")


def restore(session: Session) -> None:
    """The events as the texts give them: edits undone, hidden rows back, added events gone."""
    annotations = session.scalars(select(Annotation)).all()
    binned = session.scalars(select(Binned).where(Binned.kind == "event")).all()
    keyed = _events_by_key(session, {a.event_key for a in annotations})
    for a in annotations:
        event = keyed.get(a.event_key)
        if event is None:
            continue
        if a.title_was is not None:
            event.title = a.title_was
        if a.date_edited:
            m = event.mention
            event.t0, event.t1, event.granularity = m.t0, m.t1, m.granularity or event.granularity
            event.open_start, event.open_end = m.open_start, m.open_end
    for b in binned:
        row = json.loads(b.row or "{}")
        alive = session.get(Mention, row.get("mention_id"))
        taken = session.scalar(select(Event.id).where(Event.mention_id == row.get("mention_id")))
        if alive is not None and taken is None:
            session.add(Event(**row))
    if session.scalar(select(Decision.id).where(Decision.action == "add_event").limit(1)) is not None:
        manual = select(Mention.id).where(Mention.rule == MANUAL)  # a scan: only once something was added
        session.execute(delete(Event).where(Event.mention_id.in_(manual)))
        session.execute(delete(Mention).where(Mention.rule == MANUAL))
    session.execute(delete(Annotation))
    session.execute(delete(Binned))
    session.flush()


def apply(session: Session) -> None:
    """Lay the active decisions on, oldest first."""
    active = session.scalars(select(Decision).where(Decision.state == "active", Decision.action.in_(ACTIONS))
                             .order_by(Decision.id)).all()
    host = _host(session)
    if host is not None:  # made again from the decisions when an added event needs it
        session.delete(host)
        session.flush()
    if not active:
        return
    payloads = [(d, json.loads(d.payload)) for d in active]
    keys = {k for _, p in payloads for k in p.get("events", [])}
    keyed = _events_by_key(session, keys)
    for decision, payload in payloads:
        _APPLY[decision.action](session, decision, payload, keyed)
    session.flush()


MARKS = ("edit_event", "tag", "star")  # without a date: marks on events, no date or grouping changes


def marks_only(action: str, payload: dict) -> bool:
    return action in MARKS and "date" not in payload


def mark_again(session: Session, keys: Iterable[str]) -> None:
    """The tags, stars, titles and descriptions of these events laid on again from the active
    decisions (after one on them was taken, undone or redone): what ``restore`` then ``apply``
    give them, without rebuilding the project (a star took a full rebuild: 70 s at 50,000 articles)."""
    wanted = set(keys)
    keyed = _events_by_key(session, wanted)
    for mark in session.scalars(select(Annotation).where(Annotation.event_key.in_(sorted(wanted)))).all():
        event = keyed.get(mark.event_key)
        if event is not None and mark.title_was is not None:
            event.title = mark.title_was
        session.delete(mark)  # (an edited date stays: its decision, active, is laid on again below)
    session.flush()
    active = session.scalars(select(Decision).where(Decision.state == "active", Decision.action.in_(MARKS))
                             .order_by(Decision.id)).all()
    for decision in active:
        payload = json.loads(decision.payload)
        mine = [k for k in payload.get("events", []) if k in wanted]
        if mine:
            _APPLY[decision.action](session, decision, payload | {"events": mine}, keyed)
    session.flush()


def _events_by_key(session: Session, keys: set[str]) -> dict[str, Event]:
    """The current event of each key (keys name document hash + span; ids change on re-resolving)."""
    if not keys:
        return {}
    prefixes = {k.split(":", 1)[0] for k in keys}
    rows = session.execute(select(Event, Document.sha256, Mention.start, Mention.end)
                           .join(Document, Document.id == Event.document_id)
                           .join(Mention, Mention.id == Event.mention_id)
                           .where(func.substr(Document.sha256, 1, 16).in_(prefixes)))
    found = {event_key(sha, start, end): event for event, sha, start, end in rows}
    return {k: found[k] for k in keys if k in found}


def _annotation(session: Session, key: str) -> Annotation:
    found = session.scalars(select(Annotation).where(Annotation.event_key == key)).first()
    if found is None:
        found = Annotation(event_key=key, tags="[]", description="", starred=False, date_edited=False)
        session.add(found)
    return found


def _edit(session: Session, _d: Decision, p: dict, keyed: dict[str, Event]) -> None:
    for key in p["events"]:
        event = keyed.get(key)
        if event is None:
            continue
        mark = _annotation(session, key)
        if "title" in p:
            mark.title_was = event.title if mark.title_was is None else mark.title_was
            event.title = p["title"]
        if "date" in p:
            _set_date(event, p["date"])
            mark.date_edited = True
        if "description" in p:
            mark.description = p["description"]


def _set_date(event: Event, date: dict) -> None:
    event.t0, event.t1, event.granularity = date["t0"], date["t1"], date["granularity"]
    event.open_start, event.open_end = bool(date.get("open_start")), bool(date.get("open_end"))


def _hide(session: Session, _d: Decision, p: dict, keyed: dict[str, Event]) -> None:
    for key in p["events"]:
        event = keyed.pop(key, None)
        if event is not None:
            _to_bin(session, event, key)


def _to_bin(session: Session, event: Event, key: str) -> None:
    row = {name: getattr(event, name) for name in _ROW}
    session.add(Binned(kind="event", document_id=event.document_id, event_key=key, row=json.dumps(row)))
    session.delete(event)


def _bin_document(session: Session, _d: Decision, p: dict, keyed: dict[str, Event]) -> None:
    doc = session.scalars(select(Document).where(Document.sha256 == p["document"])).first()
    if doc is None:
        return
    rows = session.execute(select(Event, Mention.start, Mention.end).join(Mention, Mention.id == Event.mention_id)
                           .where(Event.document_id == doc.id)).all()
    for event, start, end in rows:
        keyed.pop(event_key(doc.sha256, start, end), None)
        _to_bin(session, event, event_key(doc.sha256, start, end))
    session.add(Binned(kind="document", document_id=doc.id))


def _tag(session: Session, _d: Decision, p: dict, keyed: dict[str, Event]) -> None:
    for key in p["events"]:
        mark = _annotation(session, key)
        tags = [t for t in json.loads(mark.tags) if t[0] != p["tag"]]
        if not p.get("remove"):
            tags.append([p["tag"], p.get("colour", "#868e96")])
        mark.tags = json.dumps(tags)


def _star(session: Session, _d: Decision, p: dict, keyed: dict[str, Event]) -> None:
    for key in p["events"]:
        _annotation(session, key).starred = bool(p["on"])


def _add(session: Session, d: Decision, p: dict, keyed: dict[str, Event]) -> None:
    """An event the analyst adds: on a paragraph of a source, or on the project's own page."""
    if p.get("document"):
        doc = session.scalars(select(Document).where(Document.sha256 == p["document"])).first()
        paragraph = doc and session.scalars(select(Paragraph).where(Paragraph.document_id == doc.id,
                                                                    Paragraph.index == p["paragraph"])).first()
    else:
        doc = _host(session) or _new_host(session)
        paragraph = session.scalars(select(Paragraph).where(Paragraph.document_id == doc.id,
                                                            Paragraph.index == p["slot"])).first()
    if doc is None or paragraph is None:
        return
    date = p["date"]
    start_iso, end_iso = iso_interval(date["t0"], date["t1"], date["granularity"])
    # the span is the event's identity (its key): the nth event added to one paragraph starts n
    # characters in, so that two added to the same paragraph are edited, tagged and hidden apart
    start = paragraph.start + min(int(p.get("nth", 0)), max(0, paragraph.end - paragraph.start - 1))
    mention = Mention(document_id=doc.id, paragraph_index=paragraph.index, start=start, end=paragraph.end,
                      text=date["text"], kind="point", type="DATE", value=date["value"], underspecified="",
                      mod=date.get("mod"), granularity=date["granularity"], t0=date["t0"], t1=date["t1"],
                      start_iso=start_iso, end_iso=end_iso, open_start=bool(date.get("open_start")),
                      open_end=bool(date.get("open_end")), confidence=1.0,
                      reason=f"added by {d.user} on {d.at[:10]}: “{date['text']}”", rule=MANUAL, tense=None)
    session.add(mention)
    session.flush()
    event = Event(document_id=doc.id, mention_id=mention.id, t0=date["t0"], t1=date["t1"],
                  granularity=date["granularity"], open_start=mention.open_start, open_end=mention.open_end,
                  confidence=1.0, title=p["title"], sentence=p.get("description") or p["title"],
                  sentence_start=paragraph.start, sentence_end=paragraph.end, paragraph_index=paragraph.index)
    session.add(event)
    key = event_key(doc.sha256, mention.start, mention.end)
    keyed[key] = event  # later decisions (an edit, a hide) find the added event like any other
    if p.get("description"):
        _annotation(session, key).description = p["description"]


def iso_interval(t0: float, t1: float, granularity: str) -> tuple[str, str]:
    """As the importer stores a mention's: dates, or date-times for clock granularities."""
    if granularity in ("minute", "hour", "part_of_day"):
        return cal.iso_datetime(t0), cal.iso_datetime(t1)
    return cal.iso_date(t0), cal.iso_date(t1 - 1)


def _host(session: Session) -> Document | None:
    return session.scalars(select(Document).where(Document.sha256 == HOST_HASH)).first()


def _new_host(session: Session) -> Document:
    """The page that holds events added without a source: one paragraph per event ever added,
    in order, so that each keeps its span (its key) whatever is undone later."""
    added = session.execute(select(Decision.payload, Decision.at).where(Decision.action == "add_event")
                            .order_by(Decision.id)).all()
    texts = [json.loads(payload) for payload, _ in added]
    texts = [f"{p['title']} ({p['date']['text']})" + (f": {p['description']}" if p.get("description") else "")
             for p in texts if not p.get("document")]
    text = "\n\n".join(texts)
    first_day = min((json.loads(payload)["date"]["t0"] for payload, _ in added), default=0)
    host = Document(sha256=HOST_HASH, filename=HOST_NAME, path="", format=MANUAL, encoding="utf-8",
                    size=len(text.encode()), file_time=None, imported_at=added[-1][1] if added else "",
                    title=HOST_NAME, text=text, raw=b"", warnings="", dateline_day=int(first_day),
                    dateline_iso="none (added by hand)", dateline_method=MANUAL, dateline_confidence=1.0,
                    dateline_reason="events the analyst added without a source", dateline_inferred=False,
                    dateline_fallback=False)
    session.add(host)
    session.flush()
    at = 0
    for index, body in enumerate(texts):
        session.add(Paragraph(document_id=host.id, index=index, start=at, end=at + len(body), boilerplate=False,
                              reason=""))
        at += len(body) + 2
    session.flush()
    return host


_APPLY = {"edit_event": _edit, "add_event": _add, "hide": _hide, "bin_document": _bin_document, "tag": _tag,
          "star": _star}
