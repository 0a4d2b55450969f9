"""Which events the list and the timeline show: one mask from every filter, so both show one set.

The numeric filters (date range, precision, confidence, one item per happening) work on the
timeline's arrays; text, conflict state and tags ask the database for the ids they accept.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .grouping import representatives
from .store.arrays import TimelineData

if TYPE_CHECKING:  # the queries load SQLAlchemy: the numeric filters paint first without it
    from .store.session import Store

PRECISION_DAYS = {"day": 1.0, "month": 31.0, "year": 366.0}  # "precise to": the longest interval kept
CONFLICTS = ("open", "resolved", "none")


@dataclass
class Filters:
    happenings: bool = True  # one item per happening (False: every source's own mention)
    matches: np.ndarray | None = None  # event ids the search found (None: no search)
    source: int | None = None  # one document lane
    date_from: float | None = None  # day numbers: the event overlaps [date_from, date_to)
    date_to: float | None = None
    precision: str | None = None  # "day" | "month" | "year": dates at least that precise
    conflict: str | None = None  # open | resolved | none
    min_confidence: float = 0.0
    tagged: np.ndarray | None = None  # event ids carrying the chosen tag

    @property
    def narrowing(self) -> bool:
        """Whether anything besides one-item-per-happening is filtered."""
        return any(x is not None for x in (self.matches, self.source, self.date_from, self.date_to, self.precision,
                                           self.conflict, self.tagged)) or self.min_confidence > 0


def shown_mask(data: TimelineData, filters: Filters, conflict_ids: np.ndarray | None = None) -> np.ndarray | None:
    """Per event: whether it is shown (None when every event is). ``conflict_ids``: the ids in the
    chosen conflict state, when that is not "open" (the disputed flag answers that one)."""
    keep = representatives(data) if filters.happenings else np.ones(len(data), dtype=bool)
    if filters.matches is not None:
        keep &= np.isin(data.ids, filters.matches)
    if filters.source is not None:
        keep &= data.lane == filters.source
    if filters.date_from is not None:
        keep &= data.t1 > filters.date_from
    if filters.date_to is not None:
        keep &= data.t0 < filters.date_to
    if filters.precision in PRECISION_DAYS:
        keep &= (data.t1 - data.t0) <= PRECISION_DAYS[filters.precision] + 1e-9
    if filters.min_confidence > 0 and data.confidence is not None:
        keep &= data.confidence >= filters.min_confidence - 1e-9
    if filters.conflict == "open":
        keep &= data.disputed
    elif filters.conflict in CONFLICTS and conflict_ids is not None:
        keep &= np.isin(data.ids, conflict_ids)
    if filters.tagged is not None:
        keep &= np.isin(data.ids, filters.tagged)
    return None if keep.all() else keep


def in_conflict_state(store: Store, state: str) -> np.ndarray:
    """Ids of the events whose happening's conflict is ``state`` (none: also every lone event)."""
    from sqlalchemy import select

    from .store import models

    query = select(models.Event.id).outerjoin(models.Happening, models.Happening.id == models.Event.happening_id)
    if state == "none":
        query = query.where((models.Happening.id.is_(None)) | (models.Happening.conflict == "none"))
    else:
        query = query.where(models.Happening.conflict == state)
    with store.engine.connect() as connection:
        return np.fromiter(connection.execute(query).scalars(), dtype=np.int64)


def tag_index(store: Store) -> dict[str, np.ndarray]:
    """Every tag in the project -> the ids of the events carrying it. Annotations name events by
    key (document hash + span): only the documents they name are read, so a project without tags
    costs one small query."""
    from sqlalchemy import func, select

    from .review.profiles import event_key
    from .store import models

    with store.engine.connect() as connection:
        marks = [(key, json.loads(tags or "[]")) for key, tags in connection.execute(
            select(models.Annotation.event_key, models.Annotation.tags).where(models.Annotation.tags != "[]"))]
        if not marks:
            return {}
        prefixes = {key.split(":")[0] for key, _ in marks}
        Event, Mention, Document = models.Event, models.Mention, models.Document
        rows = connection.execute(
            select(Event.id, Document.sha256, Mention.start, Mention.end)
            .join(Document, Document.id == Event.document_id).join(Mention, Mention.id == Event.mention_id)
            .where(func.substr(Document.sha256, 1, 16).in_(prefixes)))
        by_key = {event_key(sha, start, end): event_id for event_id, sha, start, end in rows}
    found: dict[str, list[int]] = {}
    for key, tags in marks:
        if key in by_key:
            for tag in tags:
                found.setdefault(str(tag[0]), []).append(by_key[key])
    return {tag: np.array(sorted(ids), dtype=np.int64) for tag, ids in sorted(found.items())}
