"""What the analyst sees at a glance: the axis context row, the first view, filters on the
timeline, stable colours and the view kept per project."""
import numpy as np
import pytest
from conftest import SAMPLES, isolate_settings, new_window

pytest.importorskip("PySide6")

from timeline import calendar as cal  # noqa: E402
from ui import render  # noqa: E402
from ui.scale import TimeScale, context_ticks  # noqa: E402


def test_context_row_names_the_month_and_year_above_day_ticks():
    scale = TimeScale(cal.day_number(2022, 1, 20), cal.day_number(2022, 2, 25), 230, 1400)
    assert [label for _, label in context_ticks(scale)] == ["January 2022", "February 2022"]
    months = TimeScale(cal.day_number(2021, 11, 1), cal.day_number(2023, 2, 1), 230, 1400)
    assert [label for _, label in context_ticks(months)] == ["2021", "2022", "2023"]
    assert context_ticks(TimeScale(0, 365 * 40, 230, 1400)) == []  # year ticks carry the year


def test_colour_follows_the_document_not_the_lane_order():
    assert render.colour_index(17) == render.colour_index(17)
    assert len({render.colour_index(d) for d in range(1, 40)}) == len(render.PALETTE)


@pytest.fixture
def settings(tmp_path):
    isolate_settings(tmp_path)


def _window(qtbot, path):
    return new_window(qtbot, path)


def _import_samples(path):
    from datetime import datetime, timezone

    from timeline.review import import_and_review
    from timeline.store.session import open_project

    store = open_project(str(path))
    import_and_review(store, [SAMPLES], datetime(2026, 11, 23, tzinfo=timezone.utc))
    store.close()


def test_first_view_fits_where_the_events_are_not_a_background_mention(qtbot, settings, tmp_path):
    _import_samples(tmp_path / "p.sqlite")
    window = _window(qtbot, tmp_path / "p.sqlite")
    scale = window.canvas.scale
    assert scale.v0 > cal.day_number(2010, 1, 1)  # "the 1950-53 Korean War" stays off the first view
    assert scale.v1 < cal.day_number(2024, 6, 1)
    inside = (window.data.t1 >= scale.v0) & (window.data.t0 <= scale.v1)
    assert np.count_nonzero(inside) >= 0.7 * len(window.data)


def test_the_list_filter_drives_the_timeline_and_the_view_is_kept_per_project(qtbot, settings, tmp_path):
    _import_samples(tmp_path / "p.sqlite")
    window = _window(qtbot, tmp_path / "p.sqlite")
    window.filter_edit.setText("Hayashi")
    qtbot.waitUntil(lambda: window.model.rowCount() < len(window.data))
    shown = window.canvas.options.shown
    assert shown is not None and int(shown.sum()) == window.model.rowCount()
    window.canvas.zoom_at(0.5, 700)
    window.view_bar.lanes.setCurrentIndex(window.view_bar.lanes.findData("single"))
    v0, v1 = window.canvas.scale.v0, window.canvas.scale.v1
    window.close()
    again = _window(qtbot, tmp_path / "p.sqlite")
    assert (again.canvas.scale.v0, again.canvas.scale.v1) == pytest.approx((v0, v1))
    assert again.canvas.options.single_lane and again.filter_edit.text() == "Hayashi"
    assert int(again.canvas.options.shown.sum()) == again.model.rowCount()


def test_a_stale_review_is_rebuilt_after_the_first_paint_not_before(qtbot, settings, tmp_path):
    from datetime import datetime, timezone

    from timeline.importer import import_paths
    from timeline.store.session import open_project

    store = open_project(str(tmp_path / "p.sqlite"))
    import_paths(store, [SAMPLES], datetime(2026, 11, 23, tzinfo=timezone.utc))  # stopped before its review
    store.close()
    window = _window(qtbot, tmp_path / "p.sqlite")
    assert len(window.data) and not (window.data.happening > 0).any()  # shown as stored, at once
    qtbot.waitUntil(lambda: window.worker is None and (window.data.happening > 0).any(), timeout=60000)
    assert window.model.rowCount() < len(window.data)  # now one row per merged happening
