"""Rebuild the merged view: apply corrected datelines, merge events into happenings, find the
conflicts, and store it all in one transaction."""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from sqlalchemy import Select, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from ..store.models import Binned, Conflict, Document, Happening, NearCopy
from ..store.session import Store
from . import decisions, edits, freshness, index, kept_links
from .conflicts import DocumentInfo, dateline_conflicts
from .copies import copy_stars, family_heads, jaccard
from .matching import find_links, group
from .write import restore_read_dates, write_review

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

    with store.session() as session:
        current = freshness.is_current(session)  # else a rebuild was killed, or an import stopped before it
    report = import_paths(store, paths, imported_at, progress, **options)
    if report.count("imported") or not current:
        if progress:
            progress(1, 1, "merging sources and finding conflicts")
        new = [r.document_id for r in report.results if r.status == "imported" and r.document_id is not None]
        return report, review_store(store, new if current else None)
    with store.session() as session:  # nothing changed: what the last rebuild stored still holds
        open_count = session.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open"))
        return report, RebuildSummary(session.scalar(select(func.count()).select_from(Happening)) or 0,
                                      open_count or 0, 0)


def review_store(store: Store, new_documents: list[int] | None) -> RebuildSummary:
    """After an import into a review that was current: only the new documents' part of it
    (incremental.py) when it can; else a full rebuild."""
    from .incremental import review_new

    with store.session() as session, session.begin():
        done = review_new(session, new_documents) if new_documents else None
        return done if done is not None else rebuild(session)


def rebuild_store(store: Store) -> RebuildSummary:
    """Rebuild in a transaction of its own (after an import)."""
    with store.session() as session, session.begin():
        return rebuild(session)


def rebuild(session: Session) -> RebuildSummary:
    built_from, links_from = freshness.data_state(session), kept_links.state(session)
    rulings = decisions.rulings(session)
    edits.restore(session)  # the analyst's own edits come off, and go on again after the datelines
    restore_read_dates(session)  # so do dates set on happenings (laid on again in write_review)
    redated = _apply_datelines(session, rulings)
    edits.apply(session)
    index.refresh(session)
    docs = _documents(session)
    profiles = index.profiles(session)
    weight = index.store_counts(session, profiles)
    vocabularies = index.document_words(session, docs)  # binned ones: no copies
    strength = strengths(docs)
    copies = copy_stars(vocabularies, {d: s for d, s in index.sketches(session).items() if d in docs}, strength,
                        lambda ids: index.document_figures(session, ids))
    # each family stored as its star (every copy with its head): the same families and heads read
    # back (incremental.py), n - 1 rows where all pairs of 3,000 copies were 4.5 million
    session.execute(delete(NearCopy))
    for start in range(0, len(copies), 5000):
        session.execute(insert(NearCopy), [{"a": a, "b": b, "similarity": s} for a, b, s in copies[start:start + 5000]])
    pairs = {(a, b) for a, b, _ in copies}
    links = find_links(profiles, vocabularies, pairs, weight, family_heads(pairs, strength))  # topics: many at once
    kept_links.keep(session, links, links_from)
    happenings = group(links, rulings.must, rulings.cannot, {p.key: p for p in profiles})
    suspects = dateline_conflicts(copies, links, docs, rulings)
    write_review(session, happenings, links, suspects, docs, rulings)
    open_count = session.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open")) or 0
    freshness.stamp(session, built_from)  # in the rebuild's transaction: a killed rebuild leaves it stale
    return RebuildSummary(len(happenings), open_count, redated)


def strengths(docs: dict[int, DocumentInfo]) -> dict[int, tuple]:
    """The strongest dateline heads a family of copies: the most confident, then the earliest."""
    return {d.id: (d.confidence, -d.dateline_day, -d.id) for d in docs.values()}


def topic_of(vocabularies: dict[int, frozenset[str]]) -> Callable[[int, int], float]:
    """The two documents' overall similarity, computed once per pair while their events are compared
    (links are found in date order: a bounded cache, where millions of pairs would stay in memory)."""
    @lru_cache(maxsize=1 << 17)
    def topic(a: int, b: int) -> float:
        return jaccard(vocabularies[a], vocabularies[b])
    return topic


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
    if ids is not None:  # a list, or a query of ids (no list of thousands of parameters)
        query = query.where(Document.id.in_(ids if isinstance(ids, Select) else list(ids)))
    else:  # a binned document is in no family of near-copies (it could head one, or bridge two)
        query = query.where(Document.id.not_in(select(Binned.document_id).where(Binned.kind == "document")))
    return {r[0]: DocumentInfo(*r) for r in session.execute(query)}
