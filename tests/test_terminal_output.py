"""What the command prints cannot act on the terminal: names, titles, labels and file names
from files or the command line are shown with their control and bidi characters escaped
(an OSC sequence would retitle the terminal, an RTL override reverse what follows), while
--json keeps them as they are (JSON escapes them itself)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Store
from annotator.core.team.packages import assign
from annotator.errors import visible

EVIL = "ev\x1b]0;PWNED\x07il"  # OSC 0: sets the terminal's title; BEL ends it
SHOWN = "ev\\x1b]0;PWNED\\x07il"
# what no printed line may hold: C0 but the line end, DEL, C1, bidi controls, line separators
_ACTED_ON = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    assert not _ACTED_ON.search(result.output), repr(result.output)
    return result.output


@pytest.mark.parametrize("text, shown", [
    (EVIL, SHOWN),
    ("report\u202etxt.exe", "report\\u202etxt.exe"),
    ("a\u2066b\u2069\u200f", "a\\u2066b\\u2069\\u200f"),
    ("two\nlines\r\t", "two\\nlines\\r\\t"),
    ("c1\x9b31m del\x7f", "c1\\x9b31m del\\x7f"),
    ("bad byte \udcff", "bad byte \\udcff"),
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u4e2d\u6587 Zo\u00eb \U0001f469\u200d\U0001f4bb",
     "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u4e2d\u6587 Zo\u00eb \U0001f469\u200d\U0001f4bb"),  # joiners kept
    (7, "7"),
])
def test_visible_escapes_what_a_terminal_acts_on_and_nothing_else(text, shown):
    assert visible(text) == shown


@pytest.fixture
def packages(tmp_path):
    """Two packages of a plan; bob's holds a label by a name that is an escape sequence."""
    from tests.helpers.team_corpus import build_corpus

    corpus = tmp_path / "corpus.sqlite"
    build_corpus(corpus, groups=4, documents=2, seed=3)
    out = tmp_path / "pk"
    assign(corpus, ["alice", "bob"], out)
    with Store.open(out / "bob.sqlite") as store, store.transaction():
        sentence = store.db.execute("SELECT id FROM sentences WHERE boilerplate = 0 LIMIT 1").fetchone()[0]
        store.annotations.set(sentence, "claim", EVIL)
    return out


def test_progress_and_merge_show_names_escaped(packages, tmp_path):
    assert f"not in the plan: {SHOWN} ({packages / 'bob.sqlite'})" in _run("progress", packages)
    assert [s["name"] for s in json.loads(_run("progress", packages, "--json"))["not_in_plan"]] == [EVIL]
    assert f"not in the plan: {SHOWN} ({packages / 'bob.sqlite'})" in _run("merge", tmp_path / "m.sqlite",
                                                                           packages / "alice.sqlite",
                                                                           packages / "bob.sqlite")


def test_stats_shows_titles_escaped(demo_project):
    with sqlite3.connect(demo_project) as conn:
        conn.execute("UPDATE documents SET title = ? WHERE id = 1", [EVIL + "\u202e"])
    assert f"[1] {SHOWN}\\u202e (" in _run("stats", demo_project)
    titles = [d["title"] for d in json.loads(_run("stats", demo_project, "--json"))["per_document"]]
    assert EVIL + "\u202e" in titles


def test_label_and_agreement_show_annotators_escaped(demo_project):
    assert _run("label", demo_project, 5, "claim", "--annotator", EVIL) == f"sentence 5: added claim ({SHOWN})\n"
    _run("label", demo_project, 5, "claim", "--annotator", "bob")
    report = _run("agreement", demo_project)
    assert f"{SHOWN} / bob" in report or f"bob / {SHOWN}" in report
    assert f"done for {SHOWN};" in _run("done", demo_project, 1, "--annotator", EVIL)


def test_import_shows_file_names_escaped(tmp_path, seeds):
    name = "news\x1b]0;PWNED\x07\u202eevil\n.txt"
    path = tmp_path / name
    shutil.copyfile(seeds["003"], path)
    output = _run("import", tmp_path / "p.sqlite", path)
    assert output.startswith(f"{tmp_path}/news\\x1b]0;PWNED\\x07\\u202eevil\\n.txt: document 1 in group ")
