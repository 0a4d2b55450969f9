"""Import files into a project: read, analyse, store; one transaction per file.

A bad file gets a message naming it and the reason; the rest of the batch goes on.
"""
from __future__ import annotations

import hashlib
import os
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import insert, select

from .pipeline import Analysis, analyse, interval_text
from .readers import ReadError, read_bytes
from .store import models
from .store.session import Store

MAX_FILE_BYTES = 50 * 1024 * 1024
Progress = Callable[[int, int, str], None]  # done, total, current file name


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # imported | duplicate | failed
    message: str
    document_id: int | None = None
    events: int = 0

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> str:
        text = (f"{self.count('imported')} imported, {self.count('duplicate')} already in the project, "
                f"{self.count('failed')} failed")
        return text + (" (cancelled)" if self.cancelled else "")


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named and files under folders named, recursively, each once, hidden ones skipped."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        candidates = sorted(_walk(path)) if path.is_dir() else [path]
        for file in candidates:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        yield from (Path(root) / f for f in files if not f.startswith("."))


def import_paths(store: Store, paths: Iterable[str | Path], imported_at: datetime,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 max_bytes: int = MAX_FILE_BYTES) -> ImportReport:
    files = collect_files(paths)
    report = ImportReport()
    for done, path in enumerate(files):
        if cancelled and cancelled():
            report.cancelled = True
            break
        if progress:
            progress(done, len(files), path.name)
        report.results.append(import_file(store, path, imported_at, max_bytes))
    if progress and not report.cancelled:
        progress(len(files), len(files), "")
    return report


def import_file(store: Store, path: Path, imported_at: datetime, max_bytes: int = MAX_FILE_BYTES) -> FileResult:
    try:
        data, file_time = _read_file(path, max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        with store.session() as session:
            existing = session.scalar(select(models.Document.id).where(models.Document.sha256 == digest))
        if existing is not None:
            return FileResult(str(path), "duplicate", "same content already imported", existing)
        read = read_bytes(data, path.name)
        analysis = analyse(read.text, file_time)
        document_id = _store(store, path, data, digest, file_time, imported_at, read, analysis)
    except (ReadError, OSError, ValueError) as error:
        return FileResult(str(path), "failed", str(error) or type(error).__name__)
    return FileResult(str(path), "imported", _summary(analysis), document_id, len(analysis.events))


def _read_file(path: Path, max_bytes: int) -> tuple[bytes, datetime]:
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a folder")
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    file_time = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    return path.read_bytes(), file_time


def _summary(analysis: Analysis) -> str:
    d = analysis.dateline
    how = f"{d.method}" + (", year inferred" if d.year_inferred else "")
    warning = "; WARNING: no dateline, file time used" if d.fallback else ""
    return f"dateline {d.iso} ({how}), {len(analysis.events)} events{warning}"


def _store(store: Store, path: Path, data: bytes, digest: str, file_time: datetime, imported_at: datetime,
           read, analysis: Analysis) -> int:  # type: ignore[no-untyped-def]
    with store.session() as session, session.begin():
        document = _document_row(path, data, digest, file_time, imported_at, read, analysis)
        session.add(document)
        session.flush()
        session.execute(insert(models.Paragraph), [
            {"document_id": document.id, "index": p.index, "start": p.start, "end": p.end,
             "boilerplate": p.boilerplate, "reason": p.reason} for p in analysis.paragraphs])
        mention_ids = _store_mentions(session, document.id, analysis)
        event_rows = [_event_row(document.id, mention_ids[id(e.mention)], e) for e in analysis.events]
        if event_rows:
            session.execute(insert(models.Event), event_rows)
        return document.id


def _document_row(path: Path, data: bytes, digest: str, file_time: datetime, imported_at: datetime,
                  read, analysis: Analysis) -> models.Document:  # type: ignore[no-untyped-def]
    d = analysis.dateline
    span = d.span or (None, None)
    return models.Document(
        sha256=digest, filename=path.name, path=str(path.resolve()), format=read.format, encoding=read.encoding,
        size=len(data), file_time=file_time.isoformat(timespec="seconds"),
        imported_at=imported_at.isoformat(timespec="seconds"), title=analysis.title, text=analysis.text,
        raw=zlib.compress(data), warnings="no dateline in the text; file time used" if d.fallback else "",
        dateline_day=d.day, dateline_iso=d.iso, dateline_time=d.time, dateline_zone=d.zone,
        dateline_place=d.place, dateline_agency=d.agency, dateline_method=d.method,
        dateline_confidence=d.confidence, dateline_reason=d.reason, dateline_start=span[0], dateline_end=span[1],
        dateline_line=d.line, dateline_inferred=d.year_inferred, dateline_fallback=d.fallback)


def _store_mentions(session, document_id: int, analysis: Analysis) -> dict[int, int]:  # type: ignore[no-untyped-def]
    rows = [_mention_row(document_id, m) for m in analysis.mentions]
    if not rows:
        return {}
    ids = session.scalars(insert(models.Mention).returning(models.Mention.id, sort_by_parameter_order=True), rows).all()
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
