"""The event list: a table model over TimelineData that sorts and filters with numpy.

A proxy model would call back into Python for every row on each sort or filter, which takes
minutes for a million events; here the rows shown are one index array, recomputed at once.
Text columns are sorted and searched by the database (``text_order``); which rows show is a mask from timeline.view_filter.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from timeline.store.arrays import TimelineData

COLUMNS = ("Date", "Granularity", "Title", "Expression", "Source", "Confidence")
DATABASE_SORTED = {1: "granularity", 2: "title", 3: "expression", 5: "confidence"}
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    def __init__(self, text_order: Callable[[str], np.ndarray] | None = None) -> None:
        super().__init__()
        self.data_: TimelineData | None = None
        self.text_order = text_order  # column name -> event ids in that column's order
        self.rows = np.zeros(0, dtype=np.int64)  # data indices, in display order
        self._order = np.zeros(0, dtype=np.int64)  # all indices in the current sort order
        self.shown_mask: np.ndarray | None = None  # per event: shown (timeline.view_filter), None: all

    def set_data(self, data: TimelineData) -> None:
        self.beginResetModel()
        self.data_ = data
        self._order = np.arange(len(data))  # loaded sorted by date
        self.shown_mask = None
        self._refilter()
        self.endResetModel()

    def set_shown(self, mask: np.ndarray | None) -> None:
        """Show only the events where ``mask`` is True (None: all), as the timeline does."""
        self.beginResetModel()
        self.shown_mask = mask
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        d, mask = self.data_, self.shown_mask
        if d is None:
            self.rows = np.zeros(0, dtype=np.int64)
            return
        usable = mask is not None and len(mask) == len(d)
        self.rows = self._order[mask[self._order]] if usable else self._order  # type: ignore[index]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        d = self.data_
        if d is None:
            return
        self.layoutAboutToBeChanged.emit()
        if column == 0:
            self._order = np.lexsort((d.t1, d.t0))
        elif column == 4:
            self._order = np.lexsort((d.t0, d.lane))
        elif self.text_order is not None:
            self._order = d.indices_of(self.text_order(DATABASE_SORTED[column]))
        if order == Qt.SortOrder.DescendingOrder:
            self._order = self._order[::-1]
        self._refilter()
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        d = self.data_
        if d is None or not index.isValid():
            return None
        i = int(self.rows[index.row()])
        if role == EVENT_ID_ROLE:
            return int(d.ids[i])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 4:
            return d.lanes[int(d.lane[i])].label
        text = d.texts[i]
        return (text.when, text.granularity, text.title, text.expression, "", f"{text.confidence:.2f}")[column]

    def event_id(self, row: int) -> int:
        assert self.data_ is not None
        return int(self.data_.ids[self.rows[row]])

    def shown_ids(self) -> list[int]:
        return [] if self.data_ is None else [int(i) for i in self.data_.ids[self.rows]]

    def row_of(self, event_id: int) -> int | None:
        index = None if self.data_ is None else self.data_.index_of(event_id)
        if index is None:
            return None
        found = np.nonzero(self.rows == index)[0]
        return int(found[0]) if len(found) else None
