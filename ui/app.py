"""Start the window."""
from __future__ import annotations

import sys


def run_app(db: str) -> int:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("TimelineBuilder")
    app.setApplicationName("Timeline Builder")
    window = MainWindow(db)
    window.show()
    return app.exec()
