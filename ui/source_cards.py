"""A conflict's sources as cards side by side: one list view over a model, the cards and their
buttons drawn by a delegate.

A happening may have thousands of sources. One widget per source (a text browser and three
buttons) cost about 2 ms each to build and as much to delete: "Show more" up to 1,789 sources took
6.6 s and leaving such a conflict 3.4 s. Here the view asks the delegate for the cards in sight only,
so every source is there at once, and what the analyst does with one (use its date, split it off,
correct its dateline, read its whole paragraph) is the same.
"""
from __future__ import annotations

from collections import OrderedDict
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QPen, QTextDocument
from PySide6.QtWidgets import (QListView, QMenu, QStyle, QStyledItemDelegate, QStyleOptionButton,
                               QStyleOptionViewItem, QWidget)

from .source_panel import marked_html

if TYPE_CHECKING:
    from timeline.review.views import Side

CARD_WIDTH = 330
BUTTONS = (("use", "Use this date"), ("split", "Split off"), ("dateline", "Correct its dateline…"))
DATE_ONLY = {"use", "split"}  # a dateline conflict's sources are documents: only their dateline is corrected
CONTEXT = 160  # characters of the paragraph kept on a card before the expression (all of it in the reader)
SideRole = Qt.ItemDataRole.UserRole


class SourcesModel(QAbstractListModel):
    """The sources of the conflict shown (agreeing sources first, as ``conflict_view`` orders them)."""

    def __init__(self) -> None:
        super().__init__()
        self.sides: list[Side] = []
        self.kind = "date"

    def set_sides(self, sides: list[Side], kind: str) -> None:
        self.beginResetModel()
        self.sides, self.kind = list(sides), kind
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sides)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        side = self.sides[index.row()]
        if role == SideRole:
            return side
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{side.title} ({side.filename}): {side.claim}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{side.title}\n{side.filename}\ndateline {side.dateline}\n{side.claim}\n\n" \
                   f"{side.before}{side.marked}{side.after}"
        return None


def card_html(side: Side, whole: bool = False) -> str:
    """A source as a card shows it (the paragraph cut around the expression) or whole (the reader)."""
    before = side.before
    if not whole and len(before) > CONTEXT:
        before = "…" + before[len(before) - CONTEXT:].split(" ", 1)[-1]
    return (f"<p><b>{escape(side.title)}</b><br><span style='color:#777'>{escape(side.filename)}</span><br>"
            f"dateline {escape(side.dateline)}<br>says: <b>{escape(side.claim)}</b></p>"
            f"<p>{marked_html(before, side.marked, side.after)}</p>")


def button_rects(card: QRect, kind: str, height: int) -> dict[str, QRect]:
    """Where a card's buttons are: one row along its bottom edge, as wide as their share."""
    names = [name for name, _ in BUTTONS if kind == "date" or name not in DATE_ONLY]
    weights = {"use": 3, "split": 2, "dateline": 4}
    total = sum(weights[n] for n in names)
    inner = card.adjusted(4, 0, -4, -4)
    x, rects = inner.left(), {}
    for name in names:
        width = inner.width() * weights[name] // total
        rects[name] = QRect(x, inner.bottom() - height + 1, width - 2, height)
        x += width
    return rects


class CardDelegate(QStyledItemDelegate):
    """Draws a card (text, then buttons) and turns a click on a drawn button into ``clicked``."""

    clicked = Signal(str, int)  # button name, row

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._documents: OrderedDict[int, QTextDocument] = OrderedDict()  # laid-out cards in sight
        self._pressed: tuple[int, str] | None = None

    def forget(self) -> None:
        self._documents.clear()
        self._pressed = None

    def button_height(self) -> int:
        return self.view.fontMetrics().height() + 10

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return self.view.gridSize() - QSize(6, 6)

    def _document(self, index: QModelIndex | QPersistentModelIndex, width: int) -> QTextDocument:
        document = self._documents.get(index.row())
        if document is None or document.textWidth() != width:
            document = QTextDocument()
            document.setDefaultFont(self.view.font())
            document.setHtml(card_html(index.data(SideRole)))
            document.setTextWidth(width)
            self._documents[index.row()] = document
            while len(self._documents) > 64:
                self._documents.popitem(last=False)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        card = option.rect.adjusted(2, 2, -2, -2)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        chosen = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight) if chosen else QColor("#bbb"), 2 if chosen else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 4, 4)
        buttons = button_rects(card, self.view.model().kind, self.button_height())  # type: ignore[attr-defined]
        text_box = QRect(card.left() + 4, card.top() + 2, card.width() - 8,
                         min(r.top() for r in buttons.values()) - card.top() - 6)
        painter.translate(text_box.topLeft())
        clip = QRect(0, 0, text_box.width(), text_box.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        document = self._document(index, text_box.width())
        document.documentLayout().draw(painter, context)
        painter.restore()
        if document.size().height() > text_box.height():  # more than fits: the reader has it whole
            painter.fillRect(QRect(text_box.left(), text_box.bottom() - 2, text_box.width(), 3), QColor("#e0e0e0"))
        self._paint_buttons(painter, option, index.row(), buttons)

    def _paint_buttons(self, painter: QPainter, option: QStyleOptionViewItem, row: int, rects: dict[str, QRect]) -> None:
        style = self.view.style()
        for name, label in BUTTONS:
            if name not in rects:
                continue
            button = QStyleOptionButton()
            button.rect = rects[name]  # type: ignore[attr-defined]
            button.palette = option.palette  # type: ignore[attr-defined]
            button.fontMetrics = option.fontMetrics  # type: ignore[attr-defined]
            button.text = option.fontMetrics.elidedText(label, Qt.TextElideMode.ElideRight,  # type: ignore[attr-defined]
                                                        rects[name].width() - 8)
            button.state = QStyle.StateFlag.State_Enabled | (  # type: ignore[attr-defined]
                QStyle.StateFlag.State_Sunken if self._pressed == (row, name) else QStyle.StateFlag.State_Raised)
            style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, self.view)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem,  # type: ignore[no-untyped-def]
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        kinds = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)
        if event.type() not in kinds or event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return False
        card = option.rect.adjusted(2, 2, -2, -2)  # type: ignore[attr-defined]
        hit = next((name for name, rect in button_rects(card, model.kind, self.button_height()).items()
                    if rect.contains(event.position().toPoint())), None)  # type: ignore[attr-defined]
        if event.type() == QEvent.Type.MouseButtonRelease:
            pressed, self._pressed = self._pressed, None
            if hit is not None and pressed == (index.row(), hit):
                self.clicked.emit(hit, index.row())
            self.view.viewport().update()
            return hit is not None
        if hit is None:
            return False  # a press on the text: the view selects the card
        self._pressed = (index.row(), hit)
        self.view.viewport().update()
        return True


class SourceStrip(QListView):
    """The cards in one row, scrolled sideways; each as tall as the strip."""

    acted = Signal(str, object)  # button name ("use", "split", "dateline", "read"), the source's Side

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setUniformItemSizes(True)  # thousands of cards: one size, never measured one by one
        self.setHorizontalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setMouseTracking(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.sources = SourcesModel()
        self.setModel(self.sources)
        self.cards = CardDelegate(self)
        self.setItemDelegate(self.cards)
        self.cards.clicked.connect(self._act)
        self.doubleClicked.connect(lambda index: self._act("read", index.row()))
        self.customContextMenuRequested.connect(self._menu)
        self._fit_grid()

    def show_sides(self, sides: list[Side], kind: str) -> None:
        self.cards.forget()
        self.sources.set_sides(sides, kind)
        if sides:
            self.setCurrentIndex(self.sources.index(0))
        self.horizontalScrollBar().setValue(0)

    def card_rect(self, row: int) -> QRect:
        return self.visualRect(self.sources.index(row))

    def button_rect(self, row: int, name: str) -> QRect | None:
        """Where a card's button is drawn (None: that card has no such button, or is not laid out)."""
        return button_rects(self.card_rect(row).adjusted(2, 2, -2, -2), self.sources.kind,
                            self.cards.button_height()).get(name)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_grid()

    def _fit_grid(self) -> None:
        height = max(self.viewport().height(), 6 * self.fontMetrics().height())
        if self.gridSize().height() != height:
            self.cards.forget()
            self.setGridSize(QSize(CARD_WIDTH + 6, height))

    def _menu(self, position) -> None:  # type: ignore[no-untyped-def]
        index = self.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        for name, label in (*BUTTONS, ("read", "Read its whole paragraph")):
            if self.sources.kind == "date" or name not in DATE_ONLY:
                menu.addAction(label, lambda n=name: self._act(n, index.row()))
        menu.exec(self.viewport().mapToGlobal(position))

    def _act(self, name: str, row: int) -> None:
        """The card acted on becomes the chosen one (the reader shows it), then the panel acts."""
        if row < len(self.sources.sides):
            self.setCurrentIndex(self.sources.index(row))
            self.acted.emit(name, self.sources.sides[row])
