from datetime import datetime, timezone

import pytest

from timeline import calendar as cal
from timeline.dateline import find_dateline

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)


@pytest.mark.parametrize("text,iso,method,place,agency,zone", [
    ("WASHINGTON, March 2, 2021 (Reuters) - The Fed said", "2021-03-02", "wire dateline", "WASHINGTON", "Reuters", None),
    ("PARIS, March 3, 2021 /PRNewswire/ -- Acme announced", "2021-03-03", "wire dateline", "PARIS", "PRNewswire", None),
    ("Published: 2021-03-04T10:00:00Z\n\nThe text.", "2021-03-04T10:00", "metadata", None, None, "UTC"),
    ("Updated 5:12 PM ET, Tue March 2, 2021\nText here.", "2021-03-02T17:12", "metadata", None, None, "ET"),
    ("Monday, June 5, 2023\n\nSomething happened on Sunday.", "2023-06-05", "date line", None, None, None),
    ("11:36 JST, February 2, 2022\nTOKYO (Jiji Press) — Talks.", "2022-02-02T11:36", "date line", "TOKYO", "Jiji Press", "JST"),
])
def test_dateline_forms(text, iso, method, place, agency, zone):
    d = find_dateline(text, NOW)
    assert (d.iso, d.method, d.place, d.agency, d.zone) == (iso, method, place, agency, zone)
    assert not d.fallback and d.reason


def test_wire_place_without_date_falls_back_to_file_time_but_keeps_agency():
    d = find_dateline("WASHINGTON (Reuters) - The Fed said on Tuesday it would act.", NOW)
    assert d.fallback and d.confidence < 0.5
    assert (d.place, d.agency) == ("WASHINGTON", "Reuters")
    assert cal.iso_date(d.day) == "2026-11-23"


def test_year_inference_uses_weekday_and_file_time():
    text = "Tokyo, Feb 2 (EFE).- The ministers Wednesday agreed. A test in 2018 was condemned."
    d = find_dateline(text, NOW)
    assert cal.iso_date(d.day) == "2022-02-02" and d.year_inferred
    # Filed in 2021: no year from 2018 (the latest mentioned) to 2021 has a Wednesday Feb 2,
    # so the newest year is taken with low confidence, never one after the file's time.
    older = find_dateline(text, datetime(2021, 6, 1, tzinfo=timezone.utc))
    assert cal.iso_date(older.day) == "2021-02-02" and older.confidence < d.confidence


def test_year_inference_without_weekday_takes_latest_year_not_after_file_time():
    d = find_dateline("LIMA, Jul 4 (AP) - Officials met.", datetime(2025, 3, 1, tzinfo=timezone.utc))
    assert cal.iso_date(d.day) == "2024-07-04" and d.year_inferred and d.confidence < 0.8


def test_no_dateline_and_no_file_time_is_an_error():
    with pytest.raises(ValueError):
        find_dateline("Nothing dated here at all.", None)
