"""Every reader on a real-looking document, and bad input of every kind, through the importer."""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone

import pytest
from conftest import ROOT

import documents
from timeline.importer import import_paths
from timeline.readers import ReadError, read_bytes
from timeline.store.session import open_store

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)


def _import(tmp_path, files: dict[str, bytes], max_bytes: int | None = None):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    store = open_store(tmp_path / "project.sqlite")
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    report = import_paths(store, [folder], NOW, **kwargs)
    return store, {r.name: r for r in report.results}


def _documents(store):
    with sqlite3.connect(store.engine.url.database) as db:
        return {row[0]: row[1:] for row in db.execute(
            "SELECT filename, format, dateline_iso, dateline_method, dateline_zone, title, text FROM documents")}


def _event_days(store, filename):
    with sqlite3.connect(store.engine.url.database) as db:
        return {row[0]: row[1] for row in db.execute(
            "SELECT m.text, m.start_iso FROM events e JOIN mentions m ON m.id = e.mention_id "
            "JOIN documents d ON d.id = e.document_id WHERE d.filename = ?", (filename,))}


def test_html_page_gives_article_text_and_metadata_date(tmp_path):
    page = (ROOT / "tests" / "fixtures" / "saved_page.html").read_bytes()
    store, results = _import(tmp_path, {"saved_page.html": page})
    assert results["saved_page.html"].status == "imported"
    fmt, dateline, method, zone, title, text = _documents(store)["saved_page.html"]
    assert (fmt, dateline, method, zone) == ("html", "2022-02-02T11:36", "page metadata", "+09:00")
    assert title.startswith("Japan, US ministers agree")
    for junk in ("Subscribe today", "fetch(", "window.location", "Sign in", "Stocks rally", "All rights reserved"):
        assert junk not in text
    assert _event_days(store, "saved_page.html")["Wednesday"] == "2022-02-02"
    assert _event_days(store, "saved_page.html")["Sunday"] == "2022-01-30"


def test_html_without_metadata_falls_back_to_the_dateline_in_its_text():
    page = ("<html><body><article><h1>Talks</h1><p>" + "</p><p>".join(documents.ARTICLE[1:]) +
            "</p></article></body></html>").encode()
    result = read_bytes(page, "story.htm")
    assert not any(d.before_text for d in result.dates) and result.text.startswith("Talks\n\nTOKYO, Feb 2")
    from timeline.dateline import choose_dateline  # htmldate's guess from the text stands in only: the wire wins
    assert choose_dateline(result.text, None, result.dates).method == "wire dateline"


def test_pdf_paragraphs_span_pages_with_page_numbers(tmp_path):
    data = documents.pdf([documents.ARTICLE[:2], documents.ARTICLE[2:]])
    read = read_bytes(data, "wire.pdf")
    assert read.format == "pdf" and len(read.page_starts) == 2
    assert "cooperate toward the complete denuclearization of North Korea." in read.text  # lines rejoined
    store, results = _import(tmp_path, {"wire.pdf": data})
    assert results["wire.pdf"].status == "imported"
    assert _documents(store)["wire.pdf"][1:3] == ("2022-02-02", "wire dateline")  # the text's, not the PDF's date
    assert _event_days(store, "wire.pdf")["Sunday"] == "2022-01-30"
    with sqlite3.connect(store.engine.url.database) as db:
        pages = db.execute("SELECT page FROM paragraphs ORDER BY \"index\"").fetchall()
    assert pages[0] == (1,) and pages[-1] == (2,)


def test_docx_paragraphs_and_core_properties_as_a_weak_date(tmp_path):
    store, results = _import(tmp_path, {"clip.docx": documents.docx(documents.UNDATED, documents.CREATED)})
    assert results["clip.docx"].status == "imported"
    fmt, dateline, method, *_ = _documents(store)["clip.docx"]
    assert (fmt, dateline, method) == ("docx", "2022-02-02T09:00", "Word created date")
    assert _event_days(store, "clip.docx")["Wednesday"] == "2022-02-02"


def test_email_body_date_header_and_attachments(tmp_path):
    attachment = "\n\n".join(documents.ARTICLE).encode("utf-8")
    mail = documents.eml(documents.UNDATED, attachments=(("wire.txt", attachment, "text/plain"),
                                                        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")))
    store, results = _import(tmp_path, {"clipping.eml": mail})
    assert results["clipping.eml"].status == "imported"
    assert results["clipping.eml/wire.txt"].status == "imported"
    assert results["clipping.eml/logo.png"].status == "failed"  # named, with its reason; the rest goes on
    docs = _documents(store)
    assert docs["clipping.eml"][:3] == ("email", "2022-02-02T14:05", "e-mail Date header")
    assert docs["wire.txt"][1:3] == ("2022-02-02", "wire dateline")
    assert _event_days(store, "clipping.eml")["Sunday"] == "2022-01-30"


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_text_in_other_encodings(tmp_path, encoding):
    text = "\n\n".join(documents.ARTICLE).replace("officials said", "officials said in Zürich, café") + "\n"
    store, results = _import(tmp_path, {"story.txt": text.encode(encoding)})
    assert results["story.txt"].status == "imported"
    assert "Zürich, café" in _documents(store)["story.txt"][5]


def test_zip_of_articles_in_folders(tmp_path):
    archive = documents.zipped({"batch/a.txt": "\n\n".join(documents.ARTICLE).encode(),
                                "batch/b.eml": documents.eml(documents.UNDATED),
                                "batch/inner.zip": documents.zipped({"c.txt": "\n\n".join(documents.ARTICLE[:3]).encode()}),
                                "__MACOSX/._a.txt": b"\0\0"})
    store, results = _import(tmp_path, {"articles.zip": archive})
    assert results["articles.zip"].status == "opened"
    assert {name: r.status for name, r in results.items() if name != "articles.zip"} == {
        "articles.zip/batch/a.txt": "imported", "articles.zip/batch/b.eml": "imported",
        "articles.zip/batch/inner.zip": "opened", "articles.zip/batch/inner.zip/c.txt": "imported"}
    assert set(_documents(store)) == {"a.txt", "b.eml", "c.txt"}


BAD_INPUTS = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\n", "empty file"),
    "random.bin": (bytes(range(256)) * 40, "not text"),
    "photo.jpg": (b"\xff\xd8\xff\xe0" + b"\0JFIF" + bytes(range(200)), "not text"),
    "truncated.pdf": (None, "damaged or truncated PDF"),
    "locked.pdf": (None, "encrypted PDF"),
    "scan.pdf": (None, "without a text layer"),
    "bomb.zip": (None, "zip bomb"),
    "laughs.docx": (None, "Word document"),
    "broken.docx": (None, "damaged"),
}


def _bad_content(name: str) -> bytes:
    made = {"truncated.pdf": lambda: documents.pdf([documents.ARTICLE])[:400],
            "locked.pdf": lambda: documents.pdf([documents.ARTICLE], encrypt="secret"),
            "scan.pdf": lambda: documents.pdf([[]]),
            "bomb.zip": documents.zip_bomb,
            "laughs.docx": documents.docx_with_entity_bomb,
            "broken.docx": lambda: documents.docx(documents.ARTICLE)[:-300]}
    content = BAD_INPUTS[name][0]
    return content if content is not None else made[name]()


def test_bad_inputs_each_get_a_reason_and_the_batch_goes_on(tmp_path):
    files = {name: _bad_content(name) for name in BAD_INPUTS}
    files["good.txt"] = "\n\n".join(documents.ARTICLE).encode()
    store, results = _import(tmp_path, files)
    assert results["good.txt"].status == "imported"
    for name, (_, reason) in BAD_INPUTS.items():
        result = results[name]
        if name == "laughs.docx" and result.status == "imported":  # entities are not expanded
            assert "lol" * 1000 not in _documents(store)["laughs.docx"][5]
            continue
        assert result.status == "failed" and reason in result.message, (name, result.message)
    assert set(_documents(store)) <= {"good.txt", "laughs.docx"}  # nothing half-stored


def test_size_limit_and_folder_loops(tmp_path):
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    (folder / "big.txt").write_bytes(b"word " * 5000)
    (folder / "deep" / "story.txt").write_text("\n\n".join(documents.ARTICLE))
    os.symlink(folder, folder / "deep" / "loop")  # a folder that contains itself
    store = open_store(tmp_path / "p.sqlite")
    report = import_paths(store, [folder], NOW, max_bytes=10_000)
    by_name = {r.name: r for r in report.results}
    assert by_name["big.txt"].status == "failed" and "too large" in by_name["big.txt"].message
    assert "(24.4 KB; the limit is 9.8 KB)" in by_name["big.txt"].message
    assert by_name["story.txt"].status == "imported" and len(report.results) == 3
    assert by_name["loop"].message == "not a regular file (a link); skipped"  # listed, not followed


def test_unknown_binary_is_refused_by_content_not_by_name():
    with pytest.raises(ReadError, match="not text"):
        read_bytes(b"\x7fELF\x02\x01\x01" + bytes(100), "notes.txt")
    assert read_bytes("\n\n".join(documents.ARTICLE).encode(), "no_extension").format == "text"
