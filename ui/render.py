"""Paint the timeline with QPainter: one pass over culled arrays, shared by the window and PNG export.

Dense regions are drawn as count badges: events in a lane are binned by pixel column, and
a bin holding several events becomes one badge. Labels are placed only where they fit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QImage, QLinearGradient, QPainter, QPen

from timeline.store.queries import TimelineData

from .scale import TimeScale, ticks

AXIS_HEIGHT = 34
LANE_HEIGHT = 34
GUTTER = 230
BIN_PIXELS = 10
BADGE_MIN = 4  # events in one bin before they become a count badge
PALETTE = [QColor(c) for c in ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")]


@dataclass
class Layout:
    """What the last paint put where, for hit testing: index -> screen rect."""

    items: list[tuple[int, QRectF]] = field(default_factory=list)
    badges: list[tuple[QRectF, float, float]] = field(default_factory=list)  # rect, t0, t1


@dataclass
class ViewOptions:
    single_lane: bool = False
    lane_offset: int = 0  # first lane shown (vertical scroll)
    selection: set[int] = field(default_factory=set)  # event ids


def lane_count(data: TimelineData, options: ViewOptions) -> int:
    return 1 if options.single_lane else max(1, len(data.lanes))


def paint(p: QPainter, width: int, height: int, data: TimelineData, scale: TimeScale, options: ViewOptions) -> Layout:
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.fillRect(0, 0, width, height, QColor("#fbfbfd"))
    layout = Layout()
    visible_lanes = max(1, (height - AXIS_HEIGHT) // LANE_HEIGHT + 1)
    _paint_lanes(p, width, data, options, visible_lanes)
    _paint_grid_and_axis(p, width, height, scale)
    if len(data):
        _paint_events(p, width, data, scale, options, visible_lanes, layout)
    return layout


def _lane_y(row: int) -> int:
    return AXIS_HEIGHT + row * LANE_HEIGHT


def _paint_lanes(p: QPainter, width: int, data: TimelineData, options: ViewOptions, visible: int) -> None:
    p.setFont(QFont("Sans", 8))
    metrics = QFontMetrics(p.font())
    count = lane_count(data, options)
    for row in range(min(visible, count - options.lane_offset)):
        lane = row + options.lane_offset
        y = _lane_y(row)
        p.fillRect(0, y, width, LANE_HEIGHT, QColor("#ffffff") if lane % 2 == 0 else QColor("#f2f4f8"))
        p.setPen(QColor("#333333"))
        if options.single_lane:
            label, sub = "All sources", f"{len(data.lanes)} documents"
        elif data.lanes:
            info = data.lanes[lane]
            label = info.label
            sub = f"dateline {info.dateline}" + (" (year inferred)" if info.dateline_inferred else "") + \
                  (" (no dateline: file time)" if info.fallback else "")
        else:
            label, sub = "No articles yet", "drag files here"
        p.drawText(QRectF(6, y + 2, GUTTER - 10, 16), Qt.AlignmentFlag.AlignLeft,
                   metrics.elidedText(label, Qt.TextElideMode.ElideRight, GUTTER - 12))
        p.setPen(QColor("#777777"))
        p.drawText(QRectF(6, y + 16, GUTTER - 10, 14), Qt.AlignmentFlag.AlignLeft,
                   metrics.elidedText(sub, Qt.TextElideMode.ElideRight, GUTTER - 12))
    p.setPen(QColor("#c8ccd4"))
    p.drawLine(GUTTER, 0, GUTTER, 100000)


def _paint_grid_and_axis(p: QPainter, width: int, height: int, scale: TimeScale) -> None:
    p.fillRect(0, 0, width, AXIS_HEIGHT, QColor("#eef1f6"))
    p.setFont(QFont("Sans", 8))
    for t, label in ticks(scale):
        x = scale.to_x(t)
        if x < GUTTER:
            continue
        p.setPen(QPen(QColor("#e1e4ea"), 1))
        p.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, height))
        p.setPen(QColor("#444444"))
        p.drawLine(QPointF(x, AXIS_HEIGHT - 8), QPointF(x, AXIS_HEIGHT))
        p.drawText(QPointF(x + 3, AXIS_HEIGHT - 12), label)
    p.setPen(QColor("#9aa1ad"))
    p.drawLine(0, AXIS_HEIGHT, width, AXIS_HEIGHT)


def _visible(data: TimelineData, scale: TimeScale, options: ViewOptions,
             visible_lanes: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the events inside the view, and the screen row of each."""
    rows = np.zeros(len(data), dtype=np.int32) if options.single_lane else data.lane - options.lane_offset
    index = np.nonzero((data.t1 >= scale.v0) & (data.t0 <= scale.v1) & (rows >= 0) & (rows < visible_lanes))[0]
    return index, rows[index]


def _paint_events(p: QPainter, width: int, data: TimelineData, scale: TimeScale, options: ViewOptions,
                  visible_lanes: int, layout: Layout) -> None:
    index, rows = _visible(data, scale, options, visible_lanes)
    if not len(index):
        return
    x0 = np.maximum(scale.x0 + (data.t0[index] - scale.v0) / scale.days_per_pixel, GUTTER - 20)
    x1 = np.minimum(scale.x0 + (data.t1[index] - scale.v0) / scale.days_per_pixel, width + 20)
    point = data.exact[index] | ((x1 - x0) < 4)
    bins = ((x0 + x1) / 2 // BIN_PIXELS).astype(np.int64)
    key = rows.astype(np.int64) * 1_000_000 + bins
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    dense = counts[inverse] >= BADGE_MIN
    p.setClipRect(QRectF(GUTTER, AXIS_HEIGHT, width - GUTTER, 100000))
    for j in np.nonzero(~dense & ~point)[0]:
        _bar(p, data, int(index[j]), float(x0[j]), float(x1[j]), int(rows[j]), options, layout)
    label_room: dict[int, float] = {}
    for j in np.nonzero(~dense & point)[0]:
        _marker(p, data, int(index[j]), float((x0[j] + x1[j]) / 2), int(rows[j]), options, layout, label_room)
    _badges(p, scale, key[dense], x0[dense], x1[dense], rows[dense], layout)
    p.setClipping(False)


def _color(data: TimelineData, i: int) -> QColor:
    return PALETTE[int(data.lane[i]) % len(PALETTE)]


def _bar(p: QPainter, data: TimelineData, i: int, x0: float, x1: float, row: int, options: ViewOptions,
         layout: Layout) -> None:
    """A vague date: a light bar across its interval, fading toward an open end."""
    y = _lane_y(row) + 20
    rect = QRectF(x0, y, max(4.0, x1 - x0), 9)
    color = _color(data, i)
    fill = QColor(color)
    fill.setAlpha(70)
    if data.open_end[i] or data.open_start[i]:
        gradient = QLinearGradient(rect.left(), 0, rect.right(), 0)
        faded = QColor(color)
        faded.setAlpha(0)
        gradient.setColorAt(0, faded if data.open_start[i] else fill)
        gradient.setColorAt(1, faded if data.open_end[i] else fill)
        p.setBrush(QBrush(gradient))
    else:
        p.setBrush(fill)
    selected = int(data.ids[i]) in options.selection
    p.setPen(QPen(QColor("#111111") if selected else color, 2 if selected else 1))
    p.drawRoundedRect(rect, 3, 3)
    layout.items.append((i, rect))


def _marker(p: QPainter, data: TimelineData, i: int, x: float, row: int, options: ViewOptions, layout: Layout,
            label_room: dict[int, float]) -> None:
    """A day-precise date: a diamond, with its title where it fits (never overprinted)."""
    y = _lane_y(row) + 24
    selected = int(data.ids[i]) in options.selection
    color = _color(data, i)
    p.setPen(QPen(QColor("#111111") if selected else color.darker(130), 2 if selected else 1))
    p.setBrush(color if not selected else QColor("#ffd400"))
    size = 6 if selected else 5
    diamond = [QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)]
    p.drawPolygon(diamond)
    layout.items.append((i, QRectF(x - 6, y - 7, 12, 14)))
    metrics = QFontMetrics(p.font())
    text = metrics.elidedText(data.texts[i].title, Qt.TextElideMode.ElideRight, 220)
    if x + 8 >= label_room.get(row, -1e9):
        p.setPen(QColor("#222222"))
        p.drawText(QPointF(x + 8, _lane_y(row) + 14), text)
        label_room[row] = x + 14 + metrics.horizontalAdvance(text)


def _badges(p: QPainter, scale: TimeScale, keys: np.ndarray, x0: np.ndarray, x1: np.ndarray, rows: np.ndarray,
            layout: Layout) -> None:
    """Dense bins: one badge with the number of events, which zooming in opens up."""
    if not len(keys):
        return
    order = np.argsort(keys, kind="stable")  # group each bin's members together, once
    _, first, counts = np.unique(keys[order], return_index=True, return_counts=True)
    lefts = np.minimum.reduceat(x0[order], first)
    rights = np.maximum.reduceat(x1[order], first)
    p.setFont(QFont("Sans", 7))
    for start, count, left, right in zip(order[first], counts, lefts, rights):
        left, right = float(left), float(right)
        centre = (left + right) / 2 if right - left < 30 else float((x0[start] + x1[start]) / 2)
        row = int(rows[start])
        rect = QRectF(centre - 13, _lane_y(row) + 15, 26, 16)
        p.setPen(QPen(QColor("#555a66"), 1))
        p.setBrush(QColor("#dfe3ec"))
        p.drawRoundedRect(rect, 7, 7)
        p.setPen(QColor("#222222"))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(int(count)) if count < 1000 else f"{count // 1000}k")
        layout.badges.append((rect, scale.to_t(left), scale.to_t(right)))


def render_image(data: TimelineData, scale: TimeScale, options: ViewOptions, width: int, height: int,
                 device_scale: float = 1.0) -> QImage:
    """The timeline as an image; device_scale 2 gives sharp pictures for reports."""
    image = QImage(int(width * device_scale), int(height * device_scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(device_scale)
    painter = QPainter(image)
    paint(painter, width, height, data, scale, options)
    painter.end()
    return image


def full_height(data: TimelineData, options: ViewOptions) -> int:
    return AXIS_HEIGHT + lane_count(data, options) * LANE_HEIGHT + 4


def fitted_scale(data: TimelineData, width: int) -> TimeScale:
    scale = TimeScale(0.0, 1.0, GUTTER, width)
    if len(data):
        scale.fit(float(data.t0.min()), float(data.t1.max()))
    else:
        scale.fit(0, 365)
    return scale


def export_png_command(out: str, db: str, width: int, date_from: str | None, date_to: str | None) -> int:
    """`main.py export --png`: the same painter, no window."""
    import os

    from PySide6.QtGui import QGuiApplication

    from timeline import calendar as cal
    from timeline.store.queries import load_timeline
    from timeline.store.session import open_store

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (fonts need an application)
    store = open_store(db)
    data = load_timeline(store)
    scale = fitted_scale(data, width)
    if date_from or date_to:
        scale.v0 = cal.parse_iso(date_from) if date_from else scale.v0
        scale.v1 = cal.parse_iso(date_to) + 1 if date_to else scale.v1
    options = ViewOptions()
    image = render_image(data, scale, options, width, full_height(data, options))
    store.close()
    if not image.save(out):
        print(f"could not write {out}")
        return 1
    print(f"{len(data)} events drawn to {out} ({image.width()}x{image.height()})")
    return 0
