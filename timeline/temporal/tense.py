"""Read the tense of the clause around an expression: it places "Sunday" before or after the dateline."""
from __future__ import annotations

import re

from ..sentences import Sentences

_CLAUSE_EDGE = re.compile(r"[;:\n\"“”,—]")
_FUTURE = re.compile(  # the passive after a modal first: "will be finalized" is one future, not a past "-ed"
    r"\b(?:(?:will|would|may|might|should|could|must|shall|can|to)\s+(?:not\s+)?be\s+\w+|"
    r"will|won't|shall|'ll|would|is\s+to|are\s+to|going\s+to|scheduled|slated|expected\s+to|(?:is|are)\s+expected|"
    r"(?:has|have)\s+(?:scheduled|planned|set)|plan(?:s|ned)?\s+to|planning\s+to|set\s+(?:to|for)|due\s+to\s+(?!the\b|a\b|an\b|its\b|their\b|his\b|her\b)\w+|"
    r"(?:is|are)\s+due|aims?\s+to|intends?\s+to|upcoming|wants?\s+to|as\s+soon\s+as|"
    r"hopes?\s+to|seeks?\s+to|may|might|should|to\s+(?:remain|stay|reopen|resume)|next(?!\s+to\b))\b",
    re.IGNORECASE,
)
_PAST = re.compile(  # "had been due to expire": a plan that lay in the past
    r"\b(?:(?:had|was|were)\s+(?:been\s+)?(?:due|scheduled|set|expected|supposed|planned|slated)\s+to\s+\w+|"
    r"was|were|had|did|said|told|came|went|met|held|made|took|gave|saw|began|spoke|"
    r"wrote|sent|left|fell|rose|won|lost|got|put|set|led|hit|cut|ran|became|brought|bought|"
    r"sold|paid|found|chose|flew|drove|knew|thought|struck|broke|[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
_NOT_PAST = re.compile(r"^(?:need|speed|feed|seed|bleed|breed|embed|proceed|exceed|succeed|indeed|hundred|red|bed|led|"
                       r"shed|fled|bred|united|limited|based|related|armed|alleged|sacred|aged|beloved|naked)$", re.I)
# the present perfect ("has announced") speaks of now: it counts as present, not past
_PRESENT = re.compile(r"\b(?:(?:has|have)\s+(?:not\s+)?(?:been\s+)?\w+|is|are|am|says|say|remains|continues)\b",
                      re.IGNORECASE)


def _clause(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    left = start
    while left > low and not _CLAUSE_EDGE.match(text, left - 1):
        left -= 1
    found = _CLAUSE_EDGE.search(text, end, high)
    return left, found.start() if found else high


def _tense_of(fragment: str, at: int) -> str | None:
    """The tense of the verb nearest to position ``at`` (where the date stands) in the fragment."""
    found: list[tuple[int, int, str]] = []
    for pattern, tense in ((_FUTURE, "future"), (_PAST, "past"), (_PRESENT, "present")):
        for m in pattern.finditer(fragment):
            if tense != "past" or not _NOT_PAST.match(m.group()):
                found.append((min(abs(m.start() - at), abs(m.end() - at)), -len(m.group()), tense))
    return min(found)[2] if found else None  # the nearest verb; of two ending there, the longer


_REACH = 300


def clause_tense(text: str, start: int, end: int, sentences: Sentences | None = None) -> str | None:
    """'past', 'present', 'future' or None: the verb nearest the date in its clause, left side
    first ("announced Friday that it will ..."), then in the whole sentence."""
    low, high = (sentences or Sentences(text)).around(start)
    # a verb further than _REACH away says nothing of this date, and a sentence that is one long
    # list of dates stays linear: each date reads a bounded window, not the whole sentence
    low, high = max(low, start - _REACH), min(max(high, end), end + _REACH)
    left, right = _clause(text, start, end, low, high)
    return (_tense_of(text[left:start], start - left) or _tense_of(text[end:right], 0)
            or _tense_of(text[low:start] + " " + text[end:high], start - low))


_STATE_PAST = re.compile(r"\b(?:was|were|had|did|remained|stayed|lasted)\b", re.IGNORECASE)


def deadline_tense(text: str, start: int, tense: str | None) -> str | None:
    """'closed until Friday': a state that runs up to a weekday runs into the coming days,
    unless the sentence puts the state itself in the past ('were closed until Friday',
    'Until Thursday, they had not called')."""
    stop = re.search(r"[.!?]", text[start:start + 120])
    if _STATE_PAST.search(text, max(0, start - 120), start + (stop.start() if stop else 120)):
        return tense
    return "future"


_FORWARD = re.compile(  # words that point a date ahead whatever the verb's tense: "payable Dec. 7", "extended to Nov. 20"
    r"\b(?:payable|effective|expir(?:e|es|ed|ing)|until|till|due|deadline|record|"
    r"(?:extend|postpone|delay|move|push|adjourn|put\s+off)\w*(?:\s+[\w'’]+){0,3}?\s+(?:to|until|till)|"
    r"(?:scheduled|set|slated|planned)\s+for)\s+(?:on\s+|at\s+)?$",
    re.IGNORECASE,
)


def points_ahead(text: str, start: int, tense: str | None) -> str | None:
    """A past tense does not put a date marked as a deadline or payment day in the past:
    such a date without a year is taken nearest to the dateline."""
    if tense == "past" and _FORWARD.search(text, max(0, start - 60), start):
        return None
    return tense
