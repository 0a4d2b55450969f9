"""The export dialogs: a report page (PNG, SVG, PDF), and the events as data (CSV, HTML,
TimelineJS, JSON Lines) with a plain choice of which events: all, the filtered list, or the
selection, each with its count, so nothing is narrowed down without saying so."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from .report import ReportOptions

DATA_FORMATS = {"csv": ("CSV (spreadsheets; merges back into a project)", "CSV files (*.csv)"),
                "html": ("Interactive HTML page (one file, opens offline)", "HTML pages (*.html)"),
                "timelinejs": ("TimelineJS3 JSON", "JSON files (*.json)"),
                "jsonl": ("JSON Lines for Timesketch (merges back into a project)", "JSON Lines (*.jsonl)")}


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ReportDialog(QDialog):
    def __init__(self, title: str, view_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export a report (PNG, SVG or PDF)")
        self.title = QLineEdit(title)
        self.whole = QRadioButton("The whole project, fitted to where the events are")
        self.view = QRadioButton("What the window shows now")
        self.whole.setChecked(True)
        self.every_date = QCheckBox("Every date, even lone background ones far from the rest")
        self.whole.toggled.connect(self.every_date.setEnabled)
        self.width = QSpinBox(minimum=600, maximum=20000, singleStep=100, suffix=" px")
        self.width.setValue(max(1600, view_width))
        self.scale = QComboBox()
        for label, factor in (("1x (screen)", 1.0), ("2x (sharp in reports)", 2.0), ("3x (print)", 3.0)):
            self.scale.addItem(label, factor)
        self.scale.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Width", self.width)
        form.addRow("PNG scale", self.scale)
        layout = QVBoxLayout(self)
        for widget in (self.whole, self.every_date, self.view):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(QLabel("The format follows the file name: .png, .svg or .pdf (vector). "
                                "The selection is not printed."))
        layout.addWidget(_buttons(self))

    def options(self) -> ReportOptions:
        return ReportOptions(self.title.text().strip() or "Timeline", self.whole.isChecked(),
                             self.every_date.isChecked(), self.width.value(), float(self.scale.currentData()))


@dataclass(frozen=True)
class DataChoice:
    kind: str  # a key of DATA_FORMATS
    scope: str  # all | filtered | selected
    title: str


class DataExportDialog(QDialog):
    def __init__(self, counts: dict[str, int], title: str, parent: QWidget | None = None) -> None:
        """``counts``: how many events each scope holds (all, filtered, selected)."""
        super().__init__(parent)
        self.setWindowTitle("Export events")
        self.format = QComboBox()
        for kind, (label, _) in DATA_FORMATS.items():
            self.format.addItem(label, kind)
        self.scopes = QButtonGroup(self)
        texts = {"all": f"All {counts['all']} events of the project",
                 "filtered": f"The {counts['filtered']} events the list shows (its filter)",
                 "selected": f"The {counts['selected']} selected events"}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("Format", self.format)
        self.title = QLineEdit(title)
        form.addRow("Title (HTML, TimelineJS)", self.title)
        layout.addLayout(form)
        layout.addWidget(QLabel("Which events:"))
        self.buttons: dict[str, QRadioButton] = {}
        for scope, text in texts.items():
            button = QRadioButton(text)
            button.setEnabled(counts[scope] > 0 and (scope == "all" or counts[scope] < counts["all"]))
            self.scopes.addButton(button)
            self.buttons[scope] = button
            layout.addWidget(button)
        self.buttons["all"].setChecked(True)
        layout.addWidget(_buttons(self))

    def choice(self) -> DataChoice:
        scope = next(s for s, b in self.buttons.items() if b.isChecked())
        return DataChoice(str(self.format.currentData()), scope, self.title.text().strip() or "Timeline")
