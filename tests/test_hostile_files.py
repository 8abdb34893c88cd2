"""Hostile project files (a returned package, a merge input): objects annotator did not create are
refused when any project is opened; foreign files are read within time and size bounds, with
their values' types checked; kept layouts and cached vectors that do not fit are computed
again; readers never write to the file they read. Hostile files are made with sqlite3, as in
the reliability report of 2026-12-06 (section 4)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import time
import zipfile

import numpy as np
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.merge import merge_projects
from annotator.core.store.migrations import LATEST_VERSION, MIGRATIONS
from annotator.core.store import Store
from annotator.core.team.packages import assign, reassign
from annotator.core.team.progress import read_progress
from annotator.errors import ProjectError
from tests.helpers.old_projects import old_project
from tests.helpers.team_corpus import build_corpus

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
ENDLESS_JUDGEMENTS = (f"DROP TABLE judgements; CREATE VIEW judgements AS {ENDLESS} SELECT x AS sentence_id,"
                      " 1 AS annotator_id, '2026' AS created_at, NULL AS note FROM c")
EVIL = "CREATE TRIGGER evil AFTER INSERT ON annotations BEGIN DELETE FROM annotations WHERE id <> new.id; END"


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tamper(path, script: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(script)


def _count(path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], env={"ANNOTATOR_NAME": "tester"})


def _one_line(output: str, *words: str) -> None:
    assert output.count("\n") == 1 and "Traceback" not in output, output
    for word in words:
        assert word in output, output


@pytest.fixture(scope="module")
def _package_template(tmp_path_factory):
    """A small project, planned for two annotators: (project, alice's package, bob's package),
    alice having labeled a few sentences."""
    folder = tmp_path_factory.mktemp("hostile")
    project = folder / "corpus.sqlite"
    build_corpus(project, groups=4, documents=2, sentences=(3, 5), seed=1)
    assign(project, ["alice", "bob"], folder / "pk")
    alice = folder / "pk" / "alice.sqlite"
    with Store.open(alice) as store:
        for sentence_id in [s for s, in store.db.execute("SELECT id FROM sentences WHERE boilerplate = 0 LIMIT 3")]:
            store.annotations.set(sentence_id, store.scheme.labels()[0].name, "alice")
    return project, alice, folder / "pk" / "bob.sqlite"


@pytest.fixture
def team(_package_template, tmp_path):
    """A fresh copy of the project and its two packages (in tmp_path/pk)."""
    (tmp_path / "pk").mkdir()
    copies = []
    for path in _package_template:
        target = tmp_path / ("pk" if path.parent.name == "pk" else "") / path.name
        with contextlib.closing(sqlite3.connect(path)) as source, contextlib.closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        copies.append(target)
    return copies


# --------------------------------------------------------------------------- 1. objects we did not create

FOREIGN = {
    "trigger": (EVIL, "has a trigger 'evil' that annotator did not create"),
    "table replaced by an endless view": (ENDLESS_JUDGEMENTS, "has a view 'judgements' that annotator did not create"),
    "extra view": ("CREATE VIEW extra AS SELECT 1", "has a view 'extra' that annotator did not create"),
    "extra index": ("CREATE INDEX sneaky ON sentences(text)", "has an index 'sneaky' that annotator did not create"),
    "changed index": ("DROP INDEX annotations_by_sentence; CREATE INDEX annotations_by_sentence ON annotations(note)",
                      "has an index 'annotations_by_sentence' that annotator did not create"),
    "extra table": ("CREATE TABLE extra (x)", "has a table 'extra' that annotator did not create"),
    "missing table": ("DROP TABLE package", f"lacks the table 'package' that annotator's schema version"
                                            f" {LATEST_VERSION} has"),
    "older columns under the latest version": (
        "ALTER TABLE annotations DROP COLUMN origin",
        f"has a table 'annotations' whose columns annotator did not create (schema version {LATEST_VERSION})"),
}


@pytest.mark.parametrize("change", FOREIGN, ids=list(FOREIGN))
def test_an_object_annotator_did_not_create_is_refused_by_writers_and_readers(demo_project, change):
    script, problem = FOREIGN[change]
    _tamper(demo_project, script)
    before = _sha(demo_project)
    for readonly in (False, True, False):  # the writer's lock is given back: refused again the same way
        with pytest.raises(ProjectError) as refused:
            Store.open(demo_project, readonly=readonly)
        assert str(refused.value) == f"{demo_project}: {problem}: refusing to open it"
    assert _sha(demo_project) == before


@pytest.mark.parametrize("version", [m.version for m in MIGRATIONS])
def test_old_project_files_still_open(tmp_path, version):
    path = tmp_path / "old.sqlite"
    conn = old_project(path, version)
    conn.commit()
    conn.close()
    with Store.open(path, readonly=True) as reader:
        assert reader.schema_version() == LATEST_VERSION
        assert reader.documents.sentences(1)[0].text == "One."
    with Store.open(path) as writer:
        assert writer.schema_version() == LATEST_VERSION
    with Store.open(path, readonly=True) as reader:  # and as the writer migrated it
        assert reader.schema_version() == LATEST_VERSION


def test_a_table_spelled_otherwise_with_our_columns_opens_and_other_columns_do_not(demo_project, tmp_path):
    """Another SQLite may write a migrated table's text differently: tables compare by columns."""
    other = tmp_path / "other.sqlite"
    with contextlib.closing(sqlite3.connect(demo_project)) as source, contextlib.closing(sqlite3.connect(other)) as copy:
        source.backup(copy)
    _tamper(demo_project, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql,"
                          " 'CREATE TABLE groups (', 'CREATE TABLE \"groups\"  (') WHERE name = 'groups'")
    with Store.open(demo_project, readonly=True) as store:
        assert store.documents.groups()
    _tamper(other, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql,"
                   " 'name TEXT NOT NULL UNIQUE', 'name BLOB NOT NULL UNIQUE') WHERE name = 'groups'")
    with pytest.raises(ProjectError, match="has a table 'groups' whose columns annotator did not create"):
        Store.open(other, readonly=True)


# --------------------------------------------------------------------------- 5. triggers on the user's writes

def test_a_foreign_trigger_never_runs_on_the_users_labels(demo_project, tmp_path):
    exported = tmp_path / "labels.jsonl"
    assert _cli("label", demo_project, "5", "claim").exit_code == 0
    assert _cli("export", demo_project, "--format", "jsonl", "-o", exported).exit_code == 0
    _tamper(demo_project, EVIL)
    labels = _count(demo_project, "annotations")
    for args in (("label", demo_project, "6", "claim"), ("import-labels", demo_project, exported, "--annotator", "b")):
        result = _cli(*args)
        assert result.exit_code == 2
        _one_line(result.output, str(demo_project), "has a trigger 'evil' that annotator did not create")
    assert _count(demo_project, "annotations") == labels == 1


# --------------------------------------------------------------------------- 6. hangs

def _run(*args, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "ANNOTATOR_NAME": "tester"})


def test_an_endless_view_makes_merge_refuse_at_once_and_free_the_output(team):
    project, alice, _ = team
    _tamper(alice, ENDLESS_JUDGEMENTS)
    before = _sha(project)
    result = _run("merge", project, alice)  # a hang here would end the test at the timeout
    assert result.returncode == 2
    _one_line(result.stderr, str(alice), "has a view 'judgements' that annotator did not create")
    assert _sha(project) == before
    with Store.open(project):  # OUT's lock was given back
        pass


@pytest.mark.slow
@pytest.mark.parametrize("table", ["judgements", "documents", "package"])
def test_an_endless_view_hangs_no_command(team, tmp_path, table):
    """merge, progress, export, import-labels, align: each refuses in one line, in seconds (the GUI:
    tests/ui/test_hostile_project.py)."""
    project, alice, bob = team
    columns = [row[1] for row in sqlite3.connect(alice).execute(f"PRAGMA table_info({table})")]
    _tamper(alice, f"DROP TABLE {table}; CREATE VIEW {table} AS {ENDLESS} SELECT "
                   + ", ".join(f"x AS {name}" for name in columns) + " FROM c")
    labels = tmp_path / "labels.jsonl"
    assert _run("export", bob, "--format", "jsonl", "-o", labels).returncode == 0
    for args in (("merge", tmp_path / "out.sqlite", alice), ("progress", alice, bob),
                 ("export", alice, "--format", "jsonl"), ("import-labels", alice, labels), ("align", alice)):
        started = time.monotonic()
        result = _run(*args, timeout=120)
        assert result.returncode == 2, (args, result.stderr)
        _one_line(result.stderr, str(alice), f"has a view '{table}' that annotator did not create")
        assert time.monotonic() - started < 30


# --------------------------------------------------------------------------- 2. bounds on reads

def test_without_the_schema_check_the_time_bound_still_ends_an_endless_read(team, tmp_path, monkeypatch):
    from annotator.core.store import foreign, schema_check

    project, alice, bob = team
    _tamper(alice, ENDLESS_JUDGEMENTS)
    monkeypatch.setattr(schema_check, "check", lambda *args: None)  # defence in depth: the bound alone
    monkeypatch.setattr(foreign, "QUERY_SECONDS", 0.5)
    before = _sha(project)
    for read in (lambda: merge_projects(project, [bob, alice]), lambda: read_progress([bob, alice])):
        started = time.monotonic()
        with pytest.raises(ProjectError) as refused:
            read()
        assert str(refused.value) == (f"{alice}: a query ran longer than 0.5 s: the file may be hostile or damaged;"
                                      " nothing was changed")
        assert time.monotonic() - started < 10
    assert _sha(project) == before


def test_the_time_bound_counts_sqlites_work_not_the_callers(tmp_path, monkeypatch):
    """A merge that writes a large input slowly, row by row, is never cut: only a step counts."""
    from annotator.core.store import foreign

    monkeypatch.setattr(foreign, "QUERY_SECONDS", 0.3)
    path = tmp_path / "p.sqlite"
    Store.open(path).close()
    with Store.open(path, readonly=True) as store:
        with store.foreign():
            for _ in store.read("SELECT value FROM json_each('[1, 2, 3, 4, 5]')"):
                time.sleep(0.1)
        with pytest.raises(ProjectError, match="a query ran longer than 0.3 s"), store.foreign():
            store.read(f"{ENDLESS} SELECT count(*) FROM c").fetchone()


def test_a_huge_value_is_refused_before_it_is_read(team, monkeypatch):
    from annotator.core.store import foreign

    project, alice, _ = team
    _tamper(alice, "UPDATE annotations SET note = CAST(zeroblob(3000000) AS TEXT)")
    monkeypatch.setattr(foreign, "VALUE_BYTES", 1 << 20)
    before = _sha(project)
    for read in (lambda: merge_projects(project, [alice]), lambda: read_progress([alice])):
        with pytest.raises(ProjectError) as refused:
            read()
        assert str(refused.value) == (f"{alice}: holds a value in annotations larger than 1 MB: the file may be"
                                      " hostile or damaged; refusing to read it")
    assert _sha(project) == before


def test_without_the_schema_check_a_gigantic_computed_value_costs_no_memory(team, monkeypatch):
    """The report's view: a note of CAST(zeroblob(900000000) AS TEXT) took merge to 5.3 GB."""
    import resource

    from annotator.core.store import schema_check

    project, alice, _ = team
    _tamper(alice, "ALTER TABLE annotations RENAME TO real_annotations; CREATE VIEW annotations AS SELECT id,"
                   " sentence_id, label_id, annotator_id, created_at, CAST(zeroblob(900000000) AS TEXT) AS note,"
                   " origin FROM real_annotations")
    monkeypatch.setattr(schema_check, "check", lambda *args: None)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ProjectError, match="larger than 256 MB"):
        merge_projects(project, [alice])
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200_000  # KiB


def _npy(shape: int, data: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": "<i8", "fortran_order": False, "shape": (shape,)})
    return buffer.getvalue() + data


@pytest.fixture
def kept_layout(demo_project, monkeypatch):
    """The demo project with its group's layout kept: (path, the kept arrays)."""
    from annotator.core.align import stored_layout as rows

    monkeypatch.setattr(rows, "KEEP_FROM", 1)
    with Store.open(demo_project) as store:
        rows.group_layout(store, 1)
        arrays = store.layouts.kept(1, False, store.layouts.version(1))
    assert arrays is not None
    return demo_project, arrays


def _replace_blob(path, blob: bytes) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE layouts SET data = ?", [blob])
        conn.commit()


def test_a_kept_layout_that_would_unpack_to_gigabytes_is_not_unpacked(kept_layout):
    import tracemalloc

    path, _ = kept_layout
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:  # 80 MB of zeros, deflated to 80 KB
        archive.writestr("documents.npy", _npy(10_000_000, bytes(80_000_000)))
    _replace_blob(path, bomb.getvalue())
    with Store.open(path, readonly=True) as store:
        tracemalloc.start()
        try:
            assert store.layouts.kept(1, False, store.layouts.version(1)) is None
            assert tracemalloc.get_traced_memory()[1] < 20_000_000
        finally:
            tracemalloc.stop()


@pytest.mark.parametrize("damage", ["negative node", "node out of range", "short cell scores", "missing array",
                                    "2-d array"])
def test_a_kept_layout_that_does_not_fit_is_laid_out_again(kept_layout, damage):
    from annotator.core.align.stored_layout import group_layout

    path, arrays = kept_layout
    with Store.open(path, readonly=True) as store:
        expected = [[cell.sentence_ids for cell in row.cells] for row in group_layout(store, 1).rows]
    arrays = dict(arrays)
    if damage == "negative node":
        arrays["nodes"] = arrays["nodes"].copy()
        arrays["nodes"][0] = -7  # the report's "index -7 is out of bounds"
    elif damage == "node out of range":
        arrays["nodes"] = arrays["nodes"] + len(arrays["nodes"])
    elif damage == "short cell scores":
        arrays["cell_score"] = arrays["cell_score"][:-1]
    elif damage == "missing array":
        del arrays["order"]
    elif damage == "2-d array":
        arrays["order"] = arrays["order"].reshape(1, -1)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    _replace_blob(path, buffer.getvalue())
    with Store.open(path, readonly=True) as store:
        layout = group_layout(store, 1)
        assert [[cell.sentence_ids for cell in row.cells] for row in layout.rows] == expected


# --------------------------------------------------------------------------- 3. types on read

def test_a_text_where_annotator_writes_a_number_is_refused_in_one_line(team, tmp_path):
    project, alice, _ = team
    _tamper(alice, "UPDATE sentences SET start = 'abc' WHERE id = (SELECT min(id) FROM sentences)")
    before = _sha(project)
    result = _cli("merge", project, alice)
    assert result.exit_code == 2
    _one_line(result.output, f"{alice}: holds a text value in sentences.start, where annotator writes integers")
    assert _sha(project) == before
    result = _cli("progress", alice)
    assert result.exit_code == 2
    _one_line(result.output, f"{alice}: holds a text value in sentences.start")
    with pytest.raises(ProjectError, match="holds a text value in sentences.start"):  # what alice started
        reassign(project, "alice", tmp_path / "more", returned=[alice])
    assert _sha(project) == before


def test_a_cached_vector_of_the_wrong_size_is_computed_again(demo_project):
    from annotator.core.align.embeddings import DIMENSION
    from annotator.core.align.group import prime_cache
    from tests.helpers.encoders import CountingEncoder

    encoder = CountingEncoder()
    with Store.open(demo_project) as store:
        sentences = store.documents.sentences(1)[:3]
        store.embeddings.put(encoder.name, [(s.id, s.text, np.ones(DIMENSION, dtype=np.float32).tobytes())
                                            for s in sentences])
    _tamper(demo_project, f"UPDATE embeddings SET vector = x'010203' WHERE sentence_id = {sentences[1].id}")
    with Store.open(demo_project) as store:
        assert [s.id for s in prime_cache(store, encoder, sentences)] == [sentences[1].id]  # to be encoded again
    assert encoder.encoded == 0


# --------------------------------------------------------------------------- 4. readers never write

def _as_version_10(path) -> None:
    """What the release before migration 11 wrote: no annotation origin, no suggestions, no
    rejected links (12), no search indexes (13), no history (14), no relations (15), no spans (16), no label
    groups (17), no compact copy of the vectors (18), no span ends of relations (19: gone with relations), no folded
    texts (20)."""
    _tamper(path, "DROP TRIGGER sentences_folds_delete; DROP TRIGGER sentences_folds_update; DROP TABLE sentence_folds;"
                  " DROP TABLE sentence_folds_state; DROP TABLE sentence_folds_pending; DROP TABLE search_terms; DROP TRIGGER embeddings_codes_drop; DROP TABLE vector_codes; DROP TABLE vector_codes_state;"
                  " DROP TABLE discussion_flags; DROP TABLE group_values; DROP TABLE label_groups;"
                  " ALTER TABLE labels DROP COLUMN group_id; DROP TABLE spans; DROP TABLE span_labels;"
                  " DROP TABLE events; DROP TABLE relations; DROP TRIGGER sentences_search_delete;"
                  " DROP TRIGGER sentences_search_update; DROP TABLE sentence_words; DROP TABLE sentence_trigrams;"
                  " DROP TABLE search_indexed; DROP TABLE rejected_links; DROP TABLE suggestions; ALTER TABLE annotations DROP COLUMN origin;"
                  " PRAGMA user_version = 10")


def test_readers_leave_an_older_package_byte_for_byte_as_it_was(team, tmp_path):
    project, alice, bob = team
    _as_version_10(alice)
    before, listing = _sha(alice), sorted(p.name for p in alice.parent.iterdir())
    reports = merge_projects(tmp_path / "out.sqlite", [alice])
    assert reports[0][1]["annotations_added"] == 3
    assert read_progress([alice, bob]).annotators[0].labels == 3
    assert _cli("export", alice, "--format", "csv").exit_code == 0
    assert _sha(alice) == before
    assert sorted(p.name for p in alice.parent.iterdir()) == listing  # no .v10.bak, no -wal, no -lock
