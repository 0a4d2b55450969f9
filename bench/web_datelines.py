"""Web-page datelines on trafilatura's saved test pages, against htmldate in the same run.

    python bench/web_datelines.py [CACHE_DIR] [--errors]

CACHE_DIR holds the pages (default /work/data/tests/cache); bench/web_dateline_labels.json holds
our labels (file -> publication day, or null for a page that gives none, the kind of case, the
evidence). A page without a date is right for a system that claims none (ours: the file-time
fallback, flagged). Ours is the importer's own path: the
web-page reader (page address, publication tags, htmldate's extensive search), then the text's
dateline. htmldate gets the same parsed tree, fast and extensive, with the clock bounds fixed.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import htmldate
from trafilatura.utils import load_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline import calendar as cal  # noqa: E402
from timeline.dateline import choose_dateline  # noqa: E402
from timeline.language import detect_language  # noqa: E402
from timeline.readers import read_bytes  # noqa: E402

LABELS = Path(__file__).with_name("web_dateline_labels.json")
FILE_TIME = datetime(2030, 1, 1)  # the fallback, far from every label: it is never right by chance
BOUNDS = {"min_date": "1800-01-01", "max_date": "2199-12-31"}
# the tag, address, title, words on the page, htmldate's search or the text's line that gave the date
_SOURCE_NAMED = re.compile(r"<meta|JSON-LD|itemprop|<time|address|<title>|' on the page|htmldate, |\bline \d")


def ours(data: bytes, name: str) -> tuple[str | None, str]:
    """The day we give the page, None when we fall back to the file's time (we found no date)."""
    read = read_bytes(data, name)
    dateline = choose_dateline(read.text, FILE_TIME, read.dates, detect_language(read.text, read.language))
    return (None if dateline.fallback else cal.iso_date(dateline.day)), dateline.reason


def htmldate_day(data: bytes, extensive: bool) -> str | None:
    tree = load_html(data.decode("utf-8", "replace"))
    return htmldate.find_date(tree, extensive_search=extensive, original_date=True, **BOUNDS) if tree is not None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", nargs="?", default="/work/data/tests/cache")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    pages = json.loads(LABELS.read_text(encoding="utf-8"))["pages"]
    right: Counter[tuple[str, str]] = Counter()  # (system, kind of page)
    kinds: Counter[str] = Counter(label["kind"] for label in pages.values())
    named = 0
    seconds: Counter[str] = Counter()
    for name, label in sorted(pages.items()):
        data = (Path(args.cache) / name).read_bytes()
        start = time.perf_counter()
        day, reason = ours(data, name)
        seconds["ours"] += time.perf_counter() - start
        results = {"ours": day}
        for mode, extensive in (("htmldate fast", False), ("htmldate extensive", True)):
            start = time.perf_counter()
            results[mode] = htmldate_day(data, extensive)
            seconds[mode] += time.perf_counter() - start
        for system, found in results.items():  # a page without a date: right when no date is claimed
            right[system, label["kind"]] += found == label["date"]
        named += label["date"] is None or bool(_SOURCE_NAMED.search(reason))
        if args.errors and day != label["date"]:
            print(f"  {name}: ours {day} ({reason[:140]}), label {label['date']} [{label['kind']}], "
                  f"htmldate extensive {results['htmldate extensive']}")
    total = len(pages)
    systems = ("ours", "htmldate fast", "htmldate extensive")
    for system in systems:
        count = sum(right[system, kind] for kind in kinds)
        print(f"{system:20} {count:3d}/{total} right ({count / total:.1%}), {seconds[system]:.1f} s")
    print(f"{'kind of page':50} {'pages':>5} " + " ".join(f"{s:>18}" for s in systems))
    for kind, count in sorted(kinds.items(), key=lambda item: -item[1]):
        print(f"{kind:50} {count:5d} " + " ".join(f"{right[s, kind]:18d}" for s in systems))
    print(f"reasons naming their source (tag, address or line) where a date was found: {named}/{total}")


if __name__ == "__main__":
    main()
