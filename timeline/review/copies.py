"""Near-duplicate articles (a republished or rewritten copy): MinHash LSH over each article's
stemmed vocabulary finds candidates; their exact Jaccard similarity decides."""
from __future__ import annotations

from typing import Any

NEAR_COPY = 0.45  # rewritten copies score 0.5-0.7 on news; articles on the same story 0.15-0.3
_PERMUTATIONS = 64


def near_copies(vocabularies: dict[int, frozenset[str]]) -> list[tuple[int, int, float]]:
    """(document, document, similarity) for every pair of near-copies, most similar first."""
    from datasketch import MinHashLSH  # imports scipy: only when a merge runs, not at start-up

    lsh = MinHashLSH(threshold=NEAR_COPY * 0.8, num_perm=_PERMUTATIONS)
    sketches = {}
    for document_id, words in vocabularies.items():
        sketch = _sketch(words)
        sketches[document_id] = sketch
        lsh.insert(str(document_id), sketch)
    pairs = set()
    for document_id, sketch in sketches.items():
        for other in map(int, lsh.query(sketch)):
            if other != document_id:
                pairs.add((min(document_id, other), max(document_id, other)))
    found = [(a, b, jaccard(vocabularies[a], vocabularies[b])) for a, b in pairs]
    return sorted((p for p in found if p[2] >= NEAR_COPY), key=lambda p: -p[2])


_SKETCHES: dict[frozenset[str], Any] = {}  # a vocabulary's sketch never changes: kept between rebuilds


def _sketch(words: frozenset[str]) -> Any:
    from datasketch import MinHash

    sketch = _SKETCHES.get(words)
    if sketch is None:
        if len(_SKETCHES) > 200_000:
            _SKETCHES.clear()
        sketch = MinHash(num_perm=_PERMUTATIONS, seed=1)
        sketch.update_batch([w.encode("utf-8") for w in words])
        _SKETCHES[words] = sketch
    return sketch


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def star_pairs(pairs: list[tuple[int, int, float]], strength: dict[int, tuple]) -> list[tuple[int, int, float]]:
    """A family of near-copies (a story republished many times) is paired through its strongest
    member only: n - 1 pairs instead of n(n - 1)/2, and each copy is checked against the
    version most likely right (``strength``: higher is better)."""
    parent: dict[int, int] = {}

    def root(d: int) -> int:
        while parent.get(d, d) != d:
            d = parent[d]
        return d

    for a, b, _ in pairs:
        parent[root(a)] = root(b)
    families: dict[int, list[int]] = {}
    for d in {d for a, b, _ in pairs for d in (a, b)}:
        families.setdefault(root(d), []).append(d)
    similarity = {(a, b): s for a, b, s in pairs} | {(b, a): s for a, b, s in pairs}
    star = []
    for members in families.values():
        head = max(members, key=lambda d: strength[d])
        for d in members:
            if d != head:
                star.append((min(head, d), max(head, d), similarity.get((head, d), NEAR_COPY)))
    return star
