"""`import-links`: alignments made elsewhere (hunalign ladders, Vecalign/Bertalign beads, TMX) in
as links, matched by text; `export --format beads` writes them back as they came; re-alignment
keeps them; bad files change nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align.beads import parse_beads
from annotator.core.session.importing import import_files
from annotator.core.store import Store

GOLD = Path("/work/shared/align-gold/hunalign-dtm-hu-en")

SOURCE = ["Der Minister sprach am Montag in Berlin.", "Er sagte, der Plan sei endgültig.",
          "Kritiker widersprachen.", "Die Opposition forderte eine Abstimmung im Parlament.",
          "Am Abend gab es Proteste.", "Die Polizei meldete keine Zwischenfälle."]
TARGET = ["The minister spoke in Berlin on Monday.", "He said the plan was final.", "Critics disagreed.",
          "The opposition demanded a vote.", "It wanted the vote in parliament.", "There were protests in the evening.",
          "Police reported no incidents."]
BEADS = "[0]:[0]\n[1, 2]:[1, 2]\n[3]:[3, 4]\n[4]:[5]\n[5]:[]\n[]:[6]\n"
LADDER = "0 0\n1 1\n3 3\n4 5\n5 6\n6 6\n6 7\n"  # the same alignment as rungs


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def pair(tmp_path):
    src, tgt = tmp_path / "de.txt", tmp_path / "en.txt"
    src.write_text("\n".join(SOURCE) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(TARGET) + "\n", encoding="utf-8")
    project = tmp_path / "p.sqlite"
    import_files(project, [src, tgt], group="story", sentences_per_line=True)
    return project, src, tgt


def _links(project):
    with sqlite3.connect(project) as db:
        return db.execute("SELECT origin, score FROM links ORDER BY id").fetchall()


def _beads_out(project, tmp_path, *lines):
    out = tmp_path / "out.beads"
    extra = ["--source-lines", lines[0], "--target-lines", lines[1]] if lines else []
    result = _cli("export", project, "--format", "beads", "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_sentences_per_line_keeps_each_line_one_sentence(pair):
    project, _, _ = pair
    with Store.open(project, readonly=True) as store:
        assert [s.text for s in store.documents.sentences(1)] == SOURCE
        assert [s.text for s in store.documents.sentences(2)] == TARGET


@pytest.mark.parametrize("name, content", [("a.beads", BEADS), ("a.ladder", LADDER)])
def test_beads_and_ladders_come_back_out_as_they_went_in(pair, tmp_path, name, content):
    project, src, tgt = pair
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = _cli("import-links", project, path, "--source-lines", src, "--target-lines", tgt)
    assert result.exit_code == 0, result.output
    assert "4 manual links stored" in result.output and "0 units not found" in result.output
    assert _links(project) == [("manual", None)] * 4
    assert _beads_out(project, tmp_path, src, tgt) == BEADS
    assert _beads_out(project, tmp_path) == BEADS  # the group's two documents, counted by sentence


def test_lines_are_found_where_the_project_cut_differently(tmp_path):
    """Imported without --sentences-per-line, the document is cut by the segmenter: two lines
    of the file may be one sentence (their beads then make one link), and a line the segmenter
    cut in two links both parts."""
    src, tgt = tmp_path / "de.txt", tmp_path / "en.txt"
    src.write_text("Die Firma A. Müller GmbH.-Tochter meldete Gewinne. Danach stieg der Kurs.\n", encoding="utf-8")
    tgt.write_text("The firm A. Müller GmbH.'s subsidiary reported profits. The price rose after that.\n",
                   encoding="utf-8")
    project = tmp_path / "p.sqlite"
    import_files(project, [src, tgt], group="g")
    lines_src, lines_tgt = tmp_path / "de.lines", tmp_path / "en.lines"
    lines_src.write_text("Die Firma A. Müller GmbH.-Tochter meldete Gewinne.\nDanach stieg der Kurs.\n",
                         encoding="utf-8")
    lines_tgt.write_text("The firm A. Müller GmbH.'s subsidiary reported profits.\nThe price rose after that.\n",
                         encoding="utf-8")
    beads = tmp_path / "x.beads"
    beads.write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    result = _cli("import-links", project, beads, "--source-lines", lines_src, "--target-lines", lines_tgt)
    assert result.exit_code == 0 and "0 units not found" in result.output, result.output
    assert _beads_out(project, tmp_path, lines_src, lines_tgt) == "[0]:[0]\n[1]:[1]\n"


def test_machine_links_keep_the_files_scores(pair, tmp_path):
    project, src, tgt = pair
    path = tmp_path / "scored.beads"
    path.write_text("[0]:[0]:0.91\n[1, 2]:[1, 2]:0.5\n", encoding="utf-8")
    result = _cli("import-links", project, path, "--source-lines", src, "--target-lines", tgt, "--machine")
    assert result.exit_code == 0, result.output
    assert _links(project) == [("machine", 0.91), ("machine", 0.5)]
    assert _beads_out(project, tmp_path).splitlines()[:2] == ["[0]:[0]:0.9100", "[1, 2]:[1, 2]:0.5000"]


def test_tmx_is_matched_by_text_and_replaces_the_links_it_covers(pair, tmp_path):
    project, src, tgt = pair
    with Store.open(project) as store:
        de, en = store.documents.sentences(1), store.documents.sentences(2)
        store.links.add([de[0].id], [en[1].id], score=0.4)  # a wrong machine link, replaced
        store.links.add([de[5].id], [en[6].id], score=None, origin="manual")  # untouched by the file
    units = [(SOURCE[0], TARGET[0]), (SOURCE[1] + " " + SOURCE[2], TARGET[1] + "  " + TARGET[2]),
             (SOURCE[3], TARGET[3] + "\n" + TARGET[4])]
    tmx = tmp_path / "lf.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="de"/><body>'
                   + "".join(f'<tu><tuv xml:lang="en-GB"><seg>{escape(b)}</seg></tuv>'
                             f'<tuv xml:lang="de-DE"><seg>{escape(a)}</seg></tuv></tu>' for a, b in units)
                   + "</body></tmx>\n", encoding="utf-8")
    result = _cli("import-links", project, tmx)
    assert result.exit_code == 0, result.output
    assert "tmx, 3 units, 3 manual links stored, 1 earlier links replaced" in result.output
    assert _beads_out(project, tmp_path, src, tgt) == "[0]:[0]\n[1, 2]:[1, 2]\n[3]:[3, 4]\n[4]:[]\n[]:[5]\n[5]:[6]\n"


def test_realignment_keeps_imported_links(pair, tmp_path):
    project, src, tgt = pair
    path = tmp_path / "a.beads"
    path.write_text(BEADS, encoding="utf-8")
    assert _cli("import-links", project, path).exit_code == 0
    result = _cli("align", project)
    assert result.exit_code == 0, result.output
    kept = [line for line in _beads_out(project, tmp_path).splitlines() if ":[]" not in line and "[]:" not in line]
    assert kept[:4] == BEADS.splitlines()[:4]


@pytest.mark.parametrize("content, problem", [
    ("[0]:[0]\n[1]:[1\n", "a.beads:2: is not a bead such as [0]:[0, 1]"),
    ("[0]:[0]\n[9]:[1]\n", "a.beads: bead [9]:[1] points past the source's 6 sentences"),
    ("0 0\n2 2\n1 3\n", "a.beads:3: the rung 1 3 goes back (after 2 2)"),
    ("[0]:[0]:high\n", "a.beads:1: the score 'high' is not a number"),
    ("hello\n", "a.beads: is not a TMX file, a bead file ([0]:[0, 1]) or a hunalign ladder (x y per line)"),
    ("<tmx><body><tu><tuv><seg>x</seg></tuv></tu>", "a.beads:1: is not well-formed XML (column 44)"),
    ("<tmx><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>",
     "a.beads: translation unit 1 has 1 variants; two are needed"),
], ids=["bead", "past-end", "ladder-back", "score", "neither", "xml", "tuv"])
def test_bad_files_one_line_exit_2_project_unchanged(pair, tmp_path, content, problem):
    project, _, _ = pair
    path = tmp_path / "a.beads"
    path.write_text(content, encoding="utf-8")
    before = project.read_bytes()
    result = _cli("import-links", project, path)
    assert result.exit_code == 2 and result.output == f"error: {tmp_path}/{problem}\n"
    assert _links(project) == [] and project.read_bytes() == before


def test_lines_of_another_text_are_refused(pair, tmp_path):
    project, src, _ = pair
    other = tmp_path / "other.txt"
    other.write_text("Nothing like the documents.\nAt all.\n", encoding="utf-8")
    path = tmp_path / "a.beads"
    path.write_text(BEADS, encoding="utf-8")
    result = _cli("import-links", project, path, "--source-lines", src, "--target-lines", other)
    assert result.exit_code == 2 and "other.txt: its lines are not the text of a document of the group" \
        in result.output
    assert _links(project) == []


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.is_dir(), reason="the shared gold alignments are not on this machine")
def test_hunalign_gold_ladder_and_a_tmx_reproduce_the_gold_beads(tmp_path):
    src, tgt = tmp_path / "hu.txt", tmp_path / "en.txt"
    shutil.copyfile(GOLD / "hu/dtm", src)
    shutil.copyfile(GOLD / "en/dtm", tgt)
    project = tmp_path / "p.sqlite"
    import_files(project, [src, tgt], group="dtm", sentences_per_line=True)
    gold = (GOLD / "gold/dtm").read_text(encoding="utf-8")
    result = _cli("import-links", project, GOLD / "orig/hand.ladder", "--source-lines", GOLD / "hu/dtm",
                  "--target-lines", GOLD / "en/dtm")
    assert result.exit_code == 0 and "571 manual links stored" in result.output, result.output
    assert _beads_out(project, tmp_path, GOLD / "hu/dtm", GOLD / "en/dtm") == gold
    # a TMX as LF Aligner writes one: a unit per bead, each side's sentences joined by a space
    hu, en = (path.read_text(encoding="utf-8").split("\n") for path in (src, tgt))
    tmx = tmp_path / "dtm.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header/><body>\n' + "".join(
        f'<tu><tuv xml:lang="hu"><seg>{escape(" ".join(hu[i] for i in bead.src))}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(" ".join(en[j] for j in bead.tgt))}</seg></tuv></tu>\n'
        for bead in parse_beads(gold)) + "</body></tmx>\n", encoding="utf-8")
    fresh = tmp_path / "q.sqlite"
    import_files(fresh, [src, tgt], group="dtm", sentences_per_line=True)
    result = _cli("import-links", fresh, tmx)
    assert result.exit_code == 0 and "571 manual links stored" in result.output, result.output
    assert _beads_out(fresh, tmp_path) == gold
    # and our own TMX export of those links, whose sides carry each sentence's detected language
    # (a name-only English line, "Slovak PM Mikulás Dzurinda", is taken for Hungarian)
    ours = tmp_path / "ours.tmx"
    result = _cli("export", project, "--format", "tmx", "--include-boilerplate", "-o", ours)
    assert result.exit_code == 0, result.output
    third = tmp_path / "r.sqlite"
    import_files(third, [src, tgt], group="dtm", sentences_per_line=True)
    result = _cli("import-links", third, ours)
    assert result.exit_code == 0 and "571 manual links stored" in result.output, result.output
    assert _beads_out(third, tmp_path) == gold


def test_options_of_other_formats_are_refused_in_one_line(pair, tmp_path):
    project, _, _ = pair
    result = _cli("export", project, "--format", "beads", "-o", tmp_path / "x.beads", "--split", "80/10/10")
    assert result.exit_code == 2 and result.output == "error: --split do not apply to --format beads\n"
    assert not (tmp_path / "x.beads").exists()


def test_a_hunalign_ladder_with_scores_as_machine_links(pair, tmp_path):
    project, src, tgt = pair
    path = tmp_path / "auto.ladder"  # hunalign's own output: rung, tab, rung, tab, confidence
    path.write_text("0\t0\t0.31\n1\t1\t0.7\n3\t3\t0.2\n", encoding="utf-8")
    result = _cli("import-links", project, path, "--source-lines", src, "--target-lines", tgt, "--machine")
    assert result.exit_code == 0, result.output
    assert _links(project) == [("machine", 0.31), ("machine", 0.7)]  # the score of a bead's first rung
