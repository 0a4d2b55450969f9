"""Families of near-copies found without comparing every pair of copies."""
from __future__ import annotations

import numpy as np

import timeline.review.copies as copies
from timeline.review.index import sketch
from timeline.review.wordsets import DocumentWords

STORY = [f"word{i}" for i in range(60)]


def NO_FIGURES(documents):  # no figures: the families come from the words alone
    return {}


def test_a_family_of_copies_is_its_star():
    # 40 copies of one story, each with two words of its own, and 10 unrelated articles
    vocabularies = {d: frozenset(STORY[:58] + [f"own{d}a", f"own{d}b"]) for d in range(40)}
    vocabularies |= {d: frozenset(f"other{d}w{i}" for i in range(60)) for d in range(40, 50)}
    sketches = {d: sketch(v) for d, v in vocabularies.items()}
    strength = {d: (0.9 if d == 7 else 0.5, -d) for d in vocabularies}
    every_pair = [(a, b, copies.jaccard(vocabularies[a], vocabularies[b])) for a in range(50) for b in range(a + 1, 50)]
    expected = copies.star_pairs([p for p in every_pair if p[2] >= copies.NEAR_COPY], strength)
    found = copies.copy_stars(DocumentWords(vocabularies.items()), sketches, strength, NO_FIGURES)
    assert sorted(found) == sorted(expected) and len(found) == 39
    assert all(7 in (a, b) for a, b, _ in found)  # the strongest heads the family


def _one_pair_at_a_time(vocabularies, sketches, strength):
    """What copy_stars gave when it compared the screened candidates one set intersection at a time."""
    ids = sorted(sketches)
    families, similarity = copies._Families(), {}
    codes = copies._screened_codes(np.stack([sketches[d] for d in ids])).tolist()
    pairs = [(ids[c // len(ids)], ids[c % len(ids)]) for c in codes]
    for a, b in pairs:
        if families.root(a) != families.root(b):
            found = copies.jaccard(vocabularies[a], vocabularies[b])
            if found >= copies.NEAR_COPY:
                similarity[(a, b)] = found
                families.join(a, b)
    head_of = families.heads(strength)
    for a, b in pairs:
        head = head_of.get(a)
        if head in (a, b) and head == head_of.get(b) and (a, b) not in similarity:
            similarity[(a, b)] = copies.jaccard(vocabularies[a], vocabularies[b])
    return copies.star_pairs([(a, b, s) for (a, b), s in similarity.items() if s >= copies.NEAR_COPY], strength)


def test_copies_compared_together_give_the_families_of_one_comparison_at_a_time():
    # stories told from one template (similar, not copies), each republished a few times with
    # more or fewer words changed: similarities on both sides of NEAR_COPY
    vocabularies = {}
    for story in range(12):
        told = STORY[:25] + [f"s{story}w{i}" for i in range(35)]
        for copy in range(story % 5 + 1):
            own = [f"d{len(vocabularies)}x{i}" for i in range(3 * copy)]
            vocabularies[len(vocabularies)] = frozenset(told[:60 - 7 * copy] + own)
    sketches = {d: sketch(v) for d, v in vocabularies.items()}
    strength = {d: (d % 3, -d) for d in vocabularies}
    expected = _one_pair_at_a_time(vocabularies, sketches, strength)
    assert copies.copy_stars(DocumentWords(vocabularies.items()), sketches, strength, NO_FIGURES) == expected
    assert len(expected) > 10 and any(s < 0.7 for _, _, s in expected)


def test_a_report_with_other_figures_is_no_copy():
    # the next day's market report: the same words, other index levels; a copy keeps the figures
    vocabularies = {d: frozenset(STORY[:58] + [f"own{d}a", f"own{d}b"]) for d in range(3)}
    sketches = {d: sketch(v) for d, v in vocabularies.items()}
    given = {0: frozenset({"#10482.3", "#1320.5", "#-277"}), 1: frozenset({"#10482.3", "#1320.5", "#-277"}),
             2: frozenset({"#9955.1", "#1288.0", "#-310"})}
    found = copies.copy_stars(DocumentWords(vocabularies.items()), sketches, {d: (0.5, -d) for d in range(3)},
                              lambda ids: {d: given[d] for d in ids})
    assert [(a, b) for a, b, _ in found] == [(0, 1)]
    assert copies.same_figures(frozenset({"#120"}), frozenset({"#95"}))  # too few figures to tell
