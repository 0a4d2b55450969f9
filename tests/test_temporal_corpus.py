"""The phrasing corpus (tests/corpus/en.yaml): each phrase found exactly and resolved as expected."""
from pathlib import Path

import pytest
import yaml

from timeline import calendar as cal
from timeline.pipeline import interval_text, tag

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "en.yaml").read_text(encoding="utf-8"))
EVENT_TYPES = ("DATE", "TIME")


def _tag(text: str, ref: str):
    return tag(text, int(cal.parse_iso(ref)))


@pytest.mark.parametrize("case", CORPUS["cases"], ids=lambda c: c["expr"])
def test_phrase_resolves(case):
    tagged = _tag(case["text"], case.get("ref", CORPUS["reference"]))
    found = {m.text: r for m, r, _ in tagged}
    assert case["expr"] in found, f"found only {list(found)}"
    resolved = found[case["expr"]]
    assert resolved.value == case["value"]
    if "start" in case or "end" in case:
        start, end = interval_text(resolved)
        assert start[:10] == case.get("start", start[:10])
        assert end[:10] == case.get("end", end[:10])
    if "mod" in case:
        assert resolved.mod == case["mod"]


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_negative_is_not_a_date(text):
    dated = [(m.text, r.value) for m, r, _ in _tag(text, CORPUS["reference"]) if r.type in EVENT_TYPES]
    assert dated == []


def test_spans_are_exact_offsets():
    text = "Talks began on Sunday and ended in mid-January 2023, weeks later."
    for mention, _, _ in _tag(text, "2022-02-02"):
        assert text[mention.start:mention.end] == mention.text
        for part in mention.parts:
            assert text[part.start:part.end] == part.text


def test_vague_expression_gets_no_invented_day():
    [(_, resolved, _)] = _tag("It happened in mid-January.", "2022-02-02")
    assert resolved.granularity == "month"
    assert resolved.value == "2022-01"  # not a day value


def test_every_rule_example_is_found():
    from timeline.temporal.grammar import load_grammar

    for rule in load_grammar().rules:
        assert rule.regex.search(rule.example), f"{rule.name}: example {rule.example!r} not matched"
