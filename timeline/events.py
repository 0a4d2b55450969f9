"""From resolved mentions to timeline events: the interval, its sentence and a short title."""
from __future__ import annotations

from dataclasses import dataclass

from .sentences import Sentences
from .titles import make_title


@dataclass(frozen=True)
class EventText:
    title: str  # "" when the sentence is no event (a byline, a signature)
    sentence: str
    sentence_start: int
    sentence_end: int


def describe(text: str, start: int, end: int, sentences: Sentences) -> EventText:
    """The sentence around [start, end) and its who-did-what title."""
    s0, s1 = sentences.around(start)
    s1 = max(s1, end)
    return EventText(make_title(text[s0:s1], start - s0, end - s0), text[s0:s1], s0, s1)
