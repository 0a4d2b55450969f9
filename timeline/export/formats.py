"""Every data export by name: a writer taking (file, records, title)."""
from __future__ import annotations

from typing import Callable, TextIO

from .csv import record_row, write_csv
from .html import write_html
from .records import ExportEvent
from .timelinejs import write_timelinejs
from .timesketch import write_jsonl

Writer = Callable[[TextIO, list[ExportEvent], str], None]
WRITERS: dict[str, Writer] = {
    "csv": lambda out, records, _title: write_csv(out, [record_row(r) for r in records]),
    "timelinejs": write_timelinejs,
    "html": write_html,
    "jsonl": lambda out, records, _title: write_jsonl(out, records),
}
