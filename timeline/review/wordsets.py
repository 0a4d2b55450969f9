"""Sets of words as the rows of a sparse 0/1 matrix, so that what two sets share is found for
millions of pairs at once (a full rebuild compares that many documents and events: one Python
set intersection each took most of its time)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

PAIRS_PER_PRODUCT = 250_000  # pairs compared by one sparse product (their rows are copied: ~40 values each)


class WordSets:
    """Row i holds the words of ``sets[i]``; ``ids`` numbers the words (shared between sets of sets)."""

    def __init__(self, sets: Sequence[Iterable[str]], ids: dict[str, int] | None = None) -> None:
        self.ids = {} if ids is None else ids
        lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))  # type: ignore[arg-type]
        number = self.ids.setdefault
        columns = np.fromiter((number(t, len(self.ids)) for s in sets for t in s), dtype=np.int64,
                              count=int(lengths.sum()))
        indptr = np.zeros(len(sets) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        self.sizes = lengths
        self._totals: np.ndarray | None = None  # of the weights given (one set of weights per instance)
        self.matrix = sparse.csr_matrix((np.ones(len(columns), dtype=np.int8), columns, indptr),
                                        shape=(len(sets), max(len(self.ids), 1)))

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
