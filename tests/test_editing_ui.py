"""The Events menu in the window: edits go through the decisions and the Edit menu undoes them."""
import pytest
from test_ui import _drop_samples, window  # noqa: F401

pytest.importorskip("PySide6")
from timeline.dateinput import parse_date_input  # noqa: E402
from timeline.review import editing  # noqa: E402
from ui.editing import EventDialog  # noqa: E402


def _titles(window):
    return {window.data.texts[i].title for i in range(len(window.data))}


def test_edit_tag_and_undo_from_the_window(window, qtbot):
    _drop_samples(window, qtbot)
    first = int(window.data.ids[0])
    window.editor._do(editing.edit_event, first, "Our own headline", parse_date_input("Jan 2022"), "why it matters")
    assert "Our own headline" in _titles(window)
    three = [int(i) for i in window.data.ids[:3]]
    window.editor._do(editing.tag_events, three, "missiles", "#e8590c")
    window.canvas.set_selection([three[1]])
    window._show_source(three[1])
    assert "missiles" in window.source_panel.toPlainText()
    window.review.undo()  # the tags
    window.review.undo()  # the edit
    assert "Our own headline" not in _titles(window)
    assert "Undone" in window.statusBar().currentMessage()


def test_event_dialog_refuses_an_impossible_date_in_plain_words(qtbot):
    dialog = EventDialog(None, "Add an event", "A title", "2022-02-30")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.entry is None and "not a date" in dialog.reading.text()
    dialog.date.setText("mid-January 2022")
    assert "Reads as" in dialog.reading.text()
