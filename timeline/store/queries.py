"""Read-side queries for the window through the ORM: text order, search, one event's source.
The timeline's arrays are read without the ORM (arrays.py, re-exported here)."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from . import models
from .arrays import (EventText, Lane, TextPages, TimelineData, is_current, load_timeline,  # noqa: F401
                     shown_interval)
from .session import Store


_TEXT_COLUMNS = {"title": models.Event.title, "granularity": models.Event.granularity,
                 "expression": models.Mention.text, "confidence": models.Event.confidence}


def ordered_event_ids(store: Store, column: str) -> np.ndarray:
    """Every event id, ordered by one column (the database sorts; Python would take seconds)."""
    query = select(models.Event.id).join(models.Mention, models.Mention.id == models.Event.mention_id) \
        .order_by(_TEXT_COLUMNS[column], models.Event.t0)
    with store.engine.connect() as connection:
        return np.fromiter(connection.execute(query).scalars(), dtype=np.int64)


def search_events(store: Store, needle: str) -> np.ndarray:
    """Ids of events whose title, expression, value, date or source contains ``needle`` (any case),
    or whose paragraph in the article does: a search of every article's text, shown as its events."""
    pattern = _like(needle)
    fields = (models.Event.title, models.Mention.text, models.Mention.value, models.Mention.start_iso,
              models.Document.title, models.Document.filename)
    query = select(models.Event.id).join(models.Mention, models.Mention.id == models.Event.mention_id) \
        .join(models.Document, models.Document.id == models.Event.document_id) \
        .where(or_(*(f.ilike(pattern, escape="\\") for f in fields)))
    paragraph = models.Paragraph
    in_text = select(models.Event.id).join(models.Document, models.Document.id == models.Event.document_id) \
        .join(paragraph, (paragraph.document_id == models.Event.document_id)
              & (paragraph.index == models.Event.paragraph_index)) \
        .where(models.Document.text.ilike(pattern, escape="\\"),
               func.substr(models.Document.text, paragraph.start + 1, paragraph.end - paragraph.start)
               .ilike(pattern, escape="\\"))
    with store.engine.connect() as connection:
        found = chain(connection.execute(query).scalars(), connection.execute(in_text).scalars())
        return np.unique(np.fromiter(found, dtype=np.int64))


def _like(needle: str) -> str:
    """A LIKE pattern that finds ``needle`` as typed (its %, _ and backslashes escaped with \\)."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def articles_containing(store: Store, needle: str) -> int:
    """How many articles contain ``needle`` anywhere (a hit may lie in a paragraph without a date)."""
    pattern = _like(needle)
    query = select(func.count(models.Document.id)).where(models.Document.text.ilike(pattern, escape="\\"))
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


@dataclass(frozen=True)
class EventSource:
    """What the source panel shows for one event: where it came from and why it has its date."""

    event_id: int
    document_id: int
    title: str
    filename: str
    text: str
    paragraph_start: int
    paragraph_end: int
    paragraph_number: int
    page: int | None
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
    language: str = ""  # "French (fr; py3langid 0.99); numeric dates day-first, ..."
    read_as: str = ""  # the interval the text gives, when a decision set another one


def event_source(session: Session, event_id: int) -> EventSource | None:
    event = session.get(models.Event, event_id)
    if event is None:
        return None
    doc, mention = event.document, event.mention
    paragraph = session.scalars(select(models.Paragraph).where(models.Paragraph.document_id == doc.id,
                                                               models.Paragraph.index == event.paragraph_index)).first()
    start, end, page = _paragraph_bounds(doc.text, mention.start, mention.end) if paragraph is None else \
        (paragraph.start, paragraph.end, paragraph.page)
    how = doc.dateline_method + (", year inferred" if doc.dateline_inferred else "")
    interval, read = interval_texts(event.t0, event.t1, mention.t0, mention.t1, mention.start_iso, mention.end_iso)
    return EventSource(event.id, doc.id, doc.title, doc.filename, doc.text, start, end,
                       event.paragraph_index + 1, page, mention.start, mention.end, mention.text, mention.value,
                       interval, mention.reason, mention.confidence,
                       dateline_text(doc.dateline_iso, doc.dateline_place, doc.dateline_agency), how,
                       doc.dateline_reason, doc.language_reason or (doc.language or ""), read)


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int, None]:
    """The blank-line paragraph around a mention, for an event whose paragraph row is missing (a
    project written by another tool): its source still shows, never an error."""
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return (0 if before < 0 else before + 2), (len(text) if after < 0 else after), None


def interval_texts(t0: float, t1: float, read_t0: float | None, read_t1: float | None, start_iso: str | None,
                   end_iso: str | None) -> tuple[str, str]:
    """An event's interval as shown, and the one its text gives when a decision set another ("" if not)."""
    first, last = shown_interval(t0, t1, read_t0, read_t1, start_iso, end_iso)
    read = "" if (t0, t1) == (read_t0, read_t1) else (start_iso if start_iso == end_iso else f"{start_iso} – {end_iso}")
    return (first if first == last else f"{first} – {last}"), read


def dateline_text(iso: str, place: str | None, agency: str | None) -> str:
    where = ", ".join(x for x in (place, agency) if x)
    return iso + (f" ({where})" if where else "")
