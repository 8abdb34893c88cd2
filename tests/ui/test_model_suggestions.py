"""The model's suggestions in the app, driven with real key and mouse events on the seeds: label a
dozen English sentences, the model trains in the background, German and French sentences get
suggestions; Shift+A, u, g + key and the Show filter, each checked in the project file.

(Named to run before test_remembered.py: its test of `app.run` quits the application, and no
timer of the test process fires after that, while the window learns through a timer that a
training has ended.)"""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QColor, QHelpEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolTip  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from annotator.ui.aligned.cell_layout import MODEL_FILL_ALPHA, chip_entries, layout_blocks  # noqa: E402
from annotator.ui.aligned.colors import cell_colors  # noqa: E402
from tests.helpers.seed_labels import english_sentences  # noqa: E402
from tests.ui.conftest import paint_cell  # noqa: E402

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def _trained(window, project, judged: int) -> bool:
    if window.suggestions.training is not None:
        return False
    with Store.open(project, readonly=True) as store:
        report = store.suggestions.report()
    return report is not None and report["judged"] == judged


@pytest.fixture
def suggesting(qtbot, window, aligned_project):
    """The window after a dozen English sentences were labeled with the keyboard (three more
    judged "no label applies") and the model retrained in the background."""
    with Store.open(aligned_project, readonly=True) as store:
        chosen = english_sentences(store)
    keys = {label.name: label.key for label in window.session.labels}
    pressed = 0
    for sentence_id, labels in chosen.items():
        assert window.go_to_sentence(sentence_id)
        for key in [keys[name] for name in labels] or ["0"]:
            qtbot.keyClick(window.view, key)
            pressed += 1
            if pressed >= 5:  # from the fifth judgement the model is due, but waits for a pause in the typing
                assert window.suggestions.retrain_timer.isActive() and window.suggestions.training is None
    qtbot.waitUntil(lambda: window.suggestions.training is not None, timeout=10_000)  # the pause came: it trains
    started = time.perf_counter()
    qtbot.keyClick(window.view, "j")  # the keyboard stays the annotator's meanwhile
    assert time.perf_counter() - started < 0.5
    qtbot.waitUntil(lambda: _trained(window, aligned_project, len(chosen)), timeout=120_000)
    return chosen


def _likely_elsewhere(project, lang: str) -> tuple[int, dict[str, float]]:
    with Store.open(project, readonly=True) as store:
        row = store.db.execute(
            "SELECT x.sentence_id FROM suggestions x JOIN sentences s ON s.id = x.sentence_id"
            " WHERE s.lang = ? AND x.probability >= 0.5 ORDER BY x.probability DESC LIMIT 1", [lang]).fetchone()
        return row[0], store.suggestions.of_sentences([row[0]])[row[0]]


def _origins(project, sentence_id):
    with Store.open(project, readonly=True) as store:
        return sorted((a.label, a.annotator, a.origin) for a in store.annotations.of_sentence(sentence_id))


def test_labels_in_english_bring_suggestions_in_german_and_french(qtbot, window, aligned_project, suggesting):
    for lang in ("de", "fr"):
        sentence_id, probabilities = _likely_elsewhere(aligned_project, lang)
        assert window.go_to_sentence(sentence_id)
        shown = window.session.sentence(sentence_id)
        assert shown.lang == lang and not shown.labels
        assert shown.suggested == tuple((name, p) for name, p in probabilities.items() if p >= 0.5)
        text = window.detail.toPlainText()
        assert "Model suggestions" in text
        for name, p in probabilities.items():
            assert f"{name} {p:.2f}" in text
    with Store.open(aligned_project, readonly=True) as store:
        assert store.annotations.all() == [a for a in store.annotations.all() if a.sentence_id in suggesting]


def test_a_suggestion_chip_looks_unlike_a_label_and_tells_its_probability(qtbot, window, aligned_project,
                                                                          suggesting):
    sentence_id, _ = _likely_elsewhere(aligned_project, "fr")
    window.go_to_sentence(sentence_id)
    view, model = window.view, window.model
    row, column = model.position_of(sentence_id)
    sentences = model.sentences(row, column)
    k = [s.id for s in sentences].index(sentence_id)
    rect = view.visualRect(model.index(row, column))
    ghosts = [model.suggestions(row, column, s) for s in sentences]
    blocks = layout_blocks(view.font(), rect.width(), sentences, ghosts)
    entries = chip_entries(sentences[k], ghosts[k])
    n = next(n for n, (kind, _, _) in enumerate(entries) if kind == "model")
    kind, label, text = entries[n]
    probability = dict(sentences[k].suggested)[label]
    assert text == f"{label} {probability:.0%}"
    box = blocks[k].chips[n]
    assert view.rowHeight(row) >= blocks[-1].top + blocks[-1].height  # fitted to the chips the model added
    image = paint_cell(view, row, column)
    color = QColor(window.session.label_named(label).color)
    inside = image.pixelColor(box.left() + 4, box.top() + 4)
    # a pale tint of the label's color: neither the white ground (a ghost chip's inside) nor the
    # solid color of a label given by a person
    ground = QColor(cell_colors(view.palette(), cursor=True).cursor_fill)  # the cursor's cell
    assert inside != ground and inside != color
    for channel in ("red", "green", "blue"):
        a, b = getattr(ground, channel)(), getattr(color, channel)()
        assert abs(getattr(inside, channel)() - (a + (b - a) * MODEL_FILL_ALPHA / 255)) <= 3
    centre = box.center() + rect.topLeft()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    assert f"The model suggests {label}: probability {probability:.2f}" in QToolTip.text()


def test_shift_a_accepts_the_model_suggestions_as_one_undoable_step(qtbot, window, aligned_project, suggesting):
    sentence_id, probabilities = _likely_elsewhere(aligned_project, "de")
    window.go_to_sentence(sentence_id)
    expected = sorted((name, "tester", "model") for name, p in probabilities.items() if p >= 0.5)
    qtbot.keyClick(window.view, Qt.Key.Key_A, SHIFT)
    assert _origins(aligned_project, sentence_id) == expected
    assert window.session.sentence(sentence_id).suggested == ()  # judged now: nothing more is suggested
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert _origins(aligned_project, sentence_id) == []
    assert not window.session.is_judged(sentence_id)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _origins(aligned_project, sentence_id) == expected
    qtbot.keyClick(window.view, "1")  # a label typed from scratch stays a person's
    claim = [row for row in _origins(aligned_project, sentence_id) if row[0] == "claim"]
    assert claim == ([] if ("claim", "tester", "model") in expected else [("claim", "tester", "person")])


def test_u_goes_to_the_most_uncertain_sentence_and_g_key_to_the_next_likely(qtbot, window, aligned_project,
                                                                              suggesting):
    with Store.open(aligned_project, readonly=True) as store:
        rows = store.db.execute("SELECT sentence_id, min(abs(probability - 0.5)) FROM suggestions"
                                " GROUP BY sentence_id ORDER BY 2, 1").fetchall()
    current = window.view.current_sentence_id()
    expected = next(i for i, _ in rows if i != current)
    qtbot.keyClick(window.view, "u")
    assert window.view.current_sentence_id() == expected
    qtbot.keyClick(window.view, "0")  # judged: the next u moves on
    qtbot.keyClick(window.view, "u")
    assert window.view.current_sentence_id() == next(i for i, _ in rows if i != expected)

    likely = window.session.likely(window.group_id, "claim")
    assert likely and min(likely.values()) >= 0.5
    seen = []
    for _ in range(min(3, len(likely))):
        qtbot.keyClick(window.view, "g")
        qtbot.keyClick(window.view, "1")  # claim's key
        seen.append(window.view.current_sentence_id())
    assert set(seen) <= set(likely) and len(set(seen)) == len(seen)
    with Store.open(aligned_project, readonly=True) as store:
        assert not any(store.annotations.is_judged(i, "tester") for i in seen)  # moving labels nothing


def test_the_show_filter_keeps_the_rows_with_a_suggested_label(qtbot, window, aligned_project, suggesting):
    box = window.filter_box
    index = box.findData("suggested:correction")
    assert index >= 0
    box.setCurrentIndex(index)
    box.activated.emit(index)
    likely = window.session.likely(window.group_id, "correction")
    rows = window.model.layout.rows
    assert likely and 0 < len(rows)
    assert all(set(row.sentence_ids()) & set(likely) for row in rows)
    shown = {i for row in rows for i in row.sentence_ids()}
    assert set(likely) <= shown


def test_too_few_labels_train_nothing_and_say_so(qtbot, window, aligned_project):
    first = window.view.current_sentence_id()
    for _ in range(5):
        qtbot.keyClick(window.view, "0")
        qtbot.keyClick(window.view, "j")
    # after a pause in the typing it trains (too few labels: a moment, which a poll may miss), then says so
    qtbot.waitUntil(lambda: "The model needs more labels" in window.statusBar().currentMessage(), timeout=60_000)
    assert window.suggestions.training is None and first is not None
    assert "The model needs more labels: claim: 3 more sentences with the label" in window.statusBar().currentMessage()
    with Store.open(aligned_project, readonly=True) as store:
        assert store.suggestions.count() == 0 and store.suggestions.report() is None
    qtbot.keyClick(window.view, "u")
    assert "No suggestions yet" in window.statusBar().currentMessage()
