"""TempEval-3 scoring (SemEval-2013 Task 1), written from the task's definitions.

Strict match: same extent. Relaxed match: overlapping extents, paired one to one.
Value (and type) are scored over relaxed matches: P = correct / system count,
R = correct / gold count, F1 their harmonic mean.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from timeline.export.timeml import Timex3


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[tuple[str, Timex3 | None, Timex3 | None]] = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        for name in ("gold", "system", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def prf(self, name: str) -> tuple[float, float, float]:
        hits = getattr(self, name)
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def type_accuracy(self) -> float:
        return self.type / self.relaxed if self.relaxed else 0.0


def score(gold: list[Timex3], system: list[Timex3]) -> Counts:
    counts = Counts(gold=len(gold), system=len(system))
    unmatched = list(system)
    for g in gold:
        partner = _best_overlap(g, unmatched)
        if partner is None:
            counts.errors.append(("missed", g, None))
            continue
        unmatched.remove(partner)
        counts.relaxed += 1
        counts.strict += (partner.start, partner.end) == (g.start, g.end)
        counts.value += partner.value == g.value
        counts.type += partner.type == g.type
        if partner.value != g.value:
            counts.errors.append(("wrong value", g, partner))
        elif (partner.start, partner.end) != (g.start, g.end):
            counts.errors.append(("extent", g, partner))
    counts.errors += [("false alarm", None, s) for s in unmatched]
    return counts


def _best_overlap(g: Timex3, candidates: list[Timex3]) -> Timex3 | None:
    overlapping = [s for s in candidates if s.start < g.end and g.start < s.end]
    return max(overlapping, key=lambda s: min(s.end, g.end) - max(s.start, g.start), default=None)
