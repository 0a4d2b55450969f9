"""XML articles (TimeML, NITF, RSS, any XML): the story's text without markup, the date the
markup gives, nothing resolved or fetched, and a stray '<' read as plain text."""
from __future__ import annotations

import zlib
from datetime import datetime, timezone

from timeline.importer import import_paths
from timeline.readers import read_bytes
from timeline.store.models import Document, Event
from timeline.store.session import open_store

TIMEML = b"""<?xml version="1.0" ?>
<TimeML>
<DOCID>XYZ20030304.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2003-03-04" functionInDocument="CREATION_TIME">20030304</TIMEX3></DCT>
<TEXT>
The harbour board <EVENT eid="e1" class="OCCURRENCE">approved</EVENT> the new pier on
<TIMEX3 tid="t1" type="DATE" value="2003-03-03">Monday</TIMEX3>.

Work will <EVENT eid="e2" class="OCCURRENCE">start</EVENT> in <TIMEX3 tid="t2" type="DATE" value="2003-06">June</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
</TimeML>
"""

NITF = b"""<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><title>Pier approved</title><docdata><date.issue norm="20030304T101500"/></docdata></head>
<body><body.head><hedline><hl1>Harbour board approves pier</hl1></hedline></body.head>
<body.content><p>The harbour board approved the new pier on Monday.</p><p>Work starts in June.</p></body.content>
</body></nitf>
"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour news</title>
<description>Everything about the harbour</description><pubDate>Mon, 10 Mar 2003 08:00:00 GMT</pubDate><item>
<title>Pier approved</title><pubDate>Tue, 04 Mar 2003 10:15:00 GMT</pubDate>
<description>The harbour board approved the new pier on Monday.</description></item></channel></rss>
"""


def test_timeml_gives_its_text_without_markup_and_its_creation_time():
    read = read_bytes(TIMEML, "story.tml")
    assert read.format == "xml"
    assert read.text.split("\n\n") == ["The harbour board approved the new pier on Monday.", "Work will start in June.\n"]
    assert [(d.when, d.source, d.before_text) for d in read.dates] == [(datetime(2003, 3, 4), "TimeML creation time", True)]


def test_nitf_body_paragraphs_headline_and_issue_date():
    read = read_bytes(NITF, "story.xml")
    assert read.text.split("\n\n") == ["Pier approved", "The harbour board approved the new pier on Monday.",
                                        "Work starts in June.\n"]
    assert read.dates[0].when == datetime(2003, 3, 4, 10, 15) and read.dates[0].source == "XML <date.issue>"


FEED = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour</title>
<updated>2003-03-12T09:00:00Z</updated>
<entry><title>Pier approved</title><published>2003-03-04T10:15:00Z</published><updated>2003-03-05T08:00:00Z</updated>
<content type="html">&lt;p&gt;The harbour board approved the new pier on &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Work
starts in June.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</content></entry>
<entry><title>Ferry strike</title><published>2003-03-11T07:00:00Z</published>
<summary>Ferry crews walked out on Tuesday.</summary></entry></feed>
"""


def test_rss_item_and_its_pub_date():
    read = read_bytes(RSS, "feed.xml")
    assert read.text.split("\n\n") == ["Pier approved", "The harbour board approved the new pier on Monday.\n"]
    assert read.dates[0].when == datetime(2003, 3, 4, 10, 15, tzinfo=timezone.utc)  # the item's, not the channel's


def test_a_feed_of_several_items_opens_into_one_article_per_item():
    feed = read_bytes(FEED, "harbour.atom")
    assert feed.format == "xml feed" and len(feed.children) == 2
    items = [read_bytes(content, name) for name, content in feed.children]
    assert [i.text.split("\n\n") for i in items] == [
        ["Pier approved", "The harbour board approved the new pier on Monday.", "Work starts in June.\n"],
        ["Ferry strike", "Ferry crews walked out on Tuesday.\n"]]  # escaped HTML read as text, no script
    assert [i.dates[0].when.day for i in items] == [4, 11]  # each item's publication date


def test_entities_are_not_resolved_and_nothing_is_fetched():
    xxe = b"""<?xml version="1.0"?><!DOCTYPE story [<!ENTITY secret SYSTEM "file:///etc/passwd">
<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<story><p>The board met on Monday. &secret; &c;</p></story>"""
    read = read_bytes(xxe, "story.xml")
    assert "root:" not in read.text and "aaaa" not in read.text and "The board met on Monday." in read.text


def test_text_that_only_starts_with_a_tag_is_read_as_written():
    note = b"<draft> The board met on Monday & agreed.\nMore notes without a closing tag."
    read = read_bytes(note, "note.txt")
    assert read.format == "text" and read.text.startswith("<draft> The board met on Monday & agreed.")


def test_a_timeml_file_imports_with_its_creation_date_as_dateline(tmp_path):
    (tmp_path / "story.tml").write_bytes(TIMEML)
    store = open_store(tmp_path / "project.sqlite")
    report = import_paths(store, [tmp_path / "story.tml"], datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert report.count("imported") == 1
    with store.session() as session:
        doc = session.query(Document).one()
        assert doc.dateline_iso.startswith("2003-03-04") and "TimeML creation time" in doc.dateline_reason
        assert "<EVENT" not in doc.text and b"<EVENT" in zlib.decompress(doc.raw)  # the original bytes are kept
        starts = sorted(e.mention.start_iso[:10] for e in session.query(Event))
    store.close()
    assert starts == ["2003-03-03", "2003-06-01"]
