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
WORDS_VERSION = "2"  # the rules above: words stored by other rules are made again (index.refresh)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+)")


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


def event_terms(context: str) -> frozenset[str]:
    """An event sentence's content words, without calendar words."""
    return terms(context) - _calendar_terms()


@lru_cache(maxsize=1)
def _calendar_terms() -> frozenset[str]:
    return frozenset(_stem(w) for w in CALENDAR)


def names(text: str) -> frozenset[str]:
    """Capitalised words and acronyms not opening a sentence: people, places, organisations (not
    calendar words: names are compared within an event's sentence)."""
    return frozenset(_stem(_plain(m.group())) for m in _NAME.finditer(text)
                     if m.group().lower() not in STOP and m.group().lower() not in CALENDAR)


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
    """Word -> weight, with each word set's total kept (a set's total is summed once per review)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.totals: dict[frozenset[str], float] = {}


def _total(words: frozenset[str], weight: dict[str, float]) -> float:
    totals = getattr(weight, "totals", None)
    if totals is None:
        return sum(weight.get(t, 1.0) for t in words)
    if words not in totals:
        totals[words] = sum(weight.get(t, 1.0) for t in words)
    return totals[words]
