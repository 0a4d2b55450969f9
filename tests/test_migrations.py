"""Projects written by earlier versions open in this one: upgraded after a backup copy."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from timeline.store import migrations
from timeline.store.models import SCHEMA_VERSION
from timeline.store.queries import load_timeline
from timeline.store.session import open_store, schema_version

from conftest import ROOT

KEPT = sorted((ROOT / "tests" / "projects").glob("schema_v*.sqlite"))  # one made by each version
OLD_PROJECTS = [p for p in KEPT if int(p.stem.removeprefix("schema_v")) < SCHEMA_VERSION]


def _counts(path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as db:
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("documents", "mentions", "events"))


def _copy(kept, tmp_path):
    project = tmp_path / "case.sqlite"
    shutil.copy(kept, project)
    return project, _counts(project)


@pytest.mark.parametrize("old", OLD_PROJECTS, ids=lambda p: p.stem)
def test_an_old_project_is_backed_up_then_upgraded(old, tmp_path):
    project, before = _copy(old, tmp_path)
    store = open_store(project)
    assert schema_version(store) == SCHEMA_VERSION
    assert store.backup is not None and _counts(store.backup) == before
    data = load_timeline(store)
    assert len(data) == before[2] and len(data.lanes) == before[0]
    with sqlite3.connect(project) as db:  # the copied columns agree with their mentions
        disagree = db.execute("SELECT count(*) FROM events e JOIN mentions m ON m.id = e.mention_id "
                              "WHERE e.open_end != m.open_end OR e.confidence != m.confidence").fetchone()[0]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert disagree == 0 and data.open_end.any()
    store.close()
    again = open_store(project)  # already current: no second backup, nothing changes
    assert again.backup is None and _counts(project) == before
    again.close()


@pytest.mark.parametrize("kept", KEPT, ids=lambda p: p.stem)
def test_every_kept_project_opens_with_its_events_and_decisions(kept, tmp_path):
    from timeline.review import rebuild_store

    project, before = _copy(kept, tmp_path)
    store = open_store(project)
    rebuild_store(store)  # what an import or a decision would do next
    assert len(load_timeline(store)) == before[2]
    store.close()
    with sqlite3.connect(project) as db:
        decisions = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
        corrected = db.execute("SELECT dateline_iso FROM documents WHERE filename LIKE '001_%'").fetchone()[0]
    assert corrected == ("2022-02-02" if decisions else "2023-06-05")  # a stored decision still applies


def test_a_project_from_a_newer_version_is_refused_untouched(tmp_path):
    project = tmp_path / "new.sqlite"
    open_store(project).close()
    with sqlite3.connect(project) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(migrations.ProjectTooNew, match="newer"):
        open_store(project)


def test_there_is_a_kept_project_for_every_schema_including_this_one():
    assert {int(p.stem.removeprefix("schema_v")) for p in KEPT} == set(range(1, SCHEMA_VERSION + 1))


def test_a_file_that_is_not_a_project_gets_a_message_not_a_traceback(tmp_path):
    import subprocess
    import sys

    odd = tmp_path / "notes.sqlite"
    odd.write_text("meeting notes, not a database\n")
    newer = tmp_path / "newer.sqlite"
    open_store(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for path, reason in ((odd, "not a Timeline Builder project"), (newer, "made by a newer Timeline Builder")):
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--csv", "-", "--db", str(path)],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 2 and reason in result.stderr and "Traceback" not in result.stderr
    assert odd.read_text() == "meeting notes, not a database\n"  # left as it was


def test_an_upgraded_project_learns_its_documents_language(tmp_path):
    project, _ = _copy(ROOT / "tests" / "projects" / "schema_v4.sqlite", tmp_path)
    open_store(project).close()
    with sqlite3.connect(project) as db:
        found = db.execute("SELECT DISTINCT language, language_reason FROM documents").fetchall()
    assert [language for language, _ in found] == ["en"]
    assert found[0][1].startswith("English (en; py3langid") and "month-first" in found[0][1]


def test_an_upgraded_project_counts_its_conflicts_sources_as_a_review_would(tmp_path):
    """Schema 6: each conflict's number of sources and least sure claim in columns, filled from
    its claims for a project reviewed before them (the Conflicts list reads only the columns)."""
    import json
    from datetime import datetime, timezone

    from conftest import SAMPLES
    from timeline.importer import import_paths
    from timeline.review import rebuild
    from timeline.review.views import open_conflicts

    project = tmp_path / "reviewed.sqlite"
    store = open_store(project)
    import_paths(store, [SAMPLES], datetime(2026, 11, 23, tzinfo=timezone.utc))
    with store.session() as session, session.begin():
        rebuild(session)
    with store.session() as session:
        listed = {order: open_conflicts(session, None, order) for order in ("sources", "confidence")}
    store.close()
    with sqlite3.connect(project) as db:
        stored = db.execute("SELECT id, sources, least_confidence, claims FROM conflicts ORDER BY id").fetchall()
        db.execute("ALTER TABLE conflicts DROP COLUMN sources")  # as schema 5 left it
        db.execute("ALTER TABLE conflicts DROP COLUMN least_confidence")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    counted = [(i, len({c["document_id"] for c in json.loads(claims)}), min(c["confidence"] for c in json.loads(claims)))
               for i, _, _, claims in stored]
    assert [row[:3] for row in stored] == counted and len(counted) > 5 and {n for _, n, _ in counted} > {2}
    store = open_store(project)
    assert schema_version(store) == SCHEMA_VERSION and store.backup is not None
    with store.session() as session:
        assert {order: open_conflicts(session, None, order) for order in listed} == listed
    store.close()
    with sqlite3.connect(project) as db:
        assert db.execute("SELECT id, sources, least_confidence FROM conflicts ORDER BY id").fetchall() == counted
        upgraded = _shape(db, "conflicts")
    open_store(tmp_path / "new.sqlite").close()
    with sqlite3.connect(tmp_path / "new.sqlite") as db:
        assert upgraded == _shape(db, "conflicts") and upgraded[0][-1][0] == "claims"  # last: see the step


def _shape(db, table: str) -> tuple[list, list]:
    """A table's columns in order (name, type, not null, default, key) and its indexes' columns."""
    columns = [row[1:] for row in db.execute(f"PRAGMA table_info({table})")]
    indexes = sorted((row[1], [c[2] for c in db.execute(f"PRAGMA index_info({row[1]})")])
                     for row in db.execute(f"PRAGMA index_list({table})"))
    return columns, indexes
