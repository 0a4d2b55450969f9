"""A project file read with Python's own sqlite3, before the store (and SQLAlchemy) is opened.

A large project keeps a snapshot of its timeline arrays (snapshot.py). Its window paints from it
at once: the events from the snapshot, the lanes and the titles on screen from the file through
a read-only connection. The store is opened right after that first paint, and checks the snapshot.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from . import snapshot
from .arrays import TimelineData, load_timeline

SCHEMA_VERSION = 6  # each version after 1 has an upgrade step in migrations.py


class ProjectError(Exception):
    """A project that cannot be opened, with the reason, for the analyst."""


class ProjectFile:
    """A SQLite project file, read only: a ``Source`` for arrays.py."""

    def __init__(self, path: Path, location: str) -> None:
        self.path = path
        self.location = location

    def raw_connection(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{quote(str(self.path))}?mode=ro", uri=True)

    def schema_version(self) -> int | None:
        """The schema version the file records (None: no meta table, not a project)."""
        connection = self.raw_connection()
        try:
            row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.Error:
            return None
        finally:
            connection.close()
        return int(row[0]) if row else 1


def snapshot_timeline(location: str, cache_dir: Path) -> TimelineData | None:
    """The timeline of a large SQLite project as its snapshot has it (``unchecked``), read without
    opening the store; None when the store must be opened first: a server database, no snapshot,
    a file to upgrade (or of a later version), or one that cannot be read this way."""
    if "://" in location:
        return None
    path = Path(location).expanduser().resolve()
    if not path.is_file() or not snapshot.exists(cache_dir, location):
        return None
    project = ProjectFile(path, location)
    try:
        if project.schema_version() != SCHEMA_VERSION:
            return None
        return load_timeline(project, cache_dir, check=False)
    except (sqlite3.Error, ValueError):
        return None
