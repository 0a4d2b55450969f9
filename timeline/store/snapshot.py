"""A snapshot of a large project's timeline arrays on disk, so that opening it paints at once.

Reading 300,000 events row by row through the driver takes seconds; one SQL pass that sums the
loaded columns, each weighted by the event id, takes milliseconds in the database and changes
whenever an event is added, removed, redated, re-flagged or moved to another document. The
snapshot is used only when that fingerprint is the one it was written with.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

MIN_EVENTS = 50_000  # below this, reading the rows is quick and a snapshot only costs disk writes

FINGERPRINT_SQL = (
    "SELECT count(*), COALESCE(max(id), 0), COALESCE(sum(t0 * (id % 997 + 1)), 0),"
    " COALESCE(sum(t1 * (id % 991 + 1)), 0), COALESCE(sum(document_id * (id % 983 + 1)), 0),"
    " COALESCE(sum(CASE WHEN granularity IN {exact} THEN id % 977 + 1 ELSE 0 END), 0),"
    " COALESCE(sum(CASE WHEN open_start THEN id % 971 + 1 ELSE 0 END), 0),"
    " COALESCE(sum(CASE WHEN open_end THEN id % 967 + 1 ELSE 0 END), 0),"
    " COALESCE(sum(CASE WHEN disputed THEN id % 953 + 1 ELSE 0 END), 0),"
    " COALESCE(sum(confidence * (id % 947 + 1)), 0),"
    " COALESCE(sum(COALESCE(happening_id, 0) * (id % 941 + 1)), 0) FROM events")


def _path(cache_dir: Path, location: str) -> Path:
    return cache_dir / f"timeline-{hashlib.sha1(location.encode()).hexdigest()[:16]}.npz"


def exists(cache_dir: Path, location: str) -> bool:
    return _path(cache_dir, location).is_file()


def read(cache_dir: Path, location: str, fingerprint: str) -> np.ndarray | None:
    """The stored table, if it was written for this fingerprint."""
    path = _path(cache_dir, location)
    try:
        with np.load(path, allow_pickle=False) as stored:
            if str(stored["fingerprint"]) != fingerprint:
                return None
            return np.array(stored["table"])
    except (OSError, KeyError, ValueError):
        return None


def read_unchecked(cache_dir: Path, location: str) -> tuple[np.ndarray, str] | None:
    """The stored table and the fingerprint it was written with, without asking the database
    (a first paint from it is checked right after, and redone if the events changed)."""
    try:
        with np.load(_path(cache_dir, location), allow_pickle=False) as stored:
            return np.array(stored["table"]), str(stored["fingerprint"])
    except (OSError, KeyError, ValueError):
        return None


def write(cache_dir: Path, location: str, fingerprint: str, table: np.ndarray) -> None:
    """Store the table (atomically: a half-written snapshot is never read) when it is large."""
    if len(table) < MIN_EVENTS:
        return
    path = _path(cache_dir, location)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part.npz")
        np.savez(partial, table=table, fingerprint=np.array(fingerprint))
        os.replace(partial, path)
    except OSError:
        pass  # a read-only or full disk: the project still opens, only slower next time
