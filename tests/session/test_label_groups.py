"""Label groups and flags for discussion through the store, the session's undoable actions,
merge, exports and agreement; the migration puts today's labels into one multi group."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align.layout import layout_sentence_ids
from annotator.core.dataset.export import export
from annotator.core.dataset.fitted_agreement import fitted_report
from annotator.core.dataset.merge import merge_projects
from annotator.core.session import Session
from annotator.core.session.group_actions import SetGroupValue, ToggleDiscussion
from annotator.core.store import Store
from annotator.core.store.migrations import MIGRATIONS
from annotator.errors import AnnotatorError


def _groups(store):
    store.label_groups.add("verdict", "exclusive", options=["true", "false", "unclear"], key="e")
    store.label_groups.add("worth", "ordinal", scale=4, key="o")
    store.label_groups.add("notice", "yesno", level="document", key="y")
    store.label_groups.add("why", "text", key="t")


def _answers(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT g.name, v.sentence_id, v.document_id, a.name, v.value, v.created_at"
                                   " FROM group_values v JOIN label_groups g ON g.id = v.group_id"
                                   " JOIN annotators a ON a.id = v.annotator_id"))


def _flags(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT f.sentence_id, a.name, f.created_at FROM discussion_flags f"
                                   " JOIN annotators a ON a.id = f.annotator_id"))


def test_the_migration_puts_todays_labels_into_one_multi_group(demo_project):
    with sqlite3.connect(demo_project) as conn:  # a file of the release before (15): no groups
        conn.executescript("DROP TRIGGER sentences_folds_delete; DROP TRIGGER sentences_folds_update; DROP TABLE sentence_folds;"
                           " DROP TABLE sentence_folds_state; DROP TABLE sentence_folds_pending; DROP TABLE search_terms;"
                           " DROP TRIGGER embeddings_codes_drop; DROP TABLE vector_codes; DROP TABLE vector_codes_state; DROP TABLE spans; DROP TABLE span_labels; DROP TABLE discussion_flags; DROP TABLE group_values; DROP TABLE label_groups;"
                           " ALTER TABLE labels DROP COLUMN group_id; DROP TABLE relations;"  # (15's relations: no span ends, 19)
                           f" {next(m.sql for m in MIGRATIONS if m.version == 15)}; PRAGMA user_version = 15")
    with Store.open(demo_project) as store:
        [group] = store.label_groups.all()
        assert (group.id, group.name, group.kind, group.level) == (1, "labels", "multi", "sentence")
        assert store.db.execute("SELECT DISTINCT group_id FROM labels").fetchall() == [(1,)]
        store.scheme.add("source", "4", "#123456")  # a new label joins it too
        assert store.db.execute("SELECT DISTINCT group_id FROM labels").fetchall() == [(1,)]


@pytest.mark.parametrize("arguments, problem", [
    (("x", "rainbow"), "unknown group kind"),
    (("x", "exclusive", "sentence", ["a"]), "2 to 9 options"),
    (("x", "exclusive", "sentence", ["a", "a"]), "distinct"),
    (("x", "yesno", "sentence", None, None, "f"), "must be one of the letters"),  # f: the flag's key
    (("x", "multi", "document"), "multi group's labels are on sentences"),
    (("labels", "yesno"), "already a label group named"),
    (("x", "ordinal", "sentence", None, 12), "from 1 to k"),
])
def test_a_bad_group_is_refused_in_one_line_and_nothing_is_written(demo_project, arguments, problem):
    with Store.open(demo_project) as store:
        with pytest.raises(AnnotatorError, match=problem):
            store.label_groups.add(*arguments)
        assert len(store.label_groups.all()) == 1


def test_answers_undo_and_redo_exactly_and_a_document_answer_is_one_for_all_its_sentences(demo_project):
    with Store.open(demo_project) as store:
        _groups(store)
        session = Session(store, "ann")
        first, second = [s.id for s in store.documents.sentences(1)][:2]
        answer = SetGroupValue(session, "verdict", first, "false")
        answer.do()
        made = _answers(demo_project)
        change = SetGroupValue(session, "verdict", first, "true")
        change.do()
        assert [a[4] for a in _answers(demo_project)] == ["true"]
        change.undo()
        assert _answers(demo_project) == made  # the answer before, with its time
        change.redo()
        after = _answers(demo_project)
        change.undo()
        change.redo()
        assert _answers(demo_project) == after  # redo gives the same answer at the same time
        SetGroupValue(session, "notice", second, "yes").do()
        assert session.my_group_value("notice", first).value == "yes"  # asked about the document
        assert [(a.group, a.sentence_id, a.document_id) for a in session.group_values_of(first)] == [
            ("verdict", first, None), ("notice", None, 1)]
        with pytest.raises(AnnotatorError, match="no value of the group"):
            SetGroupValue(session, "verdict", first, "maybe").do()
        with pytest.raises(AnnotatorError, match="must not be empty"):
            SetGroupValue(session, "why", first, "  ").do()
        kinds = [(e.kind, e.subject, e.before, e.after) for e in store.events.of_sentence(first)]
        assert ("value", "verdict", "false", "true") in kinds and ("value", "verdict", None, "false") in kinds


def test_the_flag_for_discussion_is_undone_and_redone_with_its_time(demo_project):
    with Store.open(demo_project) as store:
        session = Session(store, "ann")
        sentence = store.documents.sentences(1)[3].id
        flag = ToggleDiscussion(session, sentence)
        flag.do()
        flagged = _flags(demo_project)
        assert [f[:2] for f in flagged] == [(sentence, "ann")]
        assert store.annotations.judged_among([sentence], "ann") == set()  # a flag is no judgement
        flag.undo()
        assert _flags(demo_project) == []
        flag.redo()
        assert _flags(demo_project) == flagged
        off = ToggleDiscussion(session, sentence)
        assert not off.flagged
        off.do()
        assert _flags(demo_project) == []
        off.undo()
        assert _flags(demo_project) == flagged
        assert [e.kind for e in store.events.of_sentence(sentence)].count("discuss") == 5
        layout = session.layout("seeds", show="discussion")
        assert len(layout.rows) == 1 and sentence in layout_sentence_ids(layout)  # its row, nothing else


def _annotated_copy(demo_project, tmp_path, name, answers, flags):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(demo_project, path)
    with Store.open(path) as store:
        if not store.label_groups.all()[1:]:
            _groups(store)
        for group, sentence, value in answers:
            store.label_groups.set_value(group, sentence, name, value)
        for sentence in flags:
            store.label_groups.set_flag(sentence, name, True)
    return path


def test_merge_export_and_agreement_of_two_annotators_answers(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        ids = [s.id for s in store.documents.sentences(1)][:4]
    a, b, c, d = ids
    ann = _annotated_copy(demo_project, tmp_path, "ann", [
        ("verdict", a, "true"), ("verdict", b, "false"), ("verdict", c, "true"), ("worth", a, "1"), ("worth", b, "3"),
        ("worth", c, "4"), ("notice", a, "yes"), ("why", a, "staged photos")], [b])
    bob = _annotated_copy(demo_project, tmp_path, "bob", [
        ("verdict", a, "true"), ("verdict", b, "true"), ("verdict", c, "true"), ("worth", a, "2"), ("worth", b, "3"),
        ("worth", c, "4"), ("notice", d, "no"), ("why", a, "Staged photos ")], [b, c])
    merged = tmp_path / "merged.sqlite"
    shutil.copyfile(demo_project, merged)  # no groups yet: they come with the merge
    reports = dict(merge_projects(merged, [ann, bob]))
    assert reports[str(ann)]["groups_added"] == 4 and reports[str(bob)]["groups_added"] == 0
    assert _answers(merged) == sorted(_answers(ann) + _answers(bob))
    assert _flags(merged) == sorted(_flags(ann) + _flags(bob))
    again = dict(merge_projects(merged, [ann, bob]))
    assert again[str(ann)]["answers_added"] == again[str(bob)]["flags_added"] == 0

    with Store.open(merged, readonly=True) as store:
        report = {g.group: g for g in fitted_report(store).groups}
    verdict, worth, notice, why = report["verdict"], report["worth"], report["notice"], report["why"]
    assert (verdict.items, verdict.pairs[0].score) == (3, pytest.approx(2 / 3))  # b differs
    # nominal alpha by hand: values true x5, false x1 over 3 units of 2; o(true,false) = 2 (both ways)
    # D_o = 2 / 6, D_e = 2 * 5 * 1 / (6 * 5) -> alpha = 1 - (1/3) / (1/3) = 0
    assert verdict.alpha == pytest.approx(0.0)
    krippendorff = pytest.importorskip("krippendorff")
    assert worth.alpha == pytest.approx(krippendorff.alpha(reliability_data=[[1, 3, 4], [2, 3, 4]],
                                                           level_of_measurement="ordinal"), abs=1e-9)
    assert notice.items == 1 and notice.pairs[0].score == 0.0  # one document, yes against no
    assert why.alpha is None and why.pairs[0].score == 1.0  # the same text, case and blanks aside

    out = tmp_path / "out.jsonl"
    export(merged, "jsonl", out)
    rows = {r["sentence_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert [(e["value"], e["by"]) for e in rows[a]["answers"]["verdict"]] == [("true", "ann"), ("true", "bob")]
    assert [(e["value"], e["by"], e["level"]) for e in rows[c]["answers"]["notice"]] == [
        ("yes", "ann", "document"), ("no", "bob", "document")]
    assert [f["by"] for f in rows[b]["discussion"]] == ["ann", "bob"] and rows[a]["discussion"] == []
    table = tmp_path / "out.csv"
    export(merged, "csv", table, layer="bob")
    lines = {int(r["sentence_id"]): r for r in csv.DictReader(table.open(encoding="utf-8"))}
    assert (lines[b]["group:verdict"], lines[b]["group:worth"], lines[b]["discussion"]) == ("true", "3", "ann|bob")
    result = CliRunner().invoke(main, ["agreement", str(merged)])
    assert "group worth (ordinal): ordinal alpha" in result.output and "group verdict (exclusive): nominal alpha 0.000" in result.output


def test_cli_defines_groups_and_answers(demo_project):
    runner = CliRunner()
    result = runner.invoke(main, ["group", "add", str(demo_project), "verdict", "--kind", "exclusive",
                                  "--options", "true,false", "--key", "e"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["group", "add", str(demo_project), "x", "--kind", "yesno", "--key", "j"]).exit_code == 2
    assert runner.invoke(main, ["answer", str(demo_project), "5", "verdict", "maybe"]).exit_code == 2
    assert runner.invoke(main, ["answer", str(demo_project), "5", "verdict", "true", "--annotator", "ann"]).exit_code == 0
    assert runner.invoke(main, ["discuss", str(demo_project), "5", "--annotator", "ann"]).exit_code == 0
    listed = runner.invoke(main, ["group", "list", str(demo_project)]).output.splitlines()
    assert listed == ["labels\tmulti\tsentence\tclaim|attribution|correction\t", "verdict\texclusive\tsentence\ttrue|false\te"]
    assert [a[4] for a in _answers(demo_project)] == ["true"] and [f[:2] for f in _flags(demo_project)] == [(5, "ann")]
    removed = runner.invoke(main, ["group", "remove", str(demo_project), "verdict"])
    assert removed.exit_code == 0 and "1 answer" in removed.output and _answers(demo_project) == []
    history = runner.invoke(main, ["history", str(demo_project)])
    assert history.exit_code == 0, history.output
    assert "group verdict: - -> exclusive, sentence: true|false; key e" in history.output
    assert "value verdict on sentence 5: - -> true" in history.output and "discuss on sentence 5" in history.output


def test_the_hf_export_carries_answers_and_flags_only_in_a_project_with_groups(demo_project, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    plain = tmp_path / "plain"
    export(demo_project, "hf", plain)
    [table_file] = plain.glob("**/*.parquet")
    assert "answers" not in pq.read_table(table_file).column_names  # an older project's columns, unchanged
    with Store.open(demo_project) as store:
        _groups(store)
        a, b = [s.id for s in store.documents.sentences(1)][:2]
        store.label_groups.set_value("verdict", a, "ann", "true")
        store.label_groups.set_value("notice", a, "bob", "no")
        store.label_groups.set_flag(b, "ann", True)
    out = tmp_path / "hf"
    export(demo_project, "hf", out)
    [table_file] = out.glob("**/*.parquet")
    rows = {r["sentence_id"]: r for r in pq.read_table(table_file).to_pylist()}
    assert json.loads(rows[a]["answers"]) == {
        "verdict": [{"value": "true", "by": "ann", "at": json.loads(rows[a]["answers"])["verdict"][0]["at"]}],
        "notice": [{"value": "no", "by": "bob", "at": json.loads(rows[b]["answers"])["notice"][0]["at"],
                    "level": "document"}]}
    assert rows[b]["discussion"] == ["ann"] and rows[a]["discussion"] == []
    assert json.loads(rows[b]["answers"]).keys() == {"notice"}  # the document's answer on each of its sentences


def test_a_work_package_carries_the_groups_and_its_return_merges_the_answers(demo_project, tmp_path):
    from annotator.core.team.packages import assign

    with Store.open(demo_project) as store:
        _groups(store)
        sentence = store.documents.sentences(1)[2].id
        store.label_groups.set_value("verdict", sentence, "lead", "unclear")
    assign(demo_project, ["ana"], tmp_path / "packages", labels="all")
    package = tmp_path / "packages" / "ana.sqlite"
    with Store.open(package) as store:
        assert [(g.name, g.kind, g.key) for g in store.label_groups.all()] == [
            ("labels", "multi", None), ("verdict", "exclusive", "e"), ("worth", "ordinal", "o"),
            ("notice", "yesno", "y"), ("why", "text", "t")]
        assert store.label_groups.value_of(store.label_groups.find("verdict"), sentence, "lead").value == "unclear"
        store.label_groups.set_value("worth", sentence, "ana", "2")
        store.label_groups.set_flag(sentence, "ana", True)
    merge_projects(demo_project, [package])
    assert [(a[0], a[3], a[4]) for a in _answers(demo_project)] == [("verdict", "lead", "unclear"),
                                                                     ("worth", "ana", "2")]
    assert [f[:2] for f in _flags(demo_project)] == [(sentence, "ana")]
