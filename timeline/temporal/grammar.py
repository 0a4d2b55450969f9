"""Load the rule grammar (rules_en.yaml) and compile it once. Other languages build on it in
languages.py: their own rules file, English's language-free rules, English tables as fallback."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from .prefilter import required_words

_RULES_FILE = Path(__file__).with_name("rules_en.yaml")
_REFERENCE = re.compile(r"\{(table:)?([A-Za-z_]+)\}")


@dataclass(frozen=True)
class Rule:
    name: str
    build: str
    type: str
    regex: re.Pattern[str]
    example: str
    options: dict[str, Any]
    needs: tuple[str, ...] | None = None  # one of these is in every match (prefilter.required_words)


@dataclass(frozen=True)
class Signals:
    """Words that make a date an open interval, from a rules file's `signals`: written before the
    date ('desde', 'seit', 'до', 'منذ') or after it ('以来', 'から', '부터', 'まで')."""
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    kinds: dict[str, str]  # normalised word -> since, until, by, before or after
    joiner: re.Pattern[str] | None = None  # between the two dates of a range: 'al', 'bis', '至', 'から'
    opener: re.Pattern[str] | None = None  # before a range's first date: 'del', 'vom', 'entre el', 'с'
    between: re.Pattern[str] | None = None  # 'zwischen', 'entre', 'tra il': the two dates joined by ...
    conjunction: re.Pattern[str] | None = None  # ... 'und', 'et', 'e il' make one range, not two points


@dataclass(frozen=True)
class Joins:
    """What joins two written pieces into one date (joins.py), from a rules file's `joins`: the words
    between a yearless date and the relative year that gives it its year ("Juni letzten Jahres",
    "昨年3月"), and the words that narrow a date to its start, middle or end ("Anfang März", "3月上旬")."""
    year_after: re.Pattern[str] | None = None  # between the date and its year: "mars| de l'|année dernière"
    year_before: re.Pattern[str] | None = None  # between the year and the date: "去年|3月"
    modifier_before: re.Pattern[str] | None = None  # ends where the date starts: "a principios de "
    modifier_after: re.Pattern[str] | None = None  # starts where the date ends: "下旬"
    modifier_codes: dict[str, str] = field(default_factory=dict)  # normalised word -> START, MID or END


@dataclass(frozen=True)
class Grammar:
    rules: tuple[Rule, ...]
    tables: dict[str, dict[str, Any]]
    pieces: dict[str, str] = field(default_factory=dict)
    raw_tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    language: str = "en"
    date_order: str = "MDY"  # how numeric dates are read: DMY, MDY or YMD
    order_reason: str = "month-first: English (US)"
    fallback: "Grammar | None" = None  # looked up when a table lacks a word (English for others)
    tense_markers: dict[str, re.Pattern[str]] = field(default_factory=dict)  # other languages: future/past
    signals: Signals | None = None  # other languages' interval words (English's are in extract.py)
    joins: Joins = field(default_factory=Joins)
    title_ties: tuple[str, ...] = ()  # words tying a date on, dropped with it from titles ("im", "le")

    def lookup(self, table: str, word: str) -> Any:
        found = self.tables.get(table, {}).get(normalise_word(word))
        if found is None and self.fallback is not None:
            return self.fallback.lookup(table, word)
        return found


def normalise_word(word: str) -> str:
    return " ".join(word.replace("’", "'").rstrip(".").lower().split())


def _escape(key: str) -> str:
    return re.escape(key).replace(r"\ ", r"\s+").replace("'", "['’]")


def _table_alternation(table: dict[str, Any]) -> str:
    """Longest keys first; proper names (Capitalised keys) match in Title or UPPER case only."""
    keys = sorted((str(k) for k in table), key=len, reverse=True)
    names = [k for k in keys if k[:1].isupper()]
    words = [k for k in keys if not k[:1].isupper()]
    branches = [_escape(k) for k in names] + [_escape(k.upper()) for k in names]
    if words:
        branches.append("(?i:" + "|".join(_escape(k) for k in words) + ")")
    return "|".join(branches)


# Not inside a word, except after Chinese or Japanese characters: they are written without spaces ("持续到2030年").
_AFTER_WORD_EDGE = r"(?<![^\W\u3040-\u30ff\u3400-\u9fff])"


def signals_from(data: dict[str, Any]) -> Signals | None:
    """Compile a rules file's `signals: {before: {word: kind}, after: {word: kind}, range: [joiner words],
    range_opener: [words], between: [words], and: [words]}`."""
    if not data:
        return None
    before, after = data.get("before") or {}, data.get("after") or {}
    kinds = {normalise_word(str(w)): kind for table in (before, after) for w, kind in table.items()}
    return Signals(
        before=re.compile(_AFTER_WORD_EDGE + "(?P<signal>" + _table_alternation(before) + r")\s*$") if before else None,
        after=re.compile(r"\s*(?P<signal>" + _table_alternation(after) + ")") if after else None,
        kinds=kinds,
        joiner=re.compile(r"\s*(?:[-–—~～〜]|" + _table_alternation(dict.fromkeys(data.get("range") or ["-"]))
                          + r")\s*", re.IGNORECASE),
        opener=_words_before(data.get("range_opener")),
        between=_words_before(data.get("between")),
        conjunction=re.compile(r"\s*(?:" + _table_alternation(dict.fromkeys(data["and"])) + r")\s*")
        if data.get("and") else None)


def _words_before(words: Iterable[str] | None, group: str = "?:") -> re.Pattern[str] | None:
    """Any of ``words`` ending where a date starts (in a group named by ``group``: "?P<word>")."""
    if not words:
        return None
    return re.compile(_AFTER_WORD_EDGE + f"({group}" + _table_alternation(dict.fromkeys(words)) + r")\s*$")


def joins_from(data: dict[str, Any]) -> Joins:
    """Compile a rules file's `joins: {year_after: regex, year_before: regex, modifiers_before:
    {words: code}, modifiers_after: {words: code}}`."""
    before, after = data.get("modifiers_before") or {}, data.get("modifiers_after") or {}
    return Joins(
        year_after=re.compile(data["year_after"]) if data.get("year_after") else None,
        year_before=re.compile(data["year_before"]) if data.get("year_before") else None,
        modifier_before=_words_before(before, "?P<word>"),
        modifier_after=re.compile(r"\s*(?P<word>" + _table_alternation(after) + ")") if after else None,
        modifier_codes={normalise_word(str(w)): code for table in (before, after) for w, code in table.items()})


def expand(pattern: str, pieces: dict[str, str], tables: dict[str, dict[str, Any]]) -> str:
    def substitute(match: re.Match[str]) -> str:
        is_table, name = match.group(1), match.group(2)
        if is_table:
            return _table_alternation(tables[name])
        if name in pieces:
            return pieces[name]
        return match.group(0)  # a regex quantifier such as {1,2}

    previous = None
    while previous != pattern:
        previous, pattern = pattern, _REFERENCE.sub(substitute, pattern)
    return pattern


def compile_rule(spec: dict[str, Any], pieces: dict[str, str], tables: dict[str, dict[str, Any]]) -> Rule:
    pattern = re.compile(expand(spec["pattern"], pieces, tables))
    options = {k: v for k, v in spec.items() if k not in {"name", "build", "type", "pattern", "example"}}
    return Rule(
        name=spec["name"],
        build=spec["build"],
        type=spec.get("type", "DATE"),
        regex=pattern,
        example=spec.get("example", ""),
        options=options,
        needs=required_words(pattern),
    )


@lru_cache(maxsize=None)
def load_grammar(path: Path = _RULES_FILE) -> Grammar:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tables = {name: {normalise_word(str(k)): v for k, v in table.items()} for name, table in data["tables"].items()}
    raw_tables = {name: {str(k): v for k, v in table.items()} for name, table in data["tables"].items()}
    pieces: dict[str, str] = {}
    for name, piece in data["pieces"].items():
        pieces[name] = expand(piece, pieces, raw_tables)
    rules = tuple(compile_rule(spec, pieces, raw_tables) for spec in data["rules"])
    return Grammar(rules=rules, tables=tables, pieces=pieces, raw_tables=raw_tables,
                   joins=joins_from(data.get("joins") or {}))
