"""Issue 30's first target in one test, with real keys: on the English page a source and a cue
span ("The Russian Defense Ministry" 1, "said" 2), then a `corrects` relation from the German
correction to the English claim (m, r, 2); three Ctrl+Z take all three back and three
Ctrl+Shift+Z bring them again; the SQLite file is read after each step; the JSONL export carries
the spans and the relation exactly, and so does a merge with a second annotator's file."""

from __future__ import annotations

import json
import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from annotator.core.dataset.export import export  # noqa: E402
from annotator.core.dataset.merge import merge_projects  # noqa: E402
from annotator.core.store import Store  # noqa: E402

SAID = "The Russian Defense Ministry said it has obtained evidence"  # English page
CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"  # German page
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _id(project, text: str) -> int:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT id FROM sentences WHERE instr(text, ?) > 0", [text]).fetchone()[0]


def _made(project) -> tuple[list[tuple], list[tuple]]:
    """(spans, relations) in the file, each with its annotator's name."""
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        spans = conn.execute("SELECT s.sentence_id, s.start, s.end, s.label, a.name FROM spans s JOIN annotators a"
                             " ON a.id = s.annotator_id ORDER BY s.sentence_id, s.start, a.name").fetchall()
        relations = conn.execute("SELECT r.head_id, r.tail_id, r.type, a.name FROM relations r JOIN annotators a"
                                 " ON a.id = r.annotator_id ORDER BY r.head_id, a.name").fetchall()
    return spans, relations


def _keys(qtbot, view, *keys) -> None:
    for key, modifiers in keys:
        qtbot.keyClick(view, key, modifiers)


def test_spans_and_a_corrects_link_by_keys_undone_redone_exported_and_merged(qtbot, window, aligned_project,
                                                                              tmp_path):
    view, no = window.view, Qt.KeyboardModifier.NoModifier
    said, correction, claim = (_id(aligned_project, text) for text in (SAID, CORRECTION, CLAIM))
    assert window.session.sentence(correction).document_id != window.session.sentence(claim).document_id

    assert window.go_to_sentence(said)
    _keys(qtbot, view, *[(Qt.Key.Key_Right, SHIFT)] * 4, (Qt.Key.Key_1, no))  # "The Russian Defense Ministry"
    _keys(qtbot, view, (Qt.Key.Key_Right, SHIFT), (Qt.Key.Key_2, no))  # "said"
    assert window.go_to_sentence(correction)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert window.go_to_sentence(claim)
    _keys(qtbot, view, (Qt.Key.Key_R, no), (Qt.Key.Key_2, no))
    spans = [(said, 0, 28, "source", "tester"), (said, 29, 33, "cue", "tester")]
    relation = [(correction, claim, "corrects", "tester")]
    assert _made(aligned_project) == (spans, relation)

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _made(aligned_project) == (spans, [])
    _keys(qtbot, view, (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL))
    assert _made(aligned_project) == ([], [])
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _made(aligned_project) == (spans[:1], [])
    _keys(qtbot, view, (Qt.Key.Key_Z, CTRL | SHIFT), (Qt.Key.Key_Z, CTRL | SHIFT))
    assert _made(aligned_project) == (spans, relation)

    out = tmp_path / "out.jsonl"
    export(aligned_project, "jsonl", out)
    lines = {row["sentence_id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert [(s["start"], s["end"], s["label"], s["by"], s["text"]) for s in lines[said]["spans"]] == [
        (0, 28, "source", "tester", "The Russian Defense Ministry"), (29, 33, "cue", "tester", "said")]
    for sentence in (correction, claim):
        [exported] = lines[sentence]["relations"]
        assert (exported["head"]["sentence_id"], exported["tail"]["sentence_id"], exported["type"], exported["by"]) \
            == relation[0]
        assert exported["head"]["doc_id"] != exported["tail"]["doc_id"]

    bob = tmp_path / "bob.sqlite"
    with sqlite3.connect(f"file:{aligned_project}?mode=ro", uri=True) as source, sqlite3.connect(bob) as copy:
        source.backup(copy)  # (the window holds the project open)
    with Store.open(bob) as store:
        store.db.execute("DELETE FROM relations")
        store.db.execute("DELETE FROM spans")
        store.spans.add(said, 0, 28, "source", "bob")
        store.relations.add(correction, claim, "corrects", "bob")
    merged = tmp_path / "merged.sqlite"
    merge_projects(merged, [aligned_project, bob])
    assert _made(merged) == (sorted([*spans, (said, 0, 28, "source", "bob")], key=lambda s: (s[0], s[1], s[4])),
                             [(correction, claim, "corrects", "bob"), *relation])
