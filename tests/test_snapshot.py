"""The on-disk snapshot of a large timeline is used only while the events are unchanged."""
from datetime import datetime, timezone

import numpy as np
from conftest import SAMPLES
from sqlalchemy import text

from timeline.importer import import_paths
from timeline.store import snapshot
from timeline.store.queries import is_current, load_timeline

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)


def test_snapshot_is_read_back_and_dropped_when_an_event_changes(store, tmp_path, monkeypatch):
    monkeypatch.setattr(snapshot, "MIN_EVENTS", 1)
    import_paths(store, [SAMPLES], NOW)
    first = load_timeline(store, tmp_path)
    assert len(list(tmp_path.glob("timeline-*.npz"))) == 1
    again = load_timeline(store, tmp_path)
    assert np.array_equal(first.t0, again.t0) and np.array_equal(first.ids, again.ids)

    moved = int(first.ids[0])
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE events SET t0 = t0 - 400, disputed = :yes WHERE id = :id"),
                           {"id": moved, "yes": True})
    quick = load_timeline(store, tmp_path, check=False)  # the first paint: the snapshot as it was...
    assert quick.t0[quick.index_of(moved)] == first.t0[0] and not is_current(store, quick)  # ...then checked
    assert is_current(store, load_timeline(store, tmp_path, check=True))
    changed = load_timeline(store, tmp_path)
    row = changed.index_of(moved)
    assert changed.t0[row] == first.t0[0] - 400 and changed.disputed[row]
    assert np.array_equal(np.sort(changed.ids), np.sort(first.ids))


def test_small_projects_write_no_snapshot(store, tmp_path):
    import_paths(store, [SAMPLES], NOW)
    load_timeline(store, tmp_path)
    assert list(tmp_path.glob("*.npz")) == []
