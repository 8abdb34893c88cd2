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
