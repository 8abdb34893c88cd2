"""A team that leaves Label Studio, doccano or INCEpTION brings its texts: `import-labels` into an
empty (or new, with --add-documents) project makes documents of them, with their source_id and
metadata, and then stores their labels, annotators, gold and predictions. Exporting that project
to the same format gives back what the file held (texts, labels, annotators, gold, metadata)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Store


def _cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


@pytest.fixture
def team(demo_project, tmp_path):
    """The demo with three annotators' labels, a 'no label applies', a gold layer, a model's
    suggestions, and a document imported from JSONL with metadata."""
    lines = tmp_path / "news.jsonl"
    lines.write_text(json.dumps({"id": "tw-9", "text": "The ministry said the photos were real.\nThey were not.",
                                 "url": "https://example.org/9", "outlet": "Example"}) + "\n", encoding="utf-8")
    assert _cli("import", demo_project, lines).exit_code == 0
    with Store.open(demo_project) as store:
        extra = store.documents.in_order()[-1][0]
        tweet = store.documents.sentences(extra)
        for sentence_id, label, who in [(1, "claim", "ann"), (1, "claim", "bob"), (1, "attribution", "cy"),
                                        (2, "correction", "ann"), (3, "claim", "cy"), (3, "attribution", "cy"),
                                        (tweet[0].id, "attribution", "bob"), (tweet[1].id, "correction", "ann")]:
            store.annotations.set(sentence_id, label, who)
        store.annotations.clear(2, "bob")  # no label applies
        store.gold.set([(1, ["claim"]), (2, []), (tweet[1].id, ["correction"])])
        labels = {label.name: label.id for label in store.scheme.labels()}
        store.suggestions.replace(labels, [(5, "claim", 0.81), (5, "correction", 0.66), (6, "attribution", 0.2)],
                                  {"trained_at": "test", "judged": 0, "folds": 0, "folds_by": None, "labels": []})
    return demo_project


def _tasks(path):
    """A Label Studio export as the format holds it, without ids, offsets and times."""
    return sorted((t["data"]["text"], t["data"]["source_id"], json.dumps(t["data"]["meta"], sort_keys=True),
                   t["data"]["group"],
                   sorted((a["created_username"], a["ground_truth"], json.dumps(a["result"])) for a in t["annotations"]),
                   json.dumps(t.get("predictions", []), sort_keys=True))
                  for t in json.loads(path.read_text(encoding="utf-8")))


def test_label_studio_into_a_new_project_and_back(team, tmp_path):
    assert _cli("export", team, "--format", "label-studio", "-o", tmp_path / "a.json").exit_code == 0
    fresh = tmp_path / "fresh.sqlite"
    result = _cli("import-labels", fresh, tmp_path / "a.json", "--format", "label-studio", "--add-documents")
    assert result.exit_code == 0, result.output
    assert "5 documents added" in result.output and "did not map: nothing" in result.output
    assert _cli("export", fresh, "--format", "label-studio", "-o", tmp_path / "b.json").exit_code == 0
    first, again = _tasks(tmp_path / "a.json"), _tasks(tmp_path / "b.json")
    assert again == first
    assert any(t[1] == "tw-9" and json.loads(t[2]) == {"url": "https://example.org/9", "outlet": "Example"}
               for t in again)
    assert any(t[5] != "[]" for t in again)  # the predictions came back as predictions
    with Store.open(fresh) as store:  # and they are suggestions, not labels
        assert not [a for a in store.annotations.all() if a.annotator not in ("ann", "bob", "cy")]
    # imported a second time, nothing is added: every task matches
    result = _cli("import-labels", fresh, tmp_path / "a.json", "--format", "label-studio")
    assert result.exit_code == 0 and "documents added" not in result.output


def test_an_empty_project_takes_the_texts_without_asking(team, tmp_path):
    assert _cli("export", team, "--format", "label-studio", "-o", tmp_path / "a.json").exit_code == 0
    empty = tmp_path / "empty.sqlite"
    Store.open(empty).close()
    result = _cli("import-labels", empty, tmp_path / "a.json", "--format", "label-studio")
    assert result.exit_code == 0 and "5 documents added" in result.output
    # a project with documents is matched against, and --no-add-documents keeps it that way
    other = tmp_path / "other.sqlite"
    assert _cli("import", other, tmp_path / "news.jsonl").exit_code == 0
    result = _cli("import-labels", other, tmp_path / "a.json", "--format", "label-studio")
    assert result.exit_code == 0 and "documents added" not in result.output and "not in the project" in result.output
    with Store.open(other) as store:
        assert len(store.documents.in_order()) == 1
    result = _cli("import-labels", tmp_path / "missing.sqlite", tmp_path / "a.json", "--format", "label-studio")
    assert result.exit_code == 2 and not (tmp_path / "missing.sqlite").exists()


def test_label_studio_tasks_made_in_label_studio(tmp_path):
    tasks = [{"id": 17, "data": {"text": "Officials said the convoy left.", "tweet_id": "123"},
              "annotations": [{"completed_by": 3, "result": [{"type": "choices", "from_name": "label", "to_name": "text",
                                                              "value": {"choices": ["attribution", "claim"]}}]}],
              "predictions": [{"score": 0.7, "result": [{"type": "choices", "value": {"choices": ["claim"]}}]}]},
             {"id": 18, "data": {"text": "However, the photos\nwere fake."}, "annotations": [], "predictions": []}]
    (tmp_path / "tasks.json").write_text(json.dumps(tasks), encoding="utf-8")
    project = tmp_path / "p.sqlite"
    result = _cli("import-labels", project, tmp_path / "tasks.json", "--format", "label-studio", "--add-documents")
    assert result.exit_code == 0, result.output
    assert "2 documents added (2 sentences)" in result.output
    assert "line breaks inside a sentence (made spaces): 1" in result.output
    assert _cli("export", project, "--format", "label-studio", "-o", tmp_path / "out.json").exit_code == 0
    out = {t["data"]["source_id"]: t for t in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))}
    first = out["label-studio-task-17"]
    assert first["data"]["meta"] == {"tweet_id": "123"} and first["data"]["text"] == tasks[0]["data"]["text"]
    assert [(a["created_username"], a["result"][0]["value"]["choices"]) for a in first["annotations"]] == \
           [("label-studio-user-3", ["claim", "attribution"])]
    assert out["label-studio-task-18"]["data"]["text"] == "However, the photos were fake."


def _lines(path):
    return sorted((row["text"], tuple(row["label"]), row["source_id"], json.dumps(row["meta"], sort_keys=True))
                  for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()))


def test_doccano_into_a_new_project_and_back(team, tmp_path):
    for layer in ("ann", "gold"):
        assert _cli("export", team, "--format", "doccano", "--layer", layer, "-o", tmp_path / f"{layer}.jsonl") \
            .exit_code == 0
    fresh = tmp_path / "fresh.sqlite"
    result = _cli("import-labels", fresh, tmp_path / "ann.jsonl", "--format", "doccano", "--annotator", "ann",
                  "--add-documents")
    assert result.exit_code == 0 and "5 documents added" in result.output, result.output
    assert _cli("export", fresh, "--format", "doccano", "--layer", "ann", "-o", tmp_path / "again.jsonl").exit_code == 0
    assert _lines(tmp_path / "again.jsonl") == _lines(tmp_path / "ann.jsonl")
    # a line from doccano itself: a document of its own, named by its id, its other keys as metadata
    (tmp_path / "doccano.jsonl").write_text(json.dumps({"id": 4, "text": "The US refused.", "label": ["claim"],
                                                        "source": "web"}) + "\n", encoding="utf-8")
    result = _cli("import-labels", fresh, tmp_path / "doccano.jsonl", "--format", "doccano", "--annotator", "dee",
                  "--add-documents")
    assert result.exit_code == 0 and "1 document added" in result.output, result.output
    assert _cli("export", fresh, "--format", "doccano", "--layer", "dee", "-o", tmp_path / "dee.jsonl").exit_code == 0
    assert ("The US refused.", ("claim",), "4", json.dumps({"source": "web"})) in _lines(tmp_path / "dee.jsonl")


def test_inception_xmi_into_a_new_project_and_back(team, tmp_path):
    cassis = pytest.importorskip("cassis")

    def cases(folder):
        ts = cassis.load_typesystem((folder / "TypeSystem.xml").read_text(encoding="utf-8"))
        found = {}
        for path in sorted(folder.rglob("*.xmi")):
            cas = cassis.load_cas_from_xmi(path.read_text(encoding="utf-8"), typesystem=ts)
            meta = next(iter(cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")))
            found[meta.documentId, path.stem] = (meta.documentUri, sorted(
                (a.get_covered_text(), a.label) for a in cas.select("webanno.custom.SentenceLabel")))
        return found

    assert _cli("export", team, "--format", "xmi", "-o", tmp_path / "xmi").exit_code == 0
    fresh = tmp_path / "fresh.sqlite"
    result = _cli("import-labels", fresh, tmp_path / "xmi", "--format", "xmi", "--add-documents")
    assert result.exit_code == 0 and "documents added" in result.output and "did not map: nothing" in result.output, \
        result.output
    assert _cli("export", fresh, "--format", "xmi", "-o", tmp_path / "again").exit_code == 0
    first, again = cases(tmp_path / "xmi"), cases(tmp_path / "again")
    assert again == first and ("tw-9", "CURATION_USER") in again
    assert json.loads(again["tw-9", "bob"][0]) == {"url": "https://example.org/9", "outlet": "Example"}
