"""Events as CSV, with spreadsheet formula injection neutralised (OWASP: a leading apostrophe)."""
from __future__ import annotations

import csv
import json
import re
from typing import Iterable, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..store import models

COLUMNS = ["event_id", "start", "end", "granularity", "value", "modifier", "expression", "title", "text",
           "source", "paragraph", "dateline", "dateline_inferred", "confidence", "reason",
           "sources", "other_sources", "conflict"]
CONFLICT_COLUMNS = ["conflict_id", "kind", "status", "sources", "claims", "gap_days", "suggestion", "reason"]
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
    merged = _merged(session)
    return [_row(event, merged) for event in session.scalars(query)]


def _merged(session: Session) -> dict[int, tuple[models.Happening, list[tuple[int, str]]]]:
    """Each happening with its members' (event id, file name)."""
    happenings = {h.id: (h, []) for h in session.scalars(select(models.Happening))}
    rows = session.execute(select(models.Event.happening_id, models.Event.id, models.Document.filename)
                           .join(models.Document, models.Document.id == models.Event.document_id)
                           .where(models.Event.happening_id.is_not(None)))
    for happening_id, event_id, filename in rows:
        if happening_id in happenings:
            happenings[happening_id][1].append((event_id, filename))
    return happenings


def _row(e: models.Event, merged: dict[int, tuple[models.Happening, list[tuple[int, str]]]]) -> list[str]:
    m, d = e.mention, e.document
    happening, members = merged.get(e.happening_id or -1, (None, []))
    others = sorted({name for event_id, name in members if event_id != e.id and name != d.filename})
    values = [e.id, m.start_iso, m.end_iso, e.granularity, m.value, m.mod or "", m.text, e.title, e.sentence,
              d.filename, e.paragraph_index + 1, d.dateline_iso, "yes" if d.dateline_inferred else "no",
              f"{m.confidence:.2f}", m.reason, happening.sources if happening else 1, "; ".join(others),
              happening.conflict if happening else "none"]
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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
