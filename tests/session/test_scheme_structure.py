"""Label groups and span labels edited as a whole (the scheme editor's core): the rules, what an
edit would delete, one transaction, events, and undo/redo that put answers and spans back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.session import Session
from annotator.core.session.group_actions import EditStructure, SetGroupValue
from annotator.core.session.span_actions import ToggleSpan
from annotator.core.store import Store
from annotator.core.store.scheme_structure import GroupRow, Loss, SpanLabelRow, structure_problem
from annotator.errors import AnnotatorError
from tests.session.test_actions import state as whole_state


def state(session: Session) -> dict[str, list]:
    """The project's state, an answer not told apart by its row id (undo puts it back under a new one)."""
    found = whole_state(session)
    found["group_values"] = sorted(row.split(", ", 1)[1] for row in found["group_values"])
    return found


def _ordinal(name: str, k: int, key: str | None, group_id: int | None = None) -> GroupRow:
    return GroupRow(group_id, name, "ordinal", "sentence", tuple(str(i) for i in range(1, k + 1)), key)


@pytest.mark.parametrize("groups, span_labels, problem", [
    ([_ordinal("worth", 4, "o"), _ordinal("rating", 3, "o")], [], "key o is given to both 'worth' and 'rating'"),
    ([_ordinal("worth", 4, "a")], [], "must be one of the letters d, e, i, o, p, q, t, y, z"),
    ([_ordinal("worth", 4, "o"), _ordinal("Worth", 3, None)], [], "two label groups named 'worth'"),
    ([_ordinal("worth", 1, None)], [], "runs from 1 to k, k from 2 to 9"),
    ([GroupRow(None, "v", "exclusive", "sentence", ("a",), None)], [], "2 to 9 options"),
    ([GroupRow(None, "v", "multi", "sentence", (), None)], [], "the project's one multi group"),
    ([_ordinal("labels", 3, None)], [], "belongs to the labels' own group"),
    ([], [SpanLabelRow(None, "a", "1", "#000000"), SpanLabelRow(None, "b", "1", "#ffffff")],
     "key 1 is given to both 'a' and 'b'"),
    ([], [SpanLabelRow(None, "a", "x", "#000000")], "one of the digits 1 to 9"),
    ([], [SpanLabelRow(None, "a", None, "red")], "must look like #1f77b4"),
])
def test_bad_edits_are_refused_in_one_line_and_nothing_is_written(demo_project, groups, span_labels, problem):
    assert problem in structure_problem(groups, span_labels)
    with Store.open(demo_project) as store:
        session = Session(store, "ann")
        before = state(session)
        events = store.events.count()
        with pytest.raises(AnnotatorError, match=problem.split("'")[0]):
            EditStructure(session, groups, span_labels).do()
        assert state(session) == before
        assert store.events.count() == events


def test_an_edit_that_deletes_says_how_many_and_undo_puts_everything_back(demo_project):
    with Store.open(demo_project) as store:
        session = Session(store, "ann")
        first, second, third = [s.id for s in store.documents.sentences(1)][:3]
        groups, span_labels = session.structure_rows()
        assert groups == [] and [s.name for s in span_labels] == ["source", "cue", "content"]
        add = EditStructure(session, [_ordinal("worth", 5, "o"),
                                      GroupRow(None, "verdict", "exclusive", "document", ("true", "false"), "E")],
                            [*span_labels, SpanLabelRow(None, "quote", "4", "#123456")])
        add.do()
        groups, span_labels = session.structure_rows()
        assert [(g.name, g.key, g.level, g.options) for g in groups] == [
            ("worth", "o", "sentence", ("1", "2", "3", "4", "5")), ("verdict", "e", "document", ("true", "false"))]
        assert [(s.name, s.key, s.color) for s in span_labels][-1] == ("quote", "4", "#123456")
        assert [g.name for g in session.label_groups()] == ["worth", "verdict"]  # the session's cache is new
        for sentence, rating in ((first, "5"), (second, "2"), (third, "4")):
            SetGroupValue(session, "worth", sentence, rating).do()
        SetGroupValue(session, "verdict", first, "true").do()
        ToggleSpan(session, first, 0, 3, "4").do()  # the new span label's key
        ToggleSpan(session, second, 0, 3, "cue").do()
        answered = state(session)
        worth, verdict = groups
        source, cue, content, quote = span_labels
        shrink = [replace(worth, options=("1", "2", "3")), replace(verdict, kind="yesno", options=("yes", "no"))]
        shrunk_labels = [source, replace(cue, name="trigger", key="5"), replace(quote, name="content", key="3")]
        assert session.structure_losses(shrink, shrunk_labels) == [Loss("worth", 2, "values"), Loss("verdict", 1, "kind")]
        # removing a span label in use is counted too (content is unused: no loss)
        assert session.structure_losses(groups, [source, content]) == [Loss("cue", 1, "removed", spans=True),
                                                                      Loss("quote", 1, "removed", spans=True)]
        edit = EditStructure(session, shrink, [source, replace(cue, name="trigger", key="5"),
                                               replace(quote, key="3", name="quotation")])
        edit.do()
        rows = store.db.execute("SELECT g.name, v.value FROM group_values v JOIN label_groups g ON g.id = v.group_id"
                                " ORDER BY v.id").fetchall()
        assert rows == [("worth", "2")]  # 5 and 4 are off the scale; the verdict changed kind
        assert sorted(store.db.execute("SELECT label FROM spans").fetchall()) == [("quotation",), ("trigger",)]
        assert [(s.name, s.key) for s in session.span_labels()] == [("source", "1"), ("trigger", "5"), ("quotation", "3")]
        kinds = [(e.kind, e.subject, e.before, e.after) for e in store.events.of_sentence(first)]
        assert ("value", "worth", "5", None) in kinds
        assert store.db.execute("SELECT before, after FROM events WHERE kind = 'value' AND subject = 'verdict'"
                                " ORDER BY rowid DESC LIMIT 1").fetchone() == ('"true"', None)  # the document's
        edited = state(session)
        edit.undo()
        assert state(session) == answered  # answers, spans, groups and span labels exactly as before
        edit.redo()
        assert state(session) == edited
        edit.undo()
        add.undo()
        assert store.structure.group_rows() == []
        add.redo()
        assert [g.id for g in store.structure.group_rows()] == [worth.id, verdict.id]  # the same ids again


def test_reorder_rename_and_key_swap_in_one_edit(demo_project):
    with Store.open(demo_project) as store:
        store.label_groups.add("worth", "ordinal", scale=4, key="o")
        store.label_groups.add("why", "text", key="t")
        session = Session(store, "ann")
        worth, why = store.structure.group_rows()
        SetGroupValue(session, "why", store.documents.sentences(1)[0].id, "because").do()
        swapped = [replace(why, name="reason", key="o"), replace(worth, key="t")]
        assert session.structure_losses(swapped, store.structure.span_label_rows()) == []
        EditStructure(session, swapped, store.structure.span_label_rows()).do()
        assert [(g.name, g.key, g.position) for g in store.label_groups.all()] == [
            ("labels", None, 0), ("reason", "o", 1), ("worth", "t", 2)]
        assert store.db.execute("SELECT value FROM group_values").fetchall() == [("because",)]
        events = store.db.execute("SELECT subject, before, after FROM events WHERE kind = 'group' ORDER BY rowid"
                                  " DESC LIMIT 3").fetchall()
        assert (None, '["worth","why"]', '["reason","worth"]') in events
        assert ("reason", '"why: text, sentence: ; key t"', '"reason: text, sentence: ; key o"') in events


@pytest.mark.parametrize("kind, text, values, problem", [
    ("ordinal", "1..4", ("1", "2", "3", "4"), None),
    ("ordinal", " 3 ", ("1", "2", "3"), None),
    ("ordinal", "1-2", ("1", "2"), None),
    ("ordinal", "1..12", (), "a scale is written 1..k, k from 2 to 9, not '1..12'"),
    ("ordinal", "many", (), "a scale is written 1..k, k from 2 to 9, not 'many'"),
    ("exclusive", "true, false ,, unclear", ("true", "false", "unclear"), None),
    ("yesno", "whatever", ("yes", "no"), None),
    ("text", "x", (), None),
])
def test_values_typed_in_the_editor(kind, text, values, problem):
    from annotator.core.store.scheme_structure import values_of, values_text

    assert values_of(kind, text) == (values, problem)
    if problem is None and kind in ("ordinal", "exclusive"):
        assert values_of(kind, values_text(kind, values)) == (values, None)


def test_renaming_an_exclusive_value_carries_its_answers_in_one_step(demo_project):
    """"true, false, unclear" -> "true, false, unsure": the answers unclear become unsure (their
    times kept, one `value` event each), nothing is asked, one transaction; undo names them
    unclear again, redo unsure. A value removed while the next moves up is no rename."""
    with Store.open(demo_project) as store:
        store.label_groups.add("verdict", "exclusive", options=["true", "false", "unclear"], key="e")
        session = Session(store, "ann")
        first, second, third = [s.id for s in store.documents.sentences(1)][:3]
        for sentence, value in ((first, "unclear"), (second, "false"), (third, "unclear")):
            SetGroupValue(session, "verdict", sentence, value).do()
        answers = "SELECT sentence_id, value, created_at FROM group_values ORDER BY sentence_id"
        before, answered = store.db.execute(answers).fetchall(), state(session)
        (verdict,) = store.structure.group_rows()
        renamed = [replace(verdict, options=("true", "false", "unsure"))]
        assert session.structure_losses(renamed, store.structure.span_label_rows()) == []
        commits = []
        store.db.conn.set_trace_callback(lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None)
        edit = EditStructure(session, renamed, store.structure.span_label_rows())
        edit.do()
        store.db.conn.set_trace_callback(None)
        assert len(commits) == 1
        assert store.db.execute(answers).fetchall() == [(s, "unsure" if v == "unclear" else v, at) for s, v, at in before]
        events = store.db.execute("SELECT sentence_id, subject, before, after FROM events WHERE kind = 'value'"
                                  " ORDER BY rowid DESC LIMIT 2").fetchall()
        assert sorted(events) == [(first, "verdict", '"unclear"', '"unsure"'), (third, "verdict", '"unclear"', '"unsure"')]
        edited = state(session)
        edit.undo()
        assert state(session) == answered and store.db.execute(answers).fetchall() == before
        edit.redo()
        assert state(session) == edited
        edit.undo()
        moved_up = [replace(verdict, options=("true", "unclear"))]  # false removed: its answer goes, after asking
        assert session.structure_losses(moved_up, store.structure.span_label_rows()) == [Loss("verdict", 1, "values")]
        EditStructure(session, moved_up, store.structure.span_label_rows()).do()
        assert store.db.execute("SELECT value FROM group_values ORDER BY sentence_id").fetchall() == [("unclear",)] * 2
