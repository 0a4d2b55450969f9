"""JSON Lines in the shape Timesketch imports (`message`, `datetime`, `timestamp_desc`,
`timestamp` in microseconds), with every field of our own export beside them, so that the same
file also merges back into a project (export/merge.py)."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import TextIO

from .. import calendar as cal
from .records import ExportEvent

MICROSECONDS_PER_DAY = 86_400_000_000


def iso8601(t: float) -> str:
    """An ISO 8601 UTC timestamp; years outside 1-9999 get the extended signed form."""
    year, month, day = cal.civil(t)
    minutes = round((t % 1) * 1440)
    year_text = f"{year:04d}" if 0 < year < 10000 else f"{year:+05d}"
    return f"{year_text}-{month:02d}-{day:02d}T{minutes // 60:02d}:{minutes % 60:02d}:00+00:00"


def line(r: ExportEvent) -> dict[str, object]:
    open_note = " (open interval)" if r.open_start or r.open_end else ""
    record = {"message": f"{r.title} [{r.expression}]",
              "datetime": iso8601(r.t0),
              "timestamp": round(r.t0 * MICROSECONDS_PER_DAY),
              "timestamp_desc": f"Reported date ({r.granularity}{open_note}, start of {r.start} – {r.end})"}
    record.update(asdict(r))
    record["other_sources"] = list(r.other_sources)
    return record


def write_jsonl(out: TextIO, records: list[ExportEvent]) -> None:
    for r in records:
        out.write(json.dumps(line(r), ensure_ascii=False) + "\n")
