"""One grammar per language, chosen by the article's detected language.

A language with a rules file (rules_<code>.yaml, the same design as rules_en.yaml) gets its own
rules, then English's language-free ones that it names under `inherit` (ISO dates, years, clock
times, money and scores), with English tables as a fallback. Month and weekday names come from
dateparser's locale data where the file asks for them (`dateparser: [month, weekday]`).
Every grammar, English included, starts with rules_common.yaml: numeric dates read in the
language's order. A language without a file is read with the English rules.
"""
from __future__ import annotations

import importlib
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..language import Language, date_order
from . import builders_intl  # noqa: F401  (registers the builders the language files use)
from .grammar import Grammar, Rule, compile_rule, expand, joins_from, load_grammar, normalise_word, signals_from

_HERE = Path(__file__).parent
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def languages_with_rules() -> list[str]:
    return sorted(p.stem.removeprefix("rules_") for p in _HERE.glob("rules_*.yaml") if p.stem != "rules_common")


def grammar_for(language: Language | None) -> Grammar:
    order, why = date_order(language)
    return _grammar(language.code if language else "en", order, why)


@lru_cache(maxsize=None)
def _grammar(code: str, order: str, why: str) -> Grammar:
    english = load_grammar()
    path = _HERE / f"rules_{code}.yaml"
    if code == "en" or not path.exists():
        common = _common_rules(english.pieces, english.raw_tables)
        return replace(english, rules=common + english.rules, language=code, date_order=order, order_reason=why)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw = {name: dict(table) for name, table in _dateparser_tables(code, data).items()}
    for name, table in (data.get("tables") or {}).items():
        raw.setdefault(name, {}).update({str(k): v for k, v in table.items()})
    visible = {**english.raw_tables, **raw}  # a pattern may use an English table ({table:zone})
    pieces = dict(english.pieces)
    for name, piece in (data.get("pieces") or {}).items():
        pieces[name] = expand(piece, pieces, visible)
    own = tuple(compile_rule(spec, pieces, visible) for spec in data.get("rules") or ())
    inherited = tuple(r for r in english.rules if r.name in set(data.get("inherit") or ()))
    tables = {name: {normalise_word(str(k)): v for k, v in table.items()} for name, table in raw.items()}
    markers = {tense: re.compile(pattern) for tense, pattern in (data.get("tense") or {}).items()}
    return Grammar(rules=_common_rules(pieces, visible) + own + inherited, tables=tables, pieces=pieces,
                   raw_tables=visible, language=code, date_order=order, order_reason=why, fallback=english,
                   tense_markers=markers, signals=signals_from(data.get("signals") or {}),
                   joins=joins_from(data.get("joins") or {}), title_ties=tuple(data.get("title_ties") or ()))


def _common_rules(pieces: dict[str, str], tables: dict[str, dict[str, Any]]) -> tuple[Rule, ...]:
    data = yaml.safe_load((_HERE / "rules_common.yaml").read_text(encoding="utf-8"))
    return tuple(compile_rule(spec, pieces, tables) for spec in data["rules"])


def _dateparser_tables(code: str, data: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Month and weekday names from dateparser's locale data, less what is ambiguous there: a
    word listed under two months or weekdays ('mar': marzo and martes), one or two letters
    ('Lu', 'Mi'), and the words the rules file lists under `dateparser_skip`."""
    wanted = data.get("dateparser") or ()
    if not wanted:
        return {}
    info = importlib.import_module(f"dateparser.data.date_translation_data.{code}").info
    skip = {normalise_word(w) for w in data.get("dateparser_skip") or ()}
    words = [(table, normalise_word(w), index) for table, keys in (("month", _MONTHS), ("weekday", _WEEKDAYS))
             for index, key in enumerate(keys) for w in info.get(key, [])]
    owners = Counter(w for _, w, _ in set(words))
    tables: dict[str, dict[str, int]] = {}
    for table, word, index in words:
        if table in wanted and owners[word] == 1 and word not in skip and (len(word) >= 3 or not word.isascii()):
            tables.setdefault(table, {})[word] = index + 1 if table == "month" else index
    for table in ("month", "weekday"):  # the full name (the longest form) alone, for a bare "mardi"
        if f"{table}_name" in wanted:
            longest: dict[int, str] = {}
            for word, value in tables.get(table, {}).items():
                if len(word) > len(longest.get(value, "")):
                    longest[value] = word
            tables[f"{table}_name"] = {word: value for value, word in longest.items()}
    if "day_word" in wanted:  # "hier", "demain": dateparser's relative words for whole days
        tables["day_word"] = {normalise_word(w): _day_offset(key) for key, forms in info.get("relative-type", {}).items()
                              if _day_offset(key) is not None for w in forms if normalise_word(w) not in skip}
    if "relative_unit_word" in wanted:  # "на прошлой неделе", "지난달": a week, month or year from now
        tables["relative_unit_word"] = {normalise_word(w): code for key, forms in info.get("relative-type", {}).items()
                                        if (code := _unit_offset(key)) for w in forms if len(normalise_word(w)) > 3
                                        or not normalise_word(w).isascii()}
    return tables


def _unit_offset(key: str) -> str | None:
    """dateparser's '1 week ago' -> 'week:-1', 'in 1 year' -> 'year:1', '0 month ago' -> 'month:0'."""
    found = re.fullmatch(r"(in )?([01]) (week|month|year)( ago)?", key)
    if not found or (found.group(1) and found.group(4)):
        return None
    return f"{found.group(3)}:{int(found.group(2)) * (1 if found.group(1) else -1)}"


def _day_offset(key: str) -> int | None:
    """dateparser's '2 day ago' -> -2, 'in 1 day' -> 1; None for other units."""
    found = re.fullmatch(r"(in )?(\d+) day( ago)?", key)
    if not found or bool(found.group(1)) == bool(found.group(3)):
        return 0 if key == "0 day ago" else None
    return int(found.group(2)) * (1 if found.group(1) else -1)
