"""Builders that other languages need beyond builders.py: numeric dates in the language's order,
counts of units in any language ("hace tres días", "vor zwei Wochen", "3日前"), CJK numerals and
Japanese era years. They make the same underspecified anchors, so resolution stays one.
"""
from __future__ import annotations

import re

from .builders import BUILDERS, Part, _one, parse_number, unit_code
from .grammar import Grammar, Rule
from .model import DATE, Anchor

_UNIT_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter", "DE": "decade", "WE": "weekend",
               "CE": "century", "H": "hour", "MIN": "minute", "S": "second"}
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}
_CJK_TENS = {"十": 10, "百": 100, "千": 1000}


def cjk_number(text: str) -> int | None:
    """'十一' -> 11, '二十三' -> 23, '二〇二三' -> 2023, '１２' -> 12; None if it is not a number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text and all(c in _CJK_DIGITS for c in text):  # digit by digit: 二〇二三
        return int("".join(str(_CJK_DIGITS[c]) for c in text))
    total, current = 0, 0
    for char in text:
        if char in _CJK_DIGITS:
            current = _CJK_DIGITS[char]
        elif char in _CJK_TENS:
            total += (current or 1) * _CJK_TENS[char]
            current = 0
        else:
            return None
    return total + current if text else None


def _number(text: str, g: Grammar) -> float | None:
    value = cjk_number(text)
    return float(value) if value is not None else parse_number(text, g)


def numeric_date(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'05/12/2020', '02.11.23': day and month in the language's order, unless one cannot be a month."""
    first, second = int(m.group("first")), int(m.group("second"))
    day_first = g.date_order != "MDY"
    day, month = (first, second) if day_first else (second, first)
    note = f"numbers read {g.order_reason}"
    if month > 12 and day <= 12:
        day, month = month, day
        note = f"read as day {day}, month {month}: {day} cannot be a month"
    if month > 12 or day == 0 or month == 0:
        return []
    year_text = m.group("year")
    if len(year_text) == 2:
        note += f"; two-digit year '{year_text}' taken nearest the dateline"
    anchor = Anchor("calendar", year=int(year_text), month=month, day=day, two_digit_year=len(year_text) == 2,
                    note=note)
    return _one(m, rule, anchor)


def cjk_date(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'2018年6月18日', '１１月２日', '二〇二三年十一月', '令和5年3月': numbers in any script, era years."""
    anchor = Anchor("calendar")
    year = m.group("year") if "year" in m.re.groupindex else None
    era = m.group("era") if "era" in m.re.groupindex else None
    if era:
        offset = g.lookup("era", era)
        count = 1 if year in ("元", None) else cjk_number(year)
        if offset is None or count is None:
            return []
        anchor = anchor.with_(year=int(offset) + count, note=f"{era}{year}年 is {int(offset) + count}")
    elif year:
        value = cjk_number(year)
        if value is None:
            return []
        anchor = anchor.with_(year=value, two_digit_year=len(year) == 2)
    for name in ("month", "day"):
        text = m.group(name) if name in m.re.groupindex else None
        value = cjk_number(text) if text else None
        if text and (value is None or value == 0 or value > (12 if name == "month" else 31)):
            return []
        if value:
            anchor = anchor.with_(**{name: value})
    if "weekday" in m.re.groupindex and m.group("weekday"):
        found = g.lookup("weekday", m.group("weekday"))
        anchor = anchor.with_(weekday=int(found)) if found is not None else anchor
    return _one(m, rule, anchor)


def counted_units(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'hace tres días', 'il y a deux semaines', 'vor zwei Wochen', '3日前' (sign -1) or
    'dentro de dos semanas', 'dans trois jours' (sign +1): days, weeks, months or years from the dateline."""
    num = m.group("num") if "num" in m.re.groupindex else None  # none in the Arabic dual: 'قبل عامين'
    amount = _number(num, g) if num else float(rule.options.get("amount", 1))
    unit = _UNIT_NAMES.get(unit_code(m.group("unit"), g))
    sign = int(rule.options.get("sign", -1))
    if amount is None or unit is None or amount != int(amount) or unit in ("hour", "minute", "second"):
        return _one(m, rule, Anchor("literal", value="PAST_REF" if sign < 0 else "FUTURE_REF"))
    if unit == "week":  # "a week ago" names a day, as annotators read it
        unit, amount = "day", amount * 7
    return _one(m, rule, Anchor("relative", unit=unit, offset=sign * int(amount)))


def relative_unit(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'la semana pasada', 'l'année dernière', 'letzte Woche', '先月', '今年': the unit named in the
    language, the offset from its relative word (or from the rule, for one-word forms)."""
    unit = _UNIT_NAMES.get(unit_code(m.group("unit"), g)) if "unit" in m.re.groupindex and m.group("unit") else None
    unit = unit or str(rule.options.get("unit", ""))
    if "rel" in m.re.groupindex and m.group("rel"):
        offset = g.lookup("relative_word", m.group("rel"))
    else:
        offset = rule.options.get("offset")
    if not unit or offset is None:
        return []
    anchor = Anchor("relative", unit=unit, offset=int(offset))
    if unit == "weekend":
        anchor = anchor.with_(unit="week", weekend=True)
    return _one(m, rule, anchor)


def relative_word_unit(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """One word that is a unit and its offset ('先月' month -1, '明年' year +1): 'month:-1' in the
    rule's table."""
    code = g.lookup(str(rule.options["table"]), m.group("word"))
    if code is None:
        return []
    unit, _, offset = str(code).partition(":")
    anchor = Anchor("relative", unit=unit, offset=int(offset))
    return _one(m, rule, anchor.with_(unit="week", weekend=True) if unit == "weekend" else anchor)


def weekday_of_week(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'先週の火曜日', '上周二', '지난주 화요일': the weekday of the week named (last, this, next)."""
    weekday = g.lookup("weekday", m.group("weekday"))
    offset = g.lookup("relative_word", m.group("rel")) if m.group("rel") else None
    if weekday is None:
        return []
    anchor = Anchor("weekday", weekday=int(weekday))
    return _one(m, rule, anchor if offset is None else anchor.with_(direction="this", offset=int(offset)))


def day_range_written_once(m: re.Match[str], rule: Rule, g: Grammar) -> list[Part]:
    """'del 1 al 5 de marzo', 'du 1er au 5 mars', '1月23日至25日': two days of the month (and year)
    written once, the first with the second's month, or the second with the first's."""
    month_text = m.group("month")
    month = cjk_number(month_text) if cjk_number(month_text) is not None else g.lookup("month", month_text)
    first, second = cjk_number(m.group("day")), cjk_number(m.group("day2"))
    year_text = m.group("year") if "year" in m.re.groupindex else None
    year = cjk_number(year_text) if year_text else None
    if month is None or not first or not second or not 1 <= int(month) <= 12 or not first < second <= 31:
        return []
    anchor = Anchor("calendar", year=year, month=int(month))  # the groups 'first' and 'second' are the two spans
    return [Part(m.start("first"), m.end("first"), DATE, anchor.with_(day=first)),
            Part(m.start("second"), m.end("second"), DATE, anchor.with_(day=second))]


# own names: English has its day_range ("March 3-5"), which these must not replace
BUILDERS.update({"day_range_written_once": day_range_written_once, "numeric_date": numeric_date,
                 "cjk_date": cjk_date, "counted_units": counted_units,
                 "relative_unit": relative_unit, "relative_word_unit": relative_word_unit,
                 "weekday_of_week": weekday_of_week})
