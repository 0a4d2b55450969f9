"""Web-page datelines: which tag said it, publication before modification, the page's address,
junk before the markup, and a dateline the text contradicts."""
from datetime import datetime, timezone

import pytest

from timeline.dateline import choose_dateline
from timeline.language import detect_language
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


@pytest.mark.parametrize("lang,body", [
    ("en", "<p>The council approved the budget in 2016 after a long debate in the town hall.</p>"
           "<p>The mayor was elected on 3 March 2020 with a large majority of the votes cast.</p>"),
    ("de", "<p>Der Stadtrat hat den Haushalt 2016 nach langer Debatte im Rathaus beschlossen.</p>"
           "<p>Der Bürgermeister wurde am 3. März 2020 mit großer Mehrheit gewählt, wie die Stadt mitteilte.</p>"),
    ("fr", "<p>Le conseil municipal a adopté le budget en 2016 après un long débat à la mairie.</p>"
           "<p>Le maire a été élu le 3 mars 2020 avec une large majorité des voix, a indiqué la ville.</p>"),
    ("ru", "<p>Городской совет утвердил бюджет в 2016 году после долгих споров в мэрии.</p>"
           "<p>Мэр был избран 3 марта 2020 года большинством голосов, сообщила пресс-служба города.</p>"),
    ("ja", "<p>市議会は2016年に長い議論の末、予算を可決した。</p><p>市長は2020年3月3日に大差で選ばれた。</p>"),
])
def test_page_metadata_earlier_than_a_past_event_of_the_text_is_flagged(lang, body):
    """The importer's path: a publication tag of 2015 on a page that tells of 2020 in the past tense."""
    read = read_bytes(_page('<meta property="article:published_time" content="2015-05-01T10:00:00Z">', body)
                      .replace(b"en-GB", lang.encode()), "page.html")
    language = detect_language(read.text, read.language)
    analysis = analyse(read.text, NOW, choose_dateline(read.text, NOW, read.dates, language), language)
    assert analysis.dateline.iso.startswith("2015-05-01")
    assert analysis.dateline.warning.startswith("WARNING: the text tells of") and "(2020-03-03)" in analysis.dateline.warning
    assert analysis.dateline.confidence <= 0.3


def test_a_date_in_the_title_stands_in_when_no_tag_dates_the_page():
    page = _page("").replace(b"<title>Budget</title>", b"<title>Budget approved | Gazette | 10.06.2013</title>")
    _, d = _dateline(page)
    assert d.iso == "2013-06-10" and "<title>" in d.reason and not d.fallback


def test_an_unmarked_time_in_the_article_header_is_the_publication_but_not_a_comments():
    header = '<section class="header"><time datetime="2019-05-15 05:28:29" class="timeformat">15. Mai</time></section>'
    comment = '<div class="comment"><time datetime="2014-11-05T14:25:40+00:00">5.11.2014</time></div>'
    _, d = _dateline(_page("", header + BODY + comment))
    assert d.iso.startswith("2019-05-15") and "in the article's header" in d.reason
    _, d = _dateline(_page("", BODY + comment))
    assert "in the article's header" not in d.reason  # a comment's time is not the article's


def test_a_date_only_found_somewhere_in_a_pages_text_is_a_flagged_guess():
    """htmldate's extensive search dates a page without a date from its copyright line: no publication date."""
    footer = "<footer><p>© 2016 Example Ltd. All rights reserved.</p></footer>"
    page = f"<html><head><title>About us</title></head><body><div><p>{BODY}</p></div>{footer}</body></html>".encode()
    _, d = _dateline(page)
    assert d.fallback and d.confidence < 0.5


def test_a_publication_word_and_date_beside_the_article_stands_in():
    """'VERÖFFENTLICHT AM 07.06.2019' in a side box the extracted text leaves out, below a site clock."""
    clock = "<div class='top'>Montag, 09.12.2019</div>"
    box = "<aside class='widget'><strong>Quelle</strong> VERÖFFENTLICHT AM 07.06.2019</aside>"
    _, d = _dateline(_page("", clock + BODY + box).replace(b"en-GB", b"de"))
    assert d.iso == "2019-06-07" and "'VERÖFFENTLICHT AM 07.06.2019' on the page" in d.reason
