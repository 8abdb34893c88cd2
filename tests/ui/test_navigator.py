"""The navigator: groups, documents and their labeled share."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


def test_navigator_shows_progress_after_labeling(qtbot, window):
    def pivot_entry():
        group = window.navigator.model().item(0)
        return next(group.child(r).text() for r in range(group.rowCount())
                    if group.child(r).text().startswith("Russia: US Directly"))

    assert pivot_entry().endswith("· 0% labeled")
    sentences = int(pivot_entry().split(" · ")[2].split()[0])
    qtbot.keyClick(window.view, "1")
    expected = f"· {100 / sentences:.0f}% labeled"
    qtbot.waitUntil(lambda: pivot_entry().endswith(expected), timeout=5000)
