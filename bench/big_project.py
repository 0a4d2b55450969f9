"""Build a large synthetic project database for the render benchmark.

Events are spread uniformly over ``years`` years in ``sources`` documents, with the mix of
granularities real articles give: mostly days, some months and years, a few open ranges.
Rows go in through the project's own schema (open_store), written with executemany.
"""
from __future__ import annotations

import random
import sqlite3
import zlib
from pathlib import Path

from timeline import calendar as cal
from timeline.store.session import open_store

FIRST_YEAR = 1976
DOCUMENT_COLUMNS = ("id", "sha256", "filename", "path", "format", "encoding", "size", "file_time", "imported_at",
                    "title", "text", "raw", "warnings", "dateline_day", "dateline_iso", "dateline_time",
                    "dateline_zone", "dateline_place", "dateline_agency", "dateline_method", "dateline_confidence",
                    "dateline_reason", "dateline_start", "dateline_end", "dateline_line", "dateline_inferred",
                    "dateline_fallback", "language", "language_reason")
KINDS = (("day", 0.72), ("month", 0.14), ("year", 0.09), ("open", 0.05))


def build(path: Path, events: int, sources: int, years: int = 50, seed: int = 7) -> None:
    if path.exists():
        path.unlink()
    open_store(path).close()  # creates the current schema
    rng = random.Random(seed)
    first = cal.day_number(FIRST_YEAR, 1, 1)
    last = cal.day_number(FIRST_YEAR + years, 1, 1)
    with sqlite3.connect(path) as db:
        columns = ",".join(DOCUMENT_COLUMNS)  # named: columns added later keep their defaults
        db.executemany(f"INSERT INTO documents ({columns}) VALUES (" + ",".join("?" * len(DOCUMENT_COLUMNS)) + ")",
                       (_document(i, rng.uniform(first, last)) for i in range(1, sources + 1)))
        mentions = (_mention(i, rng, first, last, sources) for i in range(1, events + 1))
        db.executemany("INSERT INTO mentions VALUES (" + ",".join("?" * 22) + ")", mentions)
        db.execute("INSERT INTO events (id, document_id, mention_id, t0, t1, granularity, open_start, open_end,"
                   " confidence, title, sentence, sentence_start, sentence_end, paragraph_index)"
                   " SELECT id, document_id, id, t0, t1, granularity, open_start, open_end, confidence,"
                   " 'Event ' || id || ' reported in source ' || document_id, text, 0, 10, 0 FROM mentions")


def _document(i: int, day: float) -> tuple:
    iso = cal.iso_date(int(day))
    text = f"Source {i}\n{iso} - Synthetic article {i}."
    return (i, f"{i:064x}", f"source_{i:04d}.txt", f"/bench/source_{i:04d}.txt", "text", "utf-8", len(text), None,
            "2026-01-01T00:00:00", f"Synthetic source {i}", text, zlib.compress(text.encode()), "", int(day), iso,
            None, None, None, None, "date line", 0.9, "synthetic", None, None, 1, False, False, "en", "synthetic")


def _mention(i: int, rng: random.Random, first: float, last: float, sources: int) -> tuple:
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    t0 = float(int(rng.uniform(first, last)))
    length = {"day": 1, "month": 30, "year": 365, "open": 3650}[kind]
    granularity = "day" if kind == "day" else ("month" if kind == "month" else "year")
    start, end = cal.iso_date(int(t0)), cal.iso_date(int(t0 + length - 1))
    return (i, rng.randint(1, sources), 0, 0, 8, f"expr {i}", "event", "DATE", start, start, None, granularity,
            t0, t0 + length, start, end, False, kind == "open", 0.9, "synthetic", "synthetic", None)
