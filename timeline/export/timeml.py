"""TimeML (TempEval-3) documents: read gold timexes from one, write a system one with inline TIMEX3."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

_TEXT = re.compile(r"(<TEXT>)(.*?)(</TEXT>)", re.S)
_DCT = re.compile(r'<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)"', re.S)
_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>|<[^>]+>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_MODS = {"START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "APPROX", "LESS_THAN", "MORE_THAN"}


@dataclass(frozen=True)
class Timex3:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimeMLDocument:
    source: str  # the whole file, kept so a system file repeats everything but the tags
    dct: str
    text: str  # TEXT content, unescaped, tags removed
    timexes: list[Timex3]


def parse(source: str) -> TimeMLDocument:
    dct_match = _DCT.search(source)
    text_match = _TEXT.search(source)
    if not dct_match or not text_match:
        raise ValueError("not a TimeML document with DCT and TEXT")
    text, timexes = _strip_tags(text_match.group(2))
    return TimeMLDocument(source, dct_match.group(1), text, timexes)


def _strip_tags(marked: str) -> tuple[str, list[Timex3]]:
    out: list[str] = []
    length = 0
    open_attrs: dict[str, str] | None = None
    open_at = 0
    timexes = []
    position = 0
    for tag in _TAG.finditer(marked):
        chunk = html.unescape(marked[position:tag.start()])
        out.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group().startswith("<TIMEX3"):
            open_attrs, open_at = dict(_ATTR.findall(tag.group(1))), length
        elif tag.group() == "</TIMEX3>" and open_attrs is not None:
            timexes.append(Timex3(open_at, length, open_attrs.get("type", ""), open_attrs.get("value", ""),
                                  open_attrs.get("mod")))
            open_attrs = None
    out.append(html.unescape(marked[position:]))
    return "".join(out), timexes


def render(document: TimeMLDocument, timexes: list[Timex3]) -> str:
    """The document with its TEXT re-tagged with ``timexes`` (non-overlapping, any order)."""
    pieces, position = [], 0
    for number, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < position:
            continue
        mod = f" mod={quoteattr(t.mod)}" if t.mod in _MODS else ""
        pieces.append(escape(document.text[position:t.start]))
        pieces.append(f'<TIMEX3 tid="t{number}" type={quoteattr(t.type)} value={quoteattr(t.value)}{mod}>'
                      f"{escape(document.text[t.start:t.end])}</TIMEX3>")
        position = t.end
    pieces.append(escape(document.text[position:]))
    text_span = _TEXT.search(document.source)
    assert text_span is not None
    return document.source[:text_span.start(2)] + "".join(pieces) + document.source[text_span.end(2):]
