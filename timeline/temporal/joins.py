"""Two written pieces that make one date, in any language whose rules file says how (`joins`).

A date written without its year beside a relative year takes its year from it: "Juni letzten
Jahres", "mars de l'année dernière", "March 5 last year", "昨年3月" are one expression in the year
counted from the reference, where the month alone would have taken the nearest year. A word
before or after a month, season or year narrows it to its start, middle or end: "Anfang März",
"a finales de 2018", "3月下旬" (English's modifiers are read in extract._finish)."""
from __future__ import annotations

from dataclasses import replace

from .grammar import Grammar, normalise_word
from .model import DATE, Anchor, Timex


def join_pieces(text: str, timexes: list[Timex], grammar: Grammar) -> list[Timex]:
    joined = _with_years(text, timexes, grammar)
    if grammar.joins.modifier_before or grammar.joins.modifier_after:
        joined = [_modified(text, t, grammar, joined[i - 1].end if i else 0, joined[i + 1].start
                            if i + 1 < len(joined) else len(text)) for i, t in enumerate(joined)]
    return joined


def _with_years(text: str, timexes: list[Timex], grammar: Grammar) -> list[Timex]:
    after, before = grammar.joins.year_after, grammar.joins.year_before
    if after is None and before is None:
        return timexes
    out: list[Timex] = []
    for timex in timexes:
        last = out[-1] if out else None
        if last and after and _yearless(last) and _relative_year(timex) and after.fullmatch(text, last.end, timex.start):
            out[-1] = _dated(text, last, timex, last.start, timex.end)
        elif last and before and _relative_year(last) and _yearless(timex) \
                and before.fullmatch(text, last.end, timex.start):
            out[-1] = _dated(text, timex, last, last.start, timex.end)
        else:
            out.append(timex)
    return out


def _yearless(t: Timex) -> bool:
    """A month, season, quarter or day of a year not written: "Juni", "5. März", "3月"."""
    a = t.anchor
    return (t.type == DATE and a.kind == "calendar" and a.year is None and a.direction is None and a.hour is None
            and a.decade is None and a.century is None and a.weekday is None
            and any(x is not None for x in (a.month, a.season, a.quarter, a.half)))


def _relative_year(t: Timex) -> bool:
    """"letzten Jahres", "l'année dernière", "去年": a whole year counted from the reference."""
    a = t.anchor
    return t.type == DATE and a.kind == "relative" and a.unit == "year" and a.mod is None and not a.shift_days


def _dated(text: str, date: Timex, year: Timex, start: int, end: int) -> Timex:
    anchor = date.anchor.with_(direction="year", offset=year.anchor.offset)
    return replace(date, start=start, end=end, text=text[start:end], anchor=anchor, rule=f"{date.rule}+{year.rule}")


def _modified(text: str, t: Timex, grammar: Grammar, low: int, high: int) -> Timex:
    """``low``/``high``: where the expressions before and after end and start; a modifier is not read across them."""
    if t.type != DATE or t.anchor.mod is not None or not takes_modifier(t.anchor):
        return t
    a = t.anchor
    joins = grammar.joins
    before = joins.modifier_before.search(text, max(low, t.start - 30), t.start) if joins.modifier_before else None
    after = joins.modifier_after.match(text, t.end, min(high, t.end + 12)) if joins.modifier_after else None
    word = before or after
    if word is None:
        return t
    start, end = (before.start(), t.end) if before else (t.start, after.end())  # type: ignore[union-attr]
    code = joins.modifier_codes.get(normalise_word(word.group("word")))
    return replace(t, start=start, end=end, text=text[start:end], anchor=a.with_(mod=code))


def takes_modifier(anchor: Anchor) -> bool:
    """A month, season, year or week ("Ende 2018", "Ende letzten Jahres"); not a day or a time."""
    if anchor.kind == "relative":
        return anchor.unit not in ("day", None) and anchor.hour is None
    return anchor.kind == "calendar" and anchor.day is None and anchor.hour is None
