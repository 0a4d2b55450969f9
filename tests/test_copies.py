"""Families of near-copies found without comparing every pair of copies."""
from __future__ import annotations

import timeline.review.copies as copies
from timeline.review.index import sketch

STORY = [f"word{i}" for i in range(60)]


def test_a_family_of_copies_is_its_star_with_few_comparisons(monkeypatch):
    # 40 copies of one story, each with two words of its own, and 10 unrelated articles
    vocabularies = {d: frozenset(STORY[:58] + [f"own{d}a", f"own{d}b"]) for d in range(40)}
    vocabularies |= {d: frozenset(f"other{d}w{i}" for i in range(60)) for d in range(40, 50)}
    sketches = {d: sketch(v) for d, v in vocabularies.items()}
    strength = {d: (0.9 if d == 7 else 0.5, -d) for d in vocabularies}
    every_pair = [(a, b, copies.jaccard(vocabularies[a], vocabularies[b])) for a in range(50) for b in range(a + 1, 50)]
    expected = copies.star_pairs([p for p in every_pair if p[2] >= copies.NEAR_COPY], strength)
    compared = []
    jaccard = copies.jaccard
    monkeypatch.setattr(copies, "jaccard", lambda a, b: compared.append(1) or jaccard(a, b))
    found = copies.copy_stars(vocabularies, sketches, strength)
    assert sorted(found) == sorted(expected) and len(found) == 39
    assert all(7 in (a, b) for a, b, _ in found)  # the strongest heads the family
    assert len(compared) < 2 * 39  # all pairs: 780
