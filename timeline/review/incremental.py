"""Review a few new articles without rebuilding the project: their near-copies come from the LSH
band index, their events' candidate links from the date-window index of events (same granularity,
within a week). In a small project, everything they are connected to is grouped again, exactly as
a full rebuild would. In a large one (where chains of possible links reach across the project),
the happenings those links reach join the grouping whole, each as one block: what the last review
grouped stays grouped, the new events join it or bring two together, and only the happenings that
change are written. A full rebuild may regroup differently where a new article bridges stories.
The cost follows the new articles and the happenings they touch, not the size of the project.
Where it cannot answer (a decision names a new document; in a small project, a family of copies
changed head), the caller rebuilds. Merges and splits: regroup.py."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Select, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from ..store.models import Annotation, Binned, Conflict, Decision, Document, Event, Happening, Mention, NearCopy
from . import decisions, freshness, index, kept_links
from .conflicts import DocumentInfo, Found, dateline_conflicts
from .copies import confirm, family_heads, screened, star_pairs
from .matching import NEAR_DATE_DAYS, Link, find_links, group, links_touching
from .profiles import EventProfile, event_key
from .rebuild import RebuildSummary, _documents, strengths, topic_of
from .write import Scope, _dates_changed, restore_read_dates, write_review

MAX_NEW = 50  # more new documents at once: one full rebuild costs less than this many look-ups
MAX_REGION = 3000  # events connected to the new ones: beyond this, the full rebuild is the cheaper way
EXACT_PROJECT = 2000  # events: a smaller project regroups what a new article is connected to, as a full
# rebuild would; in a larger one the chains of possible links reach far, and what it reaches joins as blocks


class _TooConnected(Exception):
    """The part of the project to group again is too large to gain anything over a full rebuild."""


def review_new(session: Session, new_ids: list[int]) -> RebuildSummary | None:
    """Merge and check these newly imported documents into the stored review; None: rebuild instead."""
    if not new_ids or len(new_ids) > MAX_NEW or _decided_on(session, new_ids) or index.spread_missing(session):
        return None
    built_from = freshness.data_state(session)
    keep = kept_links.adder(session, new_ids)
    index.refresh(session, new_ids)
    rulings = decisions.rulings(session)
    added = index.profiles(session, Event.document_id.in_(new_ids))
    index.add_counts(session, added)
    family_docs, copies, new_head = _copies_of_new(session, new_ids)
    seed = list(({p.key: p for p in added} | {p.key: p for p in _whole(session, family_docs - set(new_ids))}).values())
    region, blocks, reading = _reach(session, seed, {(a, b) for a, b, _ in copies})
    if reading[2].total <= EXACT_PROJECT:
        if new_head:  # its copies pair with another document: the rebuild regroups them
            return None
        done = _regroup(session, seed, rulings, family_docs, copies, built_from, keep)
        if done is not None:
            return done
    return _attach(session, region, blocks, rulings, family_docs, copies, built_from, reading, keep)


def _reach(session: Session, seed: list[EventProfile], copies: set[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """The seed with the events it may link with (index look-ups around the seed only), the
    stored happenings of these with all their members, and what was read for the links."""
    vocabularies: dict[int, frozenset[str]] = {}
    topic = topic_of(vocabularies)  # reads the dictionary as it grows
    counts = _Counts(session)
    near = _around(session, seed, {})
    vocabularies.update(index.vocabularies(session, {p.document_id for p in seed + near}))
    reached = {p.event_id for link in links_touching(seed, near, topic, copies, counts.weights(seed + near))
               for p in (link.a, link.b)}
    region = seed + [p for p in near if p.event_id in reached]
    return region, _blocks(session, {p.event_id for p in region}), (topic, vocabularies, counts)


def _attach(session: Session, region: list[EventProfile], blocks: dict[int, list[EventProfile]],  # type: ignore[no-untyped-def]
            rulings: decisions.Rulings, family_docs: set[int], copies: list[tuple[int, int, float]], built_from: str,
            reading, keep: Callable[[list[Link]], None]) -> RebuildSummary:
    """Group the new events with the events they may link with, each happening these belong to
    kept whole as one block (chained by forced joins); write the happenings that changed. Not
    always what a full rebuild gives: it may regroup old happenings that a new event bridges."""
    topic, vocabularies, counts = reading
    copy_set = {(a, b) for a, b, _ in copies}
    _pair_families(session, {p.document_id for p in region}, copy_set, {d for pair in copy_set for d in pair})
    vocabularies.update(index.vocabularies(session, {p.document_id for p in region} - set(vocabularies)))
    links = find_links(sorted(region, key=lambda p: (p.document_id, p.event_id)), topic, copy_set,
                       counts.weights(region), copy_heads(session, copy_set))
    keep(links)
    everyone = {p.key: p for members in blocks.values() for p in members} | {p.key: p for p in region}
    chained = [(members[0].key, p.key) for members in blocks.values() for p in members[1:]]
    grouped = group(links, rulings.must + chained, rulings.cannot, everyone)
    was = {frozenset(p.key for p in members): h for h, members in blocks.items()}
    changed = [g for g in grouped if frozenset(p.key for p in g) not in was or {p.document_id for p in g} & family_docs]
    changed_keys = {p.key for g in changed for p in g}
    old = {h for h, members in blocks.items() if members[0].key in changed_keys}
    in_changed = select(Document.id).where(or_(Document.id.in_(sorted(family_docs)), Document.id.in_(
        select(Event.document_id).where(or_(Event.happening_id.in_(sorted(old)),
                                            Event.id.in_(sorted({p.event_id for p in region})))))))
    docs = _documents(session, in_changed)
    fresh = dateline_conflicts(copies, links, docs, rulings)
    suspects = {d: found for d, found in _stored_suspects(session, in_changed).items() if d not in family_docs} | fresh
    # only events whose date differs from their text's can hold a decided or edited date
    redated = set(session.scalars(_dates_changed().where(or_(
        Event.happening_id.in_(sorted(old)), Event.id.in_(sorted(p.event_id for p in region))))))
    members = [p for g in changed for p in g]
    restore_read_dates(session, Scope(events=redated - _edited(session, members)))
    write_review(session, changed, links, suspects, docs, rulings, Scope(old, family_docs, redated),
                 insert_datelines=set(fresh))
    freshness.stamp(session, built_from)
    return _summary(session)


def _blocks(session: Session, event_ids: set[int]) -> dict[int, list[EventProfile]]:
    """The stored happenings of these events, each with all its members."""
    homes = sorted(set(session.scalars(select(Event.happening_id).where(
        Event.id.in_(sorted(event_ids)), Event.happening_id.is_not(None)))))
    blocks: dict[int, list[EventProfile]] = {}
    if not homes:
        return blocks
    home_of = dict(session.execute(select(Event.id, Event.happening_id).where(Event.happening_id.in_(homes))).all())
    for p in index.profiles(session, Event.happening_id.in_(homes), words=False):  # links come from the region
        blocks.setdefault(home_of[p.event_id], []).append(p)
    return blocks


def _regroup(session: Session, seed: list[EventProfile], rulings: decisions.Rulings, family_docs: set[int],
             copies: list[tuple[int, int, float]], built_from: str,
             keep: Callable[[list[Link]], None]) -> RebuildSummary | None:
    vocabularies: dict[int, frozenset[str]] = {}
    topic = topic_of(vocabularies)  # reads the dictionary as it grows
    copy_set = {(a, b) for a, b, _ in copies}
    counts = _Counts(session)
    try:
        region, old_happenings = _component(session, seed, rulings, topic, vocabularies, copy_set, counts)
    except _TooConnected:
        return None  # the rebuild then rewrites what was written so far (index rows, word counts, copy pairs)
    profiles = sorted(region.values(), key=lambda p: (p.document_id, p.event_id))
    links = find_links(profiles, topic, copy_set, counts.weights(profiles), copy_heads(session, copy_set))
    keep(links)
    happenings = group(links, rulings.must, rulings.cannot, {p.key: p for p in profiles})
    docs = _documents(session, {p.document_id for p in profiles} | family_docs)
    fresh = dateline_conflicts(copies, links, docs, rulings)
    suspects = _stored_suspects(session, set(docs) - family_docs) | fresh
    scope = Scope(happenings=old_happenings, documents=family_docs, events={p.event_id for p in profiles})
    restore_read_dates(session, Scope(events=scope.events - _edited(session, profiles)))
    write_review(session, happenings, links, suspects, docs, rulings, scope, insert_datelines=set(fresh))
    freshness.stamp(session, built_from)
    return _summary(session)


def _summary(session: Session) -> RebuildSummary:
    return RebuildSummary(session.scalar(select(func.count()).select_from(Happening)) or 0,
                          session.scalar(select(func.count()).select_from(Conflict)
                                         .where(Conflict.status == "open")) or 0, 0)


def _event_ids(session: Session, keys: set[str]) -> set[int]:
    prefixes = sorted({k.split(":")[0] for k in keys})
    if not prefixes:
        return set()
    return {event_id for event_id, sha, start, end in _keyed_rows(session, prefixes) if event_key(sha, start, end) in keys}


def _keyed_rows(session: Session, prefixes: list[str]) -> list:  # type: ignore[type-arg]
    """The events of the documents whose hashes start so: a range on the indexed hash (hex, so
    below prefix + 'g'), where LIKE 'prefix%' (case-blind in SQLite) scanned every document, and
    the events by document, where the join was planned as a scan of every event."""
    documents: list[int] = []
    for start in range(0, len(prefixes), 200):
        documents += session.scalars(select(Document.id).where(or_(*[
            and_(Document.sha256 >= h, Document.sha256 < h + "g") for h in prefixes[start:start + 200]])))
    rows = []
    for start in range(0, len(documents), 500):
        rows += session.execute(_keys().where(Event.document_id.in_(sorted(documents)[start:start + 500]))).all()
    return rows


def _edited(session: Session, profiles: list[EventProfile]) -> set[int]:
    """Events whose own date the analyst edited: they keep it (the full rebuild lays edits on again)."""
    keys = {p.key: p.event_id for p in profiles}
    edited = session.scalars(select(Annotation.event_key).where(Annotation.date_edited.is_(True)))
    return {keys[k] for k in edited if k in keys}


def _decided_on(session: Session, new_ids: list[int]) -> bool:
    """A decision already naming one of these documents (a re-import after removal): rebuild."""
    hashes = [h[:16] for h in session.scalars(select(Document.sha256).where(Document.id.in_(new_ids)))]
    if not session.scalar(select(Decision.id).limit(1)):
        return False
    return session.scalar(select(Decision.id).where(or_(*[Decision.payload.contains(h) for h in hashes])).limit(1)) \
        is not None


def _copies_of_new(session: Session, new_ids: list[int]) -> tuple[set[int], list[tuple[int, int, float]], bool]:
    """The new documents' near-copies (band look-up, then the same screen and Jaccard as the full
    rebuild); the families they joined, stored with their star pairs; whether a family's head
    changed (every copy in it then pairs with another document)."""
    candidates: set[tuple[int, int]] = set()
    for document_id in new_ids:
        for other in index.band_partners(session, document_id):
            candidates.add((min(document_id, other), max(document_id, other)))
    binned = set(session.scalars(select(Binned.document_id).where(Binned.kind == "document")))
    candidates = {(a, b) for a, b in candidates if not {a, b} & binned}  # a binned document has no copies
    partner_sketches = index.sketches(session, {d for pair in candidates for d in pair})
    candidates = {(a, b) for a, b in candidates if screened(partner_sketches[a], partner_sketches[b])}
    vocabularies = index.vocabularies(session, {d for pair in candidates for d in pair})
    found = confirm(sorted(candidates), vocabularies, lambda ids: index.document_figures(session, ids))
    if not found:
        return set(), [], False
    members = _family(session, {d for a, b, _ in found for d in (a, b)})
    pairs = session.execute(select(NearCopy.a, NearCopy.b, NearCopy.similarity)
                            .where(NearCopy.a.in_(sorted(members)))).all()
    pairs = sorted([*((a, b, s) for a, b, s in pairs), *found], key=lambda p: (-p[2], p[0], p[1]))
    strength = strengths(_documents(session, members))
    before = star_pairs([p for p in pairs if not ({p[0], p[1]} & set(new_ids))], strength)
    after = star_pairs(pairs, strength)
    session.execute(delete(NearCopy).where(or_(NearCopy.a.in_(sorted(members)), NearCopy.b.in_(sorted(members)))))
    session.execute(NearCopy.__table__.insert(), [{"a": a, "b": b, "similarity": s} for a, b, s in after])
    return members, after, bool({(a, b) for a, b, _ in before} - {(a, b) for a, b, _ in after})


def _family(session: Session, start: set[int]) -> set[int]:
    """Every document joined to these through near-copy pairs."""
    members, frontier = set(start), set(start)
    while frontier:
        rows = session.execute(select(NearCopy.a, NearCopy.b).where(
            or_(NearCopy.a.in_(sorted(frontier)), NearCopy.b.in_(sorted(frontier))))).all()
        frontier = {d for row in rows for d in row} - members
        members |= frontier
    return members


def _whole(session: Session, document_ids: set[int]) -> list[EventProfile]:
    return index.profiles(session, Event.document_id.in_(sorted(document_ids))) if document_ids else []


def _around(session: Session, seed: list[EventProfile], longest_of: dict[str, float]) -> list[EventProfile]:
    """Events of other documents a seed event may link with: same granularity, within a week."""
    mine = {p.event_id for p in seed}
    ids: set[int] = set()
    for p in seed:
        ids.update(index.window(session, p, NEAR_DATE_DAYS, longest_of))
    ids -= mine
    return _with_leads(session, index.profiles(session, Event.id.in_(sorted(ids)))) if ids else []


def _with_leads(session: Session, found: list[EventProfile]) -> list[EventProfile]:
    """Profiles read event by event: the lead flag as reading whole documents gives it."""
    from dataclasses import replace

    leads = set(index.lead_flags(session, {p.document_id for p in found}).values())
    return [p if p.lead == (p.event_id in leads) else replace(p, lead=p.event_id in leads) for p in found]


class _Counts:
    """Word counts read from the index as words come up; weights over the project's events."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[str, int] = {}
        self.spread: dict[str, int] = {}
        self.total = session.scalar(select(func.count()).select_from(Event)) or 0
        self.documents = index.document_count(session)

    def weights(self, profiles: list[EventProfile]) -> dict[str, float]:
        words = {t for p in profiles for t in p.words}
        unread = words - set(self.known)
        self.known.update(index.counts_of(self.session, unread))
        self.spread.update(index.spread_of(self.session, unread))
        return index.weights({t: self.known.get(t, 0) for t in words}, self.total,
                             {t: self.spread.get(t, 0) for t in words}, self.documents)


def _component(session: Session, seed: list[EventProfile], rulings: decisions.Rulings, topic, vocabularies,  # type: ignore[no-untyped-def]
               copies: set[tuple[int, int]], counts: _Counts) -> tuple[dict[int, EventProfile], set[int]]:
    """Every event connected to the seed by a possible link, a happening it belonged to, or a
    merge the analyst made: grouping depends on nothing outside it, so grouping it again gives
    what a full rebuild gives. Also the ids of the happenings it held."""
    region: dict[int, EventProfile] = {}
    happenings: set[int] = set()
    checked: set[int] = {d for pair in copies for d in pair}  # families already paired
    longest_of: dict[str, float] = {}
    must: dict[str, set[str]] = {}
    for a, b in rulings.must:
        must.setdefault(a, set()).add(b)
        must.setdefault(b, set()).add(a)
    pending = seed
    while pending:
        region.update((p.event_id, p) for p in pending)
        if len(region) > MAX_REGION:
            raise _TooConnected
        near = [p for p in _around(session, pending, longest_of) if p.event_id not in region]
        vocabularies.update(index.vocabularies(session, {p.document_id for p in pending + near} - set(vocabularies)))
        links = links_touching(pending, near, topic, copies, counts.weights(pending + near))
        found = {p.event_id for link in links for p in (link.a, link.b)}
        homes = set(session.scalars(select(Event.happening_id).where(
            Event.id.in_(sorted(p.event_id for p in pending)), Event.happening_id.is_not(None)))) - happenings
        happenings |= homes
        if homes:
            found |= set(session.scalars(select(Event.id).where(Event.happening_id.in_(sorted(homes)))))
        found |= _merged_with(session, {p.event_id for p in pending}, must)
        found |= _copy_partners(session, {p.document_id for p in pending}, copies, checked)
        found -= set(region)
        pending = _with_leads(session, index.profiles(session, Event.id.in_(sorted(found)))) if found else []
    return region, happenings


def _copy_partners(session: Session, documents: set[int], copies: set[tuple[int, int]], checked: set[int]) -> set[int]:
    """Events of the near-copies of these documents (their events pair across dates and
    granularities); the families' star pairs join ``copies``."""
    partners = _pair_families(session, documents, copies, checked) - documents
    if not partners:
        return set()
    return set(session.scalars(select(Event.id).where(Event.document_id.in_(sorted(partners)))))


def _pair_families(session: Session, documents: set[int], copies: set[tuple[int, int]], checked: set[int]) -> set[int]:
    """The star pairs of these documents' families of near-copies join ``copies``; the members of
    those families (``checked``: documents whose families are paired already)."""
    unseen = sorted(documents - checked)
    paired = set(session.scalars(select(NearCopy.a).where(NearCopy.a.in_(unseen)))) | \
        set(session.scalars(select(NearCopy.b).where(NearCopy.b.in_(unseen)))) if unseen else set()
    checked |= set(unseen) - paired
    members: set[int] = set()
    for document_id in sorted(paired - checked):
        if document_id in checked:  # in the family of one met before
            continue
        family = _family(session, {document_id})
        checked |= family
        members |= family
        pairs = session.execute(select(NearCopy.a, NearCopy.b, NearCopy.similarity)
                                .where(NearCopy.a.in_(sorted(family)))).all()
        pairs = sorted(((a, b, s) for a, b, s in pairs), key=lambda p: (-p[2], p[0], p[1]))
        copies.update((a, b) for a, b, _ in star_pairs(pairs, strengths(_documents(session, family))))
    return members


def copy_heads(session: Session, copies: set[tuple[int, int]]) -> set[int]:
    """The heads of the families these star pairs make (the strongest dateline of each)."""
    return family_heads(copies, strengths(_documents(session, {d for pair in copies for d in pair})))


def _merged_with(session: Session, events: set[int], must: dict[str, set[str]]) -> set[int]:
    """Events the analyst merged with any of these (by their lasting keys)."""
    if not must:
        return set()
    keyed = {event_key(sha, start, end): event_id for event_id, sha, start, end in session.execute(
        _keys().where(Event.id.in_(sorted(events))))}
    wanted = {other for k in keyed for other in must.get(k, ())} - set(keyed)
    if not wanted:
        return set()
    prefixes = sorted({k.split(":")[0] for k in wanted})
    return {event_id for event_id, sha, start, end in _keyed_rows(session, prefixes)
            if event_key(sha, start, end) in wanted}


def _keys():  # type: ignore[no-untyped-def]
    return select(Event.id, Document.sha256, Mention.start, Mention.end) \
        .join(Document, Document.id == Event.document_id).join(Mention, Mention.id == Event.mention_id)


def _stored_suspects(session: Session, document_ids: set[int] | Select) -> dict[int, Found]:
    """Dateline conflicts of documents outside the families looked at: kept as stored, read for
    how much each source is trusted."""
    if not isinstance(document_ids, Select):
        document_ids = sorted(document_ids)
    return {document_id: Found(key, "dateline", status) for document_id, key, status in session.execute(
        select(Conflict.document_id, Conflict.key, Conflict.status).where(
            Conflict.kind == "dateline", Conflict.document_id.in_(document_ids)))}


__all__ = ["review_new", "MAX_NEW", "DocumentInfo", "Link"]
