"""`annotator set-lang` and `annotator boilerplate`: a correction and the re-alignment it
calls for in one transaction; bad input is one line, exit 2, nothing changed."""

from __future__ import annotations

import hashlib
import json

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Store


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _machine_links(project):
    with Store.open(project, readonly=True) as store:
        return sorted((tuple(l.source), tuple(l.target)) for l in store.links.in_group(1, origin="machine"))


def test_set_lang_changes_the_sentence_and_aligns_again(demo_project):
    sentence = 5
    result = _run("set-lang", demo_project, sentence, "fr")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 sentence now in fr\naligned group 1 again:")
    with Store.open(demo_project, readonly=True) as store:
        assert store.documents.sentence(sentence).lang == "fr"
    assert _machine_links(demo_project)  # the group is aligned


def test_set_lang_document_scope_without_alignment(demo_project):
    result = _run("set-lang", demo_project, 1, "nl", "--scope", "document", "--no-align")
    assert result.exit_code == 0 and "aligned" not in result.output
    with Store.open(demo_project, readonly=True) as store:
        assert {s.lang for s in store.documents.sentences(1) if not s.boilerplate} == {"nl"}
        assert store.documents.group_documents(1)[0]["lang"] == "nl"
    assert _machine_links(demo_project) == []


def test_bad_input_is_one_line_exit_2_and_the_file_is_unchanged(demo_project):
    before = _digest(demo_project)
    for args in (("set-lang", demo_project, 5, "English"), ("set-lang", demo_project, 10**9, "fr"),
                 ("boilerplate", demo_project, 3, 10**9), ("set-lang", demo_project, 5, "fr", "--scope", "word")):
        result = _run(*args)
        assert result.exit_code == 2, args
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert _digest(demo_project) == before


def test_a_sentence_marked_as_boilerplate_leaves_alignment_and_export(demo_project, tmp_path):
    assert _run("align", demo_project).exit_code == 0
    linked = {i for pair in _machine_links(demo_project) for side in pair for i in side}
    chosen = min(linked)
    result = _run("boilerplate", demo_project, chosen)
    assert result.exit_code == 0 and result.output.startswith("1 sentence marked as boilerplate, ")
    assert chosen not in {i for pair in _machine_links(demo_project) for side in pair for i in side}
    out = tmp_path / "out.jsonl"
    assert _run("export", demo_project, "--format", "jsonl", "-o", out).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert chosen not in {row["sentence_id"] for row in rows}
    assert all(chosen not in a["sentence_ids"] for row in rows for a in row["aligned"])

    result = _run("boilerplate", demo_project, chosen, "--unmark")
    assert result.exit_code == 0 and result.output.startswith("1 sentence unmarked\naligned group 1 again:")
    assert _run("export", demo_project, "--format", "jsonl", "-o", out).exit_code == 0
    assert chosen in {json.loads(line)["sentence_id"] for line in out.read_text(encoding="utf-8").splitlines()}
