"""Open a project of a million events and repaint the timeline through a zoom sequence.

    python bench/render_speed.py [--events 1000000] [--sources 1000] [--years 50] [--db PATH]

The project is built once (cached at --db) in a child process; a second child opens it in the
real main window (offscreen), reports the time to the first drawn frame, then repaints a
1920x1080 canvas from all the years down to one day and back, and reports the median and
95th percentile per zoom level, and its own peak memory. Targets: first frame < 2 s,
repaint p95 < 16 ms at every level, peak memory < 1.5 GB.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_mb  # noqa: E402

STEPS = 48  # zoom steps each way
LEVELS = ((3650, "decades"), (365, "years"), (31, "months"), (7, "weeks"), (0, "days"))


def _build(path: str, events: int, sources: int, years: int) -> None:
    import big_project

    big_project.build(Path(path), events, sources, years)


def _cached(path: Path, events: int, sources: int) -> bool:
    if not path.exists():
        return False
    try:
        from timeline.store.models import SCHEMA_VERSION

        with sqlite3.connect(path) as db:
            counts = db.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents)").fetchone()
            version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return counts == (events, sources) and version == (str(SCHEMA_VERSION),)  # else rebuild, not migrate
    except sqlite3.Error:
        return False


def _measure(db: str, queue) -> None:  # type: ignore[no-untyped-def]
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ui.canvas import TimelineCanvas
    from ui.main_window import MainWindow

    start = time.perf_counter()
    window = MainWindow(db)
    window.resize(1920, 1080)
    window.show()
    window.canvas.repaint()
    app.processEvents()
    first_frame = time.perf_counter() - start
    canvas = TimelineCanvas()
    canvas.resize(1920, 1080)
    canvas.show()
    canvas.set_data(window.data)
    app.processEvents()
    times = _zoom_sequence(canvas, app)
    queue.put({"events": len(window.data), "first_frame": first_frame, "times": times, "rss_mb": peak_mb()})


def _zoom_sequence(canvas, app) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """(visible days, repaint seconds) from the whole span down to one day, and back out."""
    canvas.fit_all()
    whole = canvas.scale.v1 - canvas.scale.v0
    factor = (1.0 / whole) ** (1 / STEPS)
    centre_x = (canvas.scale.x0 + canvas.scale.x1) / 2
    times = []
    for step in range(2 * STEPS + 1):
        if step:
            canvas.scale.zoom(factor if step <= STEPS else 1 / factor, centre_x)
        began = time.perf_counter()
        canvas.repaint()
        times.append((canvas.scale.v1 - canvas.scale.v0, time.perf_counter() - began))
        app.processEvents()
    return times


def _level(span: float) -> str:
    return next(name for days, name in LEVELS if span >= days)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "timeline-render-bench.sqlite"))
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    path = Path(args.db)
    if not _cached(path, args.events, args.sources):
        began = time.perf_counter()
        builder = context.Process(target=_build, args=(str(path), args.events, args.sources, args.years))
        builder.start()
        builder.join()
        print(f"built {path} in {time.perf_counter() - began:.1f} s")
    queue = context.Queue()
    child = context.Process(target=_measure, args=(str(path), queue))
    child.start()
    result = queue.get()
    child.join()
    print(f"{result['events']:,} events in {args.sources} sources over {args.years} years")
    print(f"open project to first frame: {result['first_frame']:.2f} s (target < 2 s)")
    by_level: dict[str, list[float]] = {}
    for span, seconds in result["times"]:
        by_level.setdefault(_level(span), []).append(seconds * 1000)
    worst = 0.0
    for _, name in LEVELS:
        values = sorted(by_level.get(name, []))
        if values:
            p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
            worst = max(worst, p95)
            print(f"repaint 1920x1080, {name:8s}: {len(values):3d} frames, median {statistics.median(values):6.2f} ms,"
                  f" p95 {p95:6.2f} ms")
    print(f"peak memory: {result['rss_mb']:.0f} MB (target < 1536 MB)")
    print(f"worst repaint p95: {worst:.2f} ms (target < 16 ms)")


if __name__ == "__main__":
    main()
