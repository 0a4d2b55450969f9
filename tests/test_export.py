"""Interchange exports: TimelineJS3, Timesketch JSON Lines, the self-contained HTML page (opened in
a real headless Chromium), and merging our own CSV/JSON Lines export back into a new project."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime, timezone

import numpy as np
import pytest
from conftest import SAMPLES

from timeline import calendar as cal
from timeline.export.formats import WRITERS
from timeline.export.focus import focus
from timeline.export.merge import NotAnExport, merge_export, read_export
from timeline.export.records import export_events
from timeline.export.timelinejs import timelinejs
from timeline.export.timesketch import line
from timeline.importer import import_paths
from timeline.review import rebuild
from timeline.store.session import open_store

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The samples on SQLite, once for the tests that only read the exports."""
    store = open_store(tmp_path_factory.mktemp("samples") / "project.sqlite")
    import_paths(store, [SAMPLES], NOW)
    with store.session() as session, session.begin():
        rebuild(session)
    yield store
    store.close()


def _records(store):
    with store.session() as session:
        return export_events(session)


def _written(kind: str, records, title: str = "Samples") -> str:
    out = io.StringIO()
    WRITERS[kind](out, records, title)
    return out.getvalue()


def _comparable(text: str) -> list[tuple]:
    """CSV rows without the row ids, which a new project numbers afresh."""
    return sorted(tuple(v for k, v in row.items() if k != "event_id") for row in csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_an_export_merged_into_a_new_project_gives_the_same_events(reviewed, tmp_path, kind):
    from timeline.review.actions import Who
    from timeline.review.editing import edit_event, star_events, tag_events

    who = Who("colleague", "2026-11-23T10:00:00")
    with reviewed.session() as session, session.begin():  # their own marks travel with the events
        ids = [r.event_id for r in export_events(session)[:3]]
        tag_events(session, ids, "key", "#e8590c", who=who)
        tag_events(session, ids[1:], "check", "#1971c2", who=who)
        edit_event(session, ids[0], description="Their own summary, with a comma", who=who)
        star_events(session, ids[2:], True, who=who)
    exported = _written(kind, _records(reviewed))
    fresh = open_store(tmp_path / f"colleague-{kind}.sqlite")
    try:
        with fresh.session() as session, session.begin():
            result = merge_export(session, read_export(exported.encode(), "their." + kind), "their." + kind, NOW)
            rebuild(session)
        with fresh.session() as session, session.begin():
            rebuild(session)  # as after the next import: the marks are decisions, not rows a rebuild drops
        assert (result.documents, result.events) == (5, len(_records(reviewed)))
        assert _comparable(_written("csv", _records(fresh))) == _comparable(_written("csv", _records(reviewed)))
        colours = {r.tag_colours for r in _records(fresh) if r.tags}
        assert colours == ({("#e8590c",), ("#e8590c", "#1971c2")} if kind == "jsonl"  # the CSV names tags only
                           else {("#868e96",), ("#868e96", "#868e96")})
        assert [len(r.tags) for r in sorted(_records(fresh), key=lambda r: -len(r.tags))][:4] == [2, 2, 1, 0]
        assert sum(r.starred for r in _records(fresh)) == 1
        assert [r.description for r in _records(fresh) if r.description] == ["Their own summary, with a comma"]
        with fresh.session() as session, session.begin():  # the same file again adds nothing
            again = merge_export(session, read_export(exported.encode(), "their." + kind), "their." + kind, NOW)
        assert (again.documents, again.events, again.already) == (0, 0, 5)
    finally:
        fresh.close()


def test_merge_refuses_a_file_that_is_not_our_export():
    with pytest.raises(NotAnExport):
        read_export(b"name,date\nx,2020-01-01\n", "other.csv")


def test_csv_sources_agree_with_the_source_panel(reviewed):
    from timeline.review.views import event_review

    rows = list(csv.DictReader(io.StringIO(_written("csv", _records(reviewed)))))
    with reviewed.session() as session:
        for row in rows:
            review = event_review(session, int(row["event_id"]))
            assert int(row["sources"]) == max(1, len({s.split(":")[0] for s in review.sources}))
            assert 0 <= int(row["agreeing_sources"]) <= int(row["sources"])
    assert any(int(r["sources"]) > int(r["agreeing_sources"]) for r in rows)  # a disputed date


def test_timelinejs_gives_each_date_only_its_own_precision(samples):
    slides = {s["unique_id"]: s for s in timelinejs(_records(samples), "Samples")["events"]}
    by_expression = {r.expression: slides[f"event-{r.event_id}"] for r in _records(samples)}
    assert set(by_expression["1950-53"]["start_date"]) == {"year", "display_date"}
    assert by_expression["1950-53"]["end_date"] == {"year": 1953}
    month = by_expression["July 2019"]
    assert (month["start_date"]["year"], month["start_date"]["month"]) == (2019, 7) and "day" not in month["start_date"]
    assert "end_date" not in month  # one month: no invented end
    mid = by_expression["mid-January"]  # 11-20 January: days, not a precise day
    assert (mid["start_date"]["day"], mid["end_date"]["day"]) == (11, 20)
    assert "end_date" not in by_expression["Wednesday, Jan. 5"] and by_expression["Wednesday, Jan. 5"]["group"]


def test_timesketch_lines_have_the_required_fields(samples):
    for record in _records(samples):
        found = line(record)
        assert found["message"] and found["timestamp_desc"]
        assert datetime.fromisoformat(found["datetime"]).date().isoformat() == record.start[:10]
        assert found["timestamp"] == round(record.t0 * 86_400_000_000)
    json.loads(_written("jsonl", _records(samples)).splitlines()[0])


def test_focus_leaves_out_a_lone_background_mention():
    t0 = np.array([cal.day_number(1950)] + [cal.day_number(2022, 1, d) for d in range(1, 20)], dtype=float)
    shown = focus(t0, t0 + 1)
    assert cal.civil(shown.t0)[0] == 2021 and shown.before == 1 and shown.after == 0
    everything = focus(t0, t0 + 1, whole=True)
    assert cal.civil(everything.t0)[0] < 1950 and everything.before == 0


def test_html_is_self_contained_and_links_to_source_paragraphs(samples):
    page = _written("html", _records(samples), "Samples </script><b>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched
    assert "Samples &lt;/script&gt;&lt;b&gt;" in page and page.count("</script>") == 2
    anchors = set(re.findall(r"id='(s\d+p\d+)'", page))
    links = set(re.findall(r"href='#(s\d+p\d+)'", page))
    assert links and links <= anchors


def test_html_events_table_shows_the_analysts_tags_notes_and_stars(samples):
    records = _records(samples)
    marked = replace(records[0], tags=("key moment", "<check>"), description="Two agencies disagree & why",
                     starred=True)
    page = _written("html", [marked] + records[1:])
    row = re.search(rf"<tr id='e{marked.event_id}'.*?</tr>", page).group(0)
    assert "<th>Tags</th>" in page and "key moment, &lt;check&gt;</td>" in row
    assert "<div class='note'>Two agencies disagree &amp; why</div>" in row and "★ " in row
    plain = re.search(rf"<tr id='e{records[1].event_id}'.*?</tr>", page).group(0)
    assert "note" not in plain and "★" not in plain


def _chromium() -> str | None:
    found = os.environ.get("TIMELINE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found and os.environ.get("TIMELINE_REQUIRE_CHROMIUM") == "1":
        pytest.fail("TIMELINE_REQUIRE_CHROMIUM=1 but no chromium found (.ci/chromium installs it)")
    return found


def test_html_opens_in_headless_chromium_without_console_errors(samples, tmp_path):
    browser = _chromium()
    if not browser:
        pytest.skip("chromium is not installed (CI installs it)")
    page = tmp_path / "timeline.html"
    page.write_text(_written("html", _records(samples)), encoding="utf-8")
    run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-extensions", "--no-first-run", "--enable-logging=stderr", "--v=0",
                          f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,900", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert run.returncode == 0 and not console, console
    drawn = re.search(r'data-drawn="(\d+)"', run.stdout)
    assert drawn and int(drawn.group(1)) > 10  # the script ran and drew the events in view
    assert run.stdout.count("<polygon") >= 5 and "<svg" in run.stdout
