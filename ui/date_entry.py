"""The date-entry dialog every review and edit action uses: what the analyst types is read by
timeline.dateinput as they type; a date that is not one gets a plain message and the text stays."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the date parser loads the temporal grammar: on the first typed date, not at start-up
    from timeline.dateinput import EnteredDate

Parser = Callable[[str], "EnteredDate"]


def parse_date_input(text: str) -> EnteredDate:
    from timeline.dateinput import parse_date_input as parse

    return parse(text)


def show_reading(label: QLabel, parse: Parser, text: str, quiet: bool = False) -> EnteredDate | None:
    """Read ``text`` and say on ``label`` how it reads (green) or why it is no date (red; nothing
    when ``quiet``). Every dialog that takes a typed date shows its reading this one way."""
    from timeline.dateinput import DateInputError

    try:
        entry = parse(text)
    except DateInputError as error:
        label.setStyleSheet("color:#c92a2a")
        label.setText("" if quiet else str(error))
        return None
    label.setStyleSheet("color:#2b8a3e")
    label.setText(f"Reads as {entry.label()} ({entry.first_day}"
                  + ("" if entry.first_day == entry.last_day else f" to {entry.last_day}") + ")")
    return entry


class DateEntryDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, prompt: str, text: str = "",
                 parse: Parser = parse_date_input) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.parse = parse
        self.entry: EnteredDate | None = None
        self.edit = QLineEdit(text)
        self.edit.setPlaceholderText("30 January 2022 · Jan 2022 · 2022-01-30 · before 14 March 2021 · "
                                     "2022-01-31 to 2022-02-03")
        self.reading = QLabel(wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, wordWrap=True))
        layout.addWidget(self.edit)
        layout.addWidget(self.reading)
        layout.addWidget(buttons)
        self.edit.textChanged.connect(self._read)
        self.resize(480, self.sizeHint().height())
        self._read(text, quiet=not text)

    def _read(self, text: str, quiet: bool = False) -> EnteredDate | None:
        return show_reading(self.reading, self.parse, text, quiet)

    def accept(self) -> None:
        """Only a valid date closes the dialog; otherwise the message shows and the text stays."""
        self.entry = self._read(self.edit.text())
        if self.entry is not None:
            super().accept()


def ask_date(parent: QWidget | None, title: str, prompt: str, text: str = "",
             parse: Parser = parse_date_input) -> EnteredDate | None:
    dialog = DateEntryDialog(parent, title, prompt, text, parse)
    return dialog.entry if dialog.exec() == QDialog.DialogCode.Accepted else None
