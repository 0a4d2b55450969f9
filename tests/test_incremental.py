"""A new article reviewed incrementally (index look-ups, only the happenings it reaches grouped
again) leaves the project exactly as a full rebuild would: same happenings, dates, conflicts."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

from conftest import ROOT, SAMPLES
from sqlalchemy import select

from timeline.importer import import_paths
from timeline.review import Who, import_and_review, merge_events, rebuild, split_event, undo
import importlib
rebuild_module = importlib.import_module("timeline.review.rebuild")
from timeline.store.models import Conflict, Document, Event, Happening, Mention
from timeline.review.profiles import event_key

sys.path.insert(0, str(ROOT / "bench"))
import news_corpus  # noqa: E402

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
ANALYST = Who("analyst", "2026-11-23T10:00:00+00:00")


def _state(session) -> dict:
    """Everything a review decides, by lasting keys (row ids differ between the two ways)."""
    keys = {e: event_key(sha, start, end) for e, sha, start, end in session.execute(
        select(Event.id, Document.sha256, Mention.start, Mention.end)
        .join(Document, Document.id == Event.document_id).join(Mention, Mention.id == Event.mention_id))}
    members: dict[int, list[str]] = {}
    for event_id, happening_id in session.execute(select(Event.id, Event.happening_id)):
        if happening_id is not None:
            members.setdefault(happening_id, []).append(keys[event_id])
    happenings = {}
    for h in session.scalars(select(Happening)):
        happenings[frozenset(members[h.id])] = (h.start_iso, h.end_iso, h.sources, h.conflict)
    conflicts = {}
    for c in session.scalars(select(Conflict)):
        home = frozenset(members.get(c.happening_id, [])) if c.happening_id else None
        claims = [(claim.get("event_key"), claim.get("date")) for claim in json.loads(c.claims)]
        conflicts[c.key] = (c.kind, c.status, home, c.gap_days, c.suggested_date, c.summary, c.reason,
                            sorted(claims, key=str), c.id)
    events = {keys[e]: (t0, t1, g, disputed) for e, t0, t1, g, disputed in session.execute(
        select(Event.id, Event.t0, Event.t1, Event.granularity, Event.disputed))}
    return {"happenings": happenings, "conflicts": conflicts, "events": events}


def _merged(session) -> list[Event]:
    return session.scalars(select(Event).where(Event.happening_id.is_not(None)).order_by(Event.id)).all()


def test_new_articles_reviewed_incrementally_equal_a_full_rebuild(store, tmp_path, monkeypatch):
    monkeypatch.setattr(news_corpus, "SPAN_DAYS", 45)  # stories close together: new reports meet old ones
    articles = news_corpus.build(60, seed=5, copy_share=0.15)
    paths = news_corpus.write(articles, tmp_path / "news")
    import_paths(store, [SAMPLES, *paths[:48]], NOW)
    with store.session() as session, session.begin():
        rebuild(session)
        wednesday = session.scalars(select(Event).join(Mention, Mention.id == Event.mention_id)
                                    .where(Mention.text == "Wednesday").order_by(Event.id)).all()
        merge_events(session, wednesday[0].id, wednesday[-1].id, ANALYST)  # a decision in force
    full = []
    real_rebuild = rebuild_module.rebuild
    monkeypatch.setattr(rebuild_module, "rebuild", lambda session: full.append(1) or real_rebuild(session))
    for path in paths[48:]:
        report, _ = import_and_review(store, [path], NOW)
        assert report.count("imported") == 1
    assert len(full) <= 3, "the new articles should be reviewed incrementally, not by full rebuilds"
    rebuilds = len(full)
    with store.session() as session, session.begin():  # a split, a merge of two happenings, an undo
        split_event(session, _merged(session)[3].id, ANALYST)
        session.expire_all()
        merged = _merged(session)
        other = next(e for e in merged if e.happening_id != merged[0].happening_id
                     and e.document_id != merged[0].document_id)
        merge_events(session, merged[0].id, other.id, ANALYST)
        session.expire_all()
        split_event(session, _merged(session)[-1].id, ANALYST)
        session.expire_all()
        undo(session)
    assert len(full) == rebuilds, "merges and splits regroup their part of the project, not all of it"
    with store.session() as session:
        incremental = _state(session)
    with store.session() as session, session.begin():
        real_rebuild(session)
    with store.session() as session:
        rebuilt = _state(session)
    assert len(incremental["happenings"]) >= 10 and len(incremental["conflicts"]) >= 5
    assert incremental["happenings"] == rebuilt["happenings"]
    assert incremental["conflicts"] == rebuilt["conflicts"]
    assert incremental["events"] == rebuilt["events"]



def test_an_import_counts_its_documents_words_as_a_rebuild_does(store, tmp_path, monkeypatch):
    """The spread of each word over documents (what tells boilerplate from a story's names) is
    kept up by an incremental import exactly as a full rebuild counts it."""
    from timeline.store.models import ReviewSpread, ReviewTerm

    articles = news_corpus.build(9, seed=7, copy_share=0.0)
    paths = news_corpus.write(articles, tmp_path / "news")
    import_paths(store, [SAMPLES, *paths[:6]], NOW)
    with store.session() as session, session.begin():
        rebuild(session)
    full = []
    real_rebuild = rebuild_module.rebuild
    monkeypatch.setattr(rebuild_module, "rebuild", lambda session: full.append(1) or real_rebuild(session))
    import_and_review(store, paths[6:8], NOW)
    assert not full, "two new articles: reviewed incrementally"

    def counts(session):
        return dict(session.execute(select(ReviewSpread.term, ReviewSpread.documents)).all()), \
            dict(session.execute(select(ReviewTerm.term, ReviewTerm.events)).all())

    with store.session() as session:
        incremental = counts(session)
    with store.session() as session, session.begin():
        real_rebuild(session)
    with store.session() as session:
        assert counts(session) == incremental and max(incremental[0].values()) > 1
    with store.session() as session, session.begin():  # a project whose review predates the spread
        session.execute(ReviewSpread.__table__.delete())
    import_and_review(store, paths[8:], NOW)
    assert full == [1], "without the spread, the next import rebuilds (and counts it)"
    with store.session() as session:
        assert counts(session)[0]


def _groups(session) -> list[frozenset[str]]:
    return list(_state(session)["happenings"])


def test_in_a_large_project_the_happenings_reached_join_whole(store, tmp_path, monkeypatch):
    """In a large project, each stored happening a new article reaches joins the grouping whole, as
    one block: the new events join them (or bring two together), none is broken up, and each
    still holds one event per document; no full rebuild, even for a new copy that heads its family."""
    from timeline.review import incremental

    monkeypatch.setattr(incremental, "EXACT_PROJECT", 0)
    paths = news_corpus.write(news_corpus.build(90, seed=8, copy_share=0.1), tmp_path / "news")
    import_paths(store, paths[:70], NOW)
    with store.session() as session, session.begin():
        rebuild(session)
        before = _groups(session)
    full = []
    real_rebuild = rebuild_module.rebuild
    monkeypatch.setattr(rebuild_module, "rebuild", lambda session: full.append(1) or real_rebuild(session))
    for path in paths[70:]:
        import_and_review(store, [path], NOW)
    assert not full, "every new article reviewed incrementally"
    with store.session() as session:
        after = _groups(session)
    assert all(any(old <= new for new in after) for old in before), "a stored happening was broken up"
    grown = [new for new in after if new not in before]
    assert len(grown) >= 5, "new reports join the happenings of the stories they report"
    assert all(len({key.split(":")[0] for key in new}) == len(new) for new in grown)
