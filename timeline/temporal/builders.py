"""Turn a rule's regex match into underspecified anchors (one per tagged part).

Each builder reads the named groups of its rule's pattern; the group names are the
vocabulary shared with rules_en.yaml (year, month, day, weekday, unit, num, rel, ...).
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

from .grammar import Grammar, Rule, normalise_word
from .model import DATE, DURATION, TIME, Anchor


class Part(NamedTuple):
    start: int
    end: int
    type: str
    anchor: Anchor


Builder = Callable[[re.Match[str], Rule, Grammar], list[Part]]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
MAX_AMOUNT = 1_000_000  # more units of time than this is no amount a timeline can place
_UNIT_VALUE = {"S": ("T", 1, "S"), "MIN": ("T", 1, "M"), "H": ("T", 1, "H"), "D": ("", 1, "D"),
               "W": ("", 1, "W"), "2W": ("", 2, "W"), "WE": ("", 1, "WE"), "M": ("", 1, "M"),
               "Q": ("", 1, "Q"), "Y": ("", 1, "Y"), "DE": ("", 10, "Y"), "CE": ("", 100, "Y")}


def _span(m: re.Match[str]) -> tuple[int, int]:
    start = m.end("pre") if "pre" in m.re.groupindex and m.group("pre") else m.start()
    return start, m.end()


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _one(m: re.Match[str], rule: Rule, anchor: Anchor, type_: str | None = None) -> list[Part]:
    start, end = _span(m)
    return [Part(start, end, type_ or rule.type, anchor)]


def parse_number(text: str, grammar: Grammar) -> float | None:
    """'35', '1,000', 'twenty-five', 'a' -> number; vague words ('several') -> None."""
    word = normalise_word(text)
    if word.endswith(" 1/2") and word[:-4].isdigit():  # "2 1/2"
        value = float(word[:-4]) + 0.5
        return value if value <= MAX_AMOUNT else None
    if " " in word and word.split(" ")[0] in _TENS and len(word.split(" ")) == 2:  # "twenty four"
        word = word.replace(" ", "-")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", word):
        value = float(word.replace(",", "")) if "," in word and len(word.split(",")[1]) == 3 else float(word.replace(",", "."))
        return value if value <= MAX_AMOUNT else None  # "10^400 days" is no date: an unknown amount
    if "-" in word:
        tens, _, ones = word.partition("-")
        return float(_TENS.get(tens, 0) + _ONES.get(ones, 0)) or None
    value = grammar.lookup("number", word)
    return float(value) if isinstance(value, int) else None


def unit_code(text: str, grammar: Grammar) -> str | None:
    """'day' or 'days' -> 'D', from the grammar's unit tables; None for a word that is not a unit."""
    found = grammar.lookup("unit", text) or grammar.lookup("unit_plural", text)
    return str(found) if found is not None else None


def duration_value(amount: float | None, unit: str) -> str:
    time_prefix, factor, letter = _UNIT_VALUE[unit]
    if amount is None:
        return f"P{time_prefix}X{letter}"
    total = amount * factor
    number = str(int(total)) if total == int(total) else f"{total:g}"
    return f"P{time_prefix}{number}{letter}"


def _year_of(m: re.Match[str]) -> tuple[int | None, bool]:
    text = _group(m, "year") or _group(m, "year2")
    if text:
        era = _group(m, "era")
        year = int(text)
        if era and era.upper().startswith("B"):
            return 1 - year, False
        return (year, False) if len(text) == 4 or era else (year, True)
    yy = _group(m, "yy") or _group(m, "fy")
    if yy:
        return (int(yy), len(yy) == 2)
    return None, False


def calendar(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    year, two_digit = _year_of(m)
    group = m.groupdict().get  # one dict of the named groups, one Anchor: a list of dates builds thousands
    fields: dict[str, object] = {"year": year, "two_digit_year": two_digit}
    month = group("month")
    if month:
        fields["month"] = int(month) if month.isdigit() else g.lookup("month", month)
    if group("day"):
        fields["day"] = int(group("day"))
    if group("weekday"):
        fields["weekday"] = _weekday(group("weekday"), g)
    quarter = group("quarter") or group("quarter2")
    if quarter:  # "the final quarter" of a year is its fourth
        fields["quarter"] = 4 if quarter.lower() == "final" else (int(quarter) if quarter.isdigit() else _ordinal(quarter, g))
    if group("half"):
        half = group("half").lower()
        fields["half"] = 1 if half == "first" else 2 if half == "second" else _ordinal(half, g)
    if group("season"):  # other languages name their seasons in a `season` table
        word = group("season").lower()
        fields["season"] = _SEASON_CODES.get(word) or g.lookup("season", word)
    decade = group("decade")
    if decade:  # "1990s", or a word: "los años noventa", "die Neunzigerjahre"
        fields["decade"] = int(decade) if decade.isdigit() else int(g.lookup("decade_word", decade))
    if group("century"):
        century = _ordinal(group("century"), g)
        if decade:  # "20世纪90年代", "XX века 90-е": the decade of that century
            fields["decade"] = (century - 1) * 10 + int(fields["decade"])  # type: ignore[call-overload]
        else:
            fields["century"] = century
    year_rel = group("year_rel") or group("year_rel2") or group("year_rel2b")
    if year is None and year_rel:  # "the first quarter of last year": a year offset
        offset = _year_offset(year_rel, g)  # "of the year" has none: this year
        fields.update(direction="year", offset=int(offset or 0))
    elif year is None and group("rel"):  # "last September", "this fall"
        offset = g.lookup("relative_word", group("rel"))
        fields["direction"] = {-1: "past", 0: "this", 1: "future"}.get(offset, "this")
    return _one(m, rule, Anchor.of("calendar", **fields))


def _year_offset(text: str, g: Grammar) -> int:
    """'last' -1, 'this' 0, 'year-ago' -1 (the year_shift table): how many years from the reference."""
    found = g.lookup("relative_word", text)
    return int(found if found is not None else g.lookup("year_shift", text) or 0)


def period_anaphor(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'the quarter', 'the latest period', 'the year-ago quarter', 'the 1988 period', 'a year earlier':
    the reporting period last mentioned, moved to a named year or by whole years."""
    unit = "quarter" if "quarter" in (_group(m, "unit") or "").lower() else "period"
    year, _ = _year_of(m)
    shift = _group(m, "shift")
    offset = int(rule.options.get("offset", _year_offset(shift, g) if shift else 0))
    how = (_group(m, "how") or "").lower()  # "a year ago" counts from the reference when no period came before
    month = g.lookup("month", m.group("month")) if _group(m, "month") else None  # "the quarter ended Sept. 30"
    return _one(m, rule, Anchor("anaphor", unit=unit, offset=offset, year=year, month=month,
                                value="ago" if how == "ago" else ("earlier" if how else None)))


def year_words(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'nineteen ninety-six', 'two thousand and one', 'January nineteen ninety-seven'."""
    words = normalise_word(m.group("words")).replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        year = 2000 + (int(g.lookup("number", words[2]) or 0) if len(words) > 2 else 0)
    else:
        rest = [w for w in words[1:] if w != "oh"]
        low = sum(int(g.lookup("number", w) or 0) for w in rest)
        year = int(g.lookup("number", words[0]) or 0) * 100 + low
    anchor = Anchor("calendar", year=year)
    if _group(m, "month"):
        anchor = anchor.with_(month=g.lookup("month", m.group("month")))
    if _group(m, "season"):
        anchor = anchor.with_(season=_SEASON_CODES[m.group("season").lower()])
    return _one(m, rule, anchor)


def week_of_month(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'the last week of March': a week, placed in its month."""
    parts = calendar(m, rule, g)
    nth = m.group("nth").lower()
    code = "L" if nth in ("last", "final") else str(_ordinal(nth, g))
    return [parts[0]._replace(anchor=parts[0].anchor.with_(value=f"WEEKOF-{code}"))]


def _ordinal(text: str, g: Grammar) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else int(g.lookup("ordinal", text))


def _weekday(text: str, g: Grammar) -> int:
    found = g.lookup("weekday", text)
    return int(found if found is not None else g.lookup("weekday_abbr", text))


def iso(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    anchor = Anchor("calendar", year=int(m.group("year")), month=int(m.group("month")), day=int(m.group("day")))
    if m.group("hour"):
        zone = m.group("zone")
        anchor = anchor.with_(hour=int(m.group("hour")), minute=int(m.group("minute")),
                              zone="UTC" if zone in ("Z", "+00:00", "+0000") else zone)
        return _one(m, rule, anchor, TIME)
    return _one(m, rule, anchor)


def day_range(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    year, _ = _year_of(m)
    month = g.lookup("month", m.group("month"))
    first = Anchor("calendar", year=year, month=month, day=int(m.group("day")))
    return [Part(m.start(), m.end("day") + len(_suffix(m, "day")), DATE, first),
            Part(m.start("day2"), m.end(), DATE, first.with_(day=int(m.group("day2"))))]


def _suffix(m: re.Match[str], group: str) -> str:
    rest = m.string[m.end(group):m.end()]
    found = re.match(r"st|nd|rd|th", rest)
    return found.group() if found else ""


def year_range(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    first, last = int(m.group("year")), m.group("year2")
    second = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if second <= first:
        return []
    return [Part(m.start("year"), m.end("year"), DATE, Anchor("calendar", year=first)),
            Part(m.start("year2"), m.end("year2"), DATE, Anchor("calendar", year=second))]


def holiday(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    code = str(g.lookup("holiday", m.group("holiday")))
    year, _ = _year_of(m)
    fields = code.split("-")
    if len(fields) == 3 and fields[2].isdigit() and len(fields[2]) == 4:  # a one-off date
        return _one(m, rule, Anchor("calendar", year=int(fields[2]), month=int(fields[0]), day=int(fields[1])))
    anchor = Anchor("calendar", year=year, month=int(fields[0]))
    if year is None and _group(m, "rel"):  # "last Thanksgiving"
        anchor = anchor.with_(direction={-1: "past", 0: "this", 1: "future"}[_year_offset(m.group("rel"), g)])
    if fields[1].isdigit():
        return _one(m, rule, anchor.with_(day=int(fields[1])))
    return _one(m, rule, anchor.with_(value=code))  # n-th weekday, placed by the resolver


def day_word(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    word = normalise_word(m.group("dayword"))
    offset = g.lookup("day_word", word)
    if offset is None:  # "this morning" / "last night"
        offset = -1 if word == "last" else 0
    pod = _group(m, "pod")
    part_of_day = g.lookup("part_of_day", pod) if pod else ("NI" if word in ("tonight", "tonite") else None)
    anchor = Anchor("relative", unit="day", offset=int(offset), part_of_day=part_of_day)
    return _one(m, rule, anchor, TIME if part_of_day else DATE)


def relative(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    rel = _group(m, "rel")
    offset = int(g.lookup("relative_word", rel) or 0) if rel else 0
    unit = normalise_word(m.group("unit"))
    anchor = Anchor("relative", unit=unit, offset=offset)
    if normalise_word(rel or "") in ("following", "previous", "that"):  # "the following year": from the date last mentioned
        anchor = anchor.with_(value="from_last")
    if unit == "weekend":
        anchor = anchor.with_(unit="week", weekend=True)
    return _one(m, rule, anchor)


def ago(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    amount = parse_number(m.group("num"), g)
    unit = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter", "DE": "decade",
            "H": "hour", "MIN": "minute"}.get(unit_code(m.group("unit"), g) or "")
    if amount is None or unit is None or amount != int(amount):
        return _one(m, rule, Anchor("literal", value="PAST_REF"))
    if unit == "week" and amount <= 2:  # "a week ago" names a day; "six weeks ago" only a week
        unit, amount = "day", amount * 7
    if unit in ("hour", "minute"):
        return _one(m, rule, Anchor("literal", value="PAST_REF"))
    return _one(m, rule, Anchor("relative", unit=unit, offset=-int(amount)))


def weekday(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'on Sunday', 'last Friday', 'the previous Friday' (before the day last mentioned),
    'a week ago Saturday' (the last Saturday, a week earlier), 'the day before Tuesday'."""
    rel = _group(m, "rel") or _group(m, "rel2")
    direction = None
    if rel:
        direction = {-1: "past", 0: "this", 1: "future"}[int(g.lookup("relative_word", rel))]
    pod = _group(m, "pod")
    anchor = Anchor.of("weekday", weekday=_weekday(_group(m, "weekday") or m.group("weekday2"), g), direction=direction,
                       part_of_day=g.lookup("part_of_day", pod) if pod else None,
                       value="from_last" if _group(m, "rel2") else None)
    if _group(m, "ago"):
        weeks = parse_number(m.group("ago"), g)
        if weeks is None or weeks != int(weeks):
            return []
        anchor = anchor.with_(direction="past", offset=-int(weeks))
    if _group(m, "shift_dir"):
        anchor = anchor.with_(shift_days=_day_shift(m, g))
    return _one(m, rule, anchor, TIME if pod else DATE)


def _day_shift(m: re.Match[str], g: Grammar) -> int:
    """'the day before' -1, 'two days after' +2."""
    days = parse_number(m.group("shift_num"), g) if _group(m, "shift_num") else 1.0
    sign = -1 if m.group("shift_dir").lower() == "before" else 1
    return sign * int(days or 1)


def day_anaphor(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'the next morning', 'the following day', 'that night', 'the day before': a day counted
    from the day last mentioned."""
    rel = (_group(m, "rel") or "").lower()
    shift = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(rel, 0)
    unit = (_group(m, "unit") or "day").lower()
    pod = g.lookup("part_of_day", unit) if unit != "day" else None
    anchor = Anchor("anaphor", unit="day", shift_days=shift, part_of_day=pod)
    return _one(m, rule, anchor, TIME if pod else DATE)


def anaphor(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    return _one(m, rule, Anchor("anaphor"))


def year_earlier(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'the same month a year ago': the date last mentioned, one year back, the same size;
    'the year before': the whole year before the one last mentioned."""
    return _one(m, rule, Anchor("anaphor", unit="year" if _group(m, "whole") else "same", offset=-1))


def clock(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    named = _group(m, "named")
    if named:
        hour, minute = (0, 0) if named.lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(m.group("hour")), int(_group(m, "minute") or 0)
    ampm = (_group(m, "ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    zone = _group(m, "zone")
    anchor = Anchor("relative", unit="day", offset=0, hour=hour, minute=minute,
                    zone=zone.strip("() ") if zone else None)
    if _group(m, "dayword"):
        anchor = anchor.with_(offset=int(g.lookup("day_word", m.group("dayword"))))
    if _group(m, "weekday"):
        anchor = anchor.with_(kind="weekday", weekday=_weekday(m.group("weekday"), g))
    if _group(m, "month"):  # "5 p.m. EST Nov. 9": the clock time on that day
        year, two_digit = _year_of(m)
        anchor = anchor.with_(kind="calendar", unit=None, year=year, two_digit_year=two_digit,
                              month=g.lookup("month", m.group("month")), day=int(m.group("day")))
    return _one(m, rule, anchor, TIME)


_ORDINAL_USE = re.compile(r"\s+(?!(?:later|earlier|ago|after|before|or|and|of|to|in|for|at|on|longer|more|less|too)\b)[A-Za-z0-9]")


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n"


def duration(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    num = _group(m, "num")
    amount = 1.0 if num is None else (0.5 if num.lower() == "half" else parse_number(num, g))
    if amount is not None and (_group(m, "half") or _group(m, "half2")):
        amount += 0.5
    unit = unit_code(m.group("unit"), g)
    single = (num or "").lower() in ("a", "an", "one")
    if unit is None or (single and unit == "S" and _ORDINAL_USE.match(m.string, m.end())):
        return []  # "a second round", "one second place": the ordinal, not a second of time
    if (num or "").isdigit() and m.group("unit")[:1].isupper() and not _starts_sentence(m.string, m.start()):
        return []  # "on CBS's 60 Minutes": a title, not an hour
    if single and g.lookup("unit_plural", m.group("unit")) is not None:
        return []  # "a centuries-long feud": the plural is the duration, not "one" of it
    return _one(m, rule, Anchor("literal", value=_mixed_duration(amount, unit)))


_SMALLER = {"Y": (12, "M", ""), "D": (24, "H", "T"), "H": (60, "M", "T"), "MIN": (60, "S", "T"), "W": (7, "D", "")}


def _mixed_duration(amount: float | None, unit: str) -> str:
    """'2 1/2 years' -> P2Y6M, 'a minute and a half' -> PT1M30S: a fraction in the next smaller unit."""
    if amount is None or amount == int(amount) or unit not in _SMALLER:
        return duration_value(amount, unit)
    factor, letter, prefix = _SMALLER[unit]
    rest = (amount - int(amount)) * factor
    if rest != int(rest):
        return duration_value(amount, unit)
    whole = duration_value(float(int(amount)), unit) if int(amount) else ("PT" if prefix else "P")
    if prefix and "T" not in whole:
        whole += "T"
    return f"{whole}{int(rest)}{letter}"


def duration_pair(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'between 60 and 90 days': two durations, the first borrowing the second's unit."""
    unit = unit_code(m.group("unit"), g)
    first, second = parse_number(m.group("num"), g), parse_number(m.group("num2"), g)
    if unit is None or first is None or second is None:
        return []
    return [Part(m.start("num"), m.end("num"), DURATION, Anchor("literal", value=duration_value(first, unit))),
            Part(m.start("num2"), m.end(), DURATION, Anchor("literal", value=duration_value(second, unit)))]


def vague_duration(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    unit = unit_code(_group(m, "unit") or m.group("unit2"), g)
    return _one(m, rule, Anchor("literal", value=duration_value(None, unit))) if unit else []


def set_every(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    if _group(m, "weekday"):
        return _one(m, rule, Anchor("literal", value=f"XXXX-WXX-{_weekday(m.group('weekday'), g) + 1}"))
    amount = parse_number(m.group("num"), g) if _group(m, "num") else 1.0
    unit = unit_code(m.group("unit"), g)
    return _one(m, rule, Anchor("literal", value=duration_value(amount, unit))) if unit else []


def literal(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    return _one(m, rule, Anchor("literal", value=str(rule.options["value"])))


def literal_table(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    value = g.lookup(str(rule.options["table"]), m.group("word"))
    return _one(m, rule, Anchor("literal", value=str(value)))


def block(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """Ages, money, scores: matched only so that nothing inside them becomes a date."""
    return _one(m, rule, Anchor("literal", value="BLOCK"), "BLOCK")


BUILDERS: dict[str, Builder] = {
    name: fn for name, fn in globals().items()
    if callable(fn) and name in {
        "calendar", "iso", "day_range", "year_range", "holiday", "day_word", "relative", "ago",
        "weekday", "anaphor", "clock", "duration", "vague_duration", "set_every", "literal",
        "literal_table", "block", "year_earlier", "week_of_month", "duration_pair", "period_anaphor", "year_words",
        "day_anaphor"}
}
