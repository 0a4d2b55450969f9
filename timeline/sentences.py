"""Sentence boundaries with character offsets (news-aware: "U.S.", "Jan. 5", "Mr." do not end one)."""
from __future__ import annotations

import bisect
import re

_BOUNDARY = re.compile(r"\n\s*|[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])\s*|[.!?]+[\"”’')\]]*\s*$")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Ms|Mrs|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|No|Co|Inc|Corp|Ltd|"
    r"vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun|"
    r"a\.m|p\.m|U\.S|U\.K|U\.N|e\.g|i\.e|etc|approx|est))\.$"
)


class Sentences:
    """Sentence spans of one text, for quick lookup of the sentence around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = _split(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.spans[index] if self.spans else (0, len(self.text))


def _split(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        head = text[max(start, end - 8):match.end()].rstrip()
        if "\n" not in match.group() and _ABBREVIATION.search(head.rstrip("\"”’')]")):
            continue
        if end > start:
            spans.append(trim_span(text, start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append(trim_span(text, start, len(text)))
    return [s for s in spans if s[1] > s[0]]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the white space at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
