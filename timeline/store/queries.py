"""Read-side queries for the window: the timeline as arrays, lanes, one event's source."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any
from itertools import chain
from pathlib import Path

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .. import calendar as cal
from . import models, snapshot
from .session import Store


@dataclass(frozen=True)
class Lane:
    document_id: int
    label: str
    dateline: str
    dateline_inferred: bool
    fallback: bool
    agency: str = ""  # of the dateline: "TOKYO (Jiji Press) —"
    path: str = ""  # where the file was imported from (a saved page's address, when it had one)


@dataclass(frozen=True)
class EventText:
    """What a label, tooltip or table row shows of one event."""

    title: str
    expression: str
    value: str
    granularity: str
    start: str
    end: str
    confidence: float
    sources: int  # documents that report it (1 when no other source does)
    conflict: str  # none | open | resolved

    @property
    def when(self) -> str:
        return self.start if self.start == self.end else f"{self.start} – {self.end}"


class TextPages:
    """Event texts fetched a page at a time when something shows them, so that opening a project
    of a million events reads only the numbers the canvas needs."""

    PAGE = 512

    def __init__(self, ids: np.ndarray, fetch: Callable[[list[int]], dict[int, EventText]]) -> None:
        self._ids = ids
        self._fetch = fetch
        self._cache: dict[int, EventText] = {}

    def prefetch(self, indices: np.ndarray) -> None:
        """Fetch in one query the texts of the given rows that are not cached yet."""
        missing = [int(i) for i in self._ids[indices] if int(i) not in self._cache]
        if missing:
            self._cache.update(self._fetch(missing))

    def __getitem__(self, index: int) -> EventText:
        event_id = int(self._ids[index])
        if event_id not in self._cache:
            first = index - index % self.PAGE
            self._cache.update(self._fetch([int(i) for i in self._ids[first:first + self.PAGE]]))
        return self._cache[event_id]


@dataclass
class TimelineData:
    """Every event as parallel arrays sorted by start (the canvas culls and aggregates on these);
    texts come from ``texts[i]`` on demand."""

    ids: np.ndarray
    t0: np.ndarray
    t1: np.ndarray
    lane: np.ndarray  # index into lanes
    exact: np.ndarray  # True where the date is a day or finer (a marker, not a bar)
    open_start: np.ndarray
    open_end: np.ndarray
    disputed: np.ndarray  # the event's happening has an open conflict
    texts: TextPages
    lanes: list[Lane]
    confidence: np.ndarray | None = None  # 0..1 in sevenths: how sure the date is (drawn as opacity)
    happening: np.ndarray | None = None  # the merged happening each event belongs to (0: told by one source)
    unchecked: str | None = None  # read from a snapshot without checking its fingerprint (see is_current)

    def __len__(self) -> int:
        return len(self.ids)

    def index_of(self, event_id: int) -> int | None:
        found = np.nonzero(self.ids == event_id)[0]
        return int(found[0]) if len(found) else None

    def in_lanes(self, first: int, last: int) -> np.ndarray:
        """Indices of the events in lanes first..last-1, each lane's in date order."""
        bounds = self._lane_bounds
        return self._by_lane[bounds[max(0, first)]:bounds[max(0, min(last, len(bounds) - 1))]]

    def in_window(self, t0: float, t1: float) -> np.ndarray:
        """Indices of events that may overlap [t0, t1]: bounded with the sorted starts."""
        low = np.searchsorted(self.t0, t0 - self._longest, side="left")
        return np.arange(low, np.searchsorted(self.t0, t1, side="right"))

    @cached_property
    def _by_lane(self) -> np.ndarray:
        return np.argsort(self.lane, kind="stable")  # stable: keeps date order inside each lane

    @cached_property
    def _lane_bounds(self) -> np.ndarray:
        return np.searchsorted(self.lane[self._by_lane], np.arange(len(self.lanes) + 1))

    @cached_property
    def source_count(self) -> np.ndarray:
        """Per event: how many documents report its happening (1 for an event told by one source)."""
        counts = np.ones(len(self), dtype=np.int64)
        if self.happening is None or not len(self):
            return counts
        merged = np.nonzero(self.happening > 0)[0]
        pairs = np.unique(np.stack([self.happening[merged], self.lane[merged].astype(np.int64)]), axis=1)
        happenings, per = np.unique(pairs[0], return_counts=True)
        counts[merged] = per[np.searchsorted(happenings, self.happening[merged])]
        return counts

    @cached_property
    def _longest(self) -> float:
        return float((self.t1 - self.t0).max()) if len(self) else 0.0

    def indices_of(self, event_ids: np.ndarray) -> np.ndarray:
        """Row indices of the given event ids, in their order (unknown ids are dropped)."""
        by_id = np.argsort(self.ids)
        where = np.searchsorted(self.ids, event_ids, sorter=by_id).clip(0, max(0, len(self.ids) - 1))
        found = by_id[where] if len(self.ids) else where
        return found[self.ids[found] == event_ids] if len(self.ids) else found


_EXACT = "('day', 'hour', 'minute', 'part_of_day')"
_TEXT_SQL = ("SELECT e.id, e.title, m.text, m.value, e.granularity, m.start_iso, m.end_iso, e.confidence, "
             "COALESCE(h.sources, 1), COALESCE(h.conflict, 'none'), e.t0, e.t1, m.t0, m.t1 FROM events e "
             "LEFT JOIN happenings h ON h.id = e.happening_id "
             "JOIN mentions m ON m.id = e.mention_id WHERE e.id IN ({})")


def load_timeline(store: Store, cache_dir: Path | None = None, check: bool = True) -> TimelineData:
    """Every event as arrays; with ``cache_dir``, a large project's arrays come from a snapshot on
    disk when the events have not changed since it was written (reading them costs seconds).
    ``check=False`` takes the snapshot without computing the fingerprint (a full pass over the
    events): the data's ``unchecked`` names it, and ``is_current`` tells whether to load again."""
    lanes = _lanes(store)
    stored = snapshot.read_unchecked(cache_dir, store.location) if cache_dir and not check else None
    unchecked = stored[1] if stored else None
    table = stored[0] if stored else None
    if table is None:
        fingerprint = _fingerprint(store)
        table = snapshot.read(cache_dir, store.location, fingerprint) if cache_dir else None
        if table is None:
            table = _event_table(store)
            if cache_dir:
                snapshot.write(cache_dir, store.location, fingerprint, table)
    table[:, 1:3] = clamped_days(table[:, 1:3])
    data = _arrays(store, table, lanes)
    data.unchecked = unchecked
    return data


def _fingerprint(store: Store) -> str:
    with _cursor(store, snapshot.FINGERPRINT_SQL.format(exact=_EXACT)) as cursor:
        return repr(tuple(cursor.fetchone()))


def is_current(store: Store, data: TimelineData) -> bool:
    """Whether data read from an unchecked snapshot still matches the project's events."""
    return data.unchecked is None or data.unchecked == _fingerprint(store)


def _arrays(store: Store, table: np.ndarray, lanes: list[Lane]) -> TimelineData:
    packed = table[:, 3].astype(np.int64)
    happening = table[:, 4].astype(np.int64) if table.shape[1] > 4 else np.zeros(len(table), dtype=np.int64)
    doc_ids = np.array([lane.document_id for lane in lanes], dtype=np.int64)
    by_id = np.argsort(doc_ids)
    where = np.searchsorted(doc_ids, packed >> 7, sorter=by_id).clip(0, max(0, len(lanes) - 1))
    lane = by_id[where] if len(lanes) else np.zeros(len(table))  # clip: an unchecked snapshot may name a gone document
    ids = table[:, 0].astype(np.int64)
    return TimelineData(ids=ids, t0=table[:, 1].copy(), t1=table[:, 2].copy(), lane=lane.astype(np.int32),
                        exact=(packed & 1) > 0, open_start=(packed & 2) > 0, open_end=(packed & 4) > 0,
                        disputed=(packed & 8) > 0, confidence=((packed >> 4) & 7) / 7.0,
                        texts=TextPages(ids, partial(_fetch_texts, store)), lanes=lanes, happening=happening)


def clamped_days(days: np.ndarray) -> np.ndarray:
    """Day numbers pulled into the calendar's range (an older project, or a merged file, may hold
    one 10^17 years BCE: the view and the report would try to scale it). Monotone, so the sort
    by start holds."""
    return np.clip(np.nan_to_num(days, nan=0.0), cal.FIRST_DAY, cal.LAST_DAY)


def _event_table(store: Store) -> np.ndarray:
    """id, t0, t1, (document * 8 + confidence in eighths) * 16 + flags, and the happening (0: none)
    per event, sorted by t0 (each cell read costs time)."""
    table = _numbers(store, "SELECT id, t0, t1, document_id * 128 + CAST(ROUND(COALESCE(confidence, 1) * 7) AS INTEGER) * 16"
                            f" + CASE WHEN granularity IN {_EXACT} THEN 1 ELSE 0 END"
                            " + CASE WHEN open_start THEN 2 ELSE 0 END + CASE WHEN open_end THEN 4 ELSE 0 END"
                            " + CASE WHEN disputed THEN 8 ELSE 0 END, COALESCE(happening_id, 0) FROM events"
                   ).reshape(-1, 5)
    return table[np.argsort(table[:, 1], kind="stable")]


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


def _lanes(store: Store) -> list[Lane]:
    """One per document not in the bin, by dateline (the driver's cursor: ORM rows cost a second
    per 10,000 documents)."""
    sql = ("SELECT id, title, filename, dateline_iso, dateline_inferred, dateline_fallback, dateline_agency, path"
           " FROM documents"
           " WHERE id NOT IN (SELECT document_id FROM bin WHERE kind = 'document') ORDER BY dateline_day, id")
    with _cursor(store, sql) as cursor:
        return [Lane(i, title or filename, iso, bool(inferred), bool(fallback), agency or "", path or "")
                for i, title, filename, iso, inferred, fallback, agency, path in cursor]


@contextmanager
def _cursor(store: Store, sql: str) -> Iterator[Any]:
    """The driver's own cursor: SQLAlchemy rows cost seconds per million, and numpy probes
    each one for array methods."""
    connection = store.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        yield cursor
    finally:
        connection.close()


def _numbers(store: Store, sql: str) -> np.ndarray:
    """Every cell of a numeric query, flat, without building a list of rows first."""
    with _cursor(store, sql) as cursor:
        return np.fromiter(chain.from_iterable(cursor), dtype=np.float64)


def _fetch_texts(store: Store, ids: list[int]) -> dict[int, EventText]:
    with _cursor(store, _TEXT_SQL.format(",".join(str(int(i)) for i in ids))) as cursor:
        return {r[0]: EventText(*r[1:5], *shown_interval(r[10], r[11], r[12], r[13], r[5], r[6]), *r[7:10])
                for r in cursor}


def shown_interval(t0: float, t1: float, read_t0: float | None, read_t1: float | None,
                   start_iso: str | None, end_iso: str | None) -> tuple[str, str]:
    """First and last day of an event as shown: as its text gives it, or as a decision set it."""
    if (t0, t1) == (read_t0, read_t1) and start_iso and end_iso:
        return start_iso, end_iso
    return cal.iso_date(t0), cal.iso_date(t1 - 1e-9)


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
                                                               models.Paragraph.index == event.paragraph_index)).one()
    how = doc.dateline_method + (", year inferred" if doc.dateline_inferred else "")
    place = ", ".join(x for x in (doc.dateline_place, doc.dateline_agency) if x)
    first, last = shown_interval(event.t0, event.t1, mention.t0, mention.t1, mention.start_iso, mention.end_iso)
    read = "" if (event.t0, event.t1) == (mention.t0, mention.t1) else \
        (mention.start_iso if mention.start_iso == mention.end_iso else f"{mention.start_iso} – {mention.end_iso}")
    return EventSource(event.id, doc.id, doc.title, doc.filename, doc.text, paragraph.start, paragraph.end,
                       paragraph.index + 1, paragraph.page, mention.start, mention.end, mention.text, mention.value,
                       first if first == last else f"{first} – {last}", mention.reason, mention.confidence,
                       doc.dateline_iso + (f" ({place})" if place else ""), how, doc.dateline_reason,
                       doc.language_reason or (doc.language or ""), read)
