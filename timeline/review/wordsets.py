"""Sets of words as the rows of a sparse 0/1 matrix, so that what two sets share is found for
millions of pairs at once (a full rebuild compares that many documents and events: one Python
set intersection each took most of its time)."""
from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np

PAIRS_PER_PRODUCT = 100_000  # pairs compared by one sparse product (their rows are copied: ~40 values each)


class WordSets:
    """Row i holds the words of ``sets[i]``; ``ids`` numbers the words (shared between sets of sets)."""

    def __init__(self, sets: Iterable[Iterable[str]], ids: dict[str, int] | None = None) -> None:
        from scipy import sparse  # a third of a second to load: only when a review compares

        self.ids = {} if ids is None else ids
        number, lengths, columns = self.ids.setdefault, array("q"), array("q")
        for words in sets:  # one set at a time: a full rebuild streams 50,000 vocabularies in
            before = len(columns)
            columns.extend(number(t, len(self.ids)) for t in words)
            lengths.append(len(columns) - before)
        self.sizes = np.frombuffer(lengths, dtype=np.int64) if lengths else np.zeros(0, dtype=np.int64)
        self._totals: np.ndarray | None = None  # of the weights given (one set of weights per instance)
        indptr = np.zeros(len(self.sizes) + 1, dtype=np.int64)
        np.cumsum(self.sizes, out=indptr[1:])
        self.matrix = sparse.csr_matrix((np.ones(len(columns), dtype=np.int8), np.frombuffer(columns, dtype=np.int64)
                                         if columns else np.zeros(0, dtype=np.int64), indptr),
                                        shape=(len(self.sizes), max(len(self.ids), 1)))
        self.matrix.sort_indices()  # canonical rows: the products merge them in one pass

    def shared(self, left: np.ndarray, right: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """For each pair of rows, how many words they share (or their summed weights)."""
        found = np.empty(len(left), dtype=np.int64 if weights is None else np.float64)
        for start in range(0, len(left), PAIRS_PER_PRODUCT):
            a, b = left[start:start + PAIRS_PER_PRODUCT], right[start:start + PAIRS_PER_PRODUCT]
            both = self.matrix[a].multiply(self.matrix[b])
            found[start:start + len(a)] = both.sum(axis=1).A1 if weights is None else both @ weights
        return found

    def jaccard(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """``copies.jaccard`` of each pair of rows: the same integers divided, so the same floats."""
        shared = self.shared(left, right)
        union = self.sizes[left] + self.sizes[right] - shared
        return np.divide(shared, union, out=np.zeros(len(shared)), where=union > 0)

    def weighted_jaccard(self, left: np.ndarray, right: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """``profiles.weighted_overlap`` of each pair of rows (``weights``: by word id), to within
        the order in which the weights are summed."""
        common = self.shared(left, right, weights)
        if self._totals is None:
            self._totals = self.matrix @ weights if len(weights) else np.zeros(len(self.sizes))
        totals = self._totals
        union = totals[left] + totals[right] - common
        return np.divide(common, union, out=np.zeros(len(common)), where=union > 0)


class DocumentWords:
    """The documents' vocabularies by document id, as sparse rows (a few bytes a word where a set
    of 40 words held 2 KB): near-copy candidates and the topic of event pairs compare them."""

    def __init__(self, vocabularies: Iterable[tuple[int, Iterable[str]]]) -> None:
        ids: list[int] = []
        self.rows = WordSets(ids.append(d) or set(words) for d, words in vocabularies)
        self.ids = np.array(ids, dtype=np.int64)
        self._order = np.argsort(self.ids, kind="stable")  # rows in the order given, found by id
        self._sorted = self.ids[self._order]

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, documents: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(self._sorted, documents), max(len(self._sorted) - 1, 0))
        if len(documents) and not (len(self._sorted) and (self._sorted[at] == documents).all()):
            raise KeyError("a document without a vocabulary")
        return self._order[at]

    def jaccard(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """``copies.jaccard`` of each pair of documents (by id)."""
        return self.rows.jaccard(self.row(left), self.row(right))

    def __call__(self, a: int, b: int) -> float:
        """The topic of one pair of documents (``rebuild.topic_of``); ``many`` for many at once."""
        return float(self.jaccard(np.array([a]), np.array([b]))[0])

    many = jaccard
