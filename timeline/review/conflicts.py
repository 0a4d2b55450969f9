"""Contradictions: a happening whose sources give dates that do not overlap, and a document
whose dateline disagrees with a near-copy's (all its relative dates shifted by the same gap)."""
from __future__ import annotations

import math

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from .. import calendar as cal
from .decisions import Rulings
from .matching import Link
from .profiles import EventProfile

@dataclass(frozen=True)
class DocumentInfo:
    id: int
    hash: str
    filename: str
    dateline_day: int
    dateline_iso: str
    method: str
    confidence: float
    title: str = ""


@dataclass
class Found:
    key: str
    kind: str  # date | dateline
    status: str
    claims: list[dict] = field(default_factory=list)
    gap_days: float = 0.0
    summary: str = ""
    suggestion: str = ""
    suggested_date: str | None = None
    reason: str = ""
    document_id: int | None = None
    other_document_id: int | None = None
    cause_key: str | None = None


def dateline_conflicts(copies: list[tuple[int, int, float]], links: list[Link], docs: dict[int, DocumentInfo],
                       rulings: Rulings) -> dict[int, Found]:
    """Suspect documents (by id) and why: the near-copy's dateline explains their shifted dates."""
    found: dict[int, Found] = {}
    paired: dict[tuple[int, int], list[Link]] = {}
    for link in links:
        if link.how == "near-copy" and link.a.relative and link.b.relative:
            ends = (link.a.document_id, link.b.document_id)
            paired.setdefault((min(ends), max(ends)), []).append(link)
    for a, b, similarity in copies:
        gap = docs[b].dateline_day - docs[a].dateline_day
        if abs(gap) <= 1:
            continue
        shifts = [_shift(link, a) for link in paired.get((min(a, b), max(a, b)), [])]
        moved = [s for s in shifts if 0.5 <= s / gap <= 1.5]  # snapped to a weekday, month or year
        if not moved:
            continue
        suspect, other = _suspect(docs[a], docs[b])
        if suspect.id in found:
            continue
        key = f"dateline:{suspect.hash[:16]}:{other.hash[:16]}"
        resolved = suspect.hash in rulings.datelines or key in rulings.dismissed
        found[suspect.id] = Found(
            key, "dateline", "resolved" if resolved else "open",
            [_dateline_claim(suspect), _dateline_claim(other)], float(abs(gap)),
            f"{_name(suspect)} is dated {suspect.dateline_iso[:10]}, its near-copy {_name(other)} "
            f"{other.dateline_iso[:10]}",
            f"correct {_name(suspect)}'s dateline to {other.dateline_iso[:10]}", other.dateline_iso[:10],
            f"{_named(suspect)} is a near-copy of {_named(other)} (similarity {similarity:.2f}); {len(moved)} of "
            f"its dates counted from the dateline moved with it: {abs(gap)} days between the datelines, "
            f"{_days(moved)} between those dates. Its dateline ({suspect.method}, confidence {suspect.confidence:.2f}) looks like a page "
            f"or republication date; {_name(other)}'s ({other.method}, confidence {other.confidence:.2f}) "
            "is kept.", suspect.id, other.id)
    return found


def _name(doc: DocumentInfo, limit: int = 60) -> str:
    """A document as the analyst knows it: its title (the file name when it has none)."""
    text = doc.title.strip() or doc.filename
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _named(doc: DocumentInfo) -> str:
    """The title and the file, where telling copies of one article apart matters (the reason)."""
    return f"{_name(doc)} ({doc.filename})" if doc.title.strip() and doc.title.strip() != doc.filename else doc.filename


def _days(shifts: list[float]) -> str:
    low, high = int(min(map(abs, shifts))), int(max(map(abs, shifts)))
    return f"{low}" if low == high else f"{low} to {high}"


def _shift(link: Link, first_document: int) -> float:
    a, b = (link.a, link.b) if link.a.document_id == first_document else (link.b, link.a)
    return b.t0 - a.t0


def _suspect(a: DocumentInfo, b: DocumentInfo) -> tuple[DocumentInfo, DocumentInfo]:
    """The weaker dateline is suspect; on a tie the later one (copies are published later)."""
    return (a, b) if (a.confidence, -a.dateline_day) < (b.confidence, -b.dateline_day) else (b, a)


def _dateline_claim(doc: DocumentInfo) -> dict:
    return {"document_id": doc.id, "filename": doc.filename, "title": doc.title, "date": doc.dateline_iso,
            "how": doc.method, "confidence": doc.confidence}


def sources_and_confidence(claims: list[dict]) -> tuple[int, float]:
    """How many documents the claims come from, and the least sure claim (stored with the conflict)."""
    return len({claim["document_id"] for claim in claims}), min((c.get("confidence", 1.0) for c in claims), default=1.0)


def settle_date(members: list[EventProfile], docs: dict[int, DocumentInfo], suspects: dict[int, Found],
                rulings: Rulings) -> tuple[tuple[float, float], Found | None]:
    """The happening's date, and the conflict if its sources disagree."""
    groups = _agreeing(members)
    trust = {p.key: (0.1 if p.document_id in suspects else 1.0) * p.confidence for p in members}
    best = max(groups, key=lambda g: (sum(trust[p.key] for p in g), -min(p.t0 for p in g)))
    chosen = _typical(best)
    ruling = rulings.date_for({p.key for p in members})
    if ruling and ruling.t0 is not None:
        chosen = (ruling.t0, ruling.t1)
    if len(groups) == 1:
        return chosen, None
    others = [p for g in groups if g is not best for p in g]
    causes = {suspects[p.document_id].key for p in others if p.document_id in suspects}
    covered = ruling is not None and {p.key for p in members} <= ruling.members
    key = "date:" + min(p.key for p in members)
    status = "resolved" if covered or key in rulings.dismissed else "open"
    reason = ruling.how if ruling and status == "resolved" else "sources disagree"
    if ruling and status == "open":  # never silently dropped: say which sources came after it
        newcomers = [p for p in members if p.key not in ruling.members]
        reason = (f"reopened: the decision “{ruling.how}” does not cover "
                  + ", ".join(f"{docs[p.document_id].title or docs[p.document_id].filename}'s “{p.expression}”"
                              for p in newcomers[:3])
                  + (f" and {len(newcomers) - 3} more" if len(newcomers) > 3 else "")
                  + ", merged into this happening after it; its date is kept until you decide again")
    gap = _least_gap(best, others)
    explained = len(causes) == 1 and all(p.document_id in suspects for p in others)
    suggestion = f"accept {_iso(*_typical(best))}: {len({p.document_id for p in best})} of " \
                 f"{len({p.document_id for p in members})} sources say so"
    if explained:
        suggestion += "; the others follow from a suspect dateline (see that conflict)"
    return chosen, Found(key, "date", status, [_claim(p, docs) for p in members], gap,
                         "; ".join(f"{_iso(*_typical(g))}: {', '.join(_name(docs[p.document_id], 40) for p in g)}"
                                   for g in groups),
                         suggestion, _iso(*_typical(best)).split(" – ")[0],
                         reason,
                         cause_key=next(iter(causes)) if explained else None)


def _agreeing(members: list[EventProfile]) -> list[list[EventProfile]]:
    """Sources whose intervals overlap, chained: the groups of a connected interval graph."""
    groups: list[list[EventProfile]] = []
    end = float("-inf")
    for p in sorted(members, key=lambda m: m.t0):
        if groups and p.t0 < end:
            groups[-1].append(p)
            end = max(end, p.t1)
        else:
            groups.append([p])
            end = p.t1
    return groups


def _least_gap(best: list[EventProfile], others: list[EventProfile]) -> float:
    """The least distance between a start of ``best`` and a start of the others (by bisection:
    a happening of thousands of sources would otherwise compare every pair)."""
    starts = sorted(p.t0 for p in best)
    gap = float("inf")
    for q in others:
        i = bisect_left(starts, q.t0)
        gap = min([gap] + [abs(starts[j] - q.t0) for j in (i - 1, i) if 0 <= j < len(starts)])
    return gap


def _typical(group: list[EventProfile]) -> tuple[float, float]:
    """The interval most sources give; on a tie the narrowest."""
    counts = Counter((p.t0, p.t1) for p in group)
    return max(counts, key=lambda span: (counts[span], -(span[1] - span[0])))


def _iso(t0: float, t1: float) -> str:
    first, last = cal.iso_date(t0), cal.iso_date(math.ceil(t1) - 1)  # "14:48 UTC": its day, not the day before
    return first if first == last else f"{first} – {last}"


def _claim(p: EventProfile, docs: dict[int, DocumentInfo]) -> dict:
    doc = docs[p.document_id]
    return {"event_key": p.key, "event_id": p.event_id, "document_id": doc.id, "filename": doc.filename,
            "title": doc.title,
            "expression": p.expression, "date": _iso(p.t0, p.t1), "dateline": doc.dateline_iso,
            "confidence": p.confidence}
