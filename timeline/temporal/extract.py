"""Find every temporal expression in a text, with exact character spans.

Steps: run every rule; keep the longest of overlapping matches; drop blocked spans
(ages, money, scores); widen by modifiers ("mid-", "the end of"); drop years that count
things; read each clause's tense; then join timexes into ranges and open intervals.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, NamedTuple

from .builders import BUILDERS, Part
from .grammar import Grammar, Signals, load_grammar, normalise_word
from .joins import join_pieces, takes_modifier
from .prefilter import folded
from .model import DATE, DURATION, SET, Mention, Timex
from ..sentences import Sentences
from .tense import clause_tense, deadline_tense, points_ahead
from .tense_intl import with_marked_tense


class _Candidate(NamedTuple):
    start: int
    end: int
    rank: int
    rule: str
    parts: tuple[Part, ...]


_MODIFIER = re.compile(
    r"(?i)(?:\b(?P<word>early|mid|late|earlier|later)(?:-|\s+|-\s*)|"
    r"\bthe\s+(?:very\s+)?(?P<phrase>beginning|start|middle|end|close|turn)\s+of\s+)$"
)
_MOD_CODES = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
              "late": "END", "end": "END", "close": "END", "turn": "START"}
_SIGNAL = re.compile(
    r"(?i)\b(?P<signal>since|from|until|till|through|by|before|after|between|as\s+of|"
    r"no\s+later\s+than|prior\s+to|up\s+to|starting|beginning)\s+(?:(?:on|in)\s+)?$"
)
_RANGE_JOIN = re.compile(r"(?i)^\s*(?:-|–|—|to|through|thru|until|till|and|into)\s*$")
_SIGNAL_KIND = {"since": "since", "from": "since", "starting": "since", "beginning": "since",
                "until": "until", "till": "until", "through": "until", "up to": "until",
                "by": "by", "no later than": "by", "before": "before", "prior to": "before",
                "after": "after", "as of": "point", "between": "point"}
_AHEAD_OF = re.compile(r"(?i)\b(?:ahead\s+of|until|upcoming|planned|scheduled|awaiting|await)\s+(?:the\s+)?$")
_IN_OFFSET = re.compile(r"(?i)\bin\s+$")  # "in 30 days" in a future clause counts from the dateline
_QUANTITY_BEFORE = re.compile(r"(?i)(?:\d[\d,.]*\s*(?:%|percent|[a-z]+)?|\b(?:once|twice|times))\s+$")


def find_timexes(text: str, skip: Iterable[tuple[int, int]] = (), grammar: Grammar | None = None,
                 window: tuple[int, int] | None = None, sentences: Sentences | None = None) -> list[Timex]:
    """Every temporal expression in ``text`` (or in its ``window`` [start, end): one paragraph)
    as TimeML-style timexes, in text order. ``sentences`` of the whole text, when the caller
    tags it window by window, are split once."""
    grammar = grammar or load_grammar()
    start, end = window or (0, len(text))
    chosen = _longest_matches(_candidates(text, grammar, start, end), start, end)
    skipped = list(skip)
    sentences = sentences or Sentences(text)
    timexes: list[Timex] = []
    for cand in chosen:
        if any(s < cand.end and cand.start < e for s, e in skipped):
            continue
        for part in cand.parts:
            if part.type == "BLOCK" or _counts_things(text, part, grammar) or _is_title(text, part):
                continue
            # a modifier is never read inside the expression before ("YEAR-EARLIER 90s": no "EARLIER 90s")
            low = max(start, timexes[-1].end if timexes else 0)
            timexes.append(_finish(text, part, cand.rule, sentences, low, grammar.language == "en"))
    timexes = join_pieces(text, timexes, grammar)
    if grammar.language != "en":
        return with_marked_tense(text, timexes, grammar, sentences)
    return timexes


def _candidates(text: str, grammar: Grammar, start: int, end: int) -> list[_Candidate]:
    found = []
    window = folded(text[start:end])
    for rank, rule in enumerate(grammar.rules):
        if rule.needs is not None and not any(word in window for word in rule.needs):
            continue  # cannot match here: no need to scan the window
        build = BUILDERS[rule.build]
        for match in rule.regex.finditer(text, start, end):
            parts = tuple(build(match, rule, grammar))
            if parts:
                found.append(_Candidate(parts[0].start, parts[-1].end, rank, rule.name, parts))
    return found


def _longest_matches(candidates: list[_Candidate], start: int, end: int) -> list[_Candidate]:
    """Longest first, then the earlier rule; a candidate that overlaps one kept is dropped.
    Kept characters are marked in a bytearray: each rule's matches do not overlap each other,
    so the marking and checking cost at most (rules x window length), however dense the
    window is (a list of kept spans to compare against was quadratic in the matches)."""
    candidates.sort(key=lambda c: (-(c.end - c.start), c.rank, c.start))
    taken = bytearray(end - start)
    kept = []
    for cand in candidates:
        s, e = cand.start - start, cand.end - start
        if taken.find(1, s, e) == -1:
            taken[s:e] = b"\x01" * (e - s)
            kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return kept


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _counts_things(text: str, part: Part, grammar: Grammar) -> bool:
    """'2000 people' and '1500 km' are counts, not years."""
    anchor = part.anchor
    if anchor.kind != "calendar" or anchor.year is None or anchor.month is not None or part.end - part.start != 4:
        return False
    following = _NEXT_WORD.match(text, part.end, part.end + 30)
    return bool(following and grammar.lookup("count_noun", following.group(1)) is not None)


_TITLE_WORDS = re.compile(r"(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)*")
_QUOTED_NAME = re.compile(r"[,.]?[\"”’']|\s+(?:With|And|In|On|At|Of)\s+[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“'‘(—-])\s*$")


def _is_title(text: str, part: Part) -> bool:
    """'This Week', 'USA Today', 'Tonight Show': a relative word in title case inside a sentence
    names a programme or a paper, not a day. So does a capitalised season inside a name
    ('the Arab Spring', 'its Winter Outlook')."""
    if _is_named_season(text, part):
        return True
    if part.anchor.kind not in ("relative", "literal") or part.type not in (DATE, "TIME"):
        return False
    if not _TITLE_WORDS.fullmatch(text[part.start:part.end]):
        return False
    before = text[max(0, part.start - 40):part.start]
    if _QUOTED_NAME.match(text, part.end) and re.search(r"[\"“‘']$", before):
        return True  # on ABC's "This Week," / "This Week With ...": the title in quotes
    return not _SENTENCE_START.search(before)


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_NAME_BEFORE = re.compile(r"(?<![\w.])(?!(?:In|On|At|By|The|This|That|Last|Next|Each|Every|Early|Late|Mid|During|"
                          r"Since|Until|Before|After|From|Of|For|Through|Till|And|Or|But)\s)[A-Z][\w.]*\s+$")


def _is_named_season(text: str, part: Part) -> bool:
    """A season is written small in running English text; capitalised mid-sentence next to another
    capitalised word it is part of a name."""
    anchor = part.anchor
    if anchor.kind != "calendar" or anchor.season is None or anchor.year is not None:
        return False
    if not text[part.start:part.start + 1].isupper():
        return False
    before = text[max(0, part.start - 40):part.start]
    if _SENTENCE_START.search(before):
        return bool(_NAME_AFTER.match(text, part.end))  # "Spring Valley residents"
    return bool(_NAME_AFTER.match(text, part.end) or _NAME_BEFORE.search(before))


def _finish(text: str, part: Part, rule: str, sentences: Sentences, low: int = 0, english: bool = True) -> Timex:
    """``low``: where the window starts, or the expression before ends; a modifier is never read across it.
    The tense is read from English verbs (other languages mark it their way: with_marked_tense)."""
    start, anchor, type_ = part.start, part.anchor, part.type
    modifier = _MODIFIER.search(text, max(low, start - 30), start) if takes_modifier(anchor) else None
    if modifier:
        start = modifier.start()
        code = _MOD_CODES.get((modifier.group("word") or modifier.group("phrase") or "").lower())
        anchor = anchor.with_(mod=code) if code else anchor
    if type_ == DURATION and anchor.value in ("P1Y", "P1M", "P1W", "P1D") and _after_quantity(text, start):
        type_ = SET  # "15 a year", "$5 a day"
    tense = _english_tense(text, start, part.end, rule, anchor, sentences, low) if english else None
    return Timex(start, part.end, text[start:part.end], type_, anchor, rule, tense)


def _english_tense(text: str, start: int, end: int, rule: str, anchor: Anchor, sentences: Sentences,
                   low: int) -> str | None:
    tense = clause_tense(text, start, end, sentences)
    if rule == "weekday_possessive" and anchor.direction is None:  # "get around Wednesday's ruling": a thing done,
        ahead = _AHEAD_OF.search(text, max(low, start - 25), start)  # whatever the clause's tense; "ahead of Friday's vote"
        tense = "future" if ahead else "past"
    if anchor.kind == "calendar" and anchor.year is None:
        tense = points_ahead(text, start, tense)
    return tense


def _after_quantity(text: str, start: int) -> bool:
    word = text[start:start + 3].lower()
    return word.startswith("a ") and bool(_QUANTITY_BEFORE.search(text, max(0, start - 25), start))


def compose(text: str, timexes: list[Timex], low: int = 0, grammar: Grammar | None = None) -> list[Mention]:
    """Join timexes into the phrases an analyst reads: ranges and open intervals (a signal
    word such as "since" is read from ``low`` on: the window's start). Other languages name
    their signal words in their rules file (grammar.signals), before or after the date."""
    signals = grammar.signals if grammar is not None else None
    mentions: list[Mention] = []
    index = 0
    while index < len(timexes):
        first = timexes[index]
        floor = max(low, mentions[-1].end) if mentions else low  # a signal word belongs to one expression only
        if signals is not None:
            second = timexes[index + 1] if index + 1 < len(timexes) else None
            joined = _signalled_range(text, first, second, floor, signals) if second else None
            mentions.append(joined or _signalled(text, first, floor, signals))
            index += 2 if joined else 1
            continue
        signal = _SIGNAL.search(text, max(floor, first.start - 40), first.start)
        kind = _SIGNAL_KIND.get(normalise_word(signal.group("signal"))) if signal else "point"
        start = signal.start() if signal and kind != "point" else first.start
        second = timexes[index + 1] if index + 1 < len(timexes) else None
        if second and _is_range(text, first, second, signal):
            start = signal.start() if signal else first.start
            mentions.append(Mention(start, second.end, text[start:second.end], "range", (_with_year_of(first, second), second)))
            index += 2
            continue
        offset = _IN_OFFSET.search(text, max(floor, first.start - 8), first.start)
        if first.type == DURATION and first.tense == "future" and offset:  # "will take effect in 30 days": a date
            mentions.append(Mention(offset.start(), first.end, text[offset.start():first.end], "offset", (first,)))
            index += 1
            continue
        if first.type not in (DATE, "TIME"):
            kind, start = "point", first.start
        if kind == "until" and first.anchor.kind == "weekday":
            first = replace(first, tense=deadline_tense(text, start, first.tense))
        mentions.append(Mention(start, first.end, text[start:first.end], kind or "point", (first,)))
        index += 1
    return mentions


def _signalled_range(text: str, first: Timex, second: Timex, low: int, signals: Signals) -> Mention | None:
    """'del 1 al 5 de marzo', 'vom 1. bis 5. März', 'с января по март 2021 года', '3月1日から5日まで':
    two dates of one kind joined by the language's range word, with its opener or closing signal;
    or by its 'and' after its 'between' ('zwischen 2011 und 2019', 'entre 2011 y 2019')."""
    if first.type != DATE or second.type != DATE or first.anchor.kind != second.anchor.kind or signals.joiner is None:
        return None
    between = None
    if not signals.joiner.fullmatch(text, first.end, second.start):
        joined = signals.conjunction and signals.conjunction.fullmatch(text, first.end, second.start)
        between = signals.between.search(text, max(low, first.start - 20), first.start) if joined else None
        if between is None:  # "2011 und 2019" are two years; "zwischen 2011 und 2019" one range
            return None
    opener = between or (signals.opener.search(text, max(low, first.start - 20), first.start) if signals.opener else None)
    before = signals.before.search(text, max(low, first.start - 40), first.start) if signals.before else None
    start = (opener or before).start() if (opener or before) else first.start
    after = signals.after.match(text, second.end, second.end + 12) if signals.after else None
    end = after.end() if after and signals.kinds.get(normalise_word(after.group("signal"))) in ("until", "by") else second.end
    return Mention(start, end, text[start:end], "range", (_with_year_of(first, second), second))


def _with_year_of(first: Timex, second: Timex) -> Timex:
    """'de enero a marzo de 2021': the first date takes the year written once, after the second
    (the year before, when its month comes later: 'de diciembre a marzo de 2021')."""
    a, b = first.anchor, second.anchor
    if a.kind != "calendar" or a.year is not None or b.year is None or a.month is None:
        return first
    year = b.year - 1 if b.month is not None and a.month > b.month else b.year
    return replace(first, anchor=a.with_(year=year, two_digit_year=b.two_digit_year))


def _signalled(text: str, timex: Timex, low: int, signals: Signals) -> Mention:
    """'desde 2017', 'до 2030 года', '2017年以来', '2030년까지', 'منذ عام 2017': the date with the
    signal word written before it, else after it, as an open interval; a point without one."""
    if timex.type not in (DATE, "TIME"):
        return Mention(timex.start, timex.end, timex.text, "point", (timex,))
    before = signals.before.search(text, max(low, timex.start - 40), timex.start) if signals.before else None
    after = signals.after.match(text, timex.end, timex.end + 12) if signals.after else None
    start = before.start() if before else timex.start
    end = after.end() if after and not before else timex.end
    word = before or after
    kind = signals.kinds.get(normalise_word(word.group("signal")), "point") if word else "point"
    if before and after and signals.kinds.get(normalise_word(after.group("signal"))) == kind:
        end = after.end()  # '自2017年以来': the same signal on both sides
    if kind in ("until", "by") and timex.anchor.year is None and timex.anchor.kind in ("calendar", "weekday"):
        # a deadline ('d'ici vendredi', '3月31日まで延長すると決めた') lies ahead of the time of
        # speaking: the reporting verb's past tense does not put its date in the past
        timex = replace(timex, tense="future")
    return Mention(start, end, text[start:end], kind, (timex,))


def _is_range(text: str, first: Timex, second: Timex, signal: re.Match[str] | None) -> bool:
    if first.type != DATE or second.type != DATE or first.anchor.kind != second.anchor.kind:
        return False
    joiner = text[first.end:second.start]
    if not _RANGE_JOIN.match(joiner):
        return False
    word = joiner.strip().lower()
    opener = normalise_word(signal.group("signal")) if signal else ""
    if word == "and":
        return opener == "between"
    if word == "into":  # "from Friday into Saturday"
        return opener == "from"
    if word in ("-", "–", "—"):  # "between 2011-14", "between 2011-12 and 2017-18": ranges too
        return True
    return opener in ("from", "")


def extract(text: str, skip: Iterable[tuple[int, int]] = (), grammar: Grammar | None = None,
            window: tuple[int, int] | None = None, sentences: Sentences | None = None) -> list[Mention]:
    return compose(text, find_timexes(text, skip, grammar, window, sentences), window[0] if window else 0, grammar)
