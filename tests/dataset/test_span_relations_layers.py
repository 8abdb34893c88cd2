"""Relations that end on spans (migration 19) wherever relations go: the JSONL export (each side's
span with code-point and UTF-16 offsets), a merge of two annotators' files (spans matched by
offsets; merging twice adds nothing), work packages and their return, `import-labels
--all-layers` back into a project with other ids, and relation F1 against a hand count."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.export import export
from annotator.core.dataset.fitted_agreement import fitted_report
from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store
from annotator.core.team.packages import assign
from tests.dataset.test_roundtrip import reordered_seeds

SAID = "The Russian Defense Ministry said it has obtained evidence"  # English page (001)
CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"  # German page (000)
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page (001)


def _ids(path) -> dict[str, tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        return {name: conn.execute("SELECT id, text FROM sentences WHERE instr(text, ?) > 0", [text]).fetchone()
                for name, text in (("said", SAID), ("correction", CORRECTION), ("claim", CLAIM))}


def _at(text: str, words: str, label: str) -> tuple[int, int, str]:
    return text.index(words), text.index(words) + len(words), label


def _ends(path) -> dict:
    """The spans the tests relate, in this file's sentence ids."""
    ids = _ids(path)
    said, said_text = ids["said"]
    correction, correction_text = ids["correction"]
    claim, claim_text = ids["claim"]
    return {"source": (said, _at(said_text, "The Russian Defense Ministry", "source")),
            "content": (said, (said_text.index("it has"), len(said_text) - 1, "content")),
            "fotos": (correction, _at(correction_text, "die korrigierten Fotos", "content")),
            "shoots": (claim, _at(claim_text, "photo shoots", "content")),
            "claim": (claim, None), "short_source": (said, _at(said_text, "The Russian", "source"))}


def _make(path, name: str, relations) -> None:
    """`name`'s spans and relations (head end, type, tail end: keys of `_ends`) in `path`."""
    ends = _ends(path)
    with Store.open(path) as store:
        for sentence, span in {ends[k] for r in relations for k in (r[0], r[2])}:
            if span is not None:
                store.spans.add(sentence, *span, name)
        for head, kind, tail in relations:
            store.relations.add(ends[head][0], ends[tail][0], kind, name, ends[head][1], ends[tail][1])


def _copy(demo_project, tmp_path, name, relations):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(demo_project, path)
    _make(path, name, relations)
    return path


def _relations(path) -> list[tuple]:
    """Every relation by its sentences' texts and its spans' offsets (ids differ between files)."""
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute(
            "SELECT substr(h.text, 1, 30), hs.start, hs.end, hs.label, r.type, substr(t.text, 1, 30), ts.start,"
            " ts.end, ts.label, a.name, r.created_at FROM relations r JOIN sentences h ON h.id = r.head_id"
            " JOIN sentences t ON t.id = r.tail_id JOIN annotators a ON a.id = r.annotator_id"
            " LEFT JOIN spans hs ON hs.id = r.head_span_id LEFT JOIN spans ts ON ts.id = r.tail_span_id"
        ).fetchall(), key=repr)


ANN = [("content", "attributes-to", "source"), ("fotos", "corrects", "shoots")]
BOB = [("content", "attributes-to", "source"), ("fotos", "corrects", "claim"),
       ("content", "attributes-to", "short_source")]


def test_jsonl_gives_each_span_side_its_offsets_in_code_points_and_utf16(demo_project, tmp_path):
    said = _ids(demo_project)["said"][0]
    with Store.open(demo_project) as store:  # an emoji before the spans: UTF-16 offsets one more
        store.db.execute("UPDATE sentences SET text = '😀 ' || text WHERE id = ?", [said])
    _make(demo_project, "ana", ANN)
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    rows = {row["sentence_id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    [attribution] = rows[said]["relations"]
    assert attribution["type"] == "attributes-to" and attribution["by"] == "ana"
    assert attribution["head"]["sentence_id"] == attribution["tail"]["sentence_id"] == said
    assert attribution["tail"]["span"] == {"start": 2, "end": 30, "start_utf16": 3, "end_utf16": 31,
                                           "label": "source", "text": "The Russian Defense Ministry"}
    content = attribution["head"]["span"]
    assert content["text"].startswith("it has obtained evidence") and content["label"] == "content"
    assert content["start_utf16"] == content["start"] + 1 and content["end_utf16"] == content["end"] + 1
    correction = _ids(demo_project)["correction"][0]
    [corrects] = rows[correction]["relations"]
    assert corrects["head"]["span"]["text"] == "die korrigierten Fotos"
    assert corrects["tail"]["span"]["text"] == "photo shoots"
    assert corrects["head"]["source_id"] == "000_96a2ecc95e81fa3c.txt"
    assert corrects["tail"]["source_id"] == "001_99fd3b709fa0c029.txt"


def test_a_merge_of_two_annotators_carries_span_relations_exactly_and_twice_adds_nothing(demo_project, tmp_path):
    ann, bob = _copy(demo_project, tmp_path, "ann", ANN), _copy(demo_project, tmp_path, "bob", BOB)
    out = tmp_path / "merged.sqlite"
    reports = dict(merge_projects(out, [ann, bob]))
    assert reports[str(ann)]["relations_added"] == 2 and reports[str(bob)]["relations_added"] == 3
    assert _relations(out) == sorted(_relations(ann) + _relations(bob), key=repr)
    assert len(_relations(out)) == 5
    again = dict(merge_projects(out, [ann, bob]))
    assert again[str(ann)]["relations_added"] == 0 and again[str(bob)]["relations_added"] == 0
    assert len(_relations(out)) == 5


def test_a_work_package_carries_the_annotators_span_relations_and_its_return_merges_them(demo_project, tmp_path):
    _make(demo_project, "lead", ANN)
    assign(demo_project, ["ana"], tmp_path / "with", labels="lead")
    package = tmp_path / "with" / "ana.sqlite"
    assert _relations(package) == _relations(demo_project)
    assign(demo_project, ["ana"], tmp_path / "without", labels="none")  # no spans: no span relations
    assert _relations(tmp_path / "without" / "ana.sqlite") == []
    _make(package, "ana", [("fotos", "corrects", "claim")])
    merge_projects(demo_project, [package])
    assert len(_relations(demo_project)) == 3
    assert _relations(demo_project) == sorted(set(_relations(package)), key=repr)


def test_all_layers_round_trip_brings_span_relations_into_another_project(demo_project, tmp_path, seeds):
    _make(demo_project, "ann", ANN)
    _make(demo_project, "bob", BOB)
    exported = tmp_path / "all.jsonl"
    export(demo_project, "jsonl", exported)
    other = reordered_seeds(tmp_path, seeds)  # the same documents in another order: other ids
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers"])
    assert result.exit_code == 0, result.output
    assert "5 relations added, 0 already there" in result.output
    assert _relations(other) == _relations(demo_project)
    again = tmp_path / "again.jsonl"
    export(other, "jsonl", again)

    def sides(path):
        return sorted(json.dumps([e["type"], e["by"], e["at"], e["head"].get("span"), e["tail"].get("span")])
                      for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                      for e in row["relations"])
    assert sides(again) == sides(exported)
    result = CliRunner().invoke(main, ["import-labels", str(other), str(exported), "--all-layers"])
    assert "0 relations added, 5 already there" in result.output


def test_relation_f1_matches_span_ends_by_their_offsets_against_a_hand_count(demo_project, tmp_path):
    ann, bob = _copy(demo_project, tmp_path, "ann", ANN), _copy(demo_project, tmp_path, "bob", BOB)
    merged = tmp_path / "merged.sqlite"
    merge_projects(merged, [ann, bob])
    with Store.open(merged, readonly=True) as store:
        (pair,) = fitted_report(store).relations
    # by hand: ann {content>source attributes-to, fotos>shoots corrects}; bob {content>source
    # attributes-to (the same offsets: a match), fotos>claim corrects (a whole sentence is not the
    # span "photo shoots"), content>"The Russian" attributes-to (other offsets)}: 1 in both
    assert (pair.first_count, pair.second_count, pair.both) == (2, 3, 1)
    assert pair.typed_f1 == pytest.approx(2 * 1 / (2 + 3))
    assert pair.linked_both == 1 and pair.linked_f1 == pytest.approx(2 / 5)
    assert pair.by_type == {"attributes-to": (1, 2, 1, pytest.approx(2 / 3)), "corrects": (1, 1, 0, 0.0)}


def test_the_relations_csv_gives_a_span_sides_offsets_label_and_words(demo_project, tmp_path):
    import csv

    _make(demo_project, "ana", [("fotos", "corrects", "claim")])
    out = tmp_path / "relations.csv"
    result = CliRunner().invoke(main, ["export", str(demo_project), "--format", "relations", "-o", str(out)])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    fotos = _ends(demo_project)["fotos"][1]
    assert (row["head_span_start"], row["head_span_end"], row["head_span_label"], row["head_span_text"]) == (
        str(fotos[0]), str(fotos[1]), "content", "die korrigierten Fotos")
    assert (row["tail_span_start"], row["tail_span_label"], row["tail_span_text"]) == ("", "", "")
    assert CLAIM in row["tail_text"] and row["type"] == "corrects"


def test_a_merge_refuses_a_file_whose_relation_ends_on_a_span_of_another_sentence(demo_project, tmp_path):
    from annotator.errors import ProjectError

    ann = _copy(demo_project, tmp_path, "ann", [("fotos", "corrects", "shoots")])
    with sqlite3.connect(ann) as conn:  # a hostile or damaged file: the tail's span is in another sentence
        said = _ids(ann)["said"][0]
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("INSERT INTO spans (sentence_id, start, end, label, annotator_id, created_at)"
                     " SELECT ?, 0, 3, 'source', annotator_id, created_at FROM spans LIMIT 1", [said])
        conn.execute("UPDATE relations SET tail_span_id = (SELECT max(id) FROM spans)")
    with pytest.raises(ProjectError, match="ending on a span of another sentence or annotator"):
        merge_projects(tmp_path / "merged.sqlite", [ann])
