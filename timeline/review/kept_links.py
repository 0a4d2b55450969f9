"""The links a full rebuild found, kept in the project: a merge or a split in a big project reads
the links of the events it touches instead of finding them again (regroup.py), which meant
scoring the thousands of events of the weeks around them.

Links derive from the documents, their events and words, never from the analyst's merges, splits,
dates and notes: they stay right until a document or another decision comes in (``state``), and
then the next full rebuild keeps them again."""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ..store.models import Meta, ReviewLink
from . import freshness
from .edits import MARKS
from .matching import Link
from .profiles import EventProfile

STAMP = "review_links_from"
KEPT_WORDS = 6  # what explanations show of a link's shared words (write.why_merged, Link.explain)
GROUPING_ONLY = ("accept", "set_date", "dismiss", "split", "merge", "note",  # decisions that change no link
                 *MARKS)  # (edits of titles, dates, tags: links read the text's dates, not edited ones)
_CHUNK = 500


def state(session: Session, leaving_out: Collection[int] = ()) -> str:
    """What links derive from: the review's data without the decisions that change no link
    (``leaving_out``: the documents as before these came in)."""
    return freshness.data_state(session, leaving_out, GROUPING_ONLY)


def keep(session: Session, links: list[Link], built_from: str) -> None:
    """Store a full rebuild's links (all of them, replacing those kept before), indexed once at the
    end: a million in a few seconds."""
    connection = session.connection()
    connection.execute(delete(ReviewLink))
    indexes = ReviewLink.__table__.indexes
    for index in indexes:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
    for start in range(0, len(links), 10_000):
        _insert(session, links[start:start + 10_000])
    for index in indexes:
        index.create(connection)
    session.merge(Meta(key=STAMP, value=built_from))


def _insert(session: Session, links: list[Link]) -> None:
    """Rows appended with the driver's own many-row insert (the ORM's took four times as long)."""
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO review_links (a_event, b_event, score, how, shared) VALUES ({', '.join([mark] * 5)})",
        [(link.a.event_id, link.b.event_id, link.score, link.how, "|".join(link.shared[:KEPT_WORDS]))
         for link in links])


def usable(session: Session, leaving_out: Collection[int] = ()) -> bool:
    """The kept links are those a full rebuild would find now (or before these documents came in)."""
    stamped = session.get(Meta, STAMP)
    return stamped is not None and stamped.value == state(session, leaving_out)


def adder(session: Session, new_documents: list[int]) -> Callable[[list[Link]], None]:
    """For an import reviewed without a rebuild: the links it finds with an end in its new documents
    join the kept ones, if these held before it (else they wait for the next full rebuild)."""
    held = usable(session, new_documents)
    new = set(new_documents)

    def add(links: list[Link]) -> None:
        if not held:
            return
        added = [link for link in links if link.a.document_id in new or link.b.document_id in new]
        if added:
            _insert(session, added)
        session.merge(Meta(key=STAMP, value=state(session)))
    return add


def touching(session: Session, events: Iterable[int], profiles: Callable[[set[int]], list[EventProfile]]) -> list[Link]:
    """The kept links with an end among these events, their ends read by ``profiles``."""
    listed = sorted(set(events))
    rows = []
    for start in range(0, len(listed), _CHUNK):
        chunk = listed[start:start + _CHUNK]
        rows += session.execute(select(ReviewLink.a_event, ReviewLink.b_event, ReviewLink.score, ReviewLink.how,
                                       ReviewLink.shared)
                                .where(or_(ReviewLink.a_event.in_(chunk), ReviewLink.b_event.in_(chunk)))).all()
    ends = {p.event_id: p for p in profiles({e for r in rows for e in r[:2]})}
    return [Link(ends[a], ends[b], score, tuple(filter(None, shared.split("|"))), how)
            for a, b, score, how, shared in {r[:2]: r for r in rows}.values() if a in ends and b in ends]
