"""A single self-contained HTML file: the timeline drawn in SVG by a small embedded script
(html_viewer.js; nothing is fetched), the list of events, and the source paragraphs they come
from, each event linking to its paragraph. Without JavaScript the list and paragraphs remain."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import TextIO

import numpy as np

from .. import calendar as cal
from .focus import Focus, focus
from .records import ExportEvent, by_source

_SCRIPT = Path(__file__).with_name("html_viewer.js")
_STYLE = Path(__file__).with_name("html_viewer.css")
_EXACT = ("day", "hour", "minute", "part_of_day")


def _anchor(lane: int, paragraph: int) -> str:
    return f"s{lane}p{paragraph}"


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """The paragraph with each expression (start, end) marked; overlapping ones once."""
    parts, done = [], 0
    for start, end in sorted(set(spans)):
        if start < done:
            continue
        parts += [escape(text[done:start]), f"<mark>{escape(text[start:end])}</mark>"]
        done = end
    return "".join(parts) + escape(text[done:])


def _data(records: list[ExportEvent], lanes: dict[str, int], shown: Focus) -> dict[str, object]:
    first = {source: group[0] for source, group in by_source(records).items()}
    return {"focus": [shown.t0, shown.t1],
        "lanes": [{"title": first[s].source_title or s, "file": s, "dateline": first[s].dateline} for s in lanes],
        "events": [{"id": r.event_id, "title": r.title, "t0": cal.clamp(r.t0), "t1": cal.clamp(r.t1), "lane": lanes[r.source],
                    "exact": r.granularity in _EXACT, "openStart": r.open_start, "openEnd": r.open_end,
                    "conflict": r.conflict, "confidence": r.confidence, "expression": r.expression,
                    "when": r.start if r.start == r.end else f"{r.start} – {r.end}", "value": r.value,
                    "sources": r.sources, "anchor": _anchor(lanes[r.source], r.paragraph)} for r in records]}


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no '</' can close the element early."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _event_rows(records: list[ExportEvent], lanes: dict[str, int]) -> str:
    rows = []
    for r in records:
        when = r.start if r.start == r.end else f"{r.start} – {r.end}"
        flag = " class='conflict'" if r.conflict == "open" else ""
        rows.append(f"<tr id='e{r.event_id}'{flag}><td>{escape(when)}</td><td>{escape(r.granularity)}</td>"
                    f"<td>{_titled(r)}</td><td>{escape(r.expression)}</td>"
                    f"<td><a href='#{_anchor(lanes[r.source], r.paragraph)}'>{escape(r.source)} ¶{r.paragraph}</a></td>"
                    f"<td>{r.sources}</td><td>{escape(r.conflict)}</td><td>{escape(', '.join(r.tags))}</td></tr>")
    return "\n".join(rows)


def _titled(r: ExportEvent) -> str:
    """The title, starred if the analyst starred it, with the analyst's description below."""
    star = "★ " if r.starred else ""
    note = f"<div class='note'>{escape(r.description)}</div>" if r.description else ""
    return f"{star}{escape(r.title)}{note}"


def _sources(records: list[ExportEvent], lanes: dict[str, int]) -> str:
    parts = []
    for source, group in by_source(records).items():
        lane = lanes[source]
        parts.append(f"<section class='source'><h3>{escape(group[0].source_title or source)}</h3>"
                     f"<p class='meta'>{escape(source)} · dateline {escape(group[0].dateline)}</p>")
        seen: set[int] = set()
        for r in sorted(group, key=lambda r: (r.paragraph, r.expression_offset)):
            if r.paragraph in seen:
                continue
            seen.add(r.paragraph)
            spans = [(x.expression_offset, x.expression_offset + len(x.expression)) for x in group
                     if x.paragraph == r.paragraph and x.paragraph_text]
            marked = _marked(r.paragraph_text, spans) if r.paragraph_text else escape(r.text)
            parts.append(f"<p id='{_anchor(lane, r.paragraph)}' class='paragraph'><span class='num'>¶{r.paragraph}"
                         f"</span> {marked}</p>")
        parts.append("</section>")
    return "\n".join(parts)


def write_html(out: TextIO, records: list[ExportEvent], title: str = "Timeline") -> None:
    lanes = {source: number for number, source in enumerate(by_source(records))}
    span = f"{records[0].start[:10]} – {max(r.end for r in records)[:10]}" if records else "no events"
    shown = focus(np.array([cal.clamp(r.t0) for r in records]), np.array([cal.clamp(r.t1) for r in records]))
    out.write(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{escape(title)}</title>
<style>{_STYLE.read_text(encoding="utf-8")}</style></head>
<body>
<header><h1>{escape(title)}</h1>
<p class="meta">{escape(span)} · {len(records)} events from {len(lanes)} sources</p>
<div class="legend"><span><i class="point"></i>exact date</span><span><i class="bar"></i>vague date (month, year,
range)</span><span><i class="open"></i>open interval</span><span><i class="disputed"></i>sources disagree</span>
<span><i class="faint"></i>low confidence</span></div></header>
<div id="controls"><button id="focus" type="button">Where the events are</button>
<button id="fit" type="button">Every date</button> <span class="hint">wheel: zoom · drag: pan ·
click an event for its source</span></div>
<div id="chart" role="img" aria-label="timeline"></div>
<div id="details" hidden></div>
<h2>Events</h2>
<table id="events"><thead><tr><th>Date</th><th>Precision</th><th>Title</th><th>Expression</th><th>Source</th>
<th>Sources</th><th>Conflict</th><th>Tags</th></tr></thead><tbody>
{_event_rows(records, lanes)}
</tbody></table>
<h2>Sources</h2>
{_sources(records, lanes)}
<script type="application/json" id="timeline-data">{_script_json(_data(records, lanes, shown))}</script>
<script>{_SCRIPT.read_text(encoding="utf-8")}</script>
</body></html>
""")
