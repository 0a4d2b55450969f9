"""Web-page datelines: which tag said it, publication before modification, the page's address,
junk before the markup, and a dateline the text contradicts."""
from datetime import datetime, timezone

from timeline.dateline import choose_dateline
from timeline.pipeline import analyse
from timeline.readers import read_bytes

BODY = ("<p>The city council approved a new budget for its schools after a long debate that ran well into "
        "the evening, with teachers and parents filling the public gallery.</p>"
        "<p>The mayor said the money would go to repairs, new books and more staff for the coming year.</p>")
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def _page(head: str, body: str = BODY) -> bytes:
    return f"<!DOCTYPE html><html lang='en-GB'><head><title>Budget</title>{head}</head><body><article>{body}</article></body></html>".encode()


def _dateline(data: bytes, name: str = "page.html"):
    read = read_bytes(data, name)
    return read, choose_dateline(read.text, NOW, read.dates)


def test_the_reason_names_the_tag():
    _, d = _dateline(_page('<meta property="article:published_time" content="2021-03-04T10:20:00+01:00">'))
    assert d.iso == "2021-03-04T10:20" and d.zone == "+01:00"
    assert '<meta property="article:published_time">' in d.reason and len(d.method) <= 32


def test_publication_comes_before_modification():
    head = ('<meta property="article:modified_time" content="2022-05-01">'
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            '"dateModified": "2022-05-01", "datePublished": "2021-11-30T08:00:00Z"}]}</script>')
    _, d = _dateline(_page(head))
    assert d.iso.startswith("2021-11-30") and "JSON-LD datePublished" in d.reason


def test_the_date_in_the_pages_own_address():
    _, d = _dateline(_page('<link rel="canonical" href="https://example.org/news/2019/07/03/budget/">'))
    assert d.iso == "2019-07-03" and "address" in d.reason


def test_a_page_behind_php_warnings_and_without_a_suffix_is_read_as_a_page():
    junk = b"<br />\n<b>Warning</b>:  session_start(): headers already sent in <b>/var/www/x.php</b> on line <b>3</b><br />\n"
    read = read_bytes(junk + _page('<meta name="date" content="2020-02-02">'), "download")
    assert read.format == "html" and "Warning" not in read.text and read.language == "en-GB"


def test_a_dateline_earlier_than_a_past_event_the_text_dates_is_flagged():
    text = "Budget talks\n\nThe council approved the budget in 2016. The mayor was elected in March 2020.\n"
    analysis = analyse(text, datetime(2000, 1, 1))
    assert analysis.dateline.warning.startswith("WARNING: the text tells of 'March 2020'")
    assert analysis.dateline.confidence <= 0.3
