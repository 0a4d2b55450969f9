"""The search box's matches found in a worker while the analyst types.

Searching every title, expression and article text of a large project is an SQL ``LIKE`` scan
(about 1.5 s at 300,000 events): run on the GUI thread it froze the window at each pause in the
typing. The matches are kept for the timeline they were found in; a reload (new data) searches
again in a worker, the earlier matches shown meanwhile.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Signal

from .workers import Worker

if TYPE_CHECKING:
    from timeline.store.arrays import TimelineData
    from timeline.store.session import Store


class TextSearch(QObject):
    """``found`` once a search started with ``start`` has its matches (then ``has`` them)."""

    found = Signal()

    def __init__(self, store: Callable[[], Store]) -> None:
        super().__init__()
        self.store = store
        # (timeline searched, needle, event ids, articles); the timeline by weak reference: a reload
        # replaces it, and a large one is not kept alive for matches no longer shown
        self._kept: tuple[weakref.ref, str, np.ndarray, int] | None = None
        self._worker: Worker | None = None
        self._running: tuple[weakref.ref, str] | None = None
        self._failed_on: tuple[weakref.ref, str] | None = None  # searched on the spot instead, to say why

    def has(self, needle: str, data: TimelineData) -> bool:
        return _same(self._kept, needle, data)

    def result(self, needle: str, data: TimelineData) -> tuple[np.ndarray, int]:
        """The ids of the events matching ``needle`` and how many articles contain it: kept from a
        search in the worker, or searched now."""
        if not self.has(needle, data):
            self._kept = (weakref.ref(data), needle, *search(self.store(), needle))
        assert self._kept is not None
        return self._kept[2], self._kept[3]

    def earlier(self, needle: str) -> tuple[np.ndarray | None, int]:
        """The matches last found for ``needle`` on any timeline (shown while it is searched again
        after a reload); (None, 0) when there are none."""
        if self._kept is None or self._kept[1] != needle:
            return None, 0
        return self._kept[2], self._kept[3]

    def start(self, needle: str, data: TimelineData) -> bool:
        """Search in a worker; one at a time (the window asks again for the text typed by then).
        False: search on the spot instead (it failed in the worker: the error is then raised)."""
        if _same(self._failed_on, needle, data):
            return False
        if self._worker is not None:
            return True
        store = self.store()
        self._running = (weakref.ref(data), needle)
        self._worker = Worker(lambda _progress, _cancelled: search(store, needle))
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)
        self._worker.start()
        return True

    def wait(self) -> None:
        """Let a search in progress end (before its store is closed)."""
        if self._worker is not None:
            self._worker.thread.wait()

    def _finished(self, found: tuple[np.ndarray, int]) -> None:
        self.wait()
        assert self._running is not None
        self._kept = (*self._running, *found)
        self._worker = self._running = None
        self.found.emit()

    def _failed(self, _message: str) -> None:
        self.wait()
        self._failed_on, self._worker, self._running = self._running, None, None
        self.found.emit()


def _same(kept: tuple | None, needle: str, data: TimelineData) -> bool:
    return kept is not None and kept[0]() is data and kept[1] == needle


def search(store: Store, needle: str) -> tuple[np.ndarray, int]:
    from timeline.store import queries

    return queries.search_events(store, needle), queries.articles_containing(store, needle)
