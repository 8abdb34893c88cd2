"""Starting the app: a missing system library is one line naming the package, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.ui import app


def test_missing_xcb_libraries_are_named_with_their_packages(monkeypatch, demo_project):
    monkeypatch.setattr(app, "missing_xcb_libraries", lambda: ["libxcb-cursor.so.0", "libxcb-icccm.so.4"])
    monkeypatch.setenv("DISPLAY", ":99")
    result = CliRunner().invoke(main, ["gui", str(demo_project), "--quit-after-load"])
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line and "libxcb-cursor.so.0" in line and "apt-get install libxcb-cursor0 libxcb-icccm4" in line


def test_the_check_looks_only_at_xcb(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app.missing_xcb_libraries() == []



@pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"),
                    reason="needs a real X server (CI runs the GUI tests once more under xvfb-run)")
def test_the_app_opens_a_real_window_on_the_x_server(demo_project, tmp_path):
    """What a user's `annotator demo` does on a Linux desktop: Qt's xcb plugin loads, the window
    opens on the project and paints, and the app quits cleanly."""
    shot = tmp_path / "window.png"
    env = {**os.environ, "ANNOTATOR_NAME": "ci"}
    result = subprocess.run([sys.executable, "-m", "annotator", "gui", str(demo_project), "--screenshot", str(shot),
                             "--quit-after-load"], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert app.missing_xcb_libraries() == []
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() > 600 and image.height() > 400
