"""Aligned-pair exports (TSV `pairs` and TMX 1.4b): one pair per link, both sides' texts, ids,
languages, score and origin; a 1-2 link joined into one pair; --min-score; layers; TMX that an
XML parser validates against the TMX 1.4b structure."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from lxml import etree

from annotator.cli import main
from annotator.core.dataset.export import export
from annotator.core.dataset.export_pairs import PAIR_FIELDS, _lang
from annotator.core.session.importing import import_files
from annotator.core.store import Store

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The elements and attributes of TMX 1.4b (LISA OSCAR) that this export writes, as a DTD: the
# content models are the standard's; inline markup (bpt, ept, ph, ...) is never written.
TMX_DTD = """
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #REQUIRED>
<!ELEMENT header (note|ude|prop)*>
<!ATTLIST header creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
                 segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED
                 adminlang CDATA #REQUIRED srclang CDATA #REQUIRED datatype CDATA #REQUIRED>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu tuid CDATA #IMPLIED>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED>
<!ELEMENT seg (#PCDATA)>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED>
<!ELEMENT note (#PCDATA)>
<!ELEMENT ude ANY>
"""


@pytest.fixture
def linked(demo_project):
    """The seeds with four links: a 1-1 (German-English), a 1-2 (French-German), a weak machine
    link, and a manual one (no score); German sentence 4 labeled by two people."""
    with Store.open(demo_project) as store:
        german, english, french = (_content(store, d) for d in (1, 2, 3))
        store.annotations.set(german[4].id, "claim", "ann")
        store.annotations.set(german[4].id, "attribution", "bob")
        ids = [store.links.add([german[4].id], [english[3].id], score=0.81),
               store.links.add([french[2].id], [german[6].id, german[5].id], score=0.66),
               store.links.add([english[9].id], [french[8].id], score=0.21),
               store.links.add([english[10].id], [german[10].id], score=None, origin="manual")]
    return demo_project, ids, german, english, french


def _content(store, document_id):
    return [s for s in store.documents.sentences(document_id) if not s.boilerplate]


def _tsv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t",
                               quoting=csv.QUOTE_NONE))


def test_every_link_is_one_pair_with_both_sides(linked, tmp_path):
    project, ids, german, english, french = linked
    out = tmp_path / "pairs.tsv"
    assert export(project, "pairs", out) == 4
    rows = _tsv(out)
    assert list(rows[0]) == list(PAIR_FIELDS)
    assert [int(r["link_id"]) for r in rows] == ids
    first = rows[0]
    # the document first in its group (German, imported first) is always side 1
    assert (first["doc1_id"], first["doc2_id"], first["lang1"], first["lang2"]) == ("1", "2", "de", "en")
    assert (first["text1"], first["text2"]) == (german[4].text, english[3].text)
    assert (first["score"], first["origin"]) == ("0.8100", "machine")
    assert (first["labels1"], first["labels2"]) == ("claim|attribution", "")
    one_two = rows[1]  # stored French -> German: turned so that German comes first
    assert (one_two["doc1_id"], one_two["doc2_id"]) == ("1", "3")
    assert one_two["sentence_ids1"] == f"{german[5].id} {german[6].id}"  # document order
    assert one_two["text1"] == f"{german[5].text} {german[6].text}" and one_two["text2"] == french[2].text
    manual = rows[3]
    assert (manual["score"], manual["origin"]) == ("", "manual")
    assert all(r["group"] == "seeds" for r in rows)


def test_min_score_drops_weak_machine_links_and_keeps_manual_ones(linked, tmp_path):
    project, ids, *_ = linked
    out = tmp_path / "pairs.tsv"
    assert export(project, "pairs", out, min_score=0.5) == 3
    assert [int(r["link_id"]) for r in _tsv(out)] == [ids[0], ids[1], ids[3]]
    assert export(project, "pairs", out, min_score=0.7) == 2
    assert [int(r["link_id"]) for r in _tsv(out)] == [ids[0], ids[3]]


def test_a_layer_chooses_whose_labels_each_side_carries(linked, tmp_path):
    project, *_ = linked
    out = tmp_path / "pairs.tsv"
    export(project, "pairs", out, layer="bob")
    assert _tsv(out)[0]["labels1"] == "attribution"
    export(project, "pairs", out, layer="gold")
    assert _tsv(out)[0]["labels1"] == ""


def test_links_touching_boilerplate_are_left_out_unless_asked(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        boiler = next(s for s in store.documents.sentences(4) if s.boilerplate)
        content = _content(store, 2)[0]
        store.links.add([content.id], [boiler.id], score=0.9)
    out = tmp_path / "pairs.tsv"
    assert export(demo_project, "pairs", out) == 0
    assert export(demo_project, "pairs", out, include_boilerplate=True) == 1
    assert _tsv(out)[0]["text2"] == boiler.text


@pytest.fixture
def awkward(tmp_path):
    """Two documents whose sentences hold a tab, a formula start and a character XML forbids."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("=SUM(A1:A9) counts the votes.\n\nThe vote\tended late.\n", encoding="utf-8")
    second.write_text("Die Abstimmung \x0bzählt.\n\nDie Abstimmung endete spät.\n", encoding="utf-8")
    project = tmp_path / "awkward.sqlite"
    import_files(project, [first, second], group="votes")
    with Store.open(project) as store:
        a, b = _content(store, 1), _content(store, 2)
        assert "\t" in a[1].text and "\x0b" in b[0].text  # stored as written, so the export must deal with them
        store.links.add([a[0].id], [b[0].id], score=0.5)
        store.links.add([a[1].id], [b[1].id], score=0.5)
    return project, a, b


def test_tsv_cells_hold_no_tab_and_formulas_are_guarded_unless_raw(awkward, tmp_path):
    project, a, b = awkward
    out = tmp_path / "pairs.tsv"
    export(project, "pairs", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(line.count("\t") == len(PAIR_FIELDS) - 1 for line in lines)
    rows = _tsv(out)
    assert rows[0]["text1"] == "'" + a[0].text
    assert rows[1]["text1"] == a[1].text.replace("\t", " ")
    export(project, "pairs", out, raw=True)
    assert _tsv(out)[0]["text1"] == a[0].text


def test_tmx_is_valid_tmx_1_4b_with_languages_and_texts(linked, tmp_path):
    project, ids, german, english, french = linked
    out = tmp_path / "pairs.tmx"
    assert export(project, "tmx", out) == 4
    parser = etree.XMLParser(dtd_validation=False, resolve_entities=False, no_network=True)
    tree = etree.parse(str(out), parser)
    dtd = etree.DTD(io.StringIO(TMX_DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    root = tree.getroot()
    assert root.get("version") == "1.4" and root.find("header").get("segtype") == "sentence"
    units = root.findall("body/tu")
    assert [int(tu.get("tuid")) for tu in units] == ids
    first = units[0]
    assert [tuv.get(XML_LANG) for tuv in first.findall("tuv")] == ["de", "en"]
    assert [tuv.findtext("seg") for tuv in first.findall("tuv")] == [german[4].text, english[3].text]
    props = {p.get("type"): p.text for p in first.findall("prop")}
    assert props == {"x-group": "seeds", "x-origin": "machine", "x-score": "0.8100"}
    german_props = {p.get("type"): p.text for p in first.find("tuv").findall("prop")}
    assert german_props["x-labels"] == "claim|attribution" and german_props["x-sentence-ids"] == str(german[4].id)
    one_two = units[1].findall("tuv")
    assert one_two[0].findtext("seg") == f"{german[5].text} {german[6].text}"
    assert "x-score" not in {p.get("type") for p in units[3].findall("prop")}  # manual: no score


def test_tmx_replaces_characters_xml_forbids_and_escapes_markup(awkward, tmp_path):
    project, a, b = awkward
    out = tmp_path / "pairs.tmx"
    export(project, "tmx", out)
    tree = etree.parse(str(out))
    assert etree.DTD(io.StringIO(TMX_DTD)).validate(tree)
    segs = [tuv.findtext("seg") for tuv in tree.getroot().iter("tuv")]
    assert b[0].text in [s.replace("\ufffd", "\x0b") for s in segs] and "\x0b" not in "".join(segs)
    assert a[0].text in segs  # no spreadsheet guard in TMX: translation memories want the text


@pytest.mark.parametrize("code, tag", [("de", "de"), ("zh-cn", "zh-CN"), ("pt-br", "pt-BR"), ("", "und"),
                                       ("unknown", "und"), ("x y", "und")])
def test_xml_lang_is_a_bcp47_tag(code, tag):
    assert _lang(code) == tag


def test_cli_pairs_and_errors(linked, tmp_path):
    project, *_ = linked
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(project), "--format", "tmx", "-o", str(tmp_path / "x.tmx"),
                                  "--min-score", "0.5"])
    assert result.exit_code == 0 and "3 pairs" in result.output
    result = runner.invoke(main, ["export", str(project), "--format", "csv", "--min-score", "0.5"])
    assert result.exit_code == 2 and "--min-score" in result.output and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(main, ["export", str(project), "--format", "pairs", "--min-score", "2"])
    assert result.exit_code == 2


def test_pairs_split_keeps_groups_together(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    import_files(project, [seeds["000"], seeds["001"]], group="one")
    import_files(project, [seeds["002"], seeds["003"]], group="two")
    with Store.open(project) as store:
        for first, second in ((1, 2), (3, 4)):
            a, b = _content(store, first), _content(store, second)
            store.links.add([a[0].id], [b[0].id], score=0.9)
    out = tmp_path / "pairs.tsv"
    assert export(project, "pairs", out, split="50/0/50") == 2
    groups = [{r["group"] for r in _tsv(tmp_path / f"pairs.{name}.tsv")} for name in ("train", "test")]
    assert sorted(map(sorted, groups)) == [["one"], ["two"]]
