import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "data" / "samples"

import pytest  # noqa: E402

# The store and import tests also run against PostgreSQL when this names a database that may be
# wiped (.ci/run starts a server and sets it); TIMELINE_REQUIRE_POSTGRES=1 turns a skip into a failure.
POSTGRES_URL = os.environ.get("TIMELINE_TEST_POSTGRES")
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    from timeline.store.session import open_store

    if request.param == "sqlite":
        s = open_store(tmp_path / "project.sqlite")
    else:
        if not POSTGRES_URL:
            if os.environ.get("TIMELINE_REQUIRE_POSTGRES") == "1":
                pytest.fail("TIMELINE_TEST_POSTGRES is not set but PostgreSQL tests are required")
            pytest.skip("no PostgreSQL server (set TIMELINE_TEST_POSTGRES to run these)")
        _wipe(POSTGRES_URL)
        s = open_store(POSTGRES_URL)
    yield s
    s.close()


def _wipe(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def reviewed(store):
    """A store holding the bundled samples, imported and reviewed (happenings and conflicts built)."""
    from datetime import datetime, timezone

    from timeline.importer import import_paths
    from timeline.review import rebuild

    import_paths(store, [SAMPLES], datetime(2026, 11, 23, tzinfo=timezone.utc))
    with store.session() as session, session.begin():
        rebuild(session)
    return store


def sample_event(session, prefix: str, expression: str):
    """The one event whose mention reads `expression` in the sample file starting with `prefix`."""
    from sqlalchemy import select

    from timeline.store.models import Document, Event, Mention

    return session.scalars(select(Event).join(Mention, Mention.id == Event.mention_id)
                           .join(Document, Document.id == Event.document_id)
                           .where(Document.filename.startswith(prefix), Mention.text == expression)).one()


def isolate_settings(tmp_path) -> None:
    """Qt settings (view restore, recent projects) go to this test's folder, not the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def new_window(qtbot, path, *, show: bool = True):
    """The main window on project `path`, sized like a laptop screen."""
    from ui.main_window import MainWindow

    w = MainWindow(str(path))
    qtbot.addWidget(w)
    w.resize(1300, 850)
    if show:
        w.show()
    return w
