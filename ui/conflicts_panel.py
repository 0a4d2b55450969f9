"""The Conflicts panel: open conflicts (filtered and sorted), every source of one side by side,
and the actions on any of them.

The panel only asks; the main window carries a decision out (``decision`` signal: action and
its arguments) and calls ``show_conflicts`` again with what the rebuild found. Dates the analyst
types go through ui.date_entry (timeline.dateinput): never a raw error, the text kept.
"""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from .date_entry import ask_date
from .source_cards import SideRole, SourceStrip, card_html

if TYPE_CHECKING:  # the review's queries (SQLAlchemy) load after the first paint
    from timeline.dateinput import EnteredDate
    from timeline.review.views import ConflictRow, ConflictView, Side

KINDS = (("All conflicts", None), ("Dates", "date"), ("Datelines", "dateline"))
SUMMARY_CHARS = 300  # a happening of 11,000 sources has a 480,000-character summary: laying it out took 1 s
ORDERS = (("Datelines first", "suggested"), ("Largest gap", "gap"), ("Most sources", "sources"),
          ("Least sure first", "confidence"))


class ConflictsPanel(QWidget):
    decision = Signal(str, tuple)  # action, arguments (see ReviewController.decide)
    selected = Signal(int)  # conflict id
    filtersChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: ConflictView | None = None
        self.kind, self.order = QComboBox(), QComboBox()
        for combo, choices in ((self.kind, KINDS), (self.order, ORDERS)):
            for label, value in choices:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self.filtersChanged)
        self.list = QListWidget()
        self._rows: list[ConflictRow] = []  # what the list shows
        # thousands of rows: one row's size measured, not every long summary line (1 s at 7,000
        # conflicts); a long line ends in "…" and its tooltip holds it whole
        self.list.setUniformItemSizes(True)
        self.detail = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color:#c92a2a")
        self.strip = SourceStrip()  # every source side by side, drawn as the view scrolls
        self.strip.acted.connect(self._act)
        self.strip.selectionModel().currentChanged.connect(lambda index: self.read(index.data(SideRole)))
        self.reader = QTextBrowser()  # the chosen source's whole paragraph
        self.reader.setOpenLinks(False)
        self.buttons = {name: QPushButton(label) for name, label in (
            ("suggestion", "Accept the suggestion"), ("family", "Accept for the whole family"),
            ("set", "Set date…"), ("note", "Note…"), ("dismiss", "Dismiss"))}
        self._connect_buttons()
        self._lay_out()
        self.list.currentItemChanged.connect(self._current_changed)
        self.show_conflict(None)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for label, combo in (("Show", self.kind), ("Sort", self.order)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        filters.addStretch()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.list)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch()
        bottom = QWidget()
        layout = QVBoxLayout(bottom)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail)
        sources = QSplitter(Qt.Orientation.Vertical)
        sources.addWidget(self.strip)
        sources.addWidget(self.reader)
        sources.setSizes([260, 140])
        layout.addWidget(sources, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([150, 450])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

    def _connect_buttons(self) -> None:
        b = self.buttons
        b["suggestion"].clicked.connect(lambda: self.ask("suggestions", (self.view.id,) if self.view else None))
        b["family"].clicked.connect(lambda: self.ask("suggestions", tuple(self.view.family) if self.view else None))
        b["set"].clicked.connect(lambda: self.set_date())
        b["note"].clicked.connect(self._note)
        b["dismiss"].clicked.connect(lambda: self.ask("dismiss", self.view.id if self.view else None))

    # --- the list
    def filters(self) -> tuple[str | None, str]:
        return self.kind.currentData(), self.order.currentData()

    def show_conflicts(self, rows: list[ConflictRow], keep: int | None = None) -> None:
        current = self.list.currentItem()
        if rows == self._rows and current is not None and current.data(Qt.ItemDataRole.UserRole) == keep:
            self._current_changed(current)  # the list is as shown (most merges and splits: 11,000 items
            return                          # cost 0.15 s to list again); the conflict is read again
        self._rows = list(rows)
        self.list.blockSignals(True)
        self.list.clear()
        for c in rows:
            label = f"#{c.id} {'dateline' if c.kind == 'dateline' else 'dates'} · {c.sources} sources · " \
                    f"{c.gap_days:g} days apart: {clipped(c.summary)}"
            if c.cause_id:
                label = f"    ↳ follows from #{c.cause_id} — {label}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(f"{label}\n{c.suggestion}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in rows]
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

    # --- one conflict, all its sources
    def show_conflict(self, view: ConflictView | None) -> None:
        self.view = view
        self.message.setText("")
        self.strip.show_sides(view.sides if view else [], view.kind if view else "date")
        if view is None or not view.sides:
            self.read(None)
        if view is None:
            self.detail.setText("<p style='color:#777'>No open conflicts.</p>")
        else:
            cause = f"<br><i>Follows from conflict #{view.cause_id}: resolve that one first.</i>" if view.cause_id else ""
            self.detail.setText(f"<b>#{view.id} {escape(clipped(view.summary))}</b> ({len(view.sides)} sources)<br>"
                                f"Suggestion: {escape(view.suggestion)}"
                                f"<br><span style='color:#555'>{escape(view.reason)}</span>{cause}")
        for name in ("suggestion", "note", "dismiss"):
            self.buttons[name].setEnabled(view is not None)
        self.buttons["set"].setEnabled(view is not None and view.kind == "date")
        family = len(view.family) if view else 0
        self.buttons["family"].setVisible(family > 1)
        self.buttons["family"].setText(f"Accept for all {family} in the family")

    def read(self, side: Side | None) -> None:
        """A source's whole paragraph in the reader under the cards."""
        if side is None:
            self.reader.setHtml("")
            return
        where = f"<p style='color:#777'>Source {self.strip.currentIndex().row() + 1:,} of {len(self.strip.sources.sides):,}" \
                " (arrow keys or the scroll bar: the others; right-click: what can be done)</p>"
        self.reader.setHtml(where + card_html(side, whole=True))

    def _act(self, name: str, side: Side) -> None:
        """A card's button (or its menu entry, or a double-click: ``read``)."""
        if name == "use":
            self.accept_side(side)
        elif name == "split":
            self.ask("split", side.event_id)
        elif name == "dateline":
            self.correct_dateline(side=side)
        else:
            self.read(side)

    def ask(self, action: str, *args: object) -> None:
        if self.view is not None and None not in args:
            self.decision.emit(action, args)

    def show_error(self, message: str) -> None:
        self.message.setText(message)

    def accept_side(self, side: Side) -> None:
        self.ask("accept", self.view.id if self.view else None, side.event_id)

    def _accept(self, index: int) -> None:
        if self.view and self.view.sides:
            self.accept_side(self.view.sides[min(index, len(self.view.sides) - 1)])

    def set_date(self, *, text: str | None = None) -> None:
        """The analyst's own date for the happening (``text``: what the dialog would return)."""
        if self.view is None:
            return
        from timeline.dateinput import parse_date_input

        entry = self._entry(text, parse_date_input, "Set the date",
                            "The date of this happening (a day, a month, a range, 'before …'):",
                            self.view.suggested_date or "")
        if entry is not None:
            self.ask("set_date", self.view.id, entry)

    def correct_dateline(self, *, side: Side | None = None, day: str | None = None) -> None:
        """The real publication day of a source (default: the one whose dateline looks wrong)."""
        if self.view is None or not self.view.sides:
            return
        if side is None:  # the suspect document, else the first whose dateline differs from the suggested side's
            sides = self.view.sides
            side = next((s for s in sides if s.document_id == self.view.document_id), None) or next(
                (s for s in sides if s.dateline[:10] != sides[0].dateline[:10]), sides[-1])
        suggested = self.view.suggested_date if self.view.kind == "dateline" else self.view.sides[0].dateline[:10]
        from timeline.dateinput import parse_day_input

        entry = self._entry(day, parse_day_input, "Correct the dateline",
                            f"{side.title}: the article's real date (one day).\n"
                            "Every date counted from it is resolved again.", suggested or "")
        if entry is not None:
            self.ask("dateline", side.document_id, entry)

    _correct_dateline = correct_dateline  # older name, used by tests and scripts
    _set_date = set_date

    def _entry(self, text: str | None, parse, title: str, prompt: str, suggested: str) -> EnteredDate | None:  # type: ignore[no-untyped-def]
        from timeline.dateinput import DateInputError

        if text is None:
            return ask_date(self, title, prompt, suggested, parse)
        try:
            return parse(text)
        except DateInputError as error:
            self.show_error(str(error))
            return None

    def _note(self) -> None:
        if self.view is None:
            return
        text, ok = QInputDialog.getText(self, "Note", "A note for this event's history:")
        target = next((s.event_id for s in self.view.sides if s.event_id is not None), None)
        if ok and text.strip() and target is not None:
            self.ask("note", target, text.strip())


def clipped(text: str, limit: int = SUMMARY_CHARS) -> str:
    """A summary as long as a line can show (the sources themselves are on the cards)."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
