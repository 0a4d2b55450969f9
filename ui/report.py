"""Report export: the timeline as a page for a report, in PNG (1x-3x), SVG or PDF (vector).

Around the window's own painter (render.paint) come a title, the date range and what was left
out, a legend of the marks, a band that always names the years, and the list of sources. The
range is fitted to where the events are (export.focus), the selection is never printed, and past
MAX_LANES documents the events share one lane instead of a page of identical lane titles.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QImage, QLinearGradient, QPageLayout, QPageSize, QPainter,
                           QPdfWriter, QPen)
from PySide6.QtSvg import QSvgGenerator

from timeline import calendar as cal
from timeline.export.focus import focus
from timeline.grouping import representatives
from timeline.store.queries import TextPages, TimelineData

from . import render
from .scale import MONTH_NAMES, TICK_DAYS, TimeScale, choose_step

MAX_LANES = 12  # more documents than this: one shared lane (the sources are listed below)
MAX_SOURCES_LISTED = 40
HEADER = 92
YEAR_BAND = 18
DPI = 96  # SVG and PDF units are the PNG's pixels at 1x
FORMATS = ("png", "svg", "pdf")


@dataclass
class ReportOptions:
    title: str = "Timeline"
    whole: bool = True  # the whole project, else the current view
    every_date: bool = False  # whole project: do not leave out lone background dates
    width: int = 1600
    device_scale: float = 2.0  # PNG only
    happenings: bool = True  # one item per happening, as the window shows by default


@dataclass
class _Page:
    data: TimelineData  # only the lanes shown
    scale: TimeScale
    view: render.ViewOptions
    left_out: tuple[int, int]  # events before and after the range
    earliest: float | None
    sources: list[str]


def subset(data: TimelineData, keep: np.ndarray, lanes: list[int]) -> TimelineData:
    """The events ``keep`` (a mask) in the given lanes, renumbered 0..len(lanes)-1."""
    renumber = np.full(max(1, len(data.lanes)), -1, dtype=np.int32)
    renumber[lanes] = np.arange(len(lanes), dtype=np.int32)
    keep = keep & (renumber[data.lane] >= 0) if len(data) else keep
    ids = data.ids[keep]
    counted = TimelineData(ids=ids, t0=data.t0[keep], t1=data.t1[keep], lane=renumber[data.lane[keep]],
                        exact=data.exact[keep], open_start=data.open_start[keep], open_end=data.open_end[keep],
                        disputed=data.disputed[keep], texts=TextPages(ids, data.texts._fetch),
                        lanes=[data.lanes[i] for i in lanes],
                        confidence=None if data.confidence is None else data.confidence[keep])
    counted.__dict__["source_count"] = data.source_count[keep]  # the badges count every source, kept or not
    return counted


def _page(data: TimelineData, options: ReportOptions, width: int, view: tuple[float, float] | None,
          single_lane: bool) -> _Page:
    if view is None:
        shown = focus(data.t0, data.t1, whole=options.every_date)
        v0, v1 = float(shown.t0), float(shown.t1)
    else:
        v0, v1 = view
    inside = (data.t1 > v0) & (data.t0 < v1)
    if options.happenings:
        inside &= representatives(data)
    lanes = sorted({int(x) for x in data.lane[inside]}) if len(data) else []
    page = subset(data, inside, lanes)
    single = single_lane or len(lanes) > MAX_LANES
    before = int(np.count_nonzero(data.t1 <= v0))
    rows = 1 if single else max(1, len(lanes))  # a few lanes get room for more stacked labels
    lane_height = render.LANE_HEIGHT + render.LABEL_STEP * (6 if rows <= 2 else 3 if rows <= 6 else 0)
    return _Page(page, TimeScale(v0, v1, render.GUTTER, width),
                 render.ViewOptions(single_lane=single, lane_height=lane_height),
                 (before, int(np.count_nonzero(data.t0 >= v1))), float(data.t0.min()) if before else None,
                 [f"{lane.label} — dateline {lane.dateline[:10]}" for lane in page.lanes])


def _source_lines(page: _Page) -> list[str]:
    lines = [f"{n}. {s}" for n, s in enumerate(page.sources[:MAX_SOURCES_LISTED], 1)]
    if len(page.sources) > MAX_SOURCES_LISTED:
        lines.append(f"… and {len(page.sources) - MAX_SOURCES_LISTED} more")
    return lines


def _band(scale: TimeScale) -> int:
    """The year band, where the axis's own ticks do not name every year (months, days, hours)."""
    return 0 if TICK_DAYS[choose_step(scale.days_per_pixel)] >= TICK_DAYS["year"] else YEAR_BAND


def _sizes(page: _Page, width: int) -> tuple[int, int, int]:
    """Height of the timeline body, of the source list, and of the whole page."""
    body = render.full_height(page.data, page.view)
    columns = 2 if width >= 1200 else 1
    sources = 30 + 16 * -(-len(_source_lines(page)) // columns)
    return body, sources, HEADER + _band(page.scale) + body + sources


def paint_report(p: QPainter, page: _Page, width: int, title: str) -> None:
    body, _, height = _sizes(page, width)
    p.fillRect(QRectF(0, 0, width, height), QColor("#ffffff"))
    _header(p, page, width, title)
    band = _band(page.scale)
    if band:
        _year_band(p, page.scale, HEADER)
    p.save()
    p.translate(0, HEADER + band)
    render.paint(p, width, body, page.data, page.scale, page.view)
    p.restore()
    p.fillRect(QRectF(0, HEADER + band + body, width, height), QColor("#ffffff"))  # the painter's lines run on
    _sources(p, page, width, HEADER + band + body + 10)


def _day_text(t: float) -> str:
    y, m, d = cal.civil(t)
    return f"{d} {MONTH_NAMES[m - 1]} {cal.year_text(y) if y > 0 else f'{1 - y} BCE'}"


def _header(p: QPainter, page: _Page, width: int, title: str) -> None:
    p.setPen(QColor("#111111"))
    p.setFont(QFont("Sans", 15, QFont.Weight.Bold))
    p.drawText(QRectF(12, 8, width - 24, 28), Qt.AlignmentFlag.AlignLeft, title)
    p.setFont(QFont("Sans", 9))
    p.setPen(QColor("#444444"))
    before, after = page.left_out
    missing = []
    if before:
        missing.append(f"{before} earlier (from {cal.civil(page.earliest or 0)[0]})")
    if after:
        missing.append(f"{after} later")
    line = (f"{_day_text(page.scale.v0)} – {_day_text(page.scale.v1 - 1)} · {len(page.data)} events from "
            f"{len(page.data.lanes)} sources" + (f" · not shown: {', '.join(missing)} events" if missing else ""))
    p.drawText(QRectF(12, 38, width - 24, 18), Qt.AlignmentFlag.AlignLeft, line)
    _legend(p, 12, 66)


def _legend(p: QPainter, x: float, y: float) -> None:
    """The marks as the timeline draws them, each with its meaning."""
    blue, red = render.PALETTE[0], render.DISPUTED
    p.setFont(QFont("Sans", 8))
    metrics = QFontMetrics(p.font())
    for kind, text in (("point", "exact date"), ("bar", "vague date (month, year, range)"),
                       ("open", "open interval (since…, before…)"),
                       ("confidence", "confidence: sure, likely, a guess (paler = less sure)"),
                       ("conflict", "sources disagree"),
                       ("badge", "several events in one place (the number)")):
        p.save()
        if kind == "point":
            p.setPen(QPen(blue.darker(130), 1))
            p.setBrush(blue)
            p.drawPolygon([QPointF(x + 6, y - 5), QPointF(x + 11, y), QPointF(x + 6, y + 5), QPointF(x + 1, y)])
        elif kind == "confidence":  # the canvas's own opacity for a sure, a likely and a guessed date
            for n, sureness in enumerate((1.0, 0.6, 0.25)):
                shade = QColor(blue)
                shade.setAlpha(int(70 + 185 * sureness))
                p.setPen(QPen(shade.darker(130), 1))
                p.setBrush(shade)
                cx = x + 6 + 13 * n
                p.drawPolygon([QPointF(cx, y - 5), QPointF(cx + 5, y), QPointF(cx, y + 5), QPointF(cx - 5, y)])
            x += 26
        elif kind in ("bar", "open"):
            fill = QColor(blue)
            fill.setAlpha(70)
            if kind == "open":
                gradient = QLinearGradient(x, 0, x + 26, 0)
                faded = QColor(blue)
                faded.setAlpha(0)
                gradient.setColorAt(0, fill)
                gradient.setColorAt(1, faded)
                p.setBrush(gradient)
            else:
                p.setBrush(fill)
            p.setPen(QPen(blue, 1))
            p.drawRoundedRect(QRectF(x, y - 3, 26, 6), 2, 2)
        elif kind == "conflict":
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(red, 2, Qt.PenStyle.DashLine))
            p.drawRoundedRect(QRectF(x, y - 6, 22, 12), 3, 3)
        else:
            p.setPen(QPen(QColor("#555a66"), 1))
            p.setBrush(QColor("#dfe3ec"))
            p.drawRoundedRect(QRectF(x, y - 7, 24, 14), 6, 6)
            p.setPen(QColor("#222222"))
            p.drawText(QRectF(x, y - 7, 24, 14), Qt.AlignmentFlag.AlignCenter, "5")
        p.restore()
        p.setPen(QColor("#333333"))
        p.drawText(QPointF(x + 32, y + 4), text)
        x += 32 + metrics.horizontalAdvance(text) + 22


def _year_band(p: QPainter, scale: TimeScale, top: float) -> None:
    """The years, always: the first at the left edge, then each new year where it begins."""
    p.fillRect(QRectF(0, top, scale.x1, YEAR_BAND), QColor("#e4e8ef"))
    p.setFont(QFont("Sans", 8, QFont.Weight.Bold))
    p.setPen(QColor("#333333"))
    first, last = cal.civil(scale.v0)[0], cal.civil(scale.v1)[0]
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if (last - first) / s <= 12), 1000)
    placed = scale.x0 - 100
    for year in [first] + list(range(first - first % step + step, last + 1, step)):
        x = max(scale.x0 + 2, scale.to_x(cal.day_number(year)) + 3)
        if x < placed + 40 or x > scale.x1 - 34:
            continue
        p.drawText(QPointF(x, top + 13), cal.year_text(year) if year > 0 else f"{1 - year} BCE")
        placed = x


def _sources(p: QPainter, page: _Page, width: int, top: float) -> None:
    p.setPen(QColor("#111111"))
    p.setFont(QFont("Sans", 9, QFont.Weight.Bold))
    p.drawText(QPointF(12, top + 12), "Sources")
    p.setFont(QFont("Sans", 8))
    metrics = QFontMetrics(p.font())
    lines = _source_lines(page)
    columns = 2 if width >= 1200 else 1
    per_column = -(-len(lines) // columns)
    column_width = (width - 24) / columns
    p.setPen(QColor("#333333"))
    for n, text in enumerate(lines):
        x = 12 + (n // max(1, per_column)) * column_width
        y = top + 30 + (n % max(1, per_column)) * 16
        p.drawText(QPointF(x, y), metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(column_width - 12)))


def write_report(path: str, data: TimelineData, options: ReportOptions, view: tuple[float, float] | None = None,
                 single_lane: bool = False) -> tuple[int, int]:
    """Write the report as PNG, SVG or PDF (by the file's suffix); its size in 1x pixels.
    ``view``: the current view's range (else the whole project, fitted to the events)."""
    kind = Path(path).suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValueError(f"unknown report format {kind!r}: use .png, .svg or .pdf")
    width = options.width
    page = _page(data, options, width, view, single_lane)
    height = _sizes(page, width)[2]
    device = _device(kind, path, width, height, options)
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    paint_report(painter, page, width, options.title)
    painter.end()
    if isinstance(device, QImage) and not device.save(path):
        raise OSError(f"could not write {path}")
    return width, height


def _device(kind: str, path: str, width: int, height: int, options: ReportOptions):  # type: ignore[no-untyped-def]
    if kind == "png":
        image = QImage(int(width * options.device_scale), int(height * options.device_scale),
                       QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(options.device_scale)
        image.fill(QColor("#ffffff"))
        return image
    if kind == "svg":
        svg = QSvgGenerator()
        svg.setFileName(path)
        svg.setSize(QSize(width, height))
        svg.setViewBox(QRectF(0, 0, width, height))
        svg.setResolution(DPI)
        svg.setTitle(options.title)
        return svg
    pdf = QPdfWriter(path)
    pdf.setResolution(DPI)
    pdf.setTitle(options.title)
    pdf.setPageLayout(QPageLayout(QPageSize(QSizeF(width * 72 / DPI, height * 72 / DPI), QPageSize.Unit.Point),
                                  QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    return pdf


def export_report_command(out: str, db: str, options: ReportOptions, date_from: str | None = None,
                          date_to: str | None = None) -> int:
    """`main.py export --png/--svg/--pdf`: the report page, no window."""
    import os

    from PySide6.QtGui import QGuiApplication

    from timeline.store.queries import load_timeline
    from timeline.store.session import open_project

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (fonts need an application)
    store = open_project(db)
    try:
        data = load_timeline(store)
        view = None
        if date_from or date_to:
            whole = focus(data.t0, data.t1, whole=True)
            view = (cal.parse_iso(date_from) if date_from else float(whole.t0),
                    cal.parse_iso(date_to) + 1 if date_to else float(whole.t1))
        width, height = write_report(out, data, options, view)
    except (OSError, ValueError) as error:
        print(f"could not write {out}: {error}")
        return 1
    finally:
        store.close()
    print(f"{len(data)} events, report written to {out} ({width}x{height} at 1x)")
    return 0
