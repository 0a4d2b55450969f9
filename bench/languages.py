"""Per-language precision and recall on our own short articles (tests/articles/languages.yaml).

    python bench/languages.py [--errors]

Each article goes through the importer's own steps: language detection, dateline, analysis.
A found expression counts when its text and TimeML value equal an expected one. The baseline,
run on the same articles, is the app before languages: English grammar, month-first numbers.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline import calendar as cal  # noqa: E402
from timeline.dateline import find_dateline  # noqa: E402
from timeline.language import Language, detect_language  # noqa: E402
from timeline.pipeline import analyse  # noqa: E402

ARTICLES = ROOT / "tests" / "articles" / "languages.yaml"
ENGLISH = Language("en", 1.0, "baseline")


def run(article: dict, language: Language | None) -> tuple[str, str, set[tuple[str, str]]]:
    """(language code, dateline ISO, {(expression, value)}) with ``language`` forced, or detected when None."""
    text = article["text"]
    language = language or detect_language(text)
    file_time = datetime.fromisoformat(article["dateline"]) + timedelta(days=30)
    dateline = find_dateline(text, file_time, language)
    analysis = analyse(text, file_time, dateline, language)
    found = {(m.mention.text, m.resolved.value) for m in analysis.mentions
             if m.resolved.type in ("DATE", "TIME") and m.resolved.has_interval}
    return language.code, cal.iso_date(dateline.day), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each miss and false alarm")
    args = parser.parse_args()
    articles = yaml.safe_load(ARTICLES.read_text(encoding="utf-8"))["articles"]
    totals: dict[str, dict[str, defaultdict[str, int]]] = {"ours": {}, "baseline": {}}
    for article in articles:
        code = article["language"]
        expected = {(e["expr"], str(e["value"])) for e in article["expected"]}
        for name, forced in (("ours", None), ("baseline", ENGLISH)):
            detected, dateline, found = run(article, forced)
            counts = totals[name].setdefault(code, defaultdict(int))
            counts["articles"] += 1
            counts["language"] += detected == code
            counts["dateline"] += dateline == article["dateline"]
            counts["expected"] += len(expected)
            counts["found"] += len(found)
            counts["right"] += len(found & expected)
            if args.errors and name == "ours":
                for miss in sorted(expected - found):
                    print(f"  {code} miss   {miss}")
                for extra in sorted(found - expected):
                    print(f"  {code} extra  {extra}")
                if dateline != article["dateline"]:
                    print(f"  {code} dateline {dateline} != {article['dateline']}")
    print(f"{'lang':5} {'arts':>4} {'lang ok':>7} {'dateline':>8} {'P':>6} {'R':>6} {'F1':>6}   "
          f"{'baseline P':>10} {'R':>6} {'F1':>6} {'dateline':>8}")
    for code in sorted(totals["ours"]) + ["all"]:
        ours, base = _summed(totals["ours"], code), _summed(totals["baseline"], code)
        p, r, f = _prf(ours)
        bp, br, bf = _prf(base)
        print(f"{code:5} {ours['articles']:4d} {ours['language']:4d}/{ours['articles']:<2d} "
              f"{ours['dateline']:5d}/{ours['articles']:<2d} {p:6.1%} {r:6.1%} {f:6.1%}   "
              f"{bp:10.1%} {br:6.1%} {bf:6.1%} {base['dateline']:5d}/{base['articles']:<2d}")


def _summed(per_language: dict[str, defaultdict[str, int]], code: str) -> defaultdict[str, int]:
    if code != "all":
        return per_language[code]
    total: defaultdict[str, int] = defaultdict(int)
    for counts in per_language.values():
        for key, value in counts.items():
            total[key] += value
    return total


def _prf(c: defaultdict[str, int]) -> tuple[float, float, float]:
    p = c["right"] / c["found"] if c["found"] else 0.0
    r = c["right"] / c["expected"] if c["expected"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


if __name__ == "__main__":
    main()
