"""The review in the window: typed dates checked, every source shown, panels never stale."""
import pytest
from conftest import SAMPLES, isolate_settings, new_window

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt  # noqa: E402
from sqlalchemy import select  # noqa: E402

from timeline.importer import import_paths  # noqa: E402
from timeline.review import rebuild_store  # noqa: E402
from timeline.store.models import Decision  # noqa: E402
from ui.date_entry import DateEntryDialog  # noqa: E402

from test_decisions import NOW  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    isolate_settings(tmp_path)
    w = new_window(qtbot, tmp_path / "ui.sqlite", show=False)
    import_paths(w.store, [SAMPLES], NOW)
    rebuild_store(w.store)
    w.reload(keep_view=False)
    return w


def _row_of(window, source_prefix: str, expression: str) -> int:
    data = window.data
    return [i for i in range(len(data)) if data.texts[i].expression == expression
            and window.store.location and _filename(window, int(data.ids[i])).startswith(source_prefix)][0]


def _filename(window, event_id: int) -> str:
    from timeline.store.models import Event
    with window.store.session() as session:
        return session.get(Event, event_id).document.filename


def _open_talks(window) -> None:
    window.canvas.eventOpened.emit(int(window.data.ids[_row_of(window, "001_", "Wednesday")]))


def test_the_date_dialog_keeps_the_text_and_says_what_is_wrong(qtbot):
    dialog = DateEntryDialog(None, "Set the date", "Date:", "2022-02-30")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.entry is None and dialog.edit.text() == "2022-02-30"
    assert dialog.reading.text() == "2022-02-30 is not a date: February 2022 has 28 days."
    dialog.edit.setText("30 January 2022")
    assert dialog.reading.text().startswith("Reads as 30 January 2022")
    dialog.accept()
    assert dialog.entry is not None and dialog.entry.first_day == "2022-01-30"


def test_set_date_in_the_panel_refuses_bad_dates_and_moves_the_event(window):
    before = window.review.status.text()
    _open_talks(window)
    panel = window.review.panel
    assert panel.strip.model().rowCount() == 4  # every source of the happening, side by side
    panel.set_date(text="30 January 2022 xyz")
    assert "Could not read" in panel.message.text()
    with window.store.session() as session:
        assert session.scalars(select(Decision)).all() == []
    panel.set_date(text="30 January 2022")
    row = _row_of(window, "001_", "Wednesday")
    assert window.data.texts[row].start == "2022-01-30"
    assert int(window.review.status.text().split()[0]) == int(before.split()[0]) - 1


def test_panels_follow_decisions_and_new_projects(window, qtbot, tmp_path):
    row = _row_of(window, "001_", "Wednesday")
    event_id = int(window.data.ids[row])
    window.canvas.set_selection([event_id])
    window._show_source(event_id)
    assert "2023-05-31" in window.source_panel.toPlainText()
    _open_talks(window)
    window.review.panel.set_date(text="2022-02-02")
    assert "Date set by a decision" in window.source_panel.toPlainText()  # not the state before it
    window.review.undo()
    assert "Date set by a decision" not in window.source_panel.toPlainText()
    window.last_report = object()  # as after an import
    window.summary_button.show()
    window.open_project(str(tmp_path / "other.sqlite"))
    assert window.last_report is None and not window.summary_button.isVisible()
    assert window.source_panel.source is None and window.review.panel.list.count() == 0


def test_a_merge_keeps_the_documents_read_and_a_dateline_correction_reads_them_again(window):
    lanes = window.data.lanes
    first, second = (int(window.data.ids[_row_of(window, prefix, "Wednesday")]) for prefix in ("001_", "002_"))
    window.review.decide("split", (first,))
    window.review.decide("merge", (first, second))
    window.review.undo()
    assert window.data.lanes is lanes  # a merge, a split, their undo: no document changed
    assert window.data.happening[window.data.index_of(first)] == 0  # the split stands, shown
    document = lanes[0].document_id
    window.review.decide("dateline", (document, "2021-12-30"))
    assert window.data.lanes is not lanes
    assert [lane.dateline for lane in window.data.lanes if lane.document_id == document][0].startswith("2021-12-30")
    window.review.undo()
    assert [lane.dateline for lane in window.data.lanes if lane.document_id == document][0] == lanes[0].dateline


def test_the_list_keeps_showing_the_selection_after_a_decision_reloads_the_window(window):
    event_id = window.model.event_id(3)
    window.canvas.set_selection([event_id], emit=True)
    window.review.decide("note", (event_id, "checked with the desk"))
    rows = window.table.selectionModel().selectedRows()
    assert [window.model.event_id(i.row()) for i in rows] == [event_id] == sorted(window.canvas.options.selection)


def test_the_panel_filters_by_kind(window):
    panel = window.review.panel
    everything = panel.list.count()
    panel.kind.setCurrentIndex(2)  # datelines
    assert 0 < panel.list.count() < everything
    assert all("dateline" in panel.list.item(i).text() for i in range(panel.list.count()))
    # the status bar and the tab still count every open conflict, not the filtered ones
    assert window.review.status.text() == f"{everything} open conflicts"
    assert window.review.tabs.tabText(window.review.tab_index) == f"Conflicts ({everything})"


@pytest.fixture
def panel(qtbot):
    """A Conflicts panel on screen (offscreen), wide enough for three cards."""
    from ui.conflicts_panel import ConflictsPanel

    shown = ConflictsPanel()
    qtbot.addWidget(shown)
    shown.resize(900, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _click(qtbot, strip, row: int, button: str) -> None:
    """A real mouse click on a card's drawn button, the card scrolled into sight first."""
    strip.scrollTo(strip.model().index(row))
    rect = strip.button_rect(row, button)
    assert rect is not None and strip.viewport().rect().contains(rect.center())
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_conflict_of_thousands_of_sources_shows_every_one_and_any_can_be_chosen(qtbot, panel):
    from timeline.review.views import ConflictView, Side

    sides = [Side(f"copy{n}.txt", "2022-01-05", f"“Wednesday” = 2022-01-0{1 + n % 5}", "Talks on ", "Wednesday",
                  f". Paragraph of copy {n}.", 1000 + n, n, f"Copy {n}") for n in range(3000)]
    panel.show_conflict(ConflictView(7, "date", "open", "“Wednesday”", "2022-01-05", "2022-01-05", "", None, sides, None))
    strip = panel.strip
    assert strip.model().rowCount() == len(sides)  # all of them, no "show more"
    assert "Paragraph of copy 0." in panel.reader.toPlainText()  # the first source read whole
    chosen = []
    panel.decision.connect(lambda action, args: chosen.append((action, args)))
    _click(qtbot, strip, len(sides) - 1, "use")  # the last source
    _click(qtbot, strip, 1500, "split")
    assert chosen == [("accept", (7, sides[-1].event_id)), ("split", (sides[1500].event_id,))]
    qtbot.mouseDClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=strip.card_rect(1200).center())
    assert "Paragraph of copy 1200." in panel.reader.toPlainText() and "Source 1,201 of 3,000" in panel.reader.toPlainText()
    assert chosen[2:] == []  # reading a source decides nothing
    panel.show_conflict(None)
    assert strip.model().rowCount() == 0 and panel.reader.toPlainText() == ""


def test_the_same_conflicts_after_a_decision_are_not_listed_again_but_the_shown_one_is_read_again(panel):
    from timeline.review.views import ConflictRow

    rows = [ConflictRow(n, "date", f"storm {n}", "the 3rd", None, 2.0, 3, 0.5) for n in (4, 7, 9)]
    asked: list[int] = []
    panel.selected.connect(asked.append)
    panel.show_conflicts(rows)
    panel.select(7)
    first = panel.list.item(0)
    asked.clear()
    panel.show_conflicts(list(rows), keep=7)  # a merge that changed no conflict
    assert panel.list.item(0) is first and panel.list.currentItem().data(Qt.ItemDataRole.UserRole) == 7
    assert asked == [7]  # its sources may have changed (a split from its card): read again
    panel.show_conflicts(rows[1:], keep=7)  # one settled: listed anew, the shown one kept
    assert panel.list.count() == 2 and panel.list.currentItem().data(Qt.ItemDataRole.UserRole) == 7


def test_a_dateline_conflicts_cards_offer_only_the_dateline(qtbot, panel):
    from timeline.review.views import ConflictView, Side

    sides = [Side(f"page{n}.html", f"2022-01-0{n + 1}", f"dateline 2022-01-0{n + 1} (wire)", "", "PARIS, Jan 1", " —",
                  None, 50 + n, f"Page {n}") for n in range(2)]
    panel.show_conflict(ConflictView(9, "dateline", "open", "dateline", "", "2022-01-02", "", None, sides, 51))
    assert panel.strip.button_rect(0, "use") is None and panel.strip.button_rect(0, "split") is None
    asked = []
    panel.correct_dateline = lambda side=None, day=None: asked.append(side)  # the dialog is not opened here
    _click(qtbot, panel.strip, 1, "dateline")
    assert asked == [sides[1]]


def test_a_summary_of_thousands_of_sources_is_cut_to_a_few_lines(panel):
    from timeline.review.views import ConflictView

    summary = "2022-01-05: " + ", ".join(f"Person {n} of the Ministry signed…" for n in range(10000))
    panel.show_conflict(ConflictView(8, "date", "open", summary, "", "2022-01-05", "", None, [], None))
    shown = panel.detail.text()
    assert "Person 3 of the Ministry" in shown and "Person 9999" not in shown and len(shown) < 1000


def test_no_two_menu_entries_share_a_shortcut(window):
    """Qt runs neither action of an ambiguous shortcut (Ctrl+M was both merge and the mentions view)."""
    from PySide6.QtGui import QAction

    seen = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            assert key.toString() not in seen, f"{key.toString()}: {seen.get(key.toString())} and {action.text()}"
            seen[key.toString()] = action.text()
    assert seen["Ctrl+Shift+M"] == "&Merge the two selected events" and "Ctrl+M" in seen


def test_a_decision_taken_while_the_review_is_rebuilt_is_done_once_it_has_ended(window, qtbot, monkeypatch):
    import threading

    from timeline.review import freshness

    gate, real = threading.Event(), freshness.ensure_review
    monkeypatch.setattr(freshness, "ensure_review", lambda store: gate.wait(20) and real(store))
    before = int(window.review.status.text().split()[0])
    window.rebuild_review()  # a worker brings the review up to date (it writes the project)
    first = window.review.panel.view.id
    window.review.panel.ask("dismiss", first)
    with window.store.session() as session:
        assert session.scalars(select(Decision)).all() == []  # not beside the rebuild, on the GUI thread
    assert window.statusBar().currentMessage().startswith("Done once the import or the review's update")
    gate.set()
    qtbot.waitUntil(lambda: window.worker is None and window.statusBar().currentMessage().startswith("Done: "),
                    timeout=20000)
    with window.store.session() as session:
        assert [d.action for d in session.scalars(select(Decision))] == ["dismiss"]
    assert int(window.review.status.text().split()[0]) == before - 1


def test_story_lanes_are_grouped_again_only_when_what_they_are_made_of_changed(window, monkeypatch):
    import numpy as np

    from timeline import grouping

    calls, real = [], grouping.group
    monkeypatch.setattr(grouping, "group", lambda data, mode: calls.append(mode) or real(data, mode))
    window.reload()  # as after a note or a dismissal: the same documents and happenings
    assert calls == []
    data = window.data
    lone = [i for i in range(len(data)) if data.happening is None or data.happening[i] <= 0]
    other = next(i for i in lone if data.lane[i] != data.lane[lone[0]])
    window.review.decide("merge", (int(data.ids[lone[0]]), int(data.ids[other])))
    assert calls == ["story"] and np.any(window.data.happening != data.happening)


def test_one_item_per_happening_is_worked_out_once_per_timeline(window, monkeypatch):
    from timeline import grouping

    calls, real = [], grouping.representatives
    monkeypatch.setattr(grouping, "representatives", lambda data: calls.append(1) or real(data))
    everything = window.model.rowCount()
    assert everything == int(real(window.data).sum()) < len(window.data)  # one item per happening
    window.filters.precision.setCurrentIndex(1)  # to the day
    window.apply_filter()
    assert 0 < window.model.rowCount() < everything and calls == []  # kept for this timeline
    window.filters.precision.setCurrentIndex(0)
    window.apply_filter()
    assert window.model.rowCount() == everything
    window.reload()  # a new timeline: worked out once (for the status line and the filter)
    assert len(calls) == 1 and window.model.rowCount() == everything
