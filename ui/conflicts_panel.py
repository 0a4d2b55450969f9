"""The Conflicts panel: open conflicts, the competing paragraphs side by side, and the actions.

The panel only asks; the main window carries a decision out (``decision`` signal: action and
its arguments) and calls ``show_conflicts`` again with what the rebuild found.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from timeline.review.views import ConflictView, Side
from timeline.store.models import Conflict

from .source_panel import marked_html


class ConflictsPanel(QWidget):
    decision = Signal(str, tuple)  # action, arguments (see MainWindow.decide)
    selected = Signal(int)  # conflict id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: ConflictView | None = None
        self.list = QListWidget()
        self.detail = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.sides = [QTextBrowser(), QTextBrowser()]
        pair = QSplitter(Qt.Orientation.Horizontal)
        for browser in self.sides:
            pair.addWidget(browser)
        self.buttons = {name: QPushButton(label) for name, label in (
            ("left", "Use left date"), ("right", "Use right date"), ("set", "Set date…"),
            ("dateline", "Correct dateline…"), ("split", "Split right off"), ("note", "Note…"),
            ("dismiss", "Dismiss"))}
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        bottom = QWidget()
        layout = QVBoxLayout(bottom)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail)
        layout.addWidget(pair, 1)
        layout.addLayout(row)
        split.addWidget(bottom)
        split.setSizes([120, 400])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self.list.currentItemChanged.connect(self._current_changed)
        self._connect_buttons()
        self.show_conflict(None)

    def _connect_buttons(self) -> None:
        b = self.buttons
        b["left"].clicked.connect(lambda: self._accept(0))
        b["right"].clicked.connect(lambda: self._accept(1))
        b["set"].clicked.connect(self._set_date)
        b["dateline"].clicked.connect(self._correct_dateline)
        b["split"].clicked.connect(lambda: self._ask("split", self._side(1).event_id))
        b["note"].clicked.connect(self._note)
        b["dismiss"].clicked.connect(lambda: self._ask("dismiss", self.view.id if self.view else None))

    # --- the list
    def show_conflicts(self, conflicts: list[Conflict], keep: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for c in conflicts:
            label = f"#{c.id} {'dateline' if c.kind == 'dateline' else 'dates'}: {c.summary}"
            if c.cause_id:
                label = f"    ↳ follows from #{c.cause_id} — {label}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(c.suggestion)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in conflicts]
        if keep in ids:
            self.select(keep)
        elif ids:
            self.list.setCurrentRow(0)
        else:
            self.show_conflict(None)

    def select(self, conflict_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == conflict_id:
                self.list.setCurrentRow(row)
                return

    def _current_changed(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.selected.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    # --- one conflict
    def show_conflict(self, view: ConflictView | None) -> None:
        self.view = view
        if view is None:
            self.detail.setText("<p style='color:#777'>No open conflicts.</p>")
            for browser in self.sides:
                browser.setHtml("")
        else:
            cause = f"<br><i>Follows from conflict #{view.cause_id}: resolve that one first.</i>" if view.cause_id else ""
            self.detail.setText(f"<b>#{view.id} {escape(view.summary)}</b><br>Suggestion: {escape(view.suggestion)}"
                                f"<br><span style='color:#555'>{escape(view.reason)}</span>{cause}")
            for browser, side in zip(self.sides, view.sides + [None]):
                browser.setHtml(_side_html(side) if side else "")
        is_date = view is not None and view.kind == "date"
        for name in ("left", "right", "set", "split"):
            self.buttons[name].setEnabled(is_date and len(view.sides) > 1)  # type: ignore[union-attr]
        for name in ("dateline", "note", "dismiss"):
            self.buttons[name].setEnabled(view is not None)

    def _side(self, index: int) -> Side:
        assert self.view is not None
        return self.view.sides[min(index, len(self.view.sides) - 1)]

    def _ask(self, action: str, *args: object) -> None:
        if self.view is not None and None not in args:
            self.decision.emit(action, args)

    def _accept(self, index: int) -> None:
        self._ask("accept", self.view.id if self.view else None, self._side(index).event_id)

    def _set_date(self, *, text: str | None = None) -> None:
        if self.view is None:
            return
        if text is None:
            text, ok = QInputDialog.getText(self, "Set the date", "Date (YYYY-MM-DD, or a range 'YYYY-MM-DD YYYY-MM-DD'):",
                                            text=self.view.suggested_date or "")
            if not ok:
                return
        parts = text.split()
        if parts:
            self._ask("set_date", self.view.id, parts[0], parts[-1])

    def _correct_dateline(self, *, day: str | None = None) -> None:
        if self.view is None:
            return
        document_id = self.view.document_id if self.view.kind == "dateline" else self._side(1).document_id
        suggested = self.view.suggested_date if self.view.kind == "dateline" else self._side(0).dateline[:10]
        if day is None:
            day, ok = QInputDialog.getText(self, "Correct the dateline",
                                           f"{self._side(1).filename}: the article's real date (YYYY-MM-DD).\n"
                                           "Every date counted from it is resolved again.", text=suggested or "")
            if not ok:
                return
        self._ask("dateline", document_id, day.strip())

    def _note(self) -> None:
        if self.view is None:
            return
        text, ok = QInputDialog.getText(self, "Note", "A note for this event's history:")
        target = self._side(0).event_id or self._side(1).event_id
        if ok and text.strip() and target is not None:
            self._ask("note", target, text.strip())


def _side_html(side: Side) -> str:
    return (f"<p><b>{escape(side.filename)}</b><br>dateline {escape(side.dateline)}<br>"
            f"says: <b>{escape(side.claim)}</b></p><blockquote>{marked_html(side.before, side.marked, side.after)}"
            "</blockquote>")
