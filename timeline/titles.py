"""Who-did-what titles: the clause that carries a date, rewritten short.

Rule-based, no tagger: the sentence loses its date expressions (with the preposition that ties them
on), is split into comma segments (never inside a quote or a number), and keeps the segments that
say who did what: leading adverbials ("However", "On Tuesday", "According to the report"), relative
clauses that carry no date and trailing attributions ("officials said") go. A date inside a relative
or participle segment ("The company, which was founded in 1998, ...") is titled with the noun it
hangs on ("The company was founded"). The result is cut at a word boundary, never inside a number,
a name or a quote. Bylines and signatures ("By Jane Smith | March 3") get no title: they are no event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

MAX_WORDS = 14
_MARK = "\u2063"  # stands where the event's own date expression was
# The small words that tie a date onto its clause ("on Tuesday"), dropped with it; each rules file
# adds its own language's (`title_ties`: "im März", "le 5 mars", "в 2020 году").
_ENGLISH_TIES = ("on", "in", "at", "by", "since", "until", "till", "through", "from", "during", "before", "after",
                 "as of", "for", "around", "about", "as early as", "as late as", "no later than", "effective",
                 "starting", "beginning")


@lru_cache(maxsize=None)
def ties_for(words: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A run of tie words (English's and ``words``) ending where the date starts."""
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted({*_ENGLISH_TIES, *words}, key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{alternation})\s+)+$", re.IGNORECASE)


_CONNECTIVES = {"but", "and", "so", "yet", "also", "then", "still", "now", "meanwhile", "separately",
                "however", "moreover", "furthermore", "instead", "thus", "indeed", "earlier", "later",
                "previously", "additionally", "otherwise", "nevertheless", "nonetheless", "finally",
                "first", "second", "third", "overall", "today", "tonight", "ago"}
_PREPOSITIONS = {"in", "on", "at", "after", "before", "under", "according", "during", "since", "following",
                 "despite", "with", "for", "by", "from", "as", "amid", "until", "while", "when", "over",
                 "within", "upon", "unlike", "like", "once", "if", "although", "though", "because"}
_LATER = {"later", "earlier", "ago", "before", "after", "afterwards", "previously"}  # "Two days later,"
_RELATIVE = {"which", "who", "whom", "whose", "where", "when", "that"}
_CLAUSE_BREAK = {"but", "while", "whereas", "although", "though", "yet"}
_SPEECH = {"said", "says", "told", "announced", "reported", "added", "noted", "confirmed", "stated",
           "wrote", "tweeted", "explained", "argued", "warned", "insisted", "claimed", "declared"}
_SPEECH_TAIL = {"in", "a", "an", "the", "statement", "interview", "reporters", "journalists", "news",
                "conference", "briefing", "on", "twitter", "friday", "late", "earlier", "later"}
_PARTICIPLES = {"built", "held", "set", "made", "known", "born", "founded", "scheduled", "announced",
                "released", "published", "signed", "opened", "launched", "elected", "appointed",
                "written", "taken", "given", "seen", "begun", "planned", "expected", "due", "passed",
                "adopted", "introduced", "approved", "created", "formed", "established", "issued"}
_FUNCTION_END = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "by", "with",
                 "from", "that", "which", "who", "as", "its", "his", "her", "their", "our", "is", "was",
                 "are", "were", "be", "has", "have", "had", "will", "would", "into", "than", "about",
                 "after", "before", "since", "until", "while", "when", "whose", "this", "these", "those",
                 "compared", "versus",
                 "not", "said", "says", "could", "should", "may", "might", "can", "it", "he", "she",
                 "they", "we", "up", "over", "under", "between", "among", "against", "per", "some"}
_NUMBER_WORDS = {"million", "billion", "trillion", "thousand", "hundred", "percent", "per", "cent", "%",
                 "bn", "m", "km", "miles", "kilometres", "kilometers", "euros", "dollars", "pounds", "yen"}
_BYLINE = re.compile(r"^\W*(?:by\s+[A-Z][\w.'-]+\s+[A-Z]|(?i:posted|published|updated|last updated|"
                     r"first published|photo|image|credit|copyright)\b|©)")
_SIGNATURE = re.compile(r"@\w|\|")  # "Jane Smith (@janesmith)", "By Jane Smith | March 3": in short lines
_DATE_WORD = re.compile(r"\d+$|(?:mon|tues|wednes|thurs|fri|satur|sun)day$|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_DATELINE_LEAD = re.compile(
    r"(?i:date|dateline|published|updated)\s*:?\s*\d{4}-\d\d-\d\d\S*\s+"  # "Date 2022-02-02 The..."
    r"|[^.\n]{0,40}?\([^()\n]{1,24}\)\s*\.?\s*[-—–]+\s*"  # "Tokyo, Feb 2, (EFE).-"
    r"|[A-Z]{3,}(?:[ ,]+[A-Z]{2,})*\s*[-—–:]+\s*"  # "WASHINGTON —"
    r"|[A-Z]{4,}\s+(?=[A-Z][a-z])")  # "TOKYO Japanese Foreign Minister ..."
_SUBORDINATE = {"after", "before", "when", "as", "because", "while", "until", "once", "since", "whereas"}
_SUBJECT_START = {"the", "a", "an", "its", "his", "her", "their", "he", "she", "they", "it", "we", "police"}
_FINITE = re.compile(r"(?:was|were|is|are|had|has|have|did|will|would|could|said|[a-z]{3,}ed)$")
_POSSESSIVE = re.compile(r"['’]s\b")
_OPEN_QUOTES, _CLOSE_QUOTES = "“‘\"", "”’\""


@dataclass
class _Segment:
    words: list[str] = field(default_factory=list)
    dated: bool = False  # held the event's own date
    mark_at: int = -1  # where in words it stood
    sep: str = ""  # the punctuation that ended it

    @property
    def lower(self) -> list[str]:
        return [w.strip("“”\"‘’'()[].,;:!?").lower() for w in self.words]


def make_title(sentence: str, start: int, end: int, ties: tuple[str, ...] = ()) -> str:
    """The who-did-what title for the date at [start, end) of ``sentence`` ("" for no event);
    ``ties``: the language's own words that tie a date on (its rules file's `title_ties`).

    Other date expressions of the sentence stay: "set in 1947" says more than "set"."""
    if _BYLINE.search(sentence) or (_SIGNATURE.search(sentence) and len(sentence.split()) <= 10):
        return ""
    lead = _DATELINE_LEAD.match(sentence[:start])
    if lead:  # "TOKYO (Reuters) -": the place and agency of the dateline are no actor
        sentence, start, end = sentence[lead.end():], start - lead.end(), end - lead.end()
    sentence, start, end = _curly_quotes(sentence, start, end)
    text = _without_date(sentence, start, end, ties)
    segments = _segments(text)
    clause = _clause(segments)
    words = _pick(clause)
    title = _shorten(words)
    return "" if _no_event(title) else title


def _curly_quotes(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """Wire copy's ``quotes'' as “quotes”, the date's span moved with them."""
    if "``" not in sentence and "''" not in sentence:
        return sentence, start, end
    shift = sentence.count("``", 0, start) + sentence.count("''", 0, start)
    inside = sentence.count("``", start, end) + sentence.count("''", start, end)
    return sentence.replace("``", "“").replace("''", "”"), start - shift, end - shift - inside


def _without_date(sentence: str, start: int, end: int, ties: tuple[str, ...]) -> str:
    """The sentence without the date expression and the preposition that ties it on; a mark
    stands where it was. A date inside a quote stays: the speaker's words are not cut."""
    if _quote_state(sentence[:start], False):
        return re.sub(r"\s+", " ", sentence[:start] + _MARK + sentence[start:]).strip()
    rest = sentence[end:]
    if _POSSESSIVE.match(rest):  # "in Sunday's vote": no preposition ties the date; "in the vote"
        text = sentence[:start] + _MARK + " the" + rest[2:]
    else:
        text = ties_for(ties).sub("", sentence[:start]) + _MARK + rest
    text = re.sub(r"\s+", " ", text)
    return re.sub(rf"\s+([,;:.!?)]|{_MARK}[,;:.])", r"\1", text).strip()


def _segments(text: str) -> list[_Segment]:
    """Comma/semicolon/dash/bracket segments; separators inside quotes do not count."""
    segments, current, quoted = [], _Segment(), False
    for word in text.split(" "):
        if _MARK in word:
            current.dated, current.mark_at = True, len(current.words)
            word = word.replace(_MARK, "")
        if word in ("—", "–", "-", "--"):
            current.sep = "—"
            segments.append(current)
            current = _Segment()
            continue
        if word.startswith("(") and not quoted and current.words:
            segments.append(current)
            current = _Segment()
        quoted = _quote_state(word, quoted)
        core = word.rstrip(_CLOSE_QUOTES + ".!?")
        if word.strip(",;:.!?"):
            current.words.append(word)
        quote_ends = word[-1:] in _CLOSE_QUOTES and core.endswith(",")  # '"…back down," the mayor said'
        if not quoted and not quote_ends and (core.endswith((",", ";", ":", ")")) or word.endswith(")")):
            current.sep = ";" if core.endswith(";") else ","
            segments.append(current)
            current = _Segment()
    segments.append(current)
    return [s for s in segments if s.words or s.dated]


def _quote_state(word: str, quoted: bool) -> bool:
    for ch in word:
        if ch in "“":
            quoted = True
        elif ch in "”":
            quoted = False
        elif ch == '"':
            quoted = not quoted
    return quoted


def _clause(segments: list[_Segment]) -> list[_Segment]:
    """The independent clause with the date: split at ';' and at ', but/while/...'."""
    clauses: list[list[_Segment]] = [[]]
    for segment in segments:
        starts_clause = segment.lower[:1] and segment.lower[0] in _CLAUSE_BREAK and clauses[-1]
        if starts_clause:
            clauses.append([])
            segment.words = segment.words[1:]
        clauses[-1].append(segment)
        if segment.sep == ";":
            clauses.append([])
    return next((c for c in clauses if any(s.dated for s in c)), segments)


def _pick(clause: list[_Segment]) -> list[str]:
    """The words that say who did what."""
    dated = next((i for i, s in enumerate(clause) if s.dated), 0)
    after_relative = dated > 1 and _is_relative(clause[dated - 1])  # "MindSpring, which ran the site, closed it"
    if dated > 0 and not after_relative and _hangs_on_noun(clause[dated], last=dated == len(clause) - 1):
        return _with_antecedent(clause[dated - 1], clause[dated])
    kept = _drop_leading(clause)
    kept = [s for s in kept if not _is_relative(s) or s.dated]
    kept = [s for s in kept if not (s.words and s.words[0].startswith("(") and not s.dated)]
    while len(kept) > 1 and _is_attribution(kept[-1]):
        kept.pop()
    words: list[str] = []
    mark = -1
    with_words = [s for s in kept if s.words]
    for before, segment in zip([None] + with_words, with_words):
        if words:  # "Ortiz(, who led the trial,) presented": no comma where a segment went
            adjacent = before is not None and clause.index(segment) == clause.index(before) + 1
            words[-1] = words[-1].rstrip(",;:") + ("," if adjacent else "")
        words.extend(segment.words)
    for segment in kept:
        if segment.dated:
            mark = sum(len(s.words) for s in with_words[:_position(with_words, segment)]) + max(segment.mark_at, 0)
    return _strip_connectives(_conjunct(_subordinate_clause(words, mark), mark))


_AUXILIARY = {"was", "were", "is", "are", "had", "has", "have", "will", "would", "could"}


def _conjunct(words: list[str], mark: int) -> list[str]:
    """"Emanuel served as mayor from 2011 to 2019 and was a member of the House from 2003 to 2009":
    two verb phrases share one subject; the title is the subject and the date's own phrase (with
    the shared auxiliary: "The suspect was arrested on Friday and charged on Saturday")."""
    bare = [w.strip(",;:.").lower() for w in words]
    verb = next((i for i, w in enumerate(bare) if _FINITE.match(w)), None)
    if verb is None or verb == 0 or mark <= verb or _quote_state(" ".join(words), False):
        return words
    joins = [i for i in range(verb + 1, len(words) - 1)
             if bare[i] == "and" and _FINITE.match(bare[i + 1]) and not words[i - 1].endswith((",", ";"))]
    if not joins:
        return words
    before = [j for j in joins if j < mark]
    after = [j for j in joins if j >= mark]
    start, end = (before[-1] + 1 if before else verb), (after[0] if after else len(words))
    if start == verb:
        return words[:end]
    shared = words[:verb + 1] if bare[verb] in _AUXILIARY and bare[start] not in _AUXILIARY else words[:verb]
    return shared + words[start:end]


def _position(segments: list[_Segment], segment: _Segment) -> int:
    return next((i for i, s in enumerate(segments) if s is segment), len(segments))


def _subordinate_clause(words: list[str], mark: int) -> list[str]:
    """"The talks came after North Korea on Sunday fired a missile": the date tells when North
    Korea fired, so the clause after "after" is the title (when it has a subject and a verb)."""
    for index in range(min(mark, len(words)) - 1, 1, -1):
        if words[index - 1].endswith((",", ";")):
            break
        if words[index].lower() not in _SUBORDINATE or index + 1 >= mark:
            continue
        if _quote_state(" ".join(words[:index]), False):
            break  # a quote is the speaker's words, not a clause to cut out
        subject = words[index + 1]
        if _DATE_WORD.match(subject.lower()):
            continue  # "since November 2017": a preposition
        if _has_own_verb(words[index + 1:]) and (subject[:1].isupper() or subject.lower() in _SUBJECT_START):
            return words[index + 1:]
    return words


def _has_own_verb(clause: list[str]) -> bool:
    """A finite verb before any comma or 'and' after a common noun: "as Kishida and Biden agreed"
    has one; "as Chicago's mayor for two terms and was a member" does not (its verb is the main
    clause's)."""
    for before, word in zip(clause, clause[1:]):
        if before.rstrip(_CLOSE_QUOTES).endswith((",", ";")):
            return False
        if word.lower() in ("and", "or", "but") and not before[:1].isupper():
            return False
        if _FINITE.match(word.strip(",;:.").lower()):
            return True
    return False


def _hangs_on_noun(segment: _Segment, last: bool) -> bool:
    """A relative clause, or a participle phrase set off by commas ("The factory, built in 1962,
    employed..."): it says something about the noun before it. At the end of the sentence a
    word in -ed is the main verb ("Ortiz, who led the trial, presented the results")."""
    first = segment.lower[:1]
    if not first:
        return False
    participle = first[0] in _PARTICIPLES or (first[0].endswith("ed") and segment.words[0].islower())
    return first[0] in _RELATIVE - {"that", "when"} or (participle and not last)


def _with_antecedent(before: _Segment, segment: _Segment) -> list[str]:
    noun = [w.rstrip(",;:") for w in before.words]
    while noun and (noun[0].lower() in _PREPOSITIONS or noun[0].lower() in _CONNECTIVES):
        noun = noun[1:]
    noun = _after_verb(noun)[-6:]  # "was worked out by U.N. chief Kofi Annan, who": "U.N. chief Kofi Annan"
    rest = [w.rstrip(",;:") for w in segment.words]
    if segment.lower[0] == "whose":
        return _strip_connectives(noun[:-1] + [noun[-1] + ","] + rest) if noun else rest
    if segment.lower[0] in _RELATIVE:
        rest = rest[1:]
    return _strip_connectives(noun + rest)


_PARTICLES = {"out", "up", "down", "off", "by", "to", "with", "from", "for", "of", "on", "in", "at", "over", "into"}


def _after_verb(words: list[str]) -> list[str]:
    """The noun phrase after the last verb and its particles: what a relative clause hangs on."""
    verbs = [i for i, w in enumerate(words) if w.islower() and _FINITE.match(w.lower())]
    if not verbs:
        return words
    start = verbs[-1] + 1
    while start < len(words) - 1 and words[start].lower() in _PARTICLES:
        start += 1
    return words[start:] or words


def _drop_leading(clause: list[_Segment]) -> list[_Segment]:
    """Leading adverbials go ("However,", "On Tuesday,", "After weeks of talks,") when a clause follows."""
    index = 0
    while index < len(clause) - 1:
        segment = clause[index]
        head = segment.lower[:1]
        gerund = head and head[0].endswith("ing") and len(segment.words) > 1  # "Speaking to reporters,"; not "Manning,"
        clause_of_its_own = any(_FINITE.match(w.strip(",;:.")) for w in segment.lower[1:])  # "But talks have resumed,"
        leading = head and (head[0] in _PREPOSITIONS or (head[0] in _CONNECTIVES and not clause_of_its_own) or gerund
                            or (len(segment.words) <= 4 and segment.lower[-1] in _LATER))
        if not segment.words or leading:  # "Speaking to reporters," too
            index += 1
            continue
        break
    kept = clause[index:]
    if kept and not kept[0].words and len(kept) > 1:
        kept = kept[1:]
    return kept


def _is_relative(segment: _Segment) -> bool:
    return bool(segment.lower) and segment.lower[0] in _RELATIVE - {"that"}


def _is_attribution(segment: _Segment) -> bool:
    """", officials said", ", the club said in a statement", ", according to the ministry", ", said Lee"."""
    words = segment.lower
    if words[:2] == ["according", "to"]:
        return True
    speech = [i for i, w in enumerate(words) if w in _SPEECH]
    if not speech or len(words) > 9:
        return False
    tail = words[speech[-1] + 1:]
    return all(w in _SPEECH_TAIL or _DATE_WORD.match(w) for w in tail) or (speech[0] == 0 and len(words) <= 5)


def _strip_connectives(words: list[str]) -> list[str]:
    while len(words) > 2 and words[0].strip(",").lower() in _CONNECTIVES:
        words = words[1:]
    if words:
        words[0] = words[0].lstrip(",;: ")
    return [w for w in words if w]


def _shorten(words: list[str]) -> str:
    """At most MAX_WORDS words, cut where no number, name or quote is split; '…' marks a cut."""
    cut = len(words) > MAX_WORDS
    if cut:
        words = words[:_cut_point(words)]
    while len(words) > 1 and (last := words[-1].strip(",;:.").lower()) in _FUNCTION_END:  # "lower than."
        if last in ("said", "says") and any(c in w for w in words for c in _CLOSE_QUOTES):
            break  # '"We will not back down," the mayor said': the speaker's verb stays
        words = words[:-1]
    title = " ".join(words).strip(" ,;:—–-")
    if title.endswith(".") and ("." not in title.split()[-1][:-1] or title.endswith("..")):
        title = title[:-1]  # the sentence's full stop; "U.S." keeps its own
    if cut:  # an elided quote is closed again, so nobody reads the cut as the speaker's words
        title += " …" + ("”" if _quote_state(title, False) else "")
    return title[:1].upper() + title[1:]


def _cut_point(words: list[str]) -> int:
    """The best place to cut before MAX_WORDS: before a conjunction or preposition if possible."""
    quoted, allowed = False, []
    for index, word in enumerate(words[:MAX_WORDS + 1]):
        if index and not quoted and _may_cut_between(words[index - 1], word):
            allowed.append(index)
        quoted = _quote_state(word, quoted)
    good = [i for i in allowed if i >= 6 and (words[i].lower() in ("and", "but", "before", "after", "while",
                                                                  "as", "when", "because", "amid", "which")
                                              or words[i - 1].endswith(","))]
    if good and good[-1] >= 9:
        return good[-1]
    return allowed[-1] if allowed else MAX_WORDS


def _may_cut_between(left: str, right: str) -> bool:
    if left[-1:].isdigit() and right.lower().strip(",.") in _NUMBER_WORDS:
        return False  # "$1.2 | billion"
    names = left[:1].isupper() and right[:1].isupper() and not left.endswith((",", ";", ":"))
    return not names and left.strip(",;:").lower() not in _FUNCTION_END


def _no_event(title: str) -> bool:
    """Nothing left, or only a name: a byline or a signature, not something that happened."""
    words = [w for w in title.replace("…", "").split() if w.strip(",.;:")]
    if not words:
        return True
    lower = [w for w in words if w[:1].islower()]
    return not lower and len(words) <= 4
