"""Pairs of reported events that must and must not become one happening."""
from __future__ import annotations

from collections import Counter
from itertools import count

from timeline import calendar as cal
from timeline.review import index
from timeline.review.matching import find_links, group
from timeline.review.profiles import EventProfile, different_subjects, event_terms, names, sentence_without

_ids = count(1)
TALKS = "Japanese Foreign Minister Yoshimasa Hayashi and U.S. Secretary of State Antony Blinken agreed on {} to work " \
        "closely together toward the denuclearization of North Korea in a telephone call"
TALKS_AGAIN = "Hayashi and Blinken agreed in a telephone call {} to cooperate closely on the denuclearization of " \
              "North Korea, the Foreign Ministry said"
QUAKE = "A magnitude 6.1 earthquake struck off the coast of Chile on {}, damaging roads near Valparaiso"


def _event(document: int, sentence: str, expression: str, day: str, *, length: int = 1, open_end: bool = False,
           lead: bool = True) -> EventProfile:
    t0 = cal.parse_iso(day)
    text = sentence.format(expression)
    context = sentence_without(text, expression)
    event_id = next(_ids)
    return EventProfile(event_id, f"doc{document}:{event_id}", document, t0, t0 + length,
                        "day" if length == 1 else "month", expression, True, open_end, 0.9, event_terms(context),
                        names(context), lead)


def _happenings(events, topic=0.25, copies=frozenset(), must=(), cannot=frozenset()):
    weight = {}
    heads = {min(pair) for pair in copies}  # the earlier document heads its family here
    links = find_links(events, lambda a, b: topic, set(copies), weight, heads)
    return links, group(links, list(must), set(cannot), {e.key: e for e in events})


def _together(groups, a, b) -> bool:
    return any(a in g and b in g for g in groups)


def test_the_same_talks_reported_by_two_sources_merge():
    a = _event(1, TALKS, "Wednesday", "2022-02-02")
    b = _event(2, TALKS_AGAIN, "on Wednesday", "2022-02-02")
    links, groups = _happenings([a, b])
    assert _together(groups, a, b)
    assert links[0].how in ("same date", "same day, same names and action") and "blinken" in links[0].shared and "hayashi" in links[0].shared


def test_different_happenings_on_the_same_day_do_not_merge():
    a = _event(1, TALKS, "Wednesday", "2022-02-02", lead=False)
    b = _event(2, QUAKE, "Wednesday", "2022-02-02", lead=False)
    assert not _together(_happenings([a, b], topic=0.05)[1], a, b)


def test_the_leads_of_two_unrelated_articles_of_one_day_do_not_merge():
    a = _event(1, TALKS, "Wednesday", "2022-02-02")  # each article's first dated event: its news
    b = _event(2, QUAKE, "Wednesday", "2022-02-02")
    assert not _together(_happenings([a, b], topic=0.05)[1], a, b)  # every article of that day has a lead


def test_the_leads_of_two_articles_on_one_story_merge_on_few_shared_words():
    a = _event(1, "Rescuers reached the villages cut off by the landslide on {}", "Tuesday", "2022-02-01")
    b = _event(2, "Roads to the mountain hamlets opened again {} after days of work", "Tuesday", "2022-02-01")
    assert _together(_happenings([a, b], topic=0.2)[1], a, b)  # the two articles share their topic


def test_similar_words_a_month_apart_are_different_happenings():
    a = _event(1, TALKS, "Jan. 5", "2022-01-05")
    b = _event(2, TALKS_AGAIN, "Feb. 2", "2022-02-02")
    assert not _together(_happenings([a, b])[1], a, b)


def test_the_same_sentence_two_days_apart_is_paired_as_a_contradiction():
    a = _event(1, TALKS, "Wednesday", "2022-02-02")
    b = _event(2, TALKS, "Monday", "2022-01-31")
    links, groups = _happenings([a, b])
    assert _together(groups, a, b) and links[0].how == "near date"


def test_two_events_of_one_article_never_merge():
    a = _event(1, TALKS, "Wednesday", "2022-02-02")
    b = _event(1, TALKS_AGAIN, "that day", "2022-02-02", lead=False)
    assert not _together(_happenings([a, b])[1], a, b)


def test_open_intervals_merge_only_from_the_same_start():
    a = _event(1, TALKS, "since 2017", "2017-01-01", length=1860, open_end=True)
    b = _event(2, TALKS_AGAIN, "since 2019", "2019-01-01", length=1130, open_end=True)
    c = _event(3, TALKS_AGAIN, "since 2017", "2017-01-01", length=1860, open_end=True)
    groups = _happenings([a, b, c])[1]
    assert _together(groups, a, c) and not _together(groups, a, b)


def test_near_copies_pair_sentence_by_sentence_whatever_the_dates():
    a = _event(1, TALKS, "Wednesday", "2022-02-02")
    b = _event(2, TALKS, "Wednesday", "2023-05-31")  # a copy with a wrong dateline
    c = _event(2, QUAKE, "Wednesday", "2023-05-31", lead=False)
    links, groups = _happenings([a, b, c], copies={(1, 2)})
    assert _together(groups, a, b) and not _together(groups, a, c) and links[0].how == "near-copy"


def test_the_analysts_split_and_merge_win():
    a = _event(1, TALKS, "Wednesday", "2022-02-02")
    b = _event(2, TALKS_AGAIN, "on Wednesday", "2022-02-02")
    c = _event(3, QUAKE, "Wednesday", "2022-02-02", lead=False)
    groups = _happenings([a, b, c], topic=0.05, cannot={frozenset((a.key, b.key))}, must=[(a.key, c.key)])[1]
    assert not _together(groups, a, b) and _together(groups, a, c)


ROCKET = "Rescue teams said the Kestrel Aerospace rocket exploded over the Pacific {} after a fuel valve failed"
ROCKET_AGAIN = "The Kestrel Aerospace rocket exploded {} shortly after its second stage separated, an official said"
ROCKET_OTHER = "Kestrel Aerospace opened a new office in Lisbon {}, the company said"


def test_one_happening_named_two_ways_merges_when_the_day_names_and_action_agree():
    # "on Sunday" in one report, "on Jan. 30" in another: the same day, the same company, the same explosion
    a = _event(1, ROCKET, "on Sunday", "2022-01-30", lead=False)
    b = _event(2, ROCKET_AGAIN, "on Jan. 30", "2022-01-30", lead=False)
    links, groups = _happenings([a, b], topic=0.0)
    assert _together(groups, a, b) and links[0].how == "same day, same names and action"


def test_a_shared_name_alone_on_the_same_day_does_not_merge():
    a = _event(1, ROCKET, "on Sunday", "2022-01-30", lead=False)
    b = _event(2, ROCKET_OTHER, "on Jan. 30", "2022-01-30", lead=False)
    assert not _together(_happenings([a, b], topic=0.0)[1], a, b)


def test_the_same_names_and_action_a_day_apart_do_not_merge_by_this_rule():
    a = _event(1, ROCKET, "on Sunday", "2022-01-30", lead=False)
    b = _event(2, ROCKET_AGAIN, "on Jan. 31", "2022-01-31", lead=False)
    links, _ = _happenings([a, b], topic=0.0)
    assert all(link.how != "same day, same names and action" for link in links)


def test_a_family_of_copies_is_dated_through_its_head_only(monkeypatch):
    """200 copies of one story (a star of copy pairs, as copies.star_pairs makes): their events are
    paired with the head's, and only the head's events are compared by date with the rest; all
    pairs of copies would be 19,900 comparisons and, at 1,000 copies, gigabytes of links."""
    import timeline.review.matching as matching

    copies = [[_event(d, TALKS, "Wednesday", "2022-02-02"), _event(d, QUAKE, "Wednesday", "2022-02-02", lead=False)]
              for d in range(1000, 1200)]
    other = _event(5, TALKS_AGAIN, "on Wednesday", "2022-02-02")
    scored = []
    score = matching._score
    monkeypatch.setattr(matching, "_score", lambda a, b, *rest: scored.append((a, b)) or score(a, b, *rest))
    events = [e for doc in copies for e in doc] + [other]
    links, groups = _happenings(events, copies={(1000, d) for d in range(1001, 1200)})
    assert len(scored) < 10
    talks = next(g for g in groups if copies[0][0] in g)
    assert all(doc[0] in talks for doc in copies) and other in talks  # the other source joins through the head
    assert not any(doc[1] in talks for doc in copies)


PEOPLE = "Ada Bo Cy Di Ed Fay Gus Hal Ivy Jo".split()
TOWNS = [f"{a}{b}" for a in ("Nor", "Sud", "Est", "Wes", "Mid") for b in ("ham", "ford", "by", "wick", "ton")]
ACTIONS = ["signed the river treaty", "opened the new harbour", "closed the old mine", "raised the grain tax"]


def test_blocking_finds_the_links_that_scoring_every_pair_finds(monkeypatch):
    """Candidates come from an index of rare words, names on one day and leads (``_by_date``): the
    links are those of scoring every pair in the date window, with far fewer pairs scored."""
    import timeline.review.matching as matching

    events = [_event(d, f"{PEOPLE[d % 10]} {PEOPLE[d // 10 % 10]} of the council {ACTIONS[d % 4]} in {TOWNS[d % 23]} "
                        "{}, officials said",
                     "on Monday", f"2022-{1 + d % 3:02d}-{1 + d % 28:02d}", lead=d % 3 == 0) for d in range(300)]
    weight = index.weights(Counter(t for e in events for t in e.words), len(events))
    every_pair = {(link.a.key, link.b.key) for link in matching._one_to_one(
        matching.links_touching(events, [], lambda a, b: 0.2, set(), weight))}
    scored = []
    score = matching._score
    monkeypatch.setattr(matching, "_score", lambda a, b, *rest: scored.append((a, b)) or score(a, b, *rest))
    blocked = {(link.a.key, link.b.key) for link in find_links(events, lambda a, b: 0.2, set(), weight, set())}
    assert blocked == every_pair and len(every_pair) > 100
    in_window = sum(abs(a.t0 - b.t0) <= matching.NEAR_DATE_DAYS for i, a in enumerate(events) for b in events[i + 1:])
    assert len(scored) < in_window * 2 / 3


def test_sentences_sharing_only_common_words_do_not_link():
    # the closing line of every article ("details next week") is no evidence that two stories are one
    a = _event(1, "The port authority is expected to publish details {}", "next week", "2022-03-07", lead=False)
    b = _event(2, "The rail board is expected to publish details {}", "next week", "2022-03-07", lead=False)
    others = [_event(10 + d, f"The {w} office is expected to publish details {{}}", "next week", "2022-03-07", lead=False)
              for d, w in enumerate(PEOPLE)]
    weight = index.weights(Counter(t for e in [a, b, *others] for t in e.words), 12)
    links = find_links([a, b, *others], lambda x, y: 0.3, set(), weight, set())
    assert not any({link.a.key, link.b.key} == {a.key, b.key} for link in links)


def test_a_copy_dated_years_off_does_not_chain_the_happenings_of_both_dates():
    # a republished article with a wrong dateline pairs with its original, event by event; its
    # misdated event must not also link with what others reported in the week of its wrong date
    sentence = "Lena Novak of the port authority reopened the harbour in Riga {}, officials said"
    original = _event(1, sentence, "on Monday", "2016-03-07")
    same_week = _event(2, sentence, "on Monday", "2016-03-07")
    copy = _event(3, sentence, "on Monday", "2021-09-13")
    that_week = _event(4, sentence, "on Monday", "2021-09-13")
    links, groups = _happenings([original, same_week, copy, that_week], copies={(1, 3)})
    assert _together(groups, original, copy) and _together(groups, original, same_week)
    assert not _together(groups, original, that_week)


def test_calendar_words_of_a_dateline_are_no_shared_name():
    # two leads of one day whose datelines both read "Jan": the month is compared as a date, not as a name
    a = _event(1, "RIGA, Jan 3 (Wire) - Lena Novak of the port authority reopened the harbour {}, officials said",
               "on Saturday", "2022-01-01")
    b = _event(2, "OSLO, Jan 2 (Wire) - Omar Haddad of the rail board closed three mines {}, officials said",
               "yesterday", "2022-01-01")
    assert not {"jan", "january"} & a.words
    links, groups = _happenings([a, b], topic=0.1)
    assert not links and not groups


# Wire boilerplate: every company article of a day closes with its share price on the same exchange.
CLOSING = "In Harbor Stock Exchange composite trading {}, {} shares closed at $12.50, down 25 cents"
COMPANY_NEWS = "{} said quarterly sales of its {} rose by a third on {}"
COMPANIES = [("Brightwell", "kettles"), ("Quorvex", "pumps"), ("Talmadge", "valves"), ("Ostrander", "lamps"),
             ("Pellucid", "lenses"), ("Varnholt", "fences"), ("Ickworth", "ladders"), ("Zanzibar Mills", "flour"),
             ("Delacorte", "boilers"), ("Fennimore", "saddles"), ("Gulbrandsen", "skis"), ("Hartigan", "kilns")]


def _closing_lines(day: str = "2022-03-02") -> list[EventProfile]:
    """Twelve companies' articles, each with its own news and the exchange's closing line."""
    events = []
    for document, (company, product) in enumerate(COMPANIES, start=1):
        events.append(_event(document, COMPANY_NEWS.format(company, product, "{}"), "Tuesday", "2022-03-01"))
        events.append(_event(document, CLOSING.format("{}", company), "yesterday", day, lead=False))
    return events


def _project_weights(events: list[EventProfile], documents: int):
    """The weights a review computes over a project of these events (index.store_counts)."""
    spread = Counter(t for d in {e.document_id for e in events} for t in
                     set().union(*(e.words for e in events if e.document_id == d)))
    return index.weights(Counter(t for e in events for t in e.words), len(events), spread, documents)


def _merged(events, weight, topic=0.1):
    links = find_links(events, lambda a, b: topic, set(), weight, set())
    return group(links, [], set(), {e.key: e for e in events})


def test_the_exchange_every_article_names_once_does_not_merge_different_companies():
    events = _closing_lines()
    closing = [e for e in events if not e.lead]
    weight = _project_weights(events, len(COMPANIES))
    assert "harbor stock exchang" in weight.common and "composit" in weight.common  # in every article, once
    assert not any(len(g) > 1 for g in _merged(events, weight))
    # what made them merge: with every word weighed as rare, the shared closing words are enough
    assert _together(_merged(closing, {}), closing[0], closing[1])


def test_two_sources_on_one_companys_closing_price_still_merge():
    events = _closing_lines()
    again = _event(40, "{} Brightwell shares fell 25 cents to close at $12.50 in Harbor Stock Exchange composite trading",
                   "Yesterday", "2022-03-02", lead=False)
    groups = _merged(events + [again], _project_weights(events + [again], len(COMPANIES) + 1))
    assert _together(groups, events[1], again)  # they share the company's name


def test_sentences_that_name_nothing_do_not_merge_on_common_words_alone():
    template = "In the {} the company reported net income of $2.1 million, or 12 cents a share"
    news = [_event(d, f"Company{chr(64 + d)} reported net income of $3 million, or 10 cents a share, for {{}}",
                   "the quarter", "2022-07-01") for d in range(1, 13)]  # "income", "cents"... in every article
    a = _event(20, template, "third quarter", "2022-07-01", length=92, lead=False)
    b = _event(21, "Net income rose to $8.4 million, or 40 cents a share, in {}", "the third quarter",
               "2022-07-01", length=92, lead=False)
    weight = _project_weights(news + [a, b], 14)
    assert not _together(_merged([a, b], weight), a, b)
    assert _together(_merged([a, b], {}), a, b)  # on rarity alone they would


def test_a_story_many_articles_tell_still_merges_on_its_common_names():
    # a project about one story: its names are in most articles, several times each (not boilerplate)
    story = "Floods in Marovia and Telland forced thousands from their homes on {}"
    events = [_event(d, story, "Monday", "2022-04-04") for d in range(1, 13)]
    events += [_event(d, "Aid convoys reached Marovia and Telland {}", "on Thursday", "2022-04-07", lead=False)
               for d in range(1, 13)]
    a = _event(30, "Floods forced thousands in Marovia and Telland from their homes {}, officials said", "on Monday",
               "2022-04-04")
    b = _event(31, "Floods in Marovia and Telland forced thousands from homes {} and closed schools", "Monday",
               "2022-04-04")
    weight = _project_weights(events + [a, b], 14)
    assert {"marovia", "telland", "flood", "thousand", "home"} <= weight.common and "school" not in weight.common
    assert not different_subjects(a, b, weight)  # one named story: its common names agree
    assert _together(_merged([a, b], weight), a, b)


def test_a_run_of_capitalised_words_opening_a_sentence_is_a_name():
    assert "brightwell corp" in names("Brightwell Corp. said its kettles sold well.")
    assert names("Despite the rain, sales rose.") == frozenset()  # one capitalised word: any sentence has it
    assert "quorvex" in names("The Quorvex board met.") and not {"the quorvex"} & names("The Quorvex board met.")
    assert {"harlan", "barnett harlan"} <= names("It was the day Dr. Barnett Harlan spoke.")  # after "Dr."


def test_two_companies_opening_their_sentences_with_the_same_template_do_not_merge():
    # "<Name> Corp. reported a third-quarter net loss...": the names differ, what the sentences share is common
    template = "{} Corp. reported a net loss of $2 million, or 12 cents a share, for {{}}"
    background = [_event(d, template.format(name), "the quarter", "2022-07-01", length=92)
                  for d, (name, _) in enumerate(COMPANIES, start=1)]
    a = _event(30, template.format("Lindqvist"), "the third quarter", "2022-07-01", length=92, lead=False)
    b = _event(31, template.format("Marchetti"), "the third quarter", "2022-07-01", length=92, lead=False)
    weight = _project_weights(background + [a, b], 14)
    assert "lindqvist corp" in a.names and "marchetti corp" in b.names
    assert not _together(_merged([a, b], weight), a, b)
    again = _event(32, "Lindqvist Corp. said its net loss was $2 million, or 12 cents a share, in {}",
                   "the third quarter", "2022-07-01", length=92, lead=False)
    assert _together(_merged([a, again], _project_weights(background + [a, again], 14)), a, again)


INDEX_CLOSE = "The Meridian Composite index closed at {} on {{}}, its lowest level in three years, after losing {} points"


def test_the_same_template_with_other_figures_days_apart_is_another_happening():
    # two days' closing reports: similar words, other figures; not one close reported with two dates
    days = [_event(d, INDEX_CLOSE.format(f"{7000 + 37 * d:,}.{d:02}", f"{50 + d}.{d:02}"), "that day",
                   f"2022-01-{d + 2:02}") for d in range(1, 13)]  # a project holding many days' closes
    a = _event(20, INDEX_CLOSE.format("7,465.95", "89.68"), "Thursday", "2022-02-17")
    b = _event(21, INDEX_CLOSE.format("7,114.30", "251.40"), "Monday", "2022-02-21")
    c = _event(22, INDEX_CLOSE.format("7,465.95", "89.68"), "Friday", "2022-02-18")  # a's close, misdated
    weight = _project_weights(days + [a, b, c], 15)
    assert {"#7465.95", "#89.68"} <= a.words and not {"#7465.95", "#89.68"} & b.words
    assert not _together(_merged([a, b], weight, topic=0.25), a, b)
    links = find_links([a, c], lambda x, y: 0.25, set(), weight, set())
    assert links and links[0].how == "near date"  # the same figures: one close, a date to review


def test_an_equal_price_does_not_make_two_companies_closing_lines_one():
    events = _closing_lines()  # every closing line reads "$12.50": the figure is no name they share
    assert "#12.50" in events[1].words and not any(len(g) > 1 for g in _merged(events, _project_weights(events, 12)))


def test_the_year_of_two_datelines_is_no_shared_figure():
    # two stories of one day whose wire datelines both give the year: a figure they share by the calendar
    a = _event(1, "VILNIUS, May 12, 2015 (Wire) - Sofia Varga of the harbour board reopened the main harbour in "
                  "Vilnius {}, officials said", "on Sunday", "2015-05-10")
    b = _event(2, "SKOPJE, May 11, 2015 (Wire) - Quentin Novak of the space office launched a weather satellite "
                  "in Skopje {}, officials said", "yesterday", "2015-05-10")
    assert "#2015" not in a.words and "#2015" not in b.words
    assert not _happenings([a, b], topic=0.1)[0]
