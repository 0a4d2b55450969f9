"""Open a project: one SQLite file (WAL, busy timeout) or a PostgreSQL URL."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import sessionmaker

from . import migrations


class Store:
    """A project database. ``session()`` gives a new ORM session (one per thread)."""

    def __init__(self, engine: Engine, location: str, backup: str | None = None) -> None:
        self.engine = engine
        self.location = location
        self.backup = backup  # where an older project was copied before its upgrade
        self.session = sessionmaker(engine, expire_on_commit=False)

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


class ProjectError(Exception):
    """A project that cannot be opened, with the reason, for the analyst."""


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


def open_store(location: str | Path) -> Store:
    url = database_url(location)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return Store(engine, str(location), migrations.prepare(engine, str(location)))


def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the importer; a crash loses no whole file
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def schema_version(store: Store) -> int:
    return migrations.stored_version(store.engine)
