"""Events as CSV, with spreadsheet formula injection neutralised (OWASP: a leading apostrophe)."""
from __future__ import annotations

import csv
import re
from typing import Iterable, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..store import models

COLUMNS = ["event_id", "start", "end", "granularity", "value", "modifier", "expression", "title", "text",
           "source", "paragraph", "dateline", "dateline_inferred", "confidence", "reason"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_VALUE = re.compile(r"^[-+]?\d[\d.,]*$|^-?\d{4}-\d\d(-\d\d(T[\d:]+Z?)?)?(/.*)?$")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_VALUE.match(text):
        return "'" + text
    return text


def event_rows(session: Session, event_ids: Iterable[int] | None = None) -> list[list[str]]:
    query = (select(models.Event).options(joinedload(models.Event.mention), joinedload(models.Event.document))
             .order_by(models.Event.t0, models.Event.id))
    if event_ids is not None:
        query = query.where(models.Event.id.in_(list(event_ids)))
    return [_row(event) for event in session.scalars(query)]


def _row(e: models.Event) -> list[str]:
    m, d = e.mention, e.document
    values = [e.id, m.start_iso, m.end_iso, e.granularity, m.value, m.mod or "", m.text, e.title, e.sentence,
              d.filename, e.paragraph_index + 1, d.dateline_iso, "yes" if d.dateline_inferred else "no",
              f"{m.confidence:.2f}", m.reason]
    return [safe_cell(v) for v in values]


def write_csv(out: TextIO, rows: list[list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
