"""XML articles: TimeML (.tml), NITF, NewsML, RSS and Atom feeds or any XML whose text is the story.

The text is the article element's (TimeML's TEXT, NITF's body, NewsML's body.content; else the
whole document), every text node in document order: inline tags such as TimeML's EVENT and
TIMEX3 leave their words where they stand, and an element that holds no running text of its
parent is a paragraph of its own. A creation or publication date in the markup is the page date
(TimeML's creation-time TIMEX3, NITF date.issue, NewsML firstCreated, RSS pubDate, Dublin Core
date). A feed of several items (RSS, Atom) is opened like an archive: each item is an article of
its own, with its own date. HTML carried escaped inside an item is read as text. The parser
resolves no entities and fetches nothing.
"""
from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from ..dateline import KnownDate
from . import ReadError, ReadResult
from .plaintext import read_text
from .webpage import MAX_TAGS

_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                        rb"(?:<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)?<[A-Za-z_]", re.S)
_BODIES = ("TEXT", "body.content", "body", "content", "encoded", "description", "summary")  # the story, where the format names it
_TITLES = ("TITLE", "title", "hl1", "headline")
# (local name, attribute or None for the element's text): where formats keep their publication date
_DATE_FIELDS = (("date.issue", "norm"), ("firstCreated", None), ("pubDate", None), ("date", None),
                ("published", None), ("versionCreated", None), ("updated", None))
_FEEDS, _ITEMS = {"rss", "RDF", "feed"}, {"item", "entry"}
_MARKUP = re.compile(r"<(?:[A-Za-z][\w:-]*|/[A-Za-z][\w:-]*)(?:\s[^<>]*)?/?>")
_COMPACT = re.compile(r"(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?)?")


def looks_like_xml(data: bytes, filename: str) -> bool:
    return bool(_XML_START.match(data[:4096]))


def read_xml(data: bytes, filename: str) -> ReadResult:
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise ReadError(f"XML file with {tags:,} tags (the limit is {MAX_TAGS:,}): not read")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return read_text(data, filename)  # "<" at the start of a note is no markup: its text as written
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    items = _feed_items(root)
    if len(items) > 1:
        return ReadResult("", "xml feed", encoding, _dates(_first_of_each(root)), children=tuple(
            (f"item {n:05d}.xml", etree.tostring(item, encoding="utf-8", xml_declaration=True))
            for n, item in enumerate(items, 1)))
    root = items[0] if items else root  # one item: its story, not the channel's description
    first = _first_of_each(root)
    body = next((first[name] for name in _BODIES if name in first), root)
    text = _text_of(body)
    title = next((first[name] for name in _TITLES if name in first), None)
    if title is not None and title is not body and body is not root:
        text = " ".join("".join(title.itertext()).split()) + "\n\n" + text
    if not text.strip():
        raise ReadError("XML file without text")
    return ReadResult(text, "xml", encoding, _dates(first))


def _feed_items(root: etree._Element) -> list[etree._Element]:
    """The items of an RSS (0.9x, 1.0, 2.0) or Atom feed; none for any other XML."""
    if etree.QName(root).localname not in _FEEDS:
        return []
    return [e for e in root.iter(tag=etree.Element) if etree.QName(e).localname in _ITEMS]


def _first_of_each(root: etree._Element) -> dict[str, etree._Element]:
    """Each element name's first element, in one pass ("CREATION_TIME" for TimeML's creation-time TIMEX3)."""
    first: dict[str, etree._Element] = {}
    for element in root.iter(tag=etree.Element):
        name = etree.QName(element).localname
        if name == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            name = "CREATION_TIME"
        first.setdefault(name, element)
    return first


def _text_of(element: etree._Element) -> str:
    """Running text stays running; a child standing alone between its siblings is a paragraph."""
    parts: list[str] = []

    def walk(e: etree._Element, block: bool) -> None:
        if block:
            parts.append("\n\n")
        parts.append(e.text or "")
        # whether e's children stand alone, decided once for all of them (not once per child)
        mixed = bool((e.text or "").strip() or any((c.tail or "").strip() for c in e))
        for child in e:
            if isinstance(child.tag, str):
                walk(child, not mixed)
            parts.append(child.tail or "")
        if block:
            parts.append("\n\n")

    walk(element, False)
    paragraphs = re.split(r"\n\s*\n", html_text("".join(parts)))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip()) + "\n"


def html_text(markup: str) -> str:
    """Escaped HTML (an RSS description, Atom content, a JSON export's body) as its text, not its tags."""
    if not _MARKUP.search(markup):
        return markup
    import lxml.html

    try:
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup
    for hidden in list(fragment.iter("script", "style")):
        hidden.drop_tree()
    for block in fragment.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        block.tail = "\n\n" + (block.tail or "")  # a paragraph of the item stays one
    return fragment.text_content()


def _dates(first: dict[str, etree._Element]) -> tuple[KnownDate, ...]:
    created = first.get("CREATION_TIME")
    parsed = parse_date(created.get("value", "")) if created is not None else None
    if parsed:
        return (KnownDate(parsed[0], "TimeML creation time", 0.95, before_text=True, has_time=parsed[1],
                          detail=f'<TIMEX3 functionInDocument="CREATION_TIME" value="{created.get("value")}">'),)
    for name, attribute in _DATE_FIELDS:
        element = first.get(name)
        raw = (element.get(attribute) if attribute else element.text) if element is not None else None
        parsed = parse_date((raw or "").strip())
        if parsed:
            return (KnownDate(parsed[0], f"XML <{name}>", 0.8, before_text=True, has_time=parsed[1],
                              detail=f"<{name}>{raw.strip()}"),)  # type: ignore[union-attr]
    return ()


def parse_date(raw: str) -> tuple[datetime, bool] | None:
    """ISO 8601, compact ISO (20020715T000000) or an RFC 822 date (RSS); and whether it has a time."""
    compact = _COMPACT.fullmatch(raw)
    try:
        if compact:
            y, m, d, hh, mm, ss = compact.groups()
            return datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0)), hh is not None
        if re.match(r"\d{4}-\d\d-\d\d", raw):
            return datetime.fromisoformat(raw.replace("Z", "+00:00")), "T" in raw or " " in raw.strip()
        return (parsedate_to_datetime(raw), True) if raw else None
    except (ValueError, TypeError, IndexError):
        return None
