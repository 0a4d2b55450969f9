"""JSON articles (a JSON Feed, a news service's export, JSON Lines, one article object): the
story's text and title without the JSON around them, each item dated by its own date; JSON that
holds no story is read as text."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from test_readers_xml import FEED as ATOM  # the same two stories as an Atom feed

from timeline.importer import import_paths
from timeline.readers import read_bytes
from timeline.store.models import Event
from timeline.store.session import open_store

FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Harbour news",
    "description": "Everything the harbour board decides, week after week, in one place.",
    "items": [
        {"id": "1", "title": "Pier approved", "date_published": "2003-03-04T10:15:00Z",
         "content_html": "<p>The harbour board approved the new pier on <b>Monday</b>.</p><p>Work starts in June.</p>"},
        {"id": "2", "title": "Ferry strike", "date_published": "2003-03-11T07:00:00Z",
         "content_text": "Ferry crews walked out on Tuesday, their union said."},
    ]}).encode()

EXPORT = json.dumps({"status": "ok", "totalResults": 1, "articles": [{
    "source": {"id": None, "name": "Harbour Wire"}, "author": "Staff", "title": "Council closes the harbour road",
    "publishedAt": "2021-03-04T10:00:00Z", "description": "The council voted on Monday.",
    "content": "The city council voted on Monday to close the harbour road until June. The vote was 7 to 2… [+1200 chars]"}]
}).encode()


def test_a_json_feed_opens_into_one_article_per_item_with_its_own_date():
    feed = read_bytes(FEED, "harbour.json")
    assert feed.format == "json feed" and len(feed.children) == 2
    items = [read_bytes(content, name) for name, content in feed.children]
    assert [i.text.split("\n\n") for i in items] == [
        ["Pier approved", "The harbour board approved the new pier on Monday.", "Work starts in June.\n"],
        ["Ferry strike", "Ferry crews walked out on Tuesday, their union said.\n"]]
    assert [i.dates[0].when.day for i in items] == [4, 11]


def test_one_exported_article_gives_its_title_full_text_and_date():
    read = read_bytes(EXPORT, "export.json")
    assert read.format == "json"
    assert read.text == ("Council closes the harbour road\n\nThe city council voted on Monday to close the harbour "
                         "road until June. The vote was 7 to 2\n")  # the longest text, its cut-off marker dropped
    assert read.dates[0].when == datetime(2021, 3, 4, 10, tzinfo=timezone.utc)
    assert read.dates[0].source == "JSON publishedAt"


def test_json_lines_are_one_article_per_line():
    lines = b'{"headline": "A", "date": "2020-01-02", "body": "The harbour board approved the pier on Monday, officials said."}\n' \
            b'{"headline": "B", "date": "2020-01-09", "body": "Ferry crews walked out on Tuesday, their union said today."}\n'
    read = read_bytes(lines, "wire.jsonl")
    assert read.format == "json feed" and [read_bytes(c, n).text.split("\n\n")[0] for n, c in read.children] == ["A", "B"]


def test_json_without_a_story_and_text_in_brackets_are_read_as_written():
    assert read_bytes(b'{"ids": [1, 2, 3], "label": "short"}', "ids.json").format == "text"
    assert read_bytes(b"[Reuters] The council met on Monday.", "note.txt").format == "text"
    deep = b'{"a": ' * 100_000 + b"1" + b"}" * 100_000  # nested past the parser's depth: no crash
    assert read_bytes(deep, "deep.json").format == "text"


@pytest.mark.parametrize("name, content, kind", [("harbour.json", FEED, "json"), ("harbour.atom", ATOM, "xml")])
def test_each_item_of_a_feed_imports_dated_by_its_own_date(tmp_path, name, content, kind):
    (tmp_path / name).write_bytes(content)
    store = open_store(tmp_path / "project.sqlite")
    report = import_paths(store, [tmp_path / name], datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert [r.status for r in report.results] == ["opened", "imported", "imported"]
    assert report.results[0].message == f"{kind} feed: 2 items inside"
    with store.session() as session:
        days = sorted((e.document.title, e.mention.start_iso[:10]) for e in session.query(Event))
    store.close()
    assert days == [("Ferry strike", "2003-03-11"), ("Pier approved", "2003-03-03"), ("Pier approved", "2003-06-01")]
