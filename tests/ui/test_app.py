"""Starting the app: a missing system library is one line naming the package, not Qt's abort."""

from __future__ import annotations

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

