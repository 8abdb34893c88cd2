"""Every row of `export --format hf` says what the JSONL export's line for the same sentence says
(the JSONL is built by other code, in SQL): labels of each layer, annotations in order, who
judged, the aligned sentences, provenance and UTF-16 offsets; also across several record
batches, with and without boilerplate."""

from __future__ import annotations

import json

import pytest

from annotator.core.dataset import hf_batches
from annotator.core.dataset.export import export
from annotator.core.session.importing import import_files
from annotator.core.store import Store

SHARED = ("group", "doc_id", "doc_title", "source_id", "lang", "sentence_id", "index", "text", "boilerplate", "start",
          "end", "start_utf16", "end_utf16", "alignment_confirmed", "annotations", "judged_by")


@pytest.fixture
def rich(demo_project, tmp_path):
    """The demo, plus a JSONL document with metadata and characters beyond U+FFFF, labels by
    three annotators (a 'no label applies' among them), a gold layer, confirmed rows, links of
    one and of two sentences, and a label on a boilerplate sentence."""
    lines = tmp_path / "extra.jsonl"
    lines.write_text(json.dumps({"id": "tw-1", "text": "Emoji \U0001F600 come first. The ministry said so. 𝔘nicode"
                                                       " math \U0001D400 too.", "url": "https://x.example/1",
                                 "outlet": "X"}, ensure_ascii=False) + "\n", encoding="utf-8")
    import_files(demo_project, [lines], group="extra")
    with Store.open(demo_project) as store:
        first, second = (store.documents.sentences(d)[:12] for d, _ in store.documents.in_order()[:2])
        for k, sentence in enumerate(first):
            store.annotations.set(sentence.id, ["claim", "attribution", "correction"][k % 3], "ann", note="n" if k == 2 else None)
            if k % 2:
                store.annotations.set(sentence.id, "claim", "bob")
            if k % 4 == 0:
                store.annotations.clear(sentence.id, "cy")  # cy judged: no label applies
            if k == 5:
                store.annotations.set(sentence.id, "correction", "cy")
        boilerplate = next((s for d, _ in store.documents.in_order() for s in store.documents.sentences(d)
                            if s.boilerplate), None)
        if boilerplate is not None:
            store.annotations.set(boilerplate.id, "claim", "ann")
        store.gold.set([(first[0].id, ["claim"]), (first[1].id, ["claim", "attribution"]), (first[2].id, [])])
        store.links.add([first[3].id], [second[2].id, second[3].id], score=0.61, origin="manual")
        store.links.add([first[4].id], [second[5].id], score=None, origin="manual")
        store.links.add([first[6].id], [second[6].id], score=0.9)
        store.confirmations.confirm([first[3].id, second[2].id], "ann")
        extra = store.documents.in_order()[-1][0]
        for sentence in store.documents.sentences(extra):
            store.annotations.set(sentence.id, "claim", "bob")
    return demo_project


@pytest.mark.parametrize("layer", ["all", "gold", "bob"])
@pytest.mark.parametrize("include_boilerplate", [False, True])
@pytest.mark.parametrize("batch_rows", [hf_batches.BATCH_ROWS, 7])
@pytest.mark.parametrize("moved", [False, True])
def test_rows_say_what_the_jsonl_says(rich, tmp_path, monkeypatch, layer, include_boilerplate, batch_rows, moved):
    """(moved: the documents of each group in the reverse of their import order, so that the
    sentence ids of a batch do not follow its rows)"""
    import pyarrow.parquet as pq

    monkeypatch.setattr(hf_batches, "BATCH_ROWS", batch_rows)
    if moved:
        _reverse_documents(rich)
    export(rich, "jsonl", tmp_path / "out.jsonl", layer=layer, include_boilerplate=include_boilerplate)
    export(rich, "hf", tmp_path / "hf", layer=layer, include_boilerplate=include_boilerplate)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    table = pq.read_table(tmp_path / "hf/data/train-00000-of-00001.parquet")
    if batch_rows == 7:  # several record batches (row groups)
        assert pq.ParquetFile(tmp_path / "hf/data/train-00000-of-00001.parquet").metadata.num_row_groups > 1
    rows = table.to_pylist()
    names = ["claim", "attribution", "correction"]
    assert len(rows) == len(lines) > 0
    for row, line in zip(rows, lines):
        assert {k: row[k] for k in SHARED} == {k: line[k] for k in SHARED}
        assert json.loads(row["meta"]) == line["meta"]
        assert [names[k] for k in row["labels"]] == line["labels"]
        assert [row[n] for n in names] == [int(n in line["labels"]) for n in names]
        assert [{**a, "score": a["score"] if a["score"] is None else round(a["score"], 6)} for a in row["aligned"]] == \
               [{**a, "score": a["score"] if a["score"] is None else round(a["score"], 6)} for a in line["aligned"]]
    assert any(r["start_utf16"] != r["start"] for r in rows) and any(len(r["aligned"][0]["sentence_ids"]) == 2
                                                                     for r in rows if r["aligned"])
    assert any(set(r["judged_by"]) - {a["annotator"] for a in r["annotations"]} for r in rows)  # no label applies


def _reverse_documents(project):
    with Store.open(project) as store, store.transaction():
        store.db.execute("UPDATE documents SET position = -position")


@pytest.mark.parametrize("moved", [False, True])
@pytest.mark.parametrize("include_boilerplate", [False, True])
def test_a_range_of_ids_and_a_list_of_documents_give_the_same_batch(rich, moved, include_boilerplate):
    """A batch whose documents hold exactly the sentence ids between two is read by that range;
    any other by its documents' ids: both ways give the same rows."""
    import pyarrow as pa

    from annotator.core.dataset.export_hf import schema

    if moved:
        _reverse_documents(rich)
    with Store.open(rich, readonly=True) as store:
        names = [label.name for label in store.scheme.labels()]
        documents = [d for d, _ in store.documents.in_order()]
        low, high = store.db.execute("SELECT min(id), max(id) FROM sentences").fetchone()
        builder, table_schema = hf_batches.BatchBuilder(store, include_boilerplate, "all"), schema(pa, names)
        by_range = builder.batch(documents, (low, high), pa, table_schema)
        by_list = builder.batch(documents, None, pa, table_schema)
        assert by_range.num_rows > 50 and by_range.equals(by_list)
        assert by_range.column(by_range.schema.get_field_index("sentence_id")).to_pylist() == [
            s.id for d in documents for s in store.documents.sentences(d) if include_boilerplate or not s.boilerplate]


def test_annotation_times_of_several_lengths_keep_their_order(rich, tmp_path):
    """Times written by another tool (not all of one length) are ordered as SQLite orders them."""
    import pyarrow.parquet as pq

    with Store.open(rich) as store, store.transaction():
        ids = [row[0] for row in store.db.execute("SELECT id FROM annotations ORDER BY id").fetchall()]
        store.db.execute("UPDATE annotations SET created_at = '2026-01-01 10:00' WHERE id IN (?, ?)", ids[1::5][:2])
        store.db.execute("UPDATE annotations SET created_at = '2025' WHERE id = ?", [ids[-1]])
    export(rich, "jsonl", tmp_path / "out.jsonl")
    export(rich, "hf", tmp_path / "hf")
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = pq.read_table(tmp_path / "hf/data/train-00000-of-00001.parquet").to_pylist()
    assert [r["annotations"] for r in rows] == [line["annotations"] for line in lines]
    assert any(a["at"] == "2025" for r in rows for a in r["annotations"])


@pytest.mark.parametrize("batch_rows", [hf_batches.BATCH_ROWS, 7])
def test_a_number_that_is_no_number_is_refused_in_one_line(rich, tmp_path, monkeypatch, batch_rows):
    """Found while building the first batch (on the building thread), with later batches still
    being read (7 rows a batch): the one-line error, and nothing is left."""
    from annotator.errors import AnnotatorError

    monkeypatch.setattr(hf_batches, "BATCH_ROWS", batch_rows)
    with Store.open(rich) as store, store.transaction():
        store.db.execute("UPDATE sentences SET start = 'twelve' WHERE id = (SELECT min(id) FROM sentences)")
    with pytest.raises(AnnotatorError, match="no whole number"):
        export(rich, "hf", tmp_path / "hf")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".hf", "hf"))]
