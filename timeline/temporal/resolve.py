"""Resolve underspecified timexes against the reference date (the dateline).

``resolve_timex`` runs the route for the anchor's kind, then the shared steps: apply a
modifier (early/mid/late), then a time of day. Every result carries its reason.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import calendar as cal
from .model import DATE, DURATION, SET, TIME, Anchor, Mention, Reference, Resolved, Timex, copied
from .values import Span, calendar_span, relative_span, with_clock, with_modifier

_PERIODS = ("month", "quarter", "season", "half", "year")  # what a report's "the period" can be
_CLOCK_REACH = 120  # characters: a clock time takes the day named this close before it
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Context:
    """What the resolver remembers while walking one document: the day last mentioned."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.last_day: Span | None = None
        self.last_day_end = -10**9  # where in the text the last day was mentioned
        self.last_date: Span | None = None  # the last calendar date of any size ("in January")
        self.last_period: dict[str, Span] = {}  # the last quarter / period (month to year) mentioned


def resolve_timex(timex: Timex, context: Context) -> Resolved:
    anchor, ref = timex.anchor, context.reference
    if anchor.kind == "literal":
        return _literal(timex, anchor, ref)
    route = {"calendar": _calendar, "relative": _relative, "weekday": _weekday, "anaphor": _anaphor}[anchor.kind]
    span = _shifted(route(anchor, timex, context), anchor.shift_days)
    span = with_modifier(span, anchor.mod)
    span = with_clock(span, anchor)
    if span.granularity in ("day", "hour", "minute", "part_of_day") and (anchor.kind != "anaphor" or anchor.shift_days):
        context.last_day, context.last_day_end = _day_of(span), timex.end
    if anchor.kind != "anaphor" and span.granularity in ("day", "week", "month", "quarter", "season", "half", "year"):
        context.last_date = span
    if span.granularity in _PERIODS and (anchor.kind != "anaphor" or anchor.unit in ("quarter", "period")) \
            and not anchor.offset:
        context.last_period["period"] = span
        if span.granularity == "quarter":
            context.last_period["quarter"] = span
    return Resolved(value=span.value, type=TIME if span.granularity in ("hour", "minute", "part_of_day") else timex.type,
                    granularity=span.granularity, t0=span.t0, t1=span.t1, mod=anchor.mod,
                    confidence=round(span.confidence * (0.9 if anchor.mod else 1.0), 2),
                    reason=f"{timex.text}: {span.reason}" + (f"; {anchor.note}" if anchor.note else ""))


def _shifted(span: Span, days: int) -> Span:
    """'the day before Tuesday', 'the next morning': the day found, moved by whole days."""
    if not days or span.granularity != "day":
        return span
    day = int(span.t0 // 1) + days
    return Span(cal.iso_date(day), "day", float(day), float(day + 1), span.confidence,
                f"{span.reason}, {abs(days)} day{'s' if abs(days) > 1 else ''} {'after' if days > 0 else 'before'}")


def _day_of(span: Span) -> Span:
    day = float(int(span.t0 // 1))
    return Span(cal.iso_date(day), "day", day, day + 1, span.confidence, span.reason)


def _literal(timex: Timex, anchor: Anchor, ref: Reference) -> Resolved:
    value = anchor.value or ""
    if timex.type in (DURATION, SET):
        reason = f"{timex.text}: a {'duration' if timex.type == DURATION else 'recurrence'} ({value}), not a point in time"
        return Resolved(value, timex.type, None, None, None, confidence=0.9, reason=reason)
    return Resolved(value, timex.type, None, None, None, confidence=0.5,
                    reason=f"{timex.text}: a general reference to {value.split('_')[0].lower()} time, no date")


def _calendar(anchor: Anchor, timex: Timex, context: Context) -> Span:
    ref = context.reference
    if anchor.year is None and anchor.month is None and anchor.day is not None:
        return _day_of_month(anchor.day, ref, anchor.direction)
    if anchor.year is None and anchor.century is None and anchor.decade is None:
        return _infer_year(anchor, timex, ref)
    year, decade = anchor.year, anchor.decade
    if anchor.two_digit_year and year is not None:
        year = _expand_two_digit(year, ref)
    if decade is not None and decade < 10:  # "the '90s": the latest such decade not after the reference
        decade = _expand_two_digit(decade * 10, ref) // 10
    span = calendar_span(anchor.with_(year=year, decade=decade))
    if anchor.weekday is not None and span.granularity == "day" and cal.weekday(span.t0) != anchor.weekday:
        return replace(span, confidence=0.6, reason=span.reason + f" (the text says {WEEKDAYS[anchor.weekday]}, "
                       f"but that date is a {WEEKDAYS[cal.weekday(span.t0)]})")
    return span


def _day_of_month(day: int, ref: Reference, direction: str | None = None) -> Span:
    """A day without its month ('２日', 'no dia 5'): that day in the dateline's month or a neighbour;
    'o último dia 5' the latest not after the reference, 'el próximo día 15' the first not before."""
    year, month, _ = cal.civil(ref.day)
    candidates = []
    for delta in (-1, 0, 1):
        y, m = cal.add_months(year, month, delta)
        if day <= cal.days_in_month(y, m):
            candidates.append(cal.day_number(y, m, day))
    if not candidates:
        raise ValueError(f"no month near {cal.iso_date(ref.day)} has a day {day}")
    if direction == "future":
        chosen = min((d for d in candidates if d >= ref.day), default=candidates[-1])
        how = f"the next day {day} from"
    else:  # news tells of the past and of the coming week: the latest such day at most a week ahead
        chosen = max((d for d in candidates if d <= ref.day + (0 if direction == "past" else 7)), default=candidates[0])
        how = f"the last day {day} " + ("not after" if direction == "past" else "up to a week after")
    return Span(cal.iso_date(chosen), "day", chosen, chosen + 1, 0.8,
                f"the day {cal.iso_date(chosen)}, month inferred: {how} {ref.label} {cal.iso_date(ref.day)}")


def _expand_two_digit(yy: int, ref: Reference) -> int:
    ref_year = cal.civil(ref.day)[0]
    year = ref_year // 100 * 100 + yy
    return year - 100 if year > ref_year + 10 else year


def _infer_year(anchor: Anchor, timex: Timex, ref: Reference) -> Span:
    ref_year = cal.civil(ref.day)[0]
    if anchor.direction == "year":  # "the first quarter of last year"
        span = calendar_span(anchor.with_(year=ref_year + anchor.offset))
        return replace(span, reason=span.reason + f", year {ref_year + anchor.offset} counted from {ref.label}")
    candidates = [_span_or_none(anchor.with_(year=y)) for y in (ref_year - 1, ref_year, ref_year + 1)]
    candidates = [c for c in candidates if c is not None]  # February 29 exists in leap years only
    if not candidates:
        raise ValueError(f"no year near {ref_year} has this date")
    how = {"past": "last", "future": "next"}.get(anchor.direction or "", anchor.direction or timex.tense or "nearest")
    matching = [c for c in candidates if anchor.weekday is not None and c.granularity == "day"
                and cal.weekday(c.t0) == anchor.weekday]
    if len(matching) == 1:  # "Tuesday, March 10": the one year whose March 10 is a Tuesday
        chosen = matching[0]
        return replace(chosen, reason=f"{chosen.reason}, year inferred: the one near {ref.label} where it is a "
                       f"{WEEKDAYS[anchor.weekday or 0]}", confidence=0.9)
    chosen = _pick(candidates, ref.day, how)
    why = f"{_WHY[how]} {ref.label} {cal.iso_date(ref.day)}"
    if (how == "past" and chosen.t0 > ref.day) or (how == "future" and chosen.t1 <= ref.day):
        why = f"the year of {ref.label} {cal.iso_date(ref.day)} (news style: a date written without its year " \
              f"stays in the dateline's year up to {_SLACK} days on the other side of it)"
    tense = f" ({timex.tense} tense)" if not anchor.direction and timex.tense in ("past", "future") else ""
    confidence = 0.85 if anchor.direction or timex.tense in ("past", "future") else 0.75
    return copied(chosen, reason=f"{chosen.reason}, year inferred: {why}{tense}", confidence=confidence)


_WHY = {"past": "the most recent one not after", "last": "the last one before", "future": "the next one not before",
        "next": "the next one after", "this": "the one in the year of", "present": "the one nearest to",
        "nearest": "the one nearest to"}


def _span_or_none(anchor: Anchor) -> Span | None:
    try:
        return calendar_span(anchor)
    except ValueError:
        return None


_SLACK = 61  # days: how far a past-tense date may lie ahead of the dateline (and a future one behind)


def _pick(candidates: list[Span], ref_day: int, how: str) -> Span:
    """Choose among the same date in the previous, current and next year."""
    if how in ("past", "future"):  # news style: a date without a year is in the dateline's year,
        year = cal.civil(ref_day)[0]          # unless the tense puts it well on the other side
        same = next((c for c in candidates if cal.civil(c.t0)[0] == year), None)
        slack = _SLACK if same is not None and same.granularity == "day" else 0  # a month must have begun
        if how == "future" and same is not None and same.granularity in ("quarter", "half"):
            slack = _SLACK + 31  # "will report third-quarter results" in October: the quarter just ended
        if same is not None and (same.t0 <= ref_day + slack if how == "past" else same.t1 >= ref_day - slack):
            return same
    if how in ("last", "past"):  # "last September" is wholly past; a past-tense "in September" began
        pool = [c for c in candidates if (c.t1 <= ref_day if how == "last" else c.t0 <= ref_day)]
        return pool[-1] if pool else candidates[0]
    if how in ("next", "future"):
        pool = [c for c in candidates if (c.t0 > ref_day if how == "next" else c.t1 > ref_day)]
        return pool[0] if pool else candidates[-1]
    if how == "this":
        year = cal.civil(ref_day)[0]
        return next((c for c in candidates if cal.civil(c.t0)[0] == year), candidates[0])
    return min(candidates, key=lambda c: _distance(c, ref_day))


_AHEAD_WEIGHT = 1.5


def _distance(c: Span, ref_day: int) -> float:
    """How far a candidate lies from the reference; news mostly reports what happened, so a
    date ahead counts as farther than one behind."""
    if c.t0 <= ref_day < c.t1:
        return 0
    return (c.t0 - ref_day) * _AHEAD_WEIGHT if c.t0 > ref_day else ref_day - c.t1


def _relative(anchor: Anchor, timex: Timex, context: Context) -> Span:
    near = context.last_day
    if anchor.hour is not None and anchor.offset == 0 and near is not None \
            and timex.start - context.last_day_end < _CLOCK_REACH:  # "Tuesday in Everett at 18:00 UTC"
        return replace(near, reason=f"{near.reason} (the day named just before)")
    last = context.last_date
    if anchor.value == "from_last" and last is not None:  # "the following year", "that month": a story's own time
        span = relative_span(anchor, Reference(int(last.t0), f"{last.value}, the date last mentioned"))
        return replace(span, confidence=0.6)
    if anchor.weekend and timex.rule == "the_weekend" and timex.tense in ("past", "present") \
            and cal.weekday(context.reference.day) < 5:  # "talks held over the weekend", read on a weekday
        span = relative_span(anchor.with_(offset=-1), context.reference)
        return replace(span, reason=f"{span.reason} (the weekend just past, {timex.tense} tense)")
    return relative_span(anchor, context.reference)


def _weekday(anchor: Anchor, timex: Timex, context: Context) -> Span:
    ref = context.reference
    if anchor.value == "from_last" and context.last_day is not None:  # "the previous Friday": before the day last mentioned
        ref = Reference(int(context.last_day.t0), f"{context.last_day.value}, the day last mentioned")
    if anchor.offset and anchor.direction == "past":  # "a week ago Saturday": the last Saturday, weeks earlier
        span = _weekday(anchor.with_(offset=0), timex, Context(ref))
        day = int(span.t0) + 7 * anchor.offset
        return Span(cal.iso_date(day), "day", day, day + 1, span.confidence,
                    f"{span.reason}, {-anchor.offset} week{'s' if anchor.offset < -1 else ''} before that")
    target = anchor.weekday or 0
    ref_weekday = cal.weekday(ref.day)
    name, ref_text = WEEKDAYS[target], cal.iso_date(ref.day)
    how = anchor.direction
    if how == "this" and anchor.offset:  # "先週の火曜日", "上周二": that weekday of the week before or after
        day = ref.day - ref_weekday + target + 7 * anchor.offset
        reason = f"{name} of the week {'before' if anchor.offset < 0 else 'after'} the week of {ref.label} {ref_text}"
    elif how == "this":
        day = ref.day - ref_weekday + target
        reason = f"{name} of the same week as {ref.label} {ref_text}"
    elif how is None and target == ref_weekday:
        day, reason = ref.day, f"same weekday as {ref.label} {ref_text}"
    elif how == "future" or (how is None and timex.tense == "future"):
        day = ref.day + ((target - ref_weekday - 1) % 7) + 1
        reason = f"the next {name} after {ref.label} {ref_text}" + ("" if how else " (future tense)")
    else:
        day = ref.day - ((ref_weekday - target - 1) % 7) - 1
        cue = "" if how else (" (past tense)" if timex.tense == "past" else " (news default: the past)")
        reason = f"the most recent {name} before {ref.label} {ref_text}{cue}"
    confidence = 0.9 if how or target == ref_weekday else (0.85 if timex.tense else 0.7)
    return Span(cal.iso_date(day), "day", day, day + 1, confidence, reason)


def _anaphor(anchor: Anchor, timex: Timex, context: Context) -> Span:
    if anchor.unit in ("quarter", "period"):
        return _period(anchor, context)
    if anchor.offset:
        return _year_earlier(anchor.offset, context, whole_year=anchor.unit == "year")
    last = context.last_day
    if last is not None:
        return replace(last, confidence=0.6, reason=f"the day last mentioned ({last.value})")
    if anchor.shift_days:  # "the next day" with no day before it: a guess from the reference
        ref = context.reference
        return Span(cal.iso_date(ref.day), "day", ref.day, ref.day + 1, 0.4,
                    f"no day mentioned before it, so counted from {ref.label} {cal.iso_date(ref.day)}")
    ref = context.reference
    return Span(cal.iso_date(ref.day), "day", ref.day, ref.day + 1, 0.6,
                f"no day mentioned before it, so {ref.label} {cal.iso_date(ref.day)}")


def _period(anchor: Anchor, context: Context) -> Span:
    """The reporting period last mentioned ("the quarter", "the year-ago period"), else the last
    quarter ended before the reference; moved to a written year or by whole years."""
    ref = context.reference
    if anchor.month is not None:  # "the quarter ended July 31": the calendar quarter holding most of its months
        ref_year, ref_month, _ = cal.civil(ref.day)
        middle_year, middle = cal.add_months(ref_year if anchor.month <= ref_month else ref_year - 1, anchor.month, -1)
        span = calendar_span(Anchor("calendar", year=middle_year, quarter=(middle - 1) // 3 + 1))
        return replace(span, confidence=0.7, reason=f"{span.reason}, the quarter that ended in month {anchor.month}")
    last = context.last_period.get(anchor.unit or "period")
    why = f"the {anchor.unit} last mentioned ({last.value})" if last else ""
    if last is None and anchor.value == "ago":  # "a year ago" with no period before it: from the reference
        return relative_span(Anchor("relative", unit="year", offset=anchor.offset), ref)
    if last is None and anchor.value == "earlier" and context.last_date is not None:
        last, why = context.last_date, f"the date last mentioned ({context.last_date.value})"
    if last is None:
        y, m, _ = cal.civil(ref.day)
        quarter_year, quarter = (y, (m - 1) // 3) if m > 3 else (y - 1, 4)
        last = calendar_span(Anchor("calendar", year=quarter_year, quarter=quarter))
        why = f"the last quarter ended before {ref.label} ({last.value})"
    years = anchor.offset + (anchor.year - cal.civil(last.t0)[0] if anchor.year is not None else 0)
    if not years:
        return replace(last, confidence=0.6, reason=why)
    moved = _shift_years(last, years)
    return replace(moved, confidence=0.6, reason=f"{why}, {abs(years)} year{'s' if abs(years) > 1 else ''} "
                   f"{'earlier' if years < 0 else 'later'}")


def _shift_years(span: Span, years: int) -> Span:
    def shift(t: float) -> float:
        y, m, d = cal.civil(t)
        return float(cal.day_number(y + years, m, min(d, cal.days_in_month(y + years, m))))
    year = int(span.value[:4]) + years
    return Span(f"{year:04d}{span.value[4:]}", span.granularity, shift(span.t0), shift(span.t1), span.confidence, span.reason)


def _year_earlier(years: int, context: Context, whole_year: bool) -> Span:
    """The last mentioned date moved by whole years: the same size ("the same month a year ago"),
    or the whole year ("the year before")."""
    last = context.last_date
    if last is not None and whole_year:
        year = int(last.value[:4]) + years
        return Span(cal.year_text(year), "year", float(cal.day_number(year, 1, 1)),
                    float(cal.day_number(year + 1, 1, 1)), 0.6, f"the year before {last.value[:4]}, the last mentioned")
    if last is None:
        ref = context.reference
        year = cal.civil(ref.day)[0] + years
        t0 = float(cal.day_number(year, 1, 1))
        return Span(cal.year_text(year), "year", t0, float(cal.day_number(year + 1, 1, 1)), 0.4,
                    f"no date mentioned before it: the year {year}, counted from {ref.label}")
    shift = lambda t: float(cal.day_number(cal.civil(t)[0] + years, *cal.civil(t)[1:]))  # noqa: E731
    year = int(last.value[:4]) + years
    return Span(f"{year:04d}{last.value[4:]}", last.granularity, shift(last.t0), shift(last.t1), 0.6,
                f"{last.value}, the date last mentioned, {abs(years)} year{'s' if abs(years) > 1 else ''} "
                f"{'earlier' if years < 0 else 'later'}")


def resolve_mention(mention: Mention, context: Context) -> tuple[Resolved, tuple[Resolved, ...]]:
    """The mention's own interval (range, open interval or point) and each part's resolution."""
    parts = tuple(resolve_timex(t, context) for t in mention.parts)
    first = parts[0]
    if mention.kind == "offset":
        return _offset(mention, first, context.reference), parts
    if not first.has_interval:
        return first, parts
    if mention.kind == "range" and parts[1].has_interval:
        last = parts[1]
        return replace(first, value=f"{first.value}/{last.value}", t1=max(last.t1 or 0, first.t1 or 0),
                       granularity=_coarser(first.granularity, last.granularity),
                       confidence=min(first.confidence, last.confidence),
                       reason=f"{mention.text}: from {first.reason} to {last.reason}"), parts
    return _open_interval(mention, first, context.reference), parts


_OFFSET_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def _offset(mention: Mention, length: Resolved, ref: Reference) -> Resolved:
    """'will take effect in 30 days': the day (week, month, year) that far after the dateline; the
    timex itself stays the TimeML duration."""
    found = re.fullmatch(r"P(\d+)([DWMY])", length.value)
    if not found:
        return length
    amount, unit = int(found.group(1)), _OFFSET_UNITS[found.group(2)]
    span = relative_span(Anchor("relative", unit=unit, offset=amount), ref)
    return Resolved(span.value, DATE, span.granularity, span.t0, span.t1, confidence=0.7,
                    reason=f"{mention.text}: {span.reason} (future tense)")


def _coarser(a: str | None, b: str | None) -> str | None:
    order = ["minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]
    return max(a, b, key=lambda g: order.index(g) if g in order else -1)


def _open_interval(mention: Mention, point: Resolved, ref: Reference) -> Resolved:
    assert point.t0 is not None and point.t1 is not None
    length = point.t1 - point.t0
    part = mention.parts[0]  # the signal word is written before the date, or after it ('2017年以来')
    word = (mention.text[: part.start - mention.start] + mention.text[part.end - mention.start:]).strip()
    if mention.kind == "since":
        end = ref.day + 1 if ref.day + 1 > point.t0 else point.t1  # "since" runs up to the dateline
        return replace(point, t1=end, mod="ON_OR_AFTER", open_end=True,
                       reason=f"'{word}': open interval from {point.value} until {ref.label}; {point.reason}")
    if mention.kind == "until":
        return replace(point, t0=min(point.t0, ref.day), mod="ON_OR_BEFORE", open_start=True,
                       reason=f"'{word}': open interval up to {point.value}; {point.reason}")
    if mention.kind == "by":
        return replace(point, mod="ON_OR_BEFORE", reason=f"'{word}': at the latest {point.value}; {point.reason}")
    if mention.kind == "before":
        return replace(point, t0=point.t0 - length, t1=point.t0, mod="BEFORE", open_start=True,
                       reason=f"'{word}': some time before {point.value}; {point.reason}")
    if mention.kind == "after":
        return replace(point, t0=point.t1, t1=point.t1 + length, mod="AFTER", open_end=True,
                       reason=f"'{word}': some time after {point.value}; {point.reason}")
    return point
