"""The project database: documents (original text kept whole), paragraphs, mentions, events.

Dates are stored twice: ISO text for people and CSV, and float day numbers (days since
1970-01-01, negative before) that sort and index the same way in SQLite and PostgreSQL,
reach BCE and carry hours as fractions.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .project_file import SCHEMA_VERSION  # noqa: F401  (kept light: the first paint checks it)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    filename: Mapped[str] = mapped_column(String(512))
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(32))
    encoding: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    file_time: Mapped[str | None] = mapped_column(String(32))
    imported_at: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed original bytes
    warnings: Mapped[str] = mapped_column(Text, default="")
    dateline_day: Mapped[int] = mapped_column(Integer)
    dateline_iso: Mapped[str] = mapped_column(String(32))
    dateline_time: Mapped[str | None] = mapped_column(String(8))
    dateline_zone: Mapped[str | None] = mapped_column(String(16))
    dateline_place: Mapped[str | None] = mapped_column(String(128))
    dateline_agency: Mapped[str | None] = mapped_column(String(128))
    dateline_method: Mapped[str] = mapped_column(String(32))
    dateline_confidence: Mapped[float] = mapped_column(Float)
    dateline_reason: Mapped[str] = mapped_column(Text)
    dateline_start: Mapped[int | None] = mapped_column(Integer)
    dateline_end: Mapped[int | None] = mapped_column(Integer)
    dateline_line: Mapped[int | None] = mapped_column(Integer)
    dateline_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    dateline_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)  # ISO 639-1 (schema 5)
    language_reason: Mapped[str] = mapped_column(Text, default="")  # how it was found, date order
    paragraphs: Mapped[list["Paragraph"]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                          order_by="Paragraph.index")


class Paragraph(Base):
    __tablename__ = "paragraphs"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1-based, for PDFs (schema 3)
    boilerplate: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    document: Mapped[Document] = relationship(back_populates="paragraphs")


class Mention(Base):
    """Every temporal expression found, events or not (durations, sets, PRESENT_REF...)."""

    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    paragraph_index: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    underspecified: Mapped[str] = mapped_column(String(96))
    mod: Mapped[str | None] = mapped_column(String(16))
    granularity: Mapped[str | None] = mapped_column(String(16))
    t0: Mapped[float | None] = mapped_column(Float)
    t1: Mapped[float | None] = mapped_column(Float)
    start_iso: Mapped[str | None] = mapped_column(String(32))
    end_iso: Mapped[str | None] = mapped_column(String(32))
    open_start: Mapped[bool] = mapped_column(Boolean, default=False)
    open_end: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(64))
    tense: Mapped[str | None] = mapped_column(String(16))


class Event(Base):
    """A dated happening on the timeline, linked to the mention and sentence it came from."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)
    t0: Mapped[float] = mapped_column(Float)
    t1: Mapped[float] = mapped_column(Float)
    granularity: Mapped[str] = mapped_column(String(16))
    # copied from the mention (schema 2) so the timeline loads from this table alone
    open_start: Mapped[bool] = mapped_column(Boolean, default=False)
    open_end: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    happening_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)  # schema 4; None: alone
    disputed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # its happening has an open conflict (schema 4)
    title: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    paragraph_index: Mapped[int] = mapped_column(Integer)
    mention: Mapped[Mention] = relationship()
    document: Mapped[Document] = relationship()

    __table_args__ = (Index("ix_events_window", "t0", "t1"), Index("ix_events_doc_window", "document_id", "t0"))


class Happening(Base):
    """One happening reported by several sources: their events merged (derived; rebuilt by review)."""

    __tablename__ = "happenings"
    id: Mapped[int] = mapped_column(primary_key=True)
    t0: Mapped[float] = mapped_column(Float)
    t1: Mapped[float] = mapped_column(Float)
    start_iso: Mapped[str] = mapped_column(String(32))
    end_iso: Mapped[str] = mapped_column(String(32))
    sources: Mapped[int] = mapped_column(Integer)  # documents that agree with its date
    conflict: Mapped[str] = mapped_column(String(16), default="none")  # none | open | resolved
    why: Mapped[str] = mapped_column(Text)  # scores and shared terms of each merge


class Conflict(Base):
    """Sources that disagree: a happening's dates, or a document's dateline against a near-copy's
    (derived; rebuilt by review, with its status taken from the decisions)."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)  # stable across rebuilds
    kind: Mapped[str] = mapped_column(String(16))  # date | dateline
    status: Mapped[str] = mapped_column(String(16))  # open | resolved
    happening_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    document_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)  # the suspect document (dateline)
    other_document_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    cause_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # a dateline conflict that explains it
    # what the list filters and sorts on, kept beside the claims so it never parses them (schema 6)
    sources: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # documents among the claims
    least_confidence: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")  # the least sure claim
    gap_days: Mapped[float] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str] = mapped_column(Text)
    suggested_date: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    # JSON: who says what (a thousand sources: megabytes). Last, so that SQLite reads the columns
    # before it without walking the text's overflow pages (schema 6 moved it here)
    claims: Mapped[str] = mapped_column(Text)

    # the Conflicts tab reads open conflicts (of a kind) and a conflict's happening or documents by index
    __table_args__ = (Index("ix_conflicts_status_kind", "status", "kind"),)


class Decision(Base):
    """What the analyst decided, kept for good: applied again after every rebuild, undoable."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(32))
    user: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))  # accept | set_date | dateline | split | merge | note | dismiss
    payload: Mapped[str] = mapped_column(Text)  # JSON, naming events by stable keys (document hash + span)
    summary: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="active")  # active | undone | dropped


class Annotation(Base):
    """The analyst's marks on one event: an edited title or date, a description, tags, a star
    (derived: rebuilt from the decisions, review/edits.py; a new table, so no schema step)."""

    __tablename__ = "annotations"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_key: Mapped[str] = mapped_column(String(200), index=True)
    title_was: Mapped[str | None] = mapped_column(Text, nullable=True)  # the text's own title, to put back
    date_edited: Mapped[bool] = mapped_column(Boolean, default=False)  # undone: the mention's date again
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[text, colour], ...]
    starred: Mapped[bool] = mapped_column(Boolean, default=False)


class Binned(Base):
    """Taken off the timeline by the analyst: a hidden event (its row kept to be put back) or a
    document in the bin (its text stays until the bin is emptied). Derived, like Annotation."""

    __tablename__ = "bin"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # event | document
    document_id: Mapped[int] = mapped_column(Integer, index=True)
    event_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    row: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON of the event's columns


class ReviewDocument(Base):
    """A document's stemmed vocabulary and MinHash sketch, kept so that a review reads them
    instead of tokenising every text again (derived, review/index.py; a new table, no schema step)."""

    __tablename__ = "review_documents"
    document_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vocabulary: Mapped[str] = mapped_column(Text)  # space-separated stems
    sketch: Mapped[bytes] = mapped_column(LargeBinary)  # the MinHash signature, uint32 little-endian


class CopyBand(Base):
    """One LSH band of a document's sketch: documents sharing a band are near-copy candidates,
    found by an index look-up for a new article instead of comparing it with every document."""

    __tablename__ = "copy_bands"
    id: Mapped[int] = mapped_column(primary_key=True)
    band: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(BigInteger)
    document_id: Mapped[int] = mapped_column(Integer, index=True)

    __table_args__ = (Index("ix_copy_bands_lookup", "value", "band"),)


class NearCopy(Base):
    """Near-copies found by the last review, each family as its star: every copy paired with the
    family's head (the families are read back incrementally)."""

    __tablename__ = "near_copies"
    a: Mapped[int] = mapped_column(Integer, primary_key=True)
    b: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    similarity: Mapped[float] = mapped_column(Float)


class ReviewLink(Base):
    """A link the last full rebuild found between two events (derived): a merge or a split reads
    the links of the events it touches instead of finding them again."""

    __tablename__ = "review_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # rows appended: a million kept in seconds
    a_event: Mapped[int] = mapped_column(Integer)
    b_event: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    how: Mapped[str] = mapped_column(String(40))
    shared: Mapped[str] = mapped_column(Text)  # the rarest shared words, "|"-separated

    __table_args__ = (Index("ix_review_links_a", "a_event"), Index("ix_review_links_b", "b_event"))


class ReviewEvent(Base):
    """An event's sentence as merging compares it: stems and names (derived, like ReviewDocument)."""

    __tablename__ = "review_events"
    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer)
    granularity: Mapped[str] = mapped_column(String(16))  # the text's date (the mention's), which merging reads
    t0: Mapped[float] = mapped_column(Float)
    t1: Mapped[float] = mapped_column(Float)
    terms: Mapped[str] = mapped_column(Text)
    names: Mapped[str] = mapped_column(Text)  # "|"-separated (a name may have several words)

    __table_args__ = (Index("ix_review_events_window", "granularity", "t0"),)


# the longest interval of a granularity (how far back a date window must start) in one index step
Index("ix_review_events_length", ReviewEvent.granularity, ReviewEvent.t1 - ReviewEvent.t0)


class ReviewTerm(Base):
    """How many events' sentences hold a word: the rarity weights, kept up to date by imports."""

    __tablename__ = "review_terms"
    term: Mapped[str] = mapped_column(Text, primary_key=True)
    events: Mapped[int] = mapped_column(Integer)


class ReviewSpread(Base):
    """How many documents' events hold a word: a name that many documents each mention once (an
    exchange, an agency) is boilerplate, not what their sentences are about (derived)."""

    __tablename__ = "review_spread"
    term: Mapped[str] = mapped_column(Text, primary_key=True)
    documents: Mapped[int] = mapped_column(Integer)
