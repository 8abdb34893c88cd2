"""`annotator rename-group` and the store's rename: one transaction, one-line errors, nothing
changed on a refusal; and counts with their nouns in the singular when there is one."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.session.importing import import_files
from annotator.core.plural import counted
from annotator.core.store import Store
from annotator.core.team.packages import assign
from tests.helpers.team_corpus import build_corpus


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _groups(project):
    with sqlite3.connect(project) as db:
        return db.execute("SELECT id, name FROM groups ORDER BY id").fetchall()


def _one_line_error(result, *words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    for word in words:
        assert word in result.output, result.output


def test_rename_a_group_by_name_or_id(demo_project):
    result = _cli("rename-group", demo_project, "seeds", "  Al-Bukamal, November 2017 ")
    assert result.exit_code == 0 and result.output == "group 'seeds' renamed to 'Al-Bukamal, November 2017'\n"
    assert _groups(demo_project) == [(1, "Al-Bukamal, November 2017")]
    assert _cli("rename-group", demo_project, "1", "Αλ-Μπουκαμάλ").exit_code == 0
    with Store.open(demo_project, readonly=True) as store:
        assert store.documents.group_id("Αλ-Μπουκαμάλ") == 1 and len(store.documents.group_documents(1)) == 4


def test_rename_refusals_are_one_line_and_change_nothing(demo_project, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("The ministry published the photos on Tuesday and withdrew them the next day.\n")
    import_files(demo_project, [other], group="other")
    before = _groups(demo_project)
    _one_line_error(_cli("rename-group", demo_project, "nope", "x"), "no group 'nope'", "seeds")
    _one_line_error(_cli("rename-group", demo_project, "seeds", "   "), "empty")
    _one_line_error(_cli("rename-group", demo_project, "seeds", "other"), "already a group named 'other'")
    _one_line_error(_cli("rename-group", demo_project, "seeds", "2"), "number")
    _one_line_error(_cli("rename-group", demo_project, "seeds", "two\nlines"), "line break")
    _one_line_error(_cli("rename-group", tmp_path / "missing.sqlite", "seeds", "x"), "missing.sqlite")
    assert _groups(demo_project) == before


def test_groups_a_team_plan_hands_out_keep_their_names(tmp_path):
    project = tmp_path / "corpus.sqlite"
    build_corpus(project, groups=3, documents=2, seed=1)
    result = assign(project, ["alice", "bob"], tmp_path / "out", overlap=0.0)
    planned = next(iter(result.plan.assignments))
    before = _groups(project)
    _one_line_error(_cli("rename-group", project, planned, "renamed"), "team plan")
    package = next(iter(result.files.values()))
    _one_line_error(_cli("rename-group", package, _groups(package)[0][1], "renamed"), "package")
    assert _groups(project) == before


@pytest.mark.parametrize("n,noun,plural,expected", [
    (1, "document", None, "1 document"), (0, "document", None, "0 documents"), (2, "group", None, "2 groups"),
    (1, "matched sentence", None, "1 matched sentence"), (3, "analysis", "analyses", "3 analyses"),
])
def test_counted(n, noun, plural, expected):
    assert counted(n, noun, plural) == expected


def test_cli_messages_say_one_in_the_singular(tmp_path):
    project = tmp_path / "p.sqlite"
    one = tmp_path / "one.txt"
    one.write_text("One sentence only\n")
    result = _cli("import", project, one)
    assert result.exit_code == 0 and "1 sentence (+0 boilerplate)" in result.output, result.output
    assert "1 sentences" not in result.output
