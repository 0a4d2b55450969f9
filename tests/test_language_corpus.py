"""Each language's phrasing corpus (tests/corpus/<code>.yaml, the same form as en.yaml): every
phrase found and resolved as expected, no date in the negatives, every rule example found."""
from pathlib import Path

import pytest
import yaml

from timeline import calendar as cal
from timeline.language import Language
from timeline.pipeline import interval_text, tag
from timeline.temporal.languages import grammar_for, languages_with_rules

CORPORA = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))  # the corpora that name their language
           for p in sorted((Path(__file__).parent / "corpus").glob("??.yaml")) if p.stem != "en"}
CASES = [(code, case) for code, corpus in CORPORA.items() for case in corpus["cases"]]
NEGATIVES = [(code, text) for code, corpus in CORPORA.items() for text in corpus["negatives"]]


def _tag(code: str, text: str, ref: str):
    return tag(text, int(cal.parse_iso(ref)), language=Language(code, 1.0, "test"))


@pytest.mark.parametrize("code,case", CASES, ids=[f"{c}:{case['expr']}" for c, case in CASES])
def test_phrase_resolves(code, case):
    found = {m.text: r for m, r, _ in _tag(code, case["text"], case.get("ref", CORPORA[code]["reference"]))}
    assert case["expr"] in found, f"found only {list(found)}"
    resolved = found[case["expr"]]
    assert resolved.value == case["value"]
    if "start" in case or "end" in case:
        start, end = interval_text(resolved)
        assert (start[:10], end[:10]) == (case.get("start", start[:10]), case.get("end", end[:10]))


@pytest.mark.parametrize("code,text", NEGATIVES, ids=[f"{c}:{t}" for c, t in NEGATIVES])
def test_negative_is_not_a_date(code, text):
    dated = [(m.text, r.value) for m, r, _ in _tag(code, text, CORPORA[code]["reference"]) if r.type in ("DATE", "TIME")]
    assert dated == []


def test_every_language_with_rules_has_a_corpus():
    assert set(languages_with_rules()) - {"en"} <= set(CORPORA)


@pytest.mark.parametrize("code", sorted(CORPORA))
def test_every_rule_example_is_found(code):
    for rule in grammar_for(Language(code, 1.0, "test")).rules:
        assert rule.regex.search(rule.example), f"{code} {rule.name}: example {rule.example!r} not matched"


def test_no_builder_of_other_languages_replaces_an_english_one():
    """builders_intl registers its builders in the shared table: under a name of builders.py it
    would silently change English (its 'day_range' once broke 'March 3-5, 2021')."""
    from timeline.temporal import builders
    from timeline.temporal.builders import BUILDERS
    for name, build in BUILDERS.items():
        if build.__module__.endswith("builders_intl"):
            assert getattr(builders, name, build) is build, name
