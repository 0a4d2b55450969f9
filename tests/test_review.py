"""Merging the samples' events across sources, the contradicting dates, and the decisions."""
from __future__ import annotations

from datetime import datetime, timezone

from conftest import SAMPLES, sample_event as _event  # noqa: F401 (reviewed is a fixture)
from sqlalchemy import select

from timeline.importer import import_paths
from timeline.review import Who, correct_dateline, event_history, rebuild, redo, undo
from timeline.store.models import Conflict, Document, Event, Happening

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
ANALYST = Who("analyst", "2026-11-23T10:00:00+00:00")



def _document(session, prefix: str) -> Document:
    return session.scalars(select(Document).where(Document.filename.startswith(prefix))).one()


def _wednesday_talks(session):
    anchor = _event(session, "000_", "Wednesday")
    happening = session.get(Happening, anchor.happening_id)
    members = session.scalars(select(Event).where(Event.happening_id == anchor.happening_id)).all()
    return happening, {e.document.filename[:3]: e for e in members}


def test_the_wednesday_talks_are_one_event_with_three_sources_and_001_conflicts(reviewed):
    with reviewed.session() as session:
        happening, members = _wednesday_talks(session)
        assert set(members) == {"000", "001", "002", "003"}
        assert (happening.start_iso, happening.end_iso, happening.sources) == ("2022-02-02", "2022-02-02", 3)
        assert happening.conflict == "open"
        assert members["001"].t0 != happening.t0  # 001's Wednesday lands in 2023: the conflict
        conflict = session.scalars(select(Conflict).where(Conflict.happening_id == happening.id)).one()
        assert conflict.kind == "date" and conflict.status == "open" and conflict.suggested_date == "2022-02-02"


def test_001s_dateline_is_suspect_because_of_000(reviewed):
    with reviewed.session() as session:
        suspect = _document(session, "001_")
        [conflict] = session.scalars(select(Conflict).where(Conflict.kind == "dateline")).all()
        assert conflict.document_id == suspect.id and conflict.status == "open"
        assert session.get(Document, conflict.other_document_id).filename.startswith("000_")
        assert "is a near-copy of" in conflict.reason and "(000_" in conflict.reason
        assert conflict.suggested_date == "2022-02-02"
        _, members = _wednesday_talks(session)
        explained = session.scalars(select(Conflict).where(Conflict.cause_id == conflict.id)).all()
        assert members["001"].happening_id in {c.happening_id for c in explained}


def test_the_january_5_call_stays_separate(reviewed):
    with reviewed.session() as session:
        call = _event(session, "004_", "Wednesday, Jan. 5")
        assert call.happening_id is None


def test_correcting_001s_dateline_resolves_it_and_undo_brings_it_back(reviewed):
    with reviewed.session() as session, session.begin():
        summary = correct_dateline(session, _document(session, "001_").id, "2022-02-02", ANALYST, "page date")
        assert summary.redated == 1
    with reviewed.session() as session:
        happening, members = _wednesday_talks(session)
        assert set(members) == {"000", "001", "002", "003"} and happening.sources == 4
        assert happening.conflict == "none" and members["001"].t0 == happening.t0
        assert session.scalars(select(Conflict).where(Conflict.status == "open")).all() == []
        assert _document(session, "001_").dateline_iso == "2022-02-02"
        later = session.scalars(select(Event).where(Event.document_id == _document(session, "001_").id,
                                                    Event.t0 > happening.t1)).all()
        assert later == []  # the page's own date line did not become an event
        history = event_history(session, members["002"].id)
        assert [d.action for d in history] == ["dateline"] and history[0].user == "analyst"
    with reviewed.session() as session, session.begin():
        assert undo(session).action == "dateline"
    with reviewed.session() as session:
        assert _document(session, "001_").dateline_iso == "2023-06-05"
        assert _wednesday_talks(session)[0].conflict == "open"
    with reviewed.session() as session, session.begin():
        redo(session)
    with reviewed.session() as session:
        assert _wednesday_talks(session)[0].sources == 4


def test_decisions_survive_reimport_and_new_imports(reviewed, tmp_path):
    with reviewed.session() as session, session.begin():
        correct_dateline(session, _document(session, "001_").id, "2022-02-02", ANALYST)
    extra = tmp_path / "extra.txt"
    extra.write_text("SEOUL, Feb 3 (Wire) - South Korea said on Thursday it would hold talks next week.\n")
    report = import_paths(reviewed, [SAMPLES, extra], NOW)
    assert report.count("duplicate") == 5 and report.count("imported") == 1
    with reviewed.session() as session, session.begin():
        rebuild(session)
    with reviewed.session() as session:
        assert _document(session, "001_").dateline_iso == "2022-02-02"
        assert _wednesday_talks(session)[0].sources == 4


def test_cli_lists_conflicts_and_the_csv_shows_sources(reviewed):
    import csv
    import io

    from timeline.commands import run_conflicts, run_export

    out = io.StringIO()
    run_conflicts(reviewed.location, None, out)
    text = out.getvalue()
    assert "dateline (000_" in text and "correct Japan and U.S. cooperation" in text
    assert "Wednesday = 2023-05-31" in text
    out = io.StringIO()
    run_export({"csv": "-"}, reviewed.location, out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    talks = {r["source"][:3]: r for r in rows if r["expression"] == "Wednesday"}
    assert talks["002"]["sources"] == "4" and talks["002"]["agreeing_sources"] == "3"  # 001 gives another date
    assert talks["002"]["conflict"] == "open"
    assert "001_" in talks["002"]["other_sources"] and "000_" in talks["002"]["other_sources"]
    call = [r for r in rows if r["expression"] == "Wednesday, Jan. 5"][0]
    assert (call["sources"], call["other_sources"], call["conflict"]) == ("1", "", "none")


def test_accept_split_note_and_dismiss(reviewed):
    from timeline.review import accept_source, add_note, dismiss, split_event

    with reviewed.session() as session, session.begin():
        happening, members = _wednesday_talks(session)
        conflict = session.scalars(select(Conflict).where(Conflict.happening_id == happening.id)).one()
        accept_source(session, conflict.id, members["001"].id, ANALYST)  # the analyst sides with 001
    with reviewed.session() as session:
        happening, members = _wednesday_talks(session)
        assert happening.start_iso == "2023-05-31" and happening.conflict == "resolved"
        assert session.get(Conflict, session.scalars(select(Conflict.id).where(
            Conflict.happening_id == happening.id)).one()).status == "resolved"
    with reviewed.session() as session, session.begin():
        split_event(session, _wednesday_talks(session)[1]["003"].id, ANALYST)
    with reviewed.session() as session:
        assert set(_wednesday_talks(session)[1]) == {"000", "001", "002"}
        assert _event(session, "003_", "Wednesday").happening_id is None  # and it stays out
    with reviewed.session() as session, session.begin():
        add_note(session, _event(session, "002_", "Wednesday").id, "checked with the ministry", ANALYST)
        history = [d.summary for d in event_history(session, _event(session, "000_", "Wednesday").id)]
        assert history[-1] == "checked with the ministry" and len(history) == 3
        dateline = session.scalars(select(Conflict).where(Conflict.kind == "dateline")).one()
        dismiss(session, dateline.id, ANALYST, "the page date is right")
    with reviewed.session() as session:
        assert session.scalars(select(Conflict).where(Conflict.kind == "dateline")).one().status == "resolved"


def test_the_hwasong_launch_named_sunday_and_jan_30_is_one_happening(reviewed):
    with reviewed.session() as session:
        sunday = _event(session, "000_", "Sunday")
        jan30 = _event(session, "003_", "Jan.30")
        assert sunday.happening_id is not None and sunday.happening_id == jan30.happening_id
        why = session.get(Happening, sunday.happening_id).why
        assert "same day, same names and action" in why and "ballistic" in why  # words, not stems ("ballist")


def test_conflicts_name_documents_by_their_titles(reviewed):
    with reviewed.session() as session:
        [conflict] = session.scalars(select(Conflict).where(Conflict.kind == "dateline")).all()
        suspect, other = session.get(Document, conflict.document_id), session.get(Document, conflict.other_document_id)
        assert suspect.title and other.title and suspect.title != suspect.filename
        assert suspect.title[:40] in conflict.summary and other.title[:40] in conflict.summary
        assert suspect.filename not in conflict.summary and suspect.filename not in conflict.suggestion
        assert suspect.filename in conflict.reason  # the reason tells the copies apart by file too
        dated = session.scalars(select(Conflict).where(Conflict.kind == "date")).first()
        titles = {d.title[:20] for d in session.scalars(select(Document))}
        assert any(t in dated.summary for t in titles) and ".txt" not in dated.summary and ".html" not in dated.summary


def test_the_conflicts_tab_reads_by_index(tmp_path):
    """The open conflicts (of a kind), a happening's conflict and the dateline conflicts of a
    family are index look-ups; a project made before these indexes gets them on opening."""
    from sqlalchemy import text

    from timeline.store.session import open_store

    store = open_store(tmp_path / "project.sqlite")
    with store.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_conflicts_status_kind"))
        connection.execute(text("DROP INDEX ix_conflicts_other_document_id"))
    store.close()
    store = open_store(tmp_path / "project.sqlite")
    queries = ("SELECT id FROM conflicts WHERE status = 'open' AND kind = 'date' ORDER BY id",
               "SELECT id FROM conflicts WHERE status = 'open'",
               "SELECT id FROM conflicts WHERE kind = 'dateline' AND status = 'open' AND other_document_id = 3",
               "SELECT id FROM conflicts WHERE happening_id = 3",
               "SELECT id FROM conflicts WHERE kind = 'dateline' AND document_id IN (1, 2)")
    with store.engine.connect() as connection:
        for query in queries:
            plan = " ".join(row[-1] for row in connection.execute(text("EXPLAIN QUERY PLAN " + query)))
            assert "USING" in plan and "INDEX" in plan, (query, plan)
    store.close()


def test_a_project_whose_words_came_from_older_rules_is_reviewed_again_with_the_new(reviewed):
    from timeline.review.freshness import ensure_review, is_current
    from timeline.review.index import WORDS_KEY
    from timeline.store.models import Meta, ReviewEvent

    with reviewed.session() as session, session.begin():  # as an older version left it
        session.merge(Meta(key=WORDS_KEY, value="1"))
        session.execute(ReviewEvent.__table__.update().values(terms="jan"))
        session.merge(Meta(key="review_built_from", value=session.get(Meta, "review_built_from").value
                           .rsplit("; words", 1)[0]))
    with reviewed.session() as session:
        assert not is_current(session)
    assert ensure_review(reviewed)
    with reviewed.session() as session:
        assert is_current(session) and session.get(Meta, WORDS_KEY).value != "1"
        assert "jan" not in set(session.scalars(select(ReviewEvent.terms)))
        assert len(set(session.scalars(select(ReviewEvent.terms)))) > 10


def test_a_claim_at_a_time_of_day_shows_its_own_day():
    from timeline import calendar as cal
    from timeline.review.conflicts import _iso

    day = cal.parse_iso("2008-10-06")
    assert _iso(day + 14.8 / 24, day + 14.82 / 24) == "2008-10-06"  # "14:48 UTC" read 2008-10-06 – 2008-10-05
    assert _iso(day, day + 2) == "2008-10-06 – 2008-10-07"
