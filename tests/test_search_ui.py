"""The search box: what is typed is searched in a worker (seconds in a large project), the window
filtering once the matches are found; the text typed last is the one shown."""
import threading
from datetime import datetime, timezone

import pytest
from conftest import SAMPLES, isolate_settings, new_window

pytest.importorskip("PySide6")


@pytest.fixture
def samples(tmp_path):
    from timeline.review import import_and_review
    from timeline.store.session import open_project

    isolate_settings(tmp_path)
    path = tmp_path / "p.sqlite"
    store = open_project(str(path))
    import_and_review(store, [SAMPLES], datetime(2026, 11, 23, tzinfo=timezone.utc))
    store.close()
    return path


def test_a_typed_search_runs_in_a_worker_and_the_text_typed_last_is_shown(qtbot, samples, monkeypatch):
    from timeline.store import queries

    window = new_window(qtbot, samples)
    everything = window.model.rowCount()
    searched, gate = [], threading.Event()
    real = queries.search_events

    def search_events(store, needle):
        searched.append((needle, threading.current_thread() is threading.main_thread()))
        gate.wait(20)  # a long search: the window goes on meanwhile
        return real(store, needle)

    monkeypatch.setattr(queries, "search_events", search_events)
    window.filter_edit.setText("Hayashi")
    window.filters.changed.emit()  # (the pause in the typing)
    qtbot.waitUntil(lambda: bool(searched))
    assert window.filters.note.text() == "Searching for “Hayashi”…" and window.model.rowCount() == everything
    window.filter_edit.setText("Sunday")  # typed on while it searches
    window.filters.changed.emit()
    gate.set()
    qtbot.waitUntil(lambda: window.filters.note.text().startswith("“Sunday” is in"), timeout=20000)
    assert searched == [("Hayashi", False), ("Sunday", False)]
    sunday = window.model.rowCount()
    assert 0 < sunday < everything
    window.view_bar.lanes.setCurrentIndex(window.view_bar.lanes.findData("single"))  # filters again: kept
    assert len(searched) == 2 and window.model.rowCount() == sunday


def test_a_search_that_fails_in_the_worker_is_run_again_on_the_spot(qtbot, samples, monkeypatch):
    from timeline.store import queries

    window = new_window(qtbot, samples)
    real, calls = queries.search_events, []

    def search_events(store, needle):
        calls.append(threading.current_thread() is threading.main_thread())
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return real(store, needle)

    monkeypatch.setattr(queries, "search_events", search_events)
    window.filter_edit.setText("Hayashi")
    window.filters.changed.emit()
    qtbot.waitUntil(lambda: window.filters.note.text().startswith("“Hayashi” is in"), timeout=20000)
    assert calls == [False, True] and 0 < window.model.rowCount()


def test_after_a_reload_the_search_runs_again_in_a_worker_showing_the_earlier_matches(qtbot, samples, monkeypatch):
    from timeline.store import queries

    window = new_window(qtbot, samples)
    window.filter_edit.setText("Hayashi")
    window.filters.changed.emit()
    qtbot.waitUntil(lambda: window.filters.note.text().startswith("“Hayashi” is in"), timeout=20000)
    found = window.model.shown_ids()
    searched, gate = [], threading.Event()
    real = queries.search_events

    def search_events(store, needle):
        searched.append(threading.current_thread() is threading.main_thread())
        gate.wait(20)
        return real(store, needle)

    monkeypatch.setattr(queries, "search_events", search_events)
    window.reload()  # as after a decision or an import: a new timeline
    assert window.filters.note.text() == "Searching for “Hayashi”…" and window.model.shown_ids() == found
    gate.set()
    qtbot.waitUntil(lambda: window.filters.note.text().startswith("“Hayashi” is in"), timeout=20000)
    assert searched == [False] and window.model.shown_ids() == found
