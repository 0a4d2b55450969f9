"""The window's side of reviewing: the Conflicts tab, the status-bar count, the Edit menu
(undo, redo, merge, split, note), and carrying the analyst's decisions out on the store."""
from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QPushButton, QTabWidget

from .conflicts_panel import ConflictsPanel

if TYPE_CHECKING:  # the review (SQLAlchemy) loads on the first refresh, after the first paint
    from timeline.store.session import Store


class ReviewController(QObject):
    def __init__(self, window: QMainWindow, tabs: QTabWidget, store: Callable[[], Store],
                 selection: Callable[[], list[int]], changed: Callable[[bool], None]) -> None:
        """``changed(same_documents)`` reloads what the window shows after a decision, this tab
        included; ``same_documents``: the decision changed no document (no dateline)."""
        super().__init__(window)
        self.window, self.tabs, self.store, self.selection, self.changed = window, tabs, store, selection, changed
        self.panel = ConflictsPanel()
        self.tab_index = tabs.addTab(self.panel, "Conflicts")
        self.status = QPushButton(flat=True)
        self.status.clicked.connect(self.show_tab)
        window.statusBar().addPermanentWidget(self.status)
        self.panel.selected.connect(self._show)
        self.panel.decision.connect(lambda action, args: self.waits(action, lambda: self.decide(action, args)) or
                                    self.decide(action, args))
        # True when a decision is done later (the window's ``waits_to_write``: an import running...)
        self.waits: Callable[[str, Callable[[], None]], bool] = lambda key, slot: False
        self.panel.filtersChanged.connect(self.refresh)
        self.refreshes = 0

    def add_menu(self, menu: QMenu, waits: Callable[[str, Callable[[], None]], bool] = lambda key, slot: False) -> None:
        """The Edit menu's entries; ``waits(key, slot)``: True when ``slot`` is run later, once the
        store a worker is opening is open (the window's ``waits_for_store``)."""
        entries = (("&Undo decision", self.undo, QKeySequence.StandardKey.Undo),
                   ("&Redo decision", self.redo, QKeySequence.StandardKey.Redo),
                   (None, None, None),
                   ("&Merge the two selected events", self._merge_selected, "Ctrl+Shift+M"),
                   ("&Split the selected event off", self._split_selected, None),
                   ("Add a &note to the selected event…", self._note_selected, None))
        for text, slot, shortcut in entries:
            if text is None:
                menu.addSeparator()
                continue
            action = menu.addAction(text, run_when_open(text, slot, waits))
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))

    # --- showing
    def refresh(self) -> None:
        with self.store().session() as session:
            self.show_conflicts(*read_conflicts(session, *self.panel.filters()))

    def show_conflicts(self, rows: list, total: int) -> None:
        """The open conflicts as read by ``read_conflicts`` (here, or by the loading worker)."""
        self.refreshes += 1  # what a worker read before this is older: not shown (ui/loading.py)
        keep = self.panel.view.id if self.panel.view else None  # conflict numbers last across rebuilds
        self.panel.show_conflicts(rows, keep)
        self.status.setText(f"{total} open conflicts" if total else "no conflicts")
        self.tabs.setTabText(self.tab_index, f"Conflicts ({total})")

    def show_tab(self) -> None:
        self.tabs.setCurrentIndex(self.tab_index)

    def open_conflict(self, conflict_id: int) -> None:
        self.show_tab()
        self.panel.select(conflict_id)
        if self.panel.view is None or self.panel.view.id != conflict_id:
            self._show(conflict_id)

    def _show(self, conflict_id: int) -> None:
        from timeline.review.views import conflict_view

        with self.store().session() as session:
            self.panel.show_conflict(conflict_view(session, conflict_id))

    # --- deciding
    def decide(self, action: str, args: tuple) -> None:
        from timeline import review

        who = review.Who(getpass.getuser(), datetime.now(timezone.utc).isoformat(timespec="seconds"))
        act = {"accept": review.accept_source, "set_date": review.set_date, "dismiss": review.dismiss,
               "dateline": review.correct_dateline, "split": review.split_event, "merge": review.merge_events,
               "note": review.add_note, "suggestions": review.accept_suggestions}[action]
        try:
            with self.store().session() as session, session.begin():
                act(session, *args, who=who)
                done = review.last_decision(session)
        except ValueError as error:  # DateInputError, DecisionError: a sentence for the analyst
            self.panel.show_error(str(error))
            self.window.statusBar().showMessage(f"Not done: {error}", 10000)
            return
        self.after_change(f"Done: {done.summary if done else action} (Ctrl+Z undoes it)", action in SAME_DOCUMENTS)

    def undo(self) -> None:
        self._step("undo", "Undone")

    def redo(self) -> None:
        self._step("redo", "Redone")

    def _step(self, name: str, done: str) -> None:
        from timeline import review

        with self.store().session() as session, session.begin():
            stepped = getattr(review, name)(session)
        if stepped is None:  # nothing changed: no reload (seconds in a large project)
            self.window.statusBar().showMessage(f"Nothing to {name}", 8000)
            return
        self.after_change(f"{done}: {stepped.summary}", _keeps_documents(stepped))

    def after_change(self, message: str, same_documents: bool = False) -> None:
        self.changed(same_documents)  # the window reloads the timeline, and with it this tab (refresh)
        self.window.statusBar().showMessage(message, 8000)

    def _merge_selected(self) -> None:
        ids = self.selection()
        if len(ids) == 2:
            self.decide("merge", (ids[0], ids[1]))
        else:
            self.window.statusBar().showMessage("Select exactly two events to merge", 5000)

    def _split_selected(self) -> None:
        ids = self.selection()
        if len(ids) == 1:
            self.decide("split", (ids[0],))

    def _note_selected(self) -> None:
        ids = self.selection()
        if len(ids) != 1:
            return
        text, ok = QInputDialog.getText(self.window, "Note", "A note for this event's history:")
        if ok and text.strip():
            self.decide("note", (ids[0], text.strip()))


# decisions that change events and happenings only: the window keeps its documents (lanes)
SAME_DOCUMENTS = frozenset({"accept", "set_date", "dismiss", "split", "merge", "note"})


def _keeps_documents(decision) -> bool:  # type: ignore[no-untyped-def]
    """Whether an undone or redone decision left the documents as they were (a batch of accepted
    suggestions may hold dateline corrections: not known from its first decision)."""
    import json

    return decision.action in SAME_DOCUMENTS and json.loads(decision.payload).get("batch") is None


def run_when_open(key: str, slot: Callable[[], None],
                  waits: Callable[[str, Callable[[], None]], bool]) -> Callable[[], None]:
    """A menu entry's slot: run now, or once the store is open when a worker is opening it."""
    return lambda: None if waits(key, slot) else slot()


def read_conflicts(session, kind: str | None, order: str) -> tuple[list, int]:  # type: ignore[no-untyped-def]
    """The open conflicts of ``kind`` in ``order``, and how many are open in all. Qt-free: the
    loading worker reads them too."""
    from timeline.review.views import open_conflict_count, open_conflicts

    rows = open_conflicts(session, kind, order)
    return rows, len(rows) if kind is None else open_conflict_count(session)
