"""The core must stay Qt-free and must not read the clock."""
import re
import subprocess
import sys

from conftest import ROOT

BLOCK_QT = """
import importlib.abc, pkgutil, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'ui'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import timeline
for module in pkgutil.walk_packages(timeline.__path__, 'timeline.'):
    __import__(module.name)
print('ok')
"""


def test_every_core_module_imports_without_qt():
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_import_linter_contract_holds():
    result = subprocess.run([sys.executable, "-m", "importlinter.cli", "lint-imports"], cwd=ROOT,
                            capture_output=True, text=True)
    if "No module named" in result.stderr:
        result = subprocess.run(["lint-imports"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_never_reads_the_clock():
    pattern = re.compile(r"(datetime|date)\.(now|today|utcnow)\(|time\.time\(")
    offenders = [str(p) for p in (ROOT / "timeline").rglob("*.py")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
