"""What merging compares: an event's words and names, its place in the article, and the
documents' vocabularies. Words are lower-cased, stemmed (Snowball) and stripped of stop words."""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

STOP = frozenset("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them then there
these they this those through to too under until up very was we were what when where which while who whom why
will with would you your said says say told according also new one two three first last next week month year
day days earlier later ago""".split())
# dates are compared as dates: in an event's sentence ("OSLO, Jan 3 (Wire) - ... on Friday") calendar
# words are no evidence of one happening (documents keep them: a near-copy has the same dates)
CALENDAR = frozenset("""january february march april may june july august september october november december jan
feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues
wed thu thur thurs fri today tonight yesterday tomorrow weekend morning afternoon evening gmt utc est edt pst pdt
cet cest bst pm""".split())
WORDS_VERSION = "6"  # the rules above: words stored by other rules are made again (index.refresh)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+)")
# a sentence's first word is capitalised whatever it is, but a run of capitalised words opening it is
# a name ("Acme Corp. said...", "Dow Jones fell..."): version 3 of the words
_OPENING_NAME = re.compile(r"(?:^|(?<=[.!?]\s))\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer  # loads every language's stemmer: only when words are compared

    return snowballstemmer.stemmer("english")


_SURFACE: dict[str, str] = {}  # stem -> a word it came from, to explain merges in words


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    stem = _stemmer().stemWord(word)
    if len(_SURFACE) < 500_000:
        _SURFACE.setdefault(stem, word)
    return stem


def in_words(stem: str) -> str:
    """The word a stem came from ('cooper' -> 'cooperate')."""
    return _SURFACE.get(stem, stem)


def _plain(word: str) -> str:
    """Lower case, typographic apostrophes made plain, possessive 's dropped ("Korea’s" -> "korea")."""
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word.strip("'")


_TERM_OF: dict[str, str] = {}  # a word as written -> its stem, '' for a stop word: a review reads millions


def _term(word: str) -> str:
    plain = _plain(word)
    found = "" if plain in STOP or len(plain) < 2 else _stem(plain)
    if len(_TERM_OF) < 1_000_000:
        _TERM_OF[word] = found
    return found


def terms(text: str) -> frozenset[str]:
    """Content words, stemmed: 'cooperate' and 'cooperation' meet."""
    known = _TERM_OF.get
    found = {known(w) if w in _TERM_OF else _term(w) for w in _WORD.findall(text)}
    found.discard("")
    return frozenset(found)


_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")  # a calendar word too: every article of 2015 dated "May 12, 2015"


def event_terms(context: str) -> frozenset[str]:
    """An event sentence's content words, without calendar words, and its figures of three digits
    or more ("#5500", "#45.75"): one happening's reports give the same toll or price, the same
    template on another day or for another company other ones (words version 4); not years (5)."""
    return (terms(context) - _calendar_terms()) | figures(context)


def figures(text: str) -> frozenset[str]:
    """A text's figures of three digits or more, years aside ("#5500", "#45.75")."""
    return frozenset("#" + f for f in (m.group().replace(",", "") for m in _NUMBER.finditer(text))
                     if sum(c.isdigit() for c in f) >= 3 and not _YEAR.fullmatch(f))


@lru_cache(maxsize=1)
def _calendar_terms() -> frozenset[str]:
    return frozenset(_stem(w) for w in CALENDAR)


def names(text: str) -> frozenset[str]:
    """Capitalised words and acronyms not opening a sentence, and runs of them that do ("Acme
    Corp."; not "The Acme..."): people, places, organisations (not calendar words: names are
    compared within an event's sentence)."""
    found = [m.group() for m in _NAME.finditer(text)]
    found += [m.group(1) for m in _OPENING_NAME.finditer(text) if m.group(1).split()[0].lower() not in STOP]
    return frozenset(_stem(_plain(name)) for name in found if name.lower() not in STOP and name.lower() not in CALENDAR)


@dataclass(frozen=True, slots=True)  # a full rebuild holds hundreds of thousands
class EventProfile:
    event_id: int
    key: str  # document hash + mention span: the same across rebuilds, re-imports and redating
    document_id: int
    t0: float
    t1: float
    granularity: str
    expression: str
    relative: bool  # counted from the dateline ("Wednesday", "last month"), not written out ("July 2019")
    open: bool  # "since November 2017": only where it starts says something
    confidence: float
    terms: Collection[str]  # of the sentence, without the date expression itself (kept as a tuple)
    names: Collection[str]  # (a tuple)
    lead: bool  # the article's first dated event: most often its news
    words: frozenset[str] = field(init=False)  # terms and names together, what pairs compare

    def __post_init__(self) -> None:
        # only the union is a set (pairs intersect it): three sets per event were most of the
        # memory of a full rebuild (225,000 events: 1.6 KB each)
        object.__setattr__(self, "words", frozenset(self.terms) | frozenset(self.names))
        object.__setattr__(self, "terms", tuple(self.terms))
        object.__setattr__(self, "names", tuple(self.names))

    @property
    def day_precise(self) -> bool:
        return self.granularity in ("day", "hour", "minute", "part_of_day")


def event_key(document_hash: str, start: int, end: int) -> str:
    return f"{document_hash[:16]}:{start}-{end}"


def sentence_without(sentence: str, expression: str) -> str:
    return sentence.replace(expression, " ")


def weighted_overlap(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> tuple[float, frozenset[str]]:
    """Jaccard with rarer words counting more; and the shared words. Only the shared words are
    summed here (the rest comes from each side's total), since most pairs compared share few words."""
    shared = a & b
    if not shared:
        return 0.0, shared
    common = sum(weight.get(t, 1.0) for t in shared)
    return common / (_total(a, weight) + _total(b, weight) - common), shared


def rarest_first(words: frozenset[str], weight: dict[str, float]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda t: -weight.get(t, 1.0)))


class Weights(dict):
    """Word -> weight, with each word set's total kept (a set's total is summed once per review),
    and the words too common to tell one happening from another (``common_words``)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.totals: dict[frozenset[str], float] = {}
        self.common: frozenset[str] = frozenset()


COMMON_SHARE = 0.02  # a word in more than this share of the events is common ("share", "people", "said")
COMMON_EVENTS = 10  # ... but never one in this many events or fewer
SPREAD_DOCUMENTS = 10  # nor one in fewer documents than this (and this share of them): a few articles'
SPREAD_SHARE = 0.01  # own story (a small project's every word); in that many, about once in each: boilerplate
ONCE_EACH = 1.25  # events per document at most: a story's own names recur in its articles


def common_words(counts: dict[str, int], total: int, spread: dict[str, int], documents: int) -> frozenset[str]:
    """Words that say little about which happening a sentence reports, among those of many
    documents: frequent ones, and names that each of these documents mentions in passing ("in New
    York Stock Exchange composite trading" closing an article about a company, a wire agency)."""
    frequent = max(COMMON_EVENTS, COMMON_SHARE * total)
    widespread = max(SPREAD_DOCUMENTS, SPREAD_SHARE * documents)
    return frozenset(t for t, n in counts.items()
                     if spread.get(t, 0) >= widespread and (n > frequent or n <= ONCE_EACH * spread[t]))


def different_subjects(a: EventProfile, b: EventProfile, weight: dict[str, float]) -> bool:
    """Two sentences about different things told in the same common words (``Weights.common``):
    they share no other word, and one of them names nothing ("the company reported net income
    of..."), or each names something the other does not mention ("Acme shares closed at..." /
    "Globex shares closed at...": the exchange both name is boilerplate), or one does and the
    other has words of its own (a name opening a sentence is not told from a capitalised word)."""
    common = getattr(weight, "common", frozenset())
    shared = a.words & b.words
    if any(w not in common and not w.startswith("#") for w in shared):  # (two prices can be equal by chance)
        return False
    if shared and not (_named(a) and _named(b)):  # (two leads sharing no word link on their topic alone)
        return True
    own_name_a, own_name_b = _names_only_in(a, b, common), _names_only_in(b, a, common)
    if not (own_name_a or own_name_b):
        return False
    return (own_name_a or _words_only_in(a, b, common)) and (own_name_b or _words_only_in(b, a, common))


def other_figures(a: EventProfile, b: EventProfile) -> bool:
    """Both sentences give figures and none of them agree: two days' closing prices, not one close
    reported with two dates."""
    figures_a = {w for w in a.words if w.startswith("#")}
    figures_b = {w for w in b.words if w.startswith("#")}
    return bool(figures_a and figures_b and not figures_a & figures_b)


def _named(p: EventProfile) -> bool:
    return any(_name_words(name) for name in p.names)


@lru_cache(maxsize=200_000)
def _name_words(name: str) -> frozenset[str]:
    """A stored name's words as sentences' words are ("hurricane hugo" -> hurrican, hugo)."""
    return terms(name)


def _names_only_in(a: EventProfile, b: EventProfile, common: frozenset[str]) -> bool:
    """Whether ``a`` names something that ``b`` never mentions (the name's common words aside)."""
    for name in a.names:
        distinctive = _name_words(name) - common  # "Acme" of "Acme Corp."
        if distinctive and not distinctive & b.words:
            return True
    return False


def _words_only_in(a: EventProfile, b: EventProfile, common: frozenset[str]) -> bool:
    return any(w not in common for w in a.words - b.words)


def _total(words: frozenset[str], weight: dict[str, float]) -> float:
    totals = getattr(weight, "totals", None)
    if totals is None:
        return sum(weight.get(t, 1.0) for t in words)
    if words not in totals:
        totals[words] = sum(weight.get(t, 1.0) for t in words)
    return totals[words]
