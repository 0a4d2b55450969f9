"""Start-up: from process start to the first paint of the timeline, on a project of 10,000 articles.

    python bench/startup.py [--articles 10000] [--events-per-article 30] [--runs 3]

Builds (once, cached in the temp folder) a synthetic project with the big_project generator, then
starts `main.py --db PROJECT` in a fresh process as a user would (offscreen), and records when the
timeline canvas finished its first paint with events on it, and when the window was loaded (the
work queued for after the first paint done: a large project's store opened, its snapshot checked,
its review shown), and the longest time the GUI thread did not answer in the 3 s after the first
paint (a 10 ms heartbeat timer's longest gap; the window should stay responsive while it loads).
Also reports which heavy modules were already imported at the first paint
(they should load only when an import or a merge needs them), and, in the same run, the bare cost of starting Python and importing PySide6's widgets as a baseline. Wall and CPU time
are both printed: on a shared machine the wall time includes waiting for a core.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HEAVY = ("trafilatura", "dateparser", "pypdf", "docx", "snowballstemmer",
         "timeline.importer", "timeline.readers", "timeline.pipeline", "sqlalchemy")

# Runs in the child: main.py's own start, with the canvas's first paint with events recorded, then
# a heartbeat on the GUI thread for STALL_WINDOW seconds: its longest gap is the longest time the
# window could not answer the analyst (a click, a key, a repaint) while it loaded.
PROBE = """
import os, sys, time, json
sys.path.insert(0, {root!r})
sys.argv = ["main.py", "--db", {db!r}]
from PySide6.QtCore import QSettings, QTimer, Qt
from PySide6.QtWidgets import QApplication
import ui.canvas
if {saved}:  # the project was left with a search in the box: its saved view searches it again
    QSettings("TimelineBuilder", "Timeline Builder").setValue("view/" + {db!r}.replace("/", "|"),
        {{"fitted": True, "happenings": True, "lanes": "story", "filter": "dun"}})
paint = ui.canvas.TimelineCanvas.paintEvent
beats = []
done = {{}}
watch = []  # checks run at each heartbeat (when the actions taken at the first paint were answered)
def probe(self, event):
    paint(self, event)
    if getattr(self, "data", None) is not None and len(self.data) and not hasattr(sys, "_first_paint"):
        sys._first_paint = time.time()
        heavy = sorted(m for m in {heavy!r} if m in sys.modules)
        print(json.dumps({{"first_paint": sys._first_paint, "cpu": time.process_time(), "heavy": heavy,
                          "events": len(self.data)}}), flush=True)
        beats.append(time.perf_counter())
        heart = QTimer(self, interval=10, timerType=Qt.TimerType.PreciseTimer)
        heart.timeout.connect(beat)
        heart.start()
        window = self.window()
        target = int(self.data.ids[len(self.data) // 2])
        if {act}:  # the analyst acts at once: a click on an event, then a search typed
            QTimer.singleShot(50, lambda: self.selectionChanged.emit([target]))
            QTimer.singleShot(100, lambda: (window.filters.search.setText("dun"), window.filters.changed.emit()))
        if {act} or {saved}:
            def answered():
                source = window.source_panel.source
                if "click" not in done and source is not None and source.event_id == target:
                    done["click"] = time.perf_counter() - beats[0]
                if "search" not in done and window.filters.note.text().startswith("\u201cdun\u201d is in"):
                    done["search"] = time.perf_counter() - beats[0]
            watch.append(answered)
        if hasattr(window, "loaded"):  # the window says when its after-paint work is applied
            window.loaded.connect(loaded)
        else:  # (before the loading moved to a worker: the zero-timers queued by the first paint)
            QTimer.singleShot(0, loaded)
def beat():
    beats.append(time.perf_counter())
    for check in watch:
        check()
    if beats[-1] - beats[0] >= {stall_window} and "loaded" in done:
        finish()
def loaded():
    done["loaded"] = time.time()
    if beats and beats[-1] - beats[0] >= {stall_window}:
        finish()
def finish():
    if "finished" in done:
        return
    done["finished"] = True
    ends = [n for n, b in enumerate(beats) if b - beats[0] >= {stall_window}]
    window = beats[:ends[0] + 1]  # the gap that crosses the end of the window counts
    gaps = [b - a for a, b in zip(window, window[1:])]
    worst = max(range(len(gaps)), key=gaps.__getitem__)
    print(json.dumps({{"loaded": done["loaded"], "stall": gaps[worst], "stall_at": window[worst] - beats[0],
                      "over_100ms": sum(g > 0.1 for g in gaps), "click": done.get("click"),
                      "search": done.get("search")}}), flush=True)
    QApplication.instance().quit()
ui.canvas.TimelineCanvas.paintEvent = probe
import main
main.main(sys.argv[1:])
"""
STALL_WINDOW = 3.0  # seconds after the first paint watched for stalls
BASELINE = "import PySide6.QtWidgets, time; print(time.time(), time.process_time())"

# Made-up headlines: each story has its own eight words (made of syllables) and a place, its
# articles' headlines use five to eight of them and a verb; 6-10 words, as news headlines have.
# Grouping them into story lanes costs what real headlines cost ("Synthetic source 17" cost nothing).
SYLLABLES = "ka lo ver dun mesh ta rin bel oss quar neth vi sol mar tek pra zu hol fen dra".split()
VERBS = ("rises halts delays approves rejects blocks opens closes expands cuts warns seeks signs ends extends "
         "probes fines backs drops wins loses faces").split()


def _headlines(count: int) -> list[str]:
    """One headline per article, its story's (25 articles a story on average)."""
    rng = random.Random(12)

    words: set[str] = set()
    while len(words) < 8 * max(1, count // 25):  # no word in two stories
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    pool = sorted(words)
    rng.shuffle(pool)
    stories = [pool[n:n + 8] for n in range(0, len(pool), 8)]
    lines = []
    for _ in range(count):
        story = rng.choice(stories)
        told = rng.sample(story[1:], rng.randint(4, 7)) + [rng.choice(VERBS)]
        rng.shuffle(told)
        lines.append(" ".join([story[0].capitalize(), *told]))
    return lines


def project(articles: int, per_article: int) -> Path:
    from render_speed import _build, _cached

    path = Path(tempfile.gettempdir()) / f"timeline_startup_{articles}x{per_article}.sqlite"
    if not _cached(path, articles * per_article, articles):
        print(f"building {path} ({articles} articles, {articles * per_article} events)...", flush=True)
        _build(str(path), articles * per_article, articles, 50)
    _stamp_reviewed(path)
    _retitle(path)
    return path


def _retitle(path: Path) -> None:
    """Give the articles headlines like real ones (once; the events and their snapshot are untouched)."""
    with sqlite3.connect(path) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY id")]
        first = db.execute("SELECT title FROM documents ORDER BY id LIMIT 1").fetchone()
        if ids and first[0] != _headlines(1)[0]:
            db.executemany("UPDATE documents SET title = ? WHERE id = ?", zip(_headlines(len(ids)), ids))


def _stamp_reviewed(path: Path) -> None:
    """Store the synthetic project as an import leaves it: reviewed (its events are written
    directly, so nothing is merged). Without the stamp the window would first rebuild the review,
    which is not what opening a project costs."""
    from timeline.review.freshness import data_state, is_current, stamp
    from timeline.store.session import open_project

    store = open_project(str(path))
    with store.session() as session, session.begin():
        if not is_current(session):
            stamp(session, data_state(session))
    store.close()


def _env(config: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), XDG_CONFIG_HOME=config)
    env.pop("PYTHONPATH", None)
    return env


def first_paint(db: Path, act: bool = False, saved: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as config:  # fresh settings: no recent projects, a saved view if asked
        code = PROBE.format(root=str(ROOT), db=str(db), heavy=HEAVY, stall_window=STALL_WINDOW, act=act, saved=saved)
        started = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(config),
                             cwd=ROOT, timeout=300)
    lines = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    if len(lines) != 2:
        raise SystemExit(f"no first paint recorded:\n{out.stdout}\n{out.stderr}")
    line = lines[0]
    line["seconds"] = line["first_paint"] - started
    line["loaded"] = lines[1]["loaded"] - started
    line.update({key: lines[1][key] for key in ("stall", "stall_at", "over_100ms", "click", "search")})
    return line


def baseline() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as config:
        started = time.time()
        out = subprocess.run([sys.executable, "-c", BASELINE], capture_output=True, text=True, env=_env(config))
    wall, cpu = map(float, out.stdout.split())
    return wall - started, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--events-per-article", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--act", action="store_true",
                        help="also: runs where an event is clicked and a search typed 50-100 ms after the first paint")
    parser.add_argument("--saved-search", action="store_true",
                        help="also: runs where the project's saved view has a search in the box")
    args = parser.parse_args()
    db = project(args.articles, args.events_per_article)
    from timeline.store import snapshot
    from ui.main_window import CACHE_DIR

    if not snapshot.exists(CACHE_DIR, str(db)):
        first_paint(db)  # the first opening writes the snapshot the later ones paint from
    runs = [first_paint(db) for _ in range(args.runs)]
    bare = [baseline() for _ in range(args.runs)]
    seconds = [r["seconds"] for r in runs]
    print(f"project: {args.articles} articles, {runs[0]['events']} events")
    print(f"first paint after process start: median {statistics.median(seconds):.2f} s wall, "
          f"{statistics.median(r['cpu'] for r in runs):.2f} s CPU "
          f"(wall runs: {', '.join(f'{s:.2f}' for s in seconds)}; target < 1 s)")
    print(f"window loaded (store open, snapshot checked, review shown): median "
          f"{statistics.median(r['loaded'] for r in runs):.2f} s wall")
    worst = max(runs, key=lambda r: r["stall"])
    stalls = ", ".join(f"{r['stall'] * 1000:.0f}" for r in runs)
    print(f"longest GUI-thread stall in the {STALL_WINDOW:.0f} s after the first paint: median "
          f"{statistics.median(r['stall'] for r in runs) * 1000:.0f} ms (runs: {stalls} ms; worst "
          f"{worst['stall_at']:.2f} s after the paint; gaps over 100 ms per run: "
          f"{', '.join(str(r['over_100ms']) for r in runs)}; target < 100 ms)")
    print(f"baseline, python + PySide6 widgets import: median {statistics.median(b[0] for b in bare):.2f} s wall, "
          f"{statistics.median(b[1] for b in bare):.2f} s CPU")
    print(f"heavy modules loaded before the first paint: {', '.join(runs[0]['heavy']) or 'none'}")
    if args.act:
        _report_actions([first_paint(db, act=True) for _ in range(args.runs)])
    if args.saved_search:
        _report_saved_search([first_paint(db, saved=True) for _ in range(args.runs)])


def _report_actions(runs: list[dict]) -> None:
    """The runs where the analyst clicked an event and typed a search right after the first paint."""
    def seconds(key: str) -> str:
        return ", ".join("never" if r[key] is None else f"{r[key]:.2f}" for r in runs)

    stalls = ", ".join(f"{r['stall'] * 1000:.0f}" for r in runs)
    print(f"with a click on an event at 0.05 s and a search typed at 0.1 s after the first paint: longest "
          f"GUI-thread stall median {statistics.median(r['stall'] for r in runs) * 1000:.0f} ms (runs: "
          f"{stalls} ms; target < 100 ms); the event shown at "
          f"{seconds('click')} s, the search's matches at {seconds('search')} s after the paint")



def _report_saved_search(runs: list[dict]) -> None:
    """The runs where the project was left with a search in the box."""
    paint = [r["seconds"] for r in runs]
    found = [None if r["search"] is None else r["seconds"] + r["search"] for r in runs]
    print(f"with a saved view searching 'dun': first paint median {statistics.median(paint):.2f} s wall (runs: "
          f"{', '.join(f'{x:.2f}' for x in paint)}), the search's matches shown at "
          f"{', '.join('never' if x is None else f'{x:.2f}' for x in found)} s after process start; longest "
          f"GUI-thread stall after the paint median {statistics.median(r['stall'] for r in runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
