"""From resolved mentions to timeline events: the interval, its sentence and a short title."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import Sentences

_CLAUSE_EDGE = re.compile(r"[,;:()\[\]“”\"—–]|\s-\s")
_MIN_WORDS, _MAX_WORDS = 6, 16


@dataclass(frozen=True)
class EventText:
    title: str
    sentence: str
    sentence_start: int
    sentence_end: int


def describe(text: str, start: int, end: int, sentences: Sentences) -> EventText:
    """The sentence around [start, end) and a title: its clause, widened to a readable length."""
    s0, s1 = sentences.around(start)
    s1 = max(s1, end)
    return EventText(_title(text, start, end, s0, s1), text[s0:s1], s0, s1)


def _title(text: str, start: int, end: int, s0: int, s1: int) -> str:
    cuts = [s0] + [m.start() for m in _CLAUSE_EDGE.finditer(text, s0, s1)] + [s1]
    left = max((c for c in cuts if c <= start), default=s0)
    right = min((c for c in cuts if c >= end), default=s1)
    while len(text[left:right].split()) < _MIN_WORDS and (left > s0 or right < s1):
        left = max((c for c in cuts if c < left), default=s0) if left > s0 else left
        right = min((c for c in cuts if c > right), default=s1) if right < s1 else right
    words = text[left:right].strip(" ,;:—–-“”\"()").split()
    if len(words) > _MAX_WORDS:
        words = _window(text, words, left, start)
    return " ".join(words)


def _window(text: str, words: list[str], left: int, start: int) -> list[str]:
    """Keep _MAX_WORDS words around the date, marking the cuts."""
    before = len(text[left:start].split())
    first = max(0, min(before - _MAX_WORDS // 3, len(words) - _MAX_WORDS))
    kept = words[first:first + _MAX_WORDS]
    return (["…"] if first > 0 else []) + kept + (["…"] if first + _MAX_WORDS < len(words) else [])
