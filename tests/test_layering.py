"""The layers stay apart (the map is in annotator/core/__init__.py): every import of every
module, in any form (`import a.b`, `from a import b`, `from . import x`, relative, inside a
function or an `if TYPE_CHECKING:`), goes to its own layer or one below; Qt only in the ui,
SQLite only in the store; and the headless commands run where PySide6 cannot even be imported."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"

# top to bottom; a module may import its own layer and those below it
LAYERS = ["cli", "ui", "present", "session", "dataset", "align", "store", "text", "model", "base"]
_LAYER_OF = {  # dotted prefix -> layer; the longest prefix that matches wins
    "annotator.cli": "cli", "annotator.__main__": "cli", "annotator.ui": "ui", "annotator.present": "present",
    "annotator.core.session": "session",
    "annotator.core.dataset": "dataset", "annotator.core.team": "dataset", "annotator.core.suggest": "dataset",
    "annotator.core.align": "align", "annotator.core.store": "store", "annotator.core.text": "text",
    "annotator.core.model": "model", "annotator.core": "model",
    "annotator.errors": "base", "annotator.paths": "base", "annotator.user": "base",
    "annotator.terminal_progress": "base", "annotator": "base",
}
QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
SQLITE = {"sqlite3", "sqlite_utils"}


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    for k in range(len(parts), 0, -1):
        if ".".join(parts[:k]) in _LAYER_OF:
            return _LAYER_OF[".".join(parts[:k])]
    return None


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, by its full dotted name, with the line: relative imports
    resolved, `from a import b` taken as module a.b where there is one (else a)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                as_path = root.parent.joinpath(*candidate.split("."))
                is_module = as_path.with_suffix(".py").exists() or (as_path / "__init__.py").exists()
                found.append((node.lineno, candidate if is_module else module))
    return found


def violations(root: Path) -> list[str]:
    """What breaks the layer contract in the package at `root`, one line each."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        mine = layer_of(name)
        for line, target in imported(path, root):
            where = f"{path.relative_to(root.parent)}:{line} ({mine}) imports {target}"
            top = target.split(".")[0]
            if top in QT and mine != "ui":
                problems.append(f"{where}: Qt outside the ui")
            elif top in SQLITE and mine != "store":
                problems.append(f"{where}: SQLite outside the store")
            theirs = layer_of(target) if top == "annotator" else None
            if theirs is None:
                continue
            if LAYERS.index(theirs) < LAYERS.index(mine):
                problems.append(f"{where} ({theirs}): a lower layer imports a higher one")
            elif mine == "ui" and theirs == "store":
                problems.append(f"{where} ({theirs}): the ui reaches the store only through the session")
    return problems


def test_every_import_keeps_to_the_layers():
    assert violations(PACKAGE) == []


def test_every_module_has_a_layer():
    assert [str(p) for p in PACKAGE.rglob("*.py") if layer_of(module_name(p, PACKAGE)) is None] == []


@pytest.mark.parametrize("form", [
    "import annotator.core.store.project",
    "from annotator.core import store",
    "from annotator.core.store import Store",
    "from .. import store",
    "from ..store.project import Store",
    "def later():\n    from annotator.core.session import Session",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..align.layout import GroupLayout",
])
def test_an_upward_import_in_any_form_is_caught(tmp_path, form):
    """A deliberate violation fails the check: a module of the text layer importing upwards."""
    fake = tmp_path / "annotator"
    for folder in ["core/text", "core/store", "core/session", "core/align"]:
        (fake / folder).mkdir(parents=True)
    for init in ["__init__.py", "core/__init__.py", "core/text/__init__.py", "core/store/__init__.py",
                 "core/session/__init__.py", "core/align/__init__.py", "core/store/project.py", "core/align/layout.py"]:
        (fake / init).write_text("")
    (fake / "core/text/clean.py").write_text("import os\nfrom . import clean\n")  # its own layer: fine
    assert violations(fake) == []
    (fake / "core/text/bad.py").write_text(form + "\n")
    found = violations(fake)
    assert len(found) == 1 and "annotator/core/text/bad.py" in found[0] and "a lower layer imports a higher" in found[0]


@pytest.mark.parametrize("module, source, problem", [
    ("core/text/bad.py", "from PySide6.QtCore import QObject", "Qt outside the ui"),
    ("core/text/bad.py", "def f():\n    import shiboken6", "Qt outside the ui"),
    ("core/align/bad.py", "import sqlite3", "SQLite outside the store"),
    ("core/session/bad.py", "from sqlite_utils import Database", "SQLite outside the store"),
    ("ui/bad.py", "from annotator.core.store import Store", "only through the session"),
])
def test_qt_sqlite_and_the_store_are_kept_in_their_place(tmp_path, module, source, problem):
    fake = tmp_path / "annotator"
    for folder in ["core/text", "core/store", "core/session", "core/align", "ui"]:
        (fake / folder).mkdir(parents=True)
        (fake / folder / "__init__.py").write_text("")
    for init in ["__init__.py", "core/__init__.py"]:
        (fake / init).write_text("")
    (fake / "core/store/db.py").write_text("import sqlite3\n")  # the store may
    (fake / "ui/window.py").write_text("from PySide6.QtWidgets import QWidget\n")  # the ui may
    assert violations(fake) == []
    (fake / module).write_text(source + "\n")
    found = violations(fake)
    assert len(found) == 1 and problem in found[0]


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
