"""Golden tests on the five bundled sample articles."""
from datetime import datetime, timezone

import pytest
from conftest import SAMPLES

from timeline import calendar as cal
from timeline.pipeline import analyse, interval_text

FILE_TIME = datetime(2026, 11, 23, tzinfo=timezone.utc)


def _analysis(prefix: str):
    [path] = SAMPLES.glob(f"{prefix}_*.txt")
    return analyse(path.read_text(encoding="utf-8"), FILE_TIME)


def _event(analysis, expression: str, nth: int = 0):
    matches = [e for e in analysis.events if e.mention.mention.text == expression]
    assert len(matches) > nth, f"no event {expression!r}; have {[e.mention.mention.text for e in analysis.events]}"
    return matches[nth].mention.resolved


@pytest.mark.parametrize("expression,value,start,end,mod", [
    ("Wednesday", "2022-02-02", "2022-02-02", "2022-02-02", None),
    ("Sunday", "2022-01-30", "2022-01-30", "2022-01-30", None),
    ("Tuesday", "2022-02-01", "2022-02-01", "2022-02-01", None),
    ("mid-January", "2022-01", "2022-01-11", "2022-01-20", "MID"),
    ("late last month", "2022-01", "2022-01-21", "2022-01-31", "END"),
    ("since November 2017", "2017-11", "2017-11-01", "2022-02-02", "ON_OR_AFTER"),
    ("July 2019", "2019-07", "2019-07-01", "2019-07-31", None),
    ("from 2011 to 2019", "2011/2019", "2011-01-01", "2019-12-31", None),
])
def test_000_dates(expression, value, start, end, mod):
    resolved = _event(_analysis("000"), expression)
    assert (resolved.value, *interval_text(resolved), resolved.mod) == (value, start, end, mod)


def test_000_reasons_explain_the_weekday():
    assert _event(_analysis("000"), "Wednesday").reason == "Wednesday: same weekday as the dateline 2022-02-02"
    assert "most recent Sunday before the dateline 2022-02-02" in _event(_analysis("000"), "Sunday").reason


def test_000_dateline_marker_is_not_an_event():
    analysis = _analysis("000")
    assert analysis.dateline.method == "marker"
    assert all(e.mention.mention.start >= analysis.dateline.span[1] for e in analysis.events)


def test_004_dates():
    analysis = _analysis("004")
    assert _event(analysis, "Wednesday, Jan. 5").value == "2022-01-05"
    assert _event(analysis, "Thursday").value == "2022-01-06"
    war = _event(analysis, "1950-53")
    assert interval_text(war) == ("1950-01-01", "1953-12-31")
    assert _event(analysis, "January 6").value == "2022-01-06"


def test_003_year_is_inferred_and_jan30_resolves():
    analysis = _analysis("003")
    d = analysis.dateline
    assert (cal.iso_date(d.day), d.year_inferred, d.place, d.agency) == ("2022-02-02", True, "Tokyo", "EFE")
    assert _event(analysis, "Jan.30").value == "2022-01-30"


def test_002_dateline_with_time_zone_place_and_agency():
    d = _analysis("002").dateline
    assert (d.iso, d.zone, d.place, d.agency) == ("2022-02-02T11:36", "JST", "TOKYO", "Jiji Press")


def test_002_nothing_from_the_headline_lists():
    analysis = _analysis("002")
    tail_start = analysis.text.index('"Politics" POPULAR ARTICLE')
    assert analysis.events and all(e.mention.mention.start < tail_start for e in analysis.events)
    assert all(p.boilerplate for p in analysis.paragraphs if p.start >= tail_start)


def test_001_page_date_and_boilerplate_tail():
    analysis = _analysis("001")
    assert cal.iso_date(analysis.dateline.day) == "2023-06-05"
    assert analysis.title == "Japan and U.S. cooperation on North Korean threat amid heavy missile launch"
    texts = [analysis.text[p.start:p.end] for p in analysis.paragraphs if p.boilerplate]
    assert {"30.1 C", "Support Us", "Related Stories", "Most Popular Articles"} <= set(texts)


def test_no_durations_ages_or_percentages_become_events():
    for prefix in ("000", "001", "002", "003", "004"):
        for event in _analysis(prefix).events:
            text = event.mention.mention.text
            assert event.mention.resolved.type in ("DATE", "TIME"), text
            assert "year-old" not in text and "%" not in text and "minute" not in text
