"""CSV and JSONL exports: fields, labels, alignment, formula injection, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from annotator.core.dataset import export as export_module
from annotator.core.dataset.export import export
from annotator.core.store import Store
from annotator.core.dataset.export_rows import CSV_FIELDS, PROVENANCE_FIELDS, jsonl_chunks, table_rows
from annotator.errors import AnnotatorError

JSONL_FIELDS = ["group", "doc_id", "doc_title", "source", "lang", "sentence_id", "index", "text", "boilerplate",
                "doc_sha256", "start", "end", "alignment_confirmed",
                "labels", "annotations", "aligned", "rejected", "judged_by", "judgement_notes", "gold",
                "relations", "spans", "answers", "discussion", "source_id", "meta", "start_utf16", "end_utf16"]


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_has_every_field_and_skips_boilerplate(demo_project, tmp_path):
    out = tmp_path / "out.jsonl"
    count = export(demo_project, "jsonl", out)
    rows = _jsonl(out)
    assert count == len(rows)
    assert all(list(row) == JSONL_FIELDS for row in rows)
    assert not any(row["boilerplate"] for row in rows)
    assert all(row["labels"] == [] and row["annotations"] == [] and row["aligned"] == [] and row["judged_by"] == []
               for row in rows)
    with Store.open(demo_project, readonly=True) as store:
        content = sum(s.sentences for s in store.stats.document_summaries())
        everything = content + sum(s.boilerplate for s in store.stats.document_summaries())
    assert count == content
    assert export(demo_project, "jsonl", out, include_boilerplate=True) == everything
    assert any(row["boilerplate"] for row in _jsonl(out))
    texts = {row["text"] for row in _jsonl(out)}
    assert "Για να μη ξεχνιόμαστε πριν διαβάσετε το άρθρο" in texts and "Aller à…" in texts


def test_jsonl_labels_annotations_and_aligned(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        german, english = store.documents.sentences(1), store.documents.sentences(2)
        store.annotations.set(german[4].id, "attribution", "bob", note="Sputnik")
        store.annotations.set(german[4].id, "claim", "ann")
        store.annotations.set(german[4].id, "claim", "bob")
        store.links.add([german[4].id], [english[3].id, english[4].id], score=0.75)
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    rows = {row["sentence_id"]: row for row in _jsonl(out)}
    row = rows[german[4].id]
    assert row["labels"] == ["claim", "attribution"]  # scheme order, each once
    assert sorted((a["annotator"], a["label"], a["note"]) for a in row["annotations"]) == [
        ("ann", "claim", None), ("bob", "attribution", "Sputnik"), ("bob", "claim", None)]
    assert all(a["at"].endswith("Z") for a in row["annotations"])
    assert row["aligned"] == [{"doc_id": 2, "lang": "en", "sentence_ids": [english[3].id, english[4].id],
                               "text": f"{english[3].text} {english[4].text}", "score": 0.75, "origin": "machine"}]
    back = rows[english[4].id]["aligned"]
    assert back == [{"doc_id": 1, "lang": "de", "sentence_ids": [german[4].id], "text": german[4].text,
                     "score": 0.75, "origin": "machine"}]


def test_csv_columns_labels_and_utf8(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        first = store.documents.sentences(1)[0]
        store.annotations.set(first.id, "claim", "ann")
        store.annotations.set(first.id, "correction", "bob")
    out = tmp_path / "out.csv"
    export(demo_project, "csv", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == ["group", "doc_id", "doc_title", "source", "lang", "sentence_id", "index", "text",
                             "boilerplate", "alignment_confirmed", "claim", "attribution", "correction", "labels",
                             "judged_by", "source_id", "meta", "start", "end", "start_utf16", "end_utf16"]
    row = next(r for r in rows if int(r["sentence_id"]) == first.id)
    assert (row["claim"], row["attribution"], row["correction"], row["labels"]) == ("1", "0", "1", "claim|correction")
    assert row["judged_by"] == "ann|bob"
    assert row["text"] == "Al-Bukamals ” Schmutziges Geheimnis”"
    assert any("Για να μη" in r["text"] for r in csv.DictReader(io.StringIO(
        export_csv_text(demo_project, tmp_path, include_boilerplate=True))))


def export_csv_text(project, tmp_path, **options):
    out = tmp_path / "tmp.csv"
    export(project, "csv", out, **options)
    with open(out, encoding="utf-8", newline="") as handle:  # keep a CR inside a cell as it is
        return handle.read()


def test_formula_injection_is_neutralised_unless_raw(tmp_path):
    source = tmp_path / "=cmd.txt"
    source.write_text("=HYPERLINK(\"http://evil.example\",\"click\") is what the page said.\n\n"
                      "- a dash item that is a long enough sentence.\n\n@someone replied to the ministry.\n\n"
                      "+33 was the number they dialled.",
                      encoding="utf-8")
    from annotator.core.session.importing import import_files

    project = tmp_path / "p.sqlite"
    import_files(project, [source], group="+group")
    with Store.open(project) as store:
        store.annotations.set(1, "claim", "ann")
        store.db.execute("UPDATE labels SET name = '=evil' WHERE name = 'claim'")  # a label named like a formula
    safe = list(csv.DictReader(io.StringIO(export_csv_text(project, tmp_path))))
    assert [r["text"][:2] for r in safe] == ["'=", "'-", "'@", "'+"]
    # the title is the text's first sentence (a plain-text file names none): guarded too
    assert {r["doc_title"][:12] for r in safe} == {"'=HYPERLINK("} and {r["group"] for r in safe} == {"'+group"}
    assert safe[0]["labels"] == "'=evil" and safe[0]["'=evil"] == "1" and safe[1]["'=evil"] == "0"
    raw = list(csv.DictReader(io.StringIO(export_csv_text(project, tmp_path, raw=True))))
    assert [r["text"][:1] for r in raw] == ["=", "-", "@", "+"]


def test_label_named_like_a_column_gets_a_prefix():
    assert export_module.csv_header(["claim", "text", "judged_by"])[-5 - len(PROVENANCE_FIELDS):-len(PROVENANCE_FIELDS)] == [
        "claim", "label:text", "label:judged_by", "labels", "judged_by"]


def test_failed_export_leaves_the_old_file_and_no_temp_files(demo_project, tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n", encoding="utf-8")

    def broken(store, *args, **kwargs):
        yield b'{"a": 1}\n'
        raise OSError("disk full")

    monkeypatch.setattr(export_module, "jsonl_chunks", broken)
    with pytest.raises(AnnotatorError, match="cannot be written: disk full"):
        export(demo_project, "jsonl", out)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [name for name in os.listdir(tmp_path) if name.endswith(".part")] == []


def test_export_is_a_stream_of_one_chunk_per_document(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        chunks = jsonl_chunks(store)
        first = next(chunks).decode("utf-8").splitlines()
        assert [json.loads(line)["index"] for line in first][:3] == [0, 1, 2]
        assert {json.loads(line)["doc_id"] for line in first} == {1}
        chunks.close()


def test_export_sees_one_snapshot_while_a_writer_commits(demo_project):
    with Store.open(demo_project, readonly=True) as reader, Store.open(demo_project) as writer:
        chunks = jsonl_chunks(reader)
        next(chunks)  # document 1 read; the snapshot is fixed now
        last = writer.documents.sentences(4)[-1]
        writer.annotations.set(last.id, "claim", "late")
        rest = b"".join(chunks).decode("utf-8").splitlines()
        assert all(json.loads(line)["labels"] == [] for line in rest)


def test_export_to_stdout(demo_project, capsys):
    count = export(demo_project, "jsonl", None)
    assert len(capsys.readouterr().out.splitlines()) == count


def _split_project(tmp_path, seeds):
    """Six stories (groups) of two documents each, some labeled."""
    from annotator.core.session.importing import import_files

    project = tmp_path / "split.sqlite"
    for k in range(6):
        files = []
        for name in ("001", "002"):
            path = tmp_path / f"story{k}-{name}.txt"
            path.write_text(f"Story {k}.\n\n" + seeds[name].read_text(encoding="utf-8"), encoding="utf-8")
            files.append(path)
        import_files(project, files, group=f"story {k}")
    with Store.open(project) as store:
        for document in store.stats.document_summaries():
            sentences = [s.id for s in store.documents.sentences(document.id) if not s.boilerplate]
            store.annotations.add_many([(i, "claim", "ann", None) for i in sentences[: 2 + document.id % 5]])
    return project


def test_split_keeps_groups_together_and_is_deterministic(tmp_path, seeds):
    project = _split_project(tmp_path, seeds)
    out = tmp_path / "data.jsonl"
    total = export(project, "jsonl", out, split="4/1/1", seed=3)
    parts = {name: _jsonl(tmp_path / f"data.{name}.jsonl") for name in ("train", "dev", "test")}
    assert sum(len(rows) for rows in parts.values()) == total
    groups = {name: {r["group"] for r in rows} for name, rows in parts.items()}
    assert groups["train"] and groups["dev"] and groups["test"]
    assert not (groups["train"] & groups["dev"] or groups["train"] & groups["test"] or groups["dev"] & groups["test"])
    assert all(r["split"] == name for name, rows in parts.items() for r in rows)
    assert len(groups["train"]) == 4  # 4/1/1 of six equal stories
    first = {name: (tmp_path / f"data.{name}.jsonl").read_bytes() for name in parts}
    export(project, "jsonl", out, split="4/1/1", seed=3)
    assert {name: (tmp_path / f"data.{name}.jsonl").read_bytes() for name in parts} == first
    export(project, "csv", tmp_path / "data.csv", split="4/1/1", seed=3)
    rows = list(csv.DictReader((tmp_path / "data.test.csv").open(encoding="utf-8")))
    assert rows and {r["split"] for r in rows} == {"test"} and {r["group"] for r in rows} == groups["test"]


def test_split_needs_a_file_and_three_shares(demo_project):
    from annotator.errors import AnnotatorError

    with pytest.raises(AnnotatorError, match="give -o"):
        export(demo_project, "jsonl", None, split="80/10/10")
    with pytest.raises(AnnotatorError, match="three shares"):
        export(demo_project, "jsonl", "x.jsonl", split="80/20")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])  # OWASP's list, written out
def test_every_text_cell_is_guarded_against_every_formula_start(demo_project, tmp_path, start):
    """Each character a spreadsheet reads as a formula start, in each text cell: sentence text,
    document title, group, source, label names (columns and the joined labels)."""
    with Store.open(demo_project) as store:
        store.annotations.set(1, "claim", "ann")
        db = store.db
        with store.transaction():
            db.execute("UPDATE sentences SET text = ? || text WHERE id = 1", [start])
            db.execute("UPDATE documents SET title = ? || 'title', source_path = ? || 'source' WHERE id = 1",
                       [start, start])
            db.execute("UPDATE groups SET name = ? || 'group'", [start])
            db.execute("UPDATE labels SET name = ? || 'claim' WHERE name = 'claim'", [start])
    rows = list(csv.reader(io.StringIO(export_csv_text(demo_project, tmp_path))))
    header, first = rows[0], rows[1]
    label = start + "claim"
    assert "'" + label in header  # the column named after the label
    cells = dict(zip(header, first))
    for field in ("text", "doc_title", "source", "group", "labels"):
        assert cells[field].startswith("'" + start), (field, cells[field])
    raw = list(csv.reader(io.StringIO(export_csv_text(demo_project, tmp_path, raw=True))))
    assert label in raw[0] and dict(zip(raw[0], raw[1]))["text"].startswith(start)


@pytest.mark.parametrize("text", ["\uff1dcmd", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "\ufe66cmd", "\u200b=cmd",
                                  "\ufeff=cmd", "  =cmd", "\xa0=cmd", "\n=cmd", "\u2212" + "1+2"])
def test_look_alike_formula_starts_are_guarded_too(demo_project, tmp_path, text):
    """Full-width and small forms of = + - @, and any sign behind blanks or invisible
    characters, are read as formulas by spreadsheets: guarded in every text cell, the group
    included, and in the header (a label's name)."""
    with Store.open(demo_project) as store:
        with store.transaction():
            store.db.execute("UPDATE sentences SET text = ? WHERE id = 1", [text])
            store.db.execute("UPDATE groups SET name = ?", [text + " group"])
            store.db.execute("UPDATE labels SET name = ? WHERE name = 'claim'", [text + " label"])
    rows = list(csv.reader(io.StringIO(export_csv_text(demo_project, tmp_path))))
    cells = dict(zip(rows[0], rows[1]))
    assert cells["text"] == "'" + text and cells["group"] == "'" + text + " group"
    assert "'" + text + " label" in rows[0]
    assert export_module.needs_guard(text) and not export_module.needs_guard("a normal = sentence")


# Characters that show nothing, each put before "=" (review of 2026-12-06): direction marks and
# isolates, the soft hyphen, the Hangul fillers, the combining grapheme joiner, an invisible
# operator, a variation selector, the Braille blank.
HIDDEN = ["\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u00ad", "\u3164", "\u034f", "\u2061",
          "\u2064", "\ufe0f", "\U000e0100", "\u115f", "\u2800", "\uffa0"]


def test_formula_signs_behind_any_number_of_blanks_or_hidden_characters_are_guarded(demo_project, tmp_path):
    """The rule is "the first character after blanks": 70 spaces before "=" (more than the old
    64 looked through) and each invisible character count as blanks, in CSV and TSV cells."""
    texts = [" " * 70 + "=1+1", "\u200b" * 100 + "=1+1", *(ch + "=1+1" for ch in HIDDEN), "\u200e\u2066 \u00ad+1"]
    with Store.open(demo_project) as store:
        ids = [s.id for s in store.documents.sentences(1) if not s.boilerplate][:len(texts)]
        with store.transaction():
            store.db.conn.executemany("UPDATE sentences SET text = ? WHERE id = ?", zip(texts, ids))
            store.db.execute("UPDATE groups SET name = ?", [" " * 70 + "=1+1 group"])
            store.db.execute("UPDATE documents SET title = ?", ["\u3164=HYPERLINK(1)"])
        store.links.add([ids[0]], [next(s.id for s in store.documents.sentences(2) if not s.boilerplate)], score=0.9)
    rows = list(csv.DictReader(io.StringIO(export_csv_text(demo_project, tmp_path))))
    cells = {int(row["sentence_id"]): row for row in rows}
    for text, sentence_id in zip(texts, ids):
        assert cells[sentence_id]["text"] == "'" + text
        assert export_module.needs_guard(text)
    assert all(row["group"] == "'" + " " * 70 + "=1+1 group" for row in rows)
    assert all(row["doc_title"] == "'\u3164=HYPERLINK(1)" for row in rows)
    out = tmp_path / "pairs.tsv"
    assert export(demo_project, "pairs", out) > 0
    lines = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert all(cells[0] == "'" + " " * 70 + "=1+1 group" and cells[2] == "'\u3164=HYPERLINK(1)" for cells in lines)
    assert not export_module.needs_guard("\u200e a normal = sentence") and not export_module.needs_guard("\u3164")


def test_every_format_character_counts_as_a_blank():
    """The invisible set is written out (SQL needs it as a string): none of Unicode's format
    characters (category Cf) is missing from it."""
    import sys
    import unicodedata

    from annotator.core.dataset.export_rows import BLANKS

    missing = [hex(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"
               and chr(code) not in BLANKS]
    assert missing == []


def test_parts_left_by_a_killed_export_are_removed_by_the_next(demo_project, tmp_path):
    import signal
    import subprocess
    import sys

    out = tmp_path / "out.jsonl"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.jsonl.{dead.pid}.abc123.part"  # what a SIGKILLed export leaves
    stale.write_bytes(b"half an export")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = tmp_path / f".out.jsonl.{sleeper.pid}.def456.part"  # another export still writing
        running.write_bytes(b"in progress")
        other = tmp_path / f".other.jsonl.{dead.pid}.x.part"  # another target's: not ours to touch
        other.write_bytes(b"x")
        export(demo_project, "jsonl", out)
        assert not stale.exists() and running.exists() and other.exists()
        with Store.open(demo_project) as store:  # one line per content sentence
            content = sum(len(store.documents.sentence_ids(d, include_boilerplate=False)) for d in (1, 2, 3, 4))
        assert out.read_bytes().count(b"\n") == content
    finally:
        sleeper.send_signal(signal.SIGKILL)
        sleeper.wait()


def test_a_full_disk_while_exporting_is_one_line_and_keeps_the_old_file(demo_project, tmp_path, monkeypatch):
    import errno

    from click.testing import CliRunner

    from annotator.cli import main

    out = tmp_path / "out.csv"
    out.write_text("previous export\n", encoding="utf-8")

    def full(store, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
        yield

    monkeypatch.setattr(export_module, "table_rows", full)
    result = CliRunner().invoke(main, ["export", str(demo_project), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "disk full" in result.output and str(out) in result.output and "Errno" not in result.output
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_no_label_applies_is_exported_apart_from_never_looked_at(demo_project, tmp_path):
    """Key 0 ("no label applies") and a sentence nobody looked at differ downstream: judged_by."""
    with Store.open(demo_project) as store:
        judged, untouched = [s.id for s in store.documents.sentences(1) if not s.boilerplate][:2]
        store.annotations.clear(judged, "ann")
        store.annotations.clear(judged, "bob")
        store.annotations.set_judgement_note(judged, "bob", "a date line, \"not\" a claim")
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    rows = {row["sentence_id"]: row for row in _jsonl(out)}
    assert rows[judged]["labels"] == [] and rows[judged]["judged_by"] == ["ann", "bob"]
    assert rows[judged]["judgement_notes"] == [{"annotator": "bob", "note": 'a date line, "not" a claim'}]
    assert rows[untouched]["judged_by"] == [] and rows[untouched]["judgement_notes"] == []
    table = {int(r["sentence_id"]): r for r in csv.DictReader(io.StringIO(export_csv_text(demo_project, tmp_path)))}
    assert table[judged]["judged_by"] == "ann|bob" and table[untouched]["judged_by"] == ""


def _layered_project(store):
    """Sentences 1-3 of document 1: ann and bob disagree on 1, only bob labeled 2, gold has
    decided 1 and 3 (3 was never labeled, and gets two labels)."""
    store.annotations.set(1, "claim", "ann")
    store.annotations.set(1, "correction", "bob")
    store.annotations.set(1, "attribution", "bob")
    store.annotations.set(2, "claim", "bob")
    store.gold.set([(1, ["correction"]), (3, ["correction", "claim"])])


def _first_document(store, **options) -> dict[int, dict]:
    chunk = next(jsonl_chunks(store, **options))
    return {row["sentence_id"]: row for row in map(json.loads, chunk.decode("utf-8").splitlines())}


def test_jsonl_layers_choose_the_labels_and_keep_every_annotation(demo_project):
    with Store.open(demo_project) as store:
        _layered_project(store)
        layers = {layer: _first_document(store, layer=layer) for layer in ("ann", "bob", "gold")}
        layers["default"] = _first_document(store)
    assert {s: layers["default"][s]["labels"] for s in (1, 2, 3)} == {
        1: ["claim", "attribution", "correction"], 2: ["claim"], 3: []}
    assert {s: layers["ann"][s]["labels"] for s in (1, 2, 3)} == {1: ["claim"], 2: [], 3: []}
    assert {s: layers["bob"][s]["labels"] for s in (1, 2, 3)} == {1: ["attribution", "correction"], 2: ["claim"], 3: []}
    assert {s: layers["gold"][s]["labels"] for s in (1, 2, 3)} == {1: ["correction"], 2: [], 3: ["claim", "correction"]}
    for rows in layers.values():  # who said what is the same in every layer
        assert sorted((a["annotator"], a["label"]) for a in rows[1]["annotations"]) == [
            ("ann", "claim"), ("bob", "attribution"), ("bob", "correction")]
        assert [(a["annotator"], a["label"]) for a in rows[2]["annotations"]] == [("bob", "claim")]
        assert rows[3]["annotations"] == [] and rows[3]["judged_by"] == []
        assert rows[1]["judged_by"] == ["ann", "bob"] and rows[2]["judged_by"] == ["bob"]


def test_jsonl_extra_fields_and_label_names_stay_unescaped_utf8(demo_project):
    with Store.open(demo_project) as store:
        store.scheme.add("Behauptung\u00e4", None, "#000000")
        store.annotations.set(1, "Behauptung\u00e4", "ann")
        chunk = next(jsonl_chunks(store, extra={"split": "t\u00e9st", "n": 2}))
    first = chunk.split(b"\n")[0]
    assert first.endswith(b',"split":"t\xc3\xa9st","n":2}')
    assert b'"labels":["Behauptung\xc3\xa4"]' in first
    assert json.loads(first)["labels"] == ["Behauptung\u00e4"]


def _table(store, **options) -> dict[int, tuple]:
    """Sentence id -> (claim, attribution, correction flags, labels, judged_by) of document 1."""
    rows = next(table_rows(store, **options))
    return {row[5]: tuple(row[len(CSV_FIELDS):-len(PROVENANCE_FIELDS)]) for row in rows}


@pytest.mark.parametrize("guard", [True, False])
def test_csv_layers_choose_the_labels(demo_project, guard):
    with Store.open(demo_project) as store:
        _layered_project(store)
        default = _table(store, guard=guard)
        ann, bob, gold = (_table(store, guard=guard, layer=layer) for layer in ("ann", "bob", "gold"))
    assert {s: default[s] for s in (1, 2, 3)} == {1: (1, 1, 1, "claim|attribution|correction", "ann|bob"),
                                                  2: (1, 0, 0, "claim", "bob"), 3: (0, 0, 0, "", "")}
    assert {s: ann[s] for s in (1, 2, 3)} == {1: (1, 0, 0, "claim", "ann|bob"), 2: (0, 0, 0, "", "bob"),
                                              3: (0, 0, 0, "", "")}
    assert {s: bob[s] for s in (1, 2, 3)} == {1: (0, 1, 1, "attribution|correction", "ann|bob"),
                                              2: (1, 0, 0, "claim", "bob"), 3: (0, 0, 0, "", "")}
    assert {s: gold[s] for s in (1, 2, 3)} == {1: (0, 0, 1, "correction", "ann|bob"), 2: (0, 0, 0, "", "bob"),
                                               3: (1, 0, 1, "claim|correction", "")}


def test_row_functions_by_default_skip_boilerplate_and_guard_formulas(demo_project):
    with Store.open(demo_project) as store:
        store.db.execute("UPDATE sentences SET text = '=1+1' WHERE id = 1")
        boilerplate = {s.id for d in (1, 2, 3, 4) for s in store.documents.sentences(d) if s.boilerplate}
        assert boilerplate  # the seeds have some
        exported = {json.loads(line)["sentence_id"] for chunk in jsonl_chunks(store)
                    for line in chunk.decode("utf-8").splitlines()}
        rows = [row for document in table_rows(store) for row in document]
    assert exported and not exported & boilerplate
    assert rows and not {row[5] for row in rows} & boilerplate
    assert next(row[7] for row in rows if row[5] == 1) == "'=1+1"
