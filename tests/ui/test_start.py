"""What the window does at start: no work that can wait until it is needed."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from annotator.ui.main_window import MainWindow  # noqa: E402


def test_at_normal_size_the_table_keeps_its_font_and_a_saved_zoom_still_applies(qtbot, tmp_path):
    """Setting the table's font at start laid the empty view out again (and made its font an
    explicit one, which no longer follows the system's); a saved zoom is still set."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow("tester", settings)
    qtbot.addWidget(window)
    assert not window.view.testAttribute(Qt.WidgetAttribute.WA_SetFont)
    normal = window.view.font().pointSizeF()
    settings.setValue("view/zoom", 150)
    zoomed = MainWindow("tester", settings)
    qtbot.addWidget(zoomed)
    assert zoomed.view.font().pointSizeF() == pytest.approx(normal * 1.5)
