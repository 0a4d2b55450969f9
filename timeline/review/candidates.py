"""The pairs of events worth scoring in a full rebuild (``matching._by_date``), found with arrays
instead of one Python step per pair: at 50,000 articles the index look-ups met 40 million
postings and 26 million pairs, most of them sharing one rare word and nothing else.

The candidates are exactly those of the inverted index: two events of one granularity sharing a
word of their rare-word prefixes within the date window, a name on the same day, or two leads on
overlapping dates. Of these, a pair goes on to be scored unless it cannot link: the weighted
similarity of its sentences (all pairs of a block at once, with sparse matrices) is below the
threshold, and it is neither two overlapping leads nor two events sharing a name on the same day.
The similarity decides with a margin, so that a sum taken in another order never drops a pair."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from .profiles import EventProfile
from .wordsets import WordSets

PAIRS_PER_BLOCK = 1_000_000  # candidate pairs held at once (tens of bytes each while they are sifted)
MARGIN = 1e-9  # the array sums may differ from the scored ones in the last bits


class Window:
    """Events of one granularity, ordered by start: their dates, documents and words as arrays."""

    def __init__(self, ordered: Sequence[EventProfile], weight: dict[str, float]) -> None:
        n = len(ordered)
        self.size = n
        self.t0 = np.fromiter((p.t0 for p in ordered), dtype=np.float64, count=n)
        self.t1 = np.fromiter((p.t1 for p in ordered), dtype=np.float64, count=n)
        self.document = np.fromiter((p.document_id for p in ordered), dtype=np.int64, count=n)
        self.lead = np.fromiter((p.lead for p in ordered), dtype=bool, count=n)
        self.words = WordSets([p.words for p in ordered])
        self.word_id = self.words.ids
        by_id = sorted(self.word_id, key=self.word_id.__getitem__)
        self.weights = np.fromiter((weight.get(t, 1.0) for t in by_id), dtype=np.float64, count=len(by_id))

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Weighted Jaccard of the sentences of these pairs (``weighted_overlap``)."""
        return self.words.weighted_jaccard(left, right, self.weights)


class _Postings:
    """(event position, key) entries where events sharing a key within reach are candidates: each
    entry pairs with the later entries of its key whose event starts by the entry's ``reach``."""

    def __init__(self, window: Window, positions: np.ndarray, keys: np.ndarray, reach: np.ndarray) -> None:
        n = window.size
        order = np.lexsort((positions, keys))
        self.position, key = positions[order], keys[order]
        sort_key = key * (n + 1) + self.position
        last_in_reach = np.searchsorted(window.t0, reach[self.position], side="right") - 1
        end = np.searchsorted(sort_key, key * (n + 1) + last_in_reach, side="right")
        self.partners = np.maximum(end - np.arange(len(order)) - 1, 0)

    def pairs(self, low: int, high: int) -> np.ndarray:
        """The pairs of the entries of events ``low`` to ``high`` (exclusive), as left * n + right."""
        entries = np.flatnonzero((self.position >= low) & (self.position < high) & (self.partners > 0))
        counts = self.partners[entries]
        total = int(counts.sum())
        if not total:
            return np.empty(0, dtype=np.int64)
        starts = np.repeat(entries + 1 - np.r_[0, np.cumsum(counts)[:-1]], counts)
        left = np.repeat(self.position[entries], counts)
        return left * np.int64(1 << 32) + self.position[starts + np.arange(total)]

    def load(self, size: int) -> np.ndarray:
        """How many pairs each event's entries give."""
        return np.bincount(self.position, weights=self.partners, minlength=size)


def linkable_pairs(ordered: Sequence[EventProfile], prefixes: Sequence[Sequence[str]], weight: dict[str, float],
                   copies: set[tuple[int, int]], min_sentence: float, near_days: float
                   ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Positions (i < j) in ``ordered`` of the pairs to score, a block of pairs at a time, in order
    (i, then j); never two events of one document, nor of two near-copies (paired sentence by
    sentence elsewhere)."""
    window = Window(ordered, weight)
    n = window.size
    if n < 2:
        return
    by_word = _word_postings(window, prefixes, window.t1 + near_days)
    by_name = _word_postings(window, [p.names if p.day_precise else () for p in ordered], window.t0)
    leads = np.flatnonzero(window.lead)
    by_lead = _Postings(window, leads, np.zeros(len(leads), dtype=np.int64), window.t1 - 1e-9)
    sources = (by_word, by_name, by_lead)
    copy_codes = np.array(sorted(a * (1 << 32) + b for a, b in copies), dtype=np.int64)
    for low, high in _blocks(sum(s.load(n) for s in sources)):
        named = np.unique(by_name.pairs(low, high))
        codes = np.unique(np.concatenate([s.pairs(low, high) for s in sources]))
        left, right = codes >> 32, codes & 0xFFFFFFFF
        keep = _apart(window, left, right, copy_codes)
        left, right, codes = left[keep], right[keep], codes[keep]
        same_day_name = _member(codes, named)
        two_leads = window.lead[left] & window.lead[right] & (window.t0[right] < window.t1[left]) \
            & (window.t0[left] < window.t1[right])
        similar = window.similarity(left, right) > min_sentence - MARGIN
        keep = similar | two_leads | same_day_name
        yield left[keep], right[keep]


def _word_postings(window: Window, words: Sequence[Iterable[str]], reach: np.ndarray) -> _Postings:
    ids = window.word_id
    lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
    keys = np.fromiter((ids[t] if t in ids else ids.setdefault(t, len(ids)) for w in words for t in w),
                       dtype=np.int64, count=int(lengths.sum()))
    positions = np.repeat(np.arange(len(words), dtype=np.int64), lengths)
    return _Postings(window, positions, keys, reach)


def _apart(window: Window, left: np.ndarray, right: np.ndarray, copy_codes: np.ndarray) -> np.ndarray:
    """Pairs of two documents that are not near-copies of each other."""
    a, b = window.document[left], window.document[right]
    keep = a != b
    if len(copy_codes):
        keep &= ~_member(np.minimum(a, b) * (1 << 32) + np.maximum(a, b), copy_codes)
    return keep


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    found = np.searchsorted(sorted_set, values)
    return sorted_set[np.minimum(found, len(sorted_set) - 1)] == values


def _blocks(load: np.ndarray) -> Iterator[tuple[int, int]]:
    """Ranges of events whose pairs number about PAIRS_PER_BLOCK (at least one event each)."""
    cumulative, low = np.cumsum(load), 0
    while low < len(load):
        before = cumulative[low - 1] if low else 0.0
        high = max(int(np.searchsorted(cumulative, before + PAIRS_PER_BLOCK, side="right")), low + 1)
        yield low, min(high, len(load))
        low = high
