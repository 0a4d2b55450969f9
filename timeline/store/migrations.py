"""Schema versions. A project records its version in ``meta``; opening an older one copies
the file aside first (SQLite) and then runs each upgrade step in its own transaction.

A step is plain SQL that both SQLite and PostgreSQL accept. New tables need no step:
``create_all`` adds them after the steps have run.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.schema import CreateIndex

from .models import SCHEMA_VERSION, Base, Conflict, ReviewEvent


class ProjectTooNew(Exception):
    """The project was written by a later version of the app; opening it could damage it."""


def _v2_event_shape(connection: Connection) -> None:
    """Events carry their mention's open ends and confidence, so the timeline loads from one table."""
    for column, kind in (("open_start", "BOOLEAN NOT NULL DEFAULT false"),
                         ("open_end", "BOOLEAN NOT NULL DEFAULT false"),
                         ("confidence", "FLOAT NOT NULL DEFAULT 0.5")):
        connection.execute(text(f"ALTER TABLE events ADD COLUMN {column} {kind}"))
    connection.execute(text("UPDATE events SET open_start = m.open_start, open_end = m.open_end, "
                            "confidence = m.confidence FROM mentions m WHERE m.id = events.mention_id"))


def _v3_paragraph_pages(connection: Connection) -> None:
    """Paragraphs of PDFs know their page."""
    connection.execute(text("ALTER TABLE paragraphs ADD COLUMN page INTEGER"))


def _v4_happenings(connection: Connection) -> None:
    """Events from several sources merge into happenings (the new tables come from create_all)."""
    connection.execute(text("ALTER TABLE events ADD COLUMN happening_id INTEGER"))
    connection.execute(text("ALTER TABLE events ADD COLUMN disputed BOOLEAN NOT NULL DEFAULT false"))
    connection.execute(text("CREATE INDEX ix_events_happening_id ON events (happening_id)"))


def _v5_document_language(connection: Connection) -> None:
    """Documents know their language: detected now from the stored text's head (a few ms each);
    their dates are not re-read until something re-resolves them."""
    from ..language import detect_language

    connection.execute(text("ALTER TABLE documents ADD COLUMN language VARCHAR(16)"))
    connection.execute(text("ALTER TABLE documents ADD COLUMN language_reason TEXT NOT NULL DEFAULT ''"))
    heads = connection.execute(text("SELECT id, substr(text, 1, 4000) FROM documents")).all()
    rows = []
    for document_id, head in heads:
        found = detect_language(head or "")
        rows.append({"id": document_id, "language": found.tag, "reason": found.describe()})
    if rows:
        connection.execute(text("UPDATE documents SET language = :language, language_reason = :reason "
                                "WHERE id = :id"), rows)


def _v6_conflict_counts(connection: Connection) -> None:
    """Conflicts keep their number of sources and least confidence in columns: the Conflicts list
    read every conflict's claims after each decision (a third of a second at 50,000 articles)."""
    if not inspect(connection).has_table("conflicts"):
        return  # made by create_all, with the columns, after the steps
    if connection.dialect.name == "sqlite":
        _v6_sqlite_claims_last(connection)
        return
    connection.execute(text("ALTER TABLE conflicts ADD COLUMN sources INTEGER NOT NULL DEFAULT 0"))
    connection.execute(text("ALTER TABLE conflicts ADD COLUMN least_confidence FLOAT NOT NULL DEFAULT 1.0"))
    claims = connection.execute(text("SELECT id, claims FROM conflicts")).all()
    rows = [{"id": i, "n": n, "c": c} for i, found in claims for n, c in [_claims_counts(found)]]
    for start in range(0, len(rows), 2000):
        connection.execute(text("UPDATE conflicts SET sources = :n, least_confidence = :c WHERE id = :id"),
                           rows[start:start + 2000])


_V6_CONFLICT_COLUMNS = ("id, \"key\", kind, status, happening_id, document_id, other_document_id, cause_id, sources, "
                        "least_confidence, gap_days, summary, suggestion, suggested_date, reason, claims")


def _v6_sqlite_claims_last(connection: Connection) -> None:
    """SQLite stores a row's columns in order, and a column after a long text is reached only by
    walking that text's overflow pages: the table is copied with the claims last (PostgreSQL
    keeps long texts apart, so there the columns are only added)."""
    raw = connection.connection.driver_connection
    raw.create_function("claims_sources", 1, lambda claims: _claims_counts(claims)[0], deterministic=True)
    raw.create_function("claims_least", 1, lambda claims: _claims_counts(claims)[1], deterministic=True)
    connection.execute(text(
        "CREATE TABLE conflicts_v6 (id INTEGER NOT NULL, \"key\" VARCHAR(200) NOT NULL, kind VARCHAR(16) NOT NULL, "
        "status VARCHAR(16) NOT NULL, happening_id INTEGER, document_id INTEGER, other_document_id INTEGER, "
        "cause_id INTEGER, sources INTEGER DEFAULT '0' NOT NULL, least_confidence FLOAT DEFAULT '1.0' NOT NULL, "
        "gap_days FLOAT NOT NULL, summary TEXT NOT NULL, suggestion TEXT NOT NULL, suggested_date VARCHAR(32), "
        "reason TEXT NOT NULL, claims TEXT NOT NULL, PRIMARY KEY (id))"))
    copied = _V6_CONFLICT_COLUMNS.replace("sources, least_confidence", "claims_sources(claims), claims_least(claims)")
    connection.execute(text(f"INSERT INTO conflicts_v6 ({_V6_CONFLICT_COLUMNS}) SELECT {copied} FROM conflicts"))
    connection.execute(text("DROP TABLE conflicts"))  # and its indexes
    connection.execute(text("ALTER TABLE conflicts_v6 RENAME TO conflicts"))
    for name, columns in (("key", "key"), ("happening_id", "happening_id"), ("document_id", "document_id"),
                          ("other_document_id", "other_document_id"), ("status_kind", "status, kind")):
        connection.execute(text(f"CREATE INDEX ix_conflicts_{name} ON conflicts ({columns})"))


@lru_cache(maxsize=1)  # SQLite asks for both figures of one row in turn
def _claims_counts(claims: str) -> tuple[int, float]:
    from ..review.conflicts import sources_and_confidence

    return sources_and_confidence(json.loads(claims))


STEPS: dict[int, Callable[[Connection], None]] = {2: _v2_event_shape, 3: _v3_paragraph_pages, 4: _v4_happenings,
                                                  5: _v5_document_language, 6: _v6_conflict_counts}


def prepare(engine: Engine, location: str) -> str | None:
    """Create a new project or upgrade an old one; returns the backup path when one was written."""
    if not inspect(engine).has_table("meta"):
        Base.metadata.create_all(engine)
        _set_version(engine, SCHEMA_VERSION)
        return None
    version = stored_version(engine)
    if version > SCHEMA_VERSION:
        raise ProjectTooNew(f"{location}: made by a newer Timeline Builder (schema {version}, "
                            f"this version reads up to {SCHEMA_VERSION})")
    backup = _backup(engine, version) if version < SCHEMA_VERSION else None
    for step in range(version + 1, SCHEMA_VERSION + 1):
        with engine.begin() as connection:
            STEPS[step](connection)
            _write_version(connection, step)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:  # indexes added to derived tables after their creation: no schema step
        for index in (*Conflict.__table__.indexes, *ReviewEvent.__table__.indexes):
            connection.execute(CreateIndex(index, if_not_exists=True))
    return backup


def stored_version(engine: Engine) -> int:
    with engine.connect() as connection:
        value = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    return int(value or 1)


def _set_version(engine: Engine, version: int) -> None:
    with engine.begin() as connection:
        _write_version(connection, version)


def _write_version(connection: Connection, version: int) -> None:
    connection.execute(text("DELETE FROM meta WHERE key = 'schema_version'"))
    connection.execute(text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)})


def _backup(engine: Engine, version: int) -> str | None:
    """A consistent copy beside the project file (SQLite's online backup, safe with WAL readers)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None  # a server database is backed up by its administrator
    source = Path(engine.url.database)
    target = source.with_name(f"{source.stem}.schema{version}.backup{source.suffix}")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return str(target)
