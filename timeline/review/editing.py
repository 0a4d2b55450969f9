"""The analyst's own edits, each stored as a decision (with time and name) and applied by the
rebuild (edits.py), so that undo/redo, re-imports and new imports all keep them."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..store.models import Binned, Decision, Document, Event, Mention, Paragraph
from .actions import Who, _decide, _key
from .rebuild import RebuildSummary

if TYPE_CHECKING:
    from ..dateinput import EnteredDate


def _date(entered: EnteredDate) -> dict:
    fields = asdict(entered)
    return {k: fields[k] for k in ("text", "value", "granularity", "t0", "t1", "mod", "open_start", "open_end")}


def edit_event(session: Session, event_id: int, title: str | None = None, date: EnteredDate | None = None,
               description: str | None = None, *, who: Who) -> RebuildSummary:
    """A new title, date (with its precision) or description for one event."""
    event = session.get(Event, event_id)
    assert event is not None
    payload: dict = {"events": [_key(session, event_id)]}
    said = []
    if title is not None and title != event.title:
        payload["title"] = title
        said.append(f"title “{title}”")
    if date is not None:
        payload["date"] = _date(date)
        said.append(f"date {date.label()}")
    if description is not None:
        payload["description"] = description
        said.append("description")
    summary = f"edited {event.document.filename}'s “{event.mention.text}”: " + ", ".join(said or ["nothing"])
    return _decide(session, "edit_event", payload, summary, who)


def add_event(session: Session, title: str, date: EnteredDate, description: str = "",
              document_id: int | None = None, paragraph: int | None = None, *, who: Who) -> RebuildSummary:
    """An event the texts do not give: on a source's paragraph (0-based), or on its own."""
    payload: dict = {"title": title, "date": _date(date), "description": description, "events": []}
    if document_id is not None:
        doc = session.get(Document, document_id)
        assert doc is not None and paragraph is not None
        earlier = session.scalars(select(Decision.payload).where(Decision.action == "add_event")).all()
        nth = sum(1 for p in earlier if (json.loads(p).get("document"), json.loads(p).get("paragraph"))
                  == (doc.sha256, paragraph))  # every add ever, undone ones too: a key never moves
        payload |= {"document": doc.sha256, "paragraph": paragraph, "nth": nth}
        where = f" on {doc.filename}, paragraph {paragraph + 1}"
    else:
        earlier = session.scalars(select(Decision.payload).where(Decision.action == "add_event")).all()
        payload["slot"] = sum(1 for p in earlier if not json.loads(p).get("document"))
        where = ""
    return _decide(session, "add_event", payload, f"added “{title}” ({date.label()}){where}", who)


def hide_events(session: Session, event_ids: Iterable[int], *, who: Who) -> RebuildSummary:
    keys = [_key(session, i) for i in event_ids]
    return _decide(session, "hide", {"events": keys}, f"hid {len(keys)} event(s)", who)


def hide_happening(session: Session, event_id: int, *, who: Who) -> RebuildSummary:
    """Every source's report of the happening this event belongs to."""
    event = session.get(Event, event_id)
    assert event is not None
    members = [event_id] if event.happening_id is None else \
        list(session.scalars(select(Event.id).where(Event.happening_id == event.happening_id)))
    keys = [_key(session, i) for i in members]
    return _decide(session, "hide", {"events": keys, "happening": True},
                   f"hid the happening “{event.title}” ({len(keys)} reports)", who)


def bin_document(session: Session, document_id: int, *, who: Who) -> RebuildSummary:
    """The document leaves the timeline; its text stays until the bin is emptied."""
    doc = session.get(Document, document_id)
    assert doc is not None
    return _decide(session, "bin_document", {"document": doc.sha256}, f"moved {doc.filename} to the bin", who)


def tag_events(session: Session, event_ids: Iterable[int], tag: str, colour: str, remove: bool = False, *,
               who: Who) -> RebuildSummary:
    keys = [_key(session, i) for i in event_ids]
    summary = f"{'untagged' if remove else 'tagged'} {len(keys)} event(s) “{tag}”"
    return _decide(session, "tag", {"events": keys, "tag": tag, "colour": colour, "remove": remove}, summary, who)


def star_events(session: Session, event_ids: Iterable[int], on: bool, *, who: Who) -> RebuildSummary:
    keys = [_key(session, i) for i in event_ids]
    return _decide(session, "star", {"events": keys, "on": on}, f"{'starred' if on else 'unstarred'} "
                   f"{len(keys)} event(s)", who)


def binned_documents(session: Session) -> list[Document]:
    ids = select(Binned.document_id).where(Binned.kind == "document")
    return list(session.scalars(select(Document).where(Document.id.in_(ids)).order_by(Document.filename)))


def empty_bin(session: Session) -> int:
    """Delete the binned documents for good (text, paragraphs, dates): this cannot be undone."""
    docs = binned_documents(session)
    for doc in docs:
        session.execute(delete(Event).where(Event.document_id == doc.id))
        session.execute(delete(Mention).where(Mention.document_id == doc.id))
        session.execute(delete(Paragraph).where(Paragraph.document_id == doc.id))
        session.execute(delete(Binned).where(Binned.document_id == doc.id))
        session.delete(doc)
    session.flush()
    return len(docs)


def bin_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Binned).where(Binned.kind == "document")) or 0
