"""Which rules can match a window at all: a cheap test before the regex scan.

A rule's regex tries every position of the window, and most of the 80-odd rules match nothing
in most paragraphs. From the parsed pattern we derive the words one of which every match must
contain ("ago", the unit names, the month names...), lower-cased; a window whose lower-cased
text contains none of them is not scanned by that rule. The derivation only keeps what it can
prove: ``\\d``, ``\\w`` and non-ASCII letters (whose case folding differs) require nothing.
"""
from __future__ import annotations

import re
from itertools import product
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

_MAX_STRINGS = 64  # beyond that many alternatives, testing them costs more than it saves
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_GROUPS = (sre.SUBPATTERN, getattr(sre, "ATOMIC_GROUP", sre.SUBPATTERN))
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

Strings = frozenset[str]


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which is in (the lower-cased text of) every match; None when
    nothing can be required."""
    needs = _needs(_parser.parse(pattern.pattern, pattern.flags))
    if not needs:
        return None
    return tuple(sorted(s for s in needs if not any(t != s and t in s for t in needs)))  # "jan" covers "january"


def folded(window: str) -> str:
    """The window as ``required_words`` compare with it: lower case, and the few non-ASCII
    letters that a case-insensitive regex matches to an ASCII one ("ſ", "ı") made that letter."""
    lowered = window.lower()
    return lowered if lowered.isascii() else lowered.translate(_TO_ASCII)


# the non-ASCII letters that a case-insensitive regex matches to an ASCII one and that
# str.lower() leaves non-ASCII ("İ" and the Kelvin sign lower to an "i" and a "k" already)
_TO_ASCII = str.maketrans({"ı": "i", "ſ": "s"})


def _needs(items: list) -> Strings | None:  # type: ignore[type-arg]
    """Of a sequence: the most selective requirement of one of its items, or of a run of items
    whose every possible text is known ("a" "g" "o" gives "ago")."""
    options = [_needs_item(op, av) for op, av in items]
    exact = [_exact(op, av) for op, av in items]
    for first in range(len(items)):
        run: Strings | None = frozenset({""})
        for known in exact[first:]:
            run = _concat(run, known)
            if run is None:
                break
            options.append(run)
    valid = [o for o in options if o and "" not in o]
    return max(valid, key=lambda o: (min(map(len, o)), -len(o)), default=None)


def _needs_item(op: object, av: object) -> Strings | None:
    if op in _GROUPS:
        return _needs(av[-1])  # type: ignore[index]
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _needs(av[2])  # type: ignore[index]
    if op is sre.BRANCH:
        return _union([_needs(a) for a in av[1]])  # type: ignore[index]
    return _exact(op, av)


def _exact(op: object, av: object) -> Strings | None:
    """Every text the item can match, lower-cased, when that is a short list of ASCII strings."""
    if op is sre.LITERAL:
        return frozenset({chr(av).lower()}) if _known(chr(av)) else None  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op is sre.IN:
        chars = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 16:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None
        ok = all(map(_known, chars))
        return frozenset(c.lower() for c in chars) if ok else None
    if op in _GROUPS:
        return _exact_sequence(av[-1])  # type: ignore[index]
    if op in _REPEATS and av[1] <= 1:  # type: ignore[index]
        once = _exact_sequence(av[2])  # type: ignore[index]
        return None if once is None else once | ({""} if av[0] == 0 else set())  # type: ignore[index]
    if op is sre.BRANCH:
        return _union([_exact_sequence(a) for a in av[1]])  # type: ignore[index]
    return None


def _exact_sequence(items: list) -> Strings | None:  # type: ignore[type-arg]
    run: Strings | None = frozenset({""})
    for op, av in items:
        run = _concat(run, _exact(op, av))
        if run is None:
            return None
    return run


def _union(alternatives: list[Strings | None]) -> Strings | None:
    """Of a branch: every alternative must say what it needs, and all together not too many."""
    if any(a is None for a in alternatives):
        return None
    union: Strings = frozenset().union(*alternatives)  # type: ignore[arg-type]
    return union if len(union) <= _MAX_STRINGS else None


def _known(char: str) -> bool:
    """ASCII, or no letter (a dash, a quote, a currency sign): the same in any case."""
    return char.isascii() or not char.isalpha()


def _concat(left: Strings | None, right: Strings | None) -> Strings | None:
    if left is None or right is None or len(left) * len(right) > _MAX_STRINGS:
        return None
    return frozenset(a + b for a, b in product(left, right))
