"""Every export carries where a document came from: `source_id` (the imported JSONL `id`, else
the file name) and `meta` (every other imported key), and sentence offsets in UTF-16 as well as
in code points."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest

from annotator.core.dataset.export import export
from annotator.core.session.importing import import_files
from annotator.core.store import Store

TEXT_EN = "The minister 😀 said the plan was final. Critics disagreed strongly with him today."
TEXT_DE = "Der Minister sagte, der Plan sei endgültig. Kritiker widersprachen ihm heute entschieden."


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "news.jsonl"
    records = [
        {"id": "tw-123", "text": TEXT_EN, "lang": "en", "group": "g", "url": "https://example.org/a",
         "outlet": "Example", "tags": ["x", 1]},
        {"text": TEXT_DE, "lang": "de", "group": "g", "Sentence_id": 77},
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    path = tmp_path / "p.sqlite"
    import_files(path, [source])
    with Store.open(path) as store:
        english, german = (store.documents.sentences(d) for d in (1, 2))
        store.links.add([english[0].id], [german[0].id], score=None, origin="manual")
    return path


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_carries_source_id_meta_and_utf16_offsets(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project, "jsonl", out)
    rows = _jsonl(out)
    english = [r for r in rows if r["doc_id"] == 1]
    german = [r for r in rows if r["doc_id"] == 2]
    assert {r["source_id"] for r in english} == {"tw-123"}
    assert english[0]["meta"] == {"url": "https://example.org/a", "outlet": "Example", "tags": ["x", 1]}
    assert {r["source_id"] for r in german} == {"news.jsonl:2"}  # no id: the file name (and line)
    assert german[0]["meta"] == {"Sentence_id": 77}
    first, second = english
    # the emoji is one code point and two UTF-16 units: the second sentence's offsets differ by one
    assert (first["start_utf16"], first["end_utf16"]) == (0, first["end"] + 1)
    assert (second["start_utf16"], second["end_utf16"]) == (second["start"] + 1, second["end"] + 1)
    assert TEXT_EN.encode("utf-16-le")[2 * second["start_utf16"]:2 * second["end_utf16"]].decode("utf-16-le") \
        == second["text"]
    assert all((r["start_utf16"], r["end_utf16"]) == (r["start"], r["end"]) for r in german)


@pytest.mark.parametrize("raw", [False, True])
def test_csv_carries_source_id_meta_and_both_offsets(project, tmp_path, raw):
    out = tmp_path / "out.csv"
    export(project, "csv", out, raw=raw)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    english = [r for r in rows if r["doc_id"] == "1"]
    assert english[0]["source_id"] == "tw-123" and json.loads(english[0]["meta"])["outlet"] == "Example"
    assert [(r["start"], r["end"], r["start_utf16"], r["end_utf16"]) for r in english][1] == (
        english[1]["start"], english[1]["end"], str(int(english[1]["start"]) + 1), str(int(english[1]["end"]) + 1))
    german = [r for r in rows if r["doc_id"] == "2"]
    assert german[0]["source_id"] == "news.jsonl:2" and json.loads(german[0]["meta"]) == {"Sentence_id": 77}


def test_csv_guards_a_source_id_like_a_formula(tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "=cmd()", "text": "A sentence long enough to keep here."}) + "\n",
                      encoding="utf-8")
    path = tmp_path / "p.sqlite"
    import_files(path, [source])
    out = tmp_path / "out.csv"
    export(path, "csv", out)
    assert next(csv.DictReader(out.open(encoding="utf-8", newline="")))["source_id"] == "'=cmd()"
    export(path, "csv", out, raw=True)
    assert next(csv.DictReader(out.open(encoding="utf-8", newline="")))["source_id"] == "=cmd()"


def test_a_text_file_is_its_own_source_id(demo_project, tmp_path, seeds):
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    assert {r["source_id"] for r in _jsonl(out)} == {path.name for path in seeds.values()}


def test_with_suggestions_keeps_provenance_last(project, tmp_path):
    out = tmp_path / "out.csv"
    export(project, "csv", out, with_suggestions=True)
    header = next(csv.reader(out.open(encoding="utf-8", newline="")))
    assert header[-7:] == ["suggested:correction", "source_id", "meta", "start", "end", "start_utf16", "end_utf16"]


def test_pairs_and_tmx_carry_both_sides_provenance(project, tmp_path):
    out = tmp_path / "out.tsv"
    export(project, "pairs", out)
    (row,) = list(csv.DictReader(out.open(encoding="utf-8", newline=""), delimiter="\t"))
    assert (row["source_id1"], row["source_id2"]) == ("tw-123", "news.jsonl:2")
    assert json.loads(row["meta1"])["url"] == "https://example.org/a" and json.loads(row["meta2"]) == {
        "Sentence_id": 77}
    tmx = tmp_path / "out.tmx"
    export(project, "tmx", tmx)
    variants = ET.parse(tmx).getroot().findall("body/tu/tuv")
    props = [{p.get("type"): p.text for p in tuv.findall("prop")} for tuv in variants]
    assert [p["x-source-id"] for p in props] == ["tw-123", "news.jsonl:2"]
    assert json.loads(props[0]["x-meta"])["outlet"] == "Example"
