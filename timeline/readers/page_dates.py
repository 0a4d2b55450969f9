"""A saved page's publication date, and which tag said it.

Tried in order: the date in the page's own address (`<link rel="canonical">`, `og:url`: a
permalink keeps the first publication), publication tags (`<meta property="article:published_time">`
and its kin, JSON-LD `datePublished`, `itemprop="datePublished"`, `<time datetime>` marked as the
publication or in the article's header): those come before the text's own dateline. A date in the
page's <title>, else htmldate's search of tags and date patterns, stands in when the text has
none, and overrules a bare date line at the top (often the site's clock); htmldate's extensive
search of the whole text is only a flagged guess; a modified date comes last.
htmldate only ever gets a copy of the parsed tree, never a string (it fetches what looks like a URL).
"""
from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from datetime import datetime

import htmldate
from lxml.html import HtmlElement

from ..dateline import KnownDate

_PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished",
                   "date.published", "publishdate", "publish-date", "publish_date", "pubdate", "publication_date",
                   "citation_publication_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
                   "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "date",
                   "originalpublicationdate", "article_date_original", "cxenseparse:recs:publishtime")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                  "dcterms.modified", "last-modified", "lastmod")
_ISO = re.compile(r"(?P<y>1[89]\d\d|2[01]\d\d)[-/.](?P<m>0?[1-9]|1[0-2])[-/.](?P<d>0?[1-9]|[12]\d|3[01])(?!\d)"
                  r"(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d+)?)?"
                  r"\s*(?P<z>Z|[+-]\d\d:?\d\d)?)?")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_BOUNDS = {"min_date": "1800-01-01", "max_date": "2199-12-31"}  # htmldate would read the clock otherwise


def page_dates(tree: HtmlElement) -> tuple[KnownDate, ...]:
    """Every date the page gives about itself, best first (the dateline finder takes the first
    trusted one, else the text's own dateline, else the best stand-in)."""
    found: list[KnownDate] = []
    url = _page_address(tree)
    url_date = _URL_DATE.search(url or "")
    if url_date:  # a permalink keeps the first publication date, where tags may give a later edition
        when = datetime(int(url_date["y"]), int(url_date["m"]), int(url_date["d"]))
        found.append(_known(when, "page address", f"date in the page's address {url}", 0.9, True, has_time=False))
    for detail, value in _published_tags(tree):
        when = parse_page_date(value)
        if when:
            found.append(_known(when, "page metadata", detail, 0.9, True))
            break
    labelled = None if found else _labelled_date(tree)
    if labelled:  # 'VERÖFFENTLICHT AM 07.06.2019' in a box beside the article: said in words
        found.append(_known(labelled[1], "page text", f"'{labelled[0]}' on the page", 0.75, False, has_time=False))
    titled = None if found else _title_date(tree)
    if titled:  # 'Uncork the mystery ... | DW | 10.06.2013': the site dates its pages in the title
        found.append(_known(titled, "page title", "the date in the page's <title>", 0.75, False, has_time=False))
    if not found:
        found.extend(_htmldate_dates(tree))
    for detail, value in _modified_tags(tree):
        when = parse_page_date(value)
        if when:
            found.append(_known(when, "page metadata", f"{detail} (the date it was modified)", 0.4, False))
            break
    return tuple(found)


def _known(when: datetime, source: str, detail: str, confidence: float, before_text: bool,
           has_time: bool | None = None) -> KnownDate:
    timed = (when.hour, when.minute, when.second) != (0, 0, 0) if has_time is None else has_time
    return KnownDate(when, source, confidence, before_text=before_text, has_time=timed, detail=detail)


def parse_page_date(value: str) -> datetime | None:
    """'2021-03-04T10:20:00+01:00', '2021-03-04', '2021/03/04 10:20': a date-time; None otherwise."""
    m = _ISO.search(value.strip()[:64])
    if not m:
        return None
    try:
        when = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0))
    except ValueError:
        return None
    zone = m["z"]
    if zone:
        offset = "+00:00" if zone == "Z" else zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
        when = datetime.fromisoformat(when.isoformat() + offset)
    return when


def _meta(tree: HtmlElement) -> Iterator[tuple[str, str, str]]:
    """(lowercased name or property, the attribute that holds it, content) of every <meta>."""
    for element in tree.iter("meta"):
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and element.get("content"):
                yield key, attribute, element.get("content") or ""


def _published_tags(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    metas = {key: (attribute, content) for key, attribute, content in reversed(list(_meta(tree)))}
    for key in _PUBLISHED_META:
        if key in metas:
            attribute, content = metas[key]
            yield f'<meta {attribute}="{key}">', content
    for value in _json_ld(tree, "datePublished"):
        yield "JSON-LD datePublished", value
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        yield f'<{element.tag} itemprop="datePublished">', value or ""
    for element in tree.xpath("//time[@datetime]"):
        marks = " ".join((element.get("class") or "", element.get("pubdate") or "", element.getparent().get("class") or ""
                          if element.getparent() is not None else "")).lower()
        if element.get("pubdate") is not None or re.search(r"publi|posted|entry-date|created", marks):
            yield "<time datetime> marked as the publication", element.get("datetime") or ""
    header_time = _article_header_time(tree)
    if header_time is not None:
        yield "<time datetime> in the article's header", header_time


_ELSEWHERE = re.compile(r"comment|related|teaser|sidebar|widget|footer|recommend|popular|trending|event", re.I)
_HEADER = re.compile(r"header|entry-meta|byline|dateline|\barticle\b", re.I)


def _article_header_time(tree: HtmlElement) -> str | None:
    """An unmarked <time datetime> in the article's header (<article><section class="header">), not
    in a comment, teaser or sidebar, and not an update: the article's own date."""
    for element in tree.xpath("//time[@datetime]"):
        if re.search(r"updated|modified", element.get("class") or "", re.I):
            continue
        around = " ".join(f"{a.tag} {a.get('class') or ''} {a.get('id') or ''}" for a in element.iterancestors())
        if _ELSEWHERE.search(around):
            continue
        if _HEADER.search(around):
            return element.get("datetime")
    return None


def _modified_tags(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    metas = {key: (attribute, content) for key, attribute, content in _meta(tree)}
    for key in _MODIFIED_META:
        if key in metas:
            yield f'<meta {metas[key][0]}="{key}">', metas[key][1]
    for value in _json_ld(tree, "dateModified"):
        yield "JSON-LD dateModified", value


def _json_ld(tree: HtmlElement, field: str) -> Iterator[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _field_values(data, field, depth=0)


def _field_values(data: object, field: str, depth: int) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(data, dict):
        if isinstance(data.get(field), str):
            yield data[field]
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _field_values(value, field, depth + 1)
    elif isinstance(data, list):
        for item in data[:50]:
            yield from _field_values(item, field, depth + 1)


def _page_address(tree: HtmlElement) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xpath)
        if found and str(found[0]).startswith(("http://", "https://", "/")):
            return str(found[0])
    return None


def _htmldate_dates(tree: HtmlElement) -> list[KnownDate]:
    """htmldate's fast search (tags, then the page's own date patterns) stands in for a dateline
    in the text. Where it finds nothing, its extensive search takes any date in the page's text
    (a copyright year as 1 January, a print date, a founding day): that is a flagged guess, not a
    publication date (on the trafilatura pages, 10 of 10 pages without a date got one that way)."""
    fast = _htmldate(tree, extensive=False)
    if fast:  # it also reads the text: the text's own wire or metadata dateline comes first
        return [_known(fast, "htmldate", "search of the page's tags and date patterns", 0.7, False)]
    guess = _htmldate(tree, extensive=True)
    if guess:
        return [_known(guess, "htmldate", "extensive search: a date found somewhere in the page's text, "
                       "no tag or pattern marks it as the publication", 0.35, False)]
    return []


def _htmldate(tree: HtmlElement, extensive: bool) -> datetime | None:
    value = htmldate.find_date(copy.deepcopy(tree), extensive_search=extensive, original_date=True,
                               outputformat="%Y-%m-%dT%H:%M:%S%z", **_BOUNDS)
    return parse_page_date(value) if value else None


# A publication word on the page and a whole numeric date (day-first with dots, or year-first):
# the words are the rules files' `dateline_word` entries marked 1, in the languages we read.
_LABELLED = re.compile(
    r"(?i)(?<!\w)(?:published(?:\s+on)?|posted\s+on|veröffentlicht(?:\s+am)?|erschienen\s+am|publiée?\s+le|"
    r"publicad[oa](?:\s+(?:el|em))?|pubblicat[oa]\s+il|опубликовано|дата\s+публикации|نشر\s+في|تاريخ\s+النشر|"
    r"公開日|配信日|掲載日|投稿日|发布时间|发布日期|기사입력|입력)\s*[:：]?\s*"
    r"(?:(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:19|20)\d\d)|"
    r"(?P<y2>(?:19|20)\d\d)[-./](?P<m2>0?[1-9]|1[0-2])[-./](?P<d2>0?[1-9]|[12]\d|3[01]))(?![\d.])")


def _labelled_date(tree: HtmlElement) -> tuple[str, datetime] | None:
    """The first 'Veröffentlicht am 07.06.2019', 'Published: 2021-03-04', '입력 2023.03.14' in the
    page's visible text (a box beside the article that the extracted text leaves out)."""
    text = " ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    m = _LABELLED.search(" ".join(text.split()))
    if not m:
        return None
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    try:
        return m.group().strip(), datetime(int(y), int(mo), int(d))
    except ValueError:
        return None


_TITLE_DATE = re.compile(r"(?<![\d.])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:19|20)\d\d)(?![\d.])")


def _title_date(tree: HtmlElement) -> datetime | None:
    """A whole day-first date in the <title> ('| DW | 10.06.2013'); ISO dates there are read too."""
    title = tree.findtext(".//title") or ""
    m = _TITLE_DATE.search(title)
    if m:
        try:
            return datetime(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    return parse_page_date(title) if _ISO.search(title) else None
