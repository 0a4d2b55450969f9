"""Import speed against dateparser's search_dates on the same texts, in one run.

    python bench/import_speed.py [--articles 2000] [--large 10000] [--baseline-sample N]

Phase 1 imports N articles (extraction, resolution and SQLite writes) into a fresh database;
phase 2 passes the same texts through dateparser.search.search_dates with RELATIVE_BASE set
(all of them unless --baseline-sample takes an evenly spaced sample); phase 3 imports --large
articles. The importer runs as the app runs it: a batch this large is analysed in worker
processes, one per core, while the main process stores; phase 1 is also run on one core
(workers=0) for a like-for-like ratio with search_dates, which uses one core. Each phase runs
in its own process so its peak memory (max RSS) is its own.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_mb, run_in_process  # noqa: E402
from corpus import build  # noqa: E402


def _write(articles: list[tuple[str, str]], folder: Path) -> float:
    for name, text in articles:
        (folder / name).write_text(text, encoding="utf-8")
    return sum(len(t.encode("utf-8")) for _, t in articles) / 1024


def _import_phase(folder: str, db: str, workers: int | None, queue) -> None:  # type: ignore[no-untyped-def]
    from timeline.importer import import_paths
    from timeline.store.session import open_store

    store = open_store(db)
    start = time.perf_counter()
    report = import_paths(store, [folder], datetime(2026, 1, 1, tzinfo=timezone.utc), workers=workers)
    elapsed = time.perf_counter() - start
    queue.put({"seconds": elapsed, "imported": report.count("imported"), "failed": report.count("failed"),
               "events": sum(r.events for r in report.results), "rss_mb": peak_mb(),
               "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024})


def _baseline_phase(texts: list[str], queue) -> None:  # type: ignore[no-untyped-def]
    import dateparser.search

    start = time.perf_counter()
    found = 0
    for text in texts:
        found += len(dateparser.search.search_dates(text, settings={"RELATIVE_BASE": datetime(2022, 2, 2)}) or [])
    queue.put({"seconds": time.perf_counter() - start, "found": found, "rss_mb": peak_mb()})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--baseline-sample", type=int, default=0, help="0 = every article")
    args = parser.parse_args()
    articles = build(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        kb = _write(articles, folder)
        ours = run_in_process(_import_phase, str(folder), str(Path(tmp) / "bench.sqlite"), None)
        single = run_in_process(_import_phase, str(folder), str(Path(tmp) / "single.sqlite"), 0)
        step = max(1, len(articles) // args.baseline_sample) if args.baseline_sample else 1
        sample = [t for _, t in articles[::step]]
        sample_kb = sum(len(t.encode("utf-8")) for t in sample) / 1024
        base = run_in_process(_baseline_phase, sample)
        _report("import (ours)", len(articles), kb, ours)
        _report("ours, one core", len(articles), kb, single)
        _report("search_dates", len(sample), sample_kb, base)
        ratio = (kb / ours["seconds"]) / (sample_kb / base["seconds"])
        one_core = (kb / single["seconds"]) / (sample_kb / base["seconds"])
        print(f"ratio (KB/s ours / KB/s search_dates): {ratio:.1f}x; on one core {one_core:.1f}x  (target >= 10x)")
        if args.large:
            large = Path(tmp) / "large"
            large.mkdir()
            large_kb = _write(build(args.large), large)
            big = run_in_process(_import_phase, str(large), str(Path(tmp) / "large.sqlite"), None)
            _report(f"import {args.large}", args.large, large_kb, big)
            print(f"{args.large} articles imported in {big['seconds']:.1f} s  (target < 60 s)")
    print(json.dumps({"ours": ours, "one_core": single, "search_dates": base, "ratio": round(ratio, 1)}))


def _report(label: str, count: int, kb: float, result: dict) -> None:
    seconds = result["seconds"]
    print(f"{label:>16}: {count} articles, {kb:,.0f} KB in {seconds:.2f} s = {count / seconds:,.0f} articles/s, "
          f"{kb / seconds:,.0f} KB/s, peak memory {result['rss_mb']:.0f} MB"
          + (f" (+ analysis workers, each at most {result['worker_mb']:.0f} MB)" if result.get("worker_mb") else ""))


if __name__ == "__main__":
    main()
