"""The Events menu: the analyst's own edits (edit, add, hide, bin, tag, star), each a decision
that the Edit menu's undo/redo takes back and forth (timeline/review/editing.py)."""
from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from datetime import datetime, timezone
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QDialog, QDialogButtonBox, QFormLayout, QInputDialog,
                               QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from .date_entry import show_reading
from .review import run_when_open

if TYPE_CHECKING:  # the edits and the models (SQLAlchemy) load on first use, after the first paint
    from timeline.dateinput import EnteredDate
    from timeline.store.session import Store


class EventDialog(QDialog):
    """Title, date (read as it is typed, refused with a plain message) and description."""

    def __init__(self, parent: QWidget | None, heading: str, title: str = "", date: str = "", description: str = "",
                 reference: int | None = None, on_paragraph: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.reference, self.entry = reference, None
        self.title, self.date = QLineEdit(title), QLineEdit(date)
        self.date.setPlaceholderText("30 January 2022 · Jan 2022 · mid-January 2022 · before 14 March 2021")
        self.description = QPlainTextEdit(description)
        self.reading = QLabel(wordWrap=True)
        self.on_paragraph = QCheckBox(on_paragraph) if on_paragraph else None
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Date", self.date)
        form.addRow("", self.reading)
        form.addRow("Description", self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.on_paragraph:
            self.on_paragraph.setChecked(True)
            layout.addWidget(self.on_paragraph)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.date.textChanged.connect(self._read)
        self.resize(520, self.sizeHint().height())
        self._read(date)

    def _read(self, text: str) -> EnteredDate | None:
        from timeline.dateinput import parse_date_input

        return show_reading(self.reading, lambda typed: parse_date_input(typed, self.reference), text,
                            quiet=not text.strip())

    def accept(self) -> None:
        """Only a title and a valid date close the dialog; otherwise the message shows."""
        self.entry = self._read(self.date.text())
        if self.entry is not None and self.title.text().strip():
            super().accept()


def _editing():  # type: ignore[no-untyped-def]
    """timeline.review.editing, loaded (with SQLAlchemy) on the first edit, after the first paint."""
    from timeline.review import editing

    return editing


class EditController(QObject):
    def __init__(self, window: QMainWindow, store: Callable[[], Store], selection: Callable[[], list[int]],
                 changed: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.store, self.selection, self.changed = window, store, selection, changed

    def add_menu(self, menu: QMenu, waits: Callable[[str, Callable[[], None]], bool] = lambda key, slot: False) -> None:

        for text, slot, shortcut in (("&Edit the selected event…", self.edit_selected, "Ctrl+E"),
                                     ("&Add an event…", self.add, "Ctrl+Shift+A"),
                                     (None, None, None),
                                     ("&Hide the selected events", self.hide_selected, "Delete"),
                                     ("Hide the selected events' &happenings", self.hide_happenings, None),
                                     ("Move the selected event's &document to the bin", self.bin_selected, None),
                                     ("Empty the &bin…", self.empty_bin, None),
                                     (None, None, None),
                                     ("&Tag the selected events…", self.tag_selected, "Ctrl+T"),
                                     ("&Star the selected events", lambda: self.star_selected(True), "Ctrl+*"),
                                     ("Unstar the selected events", lambda: self.star_selected(False), None)):
            if text is None:
                menu.addSeparator()
                continue
            action = menu.addAction(text, run_when_open(text, slot, waits))
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))

    def _do(self, act: Callable, *args: object) -> bool:  # type: ignore[type-arg]
        from timeline.review import last_decision
        from timeline.review.actions import Who

        who = Who(getpass.getuser(), datetime.now(timezone.utc).isoformat(timespec="seconds"))
        with self.store().session() as session, session.begin():
            act(session, *args, who=who)
            done = last_decision(session)
        self.changed()
        self.window.statusBar().showMessage(f"Done: {done.summary if done else ''} (Ctrl+Z undoes it)", 8000)
        return True

    def _need(self, count: int | None = None) -> list[int]:
        ids = self.selection()
        if not ids or (count is not None and len(ids) != count):
            self.window.statusBar().showMessage("Select " + ("one event" if count == 1 else "events") + " first", 5000)
            return []
        return ids

    def edit_selected(self) -> None:
        ids = self._need(1)
        if not ids:
            return
        from timeline.store.models import Annotation, Event

        with self.store().session() as session:
            event = session.get(Event, ids[0])
            assert event is not None
            mark = session.query(Annotation).filter_by(event_key=_editing()._key(session, ids[0])).first()
            start, reference = event.mention.text, event.document.dateline_day
            dialog = EventDialog(self.window, "Edit the event", event.title, start,
                                 mark.description if mark else "", reference)
        if dialog.exec():
            entry = dialog.entry if dialog.date.text() != start else None
            self._do(_editing().edit_event, ids[0], dialog.title.text().strip(), entry,
                     dialog.description.toPlainText().strip())

    def add(self) -> None:
        ids = self.selection()
        paragraph = None
        if len(ids) == 1:
            from timeline.store.models import Event

            with self.store().session() as session:
                event = session.get(Event, ids[0])
                assert event is not None
                paragraph = (event.document_id, event.paragraph_index, event.document.dateline_day,
                             f"On the selected event's paragraph ({event.document.filename}, "
                             f"paragraph {event.paragraph_index + 1})")
        dialog = EventDialog(self.window, "Add an event", reference=paragraph[2] if paragraph else None,
                             on_paragraph=paragraph[3] if paragraph else "")
        if not dialog.exec() or dialog.entry is None:
            return
        on = paragraph if paragraph and dialog.on_paragraph and dialog.on_paragraph.isChecked() else None
        self._do(_editing().add_event, dialog.title.text().strip(), dialog.entry,
                 dialog.description.toPlainText().strip(), on[0] if on else None, on[1] if on else None)

    def hide_selected(self) -> None:
        ids = self._need()
        if ids:
            self._do(_editing().hide_events, ids)

    def hide_happenings(self) -> None:
        for event_id in self._need()[:1]:
            self._do(_editing().hide_happening, event_id)

    def bin_selected(self) -> None:
        ids = self._need(1)
        if ids:
            from timeline.store.models import Event

            with self.store().session() as session:
                document_id = session.get(Event, ids[0]).document_id  # type: ignore[union-attr]
            self._do(_editing().bin_document, document_id)

    def empty_bin(self) -> None:
        editing = _editing()
        with self.store().session() as session:
            names = [d.filename for d in editing.binned_documents(session)]
        if not names:
            self.window.statusBar().showMessage("The bin is empty", 5000)
            return
        sure = QMessageBox.question(self.window, "Empty the bin", "Delete for good, with their text:\n"
                                    + "\n".join(names[:20]) + ("\n…" if len(names) > 20 else "")
                                    + "\n\nThis cannot be undone.")
        if sure == QMessageBox.StandardButton.Yes:
            with self.store().session() as session, session.begin():
                count = editing.empty_bin(session)
            self.changed()
            self.window.statusBar().showMessage(f"{count} documents deleted from the bin", 8000)

    def tag_selected(self) -> None:
        ids = self._need()
        if not ids:
            return
        tag, ok = QInputDialog.getText(self.window, "Tag", f"A tag for the {len(ids)} selected events:")
        if not ok or not tag.strip():
            return
        colour = QColorDialog.getColor(QColor("#e8590c"), self.window, "The tag's colour")
        self._do(_editing().tag_events, ids, tag.strip(), colour.name() if colour.isValid() else "#868e96")

    def star_selected(self, on: bool) -> None:
        ids = self._need()
        if ids:
            self._do(_editing().star_events, ids, on)


def marks_html(session, event_id: int) -> str:  # type: ignore[no-untyped-def]
    """The analyst's star, tags and description of an event, for the source panel."""
    from timeline.store.models import Annotation

    mark = session.query(Annotation).filter_by(event_key=_editing()._key(session, event_id)).first()
    if mark is None:
        return ""
    tags = " ".join(f"<span style='background:{escape(c)};color:white'>&nbsp;{escape(t)}&nbsp;</span>"
                    for t, c in json.loads(mark.tags or "[]"))
    parts = (["★ starred"] if mark.starred else []) + ([tags] if tags else []) + \
        ([f"<i>{escape(mark.description)}</i>"] if mark.description else [])
    return "<p><b>Analyst:</b> " + " · ".join(parts) + "</p>" if parts else ""
