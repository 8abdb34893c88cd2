"""The README's example of label groups, answered with the keys and photographed: on the seeds'
English claim ("The ministry showed photo shoots…"), e 2 (verdict: false — the German and French
pages report the photos were fake), o 4 (check-worthiness 4 of 5), y 2 (the page is no correction
notice: a document-level yes/no), f (flagged for discussion); the window (1366x768) is saved with
the detail panel listing the answers.

    python scripts/screenshot_groups.py PROJECT OUT.png   (run by scripts/screenshot-example.sh groups)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from example_window import open_window, save

CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"


def main(project: str, out: str) -> None:
    from annotator.core.store import Store

    with Store.open(project) as store:
        store.label_groups.add("verdict", "exclusive", options=["true", "false", "unclear"], key="e")
        store.label_groups.add("check-worthy", "ordinal", scale=5, key="o")
        store.label_groups.add("correction notice", "yesno", level="document", key="y")
    app, window = open_window(project)
    claim = window.session._store.read("SELECT id FROM sentences WHERE instr(text, ?) > 0", [CLAIM]).fetchone()[0]
    view = window.view
    view.setFocus()
    window.go_to_sentence(claim)
    for key in (Qt.Key.Key_E, Qt.Key.Key_2, Qt.Key.Key_O, Qt.Key.Key_4, Qt.Key.Key_Y, Qt.Key.Key_2, Qt.Key.Key_F):
        QTest.keyClick(view, key)
    answers = {(a.group, a.value) for a in window.session.group_values_of(claim)}
    assert answers == {("verdict", "false"), ("check-worthy", "4"), ("correction notice", "no")}, answers
    assert window.session.discussion_of(claim)
    save(app, window, out, claim, view.ScrollHint.PositionAtCenter)
    print(f"{out} written: sentence {claim} answered {sorted(answers)} and flagged")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
