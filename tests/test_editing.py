"""The analyst's own edits: undoable decisions that survive rebuilds, re-imports and exports."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from test_review import ANALYST, NOW, _document, _event  # noqa: F401

from timeline.dateinput import parse_date_input
from timeline.export.records import export_events
from timeline.importer import import_paths
from timeline.review import event_history, rebuild, redo, undo
from timeline.review.editing import (add_event, bin_document, bin_count, edit_event, empty_bin, hide_events,
                                     hide_happening, star_events, tag_events)
from timeline.store.models import Annotation, Document, Event
from timeline.store.queries import load_timeline
from conftest import SAMPLES


def _records(store):
    with store.session() as session:
        return {r.key: r for r in export_events(session)}


def test_edit_title_and_date_survive_a_rebuild_and_undo_puts_the_text_back(reviewed):
    with reviewed.session() as session, session.begin():
        event = _event(session, "000_", "mid-January")
        original = (event.title, event.t0, event.t1, event.granularity)
        edit_event(session, event.id, title="Talks in Seoul", date=parse_date_input("14 January 2022"),
                   description="Our own summary", who=ANALYST)
    with reviewed.session() as session, session.begin():
        rebuild(session)  # as after any import
    with reviewed.session() as session:
        event = _event(session, "000_", "mid-January")
        assert (event.title, event.granularity, event.t1 - event.t0) == ("Talks in Seoul", "day", 1)
        assert session.scalars(select(Annotation)).one().description == "Our own summary"
    with reviewed.session() as session, session.begin():
        undo(session)
    with reviewed.session() as session:
        event = _event(session, "000_", "mid-January")
        assert (event.title, event.t0, event.t1, event.granularity) == original
    with reviewed.session() as session, session.begin():
        redo(session)
    with reviewed.session() as session:
        assert _event(session, "000_", "mid-January").title == "Talks in Seoul"


def test_an_edited_date_is_what_timelinejs_displays(reviewed):
    from timeline.export.timelinejs import slide

    with reviewed.session() as session, session.begin():
        event = _event(session, "000_", "mid-January")
        edit_event(session, event.id, date=parse_date_input("14 January 2022"), who=ANALYST)
    [record] = [r for r in _records(reviewed).values() if r.expression == "mid-January" and r.source.startswith("000_")]
    assert record.date_edited and slide(record)["start_date"]["display_date"] == "2022-01-14"
    untouched = next(r for r in _records(reviewed).values() if not r.date_edited and not r.open_start and not r.open_end)
    assert slide(untouched)["start_date"]["display_date"] == untouched.expression


def test_an_added_event_with_and_without_a_source(reviewed):
    with reviewed.session() as session, session.begin():
        doc = _document(session, "003_")
        add_event(session, "Briefing to the press", parse_date_input("Jan 2022"), "from our notes", who=ANALYST)
        add_event(session, "Call recorded in paragraph 2", parse_date_input("before 14 March 2021"),
                  document_id=doc.id, paragraph=1, who=ANALYST)
    records = {r.title: r for r in _records(reviewed).values()}
    alone, sourced = records["Briefing to the press"], records["Call recorded in paragraph 2"]
    assert (alone.granularity, alone.start, alone.end) == ("month", "2022-01-01", "2022-01-31")
    assert alone.source == "Added by the analyst" and alone.confidence == 1.0
    assert sourced.source.startswith("003_") and sourced.paragraph == 2 and sourced.paragraph_text
    assert sourced.value and (sourced.open_start or sourced.modifier == "BEFORE")
    with reviewed.session() as session, session.begin():
        undo(session)  # the sourced one goes; the other keeps its key
        undo(session)
        redo(session)
    titles = {r.title for r in _records(reviewed).values()}
    assert "Briefing to the press" in titles and "Call recorded in paragraph 2" not in titles


def test_two_events_added_to_one_paragraph_are_told_apart(reviewed):
    with reviewed.session() as session, session.begin():
        doc = _document(session, "003_").id
        add_event(session, "First call", parse_date_input("3 March 2021"), "first notes", document_id=doc,
                  paragraph=1, who=ANALYST)
        add_event(session, "Second call", parse_date_input("5 March 2021"), "second notes", document_id=doc,
                  paragraph=1, who=ANALYST)
    records = {r.title: r for r in _records(reviewed).values()}
    first, second = records["First call"], records["Second call"]
    assert first.key != second.key and (first.description, second.description) == ("first notes", "second notes")
    with reviewed.session() as session, session.begin():
        tag_events(session, [first.event_id], "call", "#2f9e44", who=ANALYST)
    records = {r.title: r for r in _records(reviewed).values()}  # added events get new ids at each rebuild
    assert (records["First call"].tags, records["Second call"].tags) == (("call",), ())
    with reviewed.session() as session, session.begin():
        hide_events(session, [records["Second call"].event_id], who=ANALYST)
    records = {r.title: r for r in _records(reviewed).values()}
    assert records["First call"].tags == ("call",) and "Second call" not in records


def test_an_added_events_history_is_its_own_not_every_event_added_to_its_document(reviewed):
    with reviewed.session() as session, session.begin():
        doc = _document(session, "003_").id
        add_event(session, "First call", parse_date_input("3 March 2021"), "", document_id=doc, paragraph=1,
                  who=ANALYST)
        add_event(session, "Second call", parse_date_input("5 March 2021"), "", document_id=doc, paragraph=1,
                  who=ANALYST)
        add_event(session, "Own note", parse_date_input("Jan 2022"), "", who=ANALYST)
    records = {r.title: r for r in _records(reviewed).values()}
    with reviewed.session() as session:
        told = {title: [d.summary for d in event_history(session, records[title].event_id)]
                for title in ("First call", "Second call", "Own note")}
        reported = [d.summary for d in event_history(session, _event(session, "003_", "Jan.30").id)]
    assert [len(h) for h in told.values()] == [1, 1, 1]
    assert "First call" in told["First call"][0] and "Second call" in told["Second call"][0]
    assert "Own note" in told["Own note"][0]
    assert not any("call" in h for h in reported)  # the article's own events were not added


def test_a_binned_document_is_no_ones_near_copy(reviewed):
    """001 is a near-copy of 000 (its dateline suspect because of it); with 000 in the bin, 001
    stands alone: no conflict may cite a document the analyst removed."""
    import importlib

    review_rebuild = importlib.import_module("timeline.review.rebuild")  # the package exports a function of that name
    from timeline.store.models import Conflict

    with reviewed.session() as session, session.begin():
        original = _document(session, "000_").id
        cited = session.scalars(select(Conflict.other_document_id).where(Conflict.kind == "dateline")).all()
        assert cited == [original]
        bin_document(session, original, who=ANALYST)
    with reviewed.session() as session:
        assert session.scalars(select(Conflict).where(Conflict.kind == "dateline")).all() == []
        assert not any(original in (c.document_id, c.other_document_id) for c in session.scalars(select(Conflict)))
        assert original not in review_rebuild._documents(session)  # what near-copy families are made of


def test_hide_event_and_happening_and_bin_a_document_then_empty_the_bin(reviewed, tmp_path):
    before = len(_records(reviewed))
    with reviewed.session() as session, session.begin():
        talks = _event(session, "000_", "Wednesday")
        members = session.scalars(select(Event.id).where(Event.happening_id == talks.happening_id)).all()
        hide_happening(session, talks.id, who=ANALYST)
    assert len(_records(reviewed)) == before - len(members)
    with reviewed.session() as session, session.begin():
        hide_events(session, [_event(session, "004_", "1950-53").id], who=ANALYST)
        binned = _document(session, "003_").id
        bin_document(session, binned, who=ANALYST)
    data = load_timeline(reviewed)
    assert binned not in {lane.document_id for lane in data.lanes} and len(data.lanes) == 4
    import_paths(reviewed, [SAMPLES], NOW)  # a re-import keeps the document in the bin
    with reviewed.session() as session, session.begin():
        rebuild(session)
        assert bin_count(session) == 1 and _document(session, "003_").text  # its text is still there
    with reviewed.session() as session, session.begin():
        undo(session)  # the document comes back
    assert len(load_timeline(reviewed).lanes) == 5
    with reviewed.session() as session, session.begin():
        redo(session)
        assert empty_bin(session) == 1
        assert session.scalars(select(Document).where(Document.filename.startswith("003_"))).first() is None


def test_tags_and_stars_show_in_the_export(reviewed):
    with reviewed.session() as session, session.begin():
        ids = [_event(session, "000_", e).id for e in ("Wednesday", "Sunday", "mid-January")]
        tag_events(session, ids, "missiles", "#e8590c", who=ANALYST)
        tag_events(session, ids[:1], "talks", "#1c7ed6", who=ANALYST)
        star_events(session, ids[1:2], True, who=ANALYST)
    with reviewed.session() as session:
        marks = {m.event_key: m for m in session.scalars(select(Annotation))}
    assert len(marks) == 3
    assert sum(1 for m in marks.values() if ["missiles", "#e8590c"] in json.loads(m.tags)) == 3
    assert sum(1 for m in marks.values() if m.starred) == 1
    tagged = [r for r in _records(reviewed).values() if "missiles" in r.tags]
    assert len(tagged) == 3 and sum(r.starred for r in tagged) == 1


def test_an_impossible_date_is_refused_before_anything_is_stored():
    from timeline.dateinput import DateInputError

    with pytest.raises(DateInputError, match="not a date"):
        parse_date_input("2022-02-30")


def _marks(store) -> dict:
    """Every event's title and marks (tags, star, description), by key."""
    with store.session() as session:
        marks = {m.event_key: (m.tags, m.starred, m.description, m.date_edited) for m in session.scalars(select(Annotation))}
        titles = {e.id: e.title for e in session.scalars(select(Event))}
    return {"marks": marks, "titles": titles}


def _as_rebuilt_marks(store) -> dict:
    with store.session() as session:
        session.begin()
        rebuild(session)
        session.flush()
        marks = {m.event_key: (m.tags, m.starred, m.description, m.date_edited) for m in session.scalars(select(Annotation))}
        titles = {e.id: e.title for e in session.scalars(select(Event))}
        session.rollback()
    return {"marks": marks, "titles": titles}


def test_tags_stars_titles_and_their_undo_change_only_those_events_as_a_rebuild_would(reviewed, monkeypatch):
    import timeline.review.actions as actions

    with reviewed.session() as session:
        ids = [_event(session, "000_", e).id for e in ("Wednesday", "Sunday", "mid-January")]
    steps = [lambda s: tag_events(s, ids, "missiles", "#e8590c", who=ANALYST),
             lambda s: edit_event(s, ids[0], title="Talks by phone", who=ANALYST),
             lambda s: star_events(s, ids[1:], True, who=ANALYST),
             lambda s: edit_event(s, ids[0], title="Talks with Blinken", description="Our note", who=ANALYST),
             lambda s: edit_event(s, ids[2], date=parse_date_input("14 January 2022"), who=ANALYST),
             lambda s: tag_events(s, ids[2:], "missiles", "#e8590c", remove=True, who=ANALYST),
             undo, undo, undo, redo, undo, redo, redo]
    rebuilds = []
    monkeypatch.setattr(actions, "rebuild", lambda session: rebuilds.append(1) or rebuild(session))
    for number, step in enumerate(steps):
        with reviewed.session() as session, session.begin():
            step(session)
        assert _marks(reviewed) == _as_rebuilt_marks(reviewed), number
    assert len(rebuilds) == 3  # only the dated edit, its undo and redo rebuild
    assert _marks(reviewed)["titles"][ids[0]] == "Talks with Blinken"
