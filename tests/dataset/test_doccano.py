"""doccano text classification JSONL both ways: export -> import -> export is the identity on
one annotator's labels and the metadata; spans and unknown labels are reported; bad lines
change nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.session.importing import import_files
from annotator.core.store import Store


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _export(project, path, layer):
    result = _cli("export", project, "--format", "doccano", "--layer", layer, "-o", path)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _comparable(rows):
    return sorted((r["text"], r["label"], r["source_id"], json.dumps(r["meta"]), r["start"], r["end"]) for r in rows)


def test_round_trip_per_annotator(demo_project, tmp_path, seeds):
    with Store.open(demo_project) as store:
        for sentence_id, label, who in [(1, "claim", "ann"), (1, "attribution", "ann"), (4, "claim", "ann"),
                                        (4, "correction", "bob")]:
            store.annotations.set(sentence_id, label, who)
    first = _export(demo_project, tmp_path / "ann.jsonl", "ann")
    assert next(r for r in first if r["sentence_id"] == 1)["label"] == ["claim", "attribution"]
    other = tmp_path / "other.sqlite"
    import_files(other, [seeds["002"], seeds["000"], seeds["003"], seeds["001"]], group="again")
    result = _cli("import-labels", other, tmp_path / "ann.jsonl", "--format", "doccano", "--annotator", "ann")
    assert result.exit_code == 0, result.output
    assert "3 labels added for ann, 0 sentences not in the project" in result.output
    assert "did not map: nothing" in result.output
    assert _comparable(_export(other, tmp_path / "again.jsonl", "ann")) == _comparable(first)


def test_a_file_from_doccano_matched_by_text_spans_reported(demo_project, tmp_path):
    with Store.open(demo_project, readonly=True) as store:
        text = store.documents.sentences(1)[2].text
    path = tmp_path / "admin.jsonl"
    path.write_text(json.dumps({"id": 9, "text": text, "label": ["claim", "gossip", [0, 4, "ORG"]],
                                "Comments": []}) + "\n", encoding="utf-8")
    result = _cli("import-labels", demo_project, path, "--format", "doccano", "--annotator", "admin")
    assert result.exit_code == 0, result.output
    assert "1 label added for admin" in result.output and "matched by hash 0, source_id 0, text 1" in result.output
    assert "did not map: labels not in the scheme: 1, spans (sequence labelling): 1" in result.output


@pytest.mark.parametrize("content, problem", [
    ('{"text": "x", "label": ["claim"]}\n{"label": []}\n', 'doc.jsonl:2: not a doccano line (needs "text", a string,'
                                                          ' and "label")'),
    ('{"text": "x", "label": "claim"}\n', 'doc.jsonl:1: "label" must be a list, not str'),
])
def test_bad_lines_one_line_exit_2_nothing_stored(demo_project, tmp_path, content, problem):
    path = tmp_path / "doc.jsonl"
    path.write_text(content, encoding="utf-8")
    before = demo_project.read_bytes()
    result = _cli("import-labels", demo_project, path, "--format", "doccano")
    assert result.exit_code == 2 and result.output == f"error: {tmp_path}/{problem}\n"
    assert demo_project.read_bytes() == before
