"""Quoted posts that carry their own date: an embedded tweet ends with its signature
("— Jane Doe (@jane) December 31, 2019"), and "tomorrow" inside it counts from that day,
not from the article's dateline."""
from __future__ import annotations

import re
from typing import NamedTuple

from .. import calendar as cal

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_SIGNATURE = re.compile(
    r"[—–]\s*[^\n()—–]{1,80}?\(@\w{1,15}\)\s+(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})")


class QuotedPost(NamedTuple):
    start: int  # the post's text, up to its signature
    end: int
    day: int  # the day number it carries


def quoted_posts(text: str) -> list[QuotedPost]:
    posts = []
    for m in _SIGNATURE.finditer(text):
        month = m.group("month").lower()
        if month not in _MONTHS or not 1 <= int(m.group("day")) <= 31:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start:m.start()].strip():  # the signature on its own line: the post is the line before
            line_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        try:
            day = cal.day_number(int(m.group("year")), _MONTHS.index(month) + 1, int(m.group("day")))
        except ValueError:
            continue
        posts.append(QuotedPost(line_start, m.start(), day))
    return posts


def post_around(posts: list[QuotedPost], offset: int) -> QuotedPost | None:
    return next((p for p in posts if p.start <= offset < p.end), None)
