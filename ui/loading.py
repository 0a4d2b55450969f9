"""A large project's store opened, its snapshot checked and its review read off the GUI thread.

The window paints a large project from its snapshot first; what opening the store then costs
(SQLAlchemy's import, the upgrade check, an SQL fingerprint of every event, the conflicts: about a
second at 300,000 events) runs in a worker, and the window applies what was read (``Loaded``) on
the GUI thread. An action taken meanwhile is run once the store is open (``storeReady``), the GUI
thread never waiting for it; one that must have the store at once waits for the store only
(``ProjectLoader.store``), not for the rest.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from .workers import Worker

if TYPE_CHECKING:
    from timeline.store.arrays import TimelineData
    from timeline.store.session import Store


@dataclass(frozen=True)
class Loaded:
    """What the worker read, for the window to show. ``data`` is None when the painted snapshot
    is still the project's timeline; ``conflicts`` is None when the store was already open (its
    review was read then)."""

    store: Store
    review_stale: bool
    data: TimelineData | None
    tags: dict[str, Any] | None
    conflicts: tuple[list, int] | None


class ProjectLoader(QObject):
    """Reads a project in a worker; ``done`` (with this loader) once ``result`` or ``error`` is set."""

    done = Signal(object)
    storeReady = Signal(object)  # this loader, once its store is open (actions waiting for it run then)

    def __init__(self, location: str, painted: TimelineData, cache_dir: Path,
                 conflict_filters: tuple[str | None, str], store: Store | None = None) -> None:
        super().__init__()
        self.location = location
        self.result: Loaded | None = None
        self.error: str | None = None  # why it could not be read, for the analyst
        self._given = store
        self._opened: Store | None = store
        self._ready = threading.Event()  # the store is open (or failed to open)
        if store is not None:
            self._ready.set()
        self._worker = Worker(lambda _progress, _cancelled: self._read(painted, cache_dir, conflict_filters))
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)

    def start(self) -> None:
        self._worker.start()

    def store(self) -> Store:
        """The store, once open: an action taken before the loading ended waits for it only."""
        from timeline.store.project_file import ProjectError

        self._ready.wait()
        if self._opened is None:
            raise ProjectError(self.error or f"{self.location}: the project could not be opened")
        return self._opened

    def opened(self) -> Store | None:
        """The store this loader opened itself, if any (after ``wait``)."""
        return self._opened if self._given is None else None

    def wait(self) -> None:
        self._worker.thread.wait()

    def _read(self, painted: TimelineData, cache_dir: Path, conflict_filters: tuple[str | None, str]) -> Loaded:
        """In the worker. ``_ready`` is set however it ends: the GUI thread may be waiting on it."""
        from timeline.store.project_file import ProjectError

        try:
            return read_project(self.location, self._given, painted, cache_dir, conflict_filters, self._store_opened)
        except ProjectError as error:
            self.error = str(error)
            raise
        finally:
            self._ready.set()

    def _store_opened(self, store: Store) -> None:  # in the worker
        self._opened = store
        self._ready.set()
        self.storeReady.emit(self)  # (queued to the GUI thread, where this loader lives)

    def _finished(self, loaded: Loaded) -> None:
        self.wait()
        self.result = loaded
        self.done.emit(self)

    def _failed(self, message: str) -> None:
        self.wait()
        self.error = self.error or message
        self.done.emit(self)


def read_project(location: str, store: Store | None, painted: TimelineData, cache_dir: Path,
                 conflict_filters: tuple[str | None, str], opened: Callable[[Store], None]) -> Loaded:
    """In the worker: open the store (unless given), tell ``opened``, then read what the window
    shows after the first paint. No Qt object is touched here."""
    from timeline import view_filter
    from timeline.review.freshness import is_current as review_current
    from timeline.store.arrays import is_current as snapshot_current, load_timeline

    given = store is not None
    if store is None:
        store = _open(location, opened)
    with store.session() as session:
        stale = not review_current(session)
    data = None if snapshot_current(store, painted) else load_timeline(store, cache_dir)
    if given and data is None:  # the window read the tags and the review when it opened the store
        return Loaded(store, stale, None, None, None)
    from .review import read_conflicts

    with store.session() as session:
        conflicts = read_conflicts(session, *conflict_filters)
    return Loaded(store, stale, data, view_filter.tag_index(store), conflicts)


def _open(location: str, opened: Callable[[Store], None]) -> Store:
    from timeline.store.session import open_project

    store = open_project(location)
    _warm(store)
    opened(store)
    return store


def _warm(store: Store) -> None:
    """Read one event's source here, in the worker: the ORM's first such reading sets up its loading
    (about 170 ms), which an action waiting for the store (a click on an event) then paid on the GUI thread."""
    from sqlalchemy import select

    from timeline.review.views import event_review
    from timeline.store import queries
    from timeline.store.models import Event

    with store.session() as session:
        first = session.scalars(select(Event.id).limit(1)).first()
        if first is not None:
            queries.event_source(session, first)
            event_review(session, first)
