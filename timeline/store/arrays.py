"""The timeline as arrays, read through the database driver's own cursor: no ORM, no SQLAlchemy.

What the window needs for its first paint lives here, so that a large project can be painted
from its snapshot (the events) and its file (lanes, the titles on screen) before the store, and
SQLAlchemy with it, is opened. A source is anything with a ``location`` and a DB-API
``raw_connection()``: the open store, or a project file read with Python's own sqlite3.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import chain
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .. import calendar as cal
from . import snapshot


class Source(Protocol):
    location: str

    def raw_connection(self) -> Any: ...


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

    def read_texts_from(self, source: Source) -> None:
        """Fetch the texts not read yet from ``source`` (the store, once it is open after a first
        paint read from the project file)."""
        self.texts._fetch = partial(_fetch_texts, source)

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


def load_timeline(source: Source, cache_dir: Path | None = None, check: bool = True,
                  lanes: list[Lane] | None = None) -> TimelineData:
    """Every event as arrays; with ``cache_dir``, a large project's arrays come from a snapshot on
    disk when the events have not changed since it was written (reading them costs seconds).
    ``check=False`` takes the snapshot without computing the fingerprint (a full pass over the
    events): the data's ``unchecked`` names it, and ``is_current`` tells whether to load again.
    ``lanes``: the documents as read before, when the caller knows they did not change (a merge:
    reading 50,000 of them costs 0.25 s)."""
    lanes = _lanes(source) if lanes is None else lanes
    stored = snapshot.read_unchecked(cache_dir, source.location) if cache_dir and not check else None
    unchecked = stored[1] if stored else None
    table = stored[0] if stored else None
    if table is None:
        fingerprint = _fingerprint(source)
        table = snapshot.read(cache_dir, source.location, fingerprint) if cache_dir else None
        if table is None:
            table = _event_table(source)
            if cache_dir:
                snapshot.write(cache_dir, source.location, fingerprint, table)
    table[:, 1:3] = clamped_days(table[:, 1:3])
    data = _arrays(source, table, lanes)
    data.unchecked = unchecked
    return data


def _fingerprint(source: Source) -> str:
    with _cursor(source, snapshot.FINGERPRINT_SQL.format(exact=_EXACT)) as cursor:
        return repr(tuple(cursor.fetchone()))


def is_current(source: Source, data: TimelineData) -> bool:
    """Whether data read from an unchecked snapshot still matches the project's events."""
    return data.unchecked is None or data.unchecked == _fingerprint(source)


def _arrays(source: Source, table: np.ndarray, lanes: list[Lane]) -> TimelineData:
    packed = table[:, 3].astype(np.int64)
    happening = table[:, 4].astype(np.int64) if table.shape[1] > 4 else np.zeros(len(table), dtype=np.int64)
    lane = _lane_of(np.array([lane.document_id for lane in lanes], dtype=np.int64), packed >> 7)
    ids = table[:, 0].astype(np.int64)
    return TimelineData(ids=ids, t0=table[:, 1].copy(), t1=table[:, 2].copy(), lane=lane,
                        exact=(packed & 1) > 0, open_start=(packed & 2) > 0, open_end=(packed & 4) > 0,
                        disputed=(packed & 8) > 0, confidence=((packed >> 4) & 7) / 7.0,
                        texts=TextPages(ids, partial(_fetch_texts, source)), lanes=lanes, happening=happening)


def _lane_of(lane_documents: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """Per event, the lane of its document, through a table indexed by document id (a binary
    search per event costs a tenth of a second at 300,000). A document without a lane (an
    unchecked snapshot may name a gone one) takes the next one's."""
    if not len(lane_documents):
        return np.zeros(len(documents), dtype=np.int32)
    by_id = np.argsort(lane_documents)
    top = int(max(lane_documents.max(), documents.max(initial=0)))
    if top > 4 * (len(documents) + len(lane_documents)):  # sparse ids: the table would be mostly empty
        where = np.searchsorted(lane_documents, documents, sorter=by_id)
    else:
        where = np.searchsorted(lane_documents[by_id], np.arange(top + 1))[documents.clip(0)]
    return by_id[where.clip(0, len(lane_documents) - 1)].astype(np.int32)


def clamped_days(days: np.ndarray) -> np.ndarray:
    """Day numbers pulled into the calendar's range (an older project, or a merged file, may hold
    one 10^17 years BCE: the view and the report would try to scale it). Monotone, so the sort
    by start holds."""
    return np.clip(np.nan_to_num(days, nan=0.0), cal.FIRST_DAY, cal.LAST_DAY)


def _event_table(source: Source) -> np.ndarray:
    """id, t0, t1, (document * 8 + confidence in eighths) * 16 + flags, and the happening (0: none)
    per event, sorted by t0 (each cell read costs time)."""
    table = _numbers(source, "SELECT id, t0, t1, document_id * 128 + CAST(ROUND(COALESCE(confidence, 1) * 7) AS INTEGER) * 16"
                             f" + CASE WHEN granularity IN {_EXACT} THEN 1 ELSE 0 END"
                             " + CASE WHEN open_start THEN 2 ELSE 0 END + CASE WHEN open_end THEN 4 ELSE 0 END"
                             " + CASE WHEN disputed THEN 8 ELSE 0 END, COALESCE(happening_id, 0) FROM events"
                     ).reshape(-1, 5)
    return table[np.argsort(table[:, 1], kind="stable")]


def _lanes(source: Source) -> list[Lane]:
    """One per document not in the bin, by dateline (the driver's cursor: ORM rows cost a second
    per 10,000 documents)."""
    sql = ("SELECT id, title, filename, dateline_iso, dateline_inferred, dateline_fallback, dateline_agency, path"
           " FROM documents"
           " WHERE id NOT IN (SELECT document_id FROM bin WHERE kind = 'document') ORDER BY dateline_day, id")
    with _cursor(source, sql) as cursor:
        return [Lane(i, title or filename, iso, bool(inferred), bool(fallback), agency or "", path or "")
                for i, title, filename, iso, inferred, fallback, agency, path in cursor]


@contextmanager
def _cursor(source: Source, sql: str) -> Iterator[Any]:
    """The driver's own cursor: SQLAlchemy rows cost seconds per million, and numpy probes
    each one for array methods."""
    connection = source.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        yield cursor
    finally:
        connection.close()


def _numbers(source: Source, sql: str) -> np.ndarray:
    """Every cell of a numeric query, flat, without building a list of rows first."""
    with _cursor(source, sql) as cursor:
        return np.fromiter(chain.from_iterable(cursor), dtype=np.float64)


def _fetch_texts(source: Source, ids: list[int]) -> dict[int, EventText]:
    with _cursor(source, _TEXT_SQL.format(",".join(str(int(i)) for i in ids))) as cursor:
        return {r[0]: EventText(*r[1:5], *shown_interval(r[10], r[11], r[12], r[13], r[5], r[6]), *r[7:10])
                for r in cursor}


def shown_interval(t0: float, t1: float, read_t0: float | None, read_t1: float | None,
                   start_iso: str | None, end_iso: str | None) -> tuple[str, str]:
    """First and last day of an event as shown: as its text gives it, or as a decision set it."""
    if (t0, t1) == (read_t0, read_t1) and start_iso and end_iso:
        return start_iso, end_iso
    return cal.iso_date(t0), cal.iso_date(t1 - 1e-9)
