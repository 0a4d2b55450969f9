import datetime

from hypothesis import given, strategies as st

from timeline import calendar as cal


@given(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))
def test_day_numbers_match_python_dates(d):
    n = cal.day_number(d.year, d.month, d.day)
    assert n == (d - datetime.date(1970, 1, 1)).days
    assert cal.civil(n) == (d.year, d.month, d.day)
    assert cal.weekday(n) == d.weekday()
    assert cal.iso_week(n) == tuple(d.isocalendar())[:2]


def test_bce_dates_round_trip():
    n = cal.day_number(-43, 3, 15)  # 15 March 44 BCE, astronomical year -43
    assert cal.civil(n) == (-43, 3, 15)
    assert cal.iso_date(n) == "BC0044-03-15"
    assert n < cal.day_number(1, 1, 1)


def test_iso_datetime_round_trip():
    t = cal.parse_iso("2022-02-02T11:36")
    assert cal.iso_datetime(t) == "2022-02-02T11:36"
