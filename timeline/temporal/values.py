"""TimeML values and their intervals: a calendar unit as a half-open span of day numbers."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import calendar as cal
from .model import Anchor, Reference

_SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PART_OF_DAY_HOURS = {"MO": (6, 12), "AF": (12, 18), "EV": (18, 22), "NI": (20, 30)}
_WEEKDAY_CODES = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


@dataclass(frozen=True)
class Span:
    """A TimeML value with its half-open interval [t0, t1) in day numbers."""

    value: str
    granularity: str
    t0: float
    t1: float
    confidence: float
    reason: str


def _months(year: int, month: int, count: int) -> tuple[int, int]:
    end_year, end_month = cal.add_months(year, month, count)
    return cal.day_number(year, month, 1), cal.day_number(end_year, end_month, 1)


def year_span(year: int) -> Span:
    t0, t1 = _months(year, 1, 12)
    return Span(cal.year_text(year), "year", t0, t1, 0.95, f"the year {cal.year_text(year)}")


def calendar_span(a: Anchor) -> Span:
    """The span of a calendar anchor whose year (or decade/century) is known."""
    if a.century is not None:
        first = (a.century - 1) * 100
        return Span(f"{a.century - 1:02d}", "century", cal.day_number(first), cal.day_number(first + 100), 0.9,
                    f"the years {first}-{first + 99}")
    if a.decade is not None and a.year is None:
        return _decade_span(a.decade)
    assert a.year is not None
    y = a.year
    if a.month is not None and a.value and a.value.startswith("WEEKOF"):  # "the last week of March"
        return _week_of_month(y, a.month, a.value.split("-")[1])
    if a.month is not None and a.value:  # a holiday such as the fourth Thursday of November
        return _nth_weekday_span(y, a.month, a.value)
    if a.month is not None and a.day is not None:
        if a.day > cal.days_in_month(y, a.month):
            raise ValueError(f"{y}-{a.month:02d} has no day {a.day}")
        t0 = cal.day_number(y, a.month, a.day)
        day = cal.iso_date(t0)
        return Span(day, "day", t0, t0 + 1, 0.95, f"the day {day}")
    if a.month is not None:
        t0, t1 = _months(y, a.month, 1)
        return Span(f"{cal.year_text(y)}-{a.month:02d}", "month", t0, t1, 0.95, f"the month {cal.year_text(y)}-{a.month:02d}")
    if a.quarter is not None:
        t0, t1 = _months(y, (a.quarter - 1) * 3 + 1, 3)
        return Span(f"{cal.year_text(y)}-Q{a.quarter}", "quarter", t0, t1, 0.9, f"quarter {a.quarter} of {y}")
    if a.half is not None:
        t0, t1 = _months(y, 1 if a.half == 1 else 7, 6)
        return Span(f"{cal.year_text(y)}-H{a.half}", "half", t0, t1, 0.9, f"half {a.half} of {y}")
    if a.season is not None:
        start_month, count = _SEASON_MONTHS[a.season]
        t0, t1 = _months(y, start_month, count)
        return Span(f"{cal.year_text(y)}-{a.season}", "season", t0, t1, 0.8,
                    f"{_SEASON_NAMES[a.season]} {y} (northern meteorological season)")
    return year_span(y)


def _decade_span(decade: int) -> Span:
    first = decade * 10
    return Span(f"{decade:03d}", "decade", cal.day_number(first), cal.day_number(first + 10), 0.9,
                f"the decade {first}-{first + 9}")


def _week_of_month(year: int, month: int, nth: str) -> Span:
    """The nth seven days of a month (or its last seven), as the ISO week holding most of them."""
    first = cal.day_number(year, month, 1)
    block = first + cal.days_in_month(year, month) - 7 if nth == "L" else first + 7 * (int(nth) - 1)
    middle = block + 3
    week_year, week = cal.iso_week(middle)
    monday = middle - cal.weekday(middle)
    return Span(f"{week_year}-W{week:02d}", "week", monday, monday + 7, 0.85,
                f"the week of {cal.iso_date(block)} to {cal.iso_date(block + 6)} (ISO week {week})")


def easter(year: int) -> int:
    """Western Easter Sunday (the anonymous Gregorian computus), as a day number."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    shift = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * shift + 114, 31)
    return cal.day_number(year, month, day + 1)


def _nth_weekday_span(year: int, month: int, code: str) -> Span:
    _, weekday_code, nth = code.split("-")
    if weekday_code == "EASTER":  # Easter and the days counted from it (M2: two days before)
        day = easter(year) + (int(nth[1:]) * (-1 if nth[0] == "M" else 1) if nth != "0" else 0)
        return Span(cal.iso_date(day), "day", day, day + 1, 0.9, f"the holiday on {cal.iso_date(day)}")
    target = _WEEKDAY_CODES[weekday_code]
    first = cal.day_number(year, month, 1)
    if nth == "E":  # US Election Day: the Tuesday after the first Monday
        monday = first + (0 - cal.weekday(first)) % 7
        return Span(cal.iso_date(monday + 1), "day", monday + 1, monday + 2, 0.9, f"the holiday on {cal.iso_date(monday + 1)}")
    if nth == "L":  # the last such weekday of the month
        last = first + cal.days_in_month(year, month) - 1
        day = last - (cal.weekday(last) - target) % 7
    else:
        day = first + (target - cal.weekday(first)) % 7 + 7 * (int(nth) - 1)
    return Span(cal.iso_date(day), "day", day, day + 1, 0.9, f"the holiday on {cal.iso_date(day)}")


def relative_span(a: Anchor, ref: Reference) -> Span:
    """'yesterday', 'last month', 'next year', '3 days ago', 'this week' from the reference."""
    unit, offset = a.unit or "day", a.offset
    y, m, _ = cal.civil(ref.day)
    counted = f"{_offset_words(offset, unit)} {ref.label} {cal.iso_date(ref.day)}"
    if unit == "day":
        day = ref.day + offset
        return Span(cal.iso_date(day), "day", day, day + 1, 0.95, f"{cal.iso_date(day)}, {counted}")
    if unit == "week":
        return _week_span(ref.day + 7 * offset, a.weekend, counted)
    if unit == "month":
        ny, nm = cal.add_months(y, m, offset)
        t0, t1 = _months(ny, nm, 1)
        return Span(f"{cal.year_text(ny)}-{nm:02d}", "month", t0, t1, 0.9, f"the month {ny}-{nm:02d}, {counted}")
    if unit == "quarter":
        qy, qm = cal.add_months(y, (m - 1) // 3 * 3 + 1, 3 * offset)
        span = calendar_span(Anchor("calendar", year=qy, quarter=(qm - 1) // 3 + 1))
    elif unit == "decade":
        span = _decade_span(y // 10 + offset)
    elif unit == "century":
        span = calendar_span(Anchor("calendar", century=y // 100 + 1 + offset))
    else:
        span = year_span(y + offset)
    return replace(span, confidence=0.9, reason=f"{span.reason}, {counted}")


def _offset_words(offset: int, unit: str) -> str:
    if offset == 0:
        return f"the same {unit} as"
    plural = "" if abs(offset) == 1 else "s"
    return f"{abs(offset)} {unit}{plural} {'before' if offset < 0 else 'after'}"


def _week_span(day: int, weekend: bool, counted: str) -> Span:
    year, week = cal.iso_week(day)
    t0 = cal.iso_week_start(year, week)
    if weekend:
        return Span(f"{year:04d}-W{week:02d}-WE", "weekend", t0 + 5, t0 + 7, 0.9, f"the weekend of week {week}, {counted}")
    return Span(f"{year:04d}-W{week:02d}", "week", t0, t0 + 7, 0.9, f"ISO week {week} of {year}, {counted}")


def with_modifier(span: Span, mod: str | None) -> Span:
    """early/mid/late: the first, middle or last part of the span (days 1-10/11-20/21- of a month)."""
    if mod not in ("START", "MID", "END") or span.granularity in ("day", "hour", "minute"):
        return span
    if span.granularity == "month":
        cuts = (span.t0, span.t0 + 10, span.t0 + 20, span.t1)
    else:
        third = (span.t1 - span.t0) / 3
        cuts = (span.t0, round(span.t0 + third), round(span.t0 + 2 * third), span.t1)
    index = ("START", "MID", "END").index(mod)
    words = ("early", "middle", "late")[index]
    return replace(span, t0=cuts[index], t1=cuts[index + 1],
                   reason=f"{span.reason}; '{words}' part: {cal.iso_date(cuts[index])} to {cal.iso_date(cuts[index + 1] - 1)}")


def with_clock(span: Span, a: Anchor) -> Span:
    """Narrow a day to a clock time ('16:08 UTC') or a part of the day ('Friday morning')."""
    if span.granularity != "day":
        return span
    day = span.t0
    if a.hour is not None:
        minute = a.minute or 0
        t0 = day + (a.hour * 60 + minute) / 1440
        zone = "Z" if (a.zone or "").upper() in ("UTC", "GMT", "Z") else ""
        value = f"{span.value}T{a.hour:02d}:{minute:02d}{zone}"
        zone_note = f" {a.zone}" if a.zone else ""
        return Span(value, "minute", t0, t0 + 1 / 1440, span.confidence,
                    f"{span.reason} at {a.hour:02d}:{minute:02d}{zone_note} (local clock time as written)")
    if a.part_of_day:
        first, last = _PART_OF_DAY_HOURS[a.part_of_day]
        return Span(f"{span.value}T{a.part_of_day}", "part_of_day", day + first / 24, day + last / 24,
                    span.confidence, f"{span.reason}, {dict(MO='morning', AF='afternoon', EV='evening', NI='night')[a.part_of_day]}")
    return span
