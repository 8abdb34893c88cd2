"""The `annotator` command: happy paths and exit code 2 with one line for every bad input."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Store


def run(*args, **kwargs):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)
    return result


def test_demo_builds_one_group_and_is_idempotent(tmp_path):
    project = tmp_path / "demo.sqlite"
    result = run("demo", project, "--no-gui")
    assert result.exit_code == 0, result.output
    assert "Al-Bukamal, November 2017" in result.output
    assert "document 2 also has paragraphs in: de, fr" in result.output
    assert "document 4 also has paragraphs in" not in result.output  # its Greek line heads the page: boilerplate
    again = run("demo", project, "--no-gui")
    assert again.exit_code == 0 and again.output.count("skipped") == 4


def test_import_label_stats_export_round(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    result = run("import", project, seeds["002"], seeds["003"], "--group", "fr-en")
    assert result.exit_code == 0, result.output
    assert "group 'fr-en', fr," in result.output and "group 'fr-en', en," in result.output
    assert "aligned group 'fr-en':" in result.output and "documents 2 - 1 [embedding-retelling]" in result.output
    with Store.open(project, readonly=True) as store:
        assert store.links.in_group(1, "machine")  # imported side by side, without a separate align
        sentence = next(s for s in store.documents.sentences(2) if s.text == "However, the photos were fake.")
    result = run("label", project, sentence.id, "correction", "--annotator", "ann", "--note", "debunk")
    assert result.output.strip() == f"sentence {sentence.id}: added correction (ann)"
    assert run("label", project, sentence.id, "1", "--annotator", "ann").exit_code == 0
    result = run("label", project, sentence.id, "claim", "--annotator", "ann", "--remove")
    assert "removed claim" in result.output
    stats = run("stats", project, "--json")
    figures = json.loads(stats.output)
    assert figures["documents"] == 2 and figures["labeled_sentences"] == 1
    assert figures["labels"]["correction"]["sentences"] == 1 and figures["labels"]["claim"]["sentences"] == 0
    per_doc = {d["doc_id"]: d for d in figures["per_document"]}
    assert per_doc[2]["labeled"] == 1 and per_doc[1]["labeled"] == 0
    text = run("stats", project).output
    assert "per label:" in text and "correction" in text and "languages: " in text
    out = tmp_path / "x.jsonl"
    result = run("export", project, "--format", "jsonl", "-o", out)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (labeled,) = [r for r in rows if r["labels"]]
    assert labeled["labels"] == ["correction"] and labeled["annotations"][0]["note"] == "debunk"


def test_annotator_name_from_environment(demo_project):
    result = run("label", demo_project, 1, "claim", env={"ANNOTATOR_NAME": "envname"})
    assert "(envname)" in result.output


def _bad_inputs(tmp_path):
    def make(name, data):
        path = tmp_path / name
        if data is None:
            path.mkdir()
        else:
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    return [
        (tmp_path / "missing.txt", "missing.txt: no such file"),
        (make("adir.txt", None), "adir.txt: is a directory"),
        (make("empty.txt", b""), "empty.txt: is empty"),
        (make("ws.txt", "   \n \t\n"), "ws.txt: contains only whitespace"),
        (make("pic.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), "pic.txt: is a PNG image"),
        (make("nul.txt", b"abc\x00def"), "nul.txt: contains NUL bytes"),
        (make("bad.jsonl", '{"text": "a"}\n{"text": }\n'), "bad.jsonl:2: invalid JSON"),
        (make("notext.jsonl", '{"title": "x"}\n'), 'notext.jsonl:1: has no "text" field'),
        (make("file.pdf", b"%PDF-1.4"), "file.pdf: unsupported file type '.pdf'"),
    ]


def test_bad_inputs_exit_2_with_one_line_and_write_nothing(tmp_path):
    project = tmp_path / "p.sqlite"
    for path, expected in _bad_inputs(tmp_path):
        result = CliRunner().invoke(main, ["import", str(project), str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert result.output.count("\n") == 1 and expected in result.output, result.output
        assert "Traceback" not in result.output
        assert not project.exists()


def test_size_limit_option(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The convoy left. " * 20000, encoding="utf-8")  # 340 KB
    result = CliRunner().invoke(main, ["import", str(tmp_path / "p.sqlite"), str(big), "--max-size-mb", "0.1"])
    assert result.exit_code == 2 and "over the 0.1 MB limit" in result.output
    result = CliRunner().invoke(main, ["import", str(tmp_path / "p.sqlite"), str(big)],
                                env={"ANNOTATOR_MAX_FILE_MB": "0.2"})
    assert result.exit_code == 2 and "over the 0.2 MB limit" in result.output


@pytest.mark.parametrize("name,data,expected_text", [
    ("u16bom.txt", "Die Fotos waren gefälscht, sagte das Ministerium.".encode("utf-16"),
     "Die Fotos waren gefälscht, sagte das Ministerium."),
    ("u16.txt", "Die Fotos waren gefälscht, sagte das Ministerium.".encode("utf-16-le"),
     "Die Fotos waren gefälscht, sagte das Ministerium."),
    ("smart.txt", "“The photos were fake,” it’s said.".encode("cp1252"), "“The photos were fake,” it’s said."),
    ("rtl.txt", "הצבא הרוסי פרסם תמונות מזויפות.".encode("utf-8"), "הצבא הרוסי פרסם תמונות מזויפות."),
    ("marks.txt", "Cafe\u0301 re\u0301sume\u0301 👍🏽 🇫🇷.".encode("utf-8"), "Cafe\u0301 re\u0301sume\u0301 👍🏽 🇫🇷."),
    ("bom8.txt", codecs.BOM_UTF8 + "Ελληνικό κείμενο.".encode("utf-8"), "Ελληνικό κείμενο."),
])
def test_odd_but_valid_files_import_correctly(tmp_path, name, data, expected_text):
    path = tmp_path / name
    path.write_bytes(data)
    project = tmp_path / "p.sqlite"
    assert CliRunner().invoke(main, ["import", str(project), str(path)]).exit_code == 0
    with Store.open(project, readonly=True) as store:
        assert store.documents.text(1) == expected_text
        assert " ".join(s.text for s in store.documents.sentences(1)) == expected_text


def test_project_errors_exit_2(tmp_path, demo_project):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database", encoding="utf-8")
    for args, expected in [
        (["stats", str(notes)], "is not an annotator project"),
        (["stats", str(tmp_path / "none.sqlite")], "no such project file"),
        (["label", str(tmp_path / "none.sqlite"), "1", "claim"], "no such project file"),
        (["label", str(demo_project), "99999", "claim"], "no sentence with id 99999"),
        (["label", str(demo_project), "1", "opinion"], "no label 'opinion'"),
        (["export", str(demo_project), "--format", "jsonl", "-o", str(tmp_path / "no" / "x.jsonl")], "does not exist"),
    ]:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert expected in result.output and result.output.startswith("error: "), result.output


def test_second_writer_gets_already_open(demo_project):
    with Store.open(demo_project):
        result = CliRunner().invoke(main, ["label", str(demo_project), "1", "claim"])
    assert result.exit_code == 2 and "already open in another annotator process" in result.output


def test_installed_command_works_from_any_directory(tmp_path):
    """The console script, run as a user would, from a directory unrelated to the checkout."""
    env = {**os.environ, "ANNOTATOR_NAME": "tester"}
    scripts = os.path.dirname(sys.executable)
    command = os.path.join(scripts, "annotator")
    if not os.path.exists(command):
        pytest.skip("console script not installed next to this Python")
    demo = subprocess.run([command, "demo", "d.sqlite", "--no-gui"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    exported = subprocess.run([command, "export", "d.sqlite", "--format", "jsonl"], cwd=tmp_path, env=env,
                              capture_output=True, text=True)
    assert exported.returncode == 0
    assert len(exported.stdout.splitlines()) > 75  # the seeds' 81 content sentences
    bad = subprocess.run([command, "import", "d.sqlite", "nowhere.txt"], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr == "error: nowhere.txt: no such file\n"


def test_import_without_alignment(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    result = run("import", project, seeds["002"], seeds["003"], "--group", "g", "--no-align")
    assert result.exit_code == 0 and "aligned" not in result.output
    with Store.open(project, readonly=True) as store:
        assert store.links.in_group(1) == []


def test_the_annotator_is_the_option_else_the_environment_else_the_user_name(demo_project, monkeypatch):
    import getpass

    monkeypatch.delenv("ANNOTATOR_NAME", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "login-name")
    assert "(login-name)" in run("label", demo_project, 1, "claim").output
    monkeypatch.setenv("ANNOTATOR_NAME", "from-env")
    assert "(from-env)" in run("label", demo_project, 2, "claim").output
    assert "(given)" in run("label", demo_project, 3, "claim", "--annotator", "given").output
    with Store.open(demo_project, readonly=True) as store:
        assert sorted(a.annotator for a in store.annotations.all()) == ["from-env", "given", "login-name"]


def test_import_of_utf8_with_a_stray_byte_warns_on_stderr_naming_the_line(tmp_path):
    path = tmp_path / "news.txt"
    path.write_bytes("Die Gespräche über die Zölle wurden am Dienstag fortgesetzt.\n\n".encode("utf-8")
                     + b"Der Zoll stieg um f\xfcnf Prozent.\n")
    result = run("import", tmp_path / "p.sqlite", path, "--no-align")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"warning: {path}: not valid UTF-8 on line 3: read as UTF-8, the 1 bad byte sequence "
                             "replaced by U+FFFD; save the file as UTF-8 to keep it\n")
    with Store.open(tmp_path / "p.sqlite", readonly=True) as store:
        (document,) = store.stats.document_summaries()
        assert "Gespräche" in store.documents.text(document.id) and "f\ufffdnf" in store.documents.text(document.id)
