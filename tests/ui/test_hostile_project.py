"""The desktop app given a hostile project file: one plain-text error, never a hang or the
"Something went wrong" dialog (the reliability report of 2026-12-06, section 4)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from annotator.ui.main_window import MainWindow

_OPEN = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from annotator.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow("tester", QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show_error = print
print("opened" if window.open_project(sys.argv[1]) else "refused")
"""


def _tamper(path, script: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(script)


def test_a_package_table_replaced_by_an_endless_view_is_refused_at_once(demo_project, tmp_path):
    _tamper(demo_project, "DROP TABLE package; CREATE VIEW package AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL"
                          " SELECT x + 1 FROM c) SELECT x AS id, 'u' AS uid, x AS revision, 'a' AS annotator FROM c")
    result = subprocess.run([sys.executable, "-c", _OPEN, str(demo_project), str(tmp_path / "settings.ini")],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # a hang ends at the timeout
    assert result.stdout.splitlines() == [
        f"{demo_project}: has a view 'package' that annotator did not create: refusing to open it", "refused"]


@pytest.mark.parametrize("script, problem", [
    ("DROP TABLE package", "lacks the table 'package'"),
    ("ALTER TABLE annotations DROP COLUMN origin", "has a table 'annotations' whose columns annotator did not create"),
], ids=["missing package table", "v10-style annotations under version 11"])
def test_a_project_of_another_schema_is_one_plain_error(qtbot, demo_project, tmp_path, script, problem):
    _tamper(demo_project, script)
    window = MainWindow("tester", QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    errors = []
    window.show_error = errors.append
    assert not window.open_project(demo_project)
    assert len(errors) == 1 and errors[0].startswith(f"{demo_project}: {problem}") and "\n" not in errors[0]
    assert window.session is None
