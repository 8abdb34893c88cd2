"""Alignment corrections in the app, with real key events: what a reviewer unlinks stays
unlinked through Ctrl+R, and undo takes the rejection back with the unlink."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from annotator.core.store import Store  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier


def _pairs(link) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for a in link.source for b in link.target}


def _machine_pairs(project) -> set[tuple[int, int]]:
    with Store.open(project, readonly=True) as store:
        return {pair for link in store.links.in_group(1, "machine") for pair in _pairs(link)}


def _realign_by_key(qtbot, window) -> None:
    window.statusBar().clearMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Re-aligned"), timeout=60000)
    qtbot.waitUntil(window.isActiveWindow)  # the keys are the window's again after the progress dialog


def test_ctrl_u_then_ctrl_r_does_not_bring_the_link_back(qtbot, window, aligned_project):
    wrong = max((l for l in window.session.machine_links(1) if l.score is not None and l.score < 0.8),
                key=lambda l: l.score)
    others = [l for l in window.session.machine_links(1) if set(l.sentence_ids()) & {wrong.source[0]}]
    assert window.go_to_sentence(wrong.source[0])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_U, CTRL)
    unlinked = {pair for link in others for pair in _pairs(link)}
    assert not unlinked & _machine_pairs(aligned_project)

    _realign_by_key(qtbot, window)
    assert not unlinked & _machine_pairs(aligned_project)  # it came back at 0.75 before
    with Store.open(aligned_project, readonly=True) as store:
        assert {r[:2] for r in store.links.rejections()} == unlinked

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the re-alignment
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the unlink: links back, rejection forgotten
    assert unlinked <= _machine_pairs(aligned_project)
    with Store.open(aligned_project, readonly=True) as store:
        assert store.links.rejections() == []


def _uncertain_rows(layout) -> list[int]:
    return [k for k, row in enumerate(layout.rows)
            if any(cell.score is not None and cell.score < 0.6 for cell in row.cells)]


def test_w_goes_to_uncertain_rows_x_rejects_the_weakest_link_c_accepts(qtbot, window, aligned_project):
    from annotator.core.align.stored_layout import group_layout

    with Store.open(aligned_project, readonly=True) as store:
        layout = group_layout(store, 1)
    expected = _uncertain_rows(layout)
    assert expected  # the seeds have a link below 0.6
    model, view = window.model, window.view
    marked = [row for row in range(model.rowCount()) if model.headerData(row, Qt.Orientation.Vertical).startswith("?")]
    assert marked == expected
    view.setFocus()
    view.set_cursor(len(layout.rows) - 1, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_W)  # from the last row: round to the first uncertain one
    assert view.cursor[0] == expected[0]

    # c accepts the row: confirmed, no longer marked, and w passes it by
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert window.model.headerData(expected[0], Qt.Orientation.Vertical).startswith("✓")
    window.view.set_cursor(0, 0, 0)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    assert window.view.cursor[0] == (expected[1] if len(expected) > 1 else 0)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the confirmation
    assert window.model.headerData(expected[0], Qt.Orientation.Vertical).startswith("?")
    window.view.set_cursor(expected[0], 0, 0)

    # x rejects the row's weakest machine link: gone from the file, remembered as rejected
    row = window.view.cursor[0]
    ids = set(window.model.layout.rows[row].sentence_ids())
    with Store.open(aligned_project, readonly=True) as store:
        inside = [l for l in store.links.in_group(1, "machine") if set(l.sentence_ids()) <= ids]
    weakest = min(inside, key=lambda l: l.score)
    qtbot.keyClick(window.view, Qt.Key.Key_X)
    assert not _pairs(weakest) & _machine_pairs(aligned_project)
    with Store.open(aligned_project, readonly=True) as store:
        assert {r[:2] for r in store.links.rejections()} == _pairs(weakest)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert _pairs(weakest) <= _machine_pairs(aligned_project)
    with Store.open(aligned_project, readonly=True) as store:
        assert store.links.rejections() == []
