"""Review speed on big projects of templated news (bench/news_corpus.py).

    python bench/review_speed.py [--sizes 10000 50000] [--new 5] [--decisions 5] [--merges 5] [--profile]
                                 [--reuse-rebuild]

For each size: import the articles (worker processes, as the app does), then in a fresh process
(its peak memory is the review's own): a full rebuild; then ``--new`` times one new article
imported and reviewed (import_and_review: the article's events linked, merged and checked); then
``--decisions`` times a decision on an open conflict applied and the Conflicts tab's data read
again (the list and the next conflict); then ``--merges`` times a merge of two events the review
kept apart (same day, other happenings) and a split of an event off its happening, each undone and
redone, with the Conflicts tab read again after each. Targets: new article < 1 s, decision < 200 ms, full
rebuild of 50,000 articles < 120 s and < 1 GB;
a merge, a split and their undo and redo < 200 ms like any decision. The rebuild's CPU time and the load average are
printed with its wall time: on a shared machine the wall time says more about the neighbours.
``--reuse-rebuild`` keeps the project as the full rebuild left it (reviewed_<size>.sqlite) and
later runs start from a copy of it, timing only the new articles and the decisions (delete it
after changing what the rebuild stores).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_mb, run_in_process  # noqa: E402
import news_corpus  # noqa: E402

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _import_phase(folder: str, db: str, queue) -> None:  # type: ignore[no-untyped-def]
    from timeline.importer import import_paths
    from timeline.store.session import open_store

    store = open_store(db)
    start = time.perf_counter()
    report = import_paths(store, [folder], NOW)
    _checkpoint(store)
    store.close()
    queue.put({"seconds": time.perf_counter() - start, "imported": report.count("imported"),
               "events": sum(r.events for r in report.results)})


def _review_phase(db: str, keep: str | None, extra: list[str], decisions: int, merges: int, profile: bool,  # type: ignore[no-untyped-def]
                  queue) -> None:  # type: ignore[no-untyped-def]
    from timeline.review import Who, import_and_review, rebuild_store
    from timeline.review.views import open_conflicts
    from timeline.store.session import open_store

    store = open_store(db)
    result = {"rebuild_s": None, "new_s": [], "new_cpu": [], "decision_s": [], "decision_cpu": []}
    profiler = cProfile.Profile() if profile else None
    if keep is None or not Path(keep).exists():
        start, cpu = time.perf_counter(), time.process_time()
        summary = _profiled(profiler, rebuild_store, store)
        result |= {"rebuild_s": time.perf_counter() - start, "rebuild_cpu": time.process_time() - cpu,
                   "load": os.getloadavg()[0], "rebuild_mb": peak_mb(), "happenings": summary.happenings,
                   "open": summary.open_conflicts}
        if keep:
            _checkpoint(store)
            shutil.copyfile(db, keep)
    for path in extra:
        start, cpu = time.perf_counter(), time.process_time()
        _profiled(profiler, import_and_review, store, [path], NOW)
        result["new_s"].append(time.perf_counter() - start)
        result["new_cpu"].append(time.process_time() - cpu)
    who = Who("bench", "2026-01-01T00:00:00+00:00")
    for _ in range(decisions):
        with store.session() as session:
            rows = open_conflicts(session, "date")
        if not rows:
            break
        start, cpu = time.perf_counter(), time.process_time()
        _profiled(profiler, _decide, store, rows[0].id, who)
        result["decision_s"].append(time.perf_counter() - start)
        result["decision_cpu"].append(time.process_time() - cpu)
    result["regroup"] = _merges_and_splits(store, merges, who, profiler)
    result["peak_mb"], result["end_load"] = peak_mb(), os.getloadavg()[0]
    queue.put(result)


def _decide(store, conflict_id: int, who) -> None:  # type: ignore[no-untyped-def]
    """Accept the first side of a conflict, then read what the Conflicts tab shows next."""
    from timeline.review import accept_source
    from timeline.review.views import conflict_view, open_conflicts

    with store.session() as session, session.begin():
        view = conflict_view(session, conflict_id)
        accept_source(session, view.id, view.sides[0].event_id, who)
    with store.session() as session:
        rows = open_conflicts(session)
        if rows:
            conflict_view(session, rows[0].id)


def _merges_and_splits(store, count: int, who, profiler) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """``count`` merges and ``count`` splits, each undone and redone: wall seconds of each, applied
    and shown (the Conflicts tab read again, as after any decision)."""
    from timeline.review import merge_events, redo, split_event, undo

    with store.session() as session:
        merges, splits = _merge_pairs(session, count), _split_events(session, count)
    timed: dict[str, list[float]] = {f"{label}{kind}": [] for label in ("merge", "split", "undo", "redo")
                                     for kind in ("", " cpu")}
    steps = [("merge", lambda s, pair=pair: merge_events(s, *pair, who)) for pair in merges] + \
        [("split", lambda s, e=e: split_event(s, e, who)) for e in splits]
    for name, act in steps:
        for label, work in ((name, act), ("undo", undo), ("redo", redo)):
            start, cpu = time.perf_counter(), time.process_time()
            _profiled(profiler, _apply_and_show, store, work)
            timed[label].append(time.perf_counter() - start)
            timed[f"{label} cpu"].append(time.process_time() - cpu)
    return timed


def _apply_and_show(store, work) -> None:  # type: ignore[no-untyped-def]
    from timeline.review.views import conflict_view, open_conflicts

    with store.session() as session, session.begin():
        work(session)
    with store.session() as session:
        rows = open_conflicts(session)
        if rows:
            conflict_view(session, rows[0].id)


def _merge_pairs(session, count: int) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Events of happenings spread over the project, each with an event of another document on
    the same day that the review did not merge with it (alone or in another happening)."""
    from sqlalchemy import select

    from timeline.store.models import Event

    merged = session.execute(select(Event.id, Event.t0, Event.granularity, Event.happening_id)
                             .where(Event.happening_id.is_not(None)).order_by(Event.id)).all()
    pairs: list[tuple[int, int]] = []
    for event_id, t0, granularity, home in merged[::max(1, len(merged) // (count * 4 + 1))]:
        documents = set(session.scalars(select(Event.document_id).where(Event.happening_id == home)))
        other = session.scalar(select(Event.id).where(
            Event.t0 == t0, Event.granularity == granularity, Event.document_id.not_in(documents),
            (Event.happening_id != home) | Event.happening_id.is_(None)).order_by(Event.id).limit(1))
        if other is not None and len(pairs) < count:
            pairs.append((event_id, other))
    return pairs


def _split_events(session, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    """An event of each of ``count`` happenings of three or more events, spread over the project."""
    from sqlalchemy import func, select

    from timeline.store.models import Event

    homes = session.scalars(select(Event.happening_id).where(Event.happening_id.is_not(None))
                            .group_by(Event.happening_id).having(func.count() >= 3).order_by(Event.happening_id)).all()
    chosen = homes[::max(1, len(homes) // (count + 1))][1:count + 1]
    return [session.scalar(select(func.max(Event.id)).where(Event.happening_id == h)) for h in chosen]


def _profiled(profiler, work, *args):  # type: ignore[no-untyped-def]
    """``work(*args)``; with a profiler, its 25 costliest calls printed."""
    if profiler is None:
        return work(*args)
    profiler.enable()
    try:
        return work(*args)
    finally:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        profiler.clear()


def _checkpoint(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as connection:  # everything into the file, which is then copied
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _new_articles(size: int, count: int, root: Path) -> list[str]:
    """Articles not in the project: the same generator, another seed (new stories and reports)."""
    return [str(p) for p in news_corpus.write(news_corpus.build(count, seed=size + 1), root / f"new_{size}")]


def _imported_project(root: Path, size: int) -> Path:
    """The corpus of ``size`` articles imported once and kept in the temporary folder: importing
    50,000 articles takes far longer than reviewing them, and is not what this bench measures."""
    folder, imported = root / f"articles_{size}", root / f"imported_{size}.sqlite"
    if imported.exists():
        print(f"{size} articles: imported project reused ({imported})")
        return imported
    news_corpus.write(news_corpus.build(size), folder)
    partial = root / f"importing_{size}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    done = run_in_process(_import_phase, str(folder), str(partial))
    print(f"{size} articles: imported in {done['seconds']:.1f} s ({done['events']} events)")
    partial.rename(imported)  # the import phase checkpointed and closed it: no -wal left behind
    return imported


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--new", type=int, default=5)
    parser.add_argument("--decisions", type=int, default=5)
    parser.add_argument("--merges", type=int, default=0, help="merges and splits, each undone and redone")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--reuse-rebuild", action="store_true", help="start from the kept full rebuild (made once)")
    parser.add_argument("--import-only", action="store_true", help="prepare the imported projects and stop")
    args = parser.parse_args()
    root = Path(tempfile.gettempdir()) / "timeline_review_bench"
    for size in args.sizes:
        imported = _imported_project(root, size)
        if args.import_only:
            continue
        keep = root / f"reviewed_{size}.sqlite" if args.reuse_rebuild else None
        db = root / f"review_{size}_{os.getpid()}.sqlite"  # this run's own copy: others may bench too
        shutil.copyfile(keep if keep and keep.exists() else imported, db)  # the review writes into its copy
        try:
            r = run_in_process(_review_phase, str(db), keep and str(keep), _new_articles(size, args.new, root),
                               args.decisions, args.merges, args.profile)
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            for backup in root.glob(f"{db.stem}.schema*.backup.sqlite"):  # a kept project of an older schema
                backup.unlink()
        _report(r)


def _report(r: dict) -> None:
    if r["rebuild_s"] is None:
        print("  full rebuild: reused (reviewed project kept by an earlier run)")
    else:
        print(f"  full rebuild: {r['rebuild_s']:.1f} s ({r['rebuild_cpu']:.1f} s of CPU, load {r['load']:.1f} on "
              f"{os.cpu_count()} cores), peak {r['rebuild_mb']:.0f} MB "
              f"({r['happenings']} happenings, {r['open']} open conflicts)")
    if r["new_s"]:
        print(f"  one new article imported and reviewed: median {statistics.median(r['new_s']):.2f} s "
              f"({statistics.median(r['new_cpu']):.2f} s of CPU), max {max(r['new_s']):.2f} s")
    if r["decision_s"]:
        print(f"  a decision applied and shown: median {statistics.median(r['decision_s']) * 1000:.0f} ms "
              f"({statistics.median(r['decision_cpu']) * 1000:.0f} ms of CPU), max {max(r['decision_s']) * 1000:.0f} ms")
    for label in ("merge", "split", "undo", "redo"):
        seconds, cpu = r["regroup"][label], r["regroup"][f"{label} cpu"]
        if seconds:
            print(f"  {'an' if label == 'undo' else 'a'} {label} applied and shown: median {statistics.median(seconds) * 1000:.0f} ms "
                  f"({statistics.median(cpu) * 1000:.0f} ms of CPU), max {max(seconds) * 1000:.0f} ms ({len(seconds)} times)")
    print(f"  peak memory of the review process: {r['peak_mb']:.0f} MB; load at the end {r['end_load']:.1f}")


if __name__ == "__main__":
    main()
