"""Import files into a project: read, analyse, store; one transaction per file.

A bad file gets a message naming it and the reason; the rest of the batch goes on.
"""
from __future__ import annotations

import bisect
import gc
import hashlib
import multiprocessing
import os
import stat
import zlib
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm import Session

from .lifeline import die_with_parent
from .pipeline import Analysis, analyse, internal_error, interval_text, unanalysed
from .dateline import choose_dateline
from .language import detect_language
from .readers import ReadError, ReadResult, read_bytes
from .store import models
from .store.session import Store, storage_problem

MAX_FILE_BYTES = 50 * 1024 * 1024
PARALLEL_FROM = 40  # files in a batch before analysis moves to worker processes
MAX_NESTING = 3  # archives in archives (or e-mails with attached e-mails) read this deep
MAX_MESSAGE = 300  # characters of a reason: an error may quote the whole hostile file
Progress = Callable[[int, int, str], None]  # done, total, current file name


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # imported | duplicate | failed | opened (an archive or e-mail whose files follow)
    message: str
    document_id: int | None = None
    events: int = 0
    inside: str = ""  # for a file in an archive or e-mail: "archive.zip/folder/" up to its name
    errors: tuple[str, ...] = ()  # stored, but parts could not be analysed (a bug): the warnings

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[:MAX_MESSAGE - 1] + "…")

    @property
    def name(self) -> str:
        """The file name, with the archives or e-mails it came out of."""
        return self.inside + Path(self.path).name if self.inside else Path(self.path).name


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    stopped: str = ""  # why the batch could not go on (the project cannot be written)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def with_errors(self) -> list[FileResult]:
        """Files stored whole whose analysis met a bug in some paragraph (or all of them)."""
        return [r for r in self.results if r.errors]

    def summary(self) -> str:
        text = (f"{self.count('imported')} imported, {self.count('duplicate')} already in the project, "
                f"{self.count('failed')} failed")
        if self.with_errors:
            text += f", {len(self.with_errors)} stored with analysis errors"
        return text + (" (cancelled)" if self.cancelled else "") + (f"; stopped: {self.stopped}" if self.stopped else "")


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named and files under folders named, recursively, each once, hidden ones skipped.

    Links inside a folder are listed, not followed (they are refused when read: a link could
    lead out of the folder, to /etc/passwd or /dev/zero); a link named on its own is followed."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        path = path.resolve() if path.is_symlink() else path
        candidates = sorted(_walk(path)) if path.is_dir() else [path]
        for file in candidates:
            key = file.parent.resolve() / file.name  # the link itself, not what it points to
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        links = [d for d in dirs if (Path(root) / d).is_symlink()]
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in links]
        yield from (Path(root) / f for f in files + links if not f.startswith("."))


def import_paths(store: Store, paths: Iterable[str | Path], imported_at: datetime,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 max_bytes: int = MAX_FILE_BYTES, workers: int | None = None) -> ImportReport:
    """Import files and folders in order. Large batches are read and analysed ahead in worker
    processes (``workers``, default: one per core) while this process stores, in order."""
    files = collect_files(paths)
    report = ImportReport()
    count = workers if workers is not None else (os.cpu_count() or 1)
    with _Ahead(store, files, max_bytes, count if len(files) >= PARALLEL_FROM and count > 1 else 0) as ahead:
        for done, (path, source, prepared) in enumerate(ahead):
            if cancelled and cancelled():
                report.cancelled = True
                break
            if progress:
                progress(done, len(files), path.name)
            if isinstance(source, str):
                report.results.append(FileResult(str(path), "failed", source))
                continue
            try:
                report.results.extend(_import_content(store, source, imported_at, max_bytes, prepared))
            except DatabaseError as error:  # disk full, damaged pages: no later file could be stored either
                report.stopped = storage_problem(error)
                report.results.append(FileResult(str(path), "failed", report.stopped))
                break
    if progress and not report.cancelled:
        progress(len(files), len(files), "")
    return report


@dataclass(frozen=True)
class Prepared:
    """A file read and analysed, ready to store (made in a worker process, or here)."""

    read: ReadResult | None
    analysis: Analysis | None
    error: str | None = None


def prepare(name: str, data: bytes, file_time: datetime) -> Prepared:
    """Everything about one file that needs no database: read it, find its dateline, analyse it.

    Never raises: a file that cannot be read says why; a bug met while analysing keeps the
    text (and whatever paragraphs did analyse) with a warning, so the article is stored."""
    try:
        read = read_bytes(data, Path(name).name)
    except (ReadError, ValueError) as error:
        return Prepared(None, None, str(error) or type(error).__name__)
    except Exception as error:  # noqa: BLE001 - a reader's bug: this file fails, the batch goes on
        return Prepared(None, None, internal_error("the file", error, "reading"))
    if not read.text.strip():
        return Prepared(read, None)
    try:
        language = detect_language(read.text, read.language)
        dateline = choose_dateline(read.text, file_time, read.dates, language)
        return Prepared(read, analyse(read.text, file_time, dateline, language))
    except Exception as error:  # noqa: BLE001 - the text is kept, without dates
        return Prepared(read, unanalysed(read.text, file_time, internal_error("the file", error)))


def start_worker() -> None:
    """A pool initializer: die with the parent; analyse a short text, so that the grammar and the
    language models load, then freeze them out of the garbage collector's full scans: a file of
    thousands of dates makes enough objects to start several, and each would walk again the
    hundred thousand objects that stay loaded for the worker's life."""
    die_with_parent()
    prepare("warm-up.txt", b"On Tuesday, March 3, 2020, the council met again.", datetime(2020, 3, 4))
    gc.freeze()


class _Ahead:
    """Files in order with their contents, and (with workers) their analysis started ahead in
    a process pool, a bounded number at a time. A file whose content is already in the project,
    or earlier in the batch, is not analysed: it will be reported as a duplicate."""

    def __init__(self, store: Store, files: list[Path], max_bytes: int, workers: int) -> None:
        self.store, self.files, self.max_bytes, self.workers = store, files, max_bytes, workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Ahead:
        if self.workers:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=start_worker)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __iter__(self) -> Iterator[tuple[Path, _Source | str, Prepared | None]]:
        """(path, the file or why it could not be read, its analysis if done ahead)."""
        window: deque[tuple[Path, _Source | str, Future[Prepared] | None]] = deque()
        seen: set[str] = set()
        for path in self.files:
            window.append((path, *self._start(path, seen)))
            if len(window) > 4 * self.workers:
                yield self._finished(window.popleft())
        while window:
            yield self._finished(window.popleft())

    def _start(self, path: Path, seen: set[str]) -> tuple[_Source | str, Future[Prepared] | None]:
        try:
            data, file_time = _read_file(path, self.max_bytes)
        except (ReadError, OSError) as error:
            return str(error) or type(error).__name__, None
        source = _Source(str(path), str(path.resolve()), data, file_time)
        if self.pool is None or source.digest in seen or _stored_id(self.store, source.digest) is not None:
            return source, None
        seen.add(source.digest)
        try:
            return source, self.pool.submit(prepare, source.name, data, file_time)
        except BrokenProcessPool:  # a worker died earlier: the rest is analysed in this process
            return source, None

    @staticmethod
    def _finished(item: tuple[Path, _Source | str, Future[Prepared] | None]) \
            -> tuple[Path, _Source | str, Prepared | None]:
        path, source, future = item
        try:
            return path, source, future.result() if future else None
        except Exception:  # noqa: BLE001 - a worker died (killed, out of memory): analysed here instead
            return path, source, None


def _stored_id(store: Store, digest: str) -> int | None:
    with store.engine.connect() as connection:
        return connection.execute(select(models.Document.id).where(models.Document.sha256 == digest)).scalar()


@dataclass(frozen=True)
class _Source:
    name: str  # as the analyst knows it: a path, or "archive.zip/inner/article.txt"
    location: str  # absolute path (for a member: the archive's absolute path + "/" + member)
    data: bytes
    file_time: datetime
    depth: int = 0  # how many archives or e-mails this one is inside
    inside: str = ""  # "archive.zip/folder/" for a member

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the content: how duplicates are recognised (computed once per file)."""
        return hashlib.sha256(self.data).hexdigest()

    def result(self, status: str, message: str, document_id: int | None = None, events: int = 0) -> FileResult:
        return FileResult(self.name, status, message, document_id, events, self.inside)

    def imported(self, analysis: Analysis, document_id: int, notes: tuple[str, ...] = ()) -> FileResult:
        message = "; ".join((_summary(analysis),) + tuple(f"WARNING: {w}" for w in analysis.warnings + notes))
        return FileResult(self.name, "imported", message, document_id, len(analysis.events), self.inside,
                          analysis.warnings)

    def member(self, name: str, data: bytes, file_time: datetime | None = None) -> _Source:
        """A file inside this one (an archive member or an attachment)."""
        folder = str(PurePosixPath(name).parent).strip("/")  # "/absolute.txt" is listed, not taken out
        inside = f"{self.inside}{Path(self.name).name}/" + ("" if folder in (".", "") else folder + "/")
        return _Source(f"{self.name}/{name}", f"{self.location}/{name}", data, file_time or self.file_time,
                       self.depth + 1, inside)


def _import_content(store: Store, source: _Source, imported_at: datetime, max_bytes: int,
                    prepared: Prepared | None = None) -> list[FileResult]:
    """The boundary around one file: whatever goes wrong in it, the batch goes on."""
    try:
        return _import_one(store, source, imported_at, max_bytes, prepared)
    except DatabaseError:  # the project itself cannot be written: import_paths stops the batch
        raise
    except Exception as error:  # noqa: BLE001 - a bug while storing: this file fails, named
        return [source.result("failed", internal_error("the file", error, "storing"))]


def _import_one(store: Store, source: _Source, imported_at: datetime, max_bytes: int,
                prepared: Prepared | None) -> list[FileResult]:
    digest = source.digest
    existing = _stored_id(store, digest)
    if existing is not None:
        return [source.result("duplicate", "same content already imported", existing)]
    prepared = prepared or prepare(source.name, source.data, source.file_time)
    if prepared.error is not None or prepared.read is None:
        return [source.result("failed", prepared.error or "unreadable")]
    read = prepared.read
    if prepared.analysis is not None:
        try:
            document_id = _store(store, source, digest, imported_at, read, prepared.analysis)
        except IntegrityError:  # another window stored the same content a moment ago
            return [source.result("duplicate", "same content already imported", _stored_id(store, digest))]
        results = [source.imported(prepared.analysis, document_id, prepared.read.notes if prepared.read else ())]
    else:
        unit = "item" if read.format.endswith(" feed") else "file"
        count = len(read.children)
        results = [source.result("opened", f"{read.format}: {count} {unit}{'' if count == 1 else 's'} inside")]
    results += [source.member(name, b"").result("failed", why) for name, why in read.skipped]
    # files inside an e-mail were sent with it: its Date header bounds their year inference
    child_time = max(read.dates, key=lambda d: d.confidence).when if read.dates else source.file_time
    for child_name, child_data in read.children:
        child = source.member(child_name, child_data, child_time)
        if child.depth > MAX_NESTING:
            results.append(child.result("failed", f"nested more than {MAX_NESTING} archives deep"))
        elif len(child_data) > max_bytes:
            results.append(child.result("failed", _too_large(len(child_data), max_bytes)))
        else:
            results += _import_content(store, child, imported_at, max_bytes)
    return results


def _too_large(size: int, limit: int) -> str:
    return f"too large ({_human(size)}; the limit is {_human(limit)})"


def _human(size: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def _read_file(path: Path, max_bytes: int) -> tuple[bytes, datetime]:
    """A regular file's content, never more than ``max_bytes`` read whatever its size claims.

    Links, pipes, devices and sockets are refused before they are opened (a pipe would hang the
    import, /dev/zero never ends), and the file is opened without following a link."""
    try:
        kind = path.lstat().st_mode
    except FileNotFoundError:
        raise ReadError("no such file") from None
    if stat.S_ISDIR(kind):
        raise ReadError("is a folder")
    if not stat.S_ISREG(kind):
        raise ReadError(f"not a regular file ({_KINDS.get(stat.S_IFMT(kind), 'special file')}); skipped")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as stream:
        opened = os.fstat(stream.fileno())
        if not stat.S_ISREG(opened.st_mode):  # replaced between the check and the open
            raise ReadError("not a regular file; skipped")
        if opened.st_size > max_bytes:
            raise ReadError(_too_large(opened.st_size, max_bytes))
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew, or its size lied
        raise ReadError(_too_large(len(data), max_bytes))
    return data, datetime.fromtimestamp(opened.st_mtime, tz=timezone.utc)


_KINDS = {stat.S_IFLNK: "a link", stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
          stat.S_IFSOCK: "a socket"}


def _summary(analysis: Analysis) -> str:
    d = analysis.dateline
    how = f"{d.method}" + (", year inferred" if d.year_inferred else "")
    rejected = d.reason.rpartition("; rejected: ")[2] if "; rejected: " in d.reason else ""
    warning = (f"; WARNING: no dateline in the text{f' ({rejected})' if rejected else ''}, {d.method} used"
               if d.fallback else "")
    return f"dateline {d.iso} ({how}), {len(analysis.events)} events{warning}"


def _store(store: Store, source: _Source, digest: str, imported_at: datetime, read: ReadResult,
           analysis: Analysis) -> int:
    """One document in one transaction, through SQLAlchemy Core: ORM objects cost more than the
    analysis itself on large batches."""
    with store.engine.begin() as connection:
        document_id = connection.execute(insert(models.Document),  # parameters, not .values(): compiled once
                                         _document_row(source, digest, imported_at, read, analysis)
                                         ).inserted_primary_key[0]
        if analysis.paragraphs:  # none when the analysis failed as a whole
            connection.execute(insert(models.Paragraph), [
                {"document_id": document_id, "index": p.index, "start": p.start, "end": p.end,
                 "page": _page(read, p.start), "boilerplate": p.boilerplate, "reason": p.reason}
                for p in analysis.paragraphs])
        _store_dates(connection, document_id, analysis)
        return int(document_id)


def replace_dates(session: Session, document: models.Document, analysis: Analysis) -> None:
    """A stored document resolved again (its dateline corrected): its mentions and events anew."""
    session.execute(delete(models.Event).where(models.Event.document_id == document.id))
    session.execute(delete(models.Mention).where(models.Mention.document_id == document.id))
    for name, value in _dateline_fields(analysis).items():
        setattr(document, name, value)
    if analysis.language and not document.language:  # a project from before languages were stored
        document.language, document.language_reason = analysis.language.tag, analysis.language.describe()
    session.flush()
    _store_dates(session.connection(), document.id, analysis)


def _store_dates(connection: Connection, document_id: int, analysis: Analysis) -> None:
    mention_ids = _store_mentions(connection, document_id, analysis)
    event_rows = [_event_row(document_id, mention_ids[id(e.mention)], e) for e in analysis.events]
    if event_rows:
        connection.execute(insert(models.Event), event_rows)


def _page(read: ReadResult, offset: int) -> int | None:
    return bisect.bisect_right(read.page_starts, offset) if read.page_starts else None


def _document_row(source: _Source, digest: str, imported_at: datetime, read: ReadResult,
                  analysis: Analysis) -> dict[str, object]:
    return {"sha256": digest, "filename": Path(source.name).name, "path": source.location, "format": read.format,
            "encoding": read.encoding, "size": len(source.data),
            "file_time": source.file_time.isoformat(timespec="seconds"),
            "imported_at": imported_at.isoformat(timespec="seconds"), "title": analysis.title, "text": analysis.text,
            "raw": zlib.compress(source.data), **_dateline_fields(analysis),
            "language": analysis.language.tag if analysis.language else None,
            "language_reason": analysis.language.describe() if analysis.language else ""}


def _dateline_fields(analysis: Analysis) -> dict[str, object]:
    """The dateline's columns, and the document's warnings (no dateline, analysis errors)."""
    d = analysis.dateline
    span = d.span or (None, None)
    warnings = ([f"no dateline in the text: {d.reason}"] if d.fallback else [d.warning] if d.warning else [])
    return {"warnings": "\n".join(warnings + list(analysis.warnings)),
            "dateline_day": d.day, "dateline_iso": d.iso, "dateline_time": d.time, "dateline_zone": d.zone,
            "dateline_place": d.place, "dateline_agency": d.agency, "dateline_method": d.method,
            "dateline_confidence": d.confidence, "dateline_reason": d.reason, "dateline_start": span[0],
            "dateline_end": span[1], "dateline_line": d.line, "dateline_inferred": d.year_inferred,
            "dateline_fallback": d.fallback}


def _store_mentions(connection: Connection, document_id: int, analysis: Analysis) -> dict[int, int]:
    rows = [_mention_row(document_id, m) for m in analysis.mentions]
    if not rows:
        return {}
    connection.execute(insert(models.Mention), rows)
    # ids grow in insertion order, also when another writer interleaves: ours, sorted, are ours in order
    ids = connection.execute(select(models.Mention.id).where(models.Mention.document_id == document_id)
                             .order_by(models.Mention.id)).scalars().all()
    return {id(m): mention_id for m, mention_id in zip(analysis.mentions, ids)}


def _mention_row(document_id: int, m) -> dict[str, object]:  # type: ignore[no-untyped-def]
    r, mention = m.resolved, m.mention
    start_iso, end_iso = interval_text(r) if r.has_interval else (None, None)
    return {"document_id": document_id, "paragraph_index": m.paragraph, "start": mention.start, "end": mention.end,
            "text": mention.text, "kind": mention.kind, "type": r.type, "value": r.value,
            "underspecified": " / ".join(t.anchor.describe() for t in mention.parts), "mod": r.mod,
            "granularity": r.granularity, "t0": r.t0, "t1": r.t1, "start_iso": start_iso, "end_iso": end_iso,
            "open_start": r.open_start, "open_end": r.open_end, "confidence": m.confidence, "reason": r.reason,
            "rule": "+".join(t.rule for t in mention.parts), "tense": mention.parts[0].tense}


def _event_row(document_id: int, mention_id: int, event) -> dict[str, object]:  # type: ignore[no-untyped-def]
    r = event.mention.resolved
    return {"document_id": document_id, "mention_id": mention_id, "t0": r.t0, "t1": r.t1,
            "granularity": r.granularity, "open_start": r.open_start, "open_end": r.open_end,
            "confidence": event.mention.confidence, "title": event.text.title, "sentence": event.text.sentence,
            "sentence_start": event.text.sentence_start, "sentence_end": event.text.sentence_end,
            "paragraph_index": event.mention.paragraph}
