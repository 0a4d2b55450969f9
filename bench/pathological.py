"""Time per KB of the whole per-file import path (read, dateline, analysis: ``importer.prepare``)
on dense and degenerate inputs, next to ordinary news measured in the same run.

    python bench/pathological.py [--scale 1.0]

Ordinary news: the bundled samples and the MEANTIME texts (bench/corpus.py). Target: no input
costs more than 5x the per-KB time of ordinary news, and none would take more than 10 s for 1 MB.
Exit status 1 when an input misses the target.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build  # noqa: E402

from timeline.importer import prepare, start_worker  # noqa: E402

FILE_TIME = datetime(2022, 2, 2, tzinfo=timezone.utc)
MAX_RATIO, MAX_SECONDS_PER_MB = 5.0, 10.0


def _news(articles: list[tuple[str, str]]) -> str:
    return "\n\n".join(text for _, text in articles)


def dense_inputs(articles: list[tuple[str, str]], scale: float) -> dict[str, tuple[str, bytes]]:
    """name -> (file name, content). ``scale`` shrinks the big ones for a quick look."""
    news = _news(articles)
    one_line = " ".join(news.split())  # ordinary text, no newline at all

    def repeat(text: str, size: int) -> str:
        return (text * (size // len(text) + 1))[:size]

    lines = [line for line in news.splitlines() if line.strip()]
    big = int(5_000_000 * scale)
    return {
        "4,000 x 'Monday, ' (one sentence)": ("monday.txt", ("Monday, " * 4000).encode()),
        "4,000 x '1999 ' (one sentence)": ("years.txt", ("1999 " * 4000).encode()),
        "2,000 x 'March 3, ' (comma list)": ("march.txt", ("March 3, " * 2000).encode()),
        "4,000 dates, every form, one sentence": ("mixed.txt", " ".join(
            f"{d} March 2021, on Monday, {1990 + d % 30}, the 3rd quarter, 5 days later, at 10:30 GMT"
            for d in range(1, 570)).encode()),
        f"{big / 1e6:.0f} MB news without a newline": ("flat.txt", repeat(one_line + " ", big).encode()),
        f"{int(200_000 * scale):,}-line file": ("lines.txt", "\n".join(
            lines[i % len(lines)][:60] for i in range(int(200_000 * scale))).encode()),
        f"{int(1_000_000 * scale):,}-tag HTML": ("tags.html", _html(int(1_000_000 * scale), news).encode()),
        f"flat RSS feed, {int(20_000 * scale):,} items": ("feed.xml", _feed(int(20_000 * scale), lines).encode()),
    }


def _html(tags: int, news: str) -> str:
    words = news.split()
    cells = "".join(f"<td>{words[i % len(words)]}</td>" for i in range(tags // 2))
    return f"<html><head><title>t</title></head><body><table><tr>{cells}</tr></table></body></html>"


def _feed(items: int, lines: list[str]) -> str:
    """One channel of many sibling items (a flat feed: the XML reader was once quadratic in siblings)."""
    from xml.sax.saxutils import escape

    body = "".join(f"<item><title>{escape(lines[i % len(lines)][:60])}</title>"
                   f"<pubDate>Mon, {1 + i % 28:02d} Mar 2021 10:00:00 GMT</pubDate>"
                   f"<description>{escape(lines[(i + 1) % len(lines)])}</description></item>" for i in range(items))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>{body}</channel></rss>'


def prepare_all(name: str, data: bytes):  # type: ignore[no-untyped-def]
    """A file prepared, and each file inside it (a feed's items) as the importer would."""
    prepared = prepare(name, data, FILE_TIME)
    for child_name, child in prepared.read.children if prepared.read else ():
        prepare(child_name, child, FILE_TIME)
    return prepared


def timed(run: Callable[[], object]) -> float:
    """CPU seconds of this process: the machine's other load does not skew the ratios."""
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="size of the big inputs (1.0: as the target says)")
    args = parser.parse_args()
    articles = build(125)
    inputs = dense_inputs(articles, args.scale)
    # models, grammars and the modules a path imports on first use (dateparser) load once, outside
    # the timing; then frozen out of the garbage collector's scans, as an import worker does
    for name, data in [("warm-up.txt", articles[0][1].encode())] + [(n, d[:1000]) for n, d in inputs.values()]:
        prepare(name, data, FILE_TIME)
    start_worker()
    kb = sum(len(text.encode()) for _, text in articles) / 1024
    seconds = sum(timed(lambda t=text, n=name: prepare(n, t.encode(), FILE_TIME)) for name, text in articles)
    ordinary = seconds / kb
    print(f"{'input':<42} {'KB':>8} {'CPU s':>8} {'ms/KB':>7} {'x news':>7} {'s per MB':>8}  target")
    print(f"{'ordinary news (' + str(len(articles)) + ' articles)':<42} {kb:8.0f} {seconds:8.2f} "
          f"{ordinary * 1000:7.2f} {1.0:7.1f} {ordinary * 1024:8.2f}")
    missed = []
    for label, (name, data) in inputs.items():
        size = len(data) / 1024
        outcome: list[object] = []
        took = timed(lambda: outcome.append(prepare_all(name, data)))
        refused = getattr(outcome[0], "error", "")
        if refused:  # a reader's budget turned it away: no analysis was timed
            print(f"{label:<42} {len(data) / 1024:8.0f} {took:8.2f}  refused, not timed: {refused}")
            continue
        per_kb = took / size
        ratio, per_mb = per_kb / ordinary, per_kb * 1024
        ok = ratio <= MAX_RATIO and per_mb <= MAX_SECONDS_PER_MB
        missed += [] if ok else [label]
        print(f"{label:<42} {size:8.0f} {took:8.2f} {per_kb * 1000:7.2f} {ratio:7.1f} {per_mb:8.2f}  "
              + ("pass" if ok else "FAIL"))
    print(f"target: every input <= {MAX_RATIO:g}x the per-KB time of ordinary news and <= "
          f"{MAX_SECONDS_PER_MB:g} s per MB: " + ("met" if not missed else "missed by " + ", ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
