"""Relations in the JSONL export (head, tail, type, both documents' source ids), in a merge of
two annotators' files (carried exactly, merging twice adds nothing) and in work packages; the
pairs and TMX exports do not change with them (byte for byte)."""

from __future__ import annotations

import json
import shutil
import sqlite3

from annotator.core.dataset.export import export
from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store
from annotator.core.team.packages import assign

CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"  # German page, 000
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page, 001


def _ids(path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as conn:
        find = "SELECT id FROM sentences WHERE instr(text, ?) > 0"
        other = conn.execute("SELECT min(id) FROM sentences WHERE document_id = 3").fetchone()[0]
        return conn.execute(find, [CORRECTION]).fetchone()[0], conn.execute(find, [CLAIM]).fetchone()[0], other


def _relations(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT r.head_id, r.tail_id, r.type, a.name, r.created_at FROM relations r"
                            " JOIN annotators a ON a.id = r.annotator_id ORDER BY r.head_id, r.type, a.name"
                            ).fetchall()


def _annotator_copy(demo_project, tmp_path, name, relations):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(demo_project, path)
    with Store.open(path) as store:
        for head, tail, kind in relations:
            store.relations.add(head, tail, kind, name)
    return path


def test_jsonl_carries_each_sentences_relations_with_both_documents(demo_project, tmp_path):
    head, tail, _ = _ids(demo_project)
    with Store.open(demo_project) as store:
        store.relations.add(head, tail, "corrects", "ana")
        head_doc, tail_doc = (store.documents.sentence(i).document_id for i in (head, tail))
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    rows = {row["sentence_id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    [relation] = rows[head]["relations"]
    assert rows[tail]["relations"] == [relation]
    assert relation["type"] == "corrects" and relation["by"] == "ana" and relation["at"]
    assert relation["head"] == {"sentence_id": head, "doc_id": head_doc, "source_id": "000_96a2ecc95e81fa3c.txt"}
    assert relation["tail"] == {"sentence_id": tail, "doc_id": tail_doc, "source_id": "001_99fd3b709fa0c029.txt"}
    assert head_doc != tail_doc and rows[head]["lang"] == "de" and rows[tail]["lang"] == "en"
    assert sum(1 for row in rows.values() if row["relations"]) == 2  # the others: []


def test_pairs_and_tmx_exports_are_byte_identical_with_relations(demo_project, tmp_path):
    head, tail, _ = _ids(demo_project)
    before = {fmt: tmp_path / f"before.{fmt}" for fmt in ("pairs", "tmx")}
    for fmt, path in before.items():
        export(demo_project, fmt, path)
    with Store.open(demo_project) as store:
        store.relations.add(head, tail, "corrects", "ana")
    for fmt, path in before.items():
        after = tmp_path / f"after.{fmt}"
        export(demo_project, fmt, after)
        assert after.read_bytes() == path.read_bytes()


def test_merge_carries_two_annotators_relations_exactly_and_twice_adds_nothing(demo_project, tmp_path):
    head, tail, other = _ids(demo_project)
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(head, tail, "corrects"), (tail, other, "repeats")])
    bob = _annotator_copy(demo_project, tmp_path, "bob", [(head, tail, "corrects"), (head, other, "contradicts")])
    out = tmp_path / "merged.sqlite"
    reports = dict(merge_projects(out, [ann, bob]))
    assert reports[str(ann)]["relations_added"] == 2 and reports[str(bob)]["relations_added"] == 2
    assert _relations(out) == sorted(_relations(ann) + _relations(bob), key=lambda r: (r[0], r[2], r[3]))
    again = dict(merge_projects(out, [ann, bob]))
    assert again[str(ann)]["relations_added"] == 0 and again[str(bob)]["relations_added"] == 0
    assert len(_relations(out)) == 4


def test_a_work_package_carries_the_groups_relations_and_its_return_merges_them(demo_project, tmp_path):
    head, tail, _ = _ids(demo_project)
    with Store.open(demo_project) as store:
        store.relations.add(head, tail, "corrects", "lead")
    result = assign(demo_project, ["ana"], tmp_path / "packages")
    package = tmp_path / "packages" / "ana.sqlite"
    assert [f for f in result.files] and _relations(package) == _relations(demo_project)
    with Store.open(package) as store:
        store.relations.add(tail, head, "contradicts", "ana")
    merge_projects(demo_project, [package])
    assert [r[:4] for r in _relations(demo_project)] == [(head, tail, "corrects", "lead"),
                                                         (tail, head, "contradicts", "ana")]


def test_format_relations_writes_one_csv_row_per_relation(demo_project, tmp_path):
    import csv

    from click.testing import CliRunner

    from annotator.cli import main

    head, tail, _ = _ids(demo_project)
    with Store.open(demo_project) as store:
        store.relations.add(head, tail, "corrects", "ana")
    out = tmp_path / "relations.csv"
    result = CliRunner().invoke(main, ["export", str(demo_project), "--format", "relations", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ": 1 relation\n" in result.output
    [row] = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert (row["type"], row["head_sentence_id"], row["tail_sentence_id"], row["by"]) == ("corrects", str(head),
                                                                                        str(tail), "ana")
    assert row["head_lang"] == "de" and CORRECTION in row["head_text"] and CLAIM in row["tail_text"]
    assert row["head_source_id"] == "000_96a2ecc95e81fa3c.txt" and row["tail_source_id"] == "001_99fd3b709fa0c029.txt"


def test_a_merge_takes_each_relations_event_from_the_source_once(demo_project, tmp_path):
    head, tail, other = _ids(demo_project)
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(head, tail, "corrects"), (tail, other, "repeats")])
    out = tmp_path / "merged.sqlite"
    for _ in range(2):
        merge_projects(out, [ann])
        with sqlite3.connect(out) as conn:
            relate = conn.execute("SELECT sentence_id, who, subject FROM events WHERE kind = 'relate'"
                                  " ORDER BY sentence_id").fetchall()
        assert relate == sorted([(head, "ann", "corrects"), (tail, "ann", "repeats")])  # the source's own, once
