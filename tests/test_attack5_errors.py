"""Error paths of search, history and relations (the attack of 2026-12-07, /work/notes/attack5.md):
bad input and damaged or hostile files give one line naming the file and the problem (exit 2),
never a traceback, and a refused command changes nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.session import Session
from annotator.core.store import Store
from annotator.errors import AnnotatorError


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _one_line_error(result, *words) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    for word in words:
        assert word in result.output, result.output


def _add_event(path, values: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO events (id, at, who, origin, kind, sentence_id, subject, before, after, seconds)"
                     f" VALUES ({values})")
    conn.close()


# ---------------------------------------------------------------------------------------- history

def test_history_reads_events_whose_values_no_annotator_wrote(demo_project):
    """Events are append-only (they cannot be deleted), so one bad row must not make the history
    unreadable for good: it is shown as it is stored."""
    _add_event(demo_project, "'e1', '2026-12-07T10:00:00Z', 'alice', 'person', 'add', 5, 'claim', '{nope', '[]', NULL")
    _add_event(demo_project, "'e2', '2026-12-07T10:00:01Z', 'alice', 'person', 'add', 5, 'claim', '[]',"
                             " replace(hex(zeroblob(5000)), '00', '[') || replace(hex(zeroblob(5000)), '00', ']'), NULL")
    _add_event(demo_project, "'e3', '2026-12-07T10:00:02Z', 'alice', 'person', 'scheme', NULL, NULL, '[1, 2]', '\"x\"',"
                             " NULL")
    _add_event(demo_project, "'e4', '2026-12-07T10:00:03Z', 'alice', 'person', 'judgement', 5, NULL, '[]', '[]', 'abc'")
    _add_event(demo_project, "'e5', '2026-12-07T10:00:04Z', 'alice', 'person', 'add', 5, 'claim', 'NaN', '[]', NULL")
    for args in ([], [5], ["--json"]):
        result = _cli("history", demo_project, *args)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    lines = _cli("history", demo_project).output.splitlines()
    assert "add claim on sentence 5: {nope -> []" in lines[-1]
    assert "scheme: [1, 2] -> x" in lines[-3]
    assert "NaN" not in _cli("history", demo_project, "--json").output.replace('"NaN"', "")  # the JSON stays JSON


def _package_with_event(tmp_path, demo_project, values: str):
    team = tmp_path / "team.sqlite"
    shutil.copy(demo_project, team)
    assert _cli("assign", team, "--annotators", "alice,bob", "--overlap", 1, "--seed", 1, "-o", tmp_path / "pk"
                ).exit_code == 0
    package = tmp_path / "pk" / "alice.sqlite"
    assert _cli("label", package, 5, "claim", "--annotator", "alice").exit_code == 0
    _add_event(package, values)
    return team, package


def test_a_merge_refuses_a_package_whose_event_is_not_json(demo_project, tmp_path):
    team, package = _package_with_event(tmp_path, demo_project, "'e1', '2026-12-07T10:00:00Z', 'alice', 'person',"
                                        " 'add', 5, 'claim', '{nope', '[]', NULL")
    before = sqlite3.connect(team).execute("SELECT count(*) FROM events").fetchone()[0]
    _one_line_error(_cli("merge", team, package), "alice.sqlite", "event e1")
    assert sqlite3.connect(team).execute("SELECT count(*) FROM events").fetchone()[0] == before


def test_a_package_returns_with_a_bad_event_its_team_project_already_held(demo_project, tmp_path):
    """A team project that took a bad event in before merges refused them hands it out in its
    packages: their return is merged (the labels come in), and the event is not taken twice."""
    team = tmp_path / "team.sqlite"
    shutil.copy(demo_project, team)
    assert _cli("label", team, 5, "claim", "--annotator", "carol").exit_code == 0
    _add_event(team, "'e1', '2026-12-07T10:00:00Z', 'carol', 'person', 'add', 5, 'claim', '{nope', '[]', NULL")
    assert _cli("assign", team, "--annotators", "alice,bob", "--overlap", 1, "--seed", 1, "--labels", "all",
                "-o", tmp_path / "pk").exit_code == 0
    package = tmp_path / "pk" / "alice.sqlite"
    assert _cli("label", package, 5, "claim", "--annotator", "alice").exit_code == 0
    assert sqlite3.connect(package).execute("SELECT before FROM events WHERE id = 'e1'").fetchone() == ("{nope",)
    events = sqlite3.connect(team).execute("SELECT count(*) FROM events").fetchone()[0]
    result = _cli("merge", team, package)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(team)
    assert conn.execute("SELECT count(*) FROM events WHERE id = 'e1'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > events  # the package's own events came in
    assert conn.execute("SELECT count(*) FROM annotations an JOIN annotators a ON a.id = an.annotator_id"
                        " WHERE an.sentence_id = 5 AND a.name = 'alice'").fetchone()[0] == 1
    conn.close()
    # the same bad id with other values is still refused: it is not the event the team holds
    _add_event(package, "'e3', '2026-12-07T10:00:02Z', 'alice', 'person', 'add', 5, 'claim', '{nope', '[]', NULL")
    _one_line_error(_cli("merge", team, package), "alice.sqlite", "event e3")


def test_a_merge_refuses_an_event_without_an_id(demo_project, tmp_path):
    """An event without an id could not be taken once: merging twice would add it twice."""
    team, package = _package_with_event(tmp_path, demo_project, "NULL, '2026-12-07T10:00:00Z', 'alice', 'person',"
                                        " 'add', 5, 'claim', '[]', '[\"claim\"]', NULL")
    _one_line_error(_cli("merge", team, package), "alice.sqlite", "without an id")
    assert sqlite3.connect(team).execute("SELECT count(*) FROM events WHERE id IS NULL").fetchone()[0] == 0


# ---------------------------------------------------------------------------------------- relations

def test_relate_refuses_an_empty_annotator_name(demo_project):
    for name in ("", "   "):
        _one_line_error(_cli("relate", demo_project, 5, 6, "--type", "corrects", "--annotator", name),
                        "annotator's name is empty")
    assert sqlite3.connect(demo_project).execute("SELECT count(*) FROM relations").fetchone()[0] == 0
    assert _cli("relate", demo_project, 5, 6, "--type", "corrects", "--annotator", " ann ").exit_code == 0
    store = Store.open(demo_project)
    assert [r.annotator for r in store.relations.records()] == ["ann"]  # the name as label stores it
    store.close()


def test_import_labels_refuses_a_relation_by_nobody(demo_project, tmp_path):
    assert _cli("relate", demo_project, 5, 6, "--type", "corrects", "--annotator", "ann").exit_code == 0
    exported = tmp_path / "r.jsonl"
    assert _cli("export", demo_project, "--format", "jsonl", "-o", exported).exit_code == 0
    text = exported.read_text(encoding="utf-8")
    assert '"by":"ann"' in text
    exported.write_text(text.replace('"by":"ann"', '"by":" "'), encoding="utf-8")
    other = tmp_path / "other.sqlite"
    shutil.copy(demo_project, other)
    with sqlite3.connect(other) as conn:
        conn.execute("DELETE FROM relations")
    conn.close()
    _one_line_error(_cli("import-labels", other, exported, "--all-layers"), "r.jsonl", "by")
    assert sqlite3.connect(other).execute("SELECT count(*) FROM relations").fetchone()[0] == 0


# ---------------------------------------------------------------------------------------- search

def test_search_like_and_limit_out_of_range_are_one_line(demo_project):
    _one_line_error(_cli("search", demo_project, "--like", 10 ** 30), "--like")
    _one_line_error(_cli("search", demo_project, "--like", 0), "--like")
    _one_line_error(_cli("search", demo_project, "minister", "--limit", 2 ** 63), "--limit")
    _one_line_error(_cli("search", demo_project, "--like", 2 ** 63 - 1), "no sentence with id")


def test_search_rebuilds_its_indexes_when_their_mark_is_damaged(demo_project):
    """search_indexed says which sentences the indexes hold; without a sensible mark they are
    rebuilt from the sentences (they hold nothing else), not a traceback at every search."""
    found = _cli("search", demo_project, "ministry", "--limit", 1000).output
    assert found.count("\n") > 5
    for damage in ("DELETE FROM search_indexed", "UPDATE search_indexed SET upto = 'x'",
                   "UPDATE search_indexed SET upto = -5"):
        with sqlite3.connect(demo_project) as conn:
            conn.execute(damage)
        conn.close()
        result = _cli("search", demo_project, "ministry", "--limit", 1000)
        assert result.exit_code == 0 and result.output == found, result.output
        with sqlite3.connect(demo_project) as conn:
            for index in ("sentence_words", "sentence_trigrams"):
                conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
            assert conn.execute("SELECT upto FROM search_indexed").fetchone()[0] == \
                conn.execute("SELECT max(id) FROM sentences").fetchone()[0]
        conn.close()


def test_search_query_with_a_nul_or_too_many_terms(demo_project):
    store = Store.open(demo_project)
    session = Session(store, "ann")
    try:
        words = session.search("ministry", None)
        assert words and [h.sentence_id for h in session.search("mini\x00stry ministry", None)] == []
        assert [h.sentence_id for h in session.search("\x00ministry\x00", None)] == [h.sentence_id for h in words]
        assert session.search_ids('"minis\x00try"') == []
    finally:
        store.close()
    _one_line_error(_cli("search", demo_project, " ".join(f"*ab{i}*" for i in range(3000))), "search query", "terms")
    _one_line_error(_cli("search", demo_project, " ".join(f"lang:x{i}" for i in range(3000))), "search query", "terms")


def test_a_damaged_word_index_is_made_again_or_one_line_naming_the_file(demo_project):
    """A writer makes a damaged index again (store/search_repair.py) and finds what it found
    before; a reader, which cannot, gets one line naming the file (the app's Search panel and
    its bulk buttons show it): SQLite's own error named neither the file nor what to do."""
    with Store.open(demo_project) as store:
        found = [hit.sentence_id for hit in Session(store, "ann").search("ministry", None)]
    assert found
    with sqlite3.connect(demo_project) as conn:
        conn.execute("DELETE FROM sentence_words_data WHERE id > 10")
    conn.close()
    with Store.open(demo_project, readonly=True) as store:
        session = Session(store, "ann")
        for find in (lambda: session.search("ministry", None), lambda: session.search_ids("ministry")):
            try:
                find()
            except AnnotatorError as error:
                assert str(demo_project) in str(error) and "damaged" in str(error)
            else:
                raise AssertionError("a damaged index was read without a word")
    with Store.open(demo_project) as store:
        session = Session(store, "ann")
        assert [hit.sentence_id for hit in session.search("ministry", None)] == found
        assert session.search_ids("ministry") == found


def test_a_merge_refuses_relations_that_could_not_have_been_made(demo_project, tmp_path):
    """A package's relation of a type outside the scheme, by nobody, or across two groups came
    into the team's project as it was."""
    team = tmp_path / "team.sqlite"
    shutil.copy(demo_project, team)
    with sqlite3.connect(team) as conn:  # a second group, so that a relation can cross two
        conn.execute("INSERT INTO groups (name, created_at) SELECT 'other', created_at FROM groups")
        conn.execute("UPDATE documents SET group_id = (SELECT max(id) FROM groups) WHERE id = 4")
        last = conn.execute("SELECT min(id) FROM sentences WHERE document_id = 4").fetchone()[0]
    conn.close()
    for values in ("5, 6, 'evil', 1, '2026'", "5, 6, 'corrects', 2, '2026'", f"5, {last}, 'corrects', 1, '2026'"):
        package = tmp_path / "package.sqlite"
        shutil.copy(team, package)
        with sqlite3.connect(package) as conn:
            conn.execute("INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', 't'), (2, ' ', 't')")
            conn.execute(f"INSERT INTO relations (head_id, tail_id, type, annotator_id, created_at) VALUES ({values})")
        conn.close()
        _one_line_error(_cli("merge", team, package), "package.sqlite", "relation 1")
        assert sqlite3.connect(team).execute("SELECT count(*) FROM relations").fetchone()[0] == 0
        package.unlink()


def test_a_found_sentence_whose_text_is_a_blob_is_one_line(demo_project):
    with sqlite3.connect(demo_project) as conn:
        found = conn.execute("SELECT id FROM sentences WHERE text LIKE '%ministry%' ORDER BY id").fetchone()[0]
        conn.execute("UPDATE sentences SET text = CAST(text AS BLOB) WHERE id = ?", [found])
    conn.close()
    _one_line_error(_cli("search", demo_project, "ministry"), f"sentence {found}", "BLOB")
    assert _cli("search", demo_project, "*inistr*").exit_code == 0  # LIKE finds no text in a BLOB: not listed


def test_search_reads_a_project_the_app_has_open(demo_project, tmp_path):
    """`history` and `export` read a project the app has open; `search` was refused ("already
    open"). It searches what is indexed and says what is not; a bulk action is still refused."""
    found = _cli("search", demo_project, "ministry", "--limit", 1000).output
    story = tmp_path / "story.txt"
    story.write_text("The ministry of the new story spoke on Monday.\n", encoding="utf-8")
    assert _cli("import", demo_project, story, "--no-align").exit_code == 0
    app = Store.open(demo_project)
    try:
        result = _cli("search", demo_project, "ministry", "--limit", 1000)
        assert result.exit_code == 0, result.output
        assert "1 sentence added since the last search not searched yet" in result.output
        assert [line for line in result.output.splitlines() if " | " in line] == found.splitlines()
        _one_line_error(_cli("search", demo_project, "ministry", "--mark-boilerplate"), "already open")
    finally:
        app.close()
    assert len(_cli("search", demo_project, "ministry", "--limit", 1000).output.splitlines()) == len(found.splitlines()) + 1


def _printed_to_a_full_disk(*args):
    """`annotator ARGS > /dev/full` (every write fails with ENOSPC) in a process of its own."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=env)


def test_printing_to_a_full_disk_is_one_line(demo_project):
    """`annotator history P > file` on a full disk (here /dev/full) was an OSError traceback."""
    assert _cli("relate", demo_project, 5, 6, "--type", "corrects", "--annotator", "ann").exit_code == 0
    for args in (["history", demo_project], ["search", demo_project, "ministry", "--json"], ["stats", demo_project]):
        result = _printed_to_a_full_disk(*args)
        assert result.returncode == 2 and result.stderr == (
            "error: standard output: No space left on device; what was printed is incomplete\n"), result.stderr


def test_merged_events_name_the_sentences_of_the_output(demo_project, tmp_path):
    """An event's before and after name sentences by id (a relation's two, a link's sides, a
    split's parts): a merge into an output where the sentences got other ids kept the
    package's, so the history said 'relate corrects on sentence 7: - -> [5, 6]'."""
    first = tmp_path / "first.txt"
    first.write_text("A first story begins here. It has two sentences.\n", encoding="utf-8")
    other = tmp_path / "other.sqlite"
    assert _cli("import", other, first, "--no-align").exit_code == 0
    assert _cli("relate", demo_project, 5, 6, "--type", "corrects", "--annotator", "ann").exit_code == 0
    assert _cli("split", demo_project, 9, 5).exit_code == 0
    output = tmp_path / "out.sqlite"
    assert _cli("merge", output, other, demo_project).exit_code == 0
    with sqlite3.connect(output) as conn:
        head, tail = conn.execute("SELECT head_id, tail_id FROM relations").fetchone()
        kinds = dict(conn.execute("SELECT kind, after FROM events WHERE kind IN ('relate', 'split')").fetchall())
    conn.close()
    assert (head, tail) == (5 + 2, 6 + 2)  # the first input's two sentences come first
    assert kinds["relate"] == f"[{head},{tail}]"
    assert sorted(int(k) for k in json.loads(kinds["split"])) == [9 + 2, 10 + 2]  # the part follows in its document
    lines = _cli("history", output).output
    assert f"relate corrects on sentence {head}: - -> [{head}, {tail}]" in lines


def test_an_export_to_standard_output_on_a_full_disk_is_one_line(demo_project):
    """`annotator export P > file` on a full disk (here /dev/full) was an OSError traceback:
    the export writes its bytes to stdout's buffer, not through click."""
    for fmt in ("jsonl", "csv", "tmx"):
        result = _printed_to_a_full_disk("export", demo_project, "--format", fmt, "-o", "-")
        assert result.returncode == 2 and result.stderr == (
            "error: standard output: No space left on device; what was written is incomplete\n"), result.stderr
