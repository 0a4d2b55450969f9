"""The review in the window: typed dates checked, every source shown, panels never stale."""
import pytest
from conftest import SAMPLES, isolate_settings, new_window

pytest.importorskip("PySide6")
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
    assert len(panel.cards) == 4  # every source of the happening, side by side
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


def test_the_panel_filters_by_kind(window):
    panel = window.review.panel
    everything = panel.list.count()
    panel.kind.setCurrentIndex(2)  # datelines
    assert 0 < panel.list.count() < everything
    assert all("dateline" in panel.list.item(i).text() for i in range(panel.list.count()))
    # the status bar and the tab still count every open conflict, not the filtered ones
    assert window.review.status.text() == f"{everything} open conflicts"
    assert window.review.tabs.tabText(window.review.tab_index) == f"Conflicts ({everything})"


def test_a_conflict_of_many_sources_shows_them_a_batch_at_a_time_and_any_can_be_chosen(qtbot):
    from timeline.review.views import ConflictView, Side
    from ui.conflicts_panel import CARDS_AT_ONCE, ConflictsPanel

    panel = ConflictsPanel()
    qtbot.addWidget(panel)
    sides = [Side(f"copy{n}.txt", "2022-01-05", f"“Wednesday” = 2022-01-0{1 + n % 5}", "Talks on ", "Wednesday", ".",
                  1000 + n, n, f"Copy {n}") for n in range(2 * CARDS_AT_ONCE + 5)]
    panel.show_conflict(ConflictView(7, "date", "open", "“Wednesday”", "2022-01-05", "2022-01-05", "", None, sides, None))
    assert len(panel.cards) == CARDS_AT_ONCE and not panel.more.isHidden()
    assert panel.more.text() == f"Show {CARDS_AT_ONCE} more\nof {CARDS_AT_ONCE + 5} sources"
    panel.more.click()
    panel.more.click()
    assert len(panel.cards) == len(sides) and panel.more.isHidden()
    chosen = []
    panel.decision.connect(lambda action, args: chosen.append((action, args)))
    panel.cards[-1].buttons["use"].click()  # a source of the last batch
    assert chosen == [("accept", (7, sides[-1].event_id))]
    panel.show_conflict(None)
    assert panel.cards == [] and panel.more.isHidden()
