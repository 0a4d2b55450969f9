"""Killing an import midway leaves a project that opens, passes integrity_check and holds only
whole documents; two writers on one project do not corrupt it."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

from conftest import ROOT, SAMPLES

from timeline.importer import import_paths
from timeline.store.session import open_store

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)


def _articles(folder, copies: int) -> int:
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for n in range(copies):
        for sample in samples:
            text = sample.read_text(encoding="utf-8")
            (folder / f"{n:03d}_{sample.name}").write_text(text + f"\n\nReference {n}.\n", encoding="utf-8")
    return copies * len(samples)


def _counts(db_path) -> tuple[int, int, int]:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions),"
                          " (SELECT count(*) FROM events)").fetchone()


def _stored(db_path) -> int:
    """Documents stored so far; 0 while the importer is still creating the project."""
    try:
        return _counts(db_path)[0] if db_path.exists() else 0
    except sqlite3.OperationalError:
        return 0


def _check_whole(db_path) -> None:
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        # every document has its paragraphs and mentions; nothing belongs to a missing document
        assert db.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                          "(SELECT 1 FROM paragraphs p WHERE p.document_id = d.id)").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                          "(SELECT 1 FROM mentions m WHERE m.document_id = d.id)").fetchone()[0] == 0
        for table in ("paragraphs", "mentions", "events"):
            orphans = db.execute(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                                 "(SELECT 1 FROM documents d WHERE d.id = t.document_id)").fetchone()[0]
            assert orphans == 0, table


def test_killing_an_import_leaves_only_whole_documents(tmp_path):
    total = _articles(tmp_path / "in", 80)
    db_path = tmp_path / "project.sqlite"
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "import", str(tmp_path / "in"), "--db",
                              str(db_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if _stored(db_path) >= 20:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    stored = _counts(db_path)[0]
    assert 20 <= stored < total  # killed midway
    _check_whole(db_path)
    store = open_store(db_path)  # opens, and the same batch again brings in exactly the rest
    report = import_paths(store, [tmp_path / "in"], NOW)
    store.close()
    assert report.count("duplicate") == stored and report.count("imported") == total - stored
    _check_whole(db_path)


def test_two_writers_on_one_project(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    _articles(first, 6)
    samples = sorted(SAMPLES.glob("*.txt"))
    second.mkdir()
    for n in range(6):
        for sample in samples:
            (second / f"{n}_{sample.name}").write_text(sample.read_text(encoding="utf-8") + f"\nOther {n}.\n")
    db_path = tmp_path / "shared.sqlite"
    open_store(db_path).close()
    reports = {}

    def run(name, folder):
        store = open_store(db_path)  # as a second window would: its own engine and connections
        reports[name] = import_paths(store, [folder], NOW)
        store.close()

    threads = [threading.Thread(target=run, args=(n, f)) for n, f in (("a", first), ("b", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reports["a"].count("imported") == 30 and reports["b"].count("imported") == 30
    assert _counts(db_path)[0] == 60
    _check_whole(db_path)
