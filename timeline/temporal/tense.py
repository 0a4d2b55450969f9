"""Read the tense of the clause around an expression: it places "Sunday" before or after the dateline."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Callable

from ..sentences import Sentences

_CLAUSE_EDGE = re.compile(r"[;:\n\"“”,—]")
_FUTURE = re.compile(  # the passive after a modal first: "will be finalized" is one future, not a past "-ed"
    r"\b(?:(?:will|would|may|might|should|could|must|shall|can|to)\s+(?:(?:not|still|also|now|then|only|soon|probably|likely)\s+)?be\s+\w+|"
    r"will|won't|shall|'ll|would|is\s+to|are\s+to|going\s+to|scheduled|slated|expected\s+to|(?:is|are)\s+expected|"
    r"(?:has|have)\s+(?:scheduled|planned|set)|plan(?:s|ned)?\s+to|planning\s+to|set\s+(?:to|for)|due\s+to\s+(?!the\b|a\b|an\b|its\b|their\b|his\b|her\b)\w+|"
    r"(?:is|are)\s+due|aims?\s+to|intends?\s+to|upcoming|wants?\s+to|as\s+soon\s+as|"
    r"hopes?\s+to|seeks?\s+to|may|might|should|to\s+(?:remain|stay|reopen|resume)|next(?!\s+to\b)|"
    # an agreement or decision to act names an act still to come: "agreed to buy the unit in March"
    r"(?:are|is|am)\s+supposed\s+to|expects?\s+to|(?:agree[sd]?|agreement|decided?|decides|decision|promised?|promises|"
    r"pledged?|pledges|vowed?|vows)\s+to\s+\w+|"
    # a timetable in the simple present: "leaders meet Monday", "the fair opens Friday"
    r"meets|(?<!to\s)meet|opens|begins|starts|ends|visits|travels|arrives|resumes|expires|hosts)\b",
    re.IGNORECASE,
)
_PAST = re.compile(  # "had been due to expire": a plan that lay in the past
    r"\b(?:(?:had|was|were)\s+(?:been\s+)?(?:due|scheduled|set|expected|supposed|planned|slated)\s+to\s+\w+|"
    r"was|were|had|did|said|told|came|went|met|held|made|took|gave|saw|began|spoke|"
    r"wrote|sent|left|fell|rose|won|lost|got|put|set|led|hit|cut|ran|became|brought|bought|"
    r"sold|paid|found|chose|flew|drove|knew|thought|struck|broke|[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
_NOT_PAST = re.compile(r"^(?:un[a-z]+ed|need|speed|feed|seed|bleed|breed|embed|proceed|exceed|succeed|indeed|hundred|red|bed|led|"
                       r"shed|fled|bred|united|limited|based|related|armed|alleged|sacred|aged|beloved|naked)$", re.I)
# "unspecified", "undisclosed": an adjective, not a past verb (in _NOT_PAST)
# the present perfect ("has announced") speaks of now: it counts as present, not past
_PRESENT = re.compile(r"\b(?:(?:has|have)\s+(?:not\s+)?(?:been\s+)?\w+|is|are|am|says|say|remains|continues)\b",
                      re.IGNORECASE)


def _tense_of(fragment: str, at: int) -> str | None:
    """The tense of the verb nearest to position ``at`` (where the date stands) in the fragment."""
    found: list[tuple[int, int, str]] = []
    for pattern, tense in _PATTERNS:
        for m in pattern.finditer(fragment):
            if tense != "past" or not _NOT_PAST.match(m.group()):
                found.append((min(abs(m.start() - at), abs(m.end() - at)), -len(m.group()), tense))
    return min(found)[2] if found else None  # the nearest verb; of two ending there, the longer


_PATTERNS = ((_FUTURE, "future"), (_PAST, "past"), (_PRESENT, "present"))
_REACH = 300


class _Verbs:
    """The verbs and clause edges of one sentence, found once: every date of the sentence asks
    for the nearest (a list of a thousand dates in one sentence reads it once, not a thousand times)."""

    def __init__(self, text: str, low: int, high: int) -> None:
        self.text = text
        found = sorted((m.start(), m.end(), tense) for pattern, tense in _PATTERNS
                       for m in pattern.finditer(text, low, high)
                       if tense != "past" or not _NOT_PAST.match(m.group()))
        self.found, self.starts = found, [f[0] for f in found]
        self.longest = max((e - s for s, e, _ in found), default=0)
        self.edges = [m.start() for m in _CLAUSE_EDGE.finditer(text, low, high)]

    def clause(self, start: int, end: int, low: int, high: int) -> tuple[int, int]:
        """The clause around [start, end) within [low, high): between the nearest edges."""
        before = bisect.bisect_left(self.edges, start) - 1
        left = self.edges[before] + 1 if before >= 0 and self.edges[before] >= low else low
        after = bisect.bisect_left(self.edges, end)
        right = self.edges[after] if after < len(self.edges) and self.edges[after] < high else high
        return left, right

    def within(self, a: int, b: int) -> list[tuple[int, int, str]] | None:
        """The verbs inside [a, b), as a scan of text[a:b] alone would find them; None when the
        sentence's scan cannot tell (a verb or a word runs across an edge: "will be| Monday")."""
        if _cuts_word(self.text, a) or _cuts_word(self.text, b):
            return None
        first = bisect.bisect_left(self.starts, a - self.longest)
        last = bisect.bisect_left(self.starts, b)
        inside = []
        for s, e, tense in self.found[first:last]:
            if s < a < e or s < b < e:
                return None
            if a <= s and e <= b:
                inside.append((s, e, tense))
        return inside


_WORD = re.compile(r"\w")


def _cuts_word(text: str, edge: int) -> bool:
    return 0 < edge < len(text) and bool(_WORD.match(text, edge - 1)) and bool(_WORD.match(text, edge))


def _off_words(text: str, edge: int, step: int, limit: int) -> int:
    """A window edge moved off the word it cuts (forward for a left edge, back for a right one,
    never past ``limit``): half a word is no verb."""
    for _ in range(40):
        if edge == limit or not _cuts_word(text, edge):
            break
        edge += step
    return edge


@lru_cache(maxsize=16)
def _verbs(text: str, low: int, high: int) -> _Verbs:
    return _Verbs(text, low, high)


def _nearest(found: list[tuple[int, int, str]], distance: Callable[[int, int], int]) -> str | None:
    return min(((distance(s, e), s - e, tense) for s, e, tense in found), default=(0, 0, None))[2]


def clause_tense(text: str, start: int, end: int, sentences: Sentences | None = None) -> str | None:
    """'past', 'present', 'future' or None: the verb nearest the date in its clause, left side
    first ("announced Friday that it will ..."), then in the whole sentence."""
    low, high = (sentences or Sentences(text)).around(start)
    verbs = _verbs(text, low, max(high, end))
    # a verb further than _REACH away says nothing of this date, and a sentence that is one long
    # list of dates stays linear: each date reads a bounded window of the sentence's verbs
    low, high = max(low, start - _REACH), min(max(high, end), end + _REACH)
    low, high = _off_words(text, low, 1, start), _off_words(text, high, -1, end)
    if not verbs.found and not any(_cuts_word(text, edge) for edge in (low, start, end, high)):
        return None  # a sentence without a verb (a list of dates): no scan below would find one
    left, right = verbs.clause(start, end, low, high)  # at a clause edge (no word character) or at low, high
    before, after = verbs.within(left, start), verbs.within(end, right)
    tense = (_tense_of(text[left:start], start - left) if before is None else _nearest(before, lambda s, e: start - e))
    tense = tense or (_tense_of(text[end:right], 0) if after is None else _nearest(after, lambda s, e: s - end))
    if tense:
        return tense
    before, after = verbs.within(low, start), verbs.within(end, high)
    if before is None or after is None:
        return _tense_of(text[low:start] + " " + text[end:high], start - low)
    return _nearest(before + after, lambda s, e: start - e if e <= start else 1 + s - end)


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
