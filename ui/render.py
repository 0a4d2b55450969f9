"""Paint the timeline with QPainter: one pass over culled arrays, shared by the window and PNG export.

Dense regions are drawn as count badges: events in a lane are binned by pixel column, and
a bin holding several events becomes one badge. Labels are placed only where they fit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QImage, QLinearGradient, QPainter, QPen

from timeline.grouping import Grouping
from timeline.store.arrays import TimelineData

from .scale import TimeScale, context_ticks, ticks

CONTEXT_HEIGHT = 16  # the row above the ticks: month and year, so the year is always readable
AXIS_HEIGHT = 34 + CONTEXT_HEIGHT
LANE_HEIGHT = 54  # a label row above the markers and one below the bars
LABEL_ROWS = (14, 51)  # baselines in a lane: labels stack in the free row before one is left out
LABEL_STEP = 14  # a taller lane (few lanes on a tall canvas) stacks more label rows below the bars
MAX_LANE_HEIGHT = LANE_HEIGHT + 14 * LABEL_STEP
GUTTER = 230
BIN_PIXELS = 10
BADGE_MIN = 4  # events in one bin before they become a count badge
ITEM_BUDGET = 300  # markers, bars and badges drawn one by one; beyond, density strips (keeps a frame < 16 ms)
BAR_TRACKS = 3  # overlapping vague dates stack on up to three tracks in a lane
BAR_STEP = 7
PALETTE = [QColor(c) for c in ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")]
_PALETTE_RGB = np.array([(c.red(), c.green(), c.blue()) for c in PALETTE], dtype=np.uint8)
_NEUTRAL = (60, 70, 90)
DISPUTED = QColor("#e03131")


@dataclass
class Layout:
    """What the last paint put where, for hit testing: index -> screen rect."""

    items: list[tuple[int, QRectF]] = field(default_factory=list)
    badges: list[tuple[QRectF, float, float]] = field(default_factory=list)  # rect, t0, t1
    density: bool = False  # drawn as density strips: a click zooms in


@dataclass
class ViewOptions:
    single_lane: bool = False
    lane_offset: int = 0  # first lane shown (vertical scroll)
    selection: set[int] = field(default_factory=set)  # event ids
    shown: np.ndarray | None = None  # per event: passes the filters (None: no filter), as in the list
    groups: Grouping | None = None  # lanes by story, outlet...; None: one lane per document
    lane_height: int = LANE_HEIGHT  # taller when few lanes share a tall canvas: more rows of labels


def lane_count(data: TimelineData, options: ViewOptions) -> int:
    if options.single_lane:
        return 1
    return max(1, len(options.groups.groups) if options.groups is not None else len(data.lanes))


def paint(p: QPainter, width: int, height: int, data: TimelineData, scale: TimeScale, options: ViewOptions) -> Layout:
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.fillRect(0, 0, width, height, QColor("#fbfbfd"))
    layout = Layout()
    visible_lanes = max(1, (height - AXIS_HEIGHT) // options.lane_height + 1)
    _paint_lanes(p, width, data, options, visible_lanes)
    _paint_grid_and_axis(p, width, height, scale)
    paint_legend(p)
    if len(data):
        _paint_events(p, width, data, scale, options, visible_lanes, layout)
    return layout


def _lane_y(row: int, lane_height: int = LANE_HEIGHT) -> int:
    return AXIS_HEIGHT + row * lane_height


def fill_height(data: TimelineData, options: ViewOptions, height: int) -> int:
    """The lane height that shares ``height`` among the lanes, within LANE_HEIGHT..MAX_LANE_HEIGHT."""
    share = (height - AXIS_HEIGHT - 4) // max(1, lane_count(data, options) - options.lane_offset)
    return int(min(MAX_LANE_HEIGHT, max(LANE_HEIGHT, share)))


def _paint_lanes(p: QPainter, width: int, data: TimelineData, options: ViewOptions, visible: int) -> None:
    p.setFont(QFont("Sans", 8))
    metrics = QFontMetrics(p.font())
    count = lane_count(data, options)
    for row in range(min(visible, count - options.lane_offset)):
        lane = row + options.lane_offset
        y = _lane_y(row, options.lane_height)
        p.fillRect(0, y, width, options.lane_height, QColor("#ffffff") if lane % 2 == 0 else QColor("#f2f4f8"))
        p.setPen(QColor("#333333"))
        if options.single_lane:
            label, sub = "All sources", f"{len(data.lanes)} documents"
        elif options.groups is not None and options.groups.groups:
            label, sub = options.groups.groups[lane].label, options.groups.groups[lane].sub
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
    _paint_context_row(p, width, height, scale)
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


def _paint_context_row(p: QPainter, width: int, height: int, scale: TimeScale) -> None:
    """Months (or years, or days) above the ticks; the period the view starts in is pinned to the
    left edge, pushed aside by the next one as it scrolls in."""
    contexts = context_ticks(scale)
    p.fillRect(QRectF(GUTTER, 0, width - GUTTER, CONTEXT_HEIGHT), QColor("#e2e7f0"))
    font = QFont("Sans", 8)
    font.setBold(True)
    p.setFont(font)
    metrics = QFontMetrics(font)
    p.save()
    p.setClipRect(QRectF(GUTTER, 0, width - GUTTER, height))
    for n, (t, label) in enumerate(contexts):
        x = scale.to_x(t)
        p.setPen(QPen(QColor("#c9ced8"), 1))
        p.drawLine(QPointF(x, 0), QPointF(x, height))
        following = scale.to_x(contexts[n + 1][0]) if n + 1 < len(contexts) else width
        left = min(max(x, GUTTER) + 4, following - metrics.horizontalAdvance(label) - 8)  # slides out
        p.setPen(QColor("#2b3140"))
        p.drawText(QPointF(left, CONTEXT_HEIGHT - 4), label)
    p.restore()


def _visible(data: TimelineData, scale: TimeScale, options: ViewOptions,
             visible_lanes: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the events inside the view, and the screen row of each."""
    if options.single_lane:
        candidates = data.in_window(scale.v0, scale.v1)
        rows = np.zeros(len(candidates), dtype=np.int32)
    elif options.groups is not None:
        candidates = options.groups.in_rows(options.lane_offset, options.lane_offset + visible_lanes)
        rows = options.groups.rows[candidates] - options.lane_offset
    else:
        candidates = data.in_lanes(options.lane_offset, options.lane_offset + visible_lanes)
        rows = data.lane[candidates] - options.lane_offset
    inside = (data.t1[candidates] >= scale.v0) & (data.t0[candidates] <= scale.v1)
    if options.shown is not None and len(options.shown) == len(data):
        inside &= options.shown[candidates]
    return candidates[inside], rows[inside]


def _paint_events(p: QPainter, width: int, data: TimelineData, scale: TimeScale, options: ViewOptions,
                  visible_lanes: int, layout: Layout) -> None:
    index, rows = _visible(data, scale, options, visible_lanes)
    if not len(index):
        return
    # cut at the lane titles' edge by hand: Qt's SVG writer ignores the clip rectangle below
    x0 = np.maximum(scale.x0 + (data.t0[index] - scale.v0) / scale.days_per_pixel, GUTTER + 3)
    x1 = np.minimum(scale.x0 + (data.t1[index] - scale.v0) / scale.days_per_pixel, width + 20)
    point = data.exact[index] | ((x1 - x0) < 4)
    bins = ((x0 + x1) / 2 // BIN_PIXELS).astype(np.int64)
    key = rows.astype(np.int64) * 1_000_000 + bins
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    dense = counts[inverse] >= BADGE_MIN
    p.setClipRect(QRectF(GUTTER, AXIS_HEIGHT, width - GUTTER, 100000))
    if np.count_nonzero(~dense) + np.count_nonzero(counts >= BADGE_MIN) > ITEM_BUDGET:
        by_document = not options.single_lane and options.groups is None
        _density(p, width, x0, x1, rows, visible_lanes, data.lane[index] if by_document else None, layout, data.lanes,
                 options.lane_height)
    else:
        bars = np.nonzero(~dense & ~point)[0]
        tracks = _tracks(x0[bars], x1[bars], rows[bars])
        for j, track in zip(bars, tracks):
            _bar(p, data, int(index[j]), float(x0[j]), float(x1[j]), int(rows[j]), int(track), options, layout)
        labels = _Labels(p, width - 4, options.lane_height)
        markers = np.nonzero(~dense & point)[0]
        data.texts.prefetch(index[markers])  # one query for every label, not one per page
        for j in markers:
            _marker(p, data, int(index[j]), float((x0[j] + x1[j]) / 2), int(rows[j]), options, layout, labels)
        data.texts.prefetch(index[bars])
        for j in bars[np.argsort(x0[bars], kind="stable")]:  # vague dates take the rows the markers left free
            labels.place(p, data, int(index[j]), max(float(x0[j]), GUTTER + 2.0), int(rows[j]))
        _badges(p, scale, key[dense], x0[dense], x1[dense], rows[dense], data.disputed[index[dense]], layout,
                options.lane_height)
    p.setClipping(False)


def _tracks(x0: np.ndarray, x1: np.ndarray, rows: np.ndarray) -> list[int]:
    """Stack overlapping bars of one lane on up to BAR_TRACKS tracks (first free track, in start order)."""
    tracks = [0] * len(x0)
    ends: dict[tuple[int, int], float] = {}
    for j in np.lexsort((x0, rows)):
        row = int(rows[j])
        track = next((k for k in range(BAR_TRACKS) if ends.get((row, k), -1e9) < x0[j] - 1), BAR_TRACKS - 1)
        ends[(row, track)] = max(ends.get((row, track), -1e9), float(x1[j]))
        tracks[j] = track
    return tracks


def _density(p: QPainter, width: int, x0: np.ndarray, x1: np.ndarray, rows: np.ndarray, visible_lanes: int,
             lanes: np.ndarray | None, layout: Layout, data_lanes: list, lane_height: int) -> None:
    """Too many events to draw one by one: a strip per lane whose darkness is the number of
    events per pixel column (a vague date spreads its one event over its interval)."""
    left = np.clip(x0.astype(np.int64), 0, width - 1)
    right = np.clip(np.maximum(x1, x0 + 1).astype(np.int64), 1, width)
    weight = 1.0 / (right - left)
    flat = visible_lanes * (width + 1)
    delta = np.bincount(rows * (width + 1) + left, weight, flat) - np.bincount(rows * (width + 1) + right, weight, flat)
    cover = np.cumsum(delta.reshape(visible_lanes, width + 1), axis=1)[:, :width]
    level = np.log1p(np.maximum(cover, 0)) / np.log1p(max(float(cover.max()), 1e-9))
    rgba = np.zeros((visible_lanes, width, 4), dtype=np.uint8)
    rgba[..., :3] = _NEUTRAL
    if lanes is not None:  # one lane per row: the lane's own colour
        row_lane = np.zeros(visible_lanes, dtype=np.int64)
        row_lane[rows] = lanes
        documents = np.array([lane.document_id for lane in data_lanes], dtype=np.int64)
        rgba[..., :3] = _PALETTE_RGB[(documents[row_lane] * 2654435761 >> 7) % len(PALETTE)][:, None, :]
    rgba[..., 3] = (np.where(cover > 0, 40 + 215 * level, 0)).astype(np.uint8)
    image = QImage(rgba.data, width, visible_lanes, width * 4, QImage.Format.Format_RGBA8888)
    counts = np.bincount(rows, minlength=visible_lanes)
    p.setFont(QFont("Sans", 7))
    for row in range(visible_lanes):
        if counts[row]:
            y = _lane_y(row, lane_height)
            p.drawImage(QRectF(0, y + 18, width, 14), image, QRectF(0, row, width, 1))
            p.setPen(QColor("#444444"))
            p.drawText(QRectF(width - 160, y + 2, 154, 14), Qt.AlignmentFlag.AlignRight,
                       f"{int(counts[row]):,} events in view")
    layout.density = True


def colour_index(document_id: int) -> int:
    """A document keeps its colour whatever the order of the lanes (a hash, not the lane number)."""
    return (document_id * 2654435761 >> 7) % len(PALETTE)


def _color(data: TimelineData, i: int) -> QColor:
    return PALETTE[colour_index(data.lanes[int(data.lane[i])].document_id)] if data.lanes else PALETTE[0]


def _bar(p: QPainter, data: TimelineData, i: int, x0: float, x1: float, row: int, track: int,
         options: ViewOptions, layout: Layout) -> None:
    """A vague date: a light bar across its interval, fading toward an open end."""
    y = _lane_y(row, options.lane_height) + 18 + track * BAR_STEP
    rect = QRectF(x0, y, max(4.0, x1 - x0), BAR_STEP - 1)
    color = QColor(_color(data, i))
    fill = QColor(color)
    fill.setAlpha(int(25 + 70 * _sureness(data, i)))
    if _no_dateline(data, i):
        color.setAlpha(120)
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
    p.drawRoundedRect(rect, 2, 2)
    if data.disputed[i]:
        _dispute_mark(p, rect.adjusted(-2, -2, 2, 2))
    layout.items.append((i, rect))


def _dispute_mark(p: QPainter, rect: QRectF) -> None:
    """An open conflict: a red dashed outline the analyst can click through to the Conflicts tab."""
    p.save()
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(DISPUTED, 2, Qt.PenStyle.DashLine))
    p.drawEllipse(rect) if rect.width() < 20 else p.drawRoundedRect(rect, 3, 3)
    p.restore()


class _Labels:
    """Marker titles placed left to right per lane, right of the marker or, at the view's right
    edge, left of it, in the first of the lane's label rows where they fit (as vis-timeline stacks
    items); a title that fits in no row is left out (the marker's tooltip has it)."""

    def __init__(self, p: QPainter, right_edge: float, lane_height: int = LANE_HEIGHT) -> None:
        self.metrics = QFontMetrics(p.font())
        self.right_edge = right_edge
        self.lane_height = lane_height
        self.rows = LABEL_ROWS + tuple(range(LABEL_ROWS[-1] + LABEL_STEP, lane_height - 2, LABEL_STEP))
        self.free_from: dict[tuple[int, int], float] = {}

    def place(self, p: QPainter, data: TimelineData, i: int, x: float, row: int) -> None:
        for line, baseline in enumerate(self.rows):
            if self._place(p, data, i, x, row, line, baseline):
                return

    def _place(self, p: QPainter, data: TimelineData, i: int, x: float, row: int, line: int, baseline: int) -> bool:
        free = self.free_from.get((row, line), -1e9)
        if x + 8 < free:
            return False
        lane = data.lanes[int(data.lane[i])] if data.lanes else None
        note = " · no dateline" if lane and lane.fallback else (" · year inferred" if lane and lane.dateline_inferred else "")
        shown = data.texts[i]
        sources = int(data.source_count[i])
        count = str(sources) if sources > 1 else ""  # a badge: the documents that report the happening
        badge = self.metrics.horizontalAdvance(count) + 8 if count else 0
        text = self.metrics.elidedText(shown.title, Qt.TextElideMode.ElideRight, 220 - 6 * len(note)) + note
        advance = badge + (3 if badge else 0) + self.metrics.horizontalAdvance(text)
        left = x + 8 if x + 8 + advance <= self.right_edge else x - 8 - advance
        if left < max(free, GUTTER + 2):
            return False
        y = _lane_y(row, self.lane_height) + baseline
        if line > 1:  # a stacked row far below its marker: a faint leader line down from the marker
            p.setPen(QPen(QColor("#b8bfcc"), 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, _lane_y(row, self.lane_height) + 31), QPointF(x, y - 3))
        if badge:
            _source_badge(p, QRectF(left, y - self.metrics.ascent(), badge, self.metrics.height()), count)
        p.setPen(QColor("#222222"))
        p.drawText(QPointF(left + advance - self.metrics.horizontalAdvance(text), y), text)
        self.free_from[(row, line)] = max(x + 8, left + advance + 6)
        return True


def _source_badge(p: QPainter, rect: QRectF, count: str) -> None:
    """The number of sources that report a happening, in a dark pill before its title."""
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#364fc7"))
    p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    p.setPen(QColor("#ffffff"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, count)
    p.restore()


def _sureness(data: TimelineData, i: int) -> float:
    return 1.0 if data.confidence is None else float(data.confidence[i])


def _no_dateline(data: TimelineData, i: int) -> bool:
    return bool(data.lanes) and data.lanes[int(data.lane[i])].fallback


def _marker(p: QPainter, data: TimelineData, i: int, x: float, row: int, options: ViewOptions, layout: Layout,
            labels: _Labels) -> None:
    """A day-precise date: a diamond (hollow when the article had no dateline, paler the less sure
    the date), with a fading tail toward an open side ("before March 14"), and its title."""
    y = _lane_y(row, options.lane_height) + 24
    selected = int(data.ids[i]) in options.selection
    color = QColor(_color(data, i))
    if data.open_start[i] or data.open_end[i]:
        _open_tail(p, color, x, y, bool(data.open_start[i]), bool(data.open_end[i]))
    color.setAlpha(int(70 + 185 * _sureness(data, i)))
    p.setPen(QPen(QColor("#111111") if selected else color.darker(130), 2 if selected else 1))
    p.setBrush(QColor("#ffd400") if selected else (QColor("#ffffff") if _no_dateline(data, i) else color))
    size = 6 if selected else 5
    p.drawPolygon([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)])
    if data.disputed[i]:
        _dispute_mark(p, QRectF(x - size - 3, y - size - 3, 2 * size + 6, 2 * size + 6))
    layout.items.append((i, QRectF(x - 6, y - 7, 12, 14)))
    labels.place(p, data, i, x, row)


def _open_tail(p: QPainter, color: QColor, x: float, y: float, before: bool, after: bool) -> None:
    """An open interval from a precise day: a line fading out toward the open side, with a chevron."""
    for side, open_ in ((-1, before), (1, after)):
        if not open_:
            continue
        end = x + side * 42
        gradient = QLinearGradient(x, 0, end, 0)
        solid, faded = QColor(color), QColor(color)
        faded.setAlpha(0)
        gradient.setColorAt(0, solid)
        gradient.setColorAt(1, faded)
        p.setPen(QPen(QBrush(gradient), 2))
        p.drawLine(QPointF(x, y), QPointF(end, y))
        p.drawLine(QPointF(x + side * 14, y - 4), QPointF(x + side * 18, y))
        p.drawLine(QPointF(x + side * 14, y + 4), QPointF(x + side * 18, y))


def paint_legend(p: QPainter) -> None:
    """What the shapes mean, in the corner above the lane names."""
    p.save()
    p.setFont(QFont("Sans", 7))
    p.setPen(QColor("#555a66"))
    p.drawText(QRectF(6, 2, GUTTER - 10, 14), Qt.AlignmentFlag.AlignLeft, "◆ day   ▬ vague   ◇ no dateline")
    p.drawText(QRectF(6, 17, GUTTER - 10, 14), Qt.AlignmentFlag.AlignLeft, "pale = less sure   ◆⟶ open end")
    p.drawText(QRectF(6, 32, GUTTER - 10, 14), Qt.AlignmentFlag.AlignLeft, "❷ n sources   red dashes = conflict")
    p.restore()


def _badges(p: QPainter, scale: TimeScale, keys: np.ndarray, x0: np.ndarray, x1: np.ndarray, rows: np.ndarray,
            disputed: np.ndarray, layout: Layout, lane_height: int) -> None:
    """Dense bins: one badge with the number of events, which zooming in opens up."""
    if not len(keys):
        return
    order = np.argsort(keys, kind="stable")  # group each bin's members together, once
    _, first, counts = np.unique(keys[order], return_index=True, return_counts=True)
    lefts = np.minimum.reduceat(x0[order], first)
    rights = np.maximum.reduceat(x1[order], first)
    any_disputed = np.maximum.reduceat(disputed[order].astype(np.int8), first) > 0
    p.setFont(QFont("Sans", 7))
    for start, count, left, right, contested in zip(order[first], counts, lefts, rights, any_disputed):
        left, right = float(left), float(right)
        centre = (left + right) / 2 if right - left < 30 else float((x0[start] + x1[start]) / 2)
        row = int(rows[start])
        rect = QRectF(centre - 13, _lane_y(row, lane_height) + 15, 26, 16)
        p.setPen(QPen(DISPUTED, 2) if contested else QPen(QColor("#555a66"), 1))  # holds a disputed event
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
    return AXIS_HEIGHT + lane_count(data, options) * options.lane_height + 4


def fitted_scale(data: TimelineData, width: int) -> TimeScale:
    """Where the events are: one background mention ("the 1950-53 war") does not open up decades
    (kept with the data: a resize before the first paint fits again at no cost)."""
    from timeline.export.focus import focus

    scale = TimeScale(0.0, 1.0, GUTTER, width)
    if len(data):
        found = data.__dict__.get("_focus") or data.__dict__.setdefault("_focus", focus(data.t0, data.t1, share=0.7))
        scale.fit(found.t0, found.t1, margin=0.0)
    else:
        scale.fit(0, 365)
    return scale
