"""Is the stored review (happenings, conflicts) built from the project's current data?

A rebuild stamps, in its own transaction, the state of what it was built from: the documents
and the decisions. A rebuild killed half-way leaves the old stamp behind (its transaction never
committed), and an import that stopped before its rebuild leaves new documents behind: either
way the stamp no longer matches, and the review is built again the next time the project is
opened or imported into, even when that import brings nothing new.
"""
from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import case, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..store.models import Decision, Document, Meta
from ..store.session import Store
from .profiles import WORDS_VERSION

STAMP = "review_built_from"


def data_state(session: Session, leaving_out: Collection[int] = (), except_actions: Collection[str] = ()) -> str:
    """What the review derives from, in a few aggregates: the documents, and the decisions with
    which of them are active (an undo or redo changes a decision's state in place); and the rules
    that make the words it compares (profiles.WORDS_VERSION). ``leaving_out``: the documents as
    before these came in; ``except_actions``: without these decisions (kept_links.state)."""
    documents = select(func.count(Document.id), func.max(Document.id))
    if leaving_out:
        documents = documents.where(Document.id.not_in(sorted(leaving_out)))
    decisions = select(func.count(Decision.id), func.max(Decision.id),
                       func.sum(case((Decision.state == "active", Decision.id), else_=0)))
    if except_actions:
        decisions = decisions.where(Decision.action.not_in(list(except_actions)))
    return "documents {}/{}; decisions {}/{}, active {}; words {}".format(
        *session.execute(documents).one(), *session.execute(decisions).one(), WORDS_VERSION)


def stamp(session: Session, state: str) -> None:
    """Record what the review now in ``session`` was built from (commits with it)."""
    session.merge(Meta(key=STAMP, value=state))


def is_current(session: Session) -> bool:
    stamped = session.get(Meta, STAMP)
    return stamped is not None and stamped.value == data_state(session)


def ensure_review(store: Store) -> bool:
    """Rebuild a missing or stale review; True if it was rebuilt. A read-only project is left
    as it is (it is browsed as it was last built)."""
    from .rebuild import rebuild_store

    with store.session() as session:
        if is_current(session):
            return False
    try:
        rebuild_store(store)
    except OperationalError as error:
        if "readonly" in str(error.orig).lower() or "read-only" in str(error.orig).lower():
            return False
        raise
    return True
