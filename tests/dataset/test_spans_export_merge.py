"""Spans in the JSONL export (code-point and UTF-16 offsets, label, who, the words), in the BIO
export, and in a merge of two annotators' files (carried exactly by offsets, merging twice adds
nothing, a span lands on a sentence cut otherwise in the target); pairs and TMX unchanged."""

from __future__ import annotations

import json
import shutil
import sqlite3

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.export import export
from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store

SAID = "The Russian Defense Ministry said it has obtained evidence"


def _sentence(path, text=SAID) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id FROM sentences WHERE instr(text, ?) > 0", [text]).fetchone()[0]


def _spans(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT s.sentence_id, s.start, s.end, s.label, a.name, s.created_at FROM spans s"
                            " JOIN annotators a ON a.id = s.annotator_id ORDER BY s.sentence_id, s.start, a.name"
                            ).fetchall()


def _annotator_copy(demo_project, tmp_path, name, spans):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(demo_project, path)
    with Store.open(path) as store:
        for sentence, start, end, label in spans:
            store.spans.add(sentence, start, end, label, name)
    return path


def test_jsonl_carries_spans_with_code_point_and_utf16_offsets(demo_project, tmp_path):
    sentence = _sentence(demo_project)
    with Store.open(demo_project) as store:
        # an emoji before the span shifts its UTF-16 offsets by one: a sentence of our own text
        store.db.execute("UPDATE sentences SET text = '😀 ' || text WHERE id = ?", [sentence])
        store.spans.add(sentence, 2, 30, "source", "ana")
        store.spans.add(sentence, 31, 35, "cue", "ana")
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    rows = {row["sentence_id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    source, cue = rows[sentence]["spans"]
    assert (source["start"], source["end"], source["start_utf16"], source["end_utf16"]) == (2, 30, 3, 31)
    assert source["text"] == "The Russian Defense Ministry" and source["label"] == "source" and source["by"] == "ana"
    assert cue["text"] == "said" and cue["label"] == "cue" and cue["at"]
    assert sum(1 for row in rows.values() if row["spans"]) == 1  # the others: []


def test_bio_export_tags_each_token(demo_project, tmp_path):
    sentence = _sentence(demo_project)
    with Store.open(demo_project) as store:
        store.spans.add(sentence, 0, 28, "source", "ana")
        store.spans.add(sentence, 29, 33, "cue", "ana")
        store.spans.add(sentence, 0, 3, "cue", "bob")
    out = tmp_path / "out.bio"
    result = CliRunner().invoke(main, ["export", str(demo_project), "--format", "bio", "--layer", "ana", "-o", str(out)])
    assert result.exit_code == 0, result.output
    block = out.read_text(encoding="utf-8").split(f"# sentence_id = {sentence}\n")[1].split("\n\n")[0]
    assert block.splitlines()[:6] == ["The\tB-source", "Russian\tI-source", "Defense\tI-source",
                                      "Ministry\tI-source", "said\tB-cue", "it\tO"]


def test_pairs_and_tmx_are_byte_identical_with_spans(demo_project, tmp_path):
    before = {fmt: tmp_path / f"before.{fmt}" for fmt in ("pairs", "tmx")}
    for fmt, path in before.items():
        export(demo_project, fmt, path)
    with Store.open(demo_project) as store:
        store.spans.add(_sentence(demo_project), 0, 28, "source", "ana")
    for fmt, path in before.items():
        after = tmp_path / f"after.{fmt}"
        export(demo_project, fmt, after)
        assert after.read_bytes() == path.read_bytes()


def test_merge_carries_two_annotators_spans_exactly_and_twice_adds_nothing(demo_project, tmp_path):
    sentence = _sentence(demo_project)
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(sentence, 0, 28, "source"), (sentence, 29, 33, "cue")])
    bob = _annotator_copy(demo_project, tmp_path, "bob", [(sentence, 0, 28, "source"), (sentence, 4, 28, "source")])
    out = tmp_path / "merged.sqlite"
    reports = dict(merge_projects(out, [ann, bob]))
    assert reports[str(ann)]["spans_added"] == 2 and reports[str(bob)]["spans_added"] == 2
    assert _spans(out) == sorted(_spans(ann) + _spans(bob), key=lambda r: (r[0], r[1], r[4]))
    again = dict(merge_projects(out, [ann, bob]))
    assert again[str(ann)]["spans_added"] == 0 and _spans(out) == sorted(_spans(ann) + _spans(bob),
                                                                         key=lambda r: (r[0], r[1], r[4]))
    with sqlite3.connect(out) as conn:  # their history came with them, once
        assert conn.execute("SELECT count(*) FROM events WHERE kind = 'span'").fetchone()[0] == 4


def test_a_span_lands_on_the_part_of_a_sentence_split_in_the_target(demo_project, tmp_path):
    sentence = _sentence(demo_project)
    with Store.open(demo_project) as store:
        text = store.documents.sentence(sentence).text
    cut = text.index("it has")
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(sentence, 0, 28, "source"), (sentence, cut, cut + 6, "content")])
    target = tmp_path / "target.sqlite"
    shutil.copyfile(demo_project, target)
    with Store.open(target) as store:
        created, _ = store.resegmenting.split(sentence, cut)
    report = dict(merge_projects(target, [ann]))[str(ann)]
    assert report["spans_added"] == 2
    assert [row[:4] for row in _spans(target)] == [(sentence, 0, 28, "source"), (created, 0, 6, "content")]


def test_a_work_package_carries_the_annotators_spans_and_its_return_merges_new_ones(demo_project, tmp_path):
    from annotator.core.team.packages import assign

    sentence = _sentence(demo_project)
    with Store.open(demo_project) as store:
        store.spans.add(sentence, 0, 28, "source", "ana")
        store.spans.add(sentence, 29, 33, "cue", "lead")
        store.spans.set_label("target", "4", "#8c564b")
    assign(demo_project, ["ana"], tmp_path / "packages", labels="ana")
    package = tmp_path / "packages" / "ana.sqlite"
    assert [row[3:5] for row in _spans(package)] == [("source", "ana")]  # ana's, not lead's
    with Store.open(package) as store:
        assert [label.name for label in store.spans.labels()] == ["source", "cue", "content", "target"]
        store.spans.add(sentence, 29, 33, "cue", "ana")
    merge_projects(demo_project, [package])
    assert [row[1:5] for row in _spans(demo_project)] == [(0, 28, "source", "ana"), (29, 33, "cue", "ana"),
                                                         (29, 33, "cue", "lead")]
