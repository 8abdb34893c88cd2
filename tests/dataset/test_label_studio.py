"""Label Studio tasks JSON both ways: export -> import -> export is the identity on labels,
annotators, "no label" judgements, gold and metadata; predictions become suggestions, never
labels; what does not map is reported in one line; bad files change nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.session.importing import import_files
from annotator.core.store import Store
from tests.dataset.test_roundtrip import reordered_seeds


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def three_annotators(demo_project):
    with Store.open(demo_project) as store:
        for sentence_id, label, who in [(1, "claim", "ann"), (1, "claim", "bob"), (1, "attribution", "cy"),
                                        (2, "correction", "ann"), (3, "claim", "cy"), (3, "attribution", "cy")]:
            store.annotations.set(sentence_id, label, who)
        store.annotations.clear(2, "bob")  # no label applies
        store.gold.set([(1, ["claim"]), (2, [])])
    return demo_project


def _export(project, path):
    result = _cli("export", project, "--format", "label-studio", "-o", path)
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text(encoding="utf-8"))


def _comparable(tasks):
    """What the format holds, without row ids and times (another project numbers them anew)."""
    return sorted((t["data"]["text"], t["data"]["source_id"], json.dumps(t["data"]["meta"]),
                   t["data"]["start"], t["data"]["end"],
                   sorted((a["created_username"], a["ground_truth"], json.dumps(a["result"])) for a in t["annotations"]))
                  for t in tasks)


def test_round_trip_into_another_project_is_the_identity(three_annotators, tmp_path, seeds):
    first = _export(three_annotators, tmp_path / "a.json")
    task = next(t for t in first if t["data"]["sentence_id"] == 1)
    assert sorted(a["created_username"] for a in task["annotations"]) == ["ann", "bob", "cy", "gold"]
    other = reordered_seeds(tmp_path, seeds)  # the same documents in another order: other ids
    result = _cli("import-labels", other, tmp_path / "a.json", "--format", "label-studio")
    assert result.exit_code == 0, result.output
    assert "6 labels added, 1 'no label' judgement, 2 gold decisions" in result.output
    assert "did not map: nothing" in result.output
    again = _export(other, tmp_path / "b.json")
    assert _comparable(again) == _comparable(first)
    third = tmp_path / "third.sqlite"  # and once more: import -> export -> import -> export
    import_files(third, list(seeds.values()), group="third")
    assert _cli("import-labels", third, tmp_path / "b.json", "--format", "label-studio").exit_code == 0
    assert _comparable(_export(third, tmp_path / "c.json")) == _comparable(first)


def test_predictions_become_suggestions_not_labels_and_the_rest_is_reported(demo_project, tmp_path):
    with Store.open(demo_project, readonly=True) as store:
        texts = [s.text for s in store.documents.sentences(1)[:3]]
    tasks = [
        {"data": {"text": texts[0]}, "annotations": [{"completed_by": 7, "result": [
            {"type": "choices", "from_name": "label", "to_name": "text", "value": {"choices": ["claim", "rumour"]}},
            {"type": "textarea", "value": {"text": ["why"]}}]}],
         "predictions": [{"score": 0.8, "result": [{"type": "choices", "value": {"choices": ["attribution"]}}]}]},
        {"data": {"text": texts[1]}, "annotations": [{"completed_by": {"email": "x@y.org"}, "was_cancelled": True,
                                                       "result": []}],
         "predictions": [{"result": [{"type": "choices", "value": {"choices": ["correction"]}}]}]},
        {"data": {"text": "A sentence nobody imported."}, "annotations": []},
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    result = _cli("import-labels", demo_project, path, "--format", "label-studio")
    assert result.exit_code == 0, result.output
    assert "1 label added" in result.output and "1 suggestion," in result.output
    assert "1 task not in the project" in result.output
    assert ("did not map: cancelled annotations: 1, choices not in the scheme: 1, predictions on judged sentences: 1,"
            " results that are not choices: 1") in result.output
    with Store.open(demo_project, readonly=True) as store:
        assert [(a.annotator, a.label) for a in store.annotations.all()] == [("label-studio-user-7", "claim")]
        suggested = store.suggestions.of_document(1)
    assert list(suggested.values()) == [{"correction": 1.0}]  # a judged sentence keeps no suggestion


@pytest.mark.parametrize("content, problem", [
    ("{", "ls.json: is not JSON (Expecting property name enclosed in double quotes)"),
    ("[1]", "ls.json: is not Label Studio tasks JSON (a list of task objects)"),
    ('[{"data": {"text": "x"}}, {"data": {}}]', 'ls.json: task 2: needs "data" with a "text" string'),
    ('[{"data": {"text": "x"}, "annotations": [{"result": {}}]}]', 'ls.json: task 1: "result" must be a list'),
])
def test_bad_files_one_line_exit_2_nothing_stored(demo_project, tmp_path, content, problem):
    path = tmp_path / "ls.json"
    path.write_text(content, encoding="utf-8")
    before = demo_project.read_bytes()
    result = _cli("import-labels", demo_project, path, "--format", "label-studio")
    assert result.exit_code == 2 and result.output == f"error: {tmp_path}/{problem}\n"
    assert demo_project.read_bytes() == before
