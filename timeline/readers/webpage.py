"""Saved web pages: the article text (trafilatura drops navigation, ads and scripts) and the
publication date from the page's metadata (htmldate: meta tags, JSON-LD, <time>, the URL).

Nothing in the page is run or fetched. Both libraries would download a string that starts with
"http" and has no space (a page whose text is a URL and tab-separated words): they are only ever
given the tree we parse here, never a string.
"""
from __future__ import annotations

import re
from datetime import datetime

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from . import KnownDate, ReadError, ReadResult, suffix
from .plaintext import decode

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)
# Bounds for htmldate (its default upper bound is today's date, read from the clock).
_DATE_BOUNDS = {"min_date": "1800-01-01", "max_date": "2199-12-31"}
MAX_TAGS = 300_000  # a long encyclopaedia article has about 50,000; parsing a million takes a minute and a GB


def looks_like_html(data: bytes, filename: str) -> bool:
    return suffix(filename) in (".html", ".htm", ".xhtml") or bool(_HTML_START.match(data[:2048]))


def read_html(data: bytes, filename: str) -> ReadResult:
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise ReadError(f"web page with {tags:,} tags (the limit is {MAX_TAGS:,}): not read")
    markup, encoding = _decode(data)
    tree = _parse(markup)
    found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False,
                                        date_extraction_params={"extensive_search": False, "original_date": True,
                                                                **_DATE_BOUNDS})
    body = (found.text or "") if found else ""
    if not body.strip():
        raise ReadError("web page without article text")
    title = (found.title or "").strip()
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    published = _published(tree)  # after extraction: htmldate may prune the tree it is given
    return ReadResult("\n\n".join(paragraphs) + "\n", "html", encoding, (published,) if published else ())


def _decode(data: bytes) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii")), declared.group(1).decode("ascii").lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _parse(markup: str) -> HtmlElement:
    """The page as an lxml tree (trafilatura's loader never fetches; htmldate's does)."""
    tree = load_html(markup)
    if tree is None:
        raise ReadError("not a readable web page (the HTML could not be parsed)")
    return tree


def _published(tree: HtmlElement) -> KnownDate | None:
    """The page's own publication date from its metadata only (the text is searched later,
    by the dateline finder, so that a date quoted in the article is never taken for it)."""
    value = htmldate.find_date(tree, extensive_search=False, original_date=True,
                               outputformat="%Y-%m-%dT%H:%M:%S%z", **_DATE_BOUNDS)
    if not value:
        return None
    when = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z" if value[-5:-4] in "+-" else "%Y-%m-%dT%H:%M:%S")
    has_time = (when.hour, when.minute, when.second) != (0, 0, 0)
    return KnownDate(when, "page metadata", 0.9, before_text=True, has_time=has_time)


