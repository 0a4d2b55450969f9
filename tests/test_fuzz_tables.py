"""Fuzzing from the grammar's own word tables (tests/fuzz_words.py): every unit, month, weekday,
holiday, zone, modifier and number shape, mixed with prepositions and punctuation, never makes
the tagger raise, and analysing such a text meets no internal error. A quick profile here;
bench/fuzz.py runs the same strategies for 100,000 examples."""
from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import HealthCheck, example, given, settings

from fuzz_words import days, texts
from timeline.pipeline import analyse, tag

FILE_TIME = datetime(2022, 2, 2, tzinfo=timezone.utc)
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


def check_text(text: str, day: int) -> None:
    """What every fuzzed text must satisfy (bench/fuzz.py calls it too)."""
    previous_end = 0
    for mention, resolved, _ in tag(text, day):
        assert 0 <= mention.start < mention.end <= len(text) and mention.start >= previous_end
        previous_end = mention.end
        if resolved.has_interval:
            assert resolved.t0 < resolved.t1 and resolved.value
    analysis = analyse(text, FILE_TIME)
    assert not analysis.warnings, analysis.warnings  # a paragraph lost to an internal error


@QUICK
@given(texts, days)
@example("YEAR-EARLIER 90s till FY2022", 700_000)  # found by bench/fuzz.py: 'EARLIER' read twice, overlapping spans
@example("from Aug/early-  more than 99999999999999999999 1/2 decades ago", 100)  # bench/fuzz.py: "N 1/2" was unbounded
@example("two months a year before 12 a.m.", 0)  # bench/fuzz.py: "before" read by two expressions, overlapping spans
def test_words_from_every_table_never_break_the_tagger(text, day):
    check_text(text, day)
