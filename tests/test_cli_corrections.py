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


def _pairs(link) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for a in link.source for b in link.target}


def test_link_makes_one_manual_link_with_several_sentences_a_side(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        first, second = ([s.id for s in store.documents.sentences(d) if not s.boilerplate] for d in (1, 2))
    result = _run("link", demo_project, first[3], first[4], "--to", second[2])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"link 1: sentences {first[3]}, {first[4]} - sentence {second[2]} (manual)")
    with Store.open(demo_project, readonly=True) as store:
        (link,) = store.links.manual()
    assert (link.source, link.target, link.score) == ([first[3], first[4]], [second[2]], None)
    assert _run("align", demo_project).exit_code == 0  # the aligner keeps it and works around it
    with Store.open(demo_project, readonly=True) as store:
        assert [l.id for l in store.links.manual()] == [link.id]
        assert not any({first[3], first[4], second[2]} & set(l.sentence_ids())
                       for l in store.links.in_group(1, origin="machine"))


def test_unlink_rejects_the_machine_links_and_align_does_not_bring_them_back(demo_project):
    assert _run("align", demo_project).exit_code == 0
    with Store.open(demo_project, readonly=True) as store:
        wrong = store.links.in_group(1, origin="machine")[0]
        links = store.links.of_sentence(wrong.source[0])
    result = _run("unlink", demo_project, wrong.source[0], "--annotator", "rev")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"sentence {wrong.source[0]}: {len(links)} link")
    assert _run("align", demo_project).exit_code == 0
    unlinked = {pair for link in links for pair in _pairs(link)}
    with Store.open(demo_project, readonly=True) as store:
        assert {r[:2] for r in store.links.rejections()} == unlinked
        assert not unlinked & {pair for l in store.links.in_group(1, origin="machine") for pair in _pairs(l)}


def test_confirm_row_confirms_the_whole_row_and_undo_takes_it_back(demo_project):
    assert _run("align", demo_project).exit_code == 0
    with Store.open(demo_project, readonly=True) as store:
        link = max(store.links.in_group(1, origin="machine"), key=lambda l: len(l.sentence_ids()))
        from annotator.core.align.stored_layout import group_layout

        layout = group_layout(store, 1)
        row = next(r for r in layout.rows if link.source[0] in r.sentence_ids())
    result = _run("confirm-row", demo_project, link.source[0], "--annotator", "rev")
    assert result.exit_code == 0, result.output
    with Store.open(demo_project, readonly=True) as store:
        assert [(i, who) for i, who, _ in store.confirmations.records()] == \
            [(i, "rev") for i in sorted(row.sentence_ids())]
    other = next(i for i in row.sentence_ids() if i != link.source[0])  # another sentence of the row
    assert _run("confirm-row", demo_project, other, "--undo").exit_code == 0
    with Store.open(demo_project, readonly=True) as store:
        assert store.confirmations.records() == []


def test_bad_alignment_edits_are_one_line_exit_2_and_change_nothing(demo_project, tmp_path):
    assert _run("align", demo_project).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text("A sentence of another story, long enough to be content.\n", encoding="utf-8")
    assert _run("import", demo_project, other, "--group", "elsewhere", "--no-align").exit_code == 0
    with Store.open(demo_project, readonly=True) as store:
        first = [s.id for s in store.documents.sentences(1) if not s.boilerplate]
        (document,) = store.documents.group_documents(store.documents.group_id("elsewhere"))
        elsewhere = store.documents.sentences(document["id"])[0].id
        second = next(s.id for s in store.documents.sentences(2) if not s.boilerplate)
        boilerplate = next(s.id for d in (1, 2, 3, 4) for s in store.documents.sentences(d) if s.boilerplate)
    before = _digest(demo_project)
    for args in (("link", demo_project, first[0], "--to", first[0]),  # to itself
                 ("link", demo_project, first[0], "--to", first[1]),  # within one document
                 ("link", demo_project, first[0], "--to", elsewhere),  # another group
                 ("link", demo_project, 10**9, "--to", first[0]),
                 ("link", demo_project, first[0]),  # no --to
                 ("unlink", demo_project, 10**9),
                 ("confirm-row", demo_project, 10**9),
                 ("confirm-row", demo_project, boilerplate)):
        result = _run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output, result.output
    assert _digest(demo_project) == before
    assert _run("link", demo_project, first[0], "--to", second).exit_code == 0  # (the commands are there)
