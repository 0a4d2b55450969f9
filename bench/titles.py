"""Score who-did-what titles on the title corpus (tests/corpus/titles.yaml).

    python bench/titles.py [--errors]

The title of the case's date must equal one of the acceptable
titles (case, end punctuation and a trailing "…" aside), or be empty for a byline. Also counts the
titles that cut a number ("106" for 106,000).
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.language import detect_language  # noqa: E402
from timeline.temporal.languages import grammar_for  # noqa: E402
from timeline.titles import make_title  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "titles.yaml"


@dataclass(frozen=True)
class Result:
    text: str
    date: str
    title: str
    acceptable: bool
    cuts_number: bool


def normalise(title: str) -> str:
    return re.sub(r"\s+", " ", title.replace("…", "")).strip(" .,;:").lower()


def title_of(text: str, date: str) -> str:
    """As an import titles it: with the tie words of the sentence's language."""
    start = text.index(date)
    return make_title(text, start, start + len(date), grammar_for(detect_language(text)).title_ties)


def cuts_number(title: str, text: str) -> bool:
    """A number in the title that is only the start of a number in the sentence."""
    numbers_in_text = set(re.findall(r"\d[\d,.]*\d|\d", text))
    for match in re.finditer(r"\d[\d,.]*\d|\d", title):
        after = title[match.end():match.end() + 2]
        if match.group() not in numbers_in_text or re.match(r"[,.]\d", after):
            return True
        follower = re.escape(match.group()) + r"(?:[,.]\d|\d)"
        if re.search(follower, text) and not re.search(re.escape(match.group()) + r"(?![\d,.]\d)", text):
            return True
    return False


def score() -> list[Result]:
    cases = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["cases"]
    results = []
    for case in cases:
        title = title_of(case["text"], case["date"])
        wanted = {""} if case.get("none") else {normalise(t) for t in case["titles"]}
        results.append(Result(case["text"], case["date"], title, normalise(title) in wanted,
                              cuts_number(title, case["text"])))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every title that is not acceptable")
    args = parser.parse_args()
    results = score()
    good = sum(r.acceptable for r in results)
    cut = sum(r.cuts_number for r in results)
    if args.errors:
        for r in results:
            if not r.acceptable or r.cuts_number:
                print(f"- [{r.date}] {r.text}\n    got: {r.title!r}")
    print(f"titles acceptable: {good}/{len(results)} = {100 * good / len(results):.1f}%")
    print(f"titles cutting a number: {cut}")


if __name__ == "__main__":
    main()
