"""Find an article's dateline: publication date, time, zone, place, agency, and how it was found.

Tried in order, each a named method whose name is stored as the "how": a `date YYYY-MM-DD`
marker, a metadata line ("Published: ..."), a line that is only a date, a wire dateline
("TOKYO, Feb 2 (EFE).-"), dateparser on a short top line (other languages), and last the
file's modification time, flagged as a low-confidence guess.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from . import calendar as cal
from .language import Language
from .temporal.extract import find_timexes
from .temporal.grammar import Grammar, normalise_word
from .temporal.languages import grammar_for
from .temporal.model import Timex

_TOP_CHARS = 1500
_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d\d-\d\d)\b")
_METADATA = re.compile(
    r"(?im)^[ \t]*(?:published|posted|updated|last\s+updated|first\s+published|date|dateline)"
    r"(?:\s+(?:on|at))?[ \t]*:?[ \t]*(?P<rest>[^\n]{6,80})$")
_WIRE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?)(?:,[ \t]*(?P<date>[^(\n]{3,40}?))?[ \t]*"
    r"(?:\((?P<agency>[^)\n]{2,40})\)|/(?P<agency2>[A-Za-z .]{2,30})/)[ \t]*(?:\.?\s*-+|—|–|:|\.-)")

# 'Москва, 14 марта 2023 г. — ', 'القاهرة، 14 مارس 2023 - ', 'Roma, 19 ottobre 2022 - ': a place of up to
# four words, a date and a dash opening one of the first lines, in any script (no agency needed)
_LEAD = re.compile(
    r"(?m)^[ \t]*(?P<place>[^\W\d_][^\W\d_.'’\-]*(?:[ \t][^\W\d_][^\W\d_.'’\-]*){0,3})[ \t]*[,،][ \t]*"
    r"(?P<date>[^\n()—–]{3,40}?)[ \t]*(?:\((?P<agency>[^)\n]{2,40})\))?[ \t]*\.?[ \t]*(?:-+|—|–)[ \t]")
# '新华社北京3月5日电': Chinese agencies write the place and the month and day before 电 ("wired")
_CN_WIRE = re.compile(r"(?m)^[ \t]*(?P<agency>新华社|中新社|中新网|人民网|央视网)?(?P<place>[\u4e00-\u9fff]{2,6}?)?"
                      r"(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)电")
_LEAD_LINES = 5


@dataclass(frozen=True)
class KnownDate:
    """A publication date from outside the text, and how much to trust it."""

    when: datetime  # naive when the source gave no zone
    source: str  # "HTML <meta property=article:published_time>", "e-mail Date header", ...
    confidence: float
    before_text: bool  # True: trusted over a dateline in the text (page metadata); False: a fallback
    has_time: bool = True
    detail: str = ""  # which tag or field said it: '<meta property="article:published_time">'



@dataclass(frozen=True)
class Dateline:
    day: int  # calendar.day_number of the publication date
    method: str
    confidence: float
    reason: str
    time: str | None = None  # "11:36"
    zone: str | None = None
    place: str | None = None
    agency: str | None = None
    span: tuple[int, int] | None = None  # where in the text it was read
    line: int | None = None  # 1-based line number
    year_inferred: bool = False
    fallback: bool = False  # no dateline in the text: the file's timestamp stands in
    warning: str = ""  # why the date is doubtful ("the text tells of 2020, after this dateline")

    @property
    def iso(self) -> str:
        return cal.iso_date(self.day) + (f"T{self.time}" if self.time else "")


def find_dateline(text: str, file_time: datetime | None = None, language: Language | None = None) -> Dateline:
    """The dateline of ``text``; ``file_time`` (the file's mtime) bounds year inference and is the fallback.
    Dates are read with the grammar (and numeric date order) of ``language``, English when None."""
    top = text[:_TOP_CHARS]
    limit = cal.day_number(file_time.year, file_time.month, file_time.day) if file_time else None
    g = grammar_for(language)
    rejected = ""  # the first impossible date seen at the top ("February 31, 2021"), said in the fallback
    for method in (_from_marker, _from_metadata, _from_date_line, _from_wire, _from_lead, _from_dateparser):
        try:
            found = method(top, text, limit, g)
        except ImpossibleDate as error:
            rejected = rejected or str(error)
            continue
        if found:
            return _with_place(found, top)
    return _fallback(top, file_time, rejected)


class ImpossibleDate(ValueError):
    """A dateline that names a day no calendar has (2021-02-31, date 0000-00-00)."""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _from_marker(top: str, text: str, limit: int | None, g: Grammar) -> Dateline | None:
    m = _MARKER.match(top)
    if not m:
        return None
    y, mo, d = (int(v) for v in m.group(1).split("-"))
    try:
        day = cal.checked_day_number(y, mo, d)
    except ValueError as error:
        raise ImpossibleDate(f"'date {m.group(1)}' is not a date: {error}") from None
    return Dateline(day, "marker", 0.98,
                    f"'date {m.group(1)}' marker at the start of the text", span=m.span(), line=1)


def _from_metadata(top: str, text: str, limit: int | None, g: Grammar) -> Dateline | None:
    for m in _metadata_lines(top, g):
        found = _date_in(m.group("rest"), m.start("rest"), text, limit, g)
        if found:
            return replace(found, method="metadata", confidence=min(found.confidence, 0.95), span=m.span(),
                           reason=f"metadata line {_line_of(text, m.start())}: '{m.group().strip()}'; {found.reason}")
    return None


_LOCAL_METADATA: dict[str, re.Pattern[str]] = {}


def _metadata_lines(top: str, g: Grammar) -> list[re.Match[str]]:
    """'Published: ...' lines, and the language's own ('publié le', 'Veröffentlicht am', '发布时间'):
    words marked 1 in its `dateline_word` table (publication) before English ones, those marked 2
    (an update) last."""
    words = g.tables.get("dateline_word") or {}
    if not words:
        return list(_METADATA.finditer(top))
    if g.language not in _LOCAL_METADATA:
        keys = sorted(words, key=len, reverse=True)
        alternation = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
        _LOCAL_METADATA[g.language] = re.compile(
            rf"(?im)(?:^|(?<=[\s,|·–-]))(?P<word>{alternation})(?!\w)[ \t]*[:：]?[ \t]*(?P<rest>[^\n]{{4,80}})$")
    local = list(_LOCAL_METADATA[g.language].finditer(top))
    first = [m for m in local if words.get(normalise_word(m.group("word"))) == 1]
    later = [m for m in local if words.get(normalise_word(m.group("word"))) != 1]
    return first + list(_METADATA.finditer(top)) + later


def _from_date_line(top: str, text: str, limit: int | None, g: Grammar) -> Dateline | None:
    """A short line near the top that is (almost) only a date: 'Monday, June 5, 2023'."""
    for number, m in enumerate(re.finditer(r"[^\n]+", top)):
        if number >= 8:
            break
        line = m.group()
        if len(line.strip()) > 80:
            continue
        found = _date_in(line, m.start(), text, limit, g)
        if found and found.span and _covers_line(line, g):
            return replace(found, method="date line", span=m.span(),
                           reason=f"line {_line_of(text, m.start())} is a date: '{line.strip()}'; {found.reason}")
    return None


def _covers_line(line: str, g: Grammar) -> bool:
    words = re.findall(r"[^\W\d_]{3,}", line)
    filler = {"updated", "published", "posted", "last", "am", "pm", "on", "at", "edt", "est", "gmt", "utc", "jst"}
    filler |= {normalise_word(w) for w in g.tables.get("dateline_word", {})}
    extra = [w for w in words if w.lower() not in filler and not _is_calendar_word(w, g)]
    return len(extra) <= 1


def _is_calendar_word(word: str, g: Grammar) -> bool:
    return any(g.lookup(t, word) is not None for t in ("month", "weekday", "weekday_abbr", "zone", "day_word"))


def _from_wire(top: str, text: str, limit: int | None, g: Grammar) -> Dateline | None:
    for m in _WIRE.finditer(top):
        if m.group("date"):
            found = _date_in(m.group("date"), m.start("date"), text, limit, g)
            if found:
                return replace(found, method="wire dateline", span=m.span(),
                               reason=f"wire dateline '{m.group().strip()}' on line {_line_of(text, m.start())}; {found.reason}")
    return None


def _from_lead(top: str, text: str, limit: int | None, g: Grammar) -> Dateline | None:
    """'Москва, 14 марта 2023 г. — Правительство...', '新华社北京3月5日电': the date that opens the story."""
    for pattern in (_LEAD, _CN_WIRE):
        for m in pattern.finditer(top):
            line = _line_of(text, m.start())
            if line > _LEAD_LINES:
                break
            found = _date_in(m.group("date"), m.start("date"), text, limit, g)
            if found:
                return replace(found, method="lead dateline", span=m.span(), place=m.group("place") or None,
                               agency=m.group("agency"), reason=f"dateline '{m.group().strip()}' opening line {line}; "
                                                                f"{found.reason}")
    return None


def _date_in(fragment: str, offset: int, text: str, limit: int | None, g: Grammar) -> Dateline | None:
    """The first full or month-day date in ``fragment`` (at ``offset`` in ``text``), plus any clock time."""
    timexes = find_timexes(fragment, grammar=g)
    date = next((t for t in timexes if t.anchor.kind == "calendar" and t.anchor.day is not None), None)
    if date is None:
        return None
    clock = next((t for t in timexes if t.anchor.hour is not None), None)
    time = f"{clock.anchor.hour:02d}:{clock.anchor.minute or 0:02d}" if clock else None
    if date.anchor.hour is not None:
        time = f"{date.anchor.hour:02d}:{date.anchor.minute or 0:02d}"
    zone = (clock or date).anchor.zone
    span = (offset + date.start, offset + date.end)
    a = date.anchor
    if a.year is None:
        return _infer_year(a.month or 1, a.day or 1, a.weekday, text, limit, span, time, zone, g)
    year, why = (_near_year(a.year, limit), "") if a.two_digit_year else (a.year, "")
    if a.two_digit_year:
        why = f", two-digit year '{a.year:02d}' read as {year}, the nearest not after the file's time"
    try:
        day = cal.checked_day_number(year, a.month or 1, a.day or 1)
    except ValueError as error:
        raise ImpossibleDate(f"'{date.text}' is not a date: {error}") from None
    note = f" ({a.note.split(';')[0]})" if a.note else ""
    return Dateline(day, "", 0.95, f"read as {cal.iso_date(day)}{why}{note}", time=time, zone=zone, span=span,
                    line=_line_of(text, offset))


def _near_year(yy: int, limit: int | None) -> int:
    """A two-digit year: the latest year ending in these digits not after the file's time
    (without one, 2000-2068 or 1969-1999, as strptime's %y reads it)."""
    if limit is None:
        return 2000 + yy if yy < 69 else 1900 + yy
    upper = cal.civil(limit)[0]
    year = upper // 100 * 100 + yy
    return year if year <= upper else year - 100


def _infer_year(month: int, day: int, weekday: int | None, text: str, limit: int | None,
                span: tuple[int, int], time: str | None, zone: str | None, g: Grammar) -> Dateline:
    """The most recent year (not after the file's time) whose calendar agrees with the text."""
    if not 1 <= day <= cal.days_in_month(2000, month):  # 2000 is a leap year: February 29 may exist
        raise ImpossibleDate(f"day {day} of month {month} is not a date in any year")
    timexes = find_timexes(text[:6000], grammar=g)
    upper = cal.civil(limit)[0] if limit is not None else max(_years_mentioned(timexes) + [2000])
    mentioned = [y for y in _years_mentioned(timexes) if y <= upper]
    lower = max(mentioned + [upper - 60])
    lead_weekdays = [t.anchor.weekday for t in timexes if t.anchor.kind == "weekday" and t.start < span[1] + 600]

    def score(year: int) -> float:
        d = cal.day_number(year, month, day)
        if limit is not None and d > limit:
            return -1.0
        wd = cal.weekday(d)
        if weekday is not None and wd != weekday:
            return -1.0
        # the first weekday of the lead is most often the news day itself: it counts most
        return (3.0 if weekday is not None else 0.0) + sum(
            (1.0 if w == wd else 0.3 if w == (wd - 1) % 7 else 0.0) / (rank + 1) for rank, w in enumerate(lead_weekdays))

    years = [y for y in range(upper, lower - 1, -1) if month != 2 or day != 29 or cal.is_leap(y)]
    best = max(years, key=lambda y: (score(y), y)) if years else upper
    evidence = score(best)
    why = (f"year {best} inferred: the most recent year up to {upper} in which this date falls on the "
           f"weekday the text names" if evidence > 0 else
           f"year {best} inferred: the most recent year up to {upper} (no weekday in the text to check)")
    if mentioned:
        why += f", not before {lower}, the latest year the text mentions"
    found = cal.day_number(best, month, day)
    return Dateline(found, "", 0.8 if evidence > 0 else 0.55, why, time=time, zone=zone, span=span,
                    year_inferred=True)


def _years_mentioned(timexes: list[Timex]) -> list[int]:
    return [t.anchor.year for t in timexes
            if t.anchor.kind == "calendar" and t.anchor.year is not None and not t.anchor.two_digit_year
            and t.tense != "future" and t.anchor.year > 1000]


def _from_dateparser(top: str, text: str, limit: int | None, g: Grammar) -> Dateline | None:
    """Other languages: dateparser on short top lines that hold a four-digit year."""
    import dateparser  # imported late: it is slow to load and rarely needed

    for m in list(re.finditer(r"[^\n]+", top))[:6]:
        line = m.group().strip()
        if len(line) > 60 or not re.search(r"\b(1[89]|20)\d\d\b", line):
            continue
        parsed = dateparser.parse(line, languages=_dateparser_languages(g.language),
                                  settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                                            "DATE_ORDER": g.date_order})
        if parsed:
            day = cal.day_number(parsed.year, parsed.month, parsed.day)
            return Dateline(day, "dateparser", 0.8, f"line {_line_of(text, m.start())} parsed by dateparser: '{line}'",
                            span=m.span(), line=_line_of(text, m.start()))
    return None


def _dateparser_languages(code: str) -> list[str] | None:
    """The article's language and English, when dateparser knows the language; else its own guess."""
    from importlib.util import find_spec

    known = code != "en" and code.isalpha() and find_spec(f"dateparser.data.date_translation_data.{code}") is not None
    return [code, "en"] if known else None


def _with_place(found: Dateline, top: str) -> Dateline:
    m = _WIRE.search(top)
    if not m or found.place:
        return found
    return replace(found, place=m.group("place").strip(), agency=(m.group("agency") or m.group("agency2") or "").strip() or None)


def _fallback(top: str, file_time: datetime | None, rejected: str = "") -> Dateline:
    if file_time is None:
        raise ValueError("no dateline in the text and no file time to fall back on")
    day = cal.day_number(file_time.year, file_time.month, file_time.day)
    found = Dateline(day, "file time", 0.2, f"no dateline in the text: the file's modification time "
                     f"{file_time:%Y-%m-%d %H:%M} stands in (low confidence)"
                     + (f"; rejected: {rejected}" if rejected else ""), fallback=True)
    return _with_place(found, top)


def choose_dateline(text: str, file_time: datetime | None, known: Sequence[KnownDate] = (),
                    language: Language | None = None) -> Dateline:
    """Page metadata comes before the text; the text's own dateline before the other known
    dates (an e-mail's Date header, document properties); those before the file's time."""
    top = text[:_TOP_CHARS]
    trusted = [d for d in known if d.before_text]
    if trusted:
        return _with_place(_from_known(trusted[0], fallback=False), top)
    stand_in = max((d for d in known if not d.before_text), key=lambda d: d.confidence, default=None)
    found = find_dateline(text, stand_in.when if stand_in else file_time, language)
    if found.fallback and stand_in:
        return _with_place(_from_known(stand_in, fallback=stand_in.confidence < 0.5), top)
    if found.method == "date line" and stand_in and stand_in.confidence >= 0.7 and found.day != _day_of(stand_in):
        # on a web page a bare date line at the top is often the site's clock, not the article's date
        chosen = _from_known(stand_in, fallback=False)
        return _with_place(replace(chosen, reason=f"{chosen.reason}, not the top line '{_line_text(text, found)}' "
                                                  f"(on a page, a bare date line may be the site's clock)"), top)
    return found


def _day_of(known: KnownDate) -> int:
    return cal.day_number(known.when.year, known.when.month, known.when.day)


def _line_text(text: str, found: Dateline) -> str:
    start, end = found.span or (0, 0)
    return text[start:end].strip()[:80]


def _from_known(known: KnownDate, fallback: bool) -> Dateline:
    when = known.when
    zone = None
    if when.tzinfo is not None and when.utcoffset() is not None:
        minutes = int(when.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
        zone = "UTC" if minutes == 0 else f"{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    time = f"{when:%H:%M}" if known.has_time else None
    said = f"{known.source}, {known.detail}" if known.detail else known.source
    reason = f"{said}: {when.isoformat()}" + ("" if known.before_text else " (no dateline in the text)")
    return Dateline(cal.day_number(when.year, when.month, when.day), known.source, known.confidence, reason,
                    time=time, zone=zone if known.has_time else None, fallback=fallback)
