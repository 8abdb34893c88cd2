"""The JSONL export loads with pandas and Hugging Face datasets without any cleaning (both are in
the `test` extra, so these run wherever the suite runs; tests/benchmarks/bench_dataset.py does the
same at scale)."""

from __future__ import annotations

import json

import pytest

from annotator.core.dataset.export import export
from annotator.core.store import Store


@pytest.fixture
def exported(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "claim", "ann", note="a note")
        store.annotations.set(1, "attribution", "bob")
        store.links.add([store.documents.sentences(2)[3].id], [1], score=0.7)
    out = tmp_path / "data.jsonl"
    export(demo_project, "jsonl", out, include_boilerplate=True)
    return out


def test_pandas_reads_it(exported):
    import pandas

    frame = pandas.read_json(exported, lines=True)
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert len(frame) == len(rows)
    assert list(frame.columns) == list(rows[0])
    assert frame.loc[frame.sentence_id == 1, "labels"].iloc[0] == ["claim", "attribution"]


def test_hugging_face_datasets_reads_it(exported, tmp_path, monkeypatch):
    import datasets

    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    data = datasets.load_dataset("json", data_files=str(exported), split="train", cache_dir=str(tmp_path / "hf"))
    first = next(row for row in data if row["sentence_id"] == 1)
    assert first["labels"] == ["claim", "attribution"]
    assert first["aligned"][0]["score"] == pytest.approx(0.7)
    assert {a["annotator"] for a in first["annotations"]} == {"ann", "bob"}
