"""The import summary: every file with what happened to it, the failures first."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

if TYPE_CHECKING:  # the importer loads every reader: not at start-up
    from timeline.importer import ImportReport

_ORDER = {"failed": 0, "duplicate": 1, "opened": 2, "imported": 3}


class ImportSummary(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import summary")
        self.resize(900, 480)
        rows = sorted(report.results, key=lambda r: (_ORDER.get(r.status, 9), r.name))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["File", "Result", "Details"])
        for row, result in enumerate(rows):
            for column, text in enumerate((result.name, result.status, result.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{report.summary()}</b>"))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
