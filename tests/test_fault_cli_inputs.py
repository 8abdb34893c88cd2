"""Error paths of the commands other than `import` that read a user's file, and of the command
line's numbers and text: each gives one line naming the file (and line) or the option, exit
code 2, and changes nothing; hangs and memory grabs are checked in a child process with a
time and memory limit, so that a regression fails instead of hanging the run."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.roundtrip import import_labels
from annotator.core.store import Store
from annotator.errors import InputError
from tests.test_fault_inputs import _in_child

ROOT = Path(__file__).resolve().parent.parent
NOT_REGULAR = "is not a regular file (a device, FIFO or socket)"
HUGE = str(10**23)
SQLITE_MAX = 2**63 - 1


def _cli(*args, env=None):
    return CliRunner().invoke(main, [a if isinstance(a, (str, bytes)) else str(a) for a in args], env=env)


def _one_line_error(result, *words) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    for word in words:
        assert word in result.output, result.output
    return result.output


def _annotations(project) -> list:
    with sqlite3.connect(project) as db:
        return db.execute("SELECT * FROM annotations ORDER BY 1").fetchall()


# --------------------------------------------------------------------------- special files

def test_import_labels_and_align_files_refuse_devices_and_fifos_without_reading_them(tmp_path, demo_project):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.jsonl")
    good = tmp_path / "good.txt"
    good.write_text("The convoy left.\nIt was dawn.\n", encoding="utf-8")
    runs = [["import-labels", str(demo_project), str(tmp_path / "zero.jsonl")],
            ["import-labels", str(demo_project), str(tmp_path / "fifo.jsonl")],
            ["align-files", "--sentences-per-line", "--method", "length", str(tmp_path / "zero.jsonl"), str(good)],
            ["align-files", "--sentences-per-line", "--method", "length", str(good), str(tmp_path / "fifo.jsonl")]]
    done = _in_child(f"""
        import json
        from click.testing import CliRunner
        from annotator.cli import main
        for args in {runs!r}:
            result = CliRunner().invoke(main, args)
            print(json.dumps([result.exit_code, result.output]))
    """, timeout=40)
    assert done.returncode == 0, done.stderr[-2000:]
    outcomes = [json.loads(line) for line in done.stdout.splitlines()]
    assert outcomes == [[2, f"error: {tmp_path / name}: {NOT_REGULAR}\n"]
                        for name in ("zero.jsonl", "fifo.jsonl", "zero.jsonl", "fifo.jsonl")]
    assert _annotations(demo_project) == []


def test_import_labels_size_limit_and_other_files(tmp_path, demo_project):
    big = tmp_path / "big.jsonl"
    big.write_text('{"doc_sha256": "00", "start": 0, "end": 1}\n' * 5000, encoding="utf-8")  # 220 KB
    _one_line_error(_cli("import-labels", demo_project, big, "--max-size-mb", "0.1"),
                    f"{big}: is 0.2 MB, over the 0.1 MB limit")
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    _one_line_error(_cli("import-labels", demo_project, folder), f"{folder}: is a directory")
    _one_line_error(_cli("import-labels", demo_project, tmp_path / "missing.jsonl"), "missing.jsonl: no such file")
    binary = tmp_path / "pic.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _one_line_error(_cli("import-labels", demo_project, binary), f"{binary}: is a PNG image, not text")
    assert _annotations(demo_project) == []


# --------------------------------------------------------------------------- import-labels lines

def _line(project, **fields) -> str:
    with Store.open(project, readonly=True) as store:
        sentence = store.documents.sentence(2)
        sha = store.db.execute("SELECT sha256 FROM documents WHERE id = ?", [sentence.document_id]).fetchone()[0]
    row = {"doc_sha256": sha, "start": sentence.start, "end": sentence.end, "labels": ["claim"]}
    text = json.dumps(row)[:-1]
    return text + "".join(f', "{key}": {value}' for key, value in fields.items()) + "}"


@pytest.mark.parametrize("fields, problem", [
    ({"labels": "5"}, '"labels" must be a list of label names, not 5'),
    ({"labels": "null"}, '"labels" must be a list of label names, not null'),
    ({"labels": '[["claim"]]'}, '"labels" must be a list of label names, not [["claim"]]'),
    ({"labels": '{"claim": 1}'}, '"labels" must be a list of label names, not {"claim": 1}'),
    ({"start": "1e300"}, '"start" must be a character offset (a whole number from 0), not 1e+300'),
    ({"start": "Infinity"}, '"start" must be a character offset (a whole number from 0), not Infinity'),
    ({"start": "NaN"}, '"start" must be a character offset (a whole number from 0), not NaN'),
    ({"end": "1" * 30}, '"end" must be a character offset (a whole number from 0), not a number too large'),
    ({"end": str(2**63)}, '"end" must be a character offset (a whole number from 0), not 9223372036854775808'),
    ({"start": "-1"}, '"start" must be a character offset (a whole number from 0), not -1'),
    ({"start": "true"}, '"start" must be a character offset (a whole number from 0), not true'),
    ({"start": "2.5"}, '"start" must be a character offset (a whole number from 0), not 2.5'),
    ({"doc_sha256": "[1]"}, '"doc_sha256" must be a string, not a list'),
    ({"labels": '["cl\\ud800aim"]'}, "contains invalid Unicode (unpaired surrogates)"),
    ({"doc_sha256": '"\\udfff"'}, "contains invalid Unicode (unpaired surrogates)"),
])
def test_import_labels_refuses_a_bad_line_in_one_line_naming_it(demo_project, tmp_path, fields, problem):
    path = tmp_path / "labels.jsonl"
    path.write_text(_line(demo_project) + "\n\n" + _line(demo_project, **fields) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_labels(demo_project, path, "pre")
    assert str(caught.value) == f"{path}:3: {problem}"
    assert _one_line_error(_cli("import-labels", demo_project, path)) == f"error: {path}:3: {problem}\n"
    assert _annotations(demo_project) == []  # the good first line is not kept either


def test_import_labels_refuses_a_start_after_the_end(demo_project, tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_text(_line(demo_project, start=9, end=3) + "\n", encoding="utf-8")
    _one_line_error(_cli("import-labels", demo_project, path), f'{path}:1: "start" (9) is after "end" (3)')


@pytest.mark.parametrize("content, problem", [
    ("[" * 100_000, "invalid JSON (nested too deeply)"),
    ('{"doc_sha256": "ab", "start": ' + "9" * 5000 + ', "end": 1}', "invalid JSON (a number with more than 4300 digits)"),
    ('{"doc_sha256": "ab", "start": 1', "invalid JSON (Expecting ',' delimiter at column 32)"),
    ("[1, 2]", "not a sentence line of an annotator JSONL export (needs doc_sha256 or source_id with start and"
               " end, or text; and labels)"),
], ids=["deep", "digits", "truncated", "list"])
def test_import_labels_refuses_json_python_cannot_take(demo_project, tmp_path, content, problem):
    path = tmp_path / "labels.jsonl"
    path.write_text(content + "\n", encoding="utf-8")
    assert _one_line_error(_cli("import-labels", demo_project, path)) == f"error: {path}:1: {problem}\n"


def test_import_labels_names_the_line_of_a_byte_that_is_not_utf8(demo_project, tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_bytes(_line(demo_project).encode() + b"\n" + _line(demo_project).encode()[:-3] + b"\xff\"]}\n")
    output = _one_line_error(_cli("import-labels", demo_project, path))
    assert output == f"error: {path}:2: is not UTF-8 (byte 0xff at column {len(_line(demo_project)) - 2})\n"
    assert _annotations(demo_project) == []


def test_import_labels_still_reads_an_empty_file_and_a_bom(demo_project, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert _cli("import-labels", demo_project, empty).exit_code == 0
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + _line(demo_project).encode() + b"\r\n")
    result = _cli("import-labels", demo_project, bom, "--annotator", "pre")
    assert result.exit_code == 0 and "1 label added for pre" in result.output, result.output


# --------------------------------------------------------------------------- align-files output

def test_align_files_output_errors_are_one_line(tmp_path):
    source, target = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text("The convoy left.\nIt was dawn.\n", encoding="utf-8")
    target.write_text("Der Konvoi fuhr ab.\nEs war Morgen.\n", encoding="utf-8")
    args = ["align-files", "--sentences-per-line", "--method", "length", source, target]
    missing = tmp_path / "no" / "such" / "out.txt"
    _one_line_error(_cli(*args, "-o", missing), f"{missing}: folder {missing.parent} does not exist")
    _one_line_error(_cli(*args, "-o", tmp_path), f"{tmp_path}: is a directory; give a file name")
    if os.path.exists("/dev/full"):
        _one_line_error(_cli(*args, "-o", "/dev/full"), "/dev/full: cannot be written: No space left on device")
    result = _cli(*args, "-o", tmp_path / "out.txt")
    assert result.exit_code == 0 and (tmp_path / "out.txt").read_text() == "[0]:[0]\n[1]:[1]\n"


# --------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("args, option", [
    (["label", "{p}", "99999999999999999999999", "claim"], "SENTENCE_ID"),
    (["label", "{p}", str(2**63), "claim"], "SENTENCE_ID"),
    (["label", "{p}", "0", "claim"], "SENTENCE_ID"),
    (["done", "{p}", HUGE], "DOCUMENT_ID"),
    (["split", "{p}", HUGE, "3"], "SENTENCE_ID"),
    (["split", "{p}", "2", HUGE], "OFFSET"),
    (["merge-sentences", "{p}", HUGE], "SENTENCE_ID"),
    (["set-lang", "{p}", HUGE, "de"], "SENTENCE_ID"),
    (["boilerplate", "{p}", "2", HUGE], "SENTENCE_IDS"),
    (["align", "{p}", "--group", "seeds", "--pivot", HUGE], "--pivot"),
    (["assign", "{p}", "--annotators", "a,b", "--seed", HUGE, "-o", "{out}"], "--seed"),
    (["assign", "{p}", "--annotators", "a,b", "--copies", HUGE, "--overlap", "1", "-o", "{out}"], "--copies"),
    (["export", "{p}", "--format", "csv", "--split", "8/1/1", "--seed", HUGE, "-o", "{out}.csv"], "--seed"),
    (["import", "{p}", "{seed}", "--max-size-mb", "nan"], "--max-size-mb"),
    (["import", "{p}", "{seed}", "--max-size-mb", "inf"], "--max-size-mb"),
    (["import", "{p}", "{seed}", "--max-size-mb", "1e308"], "--max-size-mb"),
    (["import", "{p}", "{seed}", "--max-size-mb", "-1"], "--max-size-mb"),
    (["assign", "{p}", "--annotators", "a,b", "--overlap", "inf", "-o", "{out}"], "--overlap"),
    (["export", "{p}", "--format", "pairs", "--min-score", "nan"], "--min-score"),
    (["suggest", "{p}", "--min-prob", "nan"], "--min-prob"),
])
def test_numbers_out_of_range_are_refused_on_the_command_line(demo_project, tmp_path, seeds, args, option):
    before = demo_project.read_bytes()
    args = [a.format(p=demo_project, out=tmp_path / "out", seed=seeds["000"]) for a in args]
    _one_line_error(_cli(*args), f"Invalid value for '{option}")
    assert demo_project.read_bytes() == before
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob("out*"))


def test_the_largest_sqlite_id_is_still_an_id(demo_project):
    _one_line_error(_cli("label", demo_project, str(SQLITE_MAX), "claim"), f"no sentence with id {SQLITE_MAX}")


@pytest.mark.parametrize("value, problem", [("nan", "'nan' is not a finite number"),
                                            ("inf", "'inf' is not a finite number"),
                                            ("abc", "'abc' is not a valid float"),
                                            ("0", "0.0 is not in the range 0<x<=1048576")])
def test_a_bad_size_limit_in_the_environment_is_named(tmp_path, seeds, value, problem):
    project = tmp_path / "p.sqlite"
    output = _one_line_error(_cli("import", project, seeds["000"], env={"ANNOTATOR_MAX_FILE_MB": value}))
    assert output.startswith(f"error: Invalid value for '--max-size-mb': {problem} (from $ANNOTATOR_MAX_FILE_MB).")
    assert not project.exists()


# --------------------------------------------------------------------------- text: surrogates, file names

@pytest.mark.parametrize("field", ["title", "group", "id"])
def test_unpaired_surrogates_in_jsonl_fields_are_one_line_naming_the_line(tmp_path, field):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"text": "The convoy left the city at dawn."}) + "\n"
                    + json.dumps({"text": "The convoy came back.", field: "T\ud800"}) + "\n", encoding="utf-8")
    project = tmp_path / "p.sqlite"
    output = _one_line_error(_cli("import", project, path))
    assert output == f"error: {path}:2: contains invalid Unicode (unpaired surrogates)\n"
    assert not project.exists()


def test_a_file_name_that_is_not_utf8_is_imported_with_replacement_characters(tmp_path):
    folder = os.fsencode(tmp_path)
    name = folder + b"/bad\xff\xfename.txt"
    with open(name, "wb") as handle:
        handle.write(b"The convoy left the city at dawn, officials said.")
    project = tmp_path / "p.sqlite"
    result = _cli("import", project, os.fsdecode(name), "--no-align")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(project) as db:
        assert db.execute("SELECT g.name, d.source_path FROM documents d JOIN groups g ON g.id = d.group_id"
                          ).fetchall() == [("bad\ufffd\ufffdname", f"{tmp_path}/bad\ufffd\ufffdname.txt")]


def test_a_package_whose_name_is_not_utf8_merges(demo_project, tmp_path):
    out = tmp_path / "packages"
    story = tmp_path / "story.txt"
    story.write_text("A second story: the bridge reopened on Tuesday.", encoding="utf-8")
    assert _cli("import", demo_project, story, "--no-align").exit_code == 0  # a second group: one each
    assert _cli("assign", demo_project, "--annotators", "ann,ben", "-o", out).exit_code == 0
    renamed = os.fsencode(tmp_path) + b"/ann\xff.sqlite"
    os.rename(out / "ann.sqlite", renamed)
    merged = tmp_path / "merged.sqlite"
    from annotator.core.dataset.merge import merge_projects  # (the CLI echoes the name: its printing is not tested here)

    merge_projects(merged, [os.fsdecode(renamed)])
    with sqlite3.connect(merged) as db:
        assert db.execute("SELECT file FROM plan_returns").fetchall() == [(f"{tmp_path}/ann\ufffd.sqlite",)]


@pytest.mark.parametrize("args, option", [
    (["label", "{p}", "2", "claim", "--annotator", "x\udcff"], "--annotator"),
    (["label", "{p}", "2", "claim", "--note", "n\udcff"], "--note"),
    (["done", "{p}", "1", "--annotator", "x\udcff"], "--annotator"),
    (["import", "{p}", "{seed}", "--group", "g\udcff"], "--group"),
])
def test_command_line_text_that_is_not_utf8_is_refused(demo_project, seeds, args, option):
    before = demo_project.read_bytes()
    args = [a.format(p=demo_project, seed=seeds["000"]) for a in args]
    _one_line_error(_cli(*args), f"Invalid value for '{option}': ", "is not valid UTF-8 text")
    assert demo_project.read_bytes() == before


# --------------------------------------------------------------------------- export to a device or FIFO

def test_export_to_a_device_writes_to_it_and_never_replaces_the_node(demo_project, tmp_path):
    """`export -o /dev/full` as root used to rename a file over the device node."""
    full = tmp_path / "full"
    try:
        os.mknod(full, 0o666 | 0o020000, os.makedev(1, 7))  # a character device like /dev/full
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here (not root)")
    _one_line_error(_cli("export", demo_project, "--format", "csv", "-o", full),
                    f"{full}: cannot be written: No space left on device")
    assert full.is_char_device() and sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite", "full"]


def test_export_to_a_fifo_goes_to_its_reader(demo_project, tmp_path):
    import threading

    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _cli("export", demo_project, "--format", "csv", "-o", fifo)
    reader.join(20)
    assert result.exit_code == 0, result.output
    assert fifo.is_fifo() and got and got[0].startswith(b"group,") and got[0].count(b"\n") > 75  # 81 content sentences
