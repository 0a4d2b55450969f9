"""Rebuild the merged view: apply corrected datelines, merge events into happenings, find the
conflicts, and store it all in one transaction."""
from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from .. import calendar as cal
from ..store.session import Store
from ..store.models import Binned, Conflict, Document, Event, Happening, Mention
from . import decisions, edits, freshness
from .conflicts import DocumentInfo, Found, dateline_conflicts, settle_date
from .copies import jaccard, near_copies, star_pairs
from .matching import Link, find_links, group
from .profiles import EventProfile, event_key, in_words, names, sentence_without, terms

if TYPE_CHECKING:  # the importer, readers, pipeline and grammar load trafilatura, pypdf...: only when used
    from ..dateline import Dateline
    from ..importer import ImportReport, Progress
    from ..language import Language

ANALYST = "analyst"  # dateline method of a corrected document


@dataclass(frozen=True)
class RebuildSummary:
    happenings: int
    open_conflicts: int
    redated: int


def import_and_review(store: Store, paths: Iterable[str | Path], imported_at: datetime,
                      progress: Progress | None = None, **options: Any) -> tuple[ImportReport, RebuildSummary]:
    """Import, then merge sources and find conflicts again, unless nothing new came in."""
    from ..importer import import_paths

    report = import_paths(store, paths, imported_at, progress, **options)
    with store.session() as session:
        stale = not freshness.is_current(session)  # a rebuild killed earlier, or an import stopped before it
    if report.count("imported") or stale:
        if progress:
            progress(1, 1, "merging sources and finding conflicts")
        return report, rebuild_store(store)
    with store.session() as session:  # nothing changed: what the last rebuild stored still holds
        open_count = session.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open"))
        return report, RebuildSummary(session.scalar(select(func.count()).select_from(Happening)) or 0,
                                      open_count or 0, 0)


def rebuild_store(store: Store) -> RebuildSummary:
    """Rebuild in a transaction of its own (after an import)."""
    with store.session() as session, session.begin():
        return rebuild(session)


def rebuild(session: Session) -> RebuildSummary:
    built_from = freshness.data_state(session)
    rulings = decisions.rulings(session)
    edits.restore(session)  # the analyst's own edits come off, and go on again after the datelines
    _restore_read_dates(session)  # so do dates set on happenings (laid on again in _write)
    redated = _apply_datelines(session, rulings)
    edits.apply(session)
    docs = _documents(session)
    profiles = _profiles(session)
    vocabularies = _vocabularies(session, docs)
    # the strongest dateline heads a family: the most confident, then the earliest (the original)
    copies = star_pairs(near_copies(vocabularies),
                        {d.id: (d.confidence, -d.dateline_day, -d.id) for d in docs.values()})

    @lru_cache(maxsize=None)
    def topic(a: int, b: int) -> float:
        return jaccard(vocabularies[a], vocabularies[b])

    links = find_links(profiles, topic, {(a, b) for a, b, _ in copies}, _rarity(profiles))
    happenings = group(links, rulings.must, rulings.cannot, {p.key: p for p in profiles})
    suspects = dateline_conflicts(copies, links, docs, rulings)
    open_count = _write(session, happenings, links, suspects, docs, rulings)
    freshness.stamp(session, built_from)  # in the rebuild's transaction: a killed rebuild leaves it stale
    return RebuildSummary(len(happenings), open_count, redated)


def _apply_datelines(session: Session, rulings: decisions.Rulings) -> int:
    """Re-resolve documents whose dateline the analyst corrected, or whose correction was undone."""
    count = 0
    touched = or_(Document.sha256.in_(list(rulings.datelines)), Document.dateline_method == ANALYST)
    for doc in session.scalars(select(Document).where(touched)):  # the others keep their dates
        ruling = rulings.datelines.get(doc.sha256)
        if ruling and (doc.dateline_day != ruling[0] or doc.dateline_method != ANALYST):
            # the text's own (wrong) date line stays where it was: not an event
            span = (doc.dateline_start, doc.dateline_end) if doc.dateline_start is not None else None
            from ..dateline import Dateline

            _redate(session, doc, Dateline(ruling[0], ANALYST, 1.0, ruling[1], span=span))
        elif not ruling and doc.dateline_method == ANALYST:
            _redate(session, doc, _original_dateline(doc))
        else:
            continue
        count += 1
    return count


def _redate(session: Session, doc: Document, dateline: Dateline) -> None:
    from ..importer import replace_dates
    from ..pipeline import analyse

    replace_dates(session, doc, analyse(doc.text, _file_time(doc), dateline, _language(doc)))


def _original_dateline(doc: Document) -> Dateline:
    from ..dateline import choose_dateline
    from ..readers import read_bytes

    read = read_bytes(zlib.decompress(doc.raw), doc.filename)
    return choose_dateline(doc.text, _file_time(doc), read.dates, _language(doc))


def _language(doc: Document) -> Language:
    """The language found at import; a project from before languages were stored detects it now."""
    from ..language import Language, detect_language

    return Language.from_tag(doc.language) or detect_language(doc.text)


def _file_time(doc: Document) -> datetime | None:
    return datetime.fromisoformat(doc.file_time) if doc.file_time else None


def _documents(session: Session, ids: Iterable[int] | None = None) -> dict[int, DocumentInfo]:
    query = select(Document.id, Document.sha256, Document.filename, Document.dateline_day, Document.dateline_iso,
                   Document.dateline_method, Document.dateline_confidence, Document.title)
    if ids is not None:
        query = query.where(Document.id.in_(list(ids)))
    else:  # a binned document is in no family of near-copies (it could head one, or bridge two)
        query = query.where(Document.id.not_in(select(Binned.document_id).where(Binned.kind == "document")))
    return {r[0]: DocumentInfo(*r) for r in session.execute(query)}


_VOCABULARIES: dict[str, frozenset[str]] = {}  # by content hash: a document's words never change


def _vocabularies(session: Session, docs: dict[int, DocumentInfo]) -> dict[int, frozenset[str]]:
    """Each document's stemmed words; only documents not seen before are read and tokenised,
    since every decision rebuilds."""
    missing = [d.id for d in docs.values() if d.hash not in _VOCABULARIES]
    for chunk in range(0, len(missing), 500):
        rows = session.execute(select(Document.sha256, Document.text)
                               .where(Document.id.in_(missing[chunk:chunk + 500])))
        _VOCABULARIES.update((sha, terms(text)) for sha, text in rows)
    return {d.id: _VOCABULARIES[d.hash] for d in docs.values()}


def _profiles(session: Session, where: Any = None) -> list[EventProfile]:
    """Every event's profile (``where``: only some, e.g. one happening's)."""
    query = select(Event.id, Document.sha256, Mention.start, Mention.end, Event.document_id, Mention.t0, Mention.t1,
                   Mention.granularity, Mention.text, Mention.underspecified, Event.open_start | Event.open_end,
                   Event.confidence, Event.sentence) \
        .join(Mention, Mention.id == Event.mention_id).join(Document, Document.id == Event.document_id)
    if where is not None:
        query = query.where(where)
    rows = session.execute(query.order_by(Event.document_id, Mention.start)).all()
    profiles, last_document = [], None
    for r in rows:
        context = sentence_without(r.sentence, r.text)
        profiles.append(EventProfile(r.id, event_key(r.sha256, r.start, r.end), r.document_id, r.t0, r.t1,
                                     r.granularity, r.text, "UNDEF" in r.underspecified, bool(r[10]), r.confidence,
                                     terms(context), names(context), r.document_id != last_document))
        last_document = r.document_id
    return profiles


def _rarity(profiles: list[EventProfile]) -> dict[str, float]:
    """Inverse document frequency over the events' sentences: shared rare words say more."""
    counts = Counter(t for p in profiles for t in p.words)
    return {t: math.log(1 + len(profiles) / n) for t, n in counts.items()}


def _write(session: Session, happenings: list[list[EventProfile]], links: list[Link],
           suspects: dict[int, Found], docs: dict[int, DocumentInfo], rulings: decisions.Rulings) -> int:
    numbers = _ConflictNumbers(session)
    session.execute(delete(Conflict))
    session.execute(delete(Happening))
    session.execute(update(Event).where(Event.happening_id.is_not(None)).values(happening_id=None, disputed=False))
    edited = set(session.scalars(_dates_changed()))  # an event's own edited date outranks its happening's
    found_all: list[tuple[Found, int | None]] = [(f, None) for f in suspects.values()]
    open_count = sum(1 for f in suspects.values() if f.status == "open")
    home = {p.key: number for number, members in enumerate(happenings) for p in members}
    explained: dict[int, list[Link]] = {}
    for link in links:
        if home.get(link.a.key) is not None and home.get(link.a.key) == home.get(link.b.key):
            explained.setdefault(home[link.a.key], []).append(link)
    for number, members in enumerate(happenings):
        (t0, t1), found = settle_date(members, docs, suspects, rulings)
        happening = Happening(t0=t0, t1=t1, start_iso=cal.iso_date(t0), end_iso=cal.iso_date(t1 - 1),
                              sources=len({p.document_id for p in members if p.t0 < t1 and t0 < p.t1}),
                              conflict=found.status if found else "none", why=why_merged(explained.get(number, [])))
        session.add(happening)
        session.flush()
        session.execute(update(Event).where(Event.id.in_([p.event_id for p in members]))
                        .values(happening_id=happening.id, disputed=bool(found and found.status == "open")))
        _apply_decided_date(session, [p for p in members if p.event_id not in edited], rulings)
        if found:
            found_all.append((found, happening.id))
            open_count += found.status == "open"
    _insert_conflicts(session, found_all, numbers)
    return open_count


def _dates_changed() -> Any:
    return select(Event.id).join(Mention, Mention.id == Event.mention_id).where(
        or_(Event.t0 != Mention.t0, Event.t1 != Mention.t1, Event.granularity != Mention.granularity))


def _restore_read_dates(session: Session) -> None:
    """Events whose date a decision had set go back to the date their text gives; the decisions
    still in force set them again (an undone decision must leave no trace)."""
    ids = list(session.scalars(_dates_changed()))
    for chunk in range(0, len(ids), 500):
        for event_id, t0, t1, granularity in session.execute(
                select(Event.id, Mention.t0, Mention.t1, Mention.granularity)
                .join(Mention, Mention.id == Event.mention_id).where(Event.id.in_(ids[chunk:chunk + 500]))).all():
            session.execute(update(Event).where(Event.id == event_id)
                            .values(t0=t0, t1=t1, granularity=granularity or "day"))


def _apply_decided_date(session: Session, members: list[EventProfile], rulings: decisions.Rulings) -> None:
    """A date the analyst set or accepted moves every event of the happening (timeline, list, CSV)."""
    ruling = rulings.date_for({p.key for p in members})
    if ruling is None or ruling.t0 is None or ruling.t1 is None:
        return
    moved = [p.event_id for p in members if (p.t0, p.t1) != (ruling.t0, ruling.t1)
             or (ruling.granularity and ruling.granularity != p.granularity)]
    if moved:
        values: dict[str, Any] = {"t0": ruling.t0, "t1": ruling.t1}
        if ruling.granularity:
            values["granularity"] = ruling.granularity
        session.execute(update(Event).where(Event.id.in_(moved)).values(**values))


def why_merged(links: list[Link]) -> str:
    """Why these sources were merged, bounded: how many pairs, and the words they share most."""
    if not links:
        return ""
    words = Counter(in_words(w) for link in links for w in link.shared[:6])
    hows = Counter(link.how for link in links)
    kinds = ", ".join(f"{n} {how}" for how, n in hows.most_common())
    shared = ", ".join(w for w, _ in words.most_common(8))
    best = max(link.score for link in links)
    return f"{len(links)} pair{'s' if len(links) > 1 else ''} ({kinds}), best score {best:.2f}; shared: {shared or 'no words'}"


class _ConflictNumbers:
    """A conflict keeps its number across rebuilds and restarts as long as its key stands."""

    def __init__(self, session: Session) -> None:
        self.known = dict(session.execute(select(Conflict.key, Conflict.id)).all())
        self.next = max(self.known.values(), default=0) + 1

    def of(self, key: str) -> int:
        if key not in self.known:
            self.known[key], self.next = self.next, self.next + 1
        return self.known[key]


def _insert_conflicts(session: Session, found: list[tuple[Found, int | None]], numbers: _ConflictNumbers) -> None:
    """Store conflicts in one statement, each under its lasting number."""
    if not found:
        return
    session.execute(insert(Conflict), [
        {"id": numbers.of(f.key), "key": f.key, "kind": f.kind, "status": f.status, "happening_id": happening_id,
         "document_id": f.document_id, "other_document_id": f.other_document_id,
         "cause_id": numbers.of(f.cause_key) if f.cause_key else None,
         "claims": json.dumps(f.claims), "gap_days": f.gap_days, "summary": f.summary, "suggestion": f.suggestion,
         "suggested_date": f.suggested_date, "reason": f.reason} for f, happening_id in found])
