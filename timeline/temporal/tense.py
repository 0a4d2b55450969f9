"""Read the tense of the clause around an expression: it places "Sunday" before or after the dateline."""
from __future__ import annotations

import re

from ..sentences import Sentences

_CLAUSE_EDGE = re.compile(r"[;:\n\"“”,—]")
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|would|is\s+to|are\s+to|going\s+to|scheduled|slated|expected\s+to|(?:is|are)\s+expected|"
    r"plans?\s+to|planning\s+to|set\s+to|due\s+to\s+\w+|aims?\s+to|intends?\s+to|upcoming|wants?\s+to|"
    r"hopes?\s+to|seeks?\s+to|may|might|should|to\s+be\s+\w+ed|next)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|came|went|met|held|made|took|gave|saw|began|spoke|"
    r"wrote|sent|left|fell|rose|won|lost|got|put|set|led|hit|cut|ran|became|brought|bought|"
    r"sold|paid|found|chose|flew|drove|knew|thought|struck|broke|[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
_NOT_PAST = re.compile(r"^(?:need|speed|feed|seed|bleed|breed|embed|proceed|exceed|succeed|indeed|hundred|red|bed|led|shed|fled|bred)$", re.I)
_PRESENT = re.compile(r"\b(?:is|are|am|says|say|remains|continues)\b", re.IGNORECASE)


def _clause(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    left = start
    while left > low and not _CLAUSE_EDGE.match(text, left - 1):
        left -= 1
    found = _CLAUSE_EDGE.search(text, end, high)
    return left, found.start() if found else high


def _tense_of(fragment: str) -> str | None:
    if _FUTURE.search(fragment):
        return "future"
    if any(not _NOT_PAST.match(m.group()) for m in _PAST.finditer(fragment)):
        return "past"
    if _PRESENT.search(fragment):
        return "present"
    return None


def clause_tense(text: str, start: int, end: int, sentences: Sentences | None = None) -> str | None:
    """'past', 'present', 'future' or None, from the clause first and then the sentence."""
    low, high = (sentences or Sentences(text)).around(start)
    high = max(high, end)
    left, right = _clause(text, start, end, low, high)
    # the verb before the date governs it most often: "announced Friday that it will ..."
    return (_tense_of(text[left:start]) or _tense_of(text[end:right])
            or _tense_of(text[low:start] + " " + text[end:high]))
