"""Dense inputs (a list of many dates in one sentence) keep their events and read sensible titles,
while every date reads only a bounded text (bench/pathological.py times it)."""
from __future__ import annotations

from datetime import datetime, timezone

from timeline.events import LIST_DATES
from timeline.pipeline import analyse
from timeline.titles import make_title

FILE_TIME = datetime(2022, 2, 2, tzinfo=timezone.utc)


def test_each_item_of_a_long_list_is_titled_from_its_own_words():
    years = range(2008, 2008 + LIST_DATES + 4)
    text = "Results: " + ", ".join(f"in {y} the plant made {y - 2000} tonnes" for y in years) + "."
    titles = {e.mention.mention.text: e.text.title for e in analyse(text, FILE_TIME).events}
    assert len(titles) == len(years)
    assert titles["2010"] == "The plant made 10 tonnes" and titles["2019"] == "The plant made 19 tonnes"


def test_dates_listed_without_words_of_their_own_keep_the_sentence_title():
    text = "The committee met on " + ", ".join(f"May {d}" for d in range(1, LIST_DATES + 5)) + " to hear witnesses."
    events = analyse(text, FILE_TIME).events
    assert len(events) == LIST_DATES + 4  # no date of the list is lost for want of a title
    assert all(e.text.title.startswith("The committee met") or "witnesses" in e.text.title for e in events)


def test_a_sentence_with_few_dates_is_titled_from_the_whole_sentence():
    text = "On Monday the council voted to close the bridge on Friday."
    events = analyse(text, FILE_TIME).events
    assert len(events) == 2
    for event in events:  # each date's title reads the whole sentence, the other date kept
        start, end = event.mention.mention.start, event.mention.mention.end
        assert event.text.title == make_title(text, start, end)
    assert "Friday" in events[0].text.title


def test_a_list_item_is_titled_as_make_title_reads_it_when_it_has_a_word():
    """Items with no lower-case word take the sentence's title unasked; a quoted date keeps its
    own words in the title ("3 days ago"), so its item is asked."""
    text = "Residents said: " + ", ".join(f'"{n} days ago' for n in range(2, LIST_DATES + 6)) + "."
    events = analyse(text, FILE_TIME).events
    assert len(events) == LIST_DATES + 4
    third = next(e for e in events if e.mention.mention.text == "3 days ago")
    assert third.text.title == '"3 days ago'
