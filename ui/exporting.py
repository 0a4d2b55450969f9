"""The window's side of exporting: File-menu entries, the dialogs, writing off the store, and a
status-bar line that says what was written where."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the writers, the report painter and the dialogs load on first use, after the first paint
    from timeline.store.arrays import TimelineData
    from timeline.store.session import Store

    from .export_dialog import DataChoice
    from .report import ReportOptions

SCOPE_WORDS = {"all": "all events", "filtered": "the filtered list", "selected": "the selection"}


class ExportController(QObject):
    def __init__(self, window: QMainWindow, store: Callable[[], Store], data: Callable[[], TimelineData],
                 scopes: Callable[[], dict[str, list[int] | None]], view: Callable[[], tuple[float, float, bool]],
                 changed: Callable[[], None]) -> None:
        """``scopes``: event ids of the filtered list and the selection (None: all);
        ``view``: the window's visible range and whether it shows one lane."""
        super().__init__(window)
        self.window, self.store, self.data, self.scopes, self.view, self.changed = \
            window, store, data, scopes, view, changed
        self.title = "Timeline"

    def add_menu(self, menu: QMenu) -> None:
        menu.addAction("Export a &report (PNG, SVG, PDF)…", self.choose_report)
        menu.addAction("Export &events (CSV, HTML, TimelineJS, JSON Lines)…", self.choose_data)
        menu.addAction("&Merge a colleague's exported timeline…", self.choose_merge)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    # --- report
    def choose_report(self) -> None:
        from .export_dialog import ReportDialog

        dialog = ReportDialog(self.title, self.window.width(), self.window)
        if not dialog.exec():
            return
        options = dialog.options()
        self.title = options.title
        path, _ = QFileDialog.getSaveFileName(self.window, "Export a report", "timeline.png",
                                              "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        if path:
            self.export_report(path, options)

    def export_report(self, path: str, options: ReportOptions) -> bool:
        from .report import write_report

        v0, v1, single_lane = self.view()
        try:
            width, height = write_report(path, self.data(), options, None if options.whole else (v0, v1),
                                         single_lane=single_lane and not options.whole)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self.window, "Export a report", str(error))
            return False
        what = "the whole project" if options.whole else "the current view"
        self._say(f"Report of {what} written to {path} ({width}×{height} px at 1x)")
        return True

    # --- events as data
    def choose_data(self) -> None:
        from .export_dialog import DATA_FORMATS, DataExportDialog

        scopes = self.scopes()
        counts = {"all": len(self.data())} | {k: len(v or []) for k, v in scopes.items()}
        dialog = DataExportDialog(counts, self.title, self.window)
        if not dialog.exec():
            return
        choice = dialog.choice()
        self.title = choice.title
        name, pattern = f"timeline.{'json' if choice.kind == 'timelinejs' else choice.kind}", DATA_FORMATS[choice.kind][1]
        path, _ = QFileDialog.getSaveFileName(self.window, "Export events", name, pattern)
        if path:
            self.export_data(path, choice)

    def export_data(self, path: str, choice: DataChoice) -> int:
        from timeline.export.formats import WRITERS
        from timeline.export.records import export_events

        """Write the chosen events; how many were written."""
        ids = None if choice.scope == "all" else self.scopes()[choice.scope]
        with self.store().session() as session:
            records = export_events(session, ids)
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                WRITERS[choice.kind](handle, records, choice.title)
        except OSError as error:
            QMessageBox.warning(self.window, "Export events", f"Could not write {path}: {error}")
            return 0
        self._say(f"{len(records)} events ({SCOPE_WORDS[choice.scope]}) written to {path}")
        return len(records)

    # --- merge
    def choose_merge(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Merge a colleague's timeline", "",
                                                "Timeline exports (*.csv *.jsonl);;All files (*)")
        for path in paths:
            self.merge(path)

    def merge(self, path: str) -> bool:
        from timeline.export.merge import NotAnExport, merge_export, read_export
        from timeline.review import rebuild

        try:
            rows = read_export(Path(path).read_bytes(), path)
        except (OSError, UnicodeDecodeError, ValueError, NotAnExport) as error:
            QMessageBox.warning(self.window, "Merge a timeline", str(error))
            return False
        with self.store().session() as session, session.begin():
            result = merge_export(session, rows, path, datetime.now(timezone.utc))
            rebuild(session)
        self.changed()
        self._say(f"{Path(path).name}: {result.documents} sources and {result.events} events merged"
                  + (f" ({result.already} sources were already in the project)" if result.already else "")
                  + (f"; {len(result.refused)} rows left out ({result.refused[0]})" if result.refused else ""))
        return True
