"""The event list: a table model over TimelineData, with a proxy for sorting and filtering."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from timeline.store.queries import TimelineData

COLUMNS = ("Date", "Granularity", "Title", "Expression", "Source", "Confidence")
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.data_: TimelineData | None = None

    def set_data(self, data: TimelineData) -> None:
        self.beginResetModel()
        self.data_ = data
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.data_ is None else len(self.data_)

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
        row, column = index.row(), index.column()
        if role == EVENT_ID_ROLE:
            return int(d.ids[row])
        if role == SOURCE_ROLE:
            return d.lanes[int(d.lane[row])].label
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return (float(d.t0[row]), float(d.t1[row])) if column == 0 else self.data(index)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = d.starts[row] if d.starts[row] == d.ends[row] else f"{d.starts[row]} – {d.ends[row]}"
        return (when, d.granularities[row], d.titles[row], d.expressions[row],
                d.lanes[int(d.lane[row])].label, f"{d.confidences[row]:.2f}")[column]

    def row_of(self, event_id: int) -> int | None:
        return None if self.data_ is None else self.data_.index_of(event_id)


class EventFilterProxy(QSortFilterProxyModel):
    """Free-text filter over every column, plus a source filter."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.source_label: str | None = None

    def set_source(self, label: str | None) -> None:
        self.source_label = label
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if self.source_label and model.data(model.index(row, 0, parent), SOURCE_ROLE) != self.source_label:
            return False
        return super().filterAcceptsRow(row, parent)
