"""The README's worked example of a relation, made with the keys and photographed: on the seeds,
m on the German correction ("Indes sind die korrigierten Fotos veröffentlicht worden…"), then r
and 2 on the English claim ("The ministry showed photo shoots…"): a `corrects` relation; the
window (1366x768) is saved with the cursor on the claim, its detail panel listing the relation.

    python scripts/screenshot_relation.py PROJECT OUT.png   (run by scripts/screenshot-relation.sh)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"


def main(project: str, out: str) -> None:
    from annotator.ui import i18n
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    i18n.install("en")
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow("demo", settings)
    window.resize(1366, 768)
    window.show()
    assert window.open_project(project)
    app.processEvents()
    find = "SELECT id FROM sentences WHERE instr(text, ?) > 0"
    head, tail = (window.session._store.read(find, [text]).fetchone()[0] for text in (CORRECTION, CLAIM))
    view = window.view
    view.setFocus()
    window.go_to_sentence(head)
    QTest.keyClick(view, Qt.Key.Key_M)
    window.go_to_sentence(tail)
    QTest.keyClick(view, Qt.Key.Key_R)
    QTest.keyClick(view, Qt.Key.Key_2)
    related = window.session._store.relations.records()
    assert [(r.head_id, r.tail_id, r.type) for r in related] == [(head, tail, "corrects")], related
    # the claim a few rows down, so that the correction's row above it shows too
    window.view.scrollTo(window.model.index(*window.model.position_of(tail)), view.ScrollHint.PositionAtCenter)
    window.view.fit_visible_rows()
    window.show_detail(tail)
    for _ in range(5):
        app.processEvents()
        QTest.qWait(100)
    window.grab().save(out)
    print(f"{out} written: sentence {head} corrects sentence {tail}")
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
