"""`annotator search`: one line per hit, JSON, bulk actions on the hits, more like this, and
a bad query or project in one line with exit code 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align.group import align_group
from annotator.core.store import Store


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_one_line_per_hit_with_group_document_id_and_context(demo_project):
    result = run("search", demo_project, "verteidigungsministerium", "--limit", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    with Store.open(demo_project, readonly=True) as store:
        for line in lines:
            group, document, sentence_id, context = line.split(" | ")
            sentence = store.documents.sentence(int(sentence_id))
            assert group == "seeds" and "[Verteidigungsministerium]" in context
            assert store.db.execute("SELECT title FROM documents WHERE id = ?",
                                    [sentence.document_id]).fetchone()[0] == document


def test_json_and_filters(demo_project):
    result = run("search", demo_project, "lang:de foto* -is:boilerplate", "--json")
    hits = json.loads(result.stdout)
    assert hits and all(hit["lang"] == "de" and hit["match"].lower() == "foto" for hit in hits)
    with Store.open(demo_project, readonly=True) as store:
        assert not any(store.documents.sentence(hit["sentence_id"]).boilerplate for hit in hits)


@pytest.mark.parametrize("query, words", [('"open', "quotation mark"), ("colour:red", "unknown filter 'colour:'"),
                                          ("label:nothing", "no label named 'nothing'"), ("", "empty")])
def test_a_bad_query_is_one_line_and_exit_2(demo_project, query, words):
    result = run("search", demo_project, query)
    assert result.exit_code == 2 and result.stdout == ""
    assert words in result.stderr and result.stderr.count("\n") == 1


def test_a_query_starting_with_a_minus_says_to_put_it_after_two_dashes(demo_project):
    """`search P -lang:en word` reads -l as an option: the one line says how to write it."""
    result = run("search", demo_project, "-lang:en", "verteidigungsministerium")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "No such option '-l'" in result.stderr and "goes after --" in result.stderr
    assert "goes after --" not in run("search", demo_project, "--bogus", "x").stderr  # a mistyped option
    found = run("search", demo_project, "--", "-lang:en verteidigungsministerium")
    assert found.exit_code == 0 and found.stdout.count("\n") >= 1


def test_no_project_and_two_bulk_actions_are_refused(tmp_path, demo_project):
    assert run("search", tmp_path / "none.sqlite", "x").exit_code == 2
    both = run("search", demo_project, "foto*", "--add-label", "claim", "--mark-boilerplate")
    assert both.exit_code == 2 and both.stderr.count("\n") == 1


def test_bulk_label_and_boilerplate_act_on_every_hit(demo_project):
    result = run("search", demo_project, "lang:de foto*", "--add-label", "claim", "--annotator", "cli",
                 "--limit", "1")
    assert result.exit_code == 0 and "add claim to" in result.stderr
    every = json.loads(run("search", demo_project, "lang:de foto*", "--json", "--limit", "500").stdout)
    labeled = json.loads(run("search", demo_project, "label:claim annotator:cli", "--json").stdout)
    assert len(every) > 1 and {h["sentence_id"] for h in labeled} == {h["sentence_id"] for h in every}
    run("search", demo_project, "label:claim", "--remove-label", "claim", "--annotator", "cli")
    assert "no sentence found" in run("search", demo_project, "label:claim").stderr
    run("search", demo_project, "lang:de foto*", "--mark-boilerplate")
    marked = json.loads(run("search", demo_project, "is:boilerplate lang:de foto*", "--json").stdout)
    assert len(marked) == len(every)


def test_more_like_this_finds_other_languages(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        sentence = store.db.execute("SELECT e.sentence_id FROM embeddings e JOIN sentences s ON s.id = e.sentence_id"
                                    " WHERE s.lang = 'de' AND length(s.text) > 60 LIMIT 1").fetchone()[0]
    hits = json.loads(run("search", demo_project, "--like", sentence, "--json", "--limit", "10").stdout)
    assert len(hits) == 10 and sentence not in [hit["sentence_id"] for hit in hits]
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)
    assert {hit["lang"] for hit in hits} - {"de"}
    assert run("search", demo_project, "--like", sentence, "foto").exit_code == 2
