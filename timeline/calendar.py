"""Proleptic Gregorian day numbers that work for any year, BCE included.

Python's ``datetime`` stops at year 1; a timeline of history does not. A day number is the
count of days since 1970-01-01 (negative before it); a float day number carries the time of
day as its fraction, so hours sort and index with dates. Years are astronomical (1 BCE is 0).
"""
from __future__ import annotations

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else _MONTH_DAYS[month - 1]


# The years a timeline can hold: far beyond any history (a million years either way), yet small
# enough that day numbers stay exact in a float down to the minute and a view can be scaled.
# Dates outside are refused where they come in and clamped where they are drawn.
FIRST_YEAR, LAST_YEAR = -999_999, 999_999


def in_range(t0: float, t1: float | None = None) -> bool:
    """Both ends are finite day numbers inside FIRST_YEAR..LAST_YEAR."""
    return all(FIRST_DAY <= t <= LAST_DAY for t in (t0, t0 if t1 is None else t1))  # NaN fails too


def range_problem(t0: float, t1: float | None = None) -> str | None:
    """Why an interval cannot be stored, in words, or None when it can."""
    if in_range(t0, t1):
        return None
    return f"the date lies outside the years {_year_words(FIRST_YEAR)} to {_year_words(LAST_YEAR)} a timeline can hold"


def clamp(t: float) -> float:
    """A day number pulled into the range (NaN to the epoch), for drawing what an older project holds."""
    return 0.0 if t != t else min(LAST_DAY, max(FIRST_DAY, t))


def _year_words(year: int) -> str:
    return f"{year:,}" if year > 0 else f"{1 - year:,} BCE"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def checked_day_number(year: int, month: int, day: int) -> int:
    """``day_number`` of a date that exists, or ValueError saying why it does not ("February 2021
    has 28 days"); day_number itself runs over into the next month."""
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if not 1 <= day <= days_in_month(year, month):
        raise ValueError(f"{_MONTH_NAMES[month - 1]} {year} has {days_in_month(year, month)} days")
    return day_number(year, month, day)


def day_number(year: int, month: int = 1, day: int = 1) -> int:
    """Days since 1970-01-01 (Howard Hinnant's days_from_civil). Branch-free, so that it also
    takes numpy arrays; Python's // already floors, so Hinnant's C adjustment for negative years
    (``y - 399``) is not wanted here: with it, BCE dates were a day off."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + 9 - 12 * (month > 2)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil(days: float) -> tuple[int, int, int]:
    """(year, month, day) of a day number; the fraction (time of day) is dropped."""
    return civil_of_day(int(days // 1))


def civil_of_day(days):  # type: ignore[no-untyped-def]
    """(year, month, day) of whole day numbers: an int, or a numpy array of them (branch-free;
    floor division as in ``day_number``)."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 - 12 * (mp >= 10)
    return yoe + era * 400 + (month <= 2), month, day


def weekday(days: float) -> int:
    """0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)."""
    return (int(days // 1) + 3) % 7


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(days: float) -> tuple[int, int]:
    """ISO (year, week) of a day number."""
    thursday = int(days // 1) - weekday(days) + 3
    year = civil(thursday)[0]
    return year, (thursday - day_number(year, 1, 1)) // 7 + 1


def iso_week_start(year: int, week: int) -> int:
    """Day number of the Monday of ISO week ``week`` of ``year``."""
    jan4 = day_number(year, 1, 4)
    return jan4 - weekday(jan4) + (week - 1) * 7


def year_text(year: int) -> str:
    """TimeML year: four digits, 'BC' prefix before year 1 (1 BCE = astronomical 0)."""
    return f"{year:04d}" if year > 0 else f"BC{1 - year:04d}"


def iso_date(days: float) -> str:
    y, m, d = civil(days)
    return f"{year_text(y)}-{m:02d}-{d:02d}"


def iso_datetime(days: float) -> str:
    minutes = round((days - (days // 1)) * 1440)
    if minutes >= 1440:
        return iso_date(days // 1 + 1) + "T00:00"
    return f"{iso_date(days)}T{minutes // 60:02d}:{minutes % 60:02d}"


def parse_iso(text: str) -> float:
    """Inverse of iso_date/iso_datetime for 'YYYY-MM-DD' with optional 'THH:MM'."""
    date_part, _, time_part = text.partition("T")
    negative = date_part.startswith("-")
    y, m, d = (int(p) for p in date_part.lstrip("-").split("-")[:3])
    days = float(day_number(-y if negative else y, m, d))
    if time_part:
        hh, mm = time_part[:5].split(":")
        days += (int(hh) * 60 + int(mm)) / 1440
    return days


FIRST_DAY = day_number(FIRST_YEAR, 1, 1)
LAST_DAY = day_number(LAST_YEAR + 1, 1, 1)
