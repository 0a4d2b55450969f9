"""What a review compares, kept in the project so that it is computed once per document and per
event, not at every review: each document's vocabulary, MinHash sketch and LSH bands (near-copy
candidates of a new article come from an index look-up), each event's stems and names, and how
many events hold each word (the rarity weights). ``refresh`` fills in what is missing (new
documents and events) and drops what no longer exists; the full rebuild and the incremental
review both read from here, so they compare exactly the same things."""
from __future__ import annotations

import math
import sys
import zlib
from collections import Counter
from collections.abc import Collection, Iterable
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, literal, select
from sqlalchemy.orm import Session

from ..store.models import CopyBand, Document, Event, Mention, Meta, ReviewDocument, ReviewEvent, ReviewSpread, \
    ReviewTerm
from .profiles import WORDS_VERSION, EventProfile, Weights, common_words, event_key, event_terms, figures, names, \
    sentence_without, terms
from .wordsets import DocumentWords

PERMUTATIONS = 64
ROWS = 4  # per band: 16 bands, candidates from a similarity of about 0.4 up
_PRIME = np.uint64((1 << 61) - 1)
_RNG = np.random.default_rng(20261202)  # fixed: sketches stored in a project must stay comparable
_A = _RNG.integers(1, 1 << 32, PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, 1 << 32, PERMUTATIONS, dtype=np.uint64)
_MIX = _RNG.integers(1, 1 << 62, ROWS, dtype=np.uint64) | np.uint64(1)
CHUNK = 500
WORDS_KEY = "review_words"  # in meta: the rules the stored words were made by


def sketch(words: Iterable[str]) -> np.ndarray:
    """MinHash signature: for each of the hash functions, the least hash of the words."""
    hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64)
    if not len(hashed):
        return np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    return (((hashed[:, None] * _A + _B) % _PRIME) & np.uint64(0xFFFFFFFF)).min(axis=0).astype(np.uint32)


def bands(signature: np.ndarray) -> list[int]:
    """One signed 64-bit value per band of ROWS hashes (equal bands: a near-copy candidate)."""
    rows = signature.astype(np.uint64).reshape(-1, ROWS)
    mixed = np.bitwise_xor.reduce(rows * _MIX, axis=1) if ROWS > 1 else rows[:, 0]
    return [int(v) for v in mixed.view(np.int64)]


def refresh(session: Session, added: list[int] | None = None) -> None:
    """Vocabularies, sketches and event words for what was added since; nothing kept for what is
    gone. ``added``: only these new documents (an import, which removes nothing)."""
    if added is None:
        _drop_gone(session)
        _renew_words(session)
    missing = select(Document.id).outerjoin(ReviewDocument, ReviewDocument.document_id == Document.id) \
        .where(ReviewDocument.document_id.is_(None))
    if added is not None:
        missing = missing.where(Document.id.in_(added))
    ids = list(session.scalars(missing))
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(select(Document.id, Document.text).where(Document.id.in_(ids[start:start + CHUNK])))
        documents, banded = [], []
        for document_id, text in rows:
            words = terms(text)
            signature = sketch(words)
            documents.append({"document_id": document_id, "vocabulary": " ".join(sorted(words)),
                              "sketch": signature.astype("<u4").tobytes()})
            banded += [{"band": b, "value": v, "document_id": document_id} for b, v in enumerate(bands(signature))]
        session.execute(insert(ReviewDocument), documents)
        session.execute(insert(CopyBand), banded)
    events = select(Event.id, Event.sentence, Mention.text, Event.document_id, Mention.granularity, Mention.t0,
                    Mention.t1).join(Mention, Mention.id == Event.mention_id) \
        .outerjoin(ReviewEvent, ReviewEvent.event_id == Event.id).where(ReviewEvent.event_id.is_(None))
    if added is not None:
        events = events.where(Event.document_id.in_(added))
    batch: list[dict[str, Any]] = []
    for event_id, sentence, expression, document_id, granularity, t0, t1 in session.execute(events).all():
        context = sentence_without(sentence, expression)
        batch.append({"event_id": event_id, "document_id": document_id, "granularity": granularity or "",
                      "t0": t0, "t1": t1, "terms": " ".join(sorted(event_terms(context))),
                      "names": "|".join(sorted(names(context)))})
        if len(batch) >= 5000:
            session.execute(insert(ReviewEvent), batch)
            batch = []
    if batch:
        session.execute(insert(ReviewEvent), batch)


def _renew_words(session: Session) -> None:
    """Words stored by other rules (profiles.WORDS_VERSION) are all made again: words of two rules
    would not meet. The review's freshness stamp names the rules too, so such a project is rebuilt."""
    stored = session.get(Meta, WORDS_KEY)
    if stored is not None and stored.value == WORDS_VERSION:
        return
    for table in (ReviewDocument, CopyBand, ReviewEvent, ReviewTerm, ReviewSpread):
        session.execute(delete(table))
    session.merge(Meta(key=WORDS_KEY, value=WORDS_VERSION))


def _drop_gone(session: Session) -> None:
    documents = select(Document.id)
    session.execute(delete(ReviewDocument).where(ReviewDocument.document_id.not_in(documents)))
    session.execute(delete(CopyBand).where(CopyBand.document_id.not_in(documents)))
    session.execute(delete(ReviewEvent).where(ReviewEvent.event_id.not_in(select(Event.id))))


def document_figures(session: Session, ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """These documents' figures (profiles.figures), read from their texts: for near-copy candidates only."""
    found: dict[int, frozenset[str]] = {}
    for chunk in _chunks(ids):
        found.update((d, figures(text)) for d, text in session.execute(
            select(Document.id, Document.text).where(Document.id.in_(chunk or []))))
    return found


def vocabularies(session: Session, ids: Iterable[int] | None = None) -> dict[int, frozenset[str]]:
    query = select(ReviewDocument.document_id, ReviewDocument.vocabulary)
    found: dict[int, frozenset[str]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(query if chunk is None else query.where(ReviewDocument.document_id.in_(chunk)))
        found.update((d, _words(v.split())) for d, v in rows)
    return found


def document_words(session: Session, ids: Collection[int]) -> DocumentWords:
    """These documents' vocabularies as sparse rows, read as a stream (a full rebuild: no set of
    words kept per document)."""
    rows = session.execute(select(ReviewDocument.document_id, ReviewDocument.vocabulary)
                           .execution_options(yield_per=2000))
    return DocumentWords((d, v.split()) for d, v in rows if d in ids)


def sketches(session: Session, ids: Iterable[int] | None = None) -> dict[int, np.ndarray]:
    query = select(ReviewDocument.document_id, ReviewDocument.sketch)
    found: dict[int, np.ndarray] = {}
    for chunk in _chunks(ids):
        rows = session.execute(query if chunk is None else query.where(ReviewDocument.document_id.in_(chunk)))
        found.update((d, np.frombuffer(s, dtype="<u4")) for d, s in rows)
    return found


def _words(words: Iterable[str]) -> frozenset[str]:
    """Each word held once in memory however many events and documents hold it (a full rebuild
    of 50,000 articles reads millions)."""
    return frozenset(map(sys.intern, words))


def _chunks(ids: Iterable[int] | None) -> Iterable[list[int] | None]:
    if ids is None:
        yield None
        return
    listed = sorted(set(ids))
    for start in range(0, len(listed), CHUNK):
        yield listed[start:start + CHUNK]


def band_partners(session: Session, document_id: int) -> set[int]:
    """Documents sharing at least one LSH band with this one: its near-copy candidates."""
    mine = session.execute(select(CopyBand.band, CopyBand.value).where(CopyBand.document_id == document_id)).all()
    if not mine:
        return set()
    wanted = set(mine)
    rows = session.execute(select(CopyBand.band, CopyBand.value, CopyBand.document_id)
                           .where(CopyBand.value.in_([v for _, v in mine])))
    return {d for b, v, d in rows if (b, v) in wanted and d != document_id}


def profiles(session: Session, where: Any = None, words: bool = True) -> list[EventProfile]:
    """Event profiles from the stored words (``where``: only some events; ``words=False``: without
    them, for what only dates and groups them)."""
    stored = (ReviewEvent.terms, ReviewEvent.names) if words else (literal(""), literal(""))
    query = select(Event.id, Document.sha256, Mention.start, Mention.end, Event.document_id, Mention.t0, Mention.t1,
                   Mention.granularity, Mention.text, Mention.underspecified, Event.open_start | Event.open_end,
                   Event.confidence, *stored) \
        .join(Mention, Mention.id == Event.mention_id).join(Document, Document.id == Event.document_id)
    if words:
        query = query.join(ReviewEvent, ReviewEvent.event_id == Event.id)
    if where is not None:
        query = query.where(where)
    found, last_document = [], None
    ordered = query.order_by(Event.document_id, Mention.start, Event.id).execution_options(yield_per=5000)
    for r in session.execute(ordered):  # streamed: a full rebuild reads hundreds of thousands
        found.append(EventProfile(r[0], event_key(r.sha256, r.start, r.end), r.document_id, r.t0, r.t1,
                                  r.granularity, r.text, "UNDEF" in r.underspecified, bool(r[10]), r.confidence,
                                  _words(r[12].split()), _words(filter(None, r[13].split("|"))),
                                  r.document_id != last_document))
        last_document = r.document_id
    return found


def lead_flags(session: Session, document_ids: Iterable[int]) -> dict[int, int]:
    """The first event (by position) of each of these documents: the lead, as ``profiles`` marks it
    when it reads whole documents (ranked in the database: only the first rows come back)."""
    rank = func.row_number().over(partition_by=Event.document_id, order_by=(Mention.start, Event.id)).label("rank")
    first: dict[int, int] = {}
    for chunk in _chunks(document_ids):
        ranked = select(Event.document_id, Event.id, rank).join(Mention, Mention.id == Event.mention_id) \
            .where(Event.document_id.in_(chunk or [])).subquery()
        first.update(session.execute(select(ranked.c.document_id, ranked.c.id).where(ranked.c.rank == 1)).all())
    return first


def scoring_profiles(session: Session, event_ids: Collection[int]) -> list[EventProfile]:
    """Profiles for scoring links only (dates, words, lead flags; no key or expression), read from
    the index alone: a merge scores thousands of events around it, of which few link."""
    query = select(ReviewEvent.event_id, ReviewEvent.document_id, ReviewEvent.t0, ReviewEvent.t1,
                   ReviewEvent.granularity, Event.open_start | Event.open_end, ReviewEvent.terms, ReviewEvent.names) \
        .join(Event, Event.id == ReviewEvent.event_id)
    rows = [r for chunk in _chunks(event_ids) for r in session.execute(query.where(ReviewEvent.event_id.in_(chunk or [])))]
    leads = set(lead_flags(session, {r[1] for r in rows}).values())
    return [EventProfile(e, "", d, t0, t1, g or None, "", False, bool(o), 0.0, _words(terms.split()),
                         _words(filter(None, names.split("|"))), e in leads) for e, d, t0, t1, g, o, terms, names in rows]


def store_counts(session: Session, all_profiles: list[EventProfile]) -> dict[str, float]:
    """Count every word over all events and over documents (full rebuild), keep the counts,
    return the weights."""
    counts = Counter(t for p in all_profiles for t in p.words)
    spread = _spread(all_profiles)
    for table, column, found in ((ReviewTerm, "events", counts), (ReviewSpread, "documents", spread)):
        session.execute(delete(table))
        rows = [{"term": t, column: n} for t, n in found.items()]
        for start in range(0, len(rows), 5000):
            session.execute(insert(table), rows[start:start + 5000])
    return weights(counts, len(all_profiles), spread, document_count(session))


def _spread(profiles: list[EventProfile]) -> Counter[str]:
    """How many documents' events hold each word: one document's words at a time (the profiles are
    read in document order; 50,000 documents' word sets held at once were 100 MB or more)."""
    if any(a.document_id > b.document_id for a, b in zip(profiles, profiles[1:])):
        profiles = sorted(profiles, key=lambda p: p.document_id)
    spread: Counter[str] = Counter()
    words: set[str] = set()
    for i, p in enumerate(profiles):
        if i and p.document_id != profiles[i - 1].document_id:
            spread.update(words)
            words = set()
        words.update(p.words)
    spread.update(words)
    return spread


def document_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document)) or 0


def weights(counts: Counter[str] | dict[str, int], total: int, spread: dict[str, int] | None = None,
            documents: int = 0) -> dict[str, float]:
    """Inverse document frequency over the events' sentences: shared rare words say more. Also
    which words are common (``profiles.common_words``)."""
    found = Weights((t, math.log(1 + total / n)) for t, n in counts.items() if n)
    found.common = common_words(counts, total, spread or {}, documents)
    return found


def add_counts(session: Session, added: list[EventProfile]) -> None:
    """An import's new events counted in (the incremental review): its events' words, and its
    documents' (new documents: every one of their events is new)."""
    _add(session, ReviewTerm, "events", Counter(t for p in added for t in p.words))
    _add(session, ReviewSpread, "documents", _spread(added))


def _add(session: Session, table: Any, column: str, counts: Counter[str]) -> None:
    key, value = table.term, getattr(table, column)
    known = dict(session.execute(select(key, value).where(key.in_(list(counts)))).all()) if counts else {}
    for term, n in counts.items():
        if term in known:
            session.execute(table.__table__.update().where(key == term).values({column: known[term] + n}))
        else:
            session.execute(insert(table), [{"term": term, column: n}])


def counts_of(session: Session, words: set[str]) -> dict[str, int]:
    return _read(session, ReviewTerm.term, ReviewTerm.events, words)


def spread_of(session: Session, words: set[str]) -> dict[str, int]:
    return _read(session, ReviewSpread.term, ReviewSpread.documents, words)


def spread_missing(session: Session) -> bool:
    """Counts kept by a version that did not count documents: a full rebuild counts them."""
    return session.scalar(select(ReviewTerm.term).limit(1)) is not None \
        and session.scalar(select(ReviewSpread.term).limit(1)) is None


def _read(session: Session, key: Any, value: Any, words: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    listed = sorted(words)
    for start in range(0, len(listed), CHUNK):
        found.update(session.execute(select(key, value).where(key.in_(listed[start:start + CHUNK]))).all())
    return found


def longest(session: Session, granularity: str) -> float:
    """The longest interval of this granularity among the events (bounds how early one starts that
    still reaches a given day)."""
    return session.scalar(select(func.max(ReviewEvent.t1 - ReviewEvent.t0))
                          .where(ReviewEvent.granularity == granularity)) or 0.0


def window(session: Session, around: EventProfile, reach: float, longest_of: dict[str, float]) -> list[int]:
    """Events of the same granularity whose text's date lies within ``reach`` days of this one's
    (an index range on the start; ``longest_of``: granularity -> longest interval, filled as needed)."""
    granularity = around.granularity or ""
    if granularity not in longest_of:
        longest_of[granularity] = longest(session, granularity)
    return list(session.scalars(select(ReviewEvent.event_id).where(
        ReviewEvent.granularity == granularity, ReviewEvent.t0 >= around.t0 - reach - longest_of[granularity],
        ReviewEvent.t0 <= around.t1 + reach, ReviewEvent.t1 >= around.t0 - reach)))
