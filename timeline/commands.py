"""The command-line actions behind main.py: import and export, printing for a terminal."""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from platformdirs import user_data_dir

from .export.csv import event_rows, write_csv
from .importer import MAX_FILE_BYTES, ImportReport, import_paths
from .store.session import open_store


def default_database() -> Path:
    return Path(user_data_dir("TimelineBuilder", appauthor=False)) / "project.sqlite"


def run_import(paths: list[str], db: str, imported_at: datetime, out: TextIO = sys.stdout,
               err: TextIO = sys.stderr, max_bytes: int = MAX_FILE_BYTES) -> int:
    store = open_store(db)
    try:
        report = import_paths(store, paths, imported_at, progress=_progress_bar(err), max_bytes=max_bytes)
    finally:
        store.close()
    _print_report(report, out)
    if not report.results:
        print("no files found in: " + ", ".join(paths), file=err)
        return 2
    return 1 if report.failed else 0


def _progress_bar(err: TextIO):  # type: ignore[no-untyped-def]
    if not err.isatty():
        return None

    def show(done: int, total: int, name: str) -> None:
        if total < 2:
            return
        filled = int(30 * done / total)
        err.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {name[:40]:<40}")
        if done == total:
            err.write("\n")
        err.flush()

    return show


def _print_report(report: ImportReport, out: TextIO) -> None:
    for result in report.results:
        print(f"{result.name}: {result.status}: {result.message}", file=out)
    print(report.summary(), file=out)


def run_export_csv(target: str, db: str, out: TextIO = sys.stdout) -> int:
    store = open_store(db)
    try:
        with store.session() as session:
            rows = event_rows(session)
    finally:
        store.close()
    if target == "-":
        write_csv(out, rows)
    else:
        with open(target, "w", encoding="utf-8", newline="") as handle:
            write_csv(handle, rows)
        print(f"{len(rows)} events written to {target}", file=out)
    return 0
