"""Near-duplicate articles (a republished or rewritten copy): MinHash LSH over each article's
stemmed vocabulary finds candidates (index.py keeps the sketches and bands); their exact Jaccard
similarity decides."""
from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from .wordsets import DocumentWords

NEAR_COPY = 0.45  # rewritten copies score 0.5-0.7 on news; articles on the same story 0.15-0.3
SCREEN = 0.25  # share of sketch values two candidates must have in common before Jaccard is computed


def copy_stars(vocabularies: DocumentWords, sketches: dict[int, np.ndarray], strength: dict[int, tuple],
               figures_of: Callable[[set[int]], dict[int, frozenset[str]]]) -> list[tuple[int, int, float]]:
    """The families of near-copies as ``star_pairs`` gives them from every pair, without every pair:
    candidates share an LSH band of their sketches (index.py) and agree on enough of them; the
    exact Jaccard similarity of their vocabularies decides (the millions of candidates of a
    template are compared together, as sparse rows, not one set intersection each)."""
    ids = np.array(sorted(sketches), dtype=np.int64)
    if len(ids) < 2:
        return []
    pairs, similarity = _near_copies(vocabularies, ids, _screened_codes(np.stack([sketches[d] for d in ids.tolist()])))
    kept = _with_same_figures([(a, b, s) for (a, b), s in zip(pairs, similarity)], figures_of)
    pairs, similarity = [[a, b] for a, b, _ in kept], [s for _, _, s in kept]
    families, joined = _Families(), []
    for a, b in pairs:
        joined.append(families.root(a) != families.root(b))
        if joined[-1]:
            families.join(a, b)
    head_of = families.heads(strength)
    # the pairs that joined two families, then those with their family's head: what one pass over
    # every candidate gives (the order decides which conflict names which copy)
    first = [(a, b, s) for (a, b), s, j in zip(pairs, similarity, joined) if j]
    with_head = [(a, b, s) for (a, b), s, j in zip(pairs, similarity, joined)
                 if not j and head_of[a] in (a, b) and head_of[a] == head_of[b]]
    return star_pairs(first + with_head, strength)


def _near_copies(vocabularies: DocumentWords, ids: np.ndarray, codes: np.ndarray
                 ) -> tuple[list[list[int]], list[float]]:
    """The screened pairs (row codes i * n + j, ascending) whose documents are near-copies, in the
    same order, with their similarity; a chunk at a time (4.5 million candidates at 50,000 articles)."""
    n, found, similarities = len(ids), [], []
    for start in range(0, len(codes), 500_000):
        chunk = codes[start:start + 500_000]
        left, right = ids[chunk // n], ids[chunk % n]
        similarity = vocabularies.jaccard(left, right)
        near = similarity >= NEAR_COPY
        found += np.stack([left[near], right[near]], axis=1).tolist()
        similarities += similarity[near].tolist()
    return found, similarities


def _screened_codes(matrix: np.ndarray) -> np.ndarray:
    """Row pairs (i < j) sharing a band and agreeing on enough sketch values, as i * n + j in
    ascending order; band by band (the memory of one band's pairs at a time)."""
    n, kept = len(matrix), np.empty(0, dtype=np.int64)
    for codes in _band_codes(matrix):
        chunks = [codes[start:start + 100_000] for start in range(0, len(codes), 100_000)]
        merged = np.sort(np.concatenate([kept, *(c[_agreeing(matrix[c // n], matrix[c % n])] for c in chunks)]))
        kept = merged[np.r_[True, merged[1:] != merged[:-1]]]  # (np.union1d hashes: far slower here)
    return kept


def screened(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two sketches agree enough for their exact similarity to be worth computing."""
    return bool(_agreeing(a[None, :], b[None, :])[0])


def _agreeing(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return (left == right).sum(axis=1) >= SCREEN * left.shape[1]


def same_figures(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two articles of the same words can be copies by their figures: a copy gives the
    article's figures, the next day's market report or a story's update other ones (both giving
    three or more, most of the fewer must agree: "FTSE 100" and "$700 billion" recur in every day's)."""
    return len(a) < 3 or len(b) < 3 or 2 * len(a & b) > min(len(a), len(b))


def _with_same_figures(pairs: list[tuple[int, int, float]], figures_of: Callable[[set[int]], dict[int, frozenset[str]]]
                       ) -> list[tuple[int, int, float]]:
    """The near-copy pairs whose documents' figures can be a copy's (``same_figures``)."""
    given = figures_of({d for a, b, _ in pairs for d in (a, b)})
    return [(a, b, s) for a, b, s in pairs if same_figures(given.get(a, frozenset()), given.get(b, frozenset()))]


def confirm(candidates: list[tuple[int, int]], vocabularies: dict[int, frozenset[str]],
            figures_of: Callable[[set[int]], dict[int, frozenset[str]]]) -> list[tuple[int, int, float]]:
    """Screened candidates (a < b) that are near-copies, with their similarity, most similar first."""
    found = []
    for a, b in candidates:
        similarity = jaccard(vocabularies[a], vocabularies[b])
        if similarity >= NEAR_COPY:
            found.append((a, b, similarity))
    found = _with_same_figures(found, figures_of)
    return sorted(found, key=lambda p: (-p[2], p[0], p[1]))


def _band_codes(matrix: np.ndarray) -> Iterable[np.ndarray]:
    """Per band, the row pairs (i < j) with equal values, as i * n + j: rows sorted by the band's
    value, each run of equal values paired within itself (work in proportion to the pairs)."""
    from .index import ROWS

    n = len(matrix)
    for start in range(0, matrix.shape[1] - ROWS + 1, ROWS):
        band = np.ascontiguousarray(matrix[:, start:start + ROWS]).view(np.dtype((np.void, 4 * ROWS))).ravel()
        order = np.argsort(band, kind="stable")
        ordered = band[order]
        run_starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        run_end = np.repeat(np.r_[run_starts[1:], n], np.diff(np.r_[run_starts, n]))
        live, k, codes = np.flatnonzero(np.arange(n) + 1 < run_end), 1, []
        while len(live):
            left, right = order[live], order[live + k]
            codes.append(np.minimum(left, right).astype(np.int64) * n + np.maximum(left, right))
            k += 1
            live = live[live + k < run_end[live]]
        if codes:
            yield np.concatenate(codes)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)  # the union's size from the three lengths: no second set built
    return shared / (len(a) + len(b) - shared) if a or b else 0.0


def star_pairs(pairs: list[tuple[int, int, float]], strength: dict[int, tuple]) -> list[tuple[int, int, float]]:
    """A family of near-copies (a story republished many times) is paired through its strongest
    member only: n - 1 pairs instead of n(n - 1)/2, and each copy is checked against the
    version most likely right (``strength``: higher is better)."""
    union = _Families()
    for a, b, _ in pairs:
        union.join(a, b)
    root = union.root
    families: dict[int, list[int]] = {}
    for d in {d for a, b, _ in pairs for d in (a, b)}:
        families.setdefault(root(d), []).append(d)
    heads = {root: max(members, key=lambda d: strength[d]) for root, members in families.items()}
    # only the pairs with a head keep their similarity: all pairs of 3,000 copies are 4.5 million
    similarity = {(a, b): s for a, b, s in pairs if a == heads[root(a)] or b == heads[root(b)]}
    star = []
    for family, members in families.items():
        head = heads[family]
        for d in members:
            if d != head:
                pair = (min(head, d), max(head, d))
                star.append((*pair, similarity.get(pair, NEAR_COPY)))
    return star


def family_heads(pairs: Iterable[tuple[int, int]], strength: dict[int, tuple]) -> set[int]:
    """The head of each family of copies paired as ``star_pairs`` pairs them: the stronger of each
    pair (a lone pair has one head too: the version most likely right)."""
    return {max(pair, key=lambda d: strength.get(d, ())) for pair in pairs}


class _Families:
    """Documents joined into families of copies (union-find)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, d: int) -> int:
        parent = self.parent
        while parent.get(d, d) != d:
            parent[d] = parent.get(parent[d], parent[d])  # path halving: chains stay short
            d = parent[d]
        return d

    def join(self, a: int, b: int) -> None:
        root_b = self.root(b)
        self.parent.setdefault(root_b, root_b)  # every member a key: ``heads`` lists them
        self.parent[self.root(a)] = root_b

    def heads(self, strength: dict[int, tuple]) -> dict[int, int]:
        """Each document of a family -> the family's strongest member."""
        families: dict[int, list[int]] = {}
        for d in list(self.parent):
            families.setdefault(self.root(d), []).append(d)
        return {d: max(members, key=lambda m: strength[m]) for members in families.values() for d in members}
