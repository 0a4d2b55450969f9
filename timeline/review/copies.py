"""Near-duplicate articles (a republished or rewritten copy): MinHash LSH over each article's
stemmed vocabulary finds candidates (index.py keeps the sketches and bands); their exact Jaccard
similarity decides."""
from __future__ import annotations

import numpy as np

NEAR_COPY = 0.45  # rewritten copies score 0.5-0.7 on news; articles on the same story 0.15-0.3
SCREEN = 0.25  # share of sketch values two candidates must have in common before Jaccard is computed


def near_copies(vocabularies: dict[int, frozenset[str]], sketches: dict[int, np.ndarray]) -> list[tuple[int, int, float]]:
    """(document, document, similarity) for every pair of near-copies, most similar first:
    candidates share an LSH band of their sketches (index.py) and agree on enough of them; the
    exact Jaccard similarity of their vocabularies decides."""
    ids = np.array(sorted(sketches), dtype=np.int64)
    if len(ids) < 2:
        return []
    matrix = np.stack([sketches[d] for d in ids.tolist()])
    pairs = _band_pairs(matrix)
    kept = [pairs[start:start + 100_000] for start in range(0, len(pairs), 100_000)]  # bounded memory
    kept = [chunk[_agreeing(matrix[chunk[:, 0]], matrix[chunk[:, 1]])] for chunk in kept]
    return confirm([(int(ids[i]), int(ids[j])) for chunk in kept for i, j in chunk], vocabularies)


def screened(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two sketches agree enough for their exact similarity to be worth computing."""
    return bool(_agreeing(a[None, :], b[None, :])[0])


def _agreeing(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return (left == right).sum(axis=1) >= SCREEN * left.shape[1]


def confirm(candidates: list[tuple[int, int]], vocabularies: dict[int, frozenset[str]]) -> list[tuple[int, int, float]]:
    """Screened candidates (a < b) that are near-copies, with their similarity, most similar first."""
    found = []
    for a, b in candidates:
        similarity = jaccard(vocabularies[a], vocabularies[b])
        if similarity >= NEAR_COPY:
            found.append((a, b, similarity))
    return sorted(found, key=lambda p: (-p[2], p[0], p[1]))


def _band_pairs(matrix: np.ndarray) -> np.ndarray:
    """Row pairs (i < j) sharing at least one band: per band, rows sorted by the band's value,
    neighbours k apart compared for k = 1, 2, ... while any bucket is that large."""
    from .index import ROWS

    n = len(matrix)
    codes = []
    for start in range(0, matrix.shape[1] - ROWS + 1, ROWS):
        band = np.ascontiguousarray(matrix[:, start:start + ROWS]).view(np.dtype((np.void, 4 * ROWS))).ravel()
        order = np.argsort(band, kind="stable")
        ordered = band[order]
        k = 1
        while k < n:
            same = np.flatnonzero(ordered[k:] == ordered[:-k])
            if not len(same):
                break
            left, right = order[same], order[same + k]
            codes.append(np.minimum(left, right).astype(np.int64) * n + np.maximum(left, right))
            k += 1
    if not codes:
        return np.empty((0, 2), dtype=np.int64)
    unique = np.unique(np.concatenate(codes))
    return np.stack([unique // n, unique % n], axis=1)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def star_pairs(pairs: list[tuple[int, int, float]], strength: dict[int, tuple]) -> list[tuple[int, int, float]]:
    """A family of near-copies (a story republished many times) is paired through its strongest
    member only: n - 1 pairs instead of n(n - 1)/2, and each copy is checked against the
    version most likely right (``strength``: higher is better)."""
    parent: dict[int, int] = {}

    def root(d: int) -> int:
        while parent.get(d, d) != d:
            parent[d] = parent.get(parent[d], parent[d])  # path halving: chains stay short
            d = parent[d]
        return d

    for a, b, _ in pairs:
        parent[root(a)] = root(b)
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
