"""Run a core function off the GUI thread; progress and the result come back as signals."""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal


class Worker(QObject):
    """Calls ``job(progress, cancelled)`` in a thread of its own; the job opens its own DB session."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self._job = job
        self._cancel = threading.Event()
        self.thread = QThread()
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self) -> None:
        try:
            result = self._job(lambda done, total, name: self.progress.emit(done, total, name), self._cancel.is_set)
            self.finished.emit(result)
        except Exception:  # the UI shows it; the thread must not die silently
            self.failed.emit(traceback.format_exc())
        finally:
            self.thread.quit()
