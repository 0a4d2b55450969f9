"""Our own short articles in each language (tests/articles/languages.yaml): language, dateline
and every expected date found, through the importer's own steps (bench/languages.py scores them)."""
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from languages import ARTICLES, run  # noqa: E402

CASES = yaml.safe_load(ARTICLES.read_text(encoding="utf-8"))["articles"]


@pytest.mark.parametrize("article", CASES, ids=[f"{a['language']}-{a['dateline']}" for a in CASES])
def test_article_language_dateline_and_dates(article):
    language, dateline, found = run(article, None)
    assert (language, dateline) == (article["language"], article["dateline"])
    expected = {(e["expr"], str(e["value"])) for e in article["expected"] if "miss" not in e}
    assert expected - found == set()
