"""The layers stay apart: nothing under annotator/core imports Qt, only the store package
touches SQLite, and the headless commands run where PySide6 cannot even be imported."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_the_core_never_imports_qt():
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules(PACKAGE / "core")
                 if _imports(p) & {"PySide6", "PyQt5", "PyQt6", "shiboken6"}]
    assert offenders == []


def test_only_the_store_package_touches_sqlite():
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules(PACKAGE)
                 if p.parent.name != "store" and _imports(p) & {"sqlite3", "sqlite_utils"}]
    assert offenders == []


def test_the_ui_reaches_the_core_through_the_session():
    """The Qt layer may use the Session and the core's plain types, never the store itself."""
    offenders = []
    for path in _modules(PACKAGE / "ui"):
        text = path.read_text(encoding="utf-8")
        if "annotator.core.store" in text or "session._store" in text or ".store." in text:
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_an_import_checker_sees_a_qt_import_in_the_core(tmp_path):
    """The check above can fail: a core module importing PySide6 is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6" in _imports(bad)


# A process in which `import PySide6` fails, as on a headless install without the binding.
_NO_QT = """
import sys
class _Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is not installed here")
        return None
sys.meta_path.insert(0, _Refuse())
from annotator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _headless(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # this checkout's code, not whichever copy an editable install elsewhere points at
    path = os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "ANNOTATOR_NAME": "tester", "PYTHONPATH": path}
    return subprocess.run([sys.executable, "-c", _NO_QT, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.slow
def test_headless_commands_run_without_pyside6(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    other = tmp_path / "other.sqlite"
    steps = [
        ("import", str(project), *map(str, seeds.values()), "--group", "story"),
        ("align", str(project)),
        ("label", str(project), "1", "claim"),
        ("export", str(project), "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")),
        ("stats", str(project)),
        ("import", str(other), str(seeds["000"])),
        ("merge", str(project), str(other)),
        ("agreement", str(project)),
        ("assign", str(project), "--annotators", "ann,ben", "--overlap", "1", "-o", str(tmp_path / "packages")),
        ("progress", str(tmp_path / "packages")),
    ]
    for step in steps:
        result = _headless(*step, cwd=tmp_path)
        assert result.returncode == 0, (step, result.stderr)
        assert "PySide6" not in result.stderr
    gui = _headless("gui", str(project), "--quit-after-load", cwd=tmp_path)  # the one command that needs Qt says so
    assert gui.returncode == 2
    assert gui.stderr.count("\n") == 1 and "needs the Qt binding PySide6" in gui.stderr
