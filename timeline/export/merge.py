"""Merge a timeline exported by this program (our CSV, or the JSON Lines export) into a project:
a colleague's work joins ours. Each source named in the file becomes a document holding the
exported paragraphs (at their paragraph numbers), and each row an event with exactly the
exported date; the merged view is then rebuilt, so their events meet ours like any source's."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import calendar as cal
from ..store import models
from ..review.profiles import event_key
from .records import _CLOCK

FORMAT = "timeline export"


@dataclass(frozen=True)
class MergeResult:
    documents: int  # sources added
    events: int
    already: int  # sources the project already had from an earlier merge
    refused: tuple[str, ...] = ()  # rows left out, each with its reason


class NotAnExport(ValueError):
    """The file is not a CSV or JSON Lines export of this program."""


def read_export(data: bytes, name: str) -> list[dict]:
    """Rows of our CSV or JSON Lines export, as dicts of our field names."""
    text = data.decode("utf-8-sig")
    if text.lstrip().startswith("{"):
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    needed = {"start", "end", "granularity", "expression", "title", "text", "source", "paragraph"}
    if not rows or not needed <= set(rows[0]):
        raise NotAnExport(f"{name} is not a timeline export (CSV or JSON Lines with {', '.join(sorted(needed))})")
    return rows


def _plain(value: object) -> str:
    """A CSV cell without the apostrophe that kept a spreadsheet from running it."""
    text = "" if value is None else str(value)
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def parse_day(text: str) -> float:
    """ISO date or date-time, with the 'BC0044-03-15' years the export writes."""
    if not text.startswith("BC"):
        return cal.parse_iso(text)
    date_part, _, time_part = text.partition("T")
    year, month, day = 1 - int(date_part[2:6]), int(date_part[7:9]), int(date_part[10:12])
    clock = cal.parse_iso("1970-01-01T" + time_part) if time_part else 0.0
    return cal.day_number(year, month, day) + clock


def interval(row: dict) -> tuple[float, float]:
    if row.get("t0") not in (None, "") and row.get("t1") not in (None, ""):
        return float(row["t0"]), float(row["t1"])
    t0, last = parse_day(_plain(row["start"])), parse_day(_plain(row["end"]))
    return t0, last if row["granularity"] in _CLOCK else last + 1


def merge_export(session: Session, rows: list[dict], origin: str, imported_at: datetime) -> MergeResult:
    """Add the export's sources and events (a source merged before is skipped)."""
    by_source: dict[str, list[dict]] = {}
    rows, refused = _storable(rows)
    for row in rows:
        by_source.setdefault(_plain(row["source"]), []).append(row)
    added = events = already = 0
    marks: list[tuple[str, dict]] = []  # (event key, row) of the stored events
    for source, group in by_source.items():
        document = _Document(source, group)
        digest = hashlib.sha256(("timeline export\n" + source + "\n" + document.text).encode()).hexdigest()
        if session.scalar(select(models.Document.id).where(models.Document.sha256 == digest)) is not None:
            already += 1
            continue
        doc = document.store(session, digest, origin, imported_at)
        events += document.store_events(session, doc)
        marks.extend(document.marks)
        added += 1
    _record_marks(session, marks, Path(origin).name, imported_at.isoformat(timespec="seconds"))
    return MergeResult(added, events, already, refused)


def _record_marks(session: Session, marks: list[tuple[str, dict]], origin: str, at: str) -> None:
    """The colleague's descriptions, tags and stars, as decisions like the analyst's own (edits are
    derived from decisions at every rebuild: rows written here would not survive one)."""
    from ..review import decisions

    user = f"merge of {origin}"
    tagged: dict[tuple[str, str], list[str]] = {}
    for key, row in marks:
        description = _plain(row.get("description") or "")
        if description:
            decisions.record(session, "edit_event", {"events": [key], "description": description},
                             f"description from {origin}", user, at)
        for tag, colour in _tags(row):
            tagged.setdefault((tag, colour), []).append(key)
    for (tag, colour), keys in tagged.items():
        decisions.record(session, "tag", {"events": keys, "tag": tag, "colour": colour, "remove": False},
                         f"tagged {len(keys)} event(s) “{tag}” as in {origin}", user, at)
    starred = [key for key, row in marks if str(row.get("starred")) in ("yes", "True", "true")]
    if starred:
        decisions.record(session, "star", {"events": starred, "on": True}, f"starred {len(starred)} event(s) as in "
                         f"{origin}", user, at)


def _tags(row: dict) -> list[tuple[str, str]]:
    """(tag, colour) of a row: JSON Lines lists both, the CSV names the tags ("a; b")."""
    tags = row.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in _plain(tags).split(";") if t.strip()]
    colours = row.get("tag_colours") or []
    return [(str(t), str(colours[n]) if n < len(colours) else "#868e96") for n, t in enumerate(tags)]


def _storable(rows: list[dict]) -> tuple[list[dict], tuple[str, ...]]:
    """The rows whose dates can be read and lie in the calendar's range; a reason for each other."""
    kept, refused = [], []
    for number, row in enumerate(rows, 1):
        try:
            problem = cal.range_problem(*interval(row))
        except (ValueError, TypeError, OverflowError, KeyError) as error:
            problem = f"its date cannot be read ({error})"[:200]
        if problem:
            refused.append(f"row {number} ({_plain(row.get('expression'))[:60]!r}) left out: {problem}")
        else:
            kept.append(row)
    return kept, tuple(refused)


class _Document:
    """One exported source rebuilt: its paragraphs at their numbers (the ones without events
    empty), and where each event's sentence and expression sit in the text."""

    def __init__(self, source: str, rows: list[dict]) -> None:
        self.source, self.rows = source, rows
        self.marks: list[tuple[str, dict]] = []
        texts: dict[int, str] = {}
        for row in rows:
            number = int(row["paragraph"])
            paragraph = _plain(row.get("paragraph_text") or "")
            sentence = _plain(row["text"])
            if paragraph:
                texts[number] = paragraph
            elif sentence not in texts.get(number, ""):
                texts[number] = (texts.get(number, "") + " " + sentence).strip()
        self.paragraphs: list[tuple[int, int]] = []
        parts, at = [], 0
        for number in range(1, max(texts) + 1):
            body = texts.get(number, "")
            self.paragraphs.append((at, at + len(body)))
            parts.append(body)
            at += len(body) + 2
        self.text = "\n\n".join(parts)

    def store(self, session: Session, digest: str, origin: str, imported_at: datetime) -> models.Document:
        first = self.rows[0]
        dateline = _plain(first.get("dateline") or "")
        day = int(parse_day(dateline[:10])) if dateline else 0
        doc = models.Document(
            sha256=digest, filename=self.source, path=origin, format=FORMAT, encoding="utf-8",
            size=len(self.text.encode()), file_time=None, imported_at=imported_at.isoformat(timespec="seconds"),
            title=_plain(first.get("source_title") or self.source), text=self.text,
            raw=zlib.compress(self.text.encode()), warnings="", dateline_day=day, dateline_iso=dateline,
            dateline_method=FORMAT, dateline_confidence=1.0, dateline_reason=f"as exported in {Path(origin).name}",
            dateline_inferred=str(first.get("dateline_inferred")) in ("yes", "True", "true"), dateline_fallback=False,
            language=_plain(first.get("language") or "") or None)
        session.add(doc)
        session.flush()
        session.add_all(models.Paragraph(document_id=doc.id, index=i, start=s, end=e, boilerplate=False, reason="")
                        for i, (s, e) in enumerate(self.paragraphs))
        return doc

    def store_events(self, session: Session, doc: models.Document) -> int:
        for row in self.rows:
            index = int(row["paragraph"]) - 1
            p_start, p_end = self.paragraphs[index]
            paragraph = self.text[p_start:p_end]
            sentence, expression = _plain(row["text"]), _plain(row["expression"])
            s_at = max(0, paragraph.find(sentence))
            offset = row.get("expression_offset")
            e_at = int(offset) if offset not in (None, "") else s_at + max(0, sentence.find(expression))
            t0, t1 = interval(row)
            start_iso, end_iso = _plain(row["start"]), _plain(row["end"])
            opens = _open_ends(row)
            confidence = float(_plain(row.get("confidence") or 0.5))
            mention = models.Mention(
                document_id=doc.id, paragraph_index=index, start=p_start + e_at, end=p_start + e_at + len(expression),
                text=expression, kind="point", type="DATE", value=_plain(row.get("value") or ""),
                underspecified="", mod=_plain(row.get("modifier") or "") or None, granularity=row["granularity"],
                t0=t0, t1=t1, start_iso=start_iso, end_iso=end_iso, open_start=opens[0], open_end=opens[1],
                confidence=confidence, reason=_plain(row.get("reason") or ""), rule="export", tense=None)
            session.add(mention)
            session.flush()
            self.marks.append((event_key(doc.sha256, mention.start, mention.end), row))
            session.add(models.Event(
                document_id=doc.id, mention_id=mention.id, t0=t0, t1=t1, granularity=row["granularity"],
                open_start=opens[0], open_end=opens[1], confidence=confidence, title=_plain(row["title"]),
                sentence=sentence, sentence_start=p_start + s_at, sentence_end=p_start + s_at + len(sentence),
                paragraph_index=index))
        session.flush()
        return len(self.rows)


def _open_ends(row: dict) -> tuple[bool, bool]:
    """JSON Lines say it; in a CSV the modifier does ("since 2017" is ON_OR_AFTER)."""
    if "open_start" in row:
        return bool(row["open_start"]), bool(row["open_end"])
    modifier = row.get("modifier") or ""
    return modifier in ("BEFORE", "ON_OR_BEFORE"), modifier in ("AFTER", "ON_OR_AFTER")
