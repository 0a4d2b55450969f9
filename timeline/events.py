"""From resolved mentions to timeline events: the interval, its sentence and a short title."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .sentences import Sentences
from .temporal.model import copied
from .titles import make_title


@dataclass(frozen=True)
class EventText:
    title: str  # "" when the sentence is no event (a byline, a signature)
    sentence: str
    sentence_start: int
    sentence_end: int


def describe(text: str, start: int, end: int, sentences: Sentences,
             title_span: tuple[int, int] | None = None, ties: tuple[str, ...] = ()) -> EventText:
    """The sentence around [start, end) and its who-did-what title (read from ``title_span``
    within the sentence when given: a date in a list; ``ties``: the language's words tying a date on)."""
    s0, s1 = sentences.around(start)
    s0, s1 = _within_reach(text, s0, max(s1, end), start, end)
    t0, t1 = (max(s0, title_span[0]), min(s1, title_span[1])) if title_span else (s0, s1)
    item = text[t0:t1]
    untitled = title_span is not None and _no_lower_word(item, start - t0, end - t0)
    return EventText("" if untitled else make_title(item, start - t0, end - t0, ties), text[s0:s1], s0, s1)


def _no_lower_word(item: str, start: int, end: int) -> bool:
    """A list item such as "1999" or "March 3": four words at most, none of which can start in lower
    case however make_title cuts it (a lower-case letter only after a letter, never where the date
    at [start, end) begins or ends), so make_title would find no event (titles._no_event)."""
    if len(item) >= 48 or len(item.split()) > 4:
        return False
    return not any(ch.islower() and (i in (0, start, end) or not item[i - 1].isalpha()) for i, ch in enumerate(item))


LIST_DATES = 8  # more dates than this in one sentence: a list or a table, not a sentence told


def describe_all(text: str, spans: list[tuple[int, int]], sentences: Sentences,
                 ties: tuple[str, ...] = ()) -> list[EventText]:
    """``describe`` for the dates at ``spans`` (in text order). In a sentence with more than
    LIST_DATES of them, each date is titled from the text between its neighbours ("2019: revenue
    up 5%, 2020: revenue down 2%, ..."): every title reads a short text, so a pasted table or a
    list of thousands of dates costs linear time, not dates x sentence length."""
    around = [sentences.around(start) for start, _ in spans]
    per_sentence = Counter(around)
    first_title: dict[tuple[int, int], str] = {}  # a list sentence's title, made once, for items with no words
    described = []
    for index, (start, end) in enumerate(spans):
        title_span = None
        if per_sentence[around[index]] > LIST_DATES:
            same = around[index]
            low = _item_start(text, spans[index - 1][1], start) if index and around[index - 1] == same else 0
            high = (_item_end(text, end, spans[index + 1][0]) if index + 1 < len(spans) and around[index + 1] == same
                    else len(text))
            title_span = (low, high)
        said = describe(text, start, end, sentences, title_span, ties)
        if title_span and not said.title:  # "met on March 1, March 2, ...": the sentence says what happened
            if around[index] not in first_title:
                first_title[around[index]] = describe(text, start, end, sentences, ties=ties).title
            said = copied(said, title=first_title[around[index]])
        described.append(said)
    return described


def _item_start(text: str, previous_end: int, start: int) -> int:
    """Where this date's item of the list begins: after the first ',' or ';' that follows the
    previous date, else right after it."""
    breaks = [at for at in (text.find(",", previous_end, start), text.find(";", previous_end, start)) if at != -1]
    return min(breaks) + 1 if breaks else previous_end


def _item_end(text: str, end: int, next_start: int) -> int:
    """Where this date's item ends: at the last ',' or ';' before the next date, else at it."""
    last = max(text.rfind(",", end, next_start), text.rfind(";", end, next_start))
    return last if last != -1 else next_start


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
