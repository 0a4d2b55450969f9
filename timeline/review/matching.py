"""Which events report the same happening.

Two articles that are near-copies have their events paired one to one, sentence by sentence,
whatever dates they resolved to (a wrong dateline shifts them all). Other articles merge events
whose dates agree and whose words agree: the sentence's content words and names (rarer words
count more), the two articles' overall similarity, and whether both are the article's lead
event. A pair with near but different days merges only on a very similar sentence: that is a
contradiction to review, not a separate happening.

Pairs are not all tried: only those that can link are found, through an inverted index of rare
words and names within the date window (``_by_date``), so a full rebuild grows with the events
and their likely partners, not with every pair of events in a week.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .candidates import linkable_pairs
from .profiles import EventProfile, different_subjects, other_figures, rarest_first, weighted_overlap

MERGE = 0.15  # score for events on compatible dates
NEAR_DATE_SENTENCE = 0.35  # sentence similarity for day-precise events a few days apart
NEAR_DATE_DAYS = 7
COPY_SENTENCE = 0.2  # sentence similarity to pair the events of two near-copies
LEAD_BONUS = 0.2
MIN_SENTENCE = 0.3  # below: words many sentences share; only two leads or the same story link then
SAME_TOPIC = 0.15  # two articles' vocabularies: articles on one story score 0.15-0.3, unrelated ones below
SAME_STORY_BONUS = 0.1  # same day, a shared name and two more shared words: "on Sunday" / "on Jan. 30"


@dataclass(frozen=True, slots=True)  # hundreds of thousands in a full rebuild
class Link:
    a: EventProfile
    b: EventProfile
    score: float
    shared: tuple[str, ...]
    how: str  # "same date", "near date" or "near-copy"

    def explain(self) -> str:
        words = ", ".join(self.shared[:6]) or "no shared words"
        return f"{self.how}, score {self.score:.2f} (shared: {words})"


def find_links(profiles: list[EventProfile], topic: Callable[[int, int], float],
               copies: set[tuple[int, int]], weight: dict[str, float], heads: set[int]) -> list[Link]:
    """The links between events; ``heads``: the head of each family of ``copies`` (copies.family_heads)."""
    by_document: dict[int, list[EventProfile]] = defaultdict(list)
    for p in profiles:
        by_document[p.document_id].append(p)
    links: list[Link] = []
    for a, b in copies:
        links += _pair_copies(by_document.get(a, []), by_document.get(b, []), weight)
    # An event of a copy already paired with its family head's event reaches other articles
    # through that event: dated again, 1,000 copies of one story would link every pair of events,
    # and a copy dated years off would chain the happenings of both its dates into one.
    through_head = {p.key for link in links for p in (link.a, link.b) if p.document_id not in heads}
    dated = [p for p in profiles if p.key not in through_head]
    links += _by_date(dated, topic, copies, weight)
    return _one_to_one(links)


def links_touching(seed: list[EventProfile], others: list[EventProfile], topic: Callable[[int, int], float],
                   copies: set[tuple[int, int]], weight: dict[str, float]) -> list[Link]:
    """The links ``find_links`` could make between a seed event and any other (the same window,
    granularity and scores; before one-to-one pairing): what a new article can reach."""
    links = []
    everyone = seed + others
    for i, a in enumerate(seed):
        for b in everyone[i + 1:]:
            early, late = (a, b) if a.t0 <= b.t0 else (b, a)
            if late.t0 > early.t1 + NEAR_DATE_DAYS or a.document_id == b.document_id \
                    or a.granularity != b.granularity:
                continue
            pair = (min(a.document_id, b.document_id), max(a.document_id, b.document_id))
            if pair not in copies:
                link = _score(early, late, lambda pair=pair: topic(*pair), weight)
                if link:
                    links.append(link)
    return links


def _pair_copies(left: list[EventProfile], right: list[EventProfile], weight: dict[str, float]) -> list[Link]:
    links = []
    for a in left:
        for b in right:
            sentence, shared = weighted_overlap(a.words, b.words, weight)
            if sentence >= COPY_SENTENCE:
                same_words = _expression_overlap(a.expression, b.expression)
                links.append(Link(a, b, sentence + 0.5 * same_words, rarest_first(shared, weight), "near-copy"))
    return links


def _by_date(profiles: list[EventProfile], topic: Callable[[int, int], float], copies: set[tuple[int, int]],
             weight: dict[str, float]) -> Iterable[Link]:
    """Pairs of the same granularity within the date window, found by blocking instead of trying
    all of them: a shared word of their rare-word prefixes (``_prefix``), a shared name on the same
    day, or two leads on overlapping dates; of these, those whose sentences are too far apart to
    link are dropped with arrays (candidates.py), the rest scored. Exactly the links of scoring
    every pair."""
    for granularity in sorted({p.granularity for p in profiles}):
        ordered = sorted((p for p in profiles if p.granularity == granularity), key=lambda p: p.t0)
        prefixes = [_prefix(p.words, weight) for p in ordered]
        documents = np.fromiter((p.document_id for p in ordered), dtype=np.int64, count=len(ordered))
        for left, right in linkable_pairs(ordered, prefixes, weight, copies, MIN_SENTENCE, NEAR_DATE_DAYS):
            for i, j, topic_of_pair in zip(left.tolist(), right.tolist(), _topics(documents[left], documents[right], topic)):
                link = _score(ordered[i], ordered[j], topic_of_pair, weight)
                if link:
                    yield link


def _topics(left: np.ndarray, right: np.ndarray, topic: Callable[[int, int], float]) -> Iterable[Callable[[], float]]:
    """Each pair of documents' similarity, for when a score needs it: all at once when ``topic``
    has ``many`` (a full rebuild's sparse rows), else one pair at a time."""
    if hasattr(topic, "many"):
        return (lambda value=value: value for value in topic.many(left, right).tolist())
    return (lambda a=a, b=b: topic(min(a, b), max(a, b)) for a, b in zip(left.tolist(), right.tolist()))


def _prefix(words: frozenset[str], weight: dict[str, float]) -> list[str]:
    """The rarest words of a sentence, enough that the rest weighs less than MIN_SENTENCE of it:
    two sentences as similar as that share a word of both prefixes (prefix filtering; the same
    order of words, rarest first, on both sides)."""
    ordered = sorted(words, key=lambda t: (-weight.get(t, 1.0), t))
    rest = sum(weight.get(t, 1.0) for t in ordered)
    bound = MIN_SENTENCE * rest - 1e-9
    prefix = []
    for word in ordered:
        if rest < bound:
            break
        prefix.append(word)
        rest -= weight.get(word, 1.0)
    return prefix


def _score(a: EventProfile, b: EventProfile, topic: Callable[[], float], weight: dict[str, float]) -> Link | None:
    sentence, shared = weighted_overlap(a.words, b.words, weight)
    lead = LEAD_BONUS if a.lead and b.lead else 0.0
    story = _same_story(a, b)
    if sentence <= MIN_SENTENCE and not story and not (lead and topic() >= SAME_TOPIC):
        # words in common that many sentences have: not evidence of one happening; nor are two
        # leads in one week alone (every article of that week has one), unless the articles share a topic
        return None
    if different_subjects(a, b, weight):  # the same common words about different companies, people, places
        return None
    overlap = a.t0 < b.t1 and b.t0 < a.t1 and (a.t0 == b.t0 or not (a.open or b.open))
    if overlap:
        score = 0.6 * sentence + 0.4 * topic() + lead + story
        how = "same day, same names and action" if story else "same date"
        return Link(a, b, score, rarest_first(shared, weight), how) if score >= MERGE else None
    if a.day_precise and sentence >= NEAR_DATE_SENTENCE and topic() >= MERGE and not other_figures(a, b):
        return Link(a, b, sentence, rarest_first(shared, weight), "near date")
    return None


def _same_story(a: EventProfile, b: EventProfile) -> float:
    """Two sources naming one happening differently ("on Sunday", "on Jan. 30"): the same day,
    at least one shared name, and at least two more shared words (what happened, to what)."""
    if not (a.day_precise and b.day_precise and a.t0 == b.t0 and a.t1 == b.t1):
        return 0.0
    names = set(a.names).intersection(b.names)
    in_names = {w for n in names for w in n.split()}
    return SAME_STORY_BONUS if names and len(set(a.terms).intersection(b.terms) - in_names) >= 2 else 0.0


def _expression_overlap(a: str, b: str) -> float:
    left, right = set(a.lower().split()), set(b.lower().split())
    return len(left & right) / len(left | right) if left | right else 0.0


def _strongest_first(links: list[Link]) -> Iterable[Link]:
    """Best score first; ties in a fixed order, by the two keys (the same whether the whole project
    or a part of it is grouped). Sorted as arrays, the keys by rank: a million links sorted on
    (score, key, key) tuples held another 100 MB."""
    keys = sorted({p.key for link in links for p in (link.a, link.b)})
    rank = {key: number for number, key in enumerate(keys)}
    del keys
    a_rank = np.fromiter((rank[link.a.key] for link in links), dtype=np.int64, count=len(links))
    b_rank = np.fromiter((rank[link.b.key] for link in links), dtype=np.int64, count=len(links))
    del rank
    score = np.fromiter((link.score for link in links), dtype=np.float64, count=len(links))
    order = np.lexsort((np.maximum(a_rank, b_rank), np.minimum(a_rank, b_rank), -score))  # stable, as sorted()
    for start in range(0, len(order), 100_000):
        yield from map(links.__getitem__, order[start:start + 100_000].tolist())


def _one_to_one(links: list[Link]) -> list[Link]:
    """Between two documents, each event pairs with at most one other: the best-scoring first."""
    ordered = list(_strongest_first(links))
    ends = np.concatenate([np.fromiter(((link.a.event_id << 32) + link.b.document_id for link in ordered), dtype=np.int64,
                                       count=len(ordered)),
                           np.fromiter(((link.b.event_id << 32) + link.a.document_id for link in ordered), dtype=np.int64,
                                       count=len(ordered))])
    _, end = np.unique(ends, return_inverse=True)  # (event, other document) numbered densely
    used, kept, n = bytearray(int(end.max(initial=-1)) + 1), [], len(ordered)
    for start in range(0, n, 100_000):  # a flag per end, not a set of two million pairs
        for link, a_end, b_end in zip(ordered[start:start + 100_000], end[start:start + 100_000].tolist(),
                                      end[n + start:n + start + 100_000].tolist()):
            if not used[a_end] and not used[b_end]:
                used[a_end] = used[b_end] = 1
                kept.append(link)
    return kept


def group(links: list[Link], must: list[tuple[str, str]], cannot: set[frozenset[str]],
          profiles: dict[str, EventProfile]) -> list[list[EventProfile]]:
    """Happenings from links, best first; never two events of one document (unless the analyst
    merged them), never two events the analyst split. Union by size with each group's documents
    kept as a set: near-linear, where re-checking whole member lists grew quadratically."""
    parent: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    documents: dict[str, set[int]] = {}
    apart: dict[str, set[str]] = defaultdict(set)  # event key -> keys the analyst split it from
    for pair in cannot:
        a, b = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        apart[a].add(b)
        apart[b].add(a)

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])  # path halving
            key = parent[key]
        return key

    def join(a: str, b: str, forced: bool) -> None:
        ra, rb = root(a), root(b)
        if ra == rb:
            return
        left, right = members.get(ra, [ra]), members.get(rb, [rb])
        docs_a = documents.get(ra, {profiles[ra].document_id})
        docs_b = documents.get(rb, {profiles[rb].document_id})
        if not forced and (docs_a & docs_b or _split_apart(left, right, apart)):
            return
        if len(left) < len(right):
            ra, rb, left, right, docs_a, docs_b = rb, ra, right, left, docs_b, docs_a
        parent[rb] = ra
        left.extend(right)  # in place: a chain of joins onto one large group stays linear
        docs_a |= docs_b
        members[ra], documents[ra] = left, docs_a
        members.pop(rb, None)
        documents.pop(rb, None)

    for a, b in must:
        if a in profiles and b in profiles:
            join(a, b, forced=True)
    for link in _strongest_first(links):
        join(link.a.key, link.b.key, forced=False)
    return [[profiles[k] for k in keys] for keys in members.values() if len(keys) > 1]


def _split_apart(left: list[str], right: list[str], apart: dict[str, set[str]]) -> bool:
    if not apart:
        return False
    other = set(right)
    return any(apart.get(k, set()) & other for k in left)
