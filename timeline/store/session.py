"""Open a project: one SQLite file (WAL, busy timeout) or a PostgreSQL URL."""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import sessionmaker

from . import migrations
from .project_file import ProjectError


class Store:
    """A project database. ``session()`` gives a new ORM session (one per thread)."""

    def __init__(self, engine: Engine, location: str, backup: str | None = None, read_only: bool = False) -> None:
        self.engine = engine
        self.location = location
        self.backup = backup  # where an older project was copied before its upgrade
        self.read_only = read_only  # a file we may not write: browsed and exported as it is
        self.session = sessionmaker(engine, expire_on_commit=False)

    def raw_connection(self):  # type: ignore[no-untyped-def]
        """The driver's own connection (arrays.py reads the timeline through it)."""
        return self.engine.raw_connection()

    def close(self) -> None:
        self.engine.dispose()


def database_url(location: str | Path) -> str:
    """A file path becomes a SQLite URL; ``postgresql://user@host/db`` uses psycopg 3 (the driver
    we ship) rather than SQLAlchemy's default psycopg2."""
    text = str(location)
    for plain in ("postgresql://", "postgres://"):
        if text.startswith(plain):
            return "postgresql+psycopg://" + text.removeprefix(plain)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser().resolve()}"


def storage_problem(error: DatabaseError) -> str:
    """What a database error means for the analyst (disk full, damaged file), in plain words."""
    detail = str(getattr(error, "orig", error)).strip()
    lowered = detail.lower()
    if "full" in lowered or "no space" in lowered:
        return f"the disk is full, or the project reached its size limit ({detail}): nothing more was stored"
    if "malformed" in lowered or "corrupt" in lowered:  # ("file is not a database": not ours at all)
        return (f"the project file is damaged ({detail}): restore it from a backup, or recover it with "
                "`sqlite3 project.sqlite .recover`")
    if "readonly" in lowered or "read-only" in lowered:
        return f"the project is read-only ({detail})"
    return f"the project could not be read or written ({detail})"


def open_project(location: str | Path) -> Store:
    """``open_store`` with a plain message instead of a traceback when the file is not a project."""
    try:
        return open_store(location)
    except migrations.ProjectTooNew as error:
        raise ProjectError(str(error)) from None
    except (DatabaseError, OperationalError) as error:
        problem = storage_problem(error)
        if problem.startswith("the project could not"):  # nothing more specific: most likely not ours
            problem = f"not a Timeline Builder project or cannot be opened ({getattr(error, 'orig', error)})"
        raise ProjectError(f"{location}: {problem}") from None


def open_store(location: str | Path, read_only: bool | None = None) -> Store:
    """Open (or create) a project. A SQLite file of another application is refused before
    anything is written to it; a file we may not write (``read_only`` None: found out) is opened
    read-only, without upgrade or WAL switch."""
    url = database_url(location)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        _refuse_foreign(path, str(location))
        if read_only is None:
            read_only = path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        if read_only:
            return _open_read_only(path, str(location))
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return Store(engine, str(location), migrations.prepare(engine, str(location)))


def _refuse_foreign(path: Path, location: str) -> None:
    """A database with tables but not ours (no meta table): refused, read only to look."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)) as db:
            tables = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    except sqlite3.Error:
        return  # not a database at all, or locked: opening says why
    if tables and "meta" not in tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise ProjectError(f"{location}: an SQLite database of another application (tables {shown}): "
                           "not a Timeline Builder project; not opened, nothing written")


def _open_read_only(path: Path, location: str) -> Store:
    """immutable: no lock, no -wal/-shm files (the folder may be read-only too)."""
    uri = f"file:{quote(str(path))}?mode=ro&immutable=1"
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    version = migrations.stored_version(engine)
    if version != migrations.SCHEMA_VERSION:
        raise ProjectError(f"{location}: a read-only project of schema {version} (this version needs "
                           f"{migrations.SCHEMA_VERSION}): it cannot be upgraded; copy it somewhere writable")
    return Store(engine, location, None, read_only=True)


def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the importer; a crash loses no whole file
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def schema_version(store: Store) -> int:
    return migrations.stored_version(store.engine)
