"""The painter on synthetic data: culling, stacking of vague dates, density strips at scale."""
import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtGui import QImage, QPainter  # noqa: E402

from timeline.store.queries import EventText, Lane, TextPages, TimelineData  # noqa: E402
from ui import render  # noqa: E402
from ui.scale import TimeScale  # noqa: E402


def _data(t0, t1, lane, exact, lanes=2):
    ids = np.arange(1, len(t0) + 1)
    order = np.argsort(t0, kind="stable")
    texts = TextPages(ids[order], lambda wanted: {i: EventText(f"event {i}", "x", "v", "day", "a", "b", 0.5, 1, "none")
                                                  for i in wanted})
    return TimelineData(ids=ids[order], t0=np.asarray(t0, float)[order], t1=np.asarray(t1, float)[order],
                        lane=np.asarray(lane, np.int32)[order], exact=np.asarray(exact, bool)[order],
                        open_start=np.zeros(len(t0), bool), open_end=np.zeros(len(t0), bool),
                        disputed=np.zeros(len(t0), bool), texts=texts,
                        lanes=[Lane(i, f"source {i}", "2022-02-02", False, False) for i in range(lanes)])


def _paint(data, scale, width=1200, height=400):
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    layout = render.paint(painter, width, height, data, scale, render.ViewOptions())
    painter.end()
    return layout


def test_overlapping_vague_dates_stack_instead_of_overprinting(qapp):
    # a year, a month inside it and a quarter overlapping both, all in lane 0
    data = _data([0, 31, 45, 500], [365, 59, 136, 501], [0, 0, 0, 1], [False, False, False, True])
    layout = _paint(data, TimeScale(-10, 400, render.GUTTER, 1200))
    bars = [rect for i, rect in layout.items if not data.exact[i]]
    assert len(bars) == 3 and len({rect.top() for rect in bars}) == 3
    assert all(not a.intersects(b) for k, a in enumerate(bars) for b in bars[k + 1:])
    assert [i for i, _ in layout.items if data.exact[i]] == []  # day 500 is outside the view


def test_a_crowded_view_becomes_density_strips_and_zooming_in_shows_events(qapp):
    rng = np.random.default_rng(3)
    t0 = np.sort(rng.uniform(0, 3650, 20000)).round()
    data = _data(t0, t0 + 1, rng.integers(0, 30, len(t0)), np.ones(len(t0), bool), lanes=30)
    wide = _paint(data, TimeScale(0, 3650, render.GUTTER, 1200))
    assert wide.density and not wide.items
    narrow = _paint(data, TimeScale(1000, 1003, render.GUTTER, 1200))
    shown = {int(data.ids[i]) for i, _ in narrow.items}
    fit = (400 - render.AXIS_HEIGHT) // render.LANE_HEIGHT + 1  # the lanes that fit the 400-pixel paint
    expected = {int(i) for i in data.ids[(data.t1 >= 1000) & (data.t0 <= 1003) & (data.lane < fit)]}
    assert not narrow.density and shown == expected and 0 < len(shown) < render.ITEM_BUDGET


def test_texts_are_fetched_only_for_what_is_drawn(qapp):
    asked = []
    data = _data(np.arange(5000.0), np.arange(5000.0) + 1, np.zeros(5000), np.ones(5000, bool), lanes=1)
    fetch = data.texts._fetch
    data.texts._fetch = lambda ids: (asked.extend(ids), fetch(ids))[1]
    _paint(data, TimeScale(100, 110, render.GUTTER, 1200))
    assert 0 < len(asked) <= 12


def test_bars_begun_before_the_view_stop_at_the_lane_titles(qapp):
    """The SVG writer ignores clipping: a bar (and its conflict outline) must itself start right of
    the lane-title column."""
    data = _data([-400, 10, -50], [300, 20, 30], [0, 1, 1], [False, False, False])
    data.disputed[:] = True
    layout = _paint(data, TimeScale(0, 100, render.GUTTER, 1200))
    assert len(layout.items) == 3
    assert all(rect.left() - 2 > render.GUTTER for _, rect in layout.items)
