"""Merges and splits (and their undo and redo) regroup only the happenings they touch, and leave
the project as a full rebuild would: same happenings (members, dates, reasons), conflicts, dates."""
from __future__ import annotations

import importlib
import sys

import pytest

from conftest import ROOT, SAMPLES
from sqlalchemy import func, select
from test_incremental import ANALYST, NOW, _state

from timeline.importer import import_paths
from timeline.review import merge_events, rebuild, redo, split_event, undo
from timeline.store.models import Event, Happening

sys.path.insert(0, str(ROOT / "bench"))
import news_corpus  # noqa: E402

actions = importlib.import_module("timeline.review.actions")
regroup = importlib.import_module("timeline.review.regroup")
kept_links = importlib.import_module("timeline.review.kept_links")


def _with_reasons(session) -> dict:
    state = _state(session)
    state["why"] = sorted(session.scalars(select(Happening.why)))
    return state


def _as_rebuilt(store) -> dict:
    """What a full rebuild makes of the project as it stands (rolled back after reading)."""
    with store.session() as session:
        session.begin()
        rebuild(session)
        state = _with_reasons(session)
        session.rollback()
    return state


def _largest(session) -> list[Event]:
    home = session.scalar(select(Event.happening_id).where(Event.happening_id.is_not(None))
                          .group_by(Event.happening_id).order_by(func.count().desc(), Event.happening_id).limit(1))
    return session.scalars(select(Event).where(Event.happening_id == home).order_by(Event.id)).all()


def _apart(session) -> tuple[int, int]:
    """An event of the largest happening and an event of another document on its day, kept apart."""
    first = _largest(session)[0]
    other = session.scalars(select(Event).where(Event.t0 == first.t0, Event.document_id != first.document_id,
                                                (Event.happening_id != first.happening_id)
                                                | Event.happening_id.is_(None)).order_by(Event.id)).first()
    assert other is not None
    return first.id, other.id


def _two_happenings(session) -> tuple[int, int]:
    """Events of the two largest happenings of one granularity, of different documents."""
    homes = session.execute(select(Event.happening_id, Event.granularity).where(Event.happening_id.is_not(None))
                            .group_by(Event.happening_id, Event.granularity)
                            .order_by(func.count().desc(), Event.happening_id)).all()
    a = homes[0]
    b = next(h for h in homes[1:] if h[1] == a[1] and h[0] != a[0])
    left = session.scalars(select(Event).where(Event.happening_id == a[0]).order_by(Event.id)).first()
    right = session.scalars(select(Event).where(Event.happening_id == b[0], Event.document_id != left.document_id)
                            .order_by(Event.id)).first()
    return left.id, right.id


STEPS = [
    ("split off the largest happening", lambda s: split_event(s, _largest(s)[-1].id, ANALYST)),
    ("merge two happenings", lambda s: merge_events(s, *_two_happenings(s), ANALYST)),
    ("merge with an event kept apart", lambda s: merge_events(s, *_apart(s), ANALYST)),
    ("split a merged event off", lambda s: split_event(s, _largest(s)[0].id, ANALYST)),
    ("undo", undo), ("undo", undo), ("redo", redo), ("undo", undo), ("undo", undo), ("redo", redo),
]


@pytest.mark.parametrize("kept", [True, False], ids=["kept links", "links found again"])
def test_merges_and_splits_regroup_as_a_full_rebuild(store, tmp_path, monkeypatch, kept):
    if kept:  # the last rebuild's links are read, never found again
        monkeypatch.setattr(regroup._Finder, "_links", lambda *args: pytest.fail("links found again"))
    else:  # as after an import: the kept links no longer hold
        monkeypatch.setattr(kept_links, "usable", lambda session: False)
    monkeypatch.setattr(news_corpus, "SPAN_DAYS", 8)  # stories close together: happenings meet
    paths = news_corpus.write(news_corpus.build(70, seed=5, copy_share=0.12), tmp_path / "news")
    import_paths(store, paths, NOW)
    with store.session() as session, session.begin():
        rebuild(session)
    full, broken = [], []
    monkeypatch.setattr(actions, "rebuild", lambda session: full.append(1) or rebuild(session))
    changed = regroup._changed
    monkeypatch.setattr(regroup, "_changed", lambda *args: broken.append(changed(*args)) or broken[-1])
    for what, step in STEPS:
        with store.session() as session, session.begin():
            step(session)
        with store.session() as session:
            regrouped = _with_reasons(session)
        rebuilt = _as_rebuilt(store)
        assert len(regrouped["happenings"]) >= 10, what
        assert regrouped["happenings"] == rebuilt["happenings"], what
        assert regrouped["conflicts"] == rebuilt["conflicts"], what
        assert regrouped["events"] == rebuilt["events"], what
        assert regrouped["why"] == rebuilt["why"], what
    assert not full, "merges, splits, undo and redo regroup what they touch, never the whole project"
    assert any(broken), "some step changed a happening it reached (which was then regrouped too)"


def _kept(store) -> set[tuple[int, int, str]]:
    from timeline.store.models import ReviewLink

    with store.session() as session:
        return set(session.execute(select(ReviewLink.a_event, ReviewLink.b_event, ReviewLink.how)).all())


def test_kept_links_stay_those_of_a_full_rebuild_through_splits_and_imports(reviewed, tmp_path):
    from timeline.review import import_and_review

    with reviewed.session() as session:
        assert kept_links.usable(session)
        split = session.scalars(select(Event).where(Event.happening_id.is_not(None)).order_by(Event.id)).first()
    with reviewed.session() as session, session.begin():
        split_event(session, split.id, ANALYST)  # grouping only: the links still hold
    with reviewed.session() as session:
        assert kept_links.usable(session)
    talks = (SAMPLES / "000_81972a943aaff791.txt").read_text(encoding="utf-8")
    new = tmp_path / "republished.txt"  # a copy on another site, a day later: it links with the original
    new.write_text("date 2022-02-03 " + talks.split(" ", 3)[3].replace("agreed Wednesday", "agreed on Wednesday"),
                   encoding="utf-8")
    before = _kept(reviewed)
    import_and_review(reviewed, [new], NOW)
    with reviewed.session() as session:
        assert kept_links.usable(session)  # the import's new links joined them
    added = _kept(reviewed) - before
    assert added
    with reviewed.session() as session, session.begin():
        rebuild(session)
    assert _kept(reviewed) == before | added
