"""Who-did-what titles: the corpus score, numbers, quotes, names and bylines."""
import sys

import pytest
from conftest import ROOT

from timeline.language import Language
from timeline.temporal.languages import grammar_for
from timeline.titles import MAX_WORDS, make_title

sys.path.insert(0, str(ROOT / "bench"))
from titles import cuts_number, score  # noqa: E402


def _title(sentence: str, date: str) -> str:
    start = sentence.index(date)
    return make_title(sentence, start, start + len(date))


def test_corpus_at_least_80_percent_and_no_number_cut():
    results = score()
    good = sum(r.acceptable for r in results)
    assert good / len(results) >= 0.8, [r.title for r in results if not r.acceptable]
    assert [r.title for r in results if r.cuts_number] == []


def test_long_sentence_is_cut_at_a_word_boundary_not_inside_a_number():
    sentence = ("The ministry said on Monday that the sector had already shed 106,000 jobs and that "
                "the state total of unemployed people rose to 65,170 in the fourth quarter of the year.")
    title = _title(sentence, "Monday")
    assert len(title.replace(" …", "").split()) <= MAX_WORDS and title.endswith("…")
    assert "106,000" in title and not cuts_number(title, sentence)


@pytest.mark.parametrize("title,sentence,cut", [
    ("the sector had already shed 106", "the sector had already shed 106,000 jobs", True),
    ("state total to 65", "state total to 65,170.", True),
    ("state total to 65,170", "state total to 65,170.", False),
    ("fell 7.4%", "fell 7.4% on Friday", False),
])
def test_number_cut_detector(title, sentence, cut):
    assert cuts_number(title, sentence) is cut


def test_a_quote_cut_is_closed_again_and_keeps_its_speaker_out():
    sentence = ("“We will keep every promise we made to the workers of this plant and to their families "
                "until the last day,” the mayor said on Monday.")
    title = _title(sentence, "Monday")
    assert title.startswith("“We will") and title.endswith("…”")


def test_names_are_not_split_by_a_cut():
    sentence = ("On Friday the committee heard evidence from the former finance minister of the "
                "republic Jean-Paul Alexandre Marchetti about the missing funds.")
    title = _title(sentence, "On Friday")
    assert not title.replace(" …", "").endswith(("Jean-Paul", "Alexandre"))


@pytest.mark.parametrize("sentence,date", [
    ("By Jane Smith | March 3, 2021", "March 3, 2021"),
    ("Jane Smith (@janesmith) March 3, 2021", "March 3, 2021"),
    ("Maria Lopez, March 3, 2021", "March 3, 2021"),
])
def test_bylines_and_signatures_are_no_event(sentence, date):
    assert _title(sentence, date) == ""


def test_no_leading_ellipsis_and_actor_kept():
    sentence = ("After a long night of negotiations in the capital between the two delegations and the "
                "mediators, the rebels agreed on Tuesday to release all 43 hostages held since the spring.")
    title = _title(sentence, "Tuesday")
    assert title.startswith("The rebels agreed to release all 43 hostages")


def test_agency_dateline_is_no_actor():
    sentence = "LISBON (Agência) — The port workers ended their strike on Friday after a pay deal."
    assert _title(sentence, "Friday") == "The port workers ended their strike after a pay deal"


@pytest.mark.parametrize("code,sentence,date,title", [
    ("de", "Die Regierung hat im März das Gesetz beschlossen.", "März", "Die Regierung hat das Gesetz beschlossen"),
    ("fr", "Le gouvernement a adopté la loi le 5 mars.", "5 mars", "Le gouvernement a adopté la loi"),
    ("ru", "Правительство приняло закон в 2020 году.", "2020 году", "Правительство приняло закон"),
])
def test_a_languages_own_tie_words_go_with_the_date(code, sentence, date, title):
    ties = grammar_for(Language(code, 1.0, "test")).title_ties
    start = sentence.index(date)
    assert make_title(sentence, start, start + len(date), ties) == title


def test_another_languages_tie_words_stay_in_an_english_title():
    sentence = "The ministry published no 2019 figures for exports."  # Portuguese "no" ties a date on
    start = sentence.index("2019")
    assert make_title(sentence, start, start + 4) == "The ministry published no figures for exports"


@pytest.mark.parametrize("sentence,date,title", [
    ("Interest costs were lower than a year ago.", "a year ago", "Interest costs were lower"),
    ("The unit blamed higher costs compared with a year earlier.", "a year earlier", "The unit blamed higher costs"),
    ("The plant opened in the U.S. in 2019.", "2019", "The plant opened in the U.S."),
])
def test_no_word_or_full_stop_left_dangling_where_the_date_was(sentence, date, title):
    assert _title(sentence, date) == title


def test_wire_quotes_are_quotes_and_a_date_inside_one_stays():
    sentence = "``The strikes of March 3 showed our resolve,'' the union leader said."
    assert _title(sentence, "March 3") == "“The strikes of March 3 showed our resolve,” the union leader said"
