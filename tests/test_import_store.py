"""Import into a fresh project per test (SQLite, and PostgreSQL when one is configured):
storage, duplicates, bad files, the timeline query, CSV, CLI."""
import csv
import io
import subprocess
import sys
import zlib
from datetime import datetime, timezone

import pytest
from conftest import ROOT, SAMPLES
from sqlalchemy import func, select, text

from timeline.export.csv import COLUMNS, event_rows, safe_cell, write_csv
from timeline.importer import import_paths
from timeline.store.models import Document, Event, Mention, Paragraph
from timeline.store.queries import load_timeline, ordered_event_ids, search_events

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)


def _count(store, model):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_samples_import_with_original_text_kept(store):
    report = import_paths(store, [SAMPLES], NOW)
    assert report.count("imported") == 5 and not report.failed
    with store.session() as session:
        for doc in session.scalars(select(Document)):
            original = (SAMPLES / doc.filename).read_bytes()
            assert zlib.decompress(doc.raw) == original
            assert doc.text == original.decode("utf-8")
            assert doc.dateline_method and doc.dateline_reason
    assert _count(store, Event) > 20
    assert _count(store, Mention) > _count(store, Event)  # durations and refs are kept, not events


def test_reimport_adds_nothing(store):
    import_paths(store, [SAMPLES], NOW)
    counts = [_count(store, m) for m in (Document, Paragraph, Mention, Event)]
    report = import_paths(store, [SAMPLES], NOW)
    assert report.count("duplicate") == 5
    assert [_count(store, m) for m in (Document, Paragraph, Mention, Event)] == counts


def test_bad_files_are_reported_and_the_batch_goes_on(store, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "good.txt").write_text("LONDON, May 3, 2021 (AP) - Parliament met on Monday.", encoding="utf-8")
    report = import_paths(store, [tmp_path / "empty.txt", tmp_path / "binary.bin", tmp_path / "good.txt",
                                  tmp_path / "missing.txt"], NOW)
    status = {r.name: (r.status, r.message) for r in report.results}
    assert status["empty.txt"] == ("failed", "empty file")
    assert status["binary.bin"][0] == "failed" and "not text" in status["binary.bin"][1]
    assert status["missing.txt"] == ("failed", "no such file")
    assert status["good.txt"][0] == "imported"
    assert _count(store, Document) == 1


def test_latin1_file_is_decoded(store, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("PARIS, 3 mars 2021 (AFP) - Le ministre a parlé à la presse. Café, été, très.".encode("latin-1"))
    import_paths(store, [path], NOW)
    with store.session() as session:
        doc = session.scalars(select(Document)).one()
    assert "parlé" in doc.text and doc.encoding.lower().replace("_", "-") not in ("utf-8", "ascii")


def test_window_query_uses_the_index(store):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the plan text is SQLite's")
    import_paths(store, [SAMPLES], NOW)
    with store.engine.connect() as conn:
        plan = " ".join(str(r) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM events WHERE t0 < 19000 AND t1 > 18000")))
    assert "ix_events" in plan


def test_timeline_search_and_order_from_the_store(store):
    import_paths(store, [SAMPLES], NOW)
    data = load_timeline(store)
    assert len(data) == _count(store, Event) and len(data.lanes) == 5
    assert list(data.t0) == sorted(data.t0) and data.exact.any() and data.open_end.any()
    sunday = [i for i in range(len(data)) if data.texts[i].expression == "Sunday"]
    assert {data.texts[i].start for i in sunday} == {"2022-01-30", "2023-06-04"}
    found = search_events(store, "sunday")
    assert set(found) == {int(data.ids[i]) for i in sunday} | set(search_events(store, "Sunday"))
    assert len(search_events(store, "100%_")) == 0  # LIKE wildcards are taken literally
    by_title = ordered_event_ids(store, "title")
    titles = [data.texts[int(i)].title for i in data.indices_of(by_title)]
    assert sorted(by_title) == sorted(data.ids)
    if store.engine.dialect.name == "sqlite":  # a server may collate by locale, not by code point
        assert titles == sorted(titles)


def test_csv_columns_and_values(store):
    import_paths(store, [SAMPLES], NOW)
    out = io.StringIO()
    with store.session() as session:
        write_csv(out, event_rows(session))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0].keys()) == COLUMNS
    sunday = [r for r in rows if r["expression"] == "Sunday" and r["source"].startswith("000_")]
    assert sunday[0]["start"] == "2022-01-30" and sunday[0]["paragraph"] == "3"
    assert sunday[0]["dateline"] == "2022-02-02" and sunday[0]["dateline_inferred"] == "no"
    jan30 = [r for r in rows if r["expression"] == "Jan.30"][0]
    assert jan30["dateline_inferred"] == "yes"


@pytest.mark.parametrize("cell,expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+cmd", "'+cmd"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-2+3", "'-2+3"), ("-12.5", "-12.5"), ("\tx", "'\tx"), ("2022-01-30", "2022-01-30"), ("plain", "plain"),
])
def test_csv_injection_is_neutralised(cell, expected):
    assert safe_cell(cell) == expected


def test_cli_import_and_export(tmp_path):
    db = tmp_path / "cli.sqlite"
    run = [sys.executable, str(ROOT / "main.py")]
    result = subprocess.run(run + ["import", str(SAMPLES), "--db", str(db)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "003_ec88efc11e5aa2b4.txt: imported: dateline 2022-02-02 (wire dateline, year inferred)" in result.stdout
    result = subprocess.run(run + ["export", "--csv", "-", "--db", str(db)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith(",".join(COLUMNS))
    bad = subprocess.run(run + ["import", str(tmp_path / "nope.txt"), "--db", str(db)], capture_output=True, text=True)
    assert bad.returncode == 1 and "nope.txt: failed: no such file" in bad.stdout


def test_a_large_batch_analysed_in_worker_processes_stores_the_same(tmp_path):
    from timeline.importer import PARALLEL_FROM
    from timeline.store.session import open_store

    folder = tmp_path / "batch"
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for n in range(PARALLEL_FROM // len(samples) + 1):
        for sample in samples:
            (folder / f"{n:02d}_{sample.name}").write_text(sample.read_text(encoding="utf-8") + f"\nRef {n}.\n")
    (folder / "zz_copy.txt").write_bytes((folder / f"00_{samples[0].name}").read_bytes())  # same content twice
    (folder / "zz_empty.txt").write_bytes(b"")
    outcomes = []
    for workers in (0, 2):
        store = open_store(tmp_path / f"w{workers}.sqlite")
        report = import_paths(store, [folder], NOW, workers=workers)
        with store.session() as session:
            days = sorted(session.execute(select(Document.filename, Event.t0, Event.title)
                                          .join(Document, Document.id == Event.document_id)).all())
        outcomes.append(([(r.name, r.status, r.message) for r in report.results], days))
        store.close()
    assert outcomes[0] == outcomes[1]
    statuses = [status for _, status, _ in outcomes[0][0]]
    assert statuses.count("duplicate") == 1 and statuses.count("failed") == 1
