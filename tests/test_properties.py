"""Property-based: the tagger never raises on any text, and what it returns is consistent."""
from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import calendar as cal
from timeline.pipeline import analyse, tag

# Words that reach deep into the grammar, mixed with arbitrary text and punctuation.
WORDS = ["on", "in", "since", "until", "from", "to", "by", "before", "after", "last", "next", "this", "the",
         "early", "mid", "late", "-", "–", "/", ".", ",", "of", "year", "month", "week", "day", "ago", "later",
         "Monday", "Wednesday", "Sunday", "January", "Jan.", "Feb", "Sept.", "May", "March", "2022", "1950-53",
         "1999", "30", "5", "12:30", "a.m.", "p.m.", "GMT", "UTC", "noon", "tonight", "yesterday", "today",
         "decade", "century", "1990s", "quarter", "fourth", "spring", "weekend", "earlier", "two", "35-minute",
         "72%", "first", "half", "fiscal", "31", "29", "Feb. 29", "0", "9999", "BC", "AD", "now", "currently"]
texts = st.one_of(st.text(max_size=300),
                  st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40).map(" ".join))
days = st.integers(min_value=cal.day_number(1800, 1, 1), max_value=cal.day_number(2200, 12, 31))


@settings(max_examples=400, deadline=None)
@given(texts, days)
def test_tagging_never_raises_and_spans_and_intervals_are_consistent(text, day):
    previous_end = 0
    for mention, resolved, parts in tag(text, day):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text and mention.text.strip() == mention.text
        assert mention.start >= previous_end  # no two mentions overlap
        previous_end = mention.end
        assert len(parts) == len(mention.parts) >= 1
        if resolved.has_interval:
            assert resolved.t0 < resolved.t1
            assert resolved.granularity and resolved.value
        assert 0.0 <= resolved.confidence <= 1.0 and resolved.reason


@settings(max_examples=150, deadline=None)
@given(texts)
def test_analysing_any_text_gives_events_inside_their_paragraphs(text):
    analysis = analyse(text, datetime(2022, 2, 2, tzinfo=timezone.utc))
    for event in analysis.events:
        paragraph = analysis.paragraphs[event.mention.paragraph]
        assert paragraph.start <= event.mention.mention.start < event.mention.mention.end <= paragraph.end
