"""Export PNG options: the whole timeline or the current view, at a width and a pixel scale."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QRadioButton, QSpinBox,
                               QVBoxLayout, QWidget)


@dataclass
class PngOptions:
    whole: bool
    width: int
    device_scale: float


class PngExportDialog(QDialog):
    def __init__(self, view_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PNG")
        self.whole = QRadioButton("Whole timeline (every lane, all dates)")
        self.view = QRadioButton("Current view (what the window shows)")
        self.whole.setChecked(True)
        self.width = QSpinBox(minimum=400, maximum=20000, singleStep=100, suffix=" px")
        self.width.setValue(max(1600, view_width))
        self.scale = QComboBox()
        for label, factor in (("1x (screen)", 1.0), ("2x (sharp in reports)", 2.0), ("3x (print)", 3.0)):
            self.scale.addItem(label, factor)
        self.scale.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow("Width", self.width)
        form.addRow("Scale", self.scale)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.whole, self.view):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> PngOptions:
        return PngOptions(self.whole.isChecked(), self.width.value(), float(self.scale.currentData()))
