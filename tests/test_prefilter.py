"""The rule prefilter (timeline/temporal/prefilter.py): a rule skipped for a window could not
have matched in it, so skipping changes no result."""
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from timeline.language import Language
from timeline.temporal.extract import find_timexes
from timeline.temporal.languages import grammar_for, languages_with_rules
from timeline.temporal.prefilter import folded, required_words

CORPUS = Path(__file__).parent / "corpus"
CODES = ["en"] + languages_with_rules()


def _texts(code: str) -> list[str]:
    data = yaml.safe_load((CORPUS / f"{code}.yaml").read_text(encoding="utf-8"))
    grammar = grammar_for(Language(code, 1.0, "test"))
    return [c["text"] for c in data["cases"]] + list(data["negatives"]) + [r.example for r in grammar.rules]


@pytest.mark.parametrize("code", CODES)
def test_every_match_holds_a_required_word(code):
    grammar = grammar_for(Language(code, 1.0, "test"))
    for text in _texts(code) + [text.upper() for text in _texts(code)]:
        for rule in grammar.rules:
            for match in rule.regex.finditer(text) if rule.needs else ():
                assert any(word in folded(match.group()) for word in rule.needs), (rule.name, match.group())


@pytest.mark.parametrize("code", CODES)
def test_skipping_rules_changes_no_timex(code):
    grammar = grammar_for(Language(code, 1.0, "test"))
    unfiltered = replace(grammar, rules=tuple(replace(r, needs=None) for r in grammar.rules))
    text = "\n".join(_texts(code))
    assert find_timexes(text, grammar=grammar) == find_timexes(text, grammar=unfiltered)


def test_required_words_of_simple_patterns():
    assert required_words(re.compile(r"(?<!\w)(?i:three|four)\s+days?\s+ago\b")) in (("ago",), ("day",), ("four", "three"))
    assert required_words(re.compile(r"(?:Jan|January|FEB)\.?\s+\d+")) == ("feb", "jan")
    assert required_words(re.compile(r"\d+\s+\w+")) is None  # \d and \w are Unicode classes: no word
    assert required_words(re.compile(r"(?:now|)\s*\d+")) is None  # an empty alternative requires nothing


def test_case_insensitive_twins_of_ascii_letters_fold_to_them():
    """'ſ' matches (?i)s and 'ı' matches (?i)i: the folded window must hold the letter."""
    every = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for char in re.findall("(?i)[a-z]", every):
        letter = next(a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(f"(?i){a}", char))
        assert letter in folded(char), hex(ord(char))
