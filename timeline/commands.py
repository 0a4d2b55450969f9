"""The command-line actions behind main.py: import and export, printing for a terminal."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TextIO

from platformdirs import user_data_dir

# The store (SQLAlchemy) and the exporters load where they are used: main.py builds its parser
# from this module, and the window's first paint should not wait for them.
if TYPE_CHECKING:  # the importer loads every reader
    from sqlalchemy.orm import Session

    from .importer import ImportReport
    from .store.session import Store


def default_database() -> Path:
    return Path(user_data_dir("TimelineBuilder", appauthor=False)) / "project.sqlite"


def _open(db: str) -> Store:
    from .store.session import open_project

    return open_project(db)


def run_import(paths: list[str], db: str, imported_at: datetime, out: TextIO = sys.stdout,
               err: TextIO = sys.stderr, max_bytes: int | None = None) -> int:
    from .importer import MAX_FILE_BYTES
    from .review import import_and_review

    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    store = _open(db)
    try:
        report, review = import_and_review(store, paths, imported_at, _progress_bar(err), max_bytes=max_bytes)
    finally:
        store.close()
    _print_report(report, out)
    print(f"{review.happenings} events reported by several sources, {review.open_conflicts} open conflicts"
          + (" (python main.py conflicts)" if review.open_conflicts else ""), file=out)
    if not report.results:
        print("no files found in: " + ", ".join(paths), file=err)
        return 2
    # 1: some files were not imported; 3: all stored, but some paragraphs met a bug (see the warnings)
    return 1 if report.failed else 3 if report.with_errors else 0


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


def run_export(targets: dict[str, str], db: str, title: str = "Timeline", out: TextIO = sys.stdout) -> int:
    """`main.py export --timelinejs/--html/--jsonl OUT`: every event, in each format asked for."""
    from .export.formats import WRITERS
    from .export.records import export_events

    records = _read(db, export_events)
    for kind, target in targets.items():
        with nullcontext(out) if target == "-" else open(target, "w", encoding="utf-8", newline="") as handle:
            WRITERS[kind](handle, records, title)
        if target != "-":
            print(f"{len(records)} events written to {target} ({kind})", file=out)
    return 0


def run_merge(paths: list[str], db: str, imported_at: datetime, out: TextIO = sys.stdout) -> int:
    """`main.py merge FILE...`: a colleague's exported timeline (our CSV or JSON Lines) joins the project."""
    from .export.merge import NotAnExport, merge_export, read_export
    from .review import rebuild

    store, failed = _open(db), 0
    try:
        for path in paths:
            try:
                rows = read_export(Path(path).read_bytes(), path)
            except (OSError, UnicodeDecodeError, ValueError, NotAnExport) as error:
                print(f"{path}: not merged: {error}", file=out)
                failed += 1
                continue
            with store.session() as session, session.begin():
                result = merge_export(session, rows, path, imported_at)
                rebuild(session)
            print(f"{path}: {result.documents} sources and {result.events} events merged"
                  + (f", {result.already} sources already merged before" if result.already else ""), file=out)
            for reason in result.refused:
                print(f"{path}: {reason}", file=out)
    finally:
        store.close()
    return 1 if failed else 0


def run_conflicts(db: str, target: str | None, out: TextIO = sys.stdout) -> int:
    """`main.py conflicts`: the open conflicts, as a list or as CSV."""
    from .export.csv import CONFLICT_COLUMNS, conflict_rows

    rows = _read(db, conflict_rows)
    if target:
        _write_table(target, rows, CONFLICT_COLUMNS, out)
        return 0
    for conflict_id, kind, _status, sources, claims, gap, suggestion, _reason in rows:
        print(f"#{conflict_id} {kind} ({sources}), {gap} days apart\n  says: {claims}\n  suggestion: {suggestion}",
              file=out)
    print(f"{len(rows)} open conflicts", file=out)
    return 0


def _read(db: str, query: Callable[[Session], list[list[str]]]) -> list[list[str]]:
    from .review.freshness import ensure_review

    store = _open(db)
    try:
        ensure_review(store)  # a rebuild killed half-way is redone before anything is read
        with store.session() as session:
            return query(session)
    finally:
        store.close()


def _write_table(target: str, rows: list[list[str]], columns: list[str], out: TextIO) -> None:
    """CSV to a file, or to ``out`` for "-"."""
    from .export.csv import write_csv

    with nullcontext(out) if target == "-" else open(target, "w", encoding="utf-8", newline="") as handle:
        write_csv(handle, rows, columns)
