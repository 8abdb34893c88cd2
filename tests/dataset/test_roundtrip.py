"""Labels exported as JSONL come back in, matched by document hash and offsets."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.export import export
from annotator.core.session.importing import import_files
from annotator.core.store import Store


def reordered_seeds(tmp_path, seeds):
    """A project of the same four seeds imported in another order (other row ids): where labels
    exported from the demo project must come back by document hash and offsets."""
    other = tmp_path / "other.sqlite"
    import_files(other, [seeds["003"], seeds["001"], seeds["000"], seeds["002"]], group="again")
    return other


def test_round_trip_into_another_project_gives_the_same_labels(demo_project, tmp_path, seeds):
    with Store.open(demo_project) as store:
        store.annotations.set(2, "claim", "ann")
        store.annotations.set(2, "attribution", "ann")
        store.annotations.set(30, "correction", "ann")
    exported = tmp_path / "labels.jsonl"
    export(demo_project, "jsonl", exported)
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert all(len(r["doc_sha256"]) == 64 and r["end"] > r["start"] for r in rows)
    other = reordered_seeds(tmp_path, seeds)  # the same documents, imported in another order: other row ids
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--annotator", "pre"])
    assert result.exit_code == 0, result.output
    assert "3 labels added for pre" in result.output and "0 sentences not in the project" in result.output
    again = tmp_path / "again.jsonl"
    export(other, "jsonl", again)

    def labels_by_text(path):
        return {r["text"]: r["labels"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                if r["labels"]}

    assert labels_by_text(again) == labels_by_text(exported)
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--annotator", "pre"])
    assert "0 labels added for pre, 3 already there" in result.output


def test_bad_lines_and_unknown_labels(demo_project, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_sha256": "ab", "labels": ["claim"]}\n', encoding="utf-8")  # no offsets, no text
    result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path)])
    assert result.exit_code == 2 and "bad.jsonl:1: not a sentence line" in result.output
    path.write_text(json.dumps({"doc_sha256": "0" * 64, "start": 0, "end": 5, "labels": ["claim"]}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path)])
    assert "1 sentence not in the project" in result.output


def _cli_import(project, path):
    return CliRunner().invoke(main, ["import-labels", str(project), str(path), "--annotator", "pre"])


def test_labels_from_another_tool_match_by_source_id_and_offsets_or_by_text(demo_project, tmp_path, seeds):
    exported = tmp_path / "all.jsonl"
    export(demo_project, "jsonl", exported)
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    by_source, by_text = rows[1], rows[40]
    lines = [{"source_id": by_source["source_id"], "start": by_source["start"], "end": by_source["end"],
              "labels": ["claim"]},  # no hash: another tool kept the file name and offsets
             {"text": by_text["text"], "labels": ["correction"]},  # a model's prediction on the text
             {"doc_sha256": "0" * 64, "start": 0, "end": 3, "text": "no such sentence", "labels": ["claim"]}]
    path = tmp_path / "outside.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    result = _cli_import(demo_project, path)
    assert result.exit_code == 0, result.output
    assert "2 labels added for pre" in result.output and "1 sentence not in the project" in result.output
    assert "sentences matched by hash 0, source_id 1, text 1" in result.output
    with Store.open(demo_project, readonly=True) as store:
        assert store.annotations.labels_by_annotator(by_source["doc_id"], "pre")[by_source["sentence_id"]] == ["claim"]
        assert store.annotations.labels_by_annotator(by_text["doc_id"], "pre")[by_text["sentence_id"]] == [
            "correction"]


def test_a_text_found_in_two_sentences_is_not_guessed(tmp_path):
    source = tmp_path / "twice.jsonl"
    text = "The same sentence appears here in full. Another sentence follows it here."
    source.write_text("".join(json.dumps({"id": f"d{k}", "text": text + " " * k}) + "\n" for k in range(2)),
                      encoding="utf-8")
    project = tmp_path / "p.sqlite"
    import_files(project, [source])
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"text": "The same sentence appears here in full.", "labels": ["claim"]}) + "\n"
                    + json.dumps({"text": "The same sentence appears here in full.", "source_id": "d1",
                                  "labels": ["claim"]}) + "\n", encoding="utf-8")
    result = _cli_import(project, path)
    assert "1 label added for pre" in result.output  # the second line's source tells the two apart
    assert "text 1; texts found in more than one sentence: 1" in result.output


def test_all_layers_round_trip_is_the_identity_on_annotators_judgements_and_gold(demo_project, tmp_path, seeds):
    with Store.open(demo_project) as store:
        for sentence_id, label, who in [(1, "claim", "ann"), (1, "claim", "bob"), (1, "attribution", "cy"),
                                        (2, "correction", "ann"), (3, "claim", "cy"), (3, "attribution", "cy")]:
            store.annotations.set(sentence_id, label, who, note="sure?" if who == "cy" else None)
        store.annotations.clear(2, "bob")  # no label applies
        store.annotations.set_judgement_note(2, "bob", "a date line")
        store.gold.set([(1, ["claim"])], method="majority")
        store.gold.set([(2, [])])
    first = tmp_path / "all.jsonl"
    export(demo_project, "jsonl", first)
    other = reordered_seeds(tmp_path, seeds)  # the same documents in another order: other ids
    result = CliRunner().invoke(main, ["import-labels", str(other), str(first), "--all-layers"])
    assert result.exit_code == 0, result.output
    assert "6 labels added (6 judgements, 2 gold decisions)" in result.output
    again = tmp_path / "again.jsonl"
    export(other, "jsonl", again)

    def layers(path):
        keep = ("text", "source_id", "meta", "labels", "annotations", "judged_by", "judgement_notes", "gold")
        return sorted(json.dumps({k: row[k] for k in keep}, sort_keys=True)
                      for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()))

    assert layers(again) == layers(first)
    assert any('"method": "majority"' in line for line in layers(again))
    result = CliRunner().invoke(main, ["import-labels", str(other), str(first), "--all-layers", "--format", "doccano"])
    assert result.exit_code == 2 and "--all-layers applies to --format jsonl" in result.output


def test_all_layers_refuses_a_bad_line_in_one_line_and_stores_nothing(demo_project, tmp_path):
    path = tmp_path / "bad.jsonl"
    good = {"text": "x", "labels": [], "annotations": [{"annotator": "ann", "label": "claim", "note": "ok"}]}
    for bad, message in [({"annotations": [{"annotator": 3, "label": "claim"}]}, '"annotations" must be a list'),
                         ({"gold": {"labels": "claim"}}, '"gold" must be null or'),
                         ({"annotations": [{"annotator": "ann", "label": "claim", "note": "\ud800"}]},
                          "invalid Unicode")]:
        path.write_text(json.dumps(good) + "\n" + json.dumps({**good, **bad}) + "\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path), "--all-layers"])
        assert result.exit_code == 2 and result.output.count("\n") == 1 and "bad.jsonl:2" in result.output \
            and message in result.output, result.output
    with Store.open(demo_project, readonly=True) as store:
        assert store.annotations.all() == []


def test_all_layers_round_trip_brings_the_relations_into_another_project(demo_project, tmp_path, seeds):
    with Store.open(demo_project) as store:
        documents = [d["id"] for d in store.documents.group_documents(store.documents.groups()[0]["id"])]
        first, second = (store.documents.sentence_ids(d)[4] for d in documents[:2])
        store.relations.add(first, second, "corrects", "ann")
        store.relations.add(second, first, "repeats", "bob")
        store.relations.add(first, first + 1, "attributes-to", "ann")
    exported = tmp_path / "all.jsonl"
    export(demo_project, "jsonl", exported)
    other = reordered_seeds(tmp_path, seeds)  # the same documents in another order: other ids
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers"])
    assert result.exit_code == 0, result.output
    assert "3 relations added, 0 already there, 0 with a sentence not in the project" in result.output

    def relations(path):
        rows = list(map(json.loads, path.read_text(encoding="utf-8").splitlines()))
        text = {r["sentence_id"]: r["text"] for r in rows}
        return sorted({(text[e["head"]["sentence_id"]], e["type"], text[e["tail"]["sentence_id"]], e["by"], e["at"])
                       for r in rows for e in r["relations"]})

    again = tmp_path / "again.jsonl"
    export(other, "jsonl", again)
    assert len(relations(exported)) == 3 and relations(again) == relations(exported)
    with Store.open(other, readonly=True) as store:
        relates = [e for e in store.events.recent() if e.kind == "relate"]
        assert len(relates) == 3 and {e.origin for e in relates} == {"import-labels"}
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers"])
    assert "0 relations added, 3 already there" in result.output


def test_relations_with_a_side_outside_the_file_or_of_an_unknown_type_are_skipped_and_said(demo_project, tmp_path):
    line = {"text": "x", "sentence_id": 7, "labels": [],
            "relations": [{"type": "corrects", "head": {"sentence_id": 7}, "tail": {"sentence_id": 99}, "by": "ann"},
                          {"type": "refutes", "head": {"sentence_id": 7}, "tail": {"sentence_id": 7}, "by": "ann"}]}
    with Store.open(demo_project, readonly=True) as store:
        line["text"] = store.documents.sentence(3).text
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path), "--all-layers"])
    assert result.exit_code == 0, result.output
    assert "0 relations added, 0 already there, 1 with a sentence not in the project" in result.output
    assert "relation types not known, skipped: refutes" in result.output
    with Store.open(demo_project, readonly=True) as store:
        assert store.relations.count() == 0


def test_a_bad_relations_field_is_refused_in_one_line_and_stores_nothing(demo_project, tmp_path):
    path = tmp_path / "bad.jsonl"
    good = {"text": "x", "sentence_id": 1, "labels": [], "annotations": [{"annotator": "ann", "label": "claim"}]}
    for bad in [{"relations": {"type": "corrects"}}, {"relations": [{"type": "corrects", "head": {"sentence_id": "1"},
                                                                     "tail": {"sentence_id": 2}, "by": "ann"}]},
                {"sentence_id": None, "relations": [{"type": "corrects", "head": {"sentence_id": 1},
                                                     "tail": {"sentence_id": 2}, "by": "ann"}]}]:
        path.write_text(json.dumps(good) + "\n" + json.dumps({**good, **bad}) + "\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path), "--all-layers"])
        assert result.exit_code == 2 and result.output.count("\n") == 1 and "bad.jsonl:2" in result.output \
            and '"relations"' in result.output, result.output
    with Store.open(demo_project, readonly=True) as store:
        assert store.annotations.all() == [] and store.relations.count() == 0


def _marks(path):
    """Each line's spans, answers and flags by its text (ids differ between projects)."""
    return sorted(json.dumps([row["text"], row["spans"], row["answers"], row["discussion"]], ensure_ascii=False)
                  for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                  if row["spans"] or row["answers"] or row["discussion"])


def _with_groups(store):
    store.label_groups.add("verdict", "exclusive", options=["true", "false", "unclear"], key="e")
    store.label_groups.add("worth", "ordinal", scale=3)
    store.label_groups.add("notice", "yesno", level="document")


def test_all_layers_round_trip_is_the_identity_on_spans_answers_and_flags(demo_project, tmp_path, seeds):
    with Store.open(demo_project) as store:
        _with_groups(store)
        first = store.documents.sentences(store.documents.group_documents(store.documents.groups()[0]["id"])[0]["id"])
        one, two = first[1], first[2]
        store.spans.add(one.id, 0, 3, "source", "ann")
        store.spans.add(one.id, 0, 3, "source", "bob")
        store.spans.add(one.id, 4, len(one.text), "content", "ann")
        store.spans.add(two.id, 1, 5, "cue", "bob")
        store.label_groups.set_value("verdict", one.id, "ann", "false")
        store.label_groups.set_value("verdict", one.id, "bob", "unclear")
        store.label_groups.set_value("worth", two.id, "ann", "2")
        store.label_groups.set_value("notice", two.id, "bob", "yes")  # about the whole document
        store.label_groups.set_flag(one.id, "ann", True)
        store.label_groups.set_flag(two.id, "bob", True)
    exported = tmp_path / "all.jsonl"
    export(demo_project, "jsonl", exported)
    other = reordered_seeds(tmp_path, seeds)  # the same documents in another order: other ids
    with Store.open(other) as store:
        _with_groups(store)
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers"])
    assert result.exit_code == 0, result.output
    assert "4 spans added, 0 already there, 0 not fitting" in result.output
    assert "4 answers added, 0 already there, 0 to a group not here" in result.output
    assert "2 flags for discussion added, 0 already there" in result.output
    again = tmp_path / "again.jsonl"
    export(other, "jsonl", again)
    assert len(_marks(exported)) > 2 and _marks(again) == _marks(exported)  # "notice" is on each line of its document
    with Store.open(other, readonly=True) as store:
        kinds = [e.kind for e in store.events.recent() if e.origin == "import-labels"]
        assert sorted(k for k in kinds if k in ("span", "value", "discuss")) == ["discuss"] * 2 + ["span"] * 4 + [
            "value"] * 4
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers"])
    assert "0 spans added, 4 already there" in result.output and "0 answers added, 4 already there" in result.output
    assert "0 flags for discussion added, 2 already there" in result.output
    export(other, "jsonl", again)
    assert _marks(again) == _marks(exported)


def test_spans_and_answers_that_do_not_fit_here_are_skipped_and_said(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        store.label_groups.add("verdict", "exclusive", options=["true", "false"])
        text = store.documents.sentence(3).text
    line = {"text": text, "labels": [],
            "spans": [{"start": 0, "end": 3, "label": "source", "text": text[:3], "by": "ann", "at": None},
                      {"start": 0, "end": len(text) + 1, "label": "cue", "by": "ann"},  # past the sentence's end
                      {"start": 0, "end": 3, "label": "cue", "text": "not these words", "by": "ann"},
                      {"start": 0, "end": 3, "label": "speaker", "by": "ann"}],
            "answers": {"verdict": [{"value": "false", "by": "ann"}, {"value": "maybe", "by": "bob"}],
                        "stance": [{"value": "pro", "by": "ann"}]},
            "discussion": [{"by": "cy"}]}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path), "--all-layers"])
    assert result.exit_code == 0, result.output
    assert "1 span added, 0 already there, 3 not fitting the sentence or of an unknown span label" in result.output
    assert "1 answer added, 0 already there, 2 to a group not here or with a value it does not take" in result.output
    assert "1 flag for discussion added" in result.output
    assert "span labels not in the scheme, skipped: speaker" in result.output
    assert "label groups not in the project, skipped: stance" in result.output
    with Store.open(demo_project, readonly=True) as store:
        assert [(s.start, s.end, s.label, s.annotator) for s in store.spans.records()] == [(0, 3, "source", "ann")]
        assert [(a.group, a.sentence_id, a.annotator, a.value) for a in store.label_groups.records()] == [
            ("verdict", 3, "ann", "false")]
        assert [(s, who) for s, who, _ in store.label_groups.flag_records()] == [(3, "cy")]


def test_a_bad_spans_answers_or_discussion_field_is_refused_in_one_line_and_stores_nothing(demo_project, tmp_path):
    path = tmp_path / "bad.jsonl"
    good = {"text": "x", "labels": [], "annotations": [{"annotator": "ann", "label": "claim"}],
            "spans": [{"start": 0, "end": 1, "label": "cue", "by": "ann", "at": None}],
            "discussion": [{"by": "ann", "at": None}]}
    for bad, field in [({"spans": {"start": 0}}, '"spans"'),
                       ({"spans": [{"start": "0", "end": 1, "label": "cue", "by": "ann"}]}, '"spans"'),
                       ({"spans": [{"start": 2, "end": 1, "label": "cue", "by": "ann"}]}, '"spans"'),
                       ({"spans": [{"start": 0, "end": 1, "label": "cue", "by": " "}]}, '"spans"'),
                       ({"answers": [{"value": "yes"}]}, '"answers"'),
                       ({"answers": {"notice": [{"value": 1, "by": "ann"}]}}, '"answers"'),
                       ({"answers": {"notice": [{"value": "yes", "by": "ann", "level": "story"}]}}, '"answers"'),
                       ({"discussion": [{"by": 3}]}, '"discussion"'),
                       ({"discussion": [{"by": "ann", "at": 5}]}, '"discussion"')]:
        path.write_text(json.dumps(good) + "\n" + json.dumps({**good, **bad}) + "\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path), "--all-layers"])
        assert result.exit_code == 2 and result.output.count("\n") == 1 and "bad.jsonl:2" in result.output \
            and field in result.output, result.output
    with Store.open(demo_project, readonly=True) as store:
        assert store.annotations.all() == [] and store.spans.count() == 0 and store.label_groups.flag_records() == []


def test_create_missing_makes_the_groups_and_span_labels_the_file_uses(demo_project, tmp_path, seeds):
    from annotator.core.dataset.roundtrip_spans_answers import group_from_answers

    with Store.open(demo_project) as store:
        _with_groups(store)
        store.label_groups.add("why", "text")
        store.spans.set_label("speaker", "4", "#123456")
        first = store.documents.sentences(store.documents.group_documents(store.documents.groups()[0]["id"])[0]["id"])
        one, two = first[1], first[2]
        store.spans.add(one.id, 0, 3, "speaker", "ann")
        store.spans.add(two.id, 1, 5, "cue", "bob")
        store.label_groups.set_value("verdict", one.id, "ann", "false")
        store.label_groups.set_value("verdict", two.id, "bob", "unclear")
        store.label_groups.set_value("worth", two.id, "ann", "2")
        store.label_groups.set_value("worth", one.id, "bob", "3")
        store.label_groups.set_value("notice", two.id, "bob", "yes")  # about the whole document
        store.label_groups.set_value("why", one.id, "ann", "it names its source")
    exported = tmp_path / "all.jsonl"
    export(demo_project, "jsonl", exported)
    other = reordered_seeds(tmp_path, seeds)  # the same documents, no groups and only the default span labels
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--create-missing"])
    assert result.exit_code == 2 and "--create-missing applies with --all-layers" in result.output
    skipped = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers"])
    assert "label groups not in the project, skipped: notice, verdict, why, worth" in skipped.output
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers", "--create-missing"])
    assert result.exit_code == 0, result.output
    assert ("created span labels: speaker; label groups: notice (yesno, document), verdict (exclusive, sentence),"
            " worth (ordinal, sentence), why (text, sentence)") in result.output  # in the order the file gives them
    assert "skipped" not in result.output
    assert "1 span added, 1 already there" in result.output  # the cue came in with the first import
    assert "6 answers added, 0 already there, 0 to a group not here" in result.output
    with Store.open(other, readonly=True) as store:
        assert [(g.name, g.kind, g.level, g.options, g.key) for g in store.label_groups.all()][1:] == [
            ("notice", "yesno", "document", ("yes", "no"), None),
            ("verdict", "exclusive", "sentence", ("false", "unclear"), None),  # the values the answers gave
            ("worth", "ordinal", "sentence", ("1", "2", "3"), None), ("why", "text", "sentence", (), None)]
        assert store.spans.label_named("speaker").key == "4"
        kinds = [(e.kind, e.subject) for e in store.events.recent() if e.origin == "import-labels"]
        assert ("group", "worth") in kinds and ("span-label", "speaker") in kinds
    again = tmp_path / "again.jsonl"
    export(other, "jsonl", again)

    def unordered(path):  # the groups come in another order here: compare each line's answers as a set
        return sorted(json.dumps(json.loads(line), sort_keys=True) for line in _marks(path))
    assert unordered(again) == unordered(exported)
    assert group_from_answers(["1"], {False}) == ("ordinal", "sentence", [], 2)
    assert group_from_answers(["a"] , {False}) == ("text", "sentence", [], None)
    assert group_from_answers([str(k) for k in range(10, 21)], {True}) == ("text", "document", [], None)
