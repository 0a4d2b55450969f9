"""The data that flows through temporal tagging: found (underspecified), then resolved."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(frozen=True)
class Anchor:
    """What a temporal expression means before the reference date is known.

    ``kind`` picks the resolution route:
    calendar  a (partial) calendar date: any of century/decade/year/quarter/half/season/
              month/week/day/hour/minute, the missing year taken from the reference;
    relative  ``offset`` ``unit``s from the reference ("last month", "3 days ago");
    weekday   a named weekday, placed by ``direction`` or the clause's tense;
    anaphor   "the same day": the day last mentioned, else the reference;
    literal   a fixed TimeML value (durations, sets, PRESENT_REF, ...).
    """

    kind: str
    century: int | None = None
    decade: int | None = None
    year: int | None = None
    two_digit_year: bool = False
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    month: int | None = None
    week: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None
    part_of_day: str | None = None
    weekend: bool = False
    unit: str | None = None
    offset: int = 0
    shift_days: int = 0  # "the day before Tuesday", "the next morning": that many days from the day found
    direction: str | None = None  # past | future | this (from "last", "next", "this")
    mod: str | None = None  # START | MID | END
    value: str | None = None
    note: str | None = None  # how the text was read, for the reason ("numbers read day-first: French")

    @staticmethod
    def of(kind: str, **fields: object) -> "Anchor":
        """Anchor(kind, **fields) at less than half the cost (a frozen dataclass's __init__ sets
        its 25 fields one by one): the builders make one for every date of a list of thousands."""
        return copied(_BLANK, kind=kind, **fields)

    def with_(self, **changes: object) -> "Anchor":
        """A copy with ``changes`` (resolution tries several candidate years for every date)."""
        return copied(self, **changes)

    def describe(self) -> str:
        """Underspecified value in the spirit of HeidelTime ("UNDEF-weekday-WED")."""
        if self.kind == "literal":
            return self.value or ""
        if self.kind == "relative":
            sign = "PLUS" if self.offset >= 0 else "MINUS"
            return f"UNDEF-REF-{self.unit}-{sign}-{abs(self.offset)}"
        if self.kind == "weekday":
            names = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
            return f"UNDEF-weekday-{names[self.weekday or 0]}-{self.direction or 'tense'}"
        if self.kind == "anaphor":
            return "UNDEF-last-mentioned-day" if not self.offset else f"UNDEF-last-mentioned-{self.unit}-{self.offset}"
        parts = [str(self.year) if self.year is not None else "UNDEF-year"]
        parts += [f"{v:02d}" for v in (self.month, self.day) if v is not None]
        return "-".join(parts)


_BLANK = Anchor("calendar")
T = TypeVar("T")


def copied(obj: T, **changes: object) -> T:
    """dataclasses.replace for a frozen dataclass without __post_init__ or InitVar, at a quarter
    of its cost: the field values copied as a dict (a list of thousands of dates copies a few
    objects for every date)."""
    values = obj.__dict__
    if not changes.keys() <= values.keys():
        raise TypeError(f"{type(obj).__name__} has no field {', '.join(sorted(changes.keys() - values.keys()))}")
    copy = object.__new__(type(obj))
    copy.__dict__.update(values, **changes)  # frozen: set like dataclasses' own __init__ does
    return copy


@dataclass(frozen=True)
class Timex:
    """One temporal expression as TimeML would tag it: exact span, type, meaning."""

    start: int
    end: int
    text: str
    type: str
    anchor: Anchor
    rule: str
    tense: str | None = None  # past | present | future, read from the clause


@dataclass(frozen=True)
class Mention:
    """A phrase the analyst reads: one timex, a range of two, or an open interval.

    ``kind`` is point, range, since, until, before or after; ``parts`` are the timexes inside.
    """

    start: int
    end: int
    text: str
    kind: str
    parts: tuple[Timex, ...]

    @property
    def type(self) -> str:
        return self.parts[0].type


@dataclass(frozen=True)
class Reference:
    """The date every relative expression is resolved against (the dateline)."""

    day: int  # calendar.day_number
    label: str = "the dateline"


@dataclass(frozen=True)
class Resolved:
    """A resolved date: a TimeML value, a half-open interval in day numbers, and why.

    ``t0``/``t1`` are None when there is no interval (durations, sets, PAST_REF...).
    """

    value: str
    type: str
    granularity: str | None
    t0: float | None
    t1: float | None
    mod: str | None = None
    confidence: float = 0.9
    reason: str = ""
    open_start: bool = False
    open_end: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_interval(self) -> bool:
        return self.t0 is not None and self.t1 is not None
