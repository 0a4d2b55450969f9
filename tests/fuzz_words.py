"""The fuzzing vocabulary: every word of every table of rules_en.yaml (each unit in singular and
plural, each month, weekday, holiday, zone, ...), the modifiers and signal words the extractor
reads around an expression, numbers from 0 to absurd, prepositions and punctuation; and the
hypothesis strategies that mix them. Shared by tests/test_fuzz_tables.py (a quick CI profile)
and bench/fuzz.py (100,000 examples)."""
from __future__ import annotations

import re

from hypothesis import strategies as st

from timeline import calendar as cal
from timeline.temporal.grammar import load_grammar


def _table_words() -> list[str]:
    """Each key as written, lower case and upper case too: the grammar matches names in
    Title and UPPER case and other words in any case."""
    words = set()
    for table in load_grammar().raw_tables.values():
        for key in table:
            words.update((key, key.lower(), key.upper(), key.title()))
    return sorted(words)


def _piece_words() -> list[str]:
    """The alternatives of the grammar's word pieces (MODWORD, APPROX, ...), without regex syntax."""
    words = set()
    for piece in load_grammar().pieces.values():
        for word in re.findall(r"(?<![\\?(])\b[A-Za-z][a-z]+(?:\s+[a-z]+)*\b", piece):
            words.add(word)
    return sorted(words)


TABLE_WORDS = _table_words()
PIECE_WORDS = _piece_words()
MODIFIERS = ["early", "mid", "late", "mid-", "early-", "late-", "earlier", "later", "the beginning of",
             "the start of", "the middle of", "the end of", "the close of", "the turn of", "the very end of"]
SIGNALS = ["since", "from", "until", "till", "through", "by", "before", "after", "between", "as of",
           "no later than", "prior to", "up to", "starting", "beginning", "to", "and", "thru", "-", "–", "—"]
PREPOSITIONS = ["on", "in", "at", "of", "for", "during", "within", "over", "around", "about", "ago",
                "this", "that", "next", "last", "every", "each", "per", "a", "an", "the", "some", "several"]
NUMBER_WORDS = ["0", "1", "2", "7", "12", "24", "29", "30", "31", "32", "59", "60", "99", "100", "365", "1000",
                "1,000", "10,000", "2.5", "0.5", "1.5", "3,5", "2 1/2", "1/2", "10 1/2", "-1", "-5", "1e9",
                "1800", "1950", "1999", "2000", "2022", "2100", "2101", "9999", "10000", "1950s", "'90s",
                "90s", "1st", "2nd", "3rd", "31st", "21st", "00", "007", "12:30", "24:00", "23:59:59", "9:5",
                "10am", "1030am", "2 p.m.", "12 a.m.", "2022-02-30", "2022-13-01", "1999-12-31T23:59Z",
                "3/4/2022", "31/12/99", "2/30", "13/13", "1950-53", "2009-2010", "FY2022", "Q3", "H1",
                "9" * 40, "9" * 310, "1" + "0" * 400, "99999999999999999999 1/2"]
PUNCTUATION = [",", ".", "-", "–", "—", "/", "(", ")", ":", ";", "'s", "’", "'", "\"", "“", "”", "!", "?",
               "&", "%", "$", "\n", "\n\n", "...", "…", "#", "@"]

token = st.one_of(st.sampled_from(TABLE_WORDS), st.sampled_from(PIECE_WORDS), st.sampled_from(MODIFIERS),
                  st.sampled_from(SIGNALS), st.sampled_from(PREPOSITIONS), st.sampled_from(NUMBER_WORDS),
                  st.sampled_from(PUNCTUATION), st.text(max_size=4))
joiner = st.sampled_from([" ", " ", " ", " ", "", "-", ", ", "\n", "  ", "/"])


@st.composite
def phrases(draw: st.DrawFn) -> str:
    """Tokens joined by spaces, hyphens, commas or nothing: '2 1/2 centuries-long', 'mid-Q3 EST'."""
    words = draw(st.lists(token, min_size=1, max_size=30))
    glue = draw(st.lists(joiner, min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, glue))


@st.composite
def amounts(draw: st.DrawFn) -> str:
    """A number of units, in every shape the duration and relative rules read:
    'for 2 1/2 centuries', 'many decades ago', 'every 999... weeks', 'a year-earlier'."""
    grammar = load_grammar()
    units = sorted(grammar.raw_tables["unit"]) + sorted(grammar.raw_tables["unit_plural"])
    number = draw(st.one_of(st.sampled_from(NUMBER_WORDS), st.sampled_from(sorted(grammar.raw_tables["number"]))))
    unit = draw(st.sampled_from(units))
    before = draw(st.sampled_from(["", "for ", "every ", "in ", "within ", "the past ", "the next ", "over ",
                                   "nearly ", "some ", "more than ", "a ", "the last "]))
    after = draw(st.sampled_from(["", " ago", " later", " earlier", " before", " after", "-long", "-old",
                                  " from now", " a year", " in a row", "'s", " of"]))
    return f"{before}{number} {unit}{after}"


texts = st.one_of(phrases(), amounts(), st.lists(st.one_of(phrases(), amounts()), min_size=2, max_size=6)
                  .map(lambda parts: " ".join(parts) + "."), st.text(max_size=200))
days = st.integers(min_value=cal.day_number(1800, 1, 1), max_value=cal.day_number(2200, 12, 31))
