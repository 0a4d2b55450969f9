"""The tense around a date in languages other than English, from the rules file's `tense` markers
(verb endings and auxiliaries: "viajará", "wird", "将", "予定"). The marker nearest the date in its
sentence wins, as clause_tense does for English."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..sentences import Sentences
from .grammar import Grammar
from .model import Timex, copied


_CLAUSE_EDGE = re.compile(r"[,;:，、；：—]")
_REACH = 300


def marked_tense(text: str, start: int, end: int, grammar: Grammar, sentences: Sentences) -> str | None:
    """The clause's marker nearest the date ("examineront le 15 novembre, a indiqué"), else the sentence's."""
    low, high = sentences.around(start)
    # as for English: a marker further than _REACH says nothing of this date, and a sentence that
    # is one long list of dates stays linear (each date reads a bounded window)
    low, high = max(low, start - _REACH), min(max(high, end), end + _REACH)
    edges = _edges(text, *sentences.around(start))  # found once per sentence, then bisected
    before, after = bisect.bisect_left(edges, start) - 1, bisect.bisect_left(edges, end)
    clause_low = edges[before] + 1 if before >= 0 and edges[before] >= low else low
    clause_high = edges[after] if after < len(edges) and edges[after] < high else high
    return _nearest(text, start, end, grammar, clause_low, clause_high) or _nearest(text, start, end, grammar, low, high)


@lru_cache(maxsize=16)
def _edges(text: str, low: int, high: int) -> list[int]:
    return [m.start() for m in _CLAUSE_EDGE.finditer(text, low, high)]


def _nearest(text: str, start: int, end: int, grammar: Grammar, low: int, high: int) -> str | None:
    nearest: tuple[int, str] | None = None
    for tense, pattern in grammar.tense_markers.items():
        for m in pattern.finditer(text, low, high):
            if start <= m.start() < end:
                continue  # a marker inside the date itself ("明年") says nothing of the verb
            distance = min(abs(m.start() - end), abs(start - m.end()))
            if nearest is None or distance < nearest[0]:
                nearest = (distance, tense)
    return nearest[1] if nearest else None


def with_marked_tense(text: str, timexes: list[Timex], grammar: Grammar, sentences: Sentences) -> list[Timex]:
    """English's verb tenses mean nothing here: each timex takes the tense its language's markers give."""
    return [copied(t, tense=marked_tense(text, t.start, t.end, grammar, sentences)) for t in timexes]
