"""The controls that choose what the timeline and the list show: items (happenings or every
mention), lanes, and the filters (search, source, date range, precision, conflict, confidence, tag).

The widgets only collect choices; ``timeline.view_filter`` turns them into one mask.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

ITEMS = (("Happenings (one item per event, sources merged)", True), ("Every source's mentions", False))
LANES = (("Lanes: story", "story"), ("Lanes: outlet", "outlet"), ("Lanes: document", "document"),
         ("One lane", "single"))
PRECISIONS = (("Any precision", None), ("Precise to the day", "day"), ("To the month", "month"),
              ("To the year", "year"))
CONFLICTS = (("Any conflict state", None), ("Open conflict", "open"), ("Resolved conflict", "resolved"),
             ("No conflict", "none"))
CONFIDENCES = (("Any confidence", 0.0), ("Confidence ≥ 0.5", 0.5), ("Confidence ≥ 0.8", 0.8))
ANY_SOURCE, ANY_TAG = "All sources", "Any tag"


def _combo(choices: tuple[tuple[str, object], ...]) -> QComboBox:
    combo = QComboBox()
    for label, value in choices:
        combo.addItem(label, value)
    return combo


class ViewBar(QWidget):
    """Above the timeline: what an item is and how lanes group; one click from happenings to mentions."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = _combo(ITEMS)
        self.lanes = _combo(LANES)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items)
        layout.addWidget(self.lanes)
        layout.addStretch()
        self.items.currentIndexChanged.connect(self.changed)
        self.lanes.currentIndexChanged.connect(self.changed)

    @property
    def happenings(self) -> bool:
        return bool(self.items.currentData())

    @property
    def lane_mode(self) -> str:
        return str(self.lanes.currentData())

    def set_state(self, happenings: bool, lane_mode: str) -> None:
        self.blockSignals(True)
        self.items.setCurrentIndex(0 if happenings else 1)
        self.lanes.setCurrentIndex(max(0, self.lanes.findData(lane_mode)))
        self.blockSignals(False)


class FilterBar(QWidget):
    """Above the list: a search of every article's text and the other filters (both views follow)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search titles and every article's text…")
        self.search.setClearButtonEnabled(True)
        self.source = QComboBox()
        self._sources: list[str] | None = None  # the documents listed in ``source``
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(18)  # long headlines: the search box keeps its room
        self.date_from = QLineEdit(placeholderText="from (2022, Jan 2022…)")
        self.date_to = QLineEdit(placeholderText="to")
        self.precision = _combo(PRECISIONS)
        self.conflict = _combo(CONFLICTS)
        self.confidence = _combo(CONFIDENCES)
        self.tag = QComboBox()
        self.note = QLabel()
        self.note.setStyleSheet("color:#666")
        first, second = QHBoxLayout(), QHBoxLayout()
        for widget in (self.search, self.source):
            first.addWidget(widget)
        for widget in (self.date_from, self.date_to, self.precision, self.conflict, self.confidence, self.tag):
            second.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.note)
        self.note.hide()
        self.typing = QTimer(self, singleShot=True, interval=250)  # search once typing pauses
        for edit in (self.search, self.date_from, self.date_to):
            edit.textChanged.connect(self.typing.start)
        self.typing.timeout.connect(self.changed)
        for combo in (self.source, self.precision, self.conflict, self.confidence, self.tag):
            combo.currentIndexChanged.connect(self.changed)

    def set_choices(self, sources: list[str], tags: list[str]) -> None:
        """The project's documents and tags; the current choice is kept when it still exists."""
        if sources != self._sources:  # a decision's reload: the same 50,000 names (0.2 s)
            self._sources = list(sources)
            _refill(self.source, ANY_SOURCE, [(name, n) for n, name in enumerate(sources)])
        self.set_tags(tags)

    def set_tags(self, tags: list[str]) -> None:
        """The tags alone (the documents' list of a large project costs tens of milliseconds)."""
        _refill(self.tag, ANY_TAG, [(name, name) for name in tags])
        self.tag.setVisible(bool(tags))

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def state(self) -> dict[str, object]:
        return {"filter": self.search.text(), "source": self.source.currentIndex(), "from": self.date_from.text(),
                "to": self.date_to.text(), "precision": self.precision.currentIndex(),
                "conflict": self.conflict.currentIndex(), "confidence": self.confidence.currentIndex(),
                "tag": self.tag.currentText()}

    def restore(self, state: dict) -> None:  # type: ignore[type-arg]
        self.blockSignals(True)
        self.search.setText(str(state.get("filter", "")))
        self.date_from.setText(str(state.get("from", "")))
        self.date_to.setText(str(state.get("to", "")))
        for combo, key in ((self.source, "source"), (self.precision, "precision"), (self.conflict, "conflict"),
                           (self.confidence, "confidence")):
            combo.setCurrentIndex(min(max(0, int(state.get(key, 0) or 0)), combo.count() - 1))
        self.tag.setCurrentIndex(max(0, self.tag.findText(str(state.get("tag", "")))))
        self.blockSignals(False)
        self.typing.stop()


def needs_database(state: dict) -> bool:  # type: ignore[type-arg]
    """Whether a saved filter state asks the database: a search, a tag, or a conflict state that
    the events' disputed flag does not tell (a large project is then not painted before its store
    opens)."""
    conflict = CONFLICTS[min(max(0, int(state.get("conflict", 0) or 0)), len(CONFLICTS) - 1)][1]
    return bool(str(state.get("filter", "")).strip()) or conflict in ("resolved", "none") \
        or str(state.get("tag", "")) not in ("", ANY_TAG)


def _refill(combo: QComboBox, everything: str, choices: list[tuple[str, object]]) -> None:
    """``everything`` (no filter), then the choices; the current one kept when it is still there."""
    current = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for name, data in choices:
        combo.addItem(name, data)
    combo.setCurrentIndex(max(0, combo.findText(current)))
    combo.blockSignals(False)
