"""A date far beyond any history (10^17 years BCE) is refused where it comes in, and one already
in a project (an older version let it in) is clamped where it is drawn: the report export and the
window paint instead of crashing or looping."""
import json
import math
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, update

from conftest import ROOT
from timeline import calendar as cal
from timeline.commands import run_merge
from timeline.dateinput import DateInputError, parse_date_input
from timeline.importer import import_paths
from timeline.store.models import Event
from timeline.store.session import open_store

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
FAR = -3.6525e19  # about 10^17 years BCE, in days


def _project_with_a_far_event(tmp_path):
    (tmp_path / "a.txt").write_text("Published 3 March 2021.\n\nThe council met on 2 March 2021 and again on "
                                    "4 March 2021 to vote on the budget.\n")
    store = open_store(tmp_path / "p.sqlite")
    import_paths(store, [tmp_path / "a.txt"], NOW)
    with store.session() as session, session.begin():
        first = session.scalar(select(Event.id).order_by(Event.id))
        session.execute(update(Event).where(Event.id == first).values(t0=FAR, t1=FAR + 1))
    return store


def test_the_calendar_range_refuses_what_it_cannot_hold():
    assert cal.range_problem(0, 1) is None
    assert cal.range_problem(cal.day_number(-9999), cal.day_number(2030)) is None
    assert "outside the years" in cal.range_problem(FAR, FAR + 1)
    assert cal.range_problem(math.nan) is not None and cal.range_problem(0, math.inf) is not None
    assert cal.clamp(FAR) == cal.FIRST_DAY and cal.clamp(-FAR) == cal.LAST_DAY and cal.clamp(math.nan) == 0.0
    assert cal.civil(cal.FIRST_DAY) == (cal.FIRST_YEAR, 1, 1)


def test_a_typed_date_beyond_the_range_gets_a_plain_message(monkeypatch):
    from timeline import dateinput

    far = dateinput.EnteredDate("x", "BC9", "year", FAR, FAR + 365)
    monkeypatch.setattr(dateinput, "_iso_week", lambda *a: far)  # whatever reader let it through
    with pytest.raises(DateInputError, match="outside the years"):
        parse_date_input("2022-W05")


def test_merging_a_far_date_leaves_that_row_out_with_its_reason(tmp_path):
    import io

    row = {"start": "2021-03-02", "end": "2021-03-02", "t0": FAR, "t1": FAR + 1, "granularity": "day",
           "expression": "2 March 2021", "title": "Talks", "text": "Talks on 2 March 2021.", "source": "far.txt",
           "paragraph": 1}
    good = dict(row, t0=18688.0, t1=18689.0, source="near.txt")
    nan = dict(row, t0="NaN", source="nan.txt")
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in (row, good, nan)) + "\n")
    out = io.StringIO()
    run_merge([str(tmp_path / "in.jsonl")], str(tmp_path / "p.sqlite"), NOW, out)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("1 sources and 1 events merged")
    assert "row 1 ('2 March 2021') left out: the date lies outside the years" in lines[1]
    assert "row 3" in lines[2] and "outside the years" in lines[2]
    store = open_store(tmp_path / "p.sqlite")
    with store.session() as session:
        assert session.scalars(select(Event.t0)).all() == [18688.0]
    store.close()


def test_a_far_event_in_a_project_exports_a_report(tmp_path):
    store = _project_with_a_far_event(tmp_path)
    store.close()
    for every in ([], ["--every-date"]):
        out = tmp_path / f"report{len(every)}.png"
        run = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--png", str(out), "--db",
                              str(tmp_path / "p.sqlite")] + every, capture_output=True, text=True, timeout=180,
                             env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
        assert run.returncode == 0, run.stderr[-2000:]
        assert "report written" in run.stdout and out.stat().st_size > 1000


def test_a_far_event_in_a_project_paints_in_the_window(tmp_path, qtbot):
    from timeline.store.queries import load_timeline
    from ui.canvas import TimelineCanvas

    store = _project_with_a_far_event(tmp_path)
    data = load_timeline(store)
    store.close()
    assert data.t0.min() == cal.FIRST_DAY
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1000, 300)
    canvas.set_data(data)
    canvas.grab()  # pytest-qt fails the test on an exception raised while painting
    canvas.show_range(FAR, FAR + 1 / 24)  # a view saved by an older version
    assert canvas.scale.days_per_pixel > 0 and canvas.scale.v0 >= cal.FIRST_DAY - 366
    canvas.grab()
    for _ in range(60):  # zoom out as far as the wheel goes, then pan past the start of the calendar
        canvas.scale.zoom(4.0, 500)
    canvas.scale.pan(1e9)
    canvas.grab()
    assert cal.FIRST_DAY - 366 <= canvas.scale.v0 < canvas.scale.v1 <= cal.LAST_DAY + 366
