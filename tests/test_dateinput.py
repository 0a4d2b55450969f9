"""The shared date-entry parser: what people type -> a validated interval, or a plain message."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import calendar as cal
from timeline.dateinput import DateInputError, EnteredDate, parse_date_input


def _days(first: str, last: str) -> tuple[float, float]:
    return cal.parse_iso(first), cal.parse_iso(last) + 1


@pytest.mark.parametrize("typed, value, granularity, first, last, mod", [
    ("30 January 2022", "2022-01-30", "day", "2022-01-30", "2022-01-30", None),
    ("January 30, 2022", "2022-01-30", "day", "2022-01-30", "2022-01-30", None),
    ("on 30 January 2022", "2022-01-30", "day", "2022-01-30", "2022-01-30", None),
    ("2022-01-30", "2022-01-30", "day", "2022-01-30", "2022-01-30", None),
    ("30/01/2022", "2022-01-30", "day", "2022-01-30", "2022-01-30", None),
    ("30.01.2022", "2022-01-30", "day", "2022-01-30", "2022-01-30", None),
    ("Jan 2022", "2022-01", "month", "2022-01-01", "2022-01-31", None),
    ("in 2019", "2019", "year", "2019-01-01", "2019-12-31", None),
    ("2022-01-31 to 2022-02-03", "2022-01-31/2022-02-03", "day", "2022-01-31", "2022-02-03", None),
    ("31 Jan - 3 Feb 2022", "2022-01-31/2022-02-03", "day", "2022-01-31", "2022-02-03", None),
    ("30 Dec - 2 Jan 2021", "2020-12-30/2021-01-02", "day", "2020-12-30", "2021-01-02", None),
    ("2022-W05", "2022-W05", "week", "2022-01-31", "2022-02-06", None),
    ("around 5 May 2020", "2020-05-05", "day", "2020-05-05", "2020-05-05", "APPROX"),
    ("29 February 2024", "2024-02-29", "day", "2024-02-29", "2024-02-29", None),
])
def test_typed_dates_become_intervals(typed: str, value: str, granularity: str, first: str, last: str,
                                      mod: str | None) -> None:
    entry = parse_date_input(typed)
    assert (entry.value, entry.granularity, entry.mod) == (value, granularity, mod)
    assert (entry.t0, entry.t1) == _days(first, last)
    assert (entry.first_day, entry.last_day) == (first, last)
    assert entry.text == typed


def test_vague_entries_keep_their_modifier_and_stay_inside_their_period() -> None:
    mid = parse_date_input("mid-January 2022")
    assert (mid.granularity, mid.mod) == ("month", "MID")
    january = _days("2022-01-01", "2022-01-31")
    assert january[0] < mid.t0 < mid.t1 < january[1]  # the middle, not a made-up day and not the month
    assert mid.label() == "mid-January 2022"


def test_open_ended_entries() -> None:
    before = parse_date_input("before 14 March 2021")
    assert before.mod == "BEFORE" and before.open_start and not before.open_end
    assert before.t1 == cal.parse_iso("2021-03-14")
    since = parse_date_input("since 2017")
    assert since.mod == "ON_OR_AFTER" and since.open_end and since.t0 == cal.parse_iso("2017-01-01")
    until = parse_date_input("until March 2021")
    assert until.mod == "ON_OR_BEFORE" and until.open_start


def test_a_clock_time_reads_to_the_minute() -> None:
    entry = parse_date_input("2022-01-30 14:30")
    assert entry.granularity == "minute"
    assert entry.t0 == pytest.approx(cal.parse_iso("2022-01-30T14:30"))


@pytest.mark.parametrize("typed, message", [
    ("2022-02-30", "2022-02-30 is not a date: February 2022 has 28 days."),
    ("30 February 2022", "30 February 2022 is not a date: February 2022 has 28 days."),
    ("29 February 2023", "29 February 2023 is not a date: February 2023 has 28 days."),
    ("2022-04-31", "2022-04-31 is not a date: April 2022 has 30 days."),
    ("2022-13-01", "2022-13-01 is not a date: there is no month 13"),
    ("01/02/2022", "01/02/2022 is ambiguous: 1 February or 2 January?"),
    ("2022-01-31 2022-01-30", "holds 2 dates; type one date, or a range as '2022-01-30 to 2022-01-31'"),
    ("2022-02-03 to 2022-01-31", "ends before it starts"),
    ("30 Jan", "'30 Jan' has no year"),
    ("yesterday", "depends on the day it was said"),
    ("3 days", "is a length of time, not a date"),
    ("30 January 2022 and then some", "Could not read '30 January 2022 and then some' as a date"),
    ("", "Type a date"),
    ("hello", "Could not read 'hello' as a date"),
])
def test_bad_entries_get_a_plain_message(typed: str, message: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date_input(typed)
    assert message in str(caught.value)


def test_a_reference_day_lets_partial_dates_through() -> None:
    dateline = cal.day_number(2022, 2, 1)
    assert parse_date_input("30 Jan", reference=dateline).first_day == "2022-01-30"
    assert parse_date_input("yesterday", reference=dateline).first_day == "2022-01-31"


def test_labels_read_as_words() -> None:
    assert parse_date_input("2022-01-31 to 2022-02-03").label() == "31 January 2022 to 3 February 2022"
    assert parse_date_input("Q1 2022").label() == "Q1 2022"
    assert parse_date_input("1990s").label() == "the 1990s"
    assert parse_date_input("300 BC").label() == "300 BCE"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789-/. :TWQ") + ["Jan", "February", " to ", "before ", "since ",
                                                           "mid-", "30", "2022", "x", "\u00e9"]),
                max_size=12).map("".join))
def test_no_text_raises_anything_but_a_plain_message(typed: str) -> None:
    try:
        entry = parse_date_input(typed)
    except DateInputError as error:
        assert str(error) and "Traceback" not in str(error)
    else:
        assert isinstance(entry, EnteredDate) and entry.t0 < entry.t1
