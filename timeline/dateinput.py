"""Read a date as a person types it into a validated interval, or a plain message.

``parse_date_input("mid-January 2022")`` -> EnteredDate(value "2022-01", granularity "month",
mod "MID", t0/t1 the middle of the month). Anything that is not a date raises DateInputError whose
text is meant for the analyst ("2022-02-30 is not a date: February 2022 has 28 days"); no other
exception escapes. The project's own temporal grammar reads the text first (so "before 14 March
2021", "2022-01-31 to 2022-02-03", "since 2017" keep their modifier and open ends); dateparser is
the fallback for forms the grammar does not know (other languages, clock times around a date).

Without a ``reference`` day a date must name its year: "30 Jan" or "yesterday" is refused with a
message instead of guessing a year from the clock.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from . import calendar as cal
from .temporal import Context, Reference, extract, resolve_mention
from .temporal.model import Anchor, Mention, Resolved

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_FILLER = re.compile(r"(?i)^[\s,.;:()'\"-]*(?:(?:on|in|the|of|at)\b[\s,.;:()'\"-]*)*$")
_APPROX = re.compile(r"(?i)^\s*(?:around|about|approximately|approx\.?|circa|ca\.|c\.|roughly)\s+")
_BETWEEN = re.compile(r"(?i)^\s*between\s+(.+?)\s+and\s+(.+?)\s*$")
_ISO_LIKE = re.compile(r"(?<![\d-])(-?\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_NUMERIC_DMY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")
_ISO_WEEK = re.compile(r"(?i)^\s*(?:(\d{4})-?W(\d{1,2})|week\s+(\d{1,2}),?\s+(?:of\s+)?(\d{4}))\s*$")
_MAX_LENGTH = 200
_FALLBACK_PERIODS = {"time": "minute", "day": "day", "week": "week", "month": "month", "year": "year"}


class DateInputError(ValueError):
    """A typed date that cannot be used; ``str(error)`` is the message for the analyst."""


@dataclass(frozen=True)
class EnteredDate:
    """A validated date entry: a half-open interval of day numbers and what it means.

    ``value`` is the TimeML value; ``mod`` is START/MID/END, BEFORE/AFTER, ON_OR_AFTER/ON_OR_BEFORE
    or APPROX; ``open_start``/``open_end`` say the interval has no known bound on that side.
    """

    text: str
    value: str
    granularity: str
    t0: float
    t1: float
    mod: str | None = None
    open_start: bool = False
    open_end: bool = False
    reading: str = ""

    @property
    def first_day(self) -> str:
        return cal.iso_date(self.t0)

    @property
    def last_day(self) -> str:
        """The last day the interval touches (t1 is exclusive)."""
        return cal.iso_date(max(self.t0, self.t1 - 1e-9) // 1)

    def label(self) -> str:
        """The entry in words: "30 January 2022", "mid-January 2022", "31 January 2022 to 3 February 2022"."""
        words = {"START": "early ", "MID": "mid-", "END": "late ", "BEFORE": "before ", "AFTER": "after ",
                 "ON_OR_AFTER": "since ", "ON_OR_BEFORE": "until ", "APPROX": "around "}.get(self.mod or "", "")
        if "/" in self.value:
            first, last = self.value.split("/", 1)
            return f"{words}{_words_of(first)} to {_words_of(last)}"
        return words + _words_of(self.value)


def parse_date_input(text: str, reference: int | None = None) -> EnteredDate:
    """The interval ``text`` names; ``reference`` (a day number) anchors "30 Jan" or "yesterday"."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise DateInputError("Type a date, for example 30 January 2022, Jan 2022 or 2022-01-30.")
    if len(cleaned) > _MAX_LENGTH:
        raise DateInputError("That is too long for a date; type just the date, for example 2022-01-30.")
    try:
        return _parse(cleaned, reference)
    except DateInputError:
        raise
    except Exception:  # noqa: BLE001 - the analyst gets a sentence, never a traceback
        raise DateInputError(f"Could not read '{cleaned}' as a date. Try a form like 30 January 2022 or 2022-01-30.") from None


def parse_day_input(text: str, reference: int | None = None) -> EnteredDate:
    """One whole day (a dateline): "2022-02-02" yes, "Feb 2022" or "before 3 May 2021" no."""
    entry = parse_date_input(text, reference)
    if entry.granularity != "day" or entry.t1 - entry.t0 != 1 or entry.mod:
        raise DateInputError(f"This needs one day; '{entry.text}' is {entry.label()}. Type the day, for example 2022-02-02.")
    return entry


def _parse(text: str, reference: int | None) -> EnteredDate:
    _check_iso_numbers(text)
    approx = _APPROX.match(text)
    body = text[approx.end():] if approx else text
    body = _numeric_to_iso(body)
    between = _BETWEEN.match(body)
    if between:
        body = f"{between.group(1)} to {between.group(2)}"
    entry = _iso_week(body) or _from_grammar(body, reference) or _from_dateparser(body, reference)
    if entry is None:
        raise DateInputError(f"Could not read '{text}' as a date. Try a form like 30 January 2022, "
                             "Jan 2022, 2022-01-30, before 14 March 2021 or 2022-01-31 to 2022-02-03.")
    if approx:
        entry = replace(entry, mod=entry.mod or "APPROX", reading=f"around {entry.reading}")
    problem = cal.range_problem(entry.t0, entry.t1)
    if problem:
        raise DateInputError(f"'{text}' cannot be used: {problem}.")
    return replace(entry, text=text)


def _check_iso_numbers(text: str) -> None:
    """YYYY-MM-DD with a month or day that does not exist (the grammar would read only the year)."""
    for m in _ISO_LIKE.finditer(text):
        _check_day(m.group(0), int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _check_day(typed: str, year: int | None, month: int, day: int | None) -> None:
    if not 1 <= month <= 12:
        raise DateInputError(f"{typed} is not a date: there is no month {month} (months run from 1 to 12).")
    if day is None:
        return
    longest = cal.days_in_month(year, month) if year is not None else (29 if month == 2 else cal.days_in_month(2001, month))
    if not 1 <= day <= longest:
        where = f"{_MONTHS[month - 1]} {cal.year_text(year)}" if year is not None else _MONTHS[month - 1]
        raise DateInputError(f"{typed} is not a date: {where} has {longest} days.")


def _numeric_to_iso(text: str) -> str:
    """30/01/2022 or 30.01.2022 -> 2022-01-30; 01/02/2022 is refused as ambiguous."""
    m = _NUMERIC_DMY.match(text)
    if not m:
        return text
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if a <= 12 and b <= 12 and a != b:
        raise DateInputError(f"{text} is ambiguous: {a} {_MONTHS[b - 1]} or {b} {_MONTHS[a - 1]}? "
                             f"Type it as {year}-{b:02d}-{a:02d} or {year}-{a:02d}-{b:02d}.")
    day, month = (a, b) if a > 12 or a == b else (b, a)
    _check_day(text, year, month, day)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _iso_week(text: str) -> EnteredDate | None:
    m = _ISO_WEEK.match(text)
    if not m:
        return None
    year, week = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
    if not 1 <= week <= cal.iso_week(cal.day_number(year, 12, 28))[1]:
        raise DateInputError(f"{text} is not a date: {year} has no week {week}.")
    start = cal.iso_week_start(year, week)
    return EnteredDate(text, f"{year:04d}-W{week:02d}", "week", float(start), float(start + 7),
                       reading=f"ISO week {week} of {year}")


def _from_grammar(text: str, reference: int | None) -> EnteredDate | None:
    mentions = extract(text)
    if not mentions:
        return None
    if not _covers(text, mentions):
        if len(mentions) > 1 and _covers(text, mentions, others=mentions):
            return _from_dateparser(text, reference) or _several_dates(text, mentions)
        return None
    mention = mentions[0]
    year_from_end = mention.kind == "range" and mention.parts[-1].anchor.year is not None
    for i, timex in enumerate(mention.parts):
        _check_anchor(timex.text, timex.anchor, reference if not (i == 0 and year_from_end) else 0)
    resolved = _resolve(mention, reference)
    if not resolved.has_interval or resolved.granularity is None:
        raise DateInputError(f"'{text}' is {_not_a_point(resolved)}, not a date; type when it happened, "
                             "for example 2022-01-30.")
    return EnteredDate(text, resolved.value, resolved.granularity, float(resolved.t0 or 0), float(resolved.t1 or 0),
                       resolved.mod, resolved.open_start, resolved.open_end, resolved.reason)


def _several_dates(text: str, mentions: list[Mention]) -> EnteredDate:
    first, last = sorted((mentions[0].text, mentions[-1].text), key=lambda t: _start_or_text(t))
    raise DateInputError(f"'{text}' holds {len(mentions)} dates; type one date, or a range as '{first} to {last}'.")


def _start_or_text(text: str) -> tuple[float, str]:
    try:
        return parse_date_input(text).t0, text
    except DateInputError:
        return 0.0, text


def _covers(text: str, mentions: list[Mention], others: list[Mention] | None = None) -> bool:
    """True when the mentions leave nothing of ``text`` but punctuation and small words."""
    spans = sorted((m.start, m.end) for m in (others or mentions))
    if others is None and len(mentions) != 1:
        return False
    rest, at = [], 0
    for start, end in spans:
        rest.append(text[at:start])
        at = end
    rest.append(text[at:])
    return all(_FILLER.match(piece) for piece in rest)


def _check_anchor(typed: str, anchor: Anchor, reference: int | None) -> None:
    if anchor.kind == "calendar" and anchor.month is not None:
        _check_day(typed, None if anchor.two_digit_year else anchor.year, anchor.month, anchor.day)
    if reference is not None:
        return
    if anchor.kind in ("relative", "weekday", "anaphor"):
        raise DateInputError(f"'{typed}' depends on the day it was said; type the date itself, for example 2022-01-30.")
    if anchor.kind == "calendar" and (anchor.two_digit_year or
                                      (anchor.year is None and anchor.decade is None and anchor.century is None)):
        raise DateInputError(f"'{typed}' has no {'full ' if anchor.two_digit_year else ''}year; "
                             f"type the year too, for example {typed} 2022.")


def _resolve(mention: Mention, reference: int | None) -> Resolved:
    """Resolve the mention; a range's first part takes its year from the second ("31 Jan - 3 Feb 2022")."""
    ref = Reference(reference if reference is not None else 0, "the reference date")
    if mention.kind == "range":
        last = resolve_mention(replace(mention, kind="point", parts=mention.parts[1:]), Context(ref))[0]
        first_anchor = mention.parts[0].anchor
        if first_anchor.kind == "calendar" and first_anchor.year is None and last.t0 is not None:
            ref = Reference(int(last.t0), "the end of the range")
        first = resolve_mention(replace(mention, kind="point", parts=mention.parts[:1]), Context(ref))[0]
        return _join_range(mention, first, last)
    resolved, _ = resolve_mention(mention, Context(ref))
    if reference is None and resolved.has_interval and mention.kind in ("since", "until"):
        point = resolve_mention(replace(mention, kind="point"), Context(ref))[0]  # no "today" to run to
        resolved = replace(resolved, t0=point.t0, t1=point.t1)
    return resolved


def _join_range(mention: Mention, first: Resolved, last: Resolved) -> Resolved:
    if not (first.has_interval and last.has_interval):
        raise DateInputError(f"'{mention.text}' is not a range of dates.")
    assert first.t0 is not None and last.t1 is not None and last.t0 is not None
    if last.t1 <= first.t0:
        raise DateInputError(f"'{mention.text}' ends before it starts; type the earlier date first.")
    order = ["minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter", "half", "year",
             "decade", "century"]
    granularity = max(first.granularity or "day", last.granularity or "day",
                      key=lambda g: order.index(g) if g in order else 0)
    return replace(first, value=f"{first.value}/{last.value}", t1=last.t1, granularity=granularity,
                   confidence=min(first.confidence, last.confidence),
                   reason=f"from {first.reason} to {last.reason}")


def _not_a_point(resolved: Resolved) -> str:
    if resolved.type == "DURATION":
        return "a length of time"
    if resolved.type == "SET":
        return "a repetition"
    return "too vague"


def _from_dateparser(text: str, reference: int | None) -> EnteredDate | None:
    """Forms the grammar does not know; dateparser's own clock is replaced by the reference."""
    if not re.search(r"\d", text):
        return None  # without a number dateparser would take "Tuesday" relative to a clock
    data = _date_data_parser(reference if reference is not None else cal.day_number(2000, 1, 1)).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    when, period = data.date_obj, _FALLBACK_PERIODS.get(data.period or "day", "day")
    day = cal.day_number(when.year, when.month, when.day)
    t0, t1, value = _period_interval(day, when, period)
    return EnteredDate(text, value, period, t0, t1, reading=f"{text}: read as {value}")


@lru_cache(maxsize=8)
def _date_data_parser(base_day: int) -> Any:
    """One dateparser parser per reference day (building one costs about 100 ms)."""
    import datetime as dt

    from dateparser.date import DateDataParser  # slow import, needed only here

    y, m, d = cal.civil(base_day)
    settings = {"RELATIVE_BASE": dt.datetime(min(max(y, 1), 9999), m, d), "REQUIRE_PARTS": ["year"],
                "RETURN_TIME_AS_PERIOD": True, "PARSERS": ["absolute-time", "timestamp"]}
    return DateDataParser(settings=settings)


def _period_interval(day: int, when: object, period: str) -> tuple[float, float, str]:
    y, m, _ = cal.civil(day)
    if period == "year":
        return float(cal.day_number(y)), float(cal.day_number(y + 1)), cal.year_text(y)
    if period == "month":
        start = cal.day_number(y, m)
        return float(start), float(start + cal.days_in_month(y, m)), f"{cal.year_text(y)}-{m:02d}"
    if period == "minute":
        minute = getattr(when, "hour", 0) * 60 + getattr(when, "minute", 0)
        t0 = day + minute / 1440
        return t0, t0 + 1 / 1440, cal.iso_datetime(t0)
    return float(day), float(day + 1), cal.iso_date(day)


_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def _words_of(value: str) -> str:
    """A TimeML value in words: 2022-01-30 -> 30 January 2022, 2022-Q1 -> Q1 2022, 199 -> the 1990s."""
    if value.startswith("BC"):
        return f"{int(value[2:6])} BCE" + (value[6:] and f" ({value[7:]})")
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"the {int(value) + 1}th century"
    part = re.fullmatch(r"(\d{4})-(Q\d|H\d|SP|SU|FA|WI|W\d{2})", value)
    if part:
        code = part.group(2)
        name = _SEASONS.get(code) or (f"week {int(code[1:])} of" if code[0] == "W" else code)
        return f"{name} {int(part.group(1))}"
    m = re.fullmatch(r"(BC\d{4}|\d{4})-(\d{2})(?:-(\d{2}))?(T\d{2}:\d{2})?", value)
    if not m:
        return value
    year = m.group(1) if not m.group(1).startswith("BC") else f"{int(m.group(1)[2:])} BCE"
    year = year.lstrip("0") if year[0] == "0" else year
    month = _MONTHS[int(m.group(2)) - 1]
    if m.group(3) is None:
        return f"{month} {year}"
    clock = f" {m.group(4)[1:]}" if m.group(4) else ""
    return f"{int(m.group(3))} {month} {year}{clock}"
