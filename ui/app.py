"""Start the window."""
from __future__ import annotations

import sys


def run_app(db: str) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from timeline.store.project_file import ProjectError

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("TimelineBuilder")
    app.setApplicationName("Timeline Builder")
    try:
        window = MainWindow(db)
    except ProjectError as error:
        QMessageBox.critical(None, "Cannot open the project", str(error))
        return 2
    window.show()
    return app.exec()
