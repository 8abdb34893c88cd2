"""The README's example of label groups, answered with the keys and photographed: on the seeds'
English claim ("The ministry showed photo shoots…"), e 2 (verdict: false — the German and French
pages report the photos were fake), o 4 (check-worthiness 4 of 5), y 2 (the page is no correction
notice: a document-level yes/no), f (flagged for discussion); the window (1366x768) is saved with
the detail panel listing the answers.

    python scripts/screenshot_groups.py PROJECT OUT.png   (run by scripts/screenshot-groups.sh)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"


def main(project: str, out: str) -> None:
    from annotator.core.store import Store
    from annotator.ui import i18n
    from annotator.ui.main_window import MainWindow

    with Store.open(project) as store:
        store.label_groups.add("verdict", "exclusive", options=["true", "false", "unclear"], key="e")
        store.label_groups.add("check-worthy", "ordinal", scale=5, key="o")
        store.label_groups.add("correction notice", "yesno", level="document", key="y")
    app = QApplication.instance() or QApplication(sys.argv)
    i18n.install("en")
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow("demo", settings)
    window.resize(1366, 768)
    window.show()
    assert window.open_project(project)
    app.processEvents()
    claim = window.session._store.read("SELECT id FROM sentences WHERE instr(text, ?) > 0", [CLAIM]).fetchone()[0]
    view = window.view
    view.setFocus()
    window.go_to_sentence(claim)
    for key in (Qt.Key.Key_E, Qt.Key.Key_2, Qt.Key.Key_O, Qt.Key.Key_4, Qt.Key.Key_Y, Qt.Key.Key_2, Qt.Key.Key_F):
        QTest.keyClick(view, key)
    answers = {(a.group, a.value) for a in window.session.group_values_of(claim)}
    assert answers == {("verdict", "false"), ("check-worthy", "4"), ("correction notice", "no")}, answers
    assert window.session.discussion_of(claim)
    window.view.scrollTo(window.model.index(*window.model.position_of(claim)), view.ScrollHint.PositionAtCenter)
    window.view.fit_visible_rows()
    window.show_detail(claim)
    for _ in range(5):
        app.processEvents()
        QTest.qWait(100)
    window.grab().save(out)
    print(f"{out} written: sentence {claim} answered {sorted(answers)} and flagged")
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
