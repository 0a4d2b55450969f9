"""What the analyst sees as items and lanes: one item per happening (the same event told by several
sources, merged by the review) or every source's mention; lanes by story, outlet, document or one.

Qt-free and array based: the canvas and the list take the mask and the row per event from here,
so both show the same set. A story is a set of documents linked by the same main happening or by their
headlines sharing distinctive words (not words that many headlines share); past MAX_LANES groups, the smallest share one "other" lane, so
hundreds of documents never become hundreds of lanes.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import PurePath
from urllib.parse import urlparse

import numpy as np

from .store.arrays import Lane, TimelineData

MODES = ("story", "outlet", "document", "single")
COMMON_HEADLINES = 50  # a headline word shared by more headlines than this (and a 200th) links none of them
MAX_LANES = 24
_HEADLINE_STOP = frozenset("""a an the and or but of to in on at for from by with as is are was were be been has have had
after before over under amid about into its it this that their his her new says said says say will would could
not no than more most up out off us u.s monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec today yesterday week year day""".split())
# possessive, plural -s (after three word characters, not after an s), all but letters; each
# branch starts with its character so that the engine skips the other letters at once
_FOLD = re.compile(r"['’]s\b|s(?<=\w\w[^\Ws]s)\b|[^\w\s]|[\d_]")
_OUTLET_SUFFIX = re.compile(r"\s[|–—-]\s([^|–—-]{2,40})$")  # "Headline - Outlet Name"


@dataclass(frozen=True)
class Group:
    label: str
    sub: str


@dataclass
class Grouping:
    """A row (lane) per event and what each row is called."""

    rows: np.ndarray  # per event: index into groups
    groups: list[Group]

    @cached_property
    def _order(self) -> np.ndarray:
        return np.argsort(self.rows, kind="stable")  # stable: date order inside each row

    @cached_property
    def _bounds(self) -> np.ndarray:
        return np.searchsorted(self.rows[self._order], np.arange(len(self.groups) + 1))

    def in_rows(self, first: int, last: int) -> np.ndarray:
        """Indices of the events in rows first..last-1."""
        bounds = self._bounds
        return self._order[bounds[max(0, first)]:bounds[max(0, min(last, len(bounds) - 1))]]


def representatives(data: TimelineData) -> np.ndarray:
    """A mask with one event per happening: one giving the date most of its sources give, the
    surest of those, then the earliest event; an event told by one source stands for itself."""
    happening = data.happening if data.happening is not None else np.zeros(len(data), dtype=np.int64)
    keep = happening <= 0
    merged = np.nonzero(~keep)[0]
    if len(merged):
        sureness = data.confidence[merged] if data.confidence is not None else np.zeros(len(merged))
        backing = _claim_counts(happening[merged], data.t0[merged], data.t1[merged])
        order = merged[np.lexsort((data.ids[merged], -sureness, -backing, happening[merged]))]
        first = np.ones(len(order), dtype=bool)
        first[1:] = happening[order][1:] != happening[order][:-1]
        keep[order[first]] = True
    return keep


def _claim_counts(happening: np.ndarray, t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
    """Per event, how many events of its happening give its date: runs of a sort (np.unique over
    columns took 0.12 s at 225,000 events, a fifth of a decision's reload)."""
    order = np.lexsort((t1, t0, happening))
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (happening[order][1:] != happening[order][:-1]) | (t0[order][1:] != t0[order][:-1]) | \
        (t1[order][1:] != t1[order][:-1])
    run = np.cumsum(starts) - 1
    counts = np.empty(len(order), dtype=np.int64)
    counts[order] = np.bincount(run)[run]
    return counts


def members(data: TimelineData, index: int) -> np.ndarray:
    """Indices of the events merged with event ``index`` (itself included), by document order."""
    if data.happening is None or data.happening[index] <= 0:
        return np.array([index])
    found = np.nonzero(data.happening == data.happening[index])[0]
    return found[np.argsort(data.lane[found], kind="stable")]


def group(data: TimelineData, mode: str) -> Grouping:
    if mode == "single":
        return Grouping(np.zeros(len(data), dtype=np.int32), [Group("All sources", f"{len(data.lanes)} documents")])
    if mode == "document":
        return Grouping(data.lane.astype(np.int32), [Group(lane.label, _dateline_note(lane)) for lane in data.lanes])
    if mode == "outlet":
        names = [outlet(lane) for lane in data.lanes]
        return _grouped(data, names, "outlet not named")
    return _grouped(data, story_names(data), "")


def _dateline_note(lane: Lane) -> str:
    return f"dateline {lane.dateline}" + (" (year inferred)" if lane.dateline_inferred else "") + \
        (" (no dateline: file time)" if lane.fallback else "")


def outlet(lane: Lane) -> str:
    """Who published a document, as far as the text says: the agency of its dateline ("TOKYO (Jiji
    Press) —"), the site of a saved page, or a "Headline - Outlet" suffix; '' when none does."""
    if lane.agency:
        return lane.agency
    host = urlparse(lane.path).hostname if "://" in lane.path else None
    if host:
        return host.removeprefix("www.")
    found = _OUTLET_SUFFIX.search(lane.label)
    return found.group(1).strip() if found and len(found.group(1).split()) <= 4 else ""


def _grouped(data: TimelineData, names: list[str], unnamed: str) -> Grouping:
    """Lanes named by ``names`` (one per document), biggest first; past MAX_LANES the rest share one."""
    documents = Counter(names)
    per_lane = np.bincount(data.lane, minlength=len(names)) if len(data) else np.zeros(len(names), dtype=np.int64)
    events: Counter[str] = Counter()
    for name, count in zip(names, per_lane.tolist()):
        events[name] += count
    ranked = sorted(documents, key=lambda n: (n == "", -events[n], -documents[n], n))
    kept = ranked if len(ranked) <= MAX_LANES else ranked[:MAX_LANES - 1]
    row_of = {name: n for n, name in enumerate(kept)}
    rest = [n for n in ranked if n not in row_of]
    groups = [Group(name or unnamed or "other", f"{documents[name]} document{'s' * (documents[name] != 1)}")
              for name in kept]
    if rest:
        row_of.update({name: len(kept) for name in rest})
        groups.append(Group(f"{len(rest)} other groups", f"{sum(documents[n] for n in rest)} documents"))
    lane_row = np.array([row_of[name] for name in names], dtype=np.int32)
    return Grouping(lane_row[data.lane] if len(data.lanes) else np.zeros(len(data), dtype=np.int32), groups)


def story_names(data: TimelineData) -> list[str]:
    """A story name per document: documents with the same main happening, or whose headlines share
    two distinctive words, are one story, named by its commonest headline words."""
    if not data.lanes:
        return []
    words, by_headline, named = _headline_links(tuple(lane.label for lane in data.lanes))
    by_happening = _happening_links(data)
    story = _components(len(data.lanes), np.concatenate([by_happening[0], by_headline[0]]),
                        np.concatenate([by_happening[1], by_headline[1]]))
    order = np.argsort(story, kind="stable")  # stable: each story's documents in order
    names = [""] * len(data.lanes)
    used: dict[tuple[int, ...], str] = {}
    for documents in np.split(order, np.nonzero(np.diff(story[order]))[0] + 1):
        members = tuple(documents.tolist())
        name = used[members] = named.get(members) or _story_name(data, list(members), words)
        for d in members:
            names[d] = name
    named.clear()  # the stories of these headlines named last time (a merge changes one or two)
    named.update(used)
    return names


def _headline_words(headline: str) -> set[str]:
    """Distinctive words of a headline, folded so that 'Korea's' and 'Korea', 'tests' and 'test' meet."""
    return {w for w in _FOLD.sub("", headline.lower()).split() if len(w) > 2 and w not in _HEADLINE_STOP}


@lru_cache(maxsize=1)
def _headline_links(headlines: tuple[str, ...]) -> tuple[list[set[str]], tuple[np.ndarray, np.ndarray],
                                                          dict[tuple[int, ...], str]]:
    """Each headline's words, and links from each document to the first one whose headline shares
    two of its words (linear in the word pairs, not quadratic in the documents; in arrays: 10,000
    headlines make half a million pairs). Kept for the last headlines: a merge or a split changes
    happenings only, and this is two thirds of story lanes' 1.2 s at 50,000 documents. With them,
    the names of the stories last shown (a fifth of the rest)."""
    words = [_headline_words(headline) for headline in headlines]
    document, pair = _word_pairs(_without_common_words(words))
    by_pair = np.lexsort((document, pair))
    document, pair = document[by_pair], pair[by_pair]
    starts = np.ones(len(pair), dtype=bool)
    starts[1:] = pair[1:] != pair[:-1]
    return words, (document[starts][np.cumsum(starts) - 1], document), {}  # the first document with the same pair


def _without_common_words(words: list[set[str]]) -> list[set[str]]:
    """The headlines' words less those that many headlines share (a ministry, a city, "according
    to a statement"): two such words in common tie thousands of unrelated headlines into one story.
    Only words in more than COMMON_HEADLINES headlines and a 200th of them go, so a small project
    keeps every word."""
    limit = max(COMMON_HEADLINES, len(words) // 200)
    counts = Counter(w for ws in words for w in ws)
    common = {w for w, n in counts.items() if n > limit}
    return [ws - common for ws in words] if common else words


def _happening_links(data: TimelineData) -> tuple[np.ndarray, np.ndarray]:
    """Links between documents whose main happening is the same: the one holding most of the
    document's events (then the one most documents report). Any shared happening would chain a big
    project into one story: at 50,000 articles each reports 3 to 6 happenings, each reported by a
    few documents, and every document was reached from every other."""
    if data.happening is None or not len(data):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    merged = data.happening > 0
    pairs, events = np.unique(np.stack([data.lane[merged].astype(np.int64), data.happening[merged].astype(np.int64)]),
                              axis=1, return_counts=True)
    lane, happening = pairs
    _, which, reach = np.unique(happening, return_inverse=True, return_counts=True)
    order = np.lexsort((-happening, reach[which.ravel()], events, lane))  # per lane, its main happening last
    last = np.ones(len(order), dtype=bool)
    last[:-1] = lane[order][1:] != lane[order][:-1]
    lanes, main = lane[order][last], happening[order][last]
    _, first_at, same = np.unique(main, return_index=True, return_inverse=True)
    return lanes[first_at][same.ravel()], lanes


def _word_pairs(words: list[set[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of words in one headline, as (document, pair number)."""
    vocabulary: dict[str, int] = {}
    document = np.array([d for d, ws in enumerate(words) for _ in ws], dtype=np.int64)
    word = np.array([vocabulary.setdefault(w, len(vocabulary)) for ws in words for w in ws], dtype=np.int64)
    order = np.lexsort((word, document))
    document, word = document[order], word[order]
    later = np.searchsorted(document, document, side="right") - np.arange(len(document)) - 1
    first = np.repeat(np.arange(len(document)), later)  # each word with every later word of its headline
    second = first + 1 + np.arange(len(first)) - np.repeat(np.cumsum(later) - later, later)
    return document[first], word[first] * max(1, len(vocabulary)) + word[second]


def _components(count: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per document, the first document of its story: the smallest one reached through the links
    a[i]-b[i] (labels spread along the links, and jump to their label's label, until they hold)."""
    label = np.arange(count)
    while True:
        low = np.minimum(label[a], label[b])
        spread = label.copy()
        np.minimum.at(spread, a, low)
        np.minimum.at(spread, b, low)
        while True:  # jump to the label's label until it holds: 3 rounds, not 20, at 50,000 documents (0.6 s)
            jumped = spread[spread]
            if np.array_equal(jumped, spread):
                break
            spread = jumped
        if np.array_equal(spread, label):
            return label
        label = spread


def _story_name(data: TimelineData, documents: list[int], words: list[set[str]]) -> str:
    """The headline that shares most words with the story's other headlines (the most typical one)."""
    if len(documents) == 1:
        return data.lanes[documents[0]].label
    counts = Counter(w for d in documents for w in words[d])
    typical = max(documents, key=lambda d: (sum(counts[w] - 1 for w in words[d]) / (1 + len(words[d])) ** 0.5, -d))
    return data.lanes[typical].label
