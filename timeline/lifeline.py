"""Worker processes that end with the process that started them.

A pool's workers are shut down by their parent; a parent killed with -9 never does it, and the
workers would live on, orphaned, holding their memory. Each worker watches its parent's
sentinel (a handle that becomes ready when the parent exits) and leaves at once. Kept apart
from the importer so that a worker starts without loading it.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading


def die_with_parent() -> None:
    """A pool initializer: exit as soon as the parent process is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
