"""Saved web pages: the article text (trafilatura drops navigation, ads and scripts) and the
publication date from the page's own tags and address (page_dates.py, which names the tag).

Nothing in the page is run or fetched. Both libraries would download a string that starts with
"http" and has no space (a page whose text is a URL and tab-separated words): they are only ever
given the tree we parse here, never a string.
"""
from __future__ import annotations

import re
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from . import ReadError, ReadResult, suffix
from .page_dates import page_dates
from .plaintext import decode

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)
# Bounds for htmldate (its default upper bound is today's date, read from the clock).
_DATE_BOUNDS = {"min_date": "1800-01-01", "max_date": "2199-12-31"}
MAX_TAGS = 300_000  # a long encyclopaedia article has about 50,000; parsing a million takes a minute and a GB


# A page saved behind junk (PHP warnings, a stray byte-order line) still opens as a page.
_HTML_LATER = re.compile(rb"<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_HTML_BODY = re.compile(rb"<(?:body|/html)\b", re.IGNORECASE)


def looks_like_html(data: bytes, filename: str) -> bool:
    if suffix(filename) in (".html", ".htm", ".xhtml") or _HTML_START.match(data[:2048]):
        return True
    return bool(_HTML_LATER.search(data[:8192]) and _HTML_BODY.search(data))


def read_html(data: bytes, filename: str) -> ReadResult:
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise ReadError(f"web page with {tags:,} tags (the limit is {MAX_TAGS:,}): not read")
    if not _HTML_START.match(data[:2048]):  # PHP warnings or other junk before the markup
        later = _HTML_LATER.search(data[:8192])
        data = data[later.start():] if later else data
    markup, encoding = _decode(data)
    tree = _parse(markup)
    dates = page_dates(tree)  # before extraction, which prunes the tree (scripts hold JSON-LD)
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
    return ReadResult("\n\n".join(paragraphs) + "\n", "html", encoding, dates,
                      language=tree.get("lang") or tree.get("xml:lang"))


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
