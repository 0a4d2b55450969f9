"""Fuzz the tagger with the grammar's own words (tests/fuzz_words.py) for many examples, collect
every exception instead of stopping at the first, and check a time bound per KB.

    python bench/fuzz.py [--examples 100000] [--seed 1]

Each example is tagged and analysed (tests/test_fuzz_tables.check_text). Exit status 1 when any
example raised or the slowest example broke the bound: at most MAX_MS_PER_KB per KB of text
(with a floor of MIN_MS for a text of a few bytes, whose cost is the fixed cost of a call). An
example over the bound is timed once more and counted at its faster run: a garbage-collector pause
is no property of the text.
"""
from __future__ import annotations

import argparse
import gc
import signal
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from fuzz_words import days, texts  # noqa: E402
from test_fuzz_tables import check_text  # noqa: E402

MAX_MS_PER_KB, MIN_MS = 100.0, 250.0  # 10 s for 100 KB: the pathological bench's 10 s per MB, with slack for tiny texts

WARM_UP = ["On Monday, 3 March 2021, at 10 a.m.", "fifteen- every 2022 month after.", "xq zz", "Le 3 mars 2021"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    failures: dict[str, tuple[str, str]] = {}  # exception type and place -> shortest text, message
    counts: Counter[str] = Counter()
    stats = {"examples": 0, "bytes": 0, "seconds": 0.0, "slowest": (0.0, "")}

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(texts, days)
    def run(text: str, day: int) -> None:
        start = time.process_time()
        try:
            check_text(text, day)
        except Exception as error:  # noqa: BLE001 - every failure is collected and reported
            key = f"{type(error).__name__} at {_place(error)}"
            if key not in counts:  # seen the first time: said at once, a long run may be cut short
                print(f"NEW EXCEPTION {key}: {str(error)[:200]!r} on {text[:300]!r}", flush=True)
            counts[key] += 1
            if key not in failures or len(text) < len(failures[key][0]):
                failures[key] = (text, str(error)[:200])
        took = time.process_time() - start
        allowed = max(MIN_MS, MAX_MS_PER_KB * len(text.encode()) / 1024) / 1000
        if took > allowed:  # a garbage-collector pause or a first load lands on one example: time it again
            gc.collect()
            again = time.process_time()
            try:
                check_text(text, day)
            except Exception:  # noqa: BLE001 - already counted above
                pass
            took = min(took, time.process_time() - again)
        stats["examples"] += 1
        stats["bytes"] += len(text.encode())
        stats["seconds"] += took
        if took / allowed > stats["slowest"][0]:
            stats["slowest"] = (took / allowed, text)
        if stats["examples"] % 5000 == 0:
            print(f"{stats['examples']:,} examples, {len(failures)} kinds of exception", flush=True)

    for text in WARM_UP:  # grammars, models and dateparser's locales load once, outside the timing
        check_text(text, 700_000)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` too (a background job ignores SIGINT)
    try:
        run()
    except KeyboardInterrupt:  # Ctrl-C or `kill PID` ends a long run early: the figures so far are still told
        print(f"interrupted after {stats['examples']:,} of {args.examples:,} examples")
    kb = stats["bytes"] / 1024
    print(f"examples: {stats['examples']:,}   text: {kb:,.0f} KB   CPU: {stats['seconds']:.0f} s "
          f"({stats['seconds'] * 1000 / max(kb, 1e-9):.1f} ms per KB)")
    for key, count in counts.most_common():
        text, message = failures[key]
        print(f"EXCEPTION {key} x{count}: {message!r} on {text[:300]!r}")
    ratio, slowest = stats["slowest"]
    bound_ok = ratio <= 1.0
    print(f"exceptions: {sum(counts.values())}   slowest example: {ratio:.2f} of its bound "
          f"(max({MIN_MS:g} ms, {MAX_MS_PER_KB:g} ms per KB)) on {slowest[:80]!r}: "
          + ("within the bound" if bound_ok else "OVER THE BOUND"))
    return 0 if not counts and bound_ok else 1


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _place(error: BaseException) -> str:
    """file:line of the innermost frame: one line per distinct bug."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else "?"


if __name__ == "__main__":
    sys.exit(main())
