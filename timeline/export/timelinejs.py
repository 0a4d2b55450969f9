"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html): one slide per event,
its start and end given only down to the precision the text supports, grouped by source."""
from __future__ import annotations

import json
from html import escape
from typing import TextIO

from .. import calendar as cal
from .records import ExportEvent


def precision(t0: float, t1: float) -> str:
    """The coarsest unit both ends fall on: a year, a month, a day or a minute. "2022" is a year,
    "mid-January" (11-20 January) is days, "10:30" is a minute: no day is invented for a year."""
    if t0 % 1 or t1 % 1:
        return "minute"
    (y0, m0, d0), (y1, m1, d1) = cal.civil(t0), cal.civil(t1)
    if d0 == 1 and d1 == 1 and m0 == 1 and m1 == 1:
        return "year"
    if d0 == 1 and d1 == 1:
        return "month"
    return "day"


def date_object(t: float, unit: str) -> dict[str, int]:
    """A TimelineJS date with the fields of the unit and the larger ones (astronomical year)."""
    year, month, day = cal.civil(t)
    date = {"year": year}
    if unit != "year":
        date["month"] = month
    if unit in ("day", "minute"):
        date["day"] = day
    if unit == "minute":
        minutes = round((t % 1) * 1440)
        date["hour"], date["minute"] = divmod(minutes, 60)
    return date


def _last(t1: float, unit: str) -> float:
    """The inclusive end: the start of the last year, month or day inside [t0, t1)."""
    if unit == "minute":
        return t1
    year, month, _ = cal.civil(t1 - 1)
    return {"year": cal.day_number(year), "month": cal.day_number(year, month)}.get(unit, t1 - 1)


def slide(r: ExportEvent) -> dict[str, object]:
    unit = precision(r.t0, r.t1)
    start = date_object(r.t0, unit)
    slide: dict[str, object] = {"unique_id": f"event-{r.event_id}", "start_date": start, "group": r.source_title,
                                "text": {"headline": escape(r.title), "text": _text(r)}}
    end = date_object(_last(r.t1, unit), unit)
    if end != start and not r.open_end:
        slide["end_date"] = end
    said = (r.start if r.start == r.end else f"{r.start} – {r.end}") if r.date_edited else r.expression
    display = said if not r.open_end and not r.open_start else f"{said} (open interval)"
    start["display_date"] = display  # type: ignore[assignment]
    return slide


def _text(r: ExportEvent) -> str:
    before = r.paragraph_text[:r.expression_offset]
    marked = r.paragraph_text[r.expression_offset:r.expression_offset + len(r.expression)]
    after = r.paragraph_text[r.expression_offset + len(r.expression):]
    paragraph = f"{escape(before)}<mark>{escape(marked)}</mark>{escape(after)}" if r.paragraph_text else escape(r.text)
    conflict = f" · <b>conflict: {r.conflict}</b>" if r.conflict != "none" else ""
    return (f"<p>{paragraph}</p><p><small>{escape(r.source)}, paragraph {r.paragraph} · dateline {escape(r.dateline)}"
            f" · {escape(r.value)} ({r.granularity}) · reported by {r.sources} source(s){conflict}</small></p>")


def timelinejs(records: list[ExportEvent], title: str) -> dict[str, object]:
    sources = sorted({r.source for r in records})
    return {"title": {"text": {"headline": escape(title),
                               "text": f"{len(records)} events from {len(sources)} sources"}},
            "events": [slide(r) for r in records]}


def write_timelinejs(out: TextIO, records: list[ExportEvent], title: str = "Timeline") -> None:
    json.dump(timelinejs(records, title), out, ensure_ascii=False, indent=1)
