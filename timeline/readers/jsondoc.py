"""JSON articles: a JSON Feed, a news service's export (a list of article objects, or JSON Lines)
or one article object.

An article is an object with a text field (``content_text``, ``body``, ``articleBody``...); its
title and publication date come from the fields such exports name so. Several articles open like
an archive, one article per object, each dated by its own date. HTML in a text field is read as
text. JSON that holds no article is read as plain text, as before.
"""
from __future__ import annotations

import json
import re

from ..dateline import KnownDate
from . import ReadResult
from .plaintext import decode, read_text
from .xmldoc import html_text, parse_date

_TEXTS = ("content_text", "content_html", "articleBody", "body", "text", "content", "article", "description",
          "summary", "abstract", "lead")
_TITLES = ("title", "headline", "name")
_DATES = ("date_published", "datePublished", "published", "publishedAt", "published_at", "pubDate",
          "firstCreated", "dateCreated", "date", "created_at", "date_modified", "dateModified", "updated")
MIN_TEXT = 40  # characters: shorter strings are labels and descriptions of the export, not stories
MAX_NODES = 2_000_000  # values looked at: the search for articles stays linear and bounded
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")  # a news API's cut-off full text
_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*[\[{]")


def looks_like_json(data: bytes, filename: str) -> bool:
    return bool(_START.match(data[:64])) and (filename.lower().endswith((".json", ".jsonl", ".ndjson"))
                                               or data.rstrip()[-1:] in (b"}", b"]"))


def read_json(data: bytes, filename: str) -> ReadResult:
    text, encoding = decode(data)
    parsed = _parsed(text)
    articles = _articles(parsed) if parsed is not None else []
    if not articles:
        return read_text(data, filename)  # JSON without a story in it (or not JSON): its text as written
    if len(articles) > 1:
        top = parsed if isinstance(parsed, dict) else {}
        return ReadResult("", "json feed", encoding, _dates(top), children=tuple(
            (f"item {n:05d}.json", json.dumps(a, ensure_ascii=False).encode("utf-8"))
            for n, a in enumerate(articles, 1)))
    return ReadResult(_article_text(articles[0]), "json", encoding, _dates(articles[0]))


def _parsed(text: str) -> object | None:
    """The JSON value; JSON Lines as a list; None when it is neither (or nested too deep)."""
    try:
        return json.loads(text)
    except RecursionError:
        return None
    except ValueError:
        pass
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except (ValueError, RecursionError):
        return None


def _articles(value: object) -> list[dict]:
    """The article objects, in document order; an article's own nested objects are not searched."""
    found, stack, seen = [], [value], 0
    while stack and seen < MAX_NODES:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            if _story(item) and not _holds_stories(item):
                found.append(item)
                continue
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def _holds_stories(item: dict) -> bool:
    """A feed or an export's envelope: its description is not a story, its list of items is."""
    return any(isinstance(x, dict) and _story(x) for v in item.values() if isinstance(v, list) for x in v)


def _story(item: dict) -> str:
    """The longest text field (a summary and a full text: the full text), HTML read as text."""
    texts = [item[k] for k in _TEXTS if isinstance(item.get(k), str)]
    best = max(texts, key=len, default="")
    return _TRUNCATED.sub("", best) if len(best.strip()) >= MIN_TEXT else ""


def _article_text(item: dict) -> str:
    story = html_text(_story(item))
    title = next((item[k] for k in _TITLES if isinstance(item.get(k), str) and item[k].strip()), "")
    paragraphs = ([" ".join(title.split())] if title else []) + \
        [" ".join(p.split()) for p in re.split(r"\n\s*\n", story) if p.strip()]
    return "\n\n".join(paragraphs) + "\n"


def _dates(item: dict) -> tuple[KnownDate, ...]:
    for name in _DATES:
        raw = item.get(name)
        parsed = parse_date(raw.strip()) if isinstance(raw, str) else None
        if parsed:
            return (KnownDate(parsed[0], f"JSON {name}", 0.8, before_text=True, has_time=parsed[1],
                              detail=f'"{name}": "{raw.strip()}"'),)
    return ()
