"""The key map drives the keys: the aligned view handles exactly the map's view keys, and F1 (or ?)
opens the list of keys, made from the map, which Esc closes."""

from __future__ import annotations

import string

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.session import keymap  # noqa: E402
from annotator.ui.aligned.view import AlignedView  # noqa: E402

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
# what the view does, seen from outside: its signals, and its cursor moves
SIGNALS = {"labelKeyPressed": "toggle_label", "clearPressed": "no_label", "noteRequested": "edit_note",
           "markRequested": "mark_sentence", "acceptRequested": "accept_suggestions",
           "acceptModelRequested": "accept_model_suggestions", "uncertainRequested": "next_uncertain",
           "likelyPrefix": "next_likely", "boilerplateRequested": "toggle_boilerplate",
           "confirmRequested": "toggle_confirmed", "nextUncertainRowRequested": "next_uncertain_row",
           "rejectWeakestRequested": "reject_weakest_link", "splitRequested": "split_sentence",
           "mergeNextRequested": "merge_with_next", "likelyRequested": "likely_label",
           "relationPrefix": "relate_marked", "unrelateRequested": "unrelate", "relationRequested": "relation_type",
           "groupPrefix": "answer_group", "groupAnswered": "group_value", "discussionRequested": "flag_discussion"}
MOVES = {("move_vertical", 1): "next_sentence", ("move_vertical", -1): "previous_sentence",
         ("move_horizontal", 1): "next_document", ("move_horizontal", -1): "previous_document",
         ("move_page", 1): "next_page", ("move_page", -1): "previous_page",
         ("move_to_end", 1): "column_end", ("move_to_end", -1): "column_start",
         ("select_words", 1): "select_next_word", ("select_words", -1): "select_previous_word",
         ("select_words", 0): "restart_selection"}
NAMED = {Qt.Key.Key_Down: "Down", Qt.Key.Key_Up: "Up", Qt.Key.Key_Right: "Right", Qt.Key.Key_Left: "Left",
         Qt.Key.Key_Space: "Space", Qt.Key.Key_F1: "F1", Qt.Key.Key_Question: "?", Qt.Key.Key_PageDown: "PgDown",
         Qt.Key.Key_PageUp: "PgUp", Qt.Key.Key_Home: "Home", Qt.Key.Key_End: "End"}


@pytest.fixture
def recording_view(qtbot):
    view = AlignedView()
    qtbot.addWidget(view)
    done = []
    for signal, action in SIGNALS.items():
        getattr(view, signal).connect(lambda *args, action=action: done.append(action))
    for (method, step), action in MOVES.items():
        # the test's own moves, on the instance: the view has no rows to move through
        setattr(view, method, lambda s, method=method: done.append(MOVES[(method, s)]))
    view.show()
    assert QTest.qWaitForWindowExposed(view)
    return view, done


def candidate_keys():
    """(key, modifiers, the map's name of the key) for the letters, digits and a few others."""
    for letter in string.ascii_uppercase:
        key = getattr(Qt.Key, f"Key_{letter}")
        yield key, NONE, letter
        yield key, SHIFT, f"Shift+{letter}"
        yield key, CTRL, None  # the window's, never the view's
    for digit in string.digits:  # Shift with a digit types a sign on most keyboards: left out
        yield getattr(Qt.Key, f"Key_{digit}"), NONE, digit
    for key, name in NAMED.items():
        yield key, NONE, name
        yield key, SHIFT, f"Shift+{name}"


def test_the_view_handles_exactly_the_maps_view_keys(qtbot, recording_view):
    view, done = recording_view
    handled, expected = {}, {}
    for key, modifiers, name in candidate_keys():
        done.clear()
        view._awaiting_label = False  # a g pressed before waits for a digit: tested below
        qtbot.keyClick(view, key, modifiers)
        if done:
            assert len(done) == 1, (name, done)
            handled[name] = done[0]
        if name in keymap.view_keys():
            expected[name] = keymap.view_keys()[name]
    assert handled == expected
    assert set(keymap.view_keys()) <= {name for *_, name in candidate_keys()}  # none left untried


@pytest.mark.parametrize("prefix, asked", [(Qt.Key.Key_G, ["next_likely", "likely_label"]),  # the next likely label
                                           (Qt.Key.Key_R, ["relate_marked", "relation_type"])])  # a relation's type
def test_g_or_r_then_a_digit_asks_for_that_digit_once(qtbot, recording_view, prefix, asked):
    view, done = recording_view
    view.marked = 1  # r relates the marked sentence: one is marked (m)
    qtbot.keyClick(view, prefix)
    qtbot.keyClick(view, Qt.Key.Key_2)
    qtbot.keyClick(view, Qt.Key.Key_2)  # once only: the second 2 toggles label 2
    assert done == [*asked, "toggle_label"]


def test_r_with_no_sentence_marked_leaves_the_digits_to_the_labels(qtbot, recording_view):
    view, done = recording_view
    qtbot.keyClick(view, Qt.Key.Key_R)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert done == ["relate_marked", "toggle_label"]


def test_f1_opens_the_keys_from_the_map_and_escape_closes_them(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    dialog = window.keys_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text.toPlainText()
    assert text == keymap.help_text()
    lines = {line.split("   ")[0].strip(): line for line in text.splitlines()}
    assert "unlink" in lines["Ctrl+U"] and "uncertain row" in lines["w"]
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # "?" too (QTest sends it without Shift, as the offscreen platform has no keyboard layout)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Question)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_menus_show_the_maps_keys(window):
    actions = {a.text(): a for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
               for a in menu.actions()}
    assert actions["&Unlink this sentence"].shortcut().toString() == "Ctrl+U"
    assert [k.toString() for k in actions["&Redo"].shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert "Mark or unmark &boilerplate (B)" in actions
    assert "&Merge sentence with the next (Shift+S)" in actions
