"""Happenings first, lanes by story/outlet/document, and the filters that the list and timeline share."""
from __future__ import annotations

import numpy as np
from conftest import sample_event
from test_review import ANALYST

from timeline import calendar as cal
from timeline import grouping, view_filter
from timeline.review.editing import tag_events
from timeline.store.queries import Lane, TextPages, TimelineData, articles_containing, load_timeline, search_events


def _data(lanes: list[Lane], lane: list[int], happening: list[int], t0: list[float], confidence: list[float],
          span: float = 1.0) -> TimelineData:
    n = len(lane)
    ids = np.arange(1, n + 1)
    starts = np.asarray(t0, float)
    return TimelineData(ids=ids, t0=starts, t1=starts + span, lane=np.array(lane, dtype=np.int32),
                        exact=np.ones(n, bool), open_start=np.zeros(n, bool), open_end=np.zeros(n, bool),
                        disputed=np.zeros(n, bool), texts=TextPages(ids, lambda _: {}), lanes=lanes,
                        confidence=np.asarray(confidence, float), happening=np.array(happening, dtype=np.int64))


def _lane(n: int, title: str, agency: str = "", path: str = "") -> Lane:
    return Lane(n, title, "2022-02-02", False, False, agency, path)


def test_one_item_per_happening_gives_the_date_most_sources_give():
    lanes = [_lane(n, f"doc {n}") for n in range(4)]
    # happening 7: three sources, two say day 100 and one (surer) says day 300; event 5 is alone
    data = _data(lanes, [0, 1, 2, 3, 0], [7, 7, 7, 0, 0], [300, 100, 100, 50, 60], [1.0, 0.5, 0.8, 0.5, 0.5])
    keep = grouping.representatives(data)
    assert [int(i) for i in data.ids[keep]] == [3, 4, 5]  # the surer of the two that agree, and the lone ones
    assert sorted(int(i) for i in grouping.members(data, 2)) == [0, 1, 2]
    assert data.source_count.tolist() == [3, 3, 3, 1, 1]  # the badge: documents reporting the happening


def test_each_happening_is_shown_by_the_date_most_of_its_sources_give_on_random_data():
    rng = np.random.default_rng(5)
    n = 600
    happening = rng.integers(0, 40, n)  # 0: told by one source
    t0 = rng.integers(100, 104, n).astype(float)
    data = _data([_lane(0, "doc")], [0] * n, happening.tolist(), t0.tolist(), rng.integers(1, 8, n) / 7)
    keep = grouping.representatives(data)
    expected = set(np.nonzero(happening == 0)[0].tolist())
    for h in set(happening.tolist()) - {0}:
        events = np.nonzero(happening == h)[0].tolist()
        backing = {e: sum(t0[o] == t0[e] for o in events) for e in events}
        expected.add(min(events, key=lambda e: (-backing[e], -data.confidence[e], data.ids[e])))
    assert set(np.nonzero(keep)[0].tolist()) == expected


def test_stories_join_documents_by_shared_happenings_and_headline_words():
    lanes = [_lane(0, "Flood waters rise in river valley towns"),
             _lane(1, "River valley towns evacuated as flood waters rise"),
             _lane(2, "Central bank raises interest rates again"),
             _lane(3, "Markets fall"),  # shares no headline words, but reports the bank's happening
             _lane(4, "A new species of frog found in the highlands")]
    data = _data(lanes, [0, 1, 2, 3, 4], [0, 0, 9, 9, 0], [1, 2, 3, 3, 5], [1] * 5)
    found = grouping.group(data, "story")
    rows = [int(found.rows[i]) for i in range(5)]
    assert rows[0] == rows[1] and rows[2] == rows[3] and len({rows[0], rows[2], rows[4]}) == 3
    assert len(found.groups) == 3 and {g.sub for g in found.groups} == {"2 documents", "1 document"}
    assert found.groups[rows[4]].label == lanes[4].label



def test_stories_do_not_chain_through_side_happenings_or_words_most_headlines_share():
    """300 documents, each mostly about its own happening and also one event of its neighbour's,
    under headlines that share the same ministry and attribution: not one 300-document story."""
    count = 300
    place = [chr(97 + k // 26) + chr(97 + k % 26) for k in range(count // 2)]  # headline words drop digits
    lanes = [_lane(d, f"Minister of the Health Ministry visited {place[d % 150]}town by {place[d % 150]}river, "
                      "officials said") for d in range(count)]
    lane, happening = [], []
    for d in range(count):
        lane += [d, d, d]
        happening += [d + 1, d + 1, (d + 1) % count + 1]  # two events of its own happening, one of the next
    data = _data(lanes, lane, happening, [1.0] * len(lane), [1.0] * len(lane))
    names = grouping.story_names(data)
    assert len(set(names)) == count // 2  # the town and river of d and d + 150 only
    assert names[0] == names[150] and names[0] != names[1]

def test_story_lanes_follow_a_merge_and_its_undo_with_the_same_headlines():
    """The headline links are kept for the same headlines; the happenings' links never are."""
    lanes = [_lane(0, "Harbour crane collapses in storm"), _lane(1, "Parliament passes the budget bill")]
    apart = _data(lanes, [0, 1], [0, 0], [1, 1], [1, 1])
    merged = _data(lanes, [0, 1], [5, 5], [1, 1], [1, 1])
    assert len(set(grouping.story_names(apart))) == 2
    assert len(set(grouping.story_names(merged))) == 1
    assert len(set(grouping.story_names(apart))) == 2


def test_story_components_are_the_smallest_document_reached_along_long_chains():
    rng = np.random.default_rng(3)
    count = 2000
    order = rng.permutation(count)  # chains of 200 documents in shuffled numbering: many label rounds
    a = np.concatenate([order[i:i + 199] for i in range(0, count, 200)])
    b = np.concatenate([order[i + 1:i + 200] for i in range(0, count, 200)])
    label = grouping._components(count, a, b)
    for start in range(0, count, 200):
        chain = order[start:start + 200]
        assert set(label[chain].tolist()) == {int(chain.min())}


def test_headline_words_fold_possessives_plurals_and_numbers():
    assert grouping._headline_words("Korea's missile tests, class of 2022: buses") == \
        {"korea", "missile", "test", "class", "buse"}
    assert grouping._headline_words("Gas bus ABS’s U.S. 3rd") == {"gas", "bus", "abs"}


def test_hundreds_of_documents_never_make_hundreds_of_lanes():
    lanes = [_lane(n, f"Headline {n}", agency=f"Agency {n % 40}") for n in range(300)]
    data = _data(lanes, list(range(300)), [0] * 300, list(range(300)), [1] * 300)
    for mode in ("story", "outlet"):
        found = grouping.group(data, mode)
        assert len(found.groups) == grouping.MAX_LANES and found.rows.max() == grouping.MAX_LANES - 1
        assert found.groups[-1].label.endswith("other groups")
        in_rows = found.in_rows(0, grouping.MAX_LANES)
        assert sorted(in_rows.tolist()) == list(range(300))
    assert len(grouping.group(data, "single").groups) == 1


def test_the_outlet_comes_from_the_agency_the_page_address_or_the_headline():
    assert grouping.outlet(_lane(0, "Talks end", agency="Jiji Press")) == "Jiji Press"
    assert grouping.outlet(_lane(0, "Talks end", path="https://www.example-news.org/a/1.html")) == "example-news.org"
    assert grouping.outlet(_lane(0, "Talks end without a deal - The Daily Planet")) == "The Daily Planet"
    assert grouping.outlet(_lane(0, "Talks end without a deal")) == ""


def test_numeric_filters_narrow_to_the_same_set():
    lanes = [_lane(0, "a")]
    day = cal.day_number(2022, 1, 1)
    data = _data(lanes, [0, 0, 0, 0], [0, 0, 0, 0], [day, day + 40, day + 400, day + 800], [1.0, 0.4, 0.9, 0.9])
    data.t1[2] = data.t0[2] + 31  # a month
    data.t1[3] = data.t0[3] + 365  # a year

    def shown(**chosen) -> list[int]:
        mask = view_filter.shown_mask(data, view_filter.Filters(**chosen))
        return [int(i) for i in (data.ids if mask is None else data.ids[mask])]

    assert shown() == [1, 2, 3, 4]
    assert shown(date_from=day + 30, date_to=day + 500) == [2, 3]
    assert shown(precision="day") == [1, 2] and shown(precision="month") == [1, 2, 3]
    assert shown(min_confidence=0.5) == [1, 3, 4]
    assert shown(matches=np.array([4, 2])) == [2, 4]


def test_search_reads_every_paragraph_and_tags_and_conflicts_filter(reviewed):
    store = reviewed
    data = load_timeline(store)
    titles = set(search_events(store, "zzz-not-there").tolist())
    assert not titles and articles_containing(store, "zzz-not-there") == 0
    with store.session() as session:
        sunday = sample_event(session, "000_", "Sunday")
        paragraph_word = "Hwasong"  # in the Sunday paragraph's text
        assert paragraph_word in session.get(type(sunday), sunday.id).document.text
        sunday_id = sunday.id
    found = set(search_events(store, paragraph_word.lower()).tolist())
    assert sunday_id in found and articles_containing(store, paragraph_word) >= 1
    with store.session() as session, session.begin():
        tag_events(session, [sunday_id], "missiles", "#e8590c", who=ANALYST)
    tags = view_filter.tag_index(store)
    assert list(tags) == ["missiles"] and tags["missiles"].tolist() == [sunday_id]
    data = load_timeline(store)
    chosen = view_filter.Filters(happenings=False, tagged=tags["missiles"])
    assert data.ids[view_filter.shown_mask(data, chosen)].tolist() == [sunday_id]
    opened = view_filter.shown_mask(data, view_filter.Filters(happenings=False, conflict="open"))
    calm = view_filter.in_conflict_state(store, "none")
    assert opened.sum() == data.disputed.sum() > 0
    assert not set(calm.tolist()) & set(data.ids[data.disputed].tolist())
