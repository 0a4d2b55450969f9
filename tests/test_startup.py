"""A large project's window paints from its snapshot before the store (and SQLAlchemy) is opened,
opens the store right after, and from then on is the window an ordinary opening gives."""
import sqlite3
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, SAMPLES, isolate_settings, new_window

pytest.importorskip("PySide6")

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


def test_an_action_before_the_store_opens_opens_it(qtbot, large):
    new_window(qtbot, large).close()
    window = new_window(qtbot, large, show=False)  # never painted: nothing opens the store but the action
    assert window._store is None
    window.filter_edit.setText("Hayashi")
    window.apply_filter()
    assert window._store is not None and 0 < window.model.rowCount() < len(window.data)


def test_a_saved_view_that_searches_opens_the_store_first(qtbot, large):
    first = new_window(qtbot, large)
    first.filter_edit.setText("Hayashi")
    first.close()  # saves the view, search included
    window = new_window(qtbot, large)
    assert window._store is not None and window.filter_edit.text() == "Hayashi"
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
