"""An article's structure: paragraphs with offsets, boilerplate flags and a title."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import trim_span

_BOILERPLATE = re.compile(
    r"(?i)^[\W_]*(?:related(?:\s+(?:stories|articles|posts|news|content|coverage|topics))?|"
    r"most\s+(?:popular|read|viewed)(?:\s+(?:articles|stories|news))?|.{0,30}popular\s+articles?|"
    r"(?:\w+\s+)?access\s+ranking|support\s+us|secured\s+by\s+\w+|check\s+out\s+other\s+tags:?|"
    r"back\s+to\s+top(?:\s+button)?|read\s+more.*|advertisement|sponsored(?:\s+content)?|"
    r"share(?:\s+this(?:\s+(?:article|story))?)?(?:\s+on\s+\w+)?|subscribe.*|sign\s+up.*|follow\s+us.*|"
    r"click\s+here.*|tags?:.*|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you)?|"
    r"trending(?:\s+now)?|more\s+from\s+.*|comments?|print|e-?mail|copyright.*|©.*|all\s+rights\s+reserved.*|"
    r"[a-z]{2,4}(?:/[a-z]{2,4})+|-?\d{1,3}(?:\.\d)?\s*°?\s*[CF])[\W_]*$"
)
# Once one of these appears, the rest of the page is lists of other headlines.
_TAIL_MARKER = re.compile(
    r"(?i)related\s+(?:stories|articles|posts|news)|most\s+(?:popular|read|viewed)|popular\s+articles?|"
    r"access\s+ranking|you\s+(?:may|might)\s+also\s+like|more\s+from\s+|recommended\s+for\s+you|"
    r"check\s+out\s+other\s+tags|read\s+more\s+(?:stories|articles)|trending\s+now|"
    # the same teaser headings in the other languages we read
    r"lesen\s+sie\s+auch|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+auch\s+interessieren|"
    r"[àa]\s+lire\s+aussi|sur\s+le\s+même\s+sujet|articles?\s+(?:liés|similaires)|"
    r"te\s+puede\s+interesar|noticias\s+relacionadas|lo\s+más\s+leído|"
    r"leia\s+também|notícias\s+relacionadas|mais\s+lidas|leggi\s+anche|articoli\s+correlati|"
    r"читайте\s+также|関連記事|相关(?:阅读|新闻|文章)|관련\s?기사"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")


@dataclass(frozen=True)
class Paragraph:
    index: int  # 0-based position in the article
    start: int
    end: int
    boilerplate: bool = False
    reason: str = ""


def split_paragraphs(text: str) -> list[Paragraph]:
    """Blank-line blocks; a block whose lines are whole sentences is one paragraph per line."""
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        lines = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", block.group())]
        if len(lines) > 1 and not _hard_wrapped(block.group()):
            spans += [(block.start() + s, block.start() + e) for s, e in lines]
        else:
            spans.append((block.start(), block.start() + len(block.group().rstrip())))
    return [Paragraph(i, *trim_span(text, s, e)) for i, (s, e) in enumerate(spans)]


def _hard_wrapped(block: str) -> bool:
    """Lines cut at a fixed width (e-mail, old wire copy) belong to one paragraph."""
    lines = block.strip().split("\n")
    if len(lines) < 3:
        return False
    wrapped = sum(1 for line in lines[:-1] if 40 <= len(line) <= 100 and not _SENTENCE_END.search(line.strip()))
    return wrapped >= 0.6 * (len(lines) - 1)


def mark_boilerplate(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    marked: list[Paragraph] = []
    tail = False
    seen_body = False
    for p in paragraphs:
        body = text[p.start:p.end]
        if seen_body and len(body) <= 80 and _TAIL_MARKER.search(body):
            tail = True
        if tail:
            marked.append(Paragraph(p.index, p.start, p.end, True, "after a list-of-links heading"))
        elif len(body) <= 80 and (_BOILERPLATE.match(body) or not re.search(r"[A-Za-z0-9]", body)):
            marked.append(Paragraph(p.index, p.start, p.end, True, "navigation, widget or share line"))
        else:
            seen_body = seen_body or len(body) > 80
            marked.append(p)
    return marked


def find_title(text: str, paragraphs: list[Paragraph], skip: tuple[int, int] | None = None) -> str:
    """The headline: the wordiest short unpunctuated line near the top, else the first sentence."""
    candidates = []
    for p in paragraphs:
        if p.boilerplate or (skip and p.start < skip[1] and skip[0] < p.end and p.end - p.start < 100):
            continue
        body = text[p.start:p.end].strip()
        if len(body) < 150 and not _SENTENCE_END.search(body):
            candidates.append(body)
        if len(candidates) == 3 or len(body) >= 150:
            break
    if candidates:
        return max(candidates, key=lambda c: len(c.split()))
    body_start = skip[1] if skip else 0
    first = next((p for p in paragraphs if not p.boilerplate and p.end > body_start), None)
    if first is None:
        return ""
    body = text[max(first.start, body_start):first.end].lstrip(" —–-:.")
    sentence = re.split(r"(?<=[a-z0-9][.!?])\s+(?=[A-Z“\"])", body, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
