"""Every paragraph of every text we have meets no internal error: the shared corpora
(../shared/corpora next to the repository, skipped when absent), the bundled samples and every
text fixture under tests/ (saved pages, the phrasing corpora, the language articles)."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from timeline.pipeline import analyse
from timeline.readers import read_bytes

ROOT = Path(__file__).resolve().parents[1]
CORPORA = next((p / "shared" / "corpora" for p in ROOT.parents[:2] if (p / "shared" / "corpora").is_dir()), None)
FILE_TIME = datetime(2022, 2, 2, tzinfo=timezone.utc)


def _corpus_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted(CORPORA.rglob("*")) if CORPORA else []:
        if path.suffix in (".tml", ".xml"):  # TimeML: the text between the tags
            body = re.search(r"<TEXT>(.*)</TEXT>", path.read_text(encoding="utf-8"), re.S)
            texts.append((path.name, html.unescape(re.sub(r"<[^>]+>", "", body.group(1) if body else ""))))
        elif path.suffix == ".txt":
            texts.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    return texts


def _strings(node: object) -> list[str]:
    """Every string in a parsed YAML file: the sentences of the phrasing corpora, the articles."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _fixture_texts() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "samples").glob("*.txt"))]
    for path in sorted((ROOT / "tests").rglob("*.yaml")):
        strings = _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        texts.append((path.name, "\n\n".join(strings)))  # one paragraph per string
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if path.is_file():
            texts.append((path.name, read_bytes(path.read_bytes(), path.name).text))
    return texts


def _no_internal_error(texts: list[tuple[str, str]]) -> None:
    failed = [(name, warning) for name, text in texts for warning in analyse(text, FILE_TIME).warnings]
    assert not failed, failed[:10]


@pytest.mark.skipif(CORPORA is None, reason="no ../shared/corpora next to the repository")
def test_every_paragraph_of_the_shared_corpora_is_analysed():
    texts = _corpus_texts()
    assert texts
    _no_internal_error(texts)


def test_every_paragraph_of_the_samples_and_test_fixtures_is_analysed():
    texts = _fixture_texts()
    assert len(texts) >= 10
    _no_internal_error(texts)
