from timeline.article import find_title, mark_boilerplate, split_paragraphs


def _paragraphs(text):
    return mark_boilerplate(text, split_paragraphs(text))


def test_blank_line_blocks_and_one_line_paragraphs_keep_offsets():
    text = "Title line\n\nFirst sentence here. More.\nSecond paragraph line.\n\n\nLast one."
    paragraphs = _paragraphs(text)
    assert [text[p.start:p.end] for p in paragraphs] == [
        "Title line", "First sentence here. More.", "Second paragraph line.", "Last one."]


def test_hard_wrapped_block_is_one_paragraph():
    line = "word " * 12
    text = f"{line}\n{line}\n{line}\n{line}end.\n\nNext paragraph."
    assert len(split_paragraphs(text)) == 2


def test_link_lists_after_a_related_heading_are_boilerplate():
    body = "The ministers met in Tokyo on Wednesday and agreed to cooperate closely on security matters."
    text = f"{body}\n\nRelated Articles\n\nOther story about 2019\n\nShare on Facebook"
    flags = [p.boilerplate for p in _paragraphs(text)]
    assert flags == [False, True, True, True]


def test_widgets_are_boilerplate_but_body_is_not():
    text = "30.1 C\nMonday, June 5, 2023\n\nA real paragraph of news text that is long enough to be the body of it."
    flags = [p.boilerplate for p in _paragraphs(text)]
    assert flags == [True, False, False]


def test_title_prefers_headline_over_section_label():
    text = "Conflicts & War\n\nJapan, US reaffirm defense cooperation after tests\n\nTokyo, Feb 2 (EFE).- Long body text here, with more words."
    assert find_title(text, _paragraphs(text)) == "Japan, US reaffirm defense cooperation after tests"
