"""A large project's window paints from its snapshot before the store (and SQLAlchemy) is opened,
opens the store right after, and from then on is the window an ordinary opening gives."""
import sqlite3
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, SAMPLES, isolate_settings, new_window

pytest.importorskip("PySide6")

from timeline.review.views import open_conflicts  # noqa: E402
from timeline.store import snapshot  # noqa: E402
from timeline.store.project_file import snapshot_timeline  # noqa: E402
from ui import main_window  # noqa: E402
from ui.filter_bar import needs_database  # noqa: E402

LIGHT = """
import sys
import main, ui.main_window, ui.app
print(sorted(m for m in ("sqlalchemy", "timeline.store.session", "timeline.review", "dateparser") if m in sys.modules))
"""


def test_the_window_and_main_load_without_sqlalchemy():
    result = subprocess.run([sys.executable, "-c", LIGHT], cwd=ROOT, capture_output=True, text=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.stdout.strip() == "[]", result.stderr


@pytest.fixture
def large(tmp_path, monkeypatch):
    """The samples as a project that keeps a snapshot (as one of 50,000 events does)."""
    from datetime import datetime, timezone

    from timeline.review import import_and_review
    from timeline.store.session import open_project

    isolate_settings(tmp_path)
    monkeypatch.setattr(snapshot, "MIN_EVENTS", 1)
    monkeypatch.setattr(main_window, "CACHE_DIR", tmp_path / "cache")
    path = tmp_path / "p.sqlite"
    store = open_project(str(path))
    import_and_review(store, [SAMPLES], datetime(2026, 11, 23, tzinfo=timezone.utc))
    store.close()
    return path


def _seen(window):
    """What the analyst sees once the window is loaded."""
    return (window.status_label.text(), window.review.status.text(), window.tabs.tabText(1), window.model.rowCount(),
            [lane.label for lane in window.data.lanes], window.data.texts[0].title)


def test_a_large_project_paints_before_its_store_opens_then_loads_as_usual(qtbot, large):
    ordinary = new_window(qtbot, large)  # no snapshot yet: the store first, as always; writes the snapshot
    assert ordinary._store is not None and list((large.parent / "cache").glob("*.npz"))
    qtbot.waitUntil(lambda: not ordinary.canvas._after_paint)
    seen = _seen(ordinary)
    ordinary.close()

    window = new_window(qtbot, large)
    assert window._store is None
    assert np.array_equal(window.data.ids, ordinary.data.ids) and window.data.texts[0].title == seen[5]
    assert window.review.status.text() == ""  # the review is read once the store opens...
    qtbot.waitUntil(lambda: window._store is not None and window.review.status.text() != "")
    assert _seen(window) == seen  # ...right after the first paint: then the same window


def test_events_changed_since_the_snapshot_are_loaded_once_the_store_opens(qtbot, large):
    new_window(qtbot, large).close()  # writes the snapshot
    with sqlite3.connect(large) as db:
        moved = db.execute("SELECT min(id) FROM events").fetchone()[0]
        db.execute("UPDATE events SET t0 = t0 - 400 WHERE id = ?", (moved,))
    window = new_window(qtbot, large)
    before = window.data.t0[window.data.index_of(moved)]  # painted from the snapshot as it was
    qtbot.waitUntil(lambda: window._store is not None and window.data.unchecked is None)
    assert window.data.t0[window.data.index_of(moved)] == before - 400


def test_an_action_before_the_store_opens_starts_the_loading_and_is_done_once_it_is_open(qtbot, large, opened):
    new_window(qtbot, large).close()
    opened["opened"].clear()
    window = new_window(qtbot, large, show=False)  # never painted: nothing opens the store but the action
    assert window._store is None
    window.filter_edit.setText("Hayashi")
    window.apply_filter()
    assert window.filters.note.text() == "Searching for “Hayashi”…"  # the GUI thread did not wait
    qtbot.waitUntil(lambda: window.filters.note.text().startswith("“Hayashi” is in"), timeout=20000)
    assert 0 < window.model.rowCount() < len(window.data)
    assert [on_gui for _store, on_gui in opened["opened"]] == [False] and window._store is opened["opened"][0][0]


def test_a_saved_view_that_searches_paints_first_and_searches_in_a_worker(qtbot, large):
    first = new_window(qtbot, large)
    first.filter_edit.setText("Hayashi")
    first.close()  # saves the view, search included
    window = new_window(qtbot, large)
    assert window._store is None and window.filter_edit.text() == "Hayashi"  # painted from the snapshot
    assert window.filters.note.text() == "Searching for “Hayashi”…"
    qtbot.waitUntil(lambda: window.filters.note.text().startswith("“Hayashi” is in"), timeout=20000)
    assert 0 < window.model.rowCount() < len(window.data)
    window.filter_edit.setText("")
    window.filters.conflict.setCurrentIndex(2)  # a conflict state the disputed flag does not tell
    window.close()
    assert new_window(qtbot, large)._store is not None  # that one opens the store first
    assert needs_database({"filter": "x"}) and needs_database({"conflict": "2"}) and needs_database({"tag": "war"})
    assert not needs_database({"filter": " ", "conflict": 1, "tag": "Any tag", "precision": 2})


def test_no_snapshot_paint_for_a_file_to_upgrade_or_a_server_database(large, tmp_path):
    from timeline.store.session import open_project

    store = open_project(str(large))
    from timeline.store.arrays import load_timeline

    load_timeline(store, tmp_path / "cache")  # writes the snapshot
    store.close()
    assert snapshot_timeline(str(large), tmp_path / "cache") is not None
    assert snapshot_timeline("postgresql://someone@localhost/p", tmp_path / "cache") is None
    with sqlite3.connect(large) as db:
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    assert snapshot_timeline(str(large), tmp_path / "cache") is None


# --- the loading after the first paint runs in a worker (ui/loading.py)

@pytest.fixture
def opened(monkeypatch):
    """Every store opened, with the thread that opened it; the closed ones."""
    import threading

    from timeline.store import session as store_session

    log = {"opened": [], "closed": []}
    real_open, real_close = store_session.open_project, store_session.Store.close

    def open_project(location):
        store = real_open(location)
        log["opened"].append((store, threading.current_thread() is threading.main_thread()))
        return store

    def close(store):
        log["closed"].append(store)
        real_close(store)

    monkeypatch.setattr(store_session, "open_project", open_project)
    monkeypatch.setattr(store_session.Store, "close", close)
    return log


@pytest.fixture
def held(monkeypatch):
    """The loading worker held once it has read the conflicts, until ``release`` is set: what the
    analyst does meanwhile is newer than what it read."""
    import threading

    from ui import review

    read, release = threading.Event(), threading.Event()
    real = review.read_conflicts

    def read_conflicts(session, kind, order):
        rows = real(session, kind, order)
        if threading.current_thread() is not threading.main_thread():
            read.set()
            release.wait(20)
        return rows

    monkeypatch.setattr(review, "read_conflicts", read_conflicts)
    return read, release


def test_the_store_opens_in_a_worker_and_the_window_says_when_it_is_loaded(qtbot, large, opened):
    new_window(qtbot, large).close()  # writes the snapshot (its store opened first, on this thread)
    opened["opened"].clear()
    window = new_window(qtbot, large)
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert [on_gui for _store, on_gui in opened["opened"]] == [False]
    assert window._store is opened["opened"][0][0] and window.review.status.text().endswith("open conflicts")


def test_actions_taken_while_loading_are_kept_once_it_is_shown(qtbot, large, opened, held):
    read, release = held
    new_window(qtbot, large).close()
    opened["opened"].clear()
    window = new_window(qtbot, large)
    qtbot.waitUntil(read.is_set, timeout=20000)  # the worker read the conflicts, and waits
    assert window.review.panel.list.count() == 0  # not shown yet
    with window.store.session() as session:  # the store the worker opened (an action waits for it only)
        conflicts = [row.id for row in open_conflicts(session)]
    window.filter_edit.setText("Hayashi")  # a search: uses the store the worker opened
    window.apply_filter()
    qtbot.waitUntil(lambda: window.filters.note.text().startswith("“Hayashi” is in"), timeout=20000)  # (in a worker)
    found = window.model.rowCount()
    window.review.decide("dismiss", (conflicts[0],))  # a decision: the window reloads
    assert 0 < found < len(window.data) and window.review.panel.list.count() == len(conflicts) - 1
    with qtbot.waitSignal(window.loaded, timeout=20000):
        release.set()
    assert len(opened["opened"]) == 1 and window._store is opened["opened"][0][0]  # one store, no second
    assert window.review.panel.list.count() == len(conflicts) - 1  # the worker's older list is not shown
    assert window.model.rowCount() == found and window.filter_edit.text() == "Hayashi"


def test_a_click_and_an_undo_while_the_store_opens_are_done_once_it_is_open(qtbot, large, monkeypatch):
    import threading

    from PySide6.QtGui import QAction

    from timeline.store import session as store_session

    new_window(qtbot, large).close()
    gate, real = threading.Event(), store_session.open_project
    monkeypatch.setattr(store_session, "open_project", lambda location: gate.wait(20) and real(location))
    window = new_window(qtbot, large)
    qtbot.waitUntil(lambda: window._loader is not None, timeout=20000)  # painted: a worker opens the store
    event_id = int(window.data.ids[len(window.data) // 2])
    window.canvas.selectionChanged.emit([event_id])  # a click on an event: the GUI thread does not wait
    undo = next(a for a in window.findChildren(QAction) if a.text() == "&Undo decision")
    undo.trigger()
    assert window._store is None and window.source_panel.toPlainText() == "Reading the project…"
    gate.set()
    qtbot.waitUntil(lambda: window.source_panel.source is not None, timeout=20000)
    assert window.source_panel.source.event_id == event_id
    assert window.statusBar().currentMessage() == "Nothing to undo"


def test_closing_or_opening_another_project_while_loading(qtbot, large, opened, held, tmp_path):
    read, release = held
    new_window(qtbot, large).close()
    window = new_window(qtbot, large)
    qtbot.waitUntil(read.is_set, timeout=20000)
    loading = opened["opened"][-1][0]
    release.set()
    other = tmp_path / "other.sqlite"
    window.open_project(str(other))  # waits for the worker, closes its store, shows the other project
    assert loading in opened["closed"] and window.location == str(other) and len(window.data) == 0
    qtbot.wait(50)
    assert len(window.data) == 0 and window.review.status.text() == "no conflicts"
    window.close()

    read.clear()
    release.clear()
    window = new_window(qtbot, large)
    qtbot.waitUntil(read.is_set, timeout=20000)
    release.set()
    window.close()  # waits for the worker; its store is closed with the window
    assert opened["opened"][-1][0] in opened["closed"]


def test_a_project_that_cannot_be_opened_after_its_paint_says_so(qtbot, large, monkeypatch):
    from timeline.store import session as store_session
    from timeline.store.project_file import ProjectError

    new_window(qtbot, large).close()

    def refuse(location):
        raise ProjectError(f"{location}: locked by another program")

    shown = []
    monkeypatch.setattr(store_session, "open_project", refuse)
    monkeypatch.setattr(main_window.QMessageBox, "critical", lambda _parent, title, text: shown.append(text))
    window = new_window(qtbot, large)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown == [f"{large}: locked by another program"] and not window.isVisible()


def test_a_project_opened_from_the_menu_is_checked_against_its_snapshot_in_a_worker(qtbot, large, opened, tmp_path):
    window = new_window(qtbot, tmp_path / "empty.sqlite")
    window.open_project(str(large))  # no snapshot yet: read from the store, and the snapshot written
    window.open_project(str(tmp_path / "empty.sqlite"))
    with sqlite3.connect(large) as db:
        moved = db.execute("SELECT min(id) FROM events").fetchone()[0]
        db.execute("UPDATE events SET t0 = t0 - 400 WHERE id = ?", (moved,))
    window.open_project(str(large))  # painted from the snapshot as it was, then checked
    before = window.data.t0[window.data.index_of(moved)]
    assert window.data.unchecked is not None
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert window.data.unchecked is None and window.data.t0[window.data.index_of(moved)] == before - 400
    assert all(on_gui for _store, on_gui in opened["opened"])  # the menu opens the store first, as before


def test_a_review_left_stale_is_rebuilt_after_the_loading_then_shown(qtbot, large):
    new_window(qtbot, large).close()
    with sqlite3.connect(large) as db:  # as an import stopped before its rebuild leaves it
        db.execute("DELETE FROM meta WHERE key = 'review_built_from'")
    window = new_window(qtbot, large)
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert window.worker is not None  # the rebuild, in its own worker
    qtbot.waitUntil(lambda: window.worker is None, timeout=60000)
    with sqlite3.connect(large) as db:
        assert db.execute("SELECT count(*) FROM meta WHERE key = 'review_built_from'").fetchone() == (1,)
    assert window.review.status.text().endswith("open conflicts")


def test_undo_with_nothing_to_undo_says_so_without_reloading(qtbot, large):
    window = new_window(qtbot, large)
    reloads = window._reloads
    window.review.undo()
    window.review.redo()
    assert window.statusBar().currentMessage() == "Nothing to redo" and window._reloads == reloads
    window.review.decide("dismiss", (window.review.panel.view.id,))
    window.review.undo()  # something to undo: the window shows it
    assert window.statusBar().currentMessage().startswith("Undone: ") and window._reloads == reloads + 2
