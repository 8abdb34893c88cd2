"""The scheme editor's label groups and span labels, photographed at 1366x768: on a fresh demo
project with a verdict and a check-worthiness group (two answers given), the editor adds the
ordinal group "evidence" (1..4, key p) and the span label "quote" (key 4) with Qt key and mouse
events; in the view p 3 answers the new group, Shift+→ Shift+→ 4 marks a quote. Then the scale of
check-worthiness is shrunk to 1..3, and the question that counts what it deletes is photographed
too. (scripts/scheme_editor_by_keys.sh does the same as a person would, with real X keys under
a chosen keyboard layout.)

    python scripts/screenshot_scheme.py PROJECT OUTDIR [--dark]
    (under xvfb-run, no window manager; writes OUTDIR/scheme-groups.png, scheme-spans.png,
    scheme-view.png, scheme-question.png)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from example_window import open_window

CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"


def settle(app, ms: int = 400) -> None:
    for _ in range(4):
        app.processEvents()
        QTest.qWait(ms // 4)


def shoot(app, out: Path) -> None:
    settle(app)
    app.primaryScreen().grabWindow(0).save(str(out))
    print(f"{out} written")


def type_text(text: str) -> None:
    box = QApplication.focusWidget()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, text)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def button(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text)


def bring_up(app, widget) -> None:
    """Show the top-level `widget` in front with the keyboard focus."""
    widget.show()
    widget.raise_()
    widget.activateWindow()
    QTest.qWaitForWindowActive(widget)
    settle(app)


def main(project: str, out_dir: str, dark_palette: bool) -> None:
    from annotator.core.store import Store
    from annotator.ui.scheme_editor import SchemeEditor

    out = Path(out_dir)
    suffix = "-dark" if dark_palette else ""
    with Store.open(project) as store:
        store.label_groups.add("verdict", "exclusive", options=["true", "false", "unclear"], key="e")
        store.label_groups.add("check-worthy", "ordinal", scale=5, key="o")
        claim = store.read("SELECT id FROM sentences WHERE instr(text, ?) > 0", [CLAIM]).fetchone()[0]
        store.label_groups.set_value("check-worthy", claim, "demo", "5")
        store.label_groups.set_value("check-worthy", claim + 1, "demo", "4")
    prepare = None
    if dark_palette:
        sys.path.insert(0, str(Path(__file__).parent))
        from screenshot_spans import dark as prepare
    app, window = open_window(project, prepare)
    editor = SchemeEditor(window.session, window)
    editor.move(window.geometry().center() - editor.rect().center())
    bring_up(app, editor)
    bar = editor.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    QTest.mouseClick(button(editor.groups, "Add group"), Qt.MouseButton.LeftButton)
    type_text("evidence")
    table = editor.groups.table
    for column, text, key in ((3, "1..4", None), (4, None, Qt.Key.Key_P)):
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(table.model().index(2, column)).center())
        QTest.keyClick(table, Qt.Key.Key_F2)
        if text:
            type_text(text)
        else:
            QTest.keyClick(QApplication.focusWidget(), key)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    table.setCurrentIndex(table.model().index(2, 0))
    shoot(app, out / f"scheme-groups{suffix}.png")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    QTest.mouseClick(button(editor.span_labels, "Add span label"), Qt.MouseButton.LeftButton)
    type_text("quote")
    shoot(app, out / f"scheme-spans{suffix}.png")
    editor.accept()
    assert editor.result() == editor.DialogCode.Accepted, "the editor refused its rows"
    window.labeling.apply_editor(editor)
    bring_up(app, window)
    groups = [(g.name, g.key, g.options) for g in window.session.label_groups()]
    assert groups[-1] == ("evidence", "p", ("1", "2", "3", "4")), groups
    # the new keys in the view: p 3 answers "evidence"; Shift+→ twice, 4 marks a quote
    view = window.view
    view.setFocus()
    window.go_to_sentence(claim)
    settle(app)
    for key in (Qt.Key.Key_P, Qt.Key.Key_3):
        QTest.keyClick(view, key)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_4)
    settle(app)
    answers = {(a.group, a.value) for a in window.session.group_values_of(claim)}
    spans = [(s.label, s.start, s.end) for s in window.session.spans_of(claim)]
    assert ("evidence", "3") in answers and spans == [("quote", 0, len("The ministry"))], (answers, spans)
    print("answers", sorted(answers), "spans", spans)
    window.show_detail(claim)
    shoot(app, out / f"scheme-view{suffix}.png")
    # shrink check-worthiness below the answers given: the question counts them
    editor = SchemeEditor(window.session, window)
    editor.move(window.geometry().center() - editor.rect().center())
    bring_up(app, editor)
    editor.tabs.setCurrentIndex(1)
    editor.groups.model.item(1, 3).setText("1..3")
    QTest.qWait(100)
    from PySide6.QtCore import QTimer

    def grab_question():
        shoot(app, out / f"scheme-question{suffix}.png")
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        box.reject()
    QTimer.singleShot(800, grab_question)
    editor.accept()  # the question is answered Cancel by grab_question: nothing is deleted
    assert editor.isVisible()
    editor.close()
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--dark" in sys.argv[3:])
