"""A status bar whose passing messages never run into its permanent labels.

QStatusBar cuts a long message off mid-letter right against the first permanent widget ("…another
o50000 documents"). This one shortens the message with "…" to the room left of those widgets,
keeps the whole text in the tooltip, and fits it again when the bar or its widgets change size.
"""
from PySide6.QtCore import QDeadlineTimer, QEvent, QObject, Qt
from PySide6.QtWidgets import QStatusBar, QWidget

GAP = 12  # pixels kept clear between the message and the permanent widgets


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""  # the message as given; what is shown may be shortened
        self._deadline = QDeadlineTimer(QDeadlineTimer.ForeverConstant.Forever)
        self._permanent: list[QWidget] = []
        self.messageChanged.connect(self._cleared)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._deadline = QDeadlineTimer(timeout) if timeout > 0 else QDeadlineTimer(QDeadlineTimer.ForeverConstant.Forever)
        self.setToolTip(text)
        super().showMessage(self._fitted(), timeout)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)
        widget.installEventFilter(self)  # a label growing takes room from the message

    def room(self) -> int:
        """Pixels the message may use: from the left margin to the first visible permanent widget."""
        right = min((w.x() for w in self._permanent if w.isVisible()), default=self.width() - 12)
        return max(0, right - 6 - GAP)

    def _fitted(self) -> str:
        return self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.room())

    def _refit(self) -> None:
        if not self._full or not self.currentMessage():
            return
        fitted = self._fitted()
        if fitted != self.currentMessage():
            left = self._deadline.remainingTime()  # -1: shown until replaced
            super().showMessage(fitted, max(1, left) if left >= 0 else 0)

    def _cleared(self, message: str) -> None:
        if not message:  # timed out or cleared: the tooltip no longer describes anything
            self._full = ""
            self.setToolTip("")

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self._refit()
        return False
