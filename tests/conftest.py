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
