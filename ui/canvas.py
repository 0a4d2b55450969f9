"""The timeline widget: paints from arrays (ui.render), zooms about the cursor, pans, selects."""
from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QRubberBand, QToolTip, QWidget

from timeline.store.arrays import TimelineData

from . import render
from .scale import TimeScale

ZOOM_STEP = 1.0015  # per wheel unit; a notch (120) zooms by about 16%


class TimelineCanvas(QWidget):
    selectionChanged = Signal(list)  # event ids
    eventActivated = Signal(int)
    eventOpened = Signal(int)  # double-click: open its conflict, if it has one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(160)
        self.data: TimelineData | None = None
        self.scale = TimeScale(0, 365, render.GUTTER, 800)
        self.options = render.ViewOptions()
        self.layout_info = render.Layout()
        self._drag_from: QPoint | None = None
        self._band_from: QPoint | None = None
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._fitted = True  # the view still shows "fit all": a resize fits again instead of widening
        self._pending: tuple[float, float] | None = None  # a restored view, kept until the first paint
        self._after_paint: list = []  # called once the events have been painted (work that can wait)

    def sizeHint(self) -> QSize:
        return QSize(1000, 360)

    # --- data and view
    def set_data(self, data: TimelineData, keep_view: bool = False) -> None:
        self.data = data
        self.options.selection = {i for i in self.options.selection if data.index_of(i) is not None}
        if not keep_view:
            self.fit_all()
        self.update()

    def fit_all(self) -> None:
        self._fitted = True
        if self.data is not None:
            fitted = render.fitted_scale(self.data, self.width())
            self.scale.v0, self.scale.v1 = fitted.v0, fitted.v1
        self.update()

    def fit_selection(self) -> None:
        if self.data is None or not self.options.selection:
            return
        found = [self.data.index_of(i) for i in self.options.selection]
        indices = [i for i in found if i is not None]
        self._fitted = False
        self.scale.fit(float(self.data.t0[indices].min()), float(self.data.t1[indices].max()))
        self.update()

    def set_shown(self, mask) -> None:  # type: ignore[no-untyped-def]
        """Draw only the events the list shows (a boolean per event, None for all)."""
        self.options.shown = mask
        self.update()

    def set_single_lane(self, single: bool) -> None:
        self.options.single_lane = single
        self.options.lane_offset = 0
        self.update()

    def set_grouping(self, grouping) -> None:  # type: ignore[no-untyped-def]
        """Lanes by story, outlet...: a timeline.grouping.Grouping, or None for one lane per document."""
        if grouping is not self.options.groups:
            self.options.lane_offset = 0
        self.options.groups = grouping
        self.update()

    def set_selection(self, ids: list[int], emit: bool = False) -> None:
        self.options.selection = set(ids)
        self.update()
        if emit:
            self.selectionChanged.emit(sorted(self.options.selection))

    # --- painting
    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        old_width = max(1, self.scale.x1 - self.scale.x0)
        self.scale.x1 = max(self.scale.x0 + 50, self.width())
        self.scale.v1 = self.scale.v0 + (self.scale.v1 - self.scale.v0) * (self.scale.x1 - self.scale.x0) / old_width
        if self._pending:
            self.scale.show(*self._pending)
        elif self._fitted and self.data is not None:
            self.fit_all()
        super().resizeEvent(event)

    def show_range(self, v0: float, v1: float) -> None:
        """Show [v0, v1) whatever size the widget takes before it is first painted (a restored view)."""
        self._fitted = False
        self._pending = (v0, v1)
        self.scale.show(v0, v1)
        self.update()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._pending = None
        painter = QPainter(self)
        if self.data is None:
            painter.end()
            return
        self.options.lane_height = render.fill_height(self.data, self.options, self.height())
        self.layout_info = render.paint(painter, self.width(), self.height(), self.data, self.scale, self.options)
        painter.end()
        while self._after_paint:
            QTimer.singleShot(0, self._after_paint.pop(0))

    def after_next_paint(self, job) -> None:  # type: ignore[no-untyped-def]
        """Run ``job`` once the timeline has been painted (start-up work that can wait)."""
        self._after_paint.append(job)

    # --- interaction
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._scroll_lanes(-1 if delta > 0 else 1)
            return
        self.zoom_at(ZOOM_STEP ** -delta, event.position().x())

    def zoom_at(self, factor: float, x: float) -> None:
        self._fitted = False
        self.scale.zoom(factor, x)
        self.update()

    def _scroll_lanes(self, step: int) -> None:
        if self.data is None:
            return
        last = max(0, render.lane_count(self.data, self.options) - 1)
        self.options.lane_offset = min(last, max(0, self.options.lane_offset + step))
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, centre = event.key(), (self.scale.x0 + self.scale.x1) / 2
        actions = {
            Qt.Key.Key_Plus: lambda: self.zoom_at(0.8, centre), Qt.Key.Key_Equal: lambda: self.zoom_at(0.8, centre),
            Qt.Key.Key_Minus: lambda: self.zoom_at(1.25, centre),
            Qt.Key.Key_Left: lambda: self._pan(80), Qt.Key.Key_Right: lambda: self._pan(-80),
            Qt.Key.Key_Up: lambda: self._scroll_lanes(-1), Qt.Key.Key_Down: lambda: self._scroll_lanes(1),
            Qt.Key.Key_Home: self.fit_all, Qt.Key.Key_F: self.fit_selection,
        }
        action = actions.get(Qt.Key(key))
        if action:
            action()
        else:
            super().keyPressEvent(event)

    def _pan(self, dx: float) -> None:
        self._fitted = False
        self.scale.pan(dx)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._band_from = event.position().toPoint()
            self._band.setGeometry(QRect(self._band_from, QSize()))
            self._band.show()
            return
        self._drag_from = event.position().toPoint()
        self._press_at = self._drag_from

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        if self._band_from is not None:
            self._band.setGeometry(QRect(self._band_from, position).normalized())
        elif self._drag_from is not None:
            self._pan(position.x() - self._drag_from.x())
            self._drag_from = position
        else:
            self._show_tooltip(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        if self._band_from is not None:
            rect = QRect(self._band_from, position).normalized()
            self._band.hide()
            self._band_from = None
            ids = [int(self.data.ids[i]) for i, r in self.layout_info.items if rect.intersects(r.toRect())] \
                if self.data else []
            self.set_selection(ids, emit=True)
            return
        moved = self._drag_from is not None and (position - self._press_at).manhattanLength() > 3
        self._drag_from = None
        if not moved and event.button() == Qt.MouseButton.LeftButton:
            self.click_at(position, bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.event_at(event.position().toPoint())
        if hit is not None:
            self.eventOpened.emit(hit)

    def click_at(self, position: QPoint, toggle: bool = False) -> None:
        hit = self.event_at(position)
        if hit is None:
            badge = self.badge_at(position)
            if badge:
                self._fitted = False
                self.scale.fit(*badge)
                self.update()
            elif self.layout_info.density and position.y() > render.AXIS_HEIGHT:
                self.zoom_at(0.25, position.x())  # a density strip opens up as you zoom in
            elif not toggle:
                self.set_selection([], emit=True)
            return
        ids = set(self.options.selection) if toggle else set()
        ids ^= {hit}
        self.set_selection(sorted(ids), emit=True)
        self.eventActivated.emit(hit)

    def event_at(self, position: QPoint) -> int | None:
        if self.data is None:
            return None
        for index, rect in reversed(self.layout_info.items):
            if rect.adjusted(-3, -3, 3, 3).contains(position.toPointF()):
                return int(self.data.ids[index])
        return None

    def badge_at(self, position: QPoint) -> tuple[float, float] | None:
        for rect, t0, t1 in self.layout_info.badges:
            if rect.contains(position.toPointF()):
                return t0, t1
        return None

    def _show_tooltip(self, event: QMouseEvent) -> None:
        hit = self.event_at(event.position().toPoint())
        if hit is None or self.data is None:
            QToolTip.hideText()
            return
        i = self.data.index_of(hit)
        assert i is not None
        lane = self.data.lanes[int(self.data.lane[i])]
        text = self.data.texts[i]
        merged = _sources_html(self.data, i) if self.data.source_count[i] > 1 else ""
        conflict = "<br><b style='color:#e03131'>open conflict: double-click to review</b>" \
            if text.conflict == "open" else ""
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"<b>{html.escape(text.title)}</b><br>{text.when} ({text.granularity})<br>"
                          f"“{html.escape(text.expression)}” → {text.value}<br><i>{html.escape(lane.label)}</i>"
                          f"{merged}{conflict}", self)


def _sources_html(data: TimelineData, index: int, most: int = 8) -> str:
    """The documents that report the happening, as the tooltip lists them."""
    from timeline.grouping import members

    names = list(dict.fromkeys(data.lanes[int(data.lane[j])].label for j in members(data, index)))
    shown = "".join(f"<br>• {html.escape(n if len(n) <= 70 else n[:69] + '…')}" for n in names[:most])
    more = f"<br>… and {len(names) - most} more" if len(names) > most else ""
    return f"<br><b>{len(names)} sources:</b>{shown}{more}"
