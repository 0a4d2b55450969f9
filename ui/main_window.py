"""The main window: timeline on top, event list and source panel below, drag and drop to import."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from platformdirs import user_cache_dir
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from timeline import grouping, view_filter
from timeline.store.arrays import load_timeline
from timeline.store.project_file import ProjectError, snapshot_timeline

from .canvas import TimelineCanvas
from .event_table import EventTableModel
from .editing import EditController, marks_html
from .exporting import ExportController
from .filter_bar import FilterBar, ViewBar, needs_database
from .import_summary import ImportSummary
from .loading import ProjectLoader
from .review import ReviewController
from .searching import TextSearch
from .source_panel import SourcePanel
from .status_bar import ElidingStatusBar
from .workers import Worker

# The store's modules load SQLAlchemy (a third of a second): a large project is painted from its
# snapshot before they are imported, so they are imported where they are used.
if TYPE_CHECKING:  # the importer loads trafilatura, pypdf, dateparser...: imported on first use
    from timeline.importer import ImportReport
    from timeline.store.arrays import TimelineData
    from timeline.store.session import Store

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
CACHE_DIR = Path(user_cache_dir("TimelineBuilder", appauthor=False))  # snapshots of large timelines
MAX_RECENT = 8


class MainWindow(QMainWindow):
    loaded = Signal()  # what opening a project reads after its first paint is shown (ui/loading.py)

    def __init__(self, db: str) -> None:
        super().__init__()
        self.settings = QSettings()
        self.location = db
        self._store: Store | None = None
        self._loader: ProjectLoader | None = None  # reads the project off the GUI thread after the first paint
        self._reloads = 0  # a loader's reading older than the last reload is not shown
        self._opening = False  # painted from a snapshot: a loader will open the store
        self._pending: dict[str, Callable[[], None]] = {}  # actions waiting for the store it opens
        self._after_worker: dict[str, Callable[[], None]] = {}  # decisions waiting for an import or a rebuild
        self._closed = False
        self.setStatusBar(ElidingStatusBar())  # long messages stop short of the document count
        first = self._snapshot_to_paint(db)
        if first is None:
            self._store = _open_store(db)
        self.worker: Worker | None = None
        self.last_report: ImportReport | None = None
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_menus()
        self._restore()
        if first is None:
            self.open_project(db)
        else:
            self._paint_first(db, first)

    @property
    def store(self) -> Store:
        """The project's store. A large project is painted from its snapshot and its store opened
        right after in a worker; whatever needs the store before that waits for it (or opens it,
        when nothing is opening it)."""
        if self._store is None:
            loader = self._loader
            self._store = loader.store() if loader and loader.location == self.location else _open_store(self.location)
        return self._store

    # --- layout
    def _build_widgets(self) -> None:
        self.canvas = TimelineCanvas()
        self.model = EventTableModel(text_order=self._text_order)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)  # one line per event; the source panel has the whole sentence
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.verticalHeader().hide()
        self.view_bar = ViewBar()
        self.filters = FilterBar()
        self.filter_edit, self.source_combo = self.filters.search, self.filters.source
        self.tags: dict[str, object] = {}
        self.source_panel = SourcePanel()
        self.empty_bar = QWidget()
        empty_layout = QHBoxLayout(self.empty_bar)
        empty_layout.addWidget(QLabel("This project is empty. Drag article files here, or"))
        self.samples_button = QPushButton("Load the sample articles")
        empty_layout.addWidget(self.samples_button)
        empty_layout.addStretch()

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filters)
        list_layout.addWidget(self.table)
        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        self.bottom.addWidget(list_box)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.source_panel, "Source")
        self.bottom.addWidget(self.tabs)
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        timeline_box = QWidget()
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addWidget(self.view_bar)
        timeline_layout.addWidget(self.canvas, 1)
        self.main_split.addWidget(timeline_box)
        self.main_split.addWidget(self.bottom)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.empty_bar)
        layout.addWidget(self.main_split)
        self.setCentralWidget(central)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.cancel_button = QPushButton("Cancel")
        self.summary_button = QPushButton("Last import…")
        self.status_label = QLabel()
        for widget in (self.status_label, self.progress, self.cancel_button, self.summary_button):
            self.statusBar().addPermanentWidget(widget)
        self.progress.hide()
        self.cancel_button.hide()
        self.summary_button.hide()

        self.text_search = TextSearch(lambda: self.store)
        self.text_search.found.connect(self._filters_changed)
        self.filters.changed.connect(self._filters_changed)
        self.view_bar.changed.connect(self.apply_view)
        self.table.selectionModel().selectionChanged.connect(self._table_selection_changed)
        self.canvas.selectionChanged.connect(self._canvas_selection_changed)
        self.samples_button.clicked.connect(lambda: self.start_import([str(SAMPLES)]))
        self.cancel_button.clicked.connect(lambda: self.worker and self.worker.cancel())
        self.summary_button.clicked.connect(self.show_last_report)
        self.review = ReviewController(self, self.tabs, lambda: self.store,
                                       lambda: sorted(self.canvas.options.selection),
                                       lambda same: self.reload(same_documents=same))
        self.review.waits = self.waits_to_write
        self.source_panel.conflictRequested.connect(self.review.open_conflict)
        self.canvas.eventOpened.connect(self._open_event_conflict)
        self.exporter = ExportController(self, lambda: self.store, lambda: self.data, self._export_scopes,
                                         lambda: (self.canvas.scale.v0, self.canvas.scale.v1,
                                                  self.view_bar.lane_mode == "single"), self.reload)
        self.editor = EditController(self, lambda: self.store, lambda: sorted(self.canvas.options.selection),
                                     self.reload)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New project…", self.new_project, QKeySequence.StandardKey.New)
        self._action(file_menu, "&Open project…", self.choose_project, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Recent projects")
        file_menu.addSeparator()
        self._action(file_menu, "&Import files…", self.choose_files, "Ctrl+I")
        self._action(file_menu, "Import &folder…", self.choose_folder)
        self._action(file_menu, "Largest file to import…", self.choose_max_size)
        file_menu.addSeparator()
        self.exporter.add_menu(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.review.add_menu(self.menuBar().addMenu("&Edit"), self.waits_to_write)
        self.editor.add_menu(self.menuBar().addMenu("E&vents"), self.waits_to_write)
        view = self.menuBar().addMenu("&View")
        self._action(view, "Fit all", self.canvas.fit_all, "Home")
        self._action(view, "Fit selection", self.canvas.fit_selection, "F")
        self._action(view, "Happenings or every mention", lambda: self.view_bar.items.setCurrentIndex(
            1 - self.view_bar.items.currentIndex()), "Ctrl+M")
        for label, mode in (("Lanes by story", "story"), ("Lanes by outlet", "outlet"),
                            ("Lanes by document", "document"), ("Single lane", "single")):
            self._action(view, label, lambda _=False, m=mode: self.view_bar.lanes.setCurrentIndex(
                self.view_bar.lanes.findData(m)))

    def _action(self, menu, text, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- project
    def open_project(self, db: str) -> None:
        if hasattr(self, "data"):
            self._save_view()  # the project being left keeps its view
        self._drop_loader()
        self.text_search.wait()  # (its matches are for the timeline shown now: not kept for the next)
        if self._store is None or self.location != db:
            try:
                store = _open_store(db)
            except ProjectError as error:
                QMessageBox.warning(self, "Cannot open the project", str(error))
                return
            if self._store is not None:
                self._store.close()
            self._store, self.location = store, db
            self.last_report = None  # the "Last import…" report was about the other project
            self.summary_button.hide()
            if getattr(self, "summary_dialog", None) is not None:
                self.summary_dialog.close()
                self.summary_dialog = None
        stale = self._review_stale()
        self._show_location(db)
        self.reload(keep_view=False, check=False)  # a large project paints from its snapshot at once...
        self._restore_view()
        if self.data.unchecked is not None:  # ...checked in a worker right after the first paint
            self.canvas.after_next_paint(lambda: self._start_loading(db, self._store))
        if stale:  # the timeline paints first; the review is rebuilt off the GUI thread, then shown
            self.canvas.after_next_paint(self.rebuild_review)

    def _snapshot_to_paint(self, db: str) -> TimelineData | None:
        """A large project's timeline from its snapshot, painted before the store is opened (None:
        open the store first: no snapshot, or a saved view with a tag or a conflict state)."""
        view = self.settings.value(_view_key(db))
        if isinstance(view, dict) and needs_database({**view, "filter": ""}):
            return None  # (a search alone is searched in a worker once the store is open)
        return snapshot_timeline(db, CACHE_DIR)

    def _paint_first(self, db: str, data: TimelineData) -> None:
        """Show a large project from its snapshot; the store (and with it the review, the tags and
        the check of the snapshot) is opened once this has been painted."""
        self._show_location(db)
        self._show_data(data, keep_view=False)
        self._opening = True
        self._restore_view()
        self.canvas.after_next_paint(lambda: self._opening and self._start_loading(db, None))

    def _start_loading(self, db: str, store: Store | None) -> None:
        """Open the store (unless given), check the snapshot and read the review in a worker."""
        self._opening = False
        if self.location != db or self._closed or self._loader is not None:
            return  # another project was opened meanwhile, or the window closed
        if store is None and self._store is not None:  # an action opened it before the first paint
            store = self._store
        self._loader = ProjectLoader(db, self.data, CACHE_DIR, self.review.panel.filters(), store)
        self._loader.done.connect(self._loaded)
        self._loader.storeReady.connect(self._store_ready)
        self._loader_started = (self._reloads, self.review.refreshes)
        self._loader.start()

    def waits_for_store(self, key: str, action: Callable[[], None]) -> bool:
        """True when a worker is opening the store: ``action`` then runs once it is open (the last
        one of each ``key``) and the GUI thread does not wait for it (a click in the first second
        waited about a second). False: go on, the store is open or opens at once."""
        if self._store is not None or not (self._opening or self._loader is not None):
            return False
        self._pending.pop(key, None)
        self._pending[key] = action
        if self._opening:  # acted on before the first paint: the loading starts now
            self._start_loading(self.location, None)
        return True

    def waits_to_write(self, key: str, action: Callable[[], None]) -> bool:
        """Like ``waits_for_store``, for a decision or an edit, which also waits for the import or
        review rebuild running in a worker: it writes the project, and a decision taken beside a
        rebuild rebuilt the whole review again on the GUI thread (18 s at 10,000 articles). Every
        one is kept, in order (two Ctrl+Z are two undos)."""
        key = f"{key} {len(self._pending) + len(self._after_worker)} {id(action)}"
        if self.waits_for_store(key, action):
            return True
        if self.worker is None:
            return False
        self._after_worker[key] = action
        self.statusBar().showMessage("Done once the import or the review's update running now has ended…", 10000)
        return True

    def _run_after_worker(self) -> None:
        waiting, self._after_worker = self._after_worker, {}
        for action in waiting.values():
            action()

    def _store_ready(self, loader: ProjectLoader) -> None:
        if loader is self._loader and self._store is None:
            self._store = loader.opened()
        if self._store is not None:
            pending, self._pending = self._pending, {}
            for action in pending.values():
                action()

    def _loaded(self, loader: ProjectLoader) -> None:
        """Show what the loader read, unless a reload or a refresh since showed newer."""
        if loader is not self._loader:
            return  # dropped: another project opened, or the window closed
        self._store_ready(loader)
        self._loader = None
        self._pending.clear()  # (it could not be opened: said below)
        if loader.result is None:
            QMessageBox.critical(self, "Cannot open the project", loader.error or "")
            if self._store is None:
                self.close()
            return
        done = loader.result
        reloaded, refreshed = (a != b for a, b in zip((self._reloads, self.review.refreshes), self._loader_started))
        if not reloaded:
            self._show_loaded(done)
        if done.conflicts is not None and not reloaded and not refreshed:
            self.review.show_conflicts(*done.conflicts)
        if done.review_stale:
            self.rebuild_review()
        self.loaded.emit()

    def _show_loaded(self, done) -> None:  # type: ignore[no-untyped-def]
        if done.data is not None:  # the events changed since the snapshot
            self.tags = done.tags or {}
            self._show_data(done.data, keep_view=True)
        else:
            self.data.read_texts_from(done.store)  # no longer from the project file
            if done.tags is not None:
                self.tags = done.tags
                self.filters.set_tags(list(self.tags))
        self._refresh_source()

    def _drop_loader(self) -> None:
        """Forget a loading in progress (its reading is not shown), once its worker has ended."""
        loader, self._loader = self._loader, None
        self._pending.clear()  # actions on the project being left
        self._after_worker.clear()
        if loader is None:
            return
        loader.wait()
        opened = loader.opened()
        if opened is not None and opened is not self._store:
            opened.close()

    def _review_stale(self) -> bool:
        """Whether the review is behind the events: a rebuild killed half-way, an import stopped before it."""
        from timeline.review.freshness import is_current

        with self.store.session() as session:
            return not is_current(session)

    def _show_location(self, db: str) -> None:
        self.setWindowTitle(f"Timeline Builder — {db}")
        recent = [db] + [p for p in self._recent() if p != db]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._fill_recent_menu()

    def rebuild_review(self) -> None:
        """Bring the review (merges, conflicts) up to date in a worker; the window reloads after."""
        if self.worker is not None:
            return
        location = self.store.location

        def job(progress, cancelled):  # type: ignore[no-untyped-def]
            from timeline.review.freshness import ensure_review
            from timeline.store.session import open_store

            store = open_store(location)  # this thread's own connection
            try:
                return ensure_review(store)
            finally:
                store.close()

        self.worker = Worker(job)
        self.worker.finished.connect(self._review_rebuilt)
        self.worker.failed.connect(self._import_failed)
        self.statusBar().showMessage("Bringing the review (merged happenings, conflicts) up to date…")
        self.worker.start()

    def _review_rebuilt(self, rebuilt: bool) -> None:
        self._end_worker()
        self.statusBar().showMessage("The review is up to date" if rebuilt else "", 5000)
        if rebuilt:
            self.reload()

    def _save_view(self) -> None:
        """Zoom, position, lanes and filters, per project."""
        scale, options = self.canvas.scale, self.canvas.options
        self.settings.setValue(_view_key(self.location), {
            "v0": scale.v0, "v1": scale.v1, "lanes": self.view_bar.lane_mode, "happenings": self.view_bar.happenings,
            "lane_offset": options.lane_offset, "fitted": self.canvas._fitted, **self.filters.state()})

    def _restore_view(self) -> None:
        view = self.settings.value(_view_key(self.location))
        if not isinstance(view, dict) or not len(self.data):
            return
        if not view.get("fitted", True) in (True, "true"):
            self.canvas.show_range(float(view["v0"]), float(view["v1"]))
        self.view_bar.set_state(view.get("happenings", True) in (True, "true"), str(view.get("lanes", "story")))
        self.filters.restore(view)
        self.apply_view()
        self.canvas.options.lane_offset = int(view.get("lane_offset", 0))

    def _recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            self.recent_menu.addAction(path, lambda p=path: self.open_project(p))

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "", "Timeline projects (*.sqlite)")
        if path:
            self.open_project(path)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", "Timeline projects (*.sqlite);;All files (*)")
        if path:
            self.open_project(path)

    def reload(self, keep_view: bool = True, check: bool = True, same_documents: bool = False) -> None:
        """``same_documents``: only events changed (a merge, a split, a date chosen): the lanes are kept."""
        self._reloads += 1
        data = load_timeline(self.store, CACHE_DIR, check=check, lanes=self.data.lanes if same_documents else None)
        self.tags = view_filter.tag_index(self.store)
        self._show_data(data, keep_view)
        self.review.refresh()
        self._refresh_source()

    def _show_data(self, data: TimelineData, keep_view: bool) -> None:
        """What the timeline's arrays decide: the canvas, the list, the lanes to choose, the counts."""
        self.data = data
        self.canvas.set_data(data, keep_view=keep_view and len(data) > 0)
        self.model.set_data(data)
        self.filters.set_choices([lane.label for lane in data.lanes], list(self.tags))
        self.empty_bar.setVisible(len(data.lanes) == 0)
        self.apply_view()
        happenings = int(self._representatives().sum())
        self.status_label.setText(f"{len(data.lanes)} documents, {happenings} happenings from {len(data)} events")
        self._select_rows(sorted(self.canvas.options.selection), scroll=False)  # a reload kept them: listed so

    def _text_order(self, column: str):  # type: ignore[no-untyped-def]
        return _queries().ordered_event_ids(self.store, column)

    def _refresh_source(self) -> None:
        """The source panel shows the selected event as it is now, or nothing (never an old state)."""
        shown = self.source_panel.source.event_id if self.source_panel.source else None
        still = shown is not None and self.data.index_of(shown) is not None
        if still:
            self._show_source(shown)
        else:
            self.source_panel.clear_event()

    # --- import
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles")
        if paths:
            self.start_import(paths)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder of articles")
        if path:
            self.start_import([path])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def start_import(self, paths: list[str]) -> None:
        if self.worker is not None:
            self.statusBar().showMessage("An import is already running", 4000)
            return
        location = self.store.location
        max_bytes = self.max_file_mb() * 1024 * 1024

        def job(progress, cancelled):  # type: ignore[no-untyped-def]
            from timeline.review import import_and_review
            from timeline.store.session import open_store

            store = open_store(location)  # this thread's own connection
            try:
                return import_and_review(store, paths, datetime.now(timezone.utc), progress, cancelled=cancelled,
                                         max_bytes=max_bytes)[0]
            finally:
                store.close()

        self.worker = Worker(job)
        self.worker.progress.connect(self._import_progress)
        self.worker.finished.connect(self._import_finished)
        self.worker.failed.connect(self._import_failed)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.worker.start()

    def max_file_mb(self) -> int:
        from timeline.importer import MAX_FILE_BYTES

        return int(self.settings.value("max_file_mb", MAX_FILE_BYTES // (1024 * 1024)))

    def choose_max_size(self) -> None:
        size, ok = QInputDialog.getInt(self, "Largest file to import", "Files larger than this are skipped (MB):",
                                       self.max_file_mb(), 1, 2048)
        if ok:
            self.settings.setValue("max_file_mb", size)

    def _import_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.statusBar().showMessage(f"Importing {name}…" if name else "Import finished")

    def _import_finished(self, report: ImportReport) -> None:
        self._end_worker()
        self.last_report = report
        self.summary_button.show()
        self.statusBar().showMessage("Import: " + report.summary(), 10000)
        self.reload(keep_view=False)

    def _import_failed(self, message: str) -> None:
        self._end_worker()
        QMessageBox.critical(self, "Import failed", message)

    def _end_worker(self) -> None:
        if self.worker:
            self.worker.thread.wait()
        self.worker = None
        self.progress.hide()
        self.cancel_button.hide()
        if self._after_worker:  # once the window shows what the worker did (the caller reloads)
            QTimer.singleShot(0, self._run_after_worker)

    def show_last_report(self) -> None:
        if not self.last_report:
            return
        self.summary_dialog = ImportSummary(self.last_report, self)
        self.summary_dialog.show()

    # --- selection sync
    def _table_selection_changed(self) -> None:
        ids = sorted({self.model.event_id(i.row()) for i in self.table.selectionModel().selectedRows()})
        self.canvas.set_selection(ids)
        self._show_source(ids[0] if len(ids) == 1 else None)

    def _canvas_selection_changed(self, ids: list[int]) -> None:
        self._select_rows(ids, scroll=True)
        self._show_source(ids[0] if len(ids) == 1 else None)

    def _select_rows(self, ids: list[int], scroll: bool) -> None:
        """The list selects the events the timeline has selected."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        for event_id in ids:
            row = self.model.row_of(event_id)
            if row is not None:
                index = self.model.index(row, 0)
                selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
                if scroll:
                    self.table.scrollTo(index)
        selection.blockSignals(False)
        self.table.viewport().update()

    def _show_source(self, event_id: int | None) -> None:
        if event_id is None:
            self._pending.pop("source", None)
            return
        if self.waits_for_store("source", lambda: self._show_source(event_id)):
            self.source_panel.show_note("Reading the project…")
            return
        from timeline.review.views import event_review

        with self.store.session() as session:
            self.source_panel.show_event(_queries().event_source(session, event_id), event_review(session, event_id))
            marks = marks_html(session, event_id)
        if marks:
            self.source_panel.append(marks)

    def _open_event_conflict(self, event_id: int) -> None:
        if self.waits_for_store("conflict", lambda: self._open_event_conflict(event_id)):
            return
        from timeline.review.views import event_review

        with self.store.session() as session:
            found = event_review(session, event_id)
        if found and found.conflict_id and found.conflict_status == "open":
            self.review.open_conflict(found.conflict_id)

    def apply_view(self) -> None:
        """Items (happenings or every mention) and lanes as the view bar says."""
        mode = self.view_bar.lane_mode
        self.canvas.set_single_lane(mode == "single")
        self.canvas.set_grouping(self._lanes(mode) if mode in ("story", "outlet") else None)
        self.apply_filter()

    def _lanes(self, mode: str):  # type: ignore[no-untyped-def]
        """The lane grouping, kept while what it is made of stays (the documents' headlines, each
        event's document and happening): opening a project applies the view twice, and a decision
        reloads the timeline; story lanes of 10,000 articles cost 0.23 s, half of a dismissal."""
        key = (mode, _grouping_key(self.data))
        cached = getattr(self, "_grouped", None)
        if cached is None or cached[0] != key:
            self._grouped = (key, grouping.group(self.data, mode))
        return self._grouped[1]

    def _filters_changed(self) -> None:
        """A changed filter: a new search text is searched in a worker first (seconds in a large
        project), the window filtering once it is found."""
        if self._closed:
            return  # (a search that ended as the window closed)
        needle = self.filters.search.text().strip()
        if needs_database(self.filters.state()) and self.waits_for_store("filters", self._filters_changed):
            self.filters.show_note("Filtering once the project is open…")
            return
        if needle and not self.text_search.has(needle, self.data) and self.text_search.start(needle, self.data):
            self.filters.show_note(f"Searching for “{needle}”…")
            return
        self.apply_filter()

    def apply_filter(self) -> None:
        """One mask from every filter: the list and the timeline show the same set."""
        bar = self.filters
        needle = bar.search.text().strip()
        found, articles, searching = self._matches(needle)
        chosen = view_filter.Filters(happenings=self.view_bar.happenings, matches=found,
                                     source=bar.source.currentData(), precision=bar.precision.currentData(),
                                     conflict=bar.conflict.currentData(), min_confidence=bar.confidence.currentData(),
                                     tagged=self.tags.get(bar.tag.currentData()) if bar.tag.currentData() else None)
        notes = []
        for edit, side in ((bar.date_from, "date_from"), (bar.date_to, "date_to")):
            bound, problem = _typed_bound(edit.text(), side == "date_to")
            setattr(chosen, side, bound)
            notes += [problem] if problem else []
        state, ids = chosen.conflict, None
        if state in ("resolved", "none") and not self.waits_for_store("filters", self.apply_filter):
            ids = view_filter.in_conflict_state(self.store, state)
        chosen.happenings = False  # (one item per happening: the mask kept for this timeline, below)
        mask = view_filter.shown_mask(self.data, chosen, ids)
        if self.view_bar.happenings:
            mask = self._representatives() if mask is None else mask & self._representatives()
            mask = None if mask.all() else mask
        self.model.set_shown(mask)
        self.canvas.set_shown(mask)  # the timeline shows what the list shows
        if searching:
            notes.insert(0, searching)
        elif needle:
            notes.insert(0, f"“{needle}” is in {articles} articles; "
                            f"{self.model.rowCount()} items shown")
        bar.show_note("; ".join(notes))

    def _representatives(self) -> np.ndarray:
        """One item per happening, kept for the timeline shown: 0.2 s at 225,000 events, and every
        filter change asked for it again (a reload twice)."""
        kept = getattr(self, "_kept_representatives", None)
        if kept is None or kept[0] is not self.data:
            self._kept_representatives = (self.data, grouping.representatives(self.data))
        return self._kept_representatives[1]

    def _matches(self, needle: str):  # type: ignore[no-untyped-def]
        """The search box's matches (event ids, articles), and what to say while they are searched
        in a worker (after a reload, a saved view, or before the store is open): meanwhile the
        matches found for the same words before, if any (None: every item)."""
        search = self.text_search
        if not needle:
            return None, 0, ""
        if not search.has(needle, self.data):
            if self.waits_for_store("search", self._filters_changed) or search.start(needle, self.data):
                return *search.earlier(needle), f"Searching for “{needle}”…"
        return *search.result(needle, self.data), ""  # found (or searched on the spot: it failed in the worker)

    # --- export
    def _export_scopes(self) -> dict[str, list[int] | None]:
        selected = sorted({self.model.event_id(i.row()) for i in self.table.selectionModel().selectedRows()})
        return {"filtered": [int(i) for i in self.model.shown_ids()], "selected": selected}

    # --- settings
    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        for key, splitter in (("main_split", self.main_split), ("bottom_split", self.bottom)):
            state = self.settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._save_view()
        self.text_search.wait()
        if self.worker:
            self.worker.cancel()
            self.worker.thread.wait()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("main_split", self.main_split.saveState())
        self.settings.setValue("bottom_split", self.bottom.saveState())
        self._closed = True
        self._drop_loader()
        if self._store is not None:
            self._store.close()
        super().closeEvent(event)


def _queries():  # type: ignore[no-untyped-def]
    """timeline.store.queries: the ORM's queries (search, text order, an event's source)."""
    from timeline.store import queries

    return queries


def _open_store(db: str) -> Store:
    from timeline.store.session import open_project

    return open_project(db)


def _grouping_key(data: TimelineData) -> tuple:  # type: ignore[type-arg]
    """What the lanes are made of, as a digest (a few milliseconds at 300,000 events)."""
    digest = hashlib.blake2b(data.lane.tobytes(), digest_size=16)
    if data.happening is not None:
        digest.update(data.happening.tobytes())
    digest.update("\x00".join(f"{lane.label}\x00{lane.agency}\x00{lane.path}" for lane in data.lanes).encode())
    return len(data), digest.hexdigest()


def _view_key(location: str) -> str:
    return "view/" + location.replace("/", "|")


def _typed_bound(text: str, end: bool) -> tuple[float | None, str]:
    """A typed date-range bound ("2022", "Jan 2022", "2022-01-30") as a day number: the start of
    what it names, or its end for "to"; with the sentence to show when it cannot be read."""
    if not text.strip():
        return None, ""
    from timeline.dateinput import DateInputError, parse_date_input  # the date grammar: only once one is typed

    try:
        entry = parse_date_input(text)
    except DateInputError as error:
        return None, str(error)
    return (entry.t1 if end else entry.t0), ""
