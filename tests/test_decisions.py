"""Decisions that cannot be wrong: validated dates, a set date shown everywhere, lasting
conflict numbers, decisions that stop applying said so, N-way conflicts, bulk review."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest
from conftest import SAMPLES, sample_event as _event  # noqa: F401 (reviewed is a fixture)
from sqlalchemy import select

from timeline.dateinput import DateInputError
from timeline.export.csv import COLUMNS, event_rows
from timeline.importer import import_paths
from timeline.review import (Who, accept_source, accept_suggestions, correct_dateline, merge_events, rebuild, set_date,
                             split_event, undo)
from timeline.review.views import conflict_view, event_review, open_conflicts
from timeline.store.models import Conflict, Decision, Document, Event, Happening
from timeline.store.queries import event_source, load_timeline

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
ANALYST = Who("analyst", "2026-11-23T10:00:00+00:00")



def _talks_conflict(session) -> Conflict:
    anchor = _event(session, "000_", "Wednesday")
    return session.scalars(select(Conflict).where(Conflict.happening_id == anchor.happening_id)).one()


def _decisions(session) -> int:
    return len(session.scalars(select(Decision)).all())


@pytest.mark.parametrize("typed, message", [
    ("2022-02-30", "2022-02-30 is not a date: February 2022 has 28 days."),
    ("2022-01-31 2022-01-30", "holds 2 dates"),
])
def test_set_date_refuses_what_is_not_a_date_and_records_nothing(reviewed, typed, message):
    with reviewed.session() as session, session.begin():
        with pytest.raises(DateInputError, match=message):
            set_date(session, _talks_conflict(session).id, typed, ANALYST)
        assert _decisions(session) == 0


@pytest.mark.parametrize("typed, message", [
    ("2022-02-30", "February 2022 has 28 days"),
    ("Feb 2022", "This needs one day"),
])
def test_correct_dateline_refuses_what_is_not_a_day(reviewed, typed, message):
    with reviewed.session() as session, session.begin():
        doc = session.scalars(select(Document).where(Document.filename.startswith("001_"))).one()
        with pytest.raises(DateInputError, match=message):
            correct_dateline(session, doc.id, typed, ANALYST)
        assert _decisions(session) == 0


def test_a_set_date_moves_the_event_everywhere_and_keeps_the_original(reviewed):
    with reviewed.session() as session, session.begin():
        set_date(session, _talks_conflict(session).id, "30 January 2022", ANALYST)
    with reviewed.session() as session:
        moved = _event(session, "001_", "Wednesday")
        assert moved.mention.start_iso == "2023-05-31"  # what the text gives stays
        source = event_source(session, moved.id)
        assert source.interval == "2022-01-30" and source.read_as == "2023-05-31"
        history = event_review(session, moved.id).history
        assert any("set the date of “Wednesday”" in line and "30 January 2022" in line for line in history)
        assert session.get(Happening, moved.happening_id).conflict == "resolved"
        rows = [dict(zip(COLUMNS, row)) for row in event_rows(session)]
    data = load_timeline(reviewed)
    index = data.index_of(moved.id)
    assert data.t0[index] == moved.t0 and data.texts[index].start == "2022-01-30"
    assert {r["start"] for r in rows if r["expression"] == "Wednesday" and r["source"].startswith("001_")} \
        == {"2022-01-30"}
    with reviewed.session() as session, session.begin():
        undo(session)
    with reviewed.session() as session:
        back = _event(session, "001_", "Wednesday")
        assert (back.t0, back.t1) == (back.mention.t0, back.mention.t1)
        assert event_source(session, back.id).read_as == ""


def test_conflict_numbers_last_across_rebuilds_and_splits(reviewed):
    with reviewed.session() as session:
        before = dict(session.execute(select(Conflict.key, Conflict.id)).all())
    with reviewed.session() as session, session.begin():
        rebuild(session)
        rebuild(session)
    with reviewed.session() as session:
        assert dict(session.execute(select(Conflict.key, Conflict.id)).all()) == before
        dateline = session.scalars(select(Conflict).where(Conflict.kind == "dateline")).one()
    with reviewed.session() as session, session.begin():
        split_event(session, _event(session, "003_", "Wednesday").id, ANALYST)
        history = [d.summary for d in session.scalars(select(Decision))]
    with reviewed.session() as session:
        assert session.scalars(select(Conflict).where(Conflict.kind == "dateline")).one().id == dateline.id
        assert not any("#" in h or "conflict " in h for h in history)  # words, never row numbers


def test_a_merge_that_reopens_a_resolved_conflict_says_so(reviewed):
    with reviewed.session() as session, session.begin():
        conflict = _talks_conflict(session)
        accept_source(session, conflict.id, _event(session, "000_", "Wednesday").id, ANALYST)
    with reviewed.session() as session:
        assert _talks_conflict(session).status == "resolved"
        stray = session.scalars(select(Event).join(Document, Document.id == Event.document_id)
                                .where(Document.filename.startswith("004_"), Event.happening_id.is_(None))
                                .order_by(Event.t0)).first()
        assert stray is not None
    with reviewed.session() as session, session.begin():
        merge_events(session, _event(session, "000_", "Wednesday").id, stray.id, ANALYST)
    with reviewed.session() as session:
        conflict = _talks_conflict(session)
        assert conflict.status == "open" and conflict.reason.startswith("reopened: the decision")
        history = event_review(session, _event(session, "000_", "Wednesday").id).history
        accepted = [line for line in history if "accepted" in line]
        assert accepted and "no longer settles the conflict" in accepted[0] and "joined after it" in accepted[0]


def test_a_conflict_shows_every_source(reviewed):
    with reviewed.session() as session:
        view = conflict_view(session, _talks_conflict(session).id)
        assert {side.filename[:3] for side in view.sides} == {"000", "001", "002", "003"}
        assert all(side.title and side.title != side.filename for side in view.sides)
        third = _event(session, "003_", "Wednesday")
        assert event_review(session, third.id).conflict_id == view.id


def _copies(tmp_path, days: list[str]) -> list:
    original = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    body = original.split("\n", 1)[1]
    paths = []
    for n, day in enumerate(days):
        path = tmp_path / f"copy_{n}.txt"
        path.write_text(f"date {day}\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_family_of_copies_is_settled_by_one_decision_and_one_undo(store, tmp_path):
    import_paths(store, _copies(tmp_path, ["2022-02-02", "2022-03-10", "2022-04-14", "2022-05-19"]), NOW)
    with store.session() as session, session.begin():
        rebuild(session)
    with store.session() as session:
        datelines = open_conflicts(session, "dateline")
        assert len(datelines) == 3
        family = conflict_view(session, datelines[0].id).family
        assert sorted(family) == sorted(r.id for r in datelines)
    with store.session() as session, session.begin():
        accept_suggestions(session, family, ANALYST)
    with store.session() as session:
        assert open_conflicts(session) == []
        assert {d.dateline_iso[:10] for d in session.scalars(select(Document))} == {"2022-02-02"}
    with store.session() as session, session.begin():
        undo(session)
    with store.session() as session:
        assert len(open_conflicts(session, "dateline")) == 3


def test_conflicts_filter_and_sort(reviewed):
    with reviewed.session() as session:
        everything = open_conflicts(session)
        assert {r.kind for r in open_conflicts(session, "date")} == {"date"}
        by_gap = open_conflicts(session, None, "gap")
        assert [r.gap_days for r in by_gap] == sorted((r.gap_days for r in everything), reverse=True)
        assert [r.sources for r in open_conflicts(session, None, "sources")] == \
            sorted((r.sources for r in everything), reverse=True)


def test_csv_of_a_set_date_round_trips_as_text(reviewed):
    with reviewed.session() as session, session.begin():
        set_date(session, _talks_conflict(session).id, "2022-01-31 to 2022-02-03", ANALYST)
    with reviewed.session() as session:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerows(event_rows(session))
        rows = [dict(zip(COLUMNS, r)) for r in csv.reader(io.StringIO(out.getvalue()))]
    talks = [r for r in rows if r["expression"] == "Wednesday" and r["source"][:3] in ("000", "001", "002", "003")]
    assert {(r["start"], r["end"]) for r in talks} == {("2022-01-31", "2022-02-03")}


def _state(store) -> tuple:
    with store.session() as session:
        events = sorted(session.execute(select(Event.id, Event.t0, Event.t1, Event.granularity, Event.disputed)).all())
        happenings = sorted(session.execute(select(Happening.t0, Happening.t1, Happening.sources,
                                                   Happening.conflict)).all())
        conflicts = sorted(session.execute(select(Conflict.id, Conflict.key, Conflict.status, Conflict.reason,
                                                  Conflict.happening_id.is_(None))).all())
        return events, happenings, conflicts


def test_a_date_decision_recomputes_its_happening_only_and_matches_a_full_rebuild(reviewed, monkeypatch):
    import timeline.review.actions as actions

    def no_rebuild(session):
        raise AssertionError("a date decision rebuilt the whole project")

    with monkeypatch.context() as patched:
        patched.setattr(actions, "rebuild", no_rebuild)
        with reviewed.session() as session, session.begin():
            accept_source(session, _talks_conflict(session).id, _event(session, "001_", "Wednesday").id, ANALYST)
    after_decision = _state(reviewed)
    with reviewed.session() as session, session.begin():
        rebuild(session)
    assert _state(reviewed) == after_decision
    with reviewed.session() as session, session.begin():
        undo(session)
    after_undo = _state(reviewed)
    with reviewed.session() as session, session.begin():
        rebuild(session)
    assert _state(reviewed) == after_undo


def test_decisions_that_change_nothing_else_leave_the_review_current(reviewed):
    from timeline.review import add_note, dismiss
    from timeline.review.freshness import is_current

    with reviewed.session() as session, session.begin():
        dateline = session.scalars(select(Conflict).where(Conflict.kind == "dateline")).first()
        assert dateline is not None
        dismiss(session, dateline.id, ANALYST)
        add_note(session, _event(session, "001_", "Wednesday").id, "checked with the desk", ANALYST)
    with reviewed.session() as session:  # else the next opening of the project rebuilds it whole
        assert is_current(session)
        assert session.get(Conflict, dateline.id).status == "resolved"


def test_a_decision_on_a_stale_review_rebuilds_it_instead_of_stamping_it_current(reviewed, monkeypatch):
    import timeline.review.actions as actions
    from timeline.review.freshness import STAMP, is_current
    from timeline.store.models import Meta

    rebuilt = []
    real_rebuild = actions.rebuild
    monkeypatch.setattr(actions, "rebuild", lambda session: rebuilt.append(1) or real_rebuild(session))
    with reviewed.session() as session, session.begin():
        session.merge(Meta(key=STAMP, value="an import that stopped before its review"))
    with reviewed.session() as session, session.begin():
        accept_source(session, _talks_conflict(session).id, _event(session, "001_", "Wednesday").id, ANALYST)
    assert rebuilt == [1]
    with reviewed.session() as session:
        assert is_current(session) and _talks_conflict(session).status == "resolved"
    with reviewed.session() as session, session.begin():
        undo(session)  # from a current review: only the happening, no second rebuild
    assert rebuilt == [1]


def test_an_event_whose_paragraph_row_is_missing_still_shows_its_source(reviewed):
    from timeline.store.models import Paragraph

    with reviewed.session() as session, session.begin():
        event = _event(session, "001_", "Wednesday")
        event_id, document_id = event.id, event.document_id
        session.execute(Paragraph.__table__.delete().where(Paragraph.document_id == document_id))
    with reviewed.session() as session:
        source = event_source(session, event_id)
        paragraph = source.text[source.paragraph_start:source.paragraph_end]
    assert "Wednesday" in paragraph and "\n\n" not in paragraph.strip("\n")


def test_a_merge_reaching_more_than_the_region_bound_rebuilds_instead(reviewed, monkeypatch):
    import timeline.review.actions as actions
    import timeline.review.regroup as regroup

    rebuilt = []
    real_rebuild = actions.rebuild
    monkeypatch.setattr(actions, "rebuild", lambda session: rebuilt.append(1) or real_rebuild(session))
    monkeypatch.setattr(regroup, "MAX_REGION", 1)  # every happening is larger than this
    with reviewed.session() as session, session.begin():
        a, b = _event(session, "000_", "Wednesday"), _event(session, "003_", "Jan.30")
        merge_events(session, a.id, b.id, ANALYST)
    assert rebuilt == [1]
    with reviewed.session() as session:
        a, b = _event(session, "000_", "Wednesday"), _event(session, "003_", "Jan.30")
        assert a.happening_id is not None and a.happening_id == b.happening_id


def test_splitting_off_an_event_the_analyst_merged_in_takes_it_out_again(reviewed):
    """The later decision wins: a split cuts the merge that brought the event in, rather than
    keeping the merged pair and sending every other source away."""
    with reviewed.session() as session:
        stray = session.scalars(select(Event).join(Document, Document.id == Event.document_id)
                                .where(Document.filename.startswith("004_"), Event.happening_id.is_(None))
                                .order_by(Event.t0)).first()
        stray_id = stray.id
    with reviewed.session() as session, session.begin():
        merge_events(session, _event(session, "000_", "Wednesday").id, stray_id, ANALYST)
    with reviewed.session() as session, session.begin():
        talks = _event(session, "000_", "Wednesday").happening_id
        assert session.get(Event, stray_id).happening_id == talks
        split_event(session, stray_id, ANALYST)
    with reviewed.session() as session:
        talks = _event(session, "000_", "Wednesday").happening_id
        assert session.get(Event, stray_id).happening_id != talks or talks is None
        assert {_event(session, f"00{n}_", "Wednesday").happening_id for n in range(4)} == {talks}
        assert talks is not None
