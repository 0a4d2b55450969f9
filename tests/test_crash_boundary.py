"""No article is ever lost: a bug met while analysing one paragraph costs that paragraph, a bug
in the whole analysis costs the file's dates, never the file, and the batch always goes on,
in worker processes (large batches) and in this process (small ones)."""
from __future__ import annotations

import io
import os
import sys
import zlib
from datetime import datetime, timezone
from pathlib import Path
from unittest import mock

import pytest
from sqlalchemy import select

from timeline import commands, importer, pipeline
from timeline.store.models import Document, Event
from timeline.store.session import open_store

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
FAULTY_WORD, FATAL_WORD = "Zorblax", "Quuxland"  # the injected bug trips on these
GOOD = ("ROME, March 3, 2021 (Wire) - The council met on Monday.\n\n"
        "The valley was ruled by nomads for centuries.\n\nA vote is due on Friday.\n")
FAULTY = ("PARIS, June 2, 2021 (Wire) - The talks opened on Tuesday.\n\n"
          f"The {FAULTY_WORD} delegation arrived on Wednesday.\n\nThe final text is due on Friday.\n")
FATAL = f"OSLO, May 5, 2021 (Wire) - The {FATAL_WORD} ferry sailed on Monday for centuries-long routes.\n"
_REAL_PREPARE = importer.prepare
_REAL_EXTRACT = pipeline.extract
_REAL_TITLE = pipeline.find_title


def _extract_with_a_bug(text, skip=(), grammar=None, window=None, sentences=None):
    if window and FAULTY_WORD in text[window[0]:window[1]]:
        raise KeyError("injected")
    return _REAL_EXTRACT(text, skip, grammar, window, sentences)


def _title_with_a_bug(text, paragraphs, skip=None):
    if FATAL_WORD in text:
        raise OverflowError("injected")
    return _REAL_TITLE(text, paragraphs, skip)


def prepare_with_a_bug(name: str, data: bytes, file_time: datetime) -> importer.Prepared:
    """The importer's own prepare with a bug injected into the analysis. Module level, so that a
    spawned worker process unpickles it by name and runs the injection there too; it leaves its
    process id beside the batch, to prove where it ran."""
    (Path(name).parent.parent / "pids" / str(os.getpid())).touch()
    with mock.patch.object(pipeline, "extract", _extract_with_a_bug), \
            mock.patch.object(pipeline, "find_title", _title_with_a_bug):
        return _REAL_PREPARE(name, data, file_time)


def _batch(tmp_path: Path, ordinary: int) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (tmp_path / "pids").mkdir()
    for n in range(ordinary):
        (folder / f"good_{n:02d}.txt").write_text(GOOD.replace("Monday", f"Monday (item {n})"), encoding="utf-8")
    (folder / "faulty.txt").write_text(FAULTY, encoding="utf-8")
    (folder / "fatal.txt").write_text(FATAL, encoding="utf-8")
    return folder


def _import_with_a_bug(tmp_path: Path, ordinary: int, workers: int, monkeypatch) -> tuple[importer.ImportReport, object]:
    monkeypatch.setattr(importer, "prepare", prepare_with_a_bug)
    folder = _batch(tmp_path, ordinary)
    store = open_store(tmp_path / "p.sqlite")
    return importer.import_paths(store, [folder], NOW, workers=workers), store


def _check_every_file_stored(report, store, files: int) -> None:
    by_name = {r.name: r for r in report.results}
    assert len(report.results) == files and all(r.status == "imported" for r in report.results)
    assert [r.name for r in report.with_errors] == ["fatal.txt", "faulty.txt"]
    assert "2 stored with analysis errors" in report.summary()
    faulty_warning = "internal error while analysing paragraph 2 (a bug: please report it): KeyError"
    assert by_name["faulty.txt"].errors == (faulty_warning,) and faulty_warning in by_name["faulty.txt"].message
    assert by_name["faulty.txt"].events == 2  # Tuesday and Friday: the paragraphs around the bad one
    fatal_warning = "internal error while analysing the file (a bug: please report it): OverflowError"
    assert by_name["fatal.txt"].errors == (fatal_warning,) and by_name["fatal.txt"].events == 0
    with store.session() as session:
        documents = {d.filename: d for d in session.scalars(select(Document))}
        assert len(documents) == files
        for name, text in (("faulty.txt", FAULTY), ("fatal.txt", FATAL)):
            assert documents[name].text == text and zlib.decompress(documents[name].raw) == text.encode()
        assert faulty_warning in documents["faulty.txt"].warnings
        assert fatal_warning in documents["fatal.txt"].warnings
        paragraphs = session.scalars(select(Event.paragraph_index).where(Event.document_id == documents["faulty.txt"].id))
        assert sorted(paragraphs) == [0, 2]
        good = session.scalars(select(Event).where(Event.document_id == documents["good_00.txt"].id)).all()
        assert len(good) == 2 and documents["good_00.txt"].warnings == ""


def test_a_bug_in_a_worker_process_costs_one_paragraph_and_the_batch_goes_on(tmp_path, monkeypatch):
    ordinary = importer.PARALLEL_FROM
    report, store = _import_with_a_bug(tmp_path, ordinary, 2, monkeypatch)
    try:
        _check_every_file_stored(report, store, ordinary + 2)
    finally:
        store.close()
    ran_in = {int(p.name) for p in (tmp_path / "pids").iterdir()}
    assert ran_in and os.getpid() not in ran_in  # the injected bug really ran in the workers


def test_a_bug_in_process_costs_one_paragraph_and_the_batch_goes_on(tmp_path, monkeypatch):
    report, store = _import_with_a_bug(tmp_path, 1, 0, monkeypatch)
    try:
        _check_every_file_stored(report, store, 3)
    finally:
        store.close()
    assert {int(p.name) for p in (tmp_path / "pids").iterdir()} == {os.getpid()}


def test_the_command_line_exit_status_says_some_files_had_analysis_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "prepare", prepare_with_a_bug)
    folder = _batch(tmp_path, 1)
    out = io.StringIO()
    status = commands.run_import([str(folder)], str(tmp_path / "cli.sqlite"), NOW, out=out, err=io.StringIO())
    assert status == 3
    assert ("faulty.txt: imported: " in out.getvalue()
            and "WARNING: internal error while analysing paragraph 2 (a bug: please report it): KeyError" in out.getvalue())


def test_a_bug_while_storing_fails_that_file_only(tmp_path, monkeypatch):
    folder = _batch(tmp_path, 2)

    def store_with_a_bug(store, source, *args):
        if source.name.endswith("good_00.txt"):
            raise RuntimeError("injected")
        return real_store(store, source, *args)

    real_store = importer._store
    monkeypatch.setattr(importer, "_store", store_with_a_bug)
    store = open_store(tmp_path / "p.sqlite")
    report = importer.import_paths(store, [folder], NOW, workers=0)
    store.close()
    statuses = {r.name: (r.status, r.message) for r in report.results}
    assert statuses["good_00.txt"] == ("failed", "internal error while storing the file (a bug: please report it): RuntimeError")
    assert [s for s, _ in statuses.values()].count("imported") == 3


def test_analyse_keeps_the_dates_of_the_paragraphs_that_did_analyse(monkeypatch):
    monkeypatch.setattr(pipeline, "extract", _extract_with_a_bug)
    analysis = pipeline.analyse(FAULTY, NOW)
    assert analysis.warnings == ("internal error while analysing paragraph 2 (a bug: please report it): KeyError",)
    assert [e.mention.mention.text for e in analysis.events] == ["Tuesday", "Friday"]


def test_a_failing_document_in_the_timeml_bench_is_scored_empty_and_named(tmp_path, monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import timeml

    gold = ('<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2008-09-04" '
            'functionInDocument="CREATION_TIME">2008-09-04</TIMEX3></DCT>\n<TEXT>\nStocks fell '
            '<TIMEX3 tid="t1" type="DATE" value="2008-09-04">Thursday</TIMEX3>.\n</TEXT>\n</TimeML>')
    for name in ("a_ok", "b_bad", "c_ok"):
        (tmp_path / f"{name}.tml").write_text(gold.replace("Stocks", "Zorblax stocks" if name == "b_bad" else "Stocks"))
    real = timeml.system_timexes

    def with_a_bug(document):
        if FAULTY_WORD in document.text:
            raise KeyError("injected")
        return real(document)

    monkeypatch.setattr(timeml, "system_timexes", with_a_bug)
    failed: dict[str, str] = {}
    total, per_doc, _ = timeml.evaluate(tmp_path, failed=failed)
    assert failed == {"b_bad": "internal error while analysing the document (a bug: please report it): KeyError"}
    assert (per_doc["a_ok"].strict, per_doc["b_bad"].strict, per_doc["c_ok"].strict) == (1, 0, 1)
    assert (total.gold, total.system) == (3, 2)


@pytest.mark.parametrize("text, expected", [
    ("Ukraine was ruled from Moscow for centuries.", [("centuries", "PXY")]),
    ("It began many centuries ago.", [("many centuries ago", "PAST_REF")]),
    ("a centuries-long feud", [("centuries-long", "PXY")]),
    ("9" * 400 + " days", [("9" * 400 + " days", "PXD")]),
    ("every " + "9" * 400 + " weeks", [("every " + "9" * 400 + " weeks", "PXW")]),
    ("9" * 400 + " years ago", [("9" * 400 + " years ago", "PAST_REF")])])
def test_the_reported_faults_are_fixed_at_their_root(text, expected):
    """These raised KeyError (a plural unit cut to 'centurie') or OverflowError (a huge amount)."""
    assert [(m.text, r.value) for m, r, _ in pipeline.tag(text, 738000)] == expected
