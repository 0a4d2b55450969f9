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


@pytest.mark.parametrize("code,text,iso,place,agency", [
    ("ru", "Казань, 9 апреля 2024 г. — Городской совет одобрил бюджет.", "2024-04-09", "Казань", None),
    ("ar", "بيروت، 9 أبريل 2024 - وافق مجلس المدينة على الميزانية.", "2024-04-09", "بيروت", None),
    ("it", "Torino, 9 aprile 2024 - Il consiglio comunale ha approvato il bilancio.", "2024-04-09", "Torino", None),
    ("zh", "新华社上海4月9日电 市议会批准了预算。", "2024-04-09", "上海", "新华社"),
])
def test_lead_dateline_in_any_script(code, text, iso, place, agency):
    """A place, a date and a dash opening the story ('Город, дата — '), or '…月…日电' in Chinese wire copy."""
    from timeline.language import Language
    d = find_dateline(text, datetime(2024, 5, 1), Language(code, 1.0, "test"))
    assert (d.iso, d.method, d.place, d.agency) == (iso, "lead dateline", place, agency)
    assert "opening line 1" in d.reason


def test_a_name_and_a_number_before_a_dash_are_no_lead_dateline():
    d = find_dateline("Smith, 45 - a carpenter from Leeds, said the roof fell in.", NOW)
    assert d.fallback
