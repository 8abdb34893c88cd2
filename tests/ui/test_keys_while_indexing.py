"""Label keys pressed while the search index's catch-up runs in the background (it starts on
opening a file whose sentences are not indexed): every label lands in the file, and the
catch-up takes no transaction while the keys come; once they rest, it indexes everything."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.session import searching  # noqa: E402
from tests.store.test_write_gate import _unindex  # noqa: E402
from tests.ui.conftest import labels_in_file, open_window  # noqa: E402


def test_labels_land_while_the_index_catch_up_waits_for_the_keys_to_rest(qtbot, aligned_project, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(searching, "INDEX_REST", 3.0)  # (a long rest: a slow machine's gaps between keys stay below it)
    _unindex(aligned_project)
    window = open_window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                         aligned_project)
    try:
        job, session, view = window.searching.index_job, window.session, window.view
        assert job is not None and not job.ended.is_set()
        waiting = session.unindexed()
        assert waiting > 50
        view.setFocus()
        labeled = []
        for _ in range(12):  # a label, then the next sentence, for about two seconds
            sentence_id = view.current_sentence_id()
            QTest.keyClick(view, "1")
            labeled.append(sentence_id)
            QTest.keyClick(view, Qt.Key.Key_J)
            qtbot.wait(150)
            assert session.unindexed() == waiting  # the catch-up has not taken a transaction
        claim = session.labels[0].name
        for sentence_id in set(labeled):
            assert (claim, "tester") in labels_in_file(aligned_project, sentence_id)
        started = time.monotonic()
        qtbot.waitUntil(job.ended.is_set, timeout=60_000)
        assert time.monotonic() - started >= 2.0  # it began only after the keys had rested
        assert session.unindexed() == 0
        assert session.search(claim) is not None
    finally:
        window.close()
