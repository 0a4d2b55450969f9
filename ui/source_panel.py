"""The source panel: the paragraph an event came from, its date expression highlighted, and why."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

if TYPE_CHECKING:  # the ORM (SQLAlchemy) loads after the first paint
    from timeline.review.views import EventReview
    from timeline.store.queries import EventSource


def marked_html(before: str, marked: str, after: str) -> str:
    """A paragraph with its date expression (or dateline) marked, as the panels show it."""
    return f"{escape(before)}<span style='background:#ffe066;font-weight:bold'>{escape(marked)}</span>{escape(after)}"


class SourcePanel(QTextBrowser):
    conflictRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._link)
        self.source: EventSource | None = None
        self.review: EventReview | None = None
        self.setHtml("<p style='color:#777'>Select an event to see where it came from.</p>")

    def _link(self, url: QUrl) -> None:
        if url.toString() == "#article":
            self.show_article()
        elif url.toString() == "#conflict" and self.review and self.review.conflict_id:
            self.conflictRequested.emit(self.review.conflict_id)

    def show_note(self, text: str) -> None:
        """A line in place of an event (the project is still being opened)."""
        self.source, self.review = None, None
        self.setHtml(f"<p style='color:#777'>{escape(text)}</p>")

    def show_event(self, source: EventSource | None, review: EventReview | None = None) -> None:
        self.source, self.review = source, review
        if source is None:
            self.setHtml("")
            return
        s = source
        paragraph = marked_html(s.text[s.paragraph_start:s.expression_start], s.text[s.expression_start:s.expression_end],
                                s.text[s.expression_end:s.paragraph_end])
        self.setHtml(
            f"<h3>{escape(s.title)}</h3>"
            f"<p style='color:#555'>{escape(s.filename)} · paragraph {s.paragraph_number}"
            f"{f' · page {s.page}' if s.page else ''}<br>"
            f"<b>Dateline</b> {escape(s.dateline)} — found by {escape(s.dateline_how)}: {escape(s.dateline_reason)}"
            f"{f'<br><b>Language</b> {escape(s.language)}' if s.language else ''}</p>"
            f"<blockquote>{paragraph}</blockquote>"
            f"<p><b>“{escape(s.expression)}”</b> → {escape(s.value)} ({escape(s.interval)}), confidence {s.confidence:.2f}"
            + (f"<br><i>Date set by a decision (see History); the text reads {escape(s.read_as)}.</i>" if s.read_as else "")
            + "<br>"
            f"<b>Why:</b> {escape(s.reason)}</p>{_review_html(review)}"
            "<p><a href='#article'>Show the whole article</a></p>")

    def clear_event(self) -> None:
        self.source, self.review = None, None
        self.setHtml("<p style='color:#777'>Select an event to see where it came from.</p>")

    def paragraph_text(self) -> str:
        s = self.source
        return "" if s is None else s.text[s.paragraph_start:s.paragraph_end]

    def show_article(self) -> None:
        s = self.source
        if s is None:
            return
        before = escape(s.text[:s.paragraph_start]).replace("\n", "<br>")
        here = escape(s.text[s.paragraph_start:s.paragraph_end])
        after = escape(s.text[s.paragraph_end:]).replace("\n", "<br>")
        self.setHtml(f"<h3>{escape(s.title)}</h3><p>{before}<a name='here'></a>"
                     f"<span style='background:#fff3bf'>{here}</span>{after}</p>")
        self.scrollToAnchor("here")


def _review_html(review: EventReview | None) -> str:
    if review is None:
        return ""
    parts = []
    if review.sources:
        parts.append(f"<p><b>Reported by {len(review.sources)} sources</b><br>"
                     + "<br>".join(escape(x) for x in review.sources)
                     + f"<br><span style='color:#777'>merged: {escape(review.why)}</span></p>")
    if review.conflict_id:
        colour = "#c92a2a" if review.conflict_status == "open" else "#2b8a3e"
        parts.append(f"<p style='color:{colour}'><b>Conflict #{review.conflict_id} ({review.conflict_status})</b> "
                     "— <a href='#conflict'>review it</a></p>")
    if review.history:
        parts.append("<p><b>History</b><br>" + "<br>".join(escape(h) for h in review.history) + "</p>")
    return "".join(parts)
