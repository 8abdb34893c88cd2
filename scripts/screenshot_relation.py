"""The README's worked example of a relation, made with the keys and photographed: on the seeds,
m on the German correction ("Indes sind die korrigierten Fotos veröffentlicht worden…"), then r
and 2 on the English claim ("The ministry showed photo shoots…"): a `corrects` relation; the
window (1366x768) is saved with the cursor on the claim, its detail panel listing the relation.

    python scripts/screenshot_relation.py PROJECT OUT.png   (run by scripts/screenshot-example.sh relation)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from example_window import open_window, save

CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"


def main(project: str, out: str) -> None:
    app, window = open_window(project)
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
    save(app, window, out, tail, view.ScrollHint.PositionAtCenter)
    print(f"{out} written: sentence {head} corrects sentence {tail}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
