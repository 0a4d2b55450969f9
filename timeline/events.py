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
    s0, s1 = _within_reach(text, s0, max(s1, end), start, end)
    return EventText(make_title(text[s0:s1], start - s0, end - s0), text[s0:s1], s0, s1)


_REACH = 600  # characters either side of the date that an event's sentence keeps


def _within_reach(text: str, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """A sentence that runs on for pages (a table pasted as one line, a list of dates) is cut
    at a space within _REACH of the date: every event reads a bounded text, and stores one."""
    if start - s0 > _REACH:
        cut = text.find(" ", start - _REACH, start)
        s0 = cut + 1 if cut != -1 else start - _REACH
    if s1 - end > _REACH:
        cut = text.rfind(" ", end, end + _REACH)
        s1 = cut if cut != -1 else end + _REACH
    return s0, s1
