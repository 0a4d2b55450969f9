"""Events as CSV, with spreadsheet formula injection neutralised (OWASP: a leading apostrophe).

A cell is read as a formula by some spreadsheet if, once leading blanks and control characters
are trimmed and full-width forms folded (NFKC: "＝" is "="), it starts with = + - or @. Such a
cell gets the apostrophe, unless the whole cell is a plain number or date ("-12.5", "-0044-03-15").
CR and LF inside a cell are quoted (the CRLF line end makes the writer quote both)."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from typing import Iterable, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store import models
from .records import ExportEvent, export_events

COLUMNS = ["event_id", "start", "end", "granularity", "value", "modifier", "expression", "title", "text",
           "source", "language", "paragraph", "dateline", "dateline_inferred", "confidence", "reason",
           "sources", "agreeing_sources", "other_sources", "conflict", "description", "tags", "starred"]
CONFLICT_COLUMNS = ["conflict_id", "kind", "status", "sources", "claims", "gap_days", "suggestion", "reason"]
_FORMULA_START = ("=", "+", "-", "@")
_ISO = r"-?\d{4,}-\d\d(?:-\d\d(?:T\d\d(?::\d\d){0,2}Z?)?)?"
_PLAIN_VALUE = re.compile(rf"[-+]?\d[\d.,]*|{_ISO}(?:/{_ISO})?")  # the whole cell, nothing after it


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(("\t", "\r")) or _formula_like(text) and not _PLAIN_VALUE.fullmatch(text):  # OWASP list
        return "'" + text
    return text


def _formula_like(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text)
    start = next((c for c in folded if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))), "")
    return start in _FORMULA_START


def event_rows(session: Session, event_ids: Iterable[int] | None = None) -> list[list[str]]:
    return [record_row(r) for r in export_events(session, event_ids)]


def record_row(r: ExportEvent) -> list[str]:
    values = [r.event_id, r.start, r.end, r.granularity, r.value, r.modifier, r.expression, r.title, r.text,
              r.source, r.language, r.paragraph, r.dateline, "yes" if r.dateline_inferred else "no",
              f"{r.confidence:.2f}", r.reason, r.sources, r.agreeing_sources, "; ".join(r.other_sources), r.conflict,
              r.description, "; ".join(r.tags), "yes" if r.starred else ""]
    return [safe_cell(v) for v in values]


def conflict_rows(session: Session, everything: bool = False) -> list[list[str]]:
    """Open conflicts (or all): who says what, the gap, and the suggestion."""
    query = select(models.Conflict).order_by(models.Conflict.cause_id.is_not(None), models.Conflict.id)
    if not everything:
        query = query.where(models.Conflict.status == "open")
    rows = []
    for c in session.scalars(query):
        claims = json.loads(c.claims)
        sources = "; ".join(sorted({claim["filename"] for claim in claims}))
        said = "; ".join(f"{claim['filename']}: {claim.get('expression', 'dateline')} = {claim['date']}"
                         for claim in claims)
        rows.append([safe_cell(v) for v in (c.id, c.kind, c.status, sources, said, f"{c.gap_days:g}",
                                            c.suggestion, c.reason)])
    return rows


def write_csv(out: TextIO, rows: list[list[str]], columns: list[str] = COLUMNS) -> None:
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; and a CR inside a cell gets quoted
    writer.writerow(columns)
    writer.writerows(rows)
