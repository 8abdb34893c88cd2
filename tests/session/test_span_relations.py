"""Relations whose head or tail is a span (migration 19, store/relations.py, session/relating.py):
"it has obtained evidence …" attributes-to "The Russian Defense Ministry" inside one sentence, a
span of the German correction corrects a span of the English claim; undone and redone exactly,
with their events; a span's relations go with it, follow it through a split and merge, and the
rule that names the span under selected words."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.session.relating import span_at
from annotator.core.session.relation_actions import Relate
from annotator.core.session.span_actions import ToggleSpan
from annotator.errors import NotFoundError, ProjectError
from tests.session.test_actions import session, state, _aligned_template  # noqa: F401 (fixtures)
from tests.session.test_relations import CLAIM, CORRECTION, sentence_with
from tests.session.test_spans import SAID

SOURCE = (0, 28, "source")  # "The Russian Defense Ministry"


def rows(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT r.head_id, r.tail_id, r.type, hs.start, hs.end, hs.label, ts.start, ts.end, ts.label FROM relations r"
            " LEFT JOIN spans hs ON hs.id = r.head_span_id LEFT JOIN spans ts ON ts.id = r.tail_span_id"
            " ORDER BY r.id").fetchall()


def content_of(text: str) -> tuple[int, int, str]:
    start = text.index("it has obtained")
    return start, len(text) - 1, "content"  # up to the final full stop


def test_a_content_span_attributes_to_its_source_span_and_undo_redo_are_exact(session):
    said = sentence_with(session, SAID)
    text = session.sentence(said).text
    content = content_of(text)
    session.add_span(said, *SOURCE)
    session.add_span(said, *content)
    before = state(session)
    action = Relate(session, said, said, "attributes-to", content, SOURCE)
    action.do()
    assert rows(session.path) == [(said, said, "attributes-to", *content, *SOURCE)]
    assert session.sentence(said).related
    after = state(session)
    [seen] = session.relations_of(said)
    assert (seen.outgoing, seen.own_span, seen.other_span) == (True, content, SOURCE)
    assert seen.own_words.startswith("it has obtained evidence") and seen.other_text == "The Russian Defense Ministry"

    action.run_undo()
    assert rows(session.path) == [] and state(session) == before
    action.run_redo()
    assert state(session) == after and rows(session.path) == [(said, said, "attributes-to", *content, *SOURCE)]
    kinds = [(e.kind, e.subject, e.origin, e.after) for e in reversed(session.history(said)) if "relate" in e.kind]
    ends = [said, said, list(content), list(SOURCE)]
    assert kinds == [("relate", "attributes-to", "person", ends), ("unrelate", "attributes-to", "undo", None),
                     ("relate", "attributes-to", "redo", ends)]


def test_a_span_of_the_correction_corrects_a_span_of_the_claim_beside_the_sentence_relation(session):
    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    head_text, tail_text = session.sentence(head).text, session.sentence(tail).text
    fotos = (head_text.index("die korrigierten Fotos"), head_text.index("die korrigierten Fotos") + 22, "content")
    shoots = (tail_text.index("photo shoots"), tail_text.index("photo shoots") + 12, "content")
    session.add_span(head, *fotos)
    session.add_span(tail, *shoots)
    Relate(session, head, tail, "corrects").do()  # the sentences, as before
    span_relation = Relate(session, head, tail, "corrects", fotos, shoots)
    span_relation.do()
    Relate(session, head, tail, "corrects", fotos, None).do()  # a span to a whole sentence
    assert rows(session.path) == [(head, tail, "corrects", *[None] * 6), (head, tail, "corrects", *fotos, *shoots),
                                  (head, tail, "corrects", *fotos, None, None, None)]
    with pytest.raises(ProjectError, match="already corrects"):
        session.relate(head, tail, "corrects", fotos, shoots)
    views = session.relations_of(tail)
    assert [(v.outgoing, v.own_span, v.other_span, v.other_text) for v in views] == [
        (False, None, None, head_text), (False, shoots, fotos, "die korrigierten Fotos"),
        (False, None, fotos, "die korrigierten Fotos")]

    # a span end must be a span of yours there; a sentence still cannot relate to itself
    with pytest.raises(NotFoundError, match="has no source span of tester"):
        session.relate(head, tail, "corrects", (0, 5, "source"), None)
    with pytest.raises(ProjectError, match="two sentences or two spans"):
        session.relate(head, head, "corrects", fotos, None)
    with pytest.raises(ProjectError, match="two sentences or two spans"):
        session.relate(head, head, "corrects", fotos, fotos)
    assert len(rows(session.path)) == 3

    # the span's key again removes it and, in the same step, the relations it ends (the sentence
    # relation stays); undo brings both back, redo takes both again, each with its events
    everything = rows(session.path)
    toggle = ToggleSpan(session, tail, *shoots)
    toggle.do()
    assert rows(session.path) == [everything[0], everything[2]]
    toggle.run_undo()
    assert rows(session.path) == everything[:1] + everything[2:] + everything[1:2]  # (a new id)
    toggle.run_redo()
    assert rows(session.path) == [everything[0], everything[2]]
    kinds = [(e.kind, e.origin) for e in reversed(session.history(head)) if e.kind in ("unrelate", "relate")]
    assert kinds[-3:] == [("unrelate", "person"), ("relate", "undo"), ("unrelate", "redo")]


def test_split_and_merge_carry_span_relations_and_undo_puts_them_back(session):
    said = sentence_with(session, SAID)
    text = session.sentence(said).text
    content = content_of(text)
    session.add_span(said, *SOURCE)
    session.add_span(said, *content)
    session.relate(said, said, "attributes-to", content, SOURCE)
    store = session._store
    before = rows(session.path)
    cut = text.index("it has")
    created, change = store.resegmenting.split(said, cut)  # the content goes to the second part
    moved = (0, content[1] - cut, "content")
    assert rows(session.path) == [(created, said, "attributes-to", *moved, *SOURCE)]
    merged = store.resegmenting.merge_with_next(said)  # together again: one sentence, two spans
    assert rows(session.path) == [(said, said, "attributes-to", *content, *SOURCE)]
    store.resegmenting.undo(merged)
    assert rows(session.path) == [(created, said, "attributes-to", *moved, *SOURCE)]
    store.resegmenting.undo(change)
    assert rows(session.path) == before


def test_selected_words_name_the_span_they_stand_on():
    spans = ((0, 28, "source"), (29, 33, "cue"), (34, 120, "content"), (0, 28, "content"))
    assert span_at(spans, 0, 28) == (0, 28, "source")  # exactly: the first of those words
    assert span_at(spans, 20, 28) == (0, 28, "source")  # Shift+← after the key: its last word
    assert span_at(spans, 25, 40) == (34, 120, "content")  # most characters shared
    assert span_at(spans, 29, 33) == (29, 33, "cue")
    assert span_at(spans, 121, 125) is None


def test_a_file_of_version_18_keeps_its_relations_through_migration_19(tmp_path, session):
    """A project written before span ends (relations of migration 15's shape) opens at 19 with
    the same relations under the same ids, and takes span ends afterwards."""
    from annotator.core.store import Store
    from annotator.core.store.migrations import LATEST_VERSION, MIGRATIONS

    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    path = session.path
    session.relate(head, tail, "corrects")
    session.close()
    with sqlite3.connect(path) as conn:
        kept = conn.execute("SELECT id, head_id, tail_id, type, annotator_id, created_at FROM relations").fetchall()
        conn.executescript("DROP TRIGGER sentences_folds_delete; DROP TRIGGER sentences_folds_update;"  # (20's)
                           " DROP TABLE sentence_folds; DROP TABLE sentence_folds_state; DROP TABLE sentence_folds_pending;"
                           " DROP TABLE search_terms; DROP TRIGGER relations_follow_spans; DROP TABLE relations;"
                           f" {next(m.sql for m in MIGRATIONS if m.version == 15)};")
        conn.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?)", kept)
        conn.execute("PRAGMA user_version = 18")
    with Store.open(path) as store:
        assert store.schema_version() == LATEST_VERSION
        assert [(r.id, r.head_id, r.tail_id, r.type, r.head_span) for r in store.relations.records()] == [
            (kept[0][0], head, tail, "corrects", None)]
        store.spans.add(head, 0, 5, "content", "tester")
        store.relations.add(head, tail, "corrects", "tester", (0, 5, "content"))
        assert len(store.relations.records()) == 2


def test_relate_on_the_command_line_takes_span_ends_and_refuses_bad_ones_in_one_line(demo_project):
    from click.testing import CliRunner

    from annotator.cli import main
    from annotator.core.store import Store

    with sqlite3.connect(demo_project) as conn:
        said = conn.execute("SELECT id FROM sentences WHERE instr(text, ?) > 0", [SAID]).fetchone()[0]
    with Store.open(demo_project) as store:
        store.spans.add(said, *SOURCE, "ann")
        store.spans.add(said, 29, 33, "cue", "ann")
    result = CliRunner().invoke(main, ["relate", str(demo_project), str(said), str(said), "--type", "attributes-to",
                                       "--head-span", "29:33:cue", "--tail-span", "0:28:source", "--annotator", "ann"])
    assert result.exit_code == 0, result.output
    assert f"sentence {said} (cue 29-33) attributes-to sentence {said} (source 0-28)" in result.output
    assert rows(demo_project) == [(said, said, "attributes-to", 29, 33, "cue", *SOURCE)]
    for bad, problem in (("28:0:source", "START < END"), ("0:28", "START:END:LABEL"),
                         ("0:5:source", "has no source span of ann")):
        result = CliRunner().invoke(main, ["relate", str(demo_project), str(said), str(said), "--type", "corrects",
                                           "--head-span", "29:33:cue", "--tail-span", bad, "--annotator", "ann"])
        assert result.exit_code == 2 and problem in result.output and "Traceback" not in result.output, result.output
    assert len(rows(demo_project)) == 1
