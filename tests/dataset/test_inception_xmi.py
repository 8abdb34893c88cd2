"""INCEpTION UIMA CAS XMI both ways (dkpro-cassis, in the test extra): one CAS per annotator, the
curation user's CAS as the gold layer; export -> import -> export is the identity on labels,
annotators and gold; offsets in UTF-16 inside the XMI; bad folders change nothing."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.session.importing import import_files
from annotator.core.store import Store

cassis = pytest.importorskip("cassis")  # in the test extra; skipped only where it is not installed


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _export(project, folder):
    result = _cli("export", project, "--format", "xmi", "-o", folder)
    assert result.exit_code == 0, result.output
    ts = cassis.load_typesystem((folder / "TypeSystem.xml").read_text(encoding="utf-8"))
    found = {}
    for path in sorted(folder.rglob("*.xmi")):
        cas = cassis.load_cas_from_xmi(path.read_text(encoding="utf-8"), typesystem=ts)
        source = next(iter(cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"))).documentId
        found[source, path.stem] = sorted((a.get_covered_text(), a.label)
                                          for a in cas.select("webanno.custom.SentenceLabel"))
    return found


@pytest.fixture
def labelled(demo_project):
    with Store.open(demo_project) as store:
        for sentence_id, label, who in [(1, "claim", "ann"), (1, "claim", "bob"), (5, "attribution", "cy"),
                                        (40, "correction", "ann")]:
            store.annotations.set(sentence_id, label, who)
        store.gold.set([(1, ["claim"]), (5, ["attribution", "correction"])])
    return demo_project


def test_round_trip_one_cas_per_annotator_and_curation_as_gold(labelled, tmp_path, seeds):
    first = _export(labelled, tmp_path / "a")
    assert {user for _, user in first} == {"ann", "bob", "cy", "CURATION_USER"}
    other = tmp_path / "other.sqlite"
    import_files(other, [seeds["001"], seeds["003"], seeds["000"], seeds["002"]], group="again")
    result = _cli("import-labels", other, tmp_path / "a", "--format", "xmi")
    assert result.exit_code == 0, result.output
    assert "4 labels added, 2 gold decisions" in result.output and "did not map: nothing" in result.output
    assert _export(other, tmp_path / "b") == first


def test_offsets_in_the_xmi_count_utf16(tmp_path):
    source = tmp_path / "e.jsonl"
    source.write_text(json.dumps({"id": "e1", "text": "An emoji 😀 here is fine. The second sentence is labelled."})
                      + "\n", encoding="utf-8")
    project = tmp_path / "p.sqlite"
    import_files(project, [source])
    with Store.open(project) as store:
        second = store.documents.sentences(1)[1]
        store.annotations.set(second.id, "claim", "ann")
    _export(project, tmp_path / "x")
    xmi = next((tmp_path / "x").rglob("ann.xmi")).read_text(encoding="utf-8")
    label = re.search(r'<custom:SentenceLabel [^>]*begin="(\d+)" end="(\d+)"', xmi)
    assert (int(label[1]), int(label[2])) == (second.start + 1, second.end + 1)


def test_other_layers_are_reported_and_a_bad_folder_changes_nothing(labelled, tmp_path):
    _export(labelled, tmp_path / "a")
    ts = cassis.load_typesystem((tmp_path / "a/TypeSystem.xml").read_text(encoding="utf-8"))
    named = ts.create_type("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity", supertypeName="uima.tcas.Annotation")
    path = next((tmp_path / "a").rglob("bob.xmi"))
    cas = cassis.load_cas_from_xmi(path.read_text(encoding="utf-8"), typesystem=ts)
    cas.add(named(begin=0, end=3))
    path.write_text(cas.to_xmi(), encoding="utf-8")
    (tmp_path / "a/TypeSystem.xml").write_text(ts.to_xml(), encoding="utf-8")
    result = _cli("import-labels", labelled, tmp_path / "a", "--format", "xmi")
    assert result.exit_code == 0 and "did not map: annotations of type NamedEntity: 1" in result.output
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad/TypeSystem.xml").write_text("<nope", encoding="utf-8")
    before = labelled.read_bytes()
    result = _cli("import-labels", labelled, tmp_path / "bad", "--format", "xmi")
    assert result.exit_code == 2 and result.output == (
        f"error: {tmp_path}/bad/TypeSystem.xml: is not a UIMA type system (XMLSyntaxError)\n")
    assert labelled.read_bytes() == before
