"""A merge or a split (or its undo or redo) regroups only the happenings it touches.

Links do not depend on the analyst's merges and splits; only grouping does, and grouping takes the
links strongest first (matching.group). The touched happenings are grouped again with the
happenings their links reach, each reached one with the links among its own members: a reached
happening that joins nothing evolves as it did in the last review (its members meet the same links
in the same order), and then nothing beyond it can change either. A reached happening that does
join (or break) becomes touched and the grouping is done again. The result is what a full rebuild
gives, at the cost of the happenings touched and their neighbours, not of the project.

Links are found as the full rebuild finds them (find_links), over whole documents: pairing events
one to one looks only at the two documents' events, pairing near-copies at the family's star, so
a document pair's links come out the same from any set of documents holding both (and the head
of each copy's family)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.models import Event, ReviewEvent
from . import decisions, freshness, index, kept_links
from .incremental import (_Counts, _edited, _event_ids, _merged_with, _pair_families, _stored_suspects,
                          _summary, copy_heads)
from .matching import NEAR_DATE_DAYS, Link, _prefix, _score, _strongest_first, find_links, group
from .profiles import EventProfile
from .rebuild import RebuildSummary, _documents, topic_of
from .write import Scope, restore_read_dates, write_review

# events grouped again, with the happenings their links reach: beyond this the caller's full
# rebuild is cheaper, and bounded in memory (at 50,000 articles a merge reaching happenings of
# thousands of events took up to 313 s and 6.6 GB here, the full rebuild 75 s and 0.9 GB)
MAX_REGION = 5000


def regroup_events(session: Session, keys: set[str]) -> RebuildSummary | None:
    """After a merge or a split (or their undoing): group again the happenings these events are
    in and those that change with them; None when the events are gone or too much would change
    (the caller rebuilds)."""
    session.flush()
    built_from = freshness.data_state(session)
    ids = _event_ids(session, keys)
    if not ids:
        return None
    rulings = decisions.rulings(session)
    finder = _Finder(session)
    touched = ids | _members_of(session, _homes(session, ids))
    must = _must_map(rulings.must)
    while True:
        touched |= _merged_with(session, touched, must)
        if len(touched) > MAX_REGION:
            return None
        links = finder.touching(touched)
        blocks = _blocks(session, {p.event_id for link in links for p in (link.a, link.b)} - touched)
        if len(touched) + sum(len(members) for members in blocks.values()) > MAX_REGION:
            return None
        inner = finder.within(blocks)
        profiles = finder.profiles(touched | {e for members in blocks.values() for e in members})
        if len(profiles) < len(touched):  # an event without its stored words: the index is not complete
            return None
        grouped = group(links + inner, rulings.must, rulings.cannot, {p.key: p for p in profiles})
        broken = _changed(grouped, blocks)
        if not broken:
            break
        touched |= broken
    changed = [g for g in grouped if g[0].event_id in touched]
    _write(session, changed, list(_strongest_first(links)), touched, rulings)
    freshness.stamp(session, built_from)
    return _summary(session)


def _write(session: Session, changed: list[list[EventProfile]], links: list[Link], touched: set[int],
           rulings: decisions.Rulings) -> None:
    """Replace the touched events' happenings (and their date conflicts) by the new grouping;
    the datelines' conflicts stay as stored (links, hence near-copy shifts, did not change)."""
    documents = set(session.scalars(select(Event.document_id).where(Event.id.in_(sorted(touched)))))
    docs = _documents(session, documents)
    scope = Scope(happenings=_homes(session, touched), events=touched)
    profiles = [p for g in changed for p in g]
    restore_read_dates(session, Scope(events=touched - _edited(session, profiles)))
    write_review(session, changed, links, _stored_suspects(session, documents), docs, rulings, scope,
                 insert_datelines=set())


class _Finder:
    """Links as the full rebuild finds them, for the events asked about, with what was read kept."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.vocabularies: dict[int, frozenset[str]] = {}
        self.topic = topic_of(self.vocabularies)  # reads the dictionary as it grows
        self.counts = _Counts(session)
        self.copies: set[tuple[int, int]] = set()  # star pairs of the families met so far
        self.paired: set[int] = set()  # documents whose families are in ``copies``
        self.by_document: dict[int, list[EventProfile]] = {}
        self.longest_of: dict[str, float] = {}
        self.done: set[int] = set()  # events whose links are found
        self.found: dict[tuple[int, int], Link] = {}
        self.blocks_done: dict[int, list[Link]] = {}
        self.kept = kept_links.usable(session)  # the last full rebuild's links still hold: read, not found

    def profiles(self, event_ids: set[int]) -> list[EventProfile]:
        documents = set(self.session.scalars(select(Event.document_id).where(Event.id.in_(sorted(event_ids)))))
        self._read(documents)
        return [p for d in documents for p in self.by_document[d] if p.event_id in event_ids]

    def touching(self, events: set[int]) -> list[Link]:
        """Every link with an end among these events."""
        new = events - self.done
        if new and self.kept:
            self.found.update(((link.a.event_id, link.b.event_id), link)
                              for link in kept_links.touching(self.session, new, self.profiles))
            self.done |= new
        elif new:
            seed = self.profiles(new)
            near = index.scoring_profiles(self.session, self._near(seed))
            self.vocabularies.update(index.vocabularies(self.session, {p.document_id for p in seed + near}
                                                        - set(self.vocabularies)))
            mine = {p.document_id for p in seed}
            others = _linkable(seed, near, self.topic, self.counts.weights(seed + near))
            for link in self._links(mine | others | self._partners(mine), {p.granularity for p in seed}):
                if link.a.event_id in new or link.b.event_id in new:
                    self.found[(link.a.event_id, link.b.event_id)] = link
            self.done |= new
        return [link for link in self.found.values() if link.a.event_id in events or link.b.event_id in events]

    def _near(self, seed: list[EventProfile]) -> set[int]:
        """Events of other documents within the week around a seed event's, of its granularity
        (index.window's reach), read by one range per run of seed events close in date."""
        found: set[int] = set()
        mine = {p.event_id for p in seed}
        for granularity in {p.granularity or "" for p in seed}:
            if granularity not in self.longest_of:
                self.longest_of[granularity] = index.longest(self.session, granularity)
            longest = self.longest_of[granularity]
            ordered = sorted((p for p in seed if (p.granularity or "") == granularity), key=lambda p: p.t0)
            for run in _runs(ordered, NEAR_DATE_DAYS + longest):
                rows = self.session.execute(select(ReviewEvent.event_id, ReviewEvent.t0, ReviewEvent.t1).where(
                    ReviewEvent.granularity == granularity,
                    ReviewEvent.t0 >= run[0].t0 - NEAR_DATE_DAYS - longest,
                    ReviewEvent.t0 <= max(p.t1 for p in run) + NEAR_DATE_DAYS))
                for event_id, t0, t1 in rows:
                    if event_id not in mine and any(p.t0 - NEAR_DATE_DAYS - longest <= t0 <= p.t1 + NEAR_DATE_DAYS
                                                    and t1 >= p.t0 - NEAR_DATE_DAYS for p in run):
                        found.add(event_id)
        return found

    def within(self, blocks: dict[int, set[int]]) -> list[Link]:
        """The links among each block's own members."""
        new = {h: members for h, members in blocks.items() if h not in self.blocks_done and len(members) > 1}
        if new:
            home = {e: h for h, members in new.items() for e in members}
            for h in new:
                self.blocks_done[h] = []
            found = kept_links.touching(self.session, set(home), self.profiles) if self.kept else self._among(set(home))
            for link in found:
                h = home.get(link.a.event_id)
                if h is not None and home.get(link.b.event_id) == h:
                    self.blocks_done[h].append(link)
        return [link for h in blocks if h in self.blocks_done for link in self.blocks_done[h]]

    def _among(self, events: set[int]) -> list[Link]:
        """The links of these events' documents, for events of their granularities."""
        rows = self.session.execute(select(ReviewEvent.document_id, ReviewEvent.granularity)
                                    .where(ReviewEvent.event_id.in_(sorted(events)))).all()
        return self._links({d for d, _ in rows}, {g for _, g in rows})

    def _partners(self, documents: set[int]) -> set[int]:
        """The near-copies paired with these documents (a family's head with every copy)."""
        _pair_families(self.session, documents, self.copies, self.paired)
        return {d for pair in self.copies if pair[0] in documents or pair[1] in documents for d in pair}

    def _links(self, documents: set[int], granularities: set[str]) -> list[Link]:
        """find_links over these documents and the heads of the copies among them: exact for
        every pair of these documents, for events of these granularities (date links pair only
        events of one granularity; near-copies, paired across granularities, are read whole)."""
        _pair_families(self.session, documents, self.copies, self.paired)
        heads = copy_heads(self.session, self.copies)
        with_heads = set(documents)
        for a, b in self.copies:
            if a in documents and b in heads:
                with_heads.add(b)
            if b in documents and a in heads:
                with_heads.add(a)
        self._read(with_heads)
        copied = {d for pair in self.copies for d in pair}
        wanted = {g or "" for g in granularities}  # the index keeps no granularity as ''
        profiles = sorted((p for d in with_heads for p in self.by_document[d]
                           if d in copied or (p.granularity or "") in wanted), key=lambda p: (p.document_id, p.event_id))
        self.vocabularies.update(index.vocabularies(self.session, with_heads - set(self.vocabularies)))
        copies = {pair for pair in self.copies if pair[0] in with_heads or pair[1] in with_heads}
        return [link for link in find_links(profiles, self.topic, copies, self.counts.weights(profiles), heads)
                if link.a.document_id in documents and link.b.document_id in documents]

    def _read(self, documents: Iterable[int]) -> None:
        missing = sorted(set(documents) - set(self.by_document))
        for start in range(0, len(missing), index.CHUNK):
            chunk = missing[start:start + index.CHUNK]
            for d in chunk:
                self.by_document[d] = []
            for p in index.profiles(self.session, Event.document_id.in_(chunk)):
                self.by_document[p.document_id].append(p)


def _runs(ordered: list[EventProfile], gap: float) -> list[list[EventProfile]]:
    """Events in date order cut where the next starts more than ``gap`` days after the last ends."""
    runs: list[list[EventProfile]] = []
    end = float("-inf")
    for p in ordered:
        if runs and p.t0 <= end + gap:
            runs[-1].append(p)
        else:
            runs.append([p])
        end = max(end, p.t1) if len(runs[-1]) > 1 else p.t1
    return runs


def _linkable(seed: list[EventProfile], near: list[EventProfile], topic: Callable[[int, int], float],
              weight: dict[str, float]) -> set[int]:
    """The documents of the events that link with a seed event (before one-to-one pairing):
    blocked as find_links blocks (a word of both rarest-word prefixes, a name, two leads), then
    scored, where scoring every seed event against the week around it cost tens of thousands of pairs."""
    by_word: dict[str, list[EventProfile]] = defaultdict(list)
    by_name: dict[str, list[EventProfile]] = defaultdict(list)
    leads = [p for p in seed + near if p.lead]
    for p in seed + near:
        for word in _prefix(p.words, weight):
            by_word[word].append(p)
        for name in p.names if p.day_precise else ():
            by_name[name].append(p)
    found: set[int] = set()
    for a in seed:
        pool = {b.event_id: b for b in leads} if a.lead else {}
        for word in _prefix(a.words, weight):
            pool.update((b.event_id, b) for b in by_word[word])
        for name in a.names if a.day_precise else ():
            pool.update((b.event_id, b) for b in by_name[name])
        for b in pool.values():
            early, late = (a, b) if a.t0 <= b.t0 else (b, a)
            if b.document_id in found or b.document_id == a.document_id or b.granularity != a.granularity \
                    or late.t0 > early.t1 + NEAR_DATE_DAYS:
                continue
            pair = (min(a.document_id, b.document_id), max(a.document_id, b.document_id))
            if _score(early, late, lambda pair=pair: topic(*pair), weight):
                found.add(b.document_id)
    return found


def _homes(session: Session, events: set[int]) -> set[int]:
    return set(session.scalars(select(Event.happening_id).where(Event.id.in_(sorted(events)),
                                                                Event.happening_id.is_not(None))))


def _members_of(session: Session, happenings: set[int]) -> set[int]:
    return set(session.scalars(select(Event.id).where(Event.happening_id.in_(sorted(happenings))))) \
        if happenings else set()


def _blocks(session: Session, events: set[int]) -> dict[int, set[int]]:
    """The stored happenings of these events with all their members (by happening id), and each
    event in none alone (by its negated id)."""
    blocks: dict[int, set[int]] = {}
    rows = session.execute(select(Event.id, Event.happening_id).where(Event.id.in_(sorted(events)))).all()
    homes = {h for _, h in rows if h is not None}
    for e, h in rows:
        if h is None:
            blocks[-e] = {e}
    if homes:
        for e, h in session.execute(select(Event.id, Event.happening_id).where(Event.happening_id.in_(sorted(homes)))):
            blocks.setdefault(h, set()).add(e)
    return blocks


def _changed(grouped: list[list[EventProfile]], blocks: dict[int, set[int]]) -> set[int]:
    """The members of the blocks that did not come out as they were (joined others, or broke)."""
    group_of = {p.event_id: frozenset(q.event_id for q in g) for g in grouped for p in g}
    broken: set[int] = set()
    for members in blocks.values():
        first = next(iter(members))
        whole = group_of.get(first, frozenset((first,)))
        if whole != members or any(group_of.get(e, frozenset((e,))) != whole for e in members):
            broken |= members
    return broken


def _must_map(must: list[tuple[str, str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for a, b in must:
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found
