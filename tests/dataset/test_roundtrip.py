"""Labels exported as JSONL come back in, matched by document hash and offsets."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.export import export
from annotator.core.session.importing import import_files
from annotator.core.store import Store


def test_round_trip_into_another_project_gives_the_same_labels(demo_project, tmp_path, seeds):
    with Store.open(demo_project) as store:
        store.annotations.set(2, "claim", "ann")
        store.annotations.set(2, "attribution", "ann")
        store.annotations.set(30, "correction", "ann")
    exported = tmp_path / "labels.jsonl"
    export(demo_project, "jsonl", exported)
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert all(len(r["doc_sha256"]) == 64 and r["end"] > r["start"] for r in rows)
    other = tmp_path / "other.sqlite"  # the same documents, imported in another order: other row ids
    import_files(other, [seeds["003"], seeds["001"], seeds["000"], seeds["002"]], group="again")
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
    path.write_text('{"text": "no offsets"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path)])
    assert result.exit_code == 2 and "bad.jsonl:1: not a sentence line" in result.output
    path.write_text(json.dumps({"doc_sha256": "0" * 64, "start": 0, "end": 5, "labels": ["claim"]}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["import-labels", str(demo_project), str(path)])
    assert "1 sentences not in the project" in result.output
