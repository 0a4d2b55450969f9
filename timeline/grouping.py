"""What the analyst sees as items and lanes: one item per happening (the same event told by several
sources, merged by the review) or every source's mention; lanes by story, outlet, document or one.

Qt-free and array based: the canvas and the list take the mask and the row per event from here,
so both show the same set. A story is a set of documents linked by a shared happening or by their
headlines sharing distinctive words; past MAX_LANES groups, the smallest share one "other" lane, so
hundreds of documents never become hundreds of lanes.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath
from urllib.parse import urlparse

import numpy as np

from .store.arrays import Lane, TimelineData

MODES = ("story", "outlet", "document", "single")
MAX_LANES = 24
_HEADLINE_STOP = frozenset("""a an the and or but of to in on at for from by with as is are was were be been has have had
after before over under amid about into its it this that their his her new says said says say will would could
not no than more most up out off us u.s monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec today yesterday week year day""".split())
_FOLD = re.compile(r"['’]s\b|(?<=\w\w\w)(?<!s)s\b|[^\w\s]|\d|_")  # possessive, plural -s, all but letters
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
        _, claim, backing = np.unique(np.stack([happening[merged], data.t0[merged], data.t1[merged]]), axis=1,
                                      return_inverse=True, return_counts=True)
        order = merged[np.lexsort((data.ids[merged], -sureness, -backing[claim.ravel()], happening[merged]))]
        first = np.ones(len(order), dtype=bool)
        first[1:] = happening[order][1:] != happening[order][:-1]
        keep[order[first]] = True
    return keep


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
    """A story name per document: documents that share a happening, or whose headlines share two
    distinctive words, are one story, named by its commonest headline words."""
    words = [_headline_words(lane.label) for lane in data.lanes]
    parent = list(range(len(data.lanes)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in _linked_documents(data, words):
        parent[find(a)] = find(b)
    stories: dict[int, list[int]] = {}
    for document in range(len(data.lanes)):
        stories.setdefault(find(document), []).append(document)
    names = [""] * len(data.lanes)
    for documents in stories.values():
        name = _story_name(data, documents, words)
        for d in documents:
            names[d] = name
    return names


def _headline_words(headline: str) -> set[str]:
    """Distinctive words of a headline, folded so that 'Korea's' and 'Korea', 'tests' and 'test' meet."""
    return {w for w in _FOLD.sub("", headline.lower()).split() if len(w) > 2 and w not in _HEADLINE_STOP}


def _linked_documents(data: TimelineData, words: list[set[str]]) -> list[tuple[int, int]]:
    """Pairs of documents of one story: a happening in common, or two headline words in common
    (each headline's word pairs are keys, so this is linear in the documents, not quadratic)."""
    pairs: list[tuple[int, int]] = []
    if data.happening is not None and len(data):
        merged = data.happening > 0
        happenings, lanes = data.happening[merged], data.lane[merged]
        first: dict[int, int] = {}
        for happening, lane in zip(happenings.tolist(), lanes.tolist()):
            pairs.append((first.setdefault(happening, lane), lane))
    first_with: dict[tuple[str, str], int] = {}
    for document, ws in enumerate(words):
        ordered = sorted(ws)
        for n, a in enumerate(ordered):
            for b in ordered[n + 1:]:
                pairs.append((first_with.setdefault((a, b), document), document))
    return pairs


def _story_name(data: TimelineData, documents: list[int], words: list[set[str]]) -> str:
    """The headline that shares most words with the story's other headlines (the most typical one)."""
    if len(documents) == 1:
        return data.lanes[documents[0]].label
    counts = Counter(w for d in documents for w in words[d])
    typical = max(documents, key=lambda d: (sum(counts[w] - 1 for w in words[d]) / (1 + len(words[d])) ** 0.5, -d))
    return data.lanes[typical].label
