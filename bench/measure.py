"""What the benchmarks share: a phase run in its own process (for its own peak memory), and that peak."""
from __future__ import annotations

import multiprocessing
import resource


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_in_process(target, *args):  # type: ignore[no-untyped-def]
    """``target(*args, queue)`` in a fresh process; what it puts on the queue."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result
