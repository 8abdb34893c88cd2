"""Opening, locking and migrating a project; pragmas; nestable transactions; the thread rule."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest

from annotator.core.store.migrations import LATEST_VERSION, MIGRATIONS
from annotator.core.store import APPLICATION_ID, Store
from annotator.errors import ProjectError, ProjectLockedError


def test_new_project_settings(tmp_path):
    path = tmp_path / "p.sqlite"
    with Store.open(path) as store:
        def pragma(name):
            return store.db.execute(f"PRAGMA {name}").fetchone()[0]

        assert pragma("application_id") == APPLICATION_ID
        assert pragma("user_version") == LATEST_VERSION
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert [label.name for label in store.scheme.labels()] == ["claim", "attribution", "correction"]
        assert [label.key for label in store.scheme.labels()] == ["1", "2", "3"]
        assert "could be checked" in store.scheme.labels()[0].description
        assert store.integrity_check() == "ok"
    assert store.backup_path is None


def _make_version_1(path):
    """A project as the first release wrote it: migration 1 only, with a document and a label."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0].sql)
    conn.execute("INSERT INTO groups (name, created_at) VALUES ('g', 'now')")
    conn.execute("INSERT INTO documents (group_id, position, title, format, sha256, lang, lang_source, text,"
                 " imported_at) VALUES (1, 0, 'doc', 'text', 'abc', 'en', 'detected', 'Hello world.', 'now')")
    conn.execute("INSERT INTO paragraphs (document_id, idx, start, end, lang, lang_source)"
                 " VALUES (1, 0, 0, 12, 'en', 'detected')")
    conn.execute("INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, lang)"
                 " VALUES (1, 1, 0, 0, 12, 'Hello world.', 'en')")
    conn.execute("INSERT INTO labels (name, key, color, position) VALUES ('claim', '1', '#000', 0)")
    conn.execute("INSERT INTO annotators (name, created_at) VALUES ('ann', 'now')")
    conn.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at) VALUES (1, 1, 1, 'now')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_older_project_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    _make_version_1(path)
    with Store.open(path) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.backup_path == tmp_path / "old.sqlite.v1.bak"
        assert [a.label for a in store.annotations.of_sentence(1)] == ["claim"]
        assert store.db["embeddings"].exists() and store.db["settings"].exists()
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backup.close()


def test_a_reader_reads_a_migrated_copy_and_leaves_an_old_file_as_it_was(tmp_path):
    path = tmp_path / "old.sqlite"
    _make_version_1(path)
    before = path.read_bytes()
    with Store.open(path, readonly=True) as store:
        assert store.schema_version() == LATEST_VERSION
        assert [a.label for a in store.annotations.of_sentence(1)] == ["claim"]
        assert store.backup_path is None
        copy = Path(store.db.execute("PRAGMA database_list").fetchone()[2])
        assert copy != path and copy.exists()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]  # no .bak, no lock, no WAL
    assert not copy.parent.exists()  # the copy went with the store


def test_newer_project_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="newer annotator"):
        Store.open(path)
    Store.open(tmp_path / "other.sqlite").close()  # the lock was released: no stale lock either
    with pytest.raises(ProjectError, match="newer annotator"):
        Store.open(path)


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="not an annotator project"):
        Store.open(path)


@pytest.mark.parametrize("content", [b"just some text, not a database", b"\x89PNG\r\n\x1a\n" + bytes(100)])
def test_non_database_file_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match="not an annotator project"):
        Store.open(path)
    assert path.read_bytes() == content


def test_corrupt_project_is_refused(tmp_path):
    path = tmp_path / "corrupt.sqlite"
    with Store.open(path):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # trash the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="corrupt"):
        Store.open(path)


def test_missing_or_unusable_paths(tmp_path):
    with pytest.raises(ProjectError, match="no such project file"):
        Store.open(tmp_path / "missing.sqlite", readonly=True)
    with pytest.raises(ProjectError, match="is a directory"):
        Store.open(tmp_path)
    with pytest.raises(ProjectError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "dir.sqlite")


def test_second_writer_is_told_the_project_is_open(tmp_path):
    path = tmp_path / "p.sqlite"
    with Store.open(path):
        with pytest.raises(ProjectLockedError, match="already open in another annotator process"):
            Store.open(path)
        with Store.open(path, readonly=True) as reader:  # readers are fine
            assert reader.scheme.labels()
    with Store.open(path):  # free again once closed
        pass


def test_reader_cannot_write(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        with pytest.raises(ProjectError, match="read-only"):
            store.annotations.set(1, "claim", "ann")


def test_foreign_keys_are_enforced(demo_project):
    with Store.open(demo_project) as store:
        with pytest.raises(ProjectError, match="FOREIGN KEY constraint failed"):  # one line, not a traceback
            with store.transaction():
                store.db.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at)"
                                 " VALUES (999999, 1, 1, 'x')")


def _labels(path) -> list[str]:
    with Store.open(path, readonly=True) as reader:
        return [label.name for label in reader.scheme.labels()]


def test_transactions_nest_as_savepoints(tmp_path):
    path = tmp_path / "p.sqlite"
    with Store.open(path) as store:
        with store.transaction():
            store.scheme.add("outer", None, "#000000")
            with pytest.raises(ProjectError):
                with store.transaction():  # an inner part that fails undoes only itself
                    store.scheme.add("inner", None, "#000000")
                    raise ProjectError(None, "inner part failed")
            assert _labels(path) == ["claim", "attribution", "correction"]  # nothing committed yet
        assert _labels(path) == ["claim", "attribution", "correction", "outer"]
        with pytest.raises(RuntimeError):
            with store.transaction():  # an outer failure undoes its committed-looking inner parts too
                store.scheme.add("first", None, "#000000")
                store.scheme.add("second", None, "#000000")
                raise RuntimeError("the command failed half-way")
        assert _labels(path) == ["claim", "attribution", "correction", "outer"]
        assert not store.db.conn.in_transaction


def test_a_connection_belongs_to_its_thread(tmp_path):
    """The thread rule: a job that used the UI's connection fails at once; its own works."""
    path = tmp_path / "p.sqlite"
    with Store.open(path) as store:
        errors, results = [], []

        def misuse():
            try:
                store.scheme.labels()
            except sqlite3.ProgrammingError as error:
                errors.append(str(error))

        def proper():
            with store.worker() as own:
                assert own.db.conn is not store.db.conn
                own.scheme.add("from a job", None, "#000000")
                results.append([label.name for label in own.scheme.labels()])

        for target in (misuse, proper):
            thread = threading.Thread(target=target)
            thread.start()
            thread.join()
        assert errors and "thread" in errors[0]
        assert results == [["claim", "attribution", "correction", "from a job"]]
        assert [label.name for label in store.scheme.labels()][-1] == "from a job"  # committed, seen here
        store.scheme.add("after the job", None, "#000000")  # the UI's lock is still held and usable
    with Store.open(path):  # the job's connection did not keep or release the writer's lock
        pass


def test_a_job_writes_while_the_ui_reads(tmp_path):
    """A background job commits on its own connection while the UI's connection sits inside a
    read (a long paint): the UI keeps its snapshot, then sees the job's work."""
    path = tmp_path / "p.sqlite"
    with Store.open(path) as store:
        with store.snapshot():
            before = [label.name for label in store.scheme.labels()]
            def job():
                with store.worker() as own:
                    own.scheme.add("job", None, "#000000")

            thread = threading.Thread(target=job)
            thread.start()
            thread.join()
            assert [label.name for label in store.scheme.labels()] == before
        assert [label.name for label in store.scheme.labels()][-1] == "job"


def test_version_5_links_become_links_between_any_two_documents(tmp_path):
    """Migration 6: pivot/other links are kept, ids, scores, origins and times included, as
    source/target; the backup holds the version 5 file."""
    path = tmp_path / "v5.sqlite"
    conn = sqlite3.connect(path)
    for migration in MIGRATIONS[:5]:
        conn.executescript(migration.sql)
    conn.execute("INSERT INTO groups (name, created_at) VALUES ('g', 'now')")
    for d in (1, 2):
        conn.execute("INSERT INTO documents (group_id, position, title, format, sha256, lang, lang_source, text,"
                     f" imported_at) VALUES (1, {d}, 'doc', 'text', 'h{d}', 'en', 'detected', 'One. Two.', 'now')")
        conn.execute(f"INSERT INTO paragraphs (document_id, idx, start, end, lang, lang_source)"
                     f" VALUES ({d}, 0, 0, 9, 'en', 'detected')")
        for k, (start, end, text) in enumerate([(0, 4, "One."), (5, 9, "Two.")]):
            conn.execute("INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, lang)"
                         f" VALUES ({d}, {d}, {k}, {start}, {end}, '{text}', 'en')")
    conn.execute("INSERT INTO links (id, group_id, pivot_document_id, other_document_id, score, origin, created_at)"
                 " VALUES (7, 1, 1, 2, 0.75, 'machine', 't1'), (9, 1, 1, 2, NULL, 'manual', 't2')")
    conn.executemany("INSERT INTO link_sentences VALUES (?, ?, ?)",
                     [(7, 1, "pivot"), (7, 3, "other"), (7, 4, "other"), (9, 2, "pivot"), (9, 4, "other")])
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version() == LATEST_VERSION
        links = store.links.in_group(1)
        assert [(link.id, link.source, link.target, link.score, link.origin) for link in links] == [
            (7, [1], [3, 4], 0.75, "machine"), (9, [2], [4], None, "manual")]
        assert [link.id for link in store.links.between(2, 1)] == [7, 9]  # either way round
        assert store.links.between(2, 1)[0].source == [3, 4]
        assert store.db.execute("SELECT created_at FROM links ORDER BY id").fetchall() == [("t1",), ("t2",)]
        assert store.integrity_check() == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        store.links.remove([7])  # the cascade still reaches link_sentences
        assert store.db.execute("SELECT count(*) FROM link_sentences WHERE link_id = 7").fetchone()[0] == 0
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 5
    assert backup.execute("SELECT count(*) FROM link_sentences WHERE side = 'pivot'").fetchone()[0] == 2
    backup.close()


def test_a_second_writer_is_refused_at_once(tmp_path):
    """Refused, never waited for: under half a second in process, under three through the CLI."""
    import os
    import subprocess
    import sys
    import time

    path = tmp_path / "p.sqlite"
    with Store.open(path):
        started = time.perf_counter()
        with pytest.raises(ProjectLockedError):
            Store.open(path)
        assert time.perf_counter() - started < 0.5
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "annotator", "label", str(path), "1", "claim"],
                                capture_output=True, text=True, timeout=60, env={**os.environ, "ANNOTATOR_NAME": "x"})
        assert result.returncode == 2 and "already open" in result.stderr
        assert time.perf_counter() - started < 3


def test_version_3_judgements_are_backfilled_from_annotations(tmp_path):
    """Migration 4: every annotator who labeled a sentence has judged it, at their first label's
    time; the backup holds what the version 3 file held (schema and rows, every table)."""
    path = tmp_path / "v3.sqlite"
    _make_version_1(path)
    conn = sqlite3.connect(path)
    for migration in MIGRATIONS[1:3]:
        conn.executescript(migration.sql)
    conn.execute("INSERT INTO labels (name, key, color, position) VALUES ('attribution', '2', '#111', 1)")
    conn.execute("INSERT INTO annotators (name, created_at) VALUES ('bob', 'now')")
    conn.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at) VALUES (1, 2, 1, 'a-late')")
    conn.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at) VALUES (1, 2, 2, 'b-time')")
    conn.execute("UPDATE annotations SET created_at = 'a-early' WHERE annotator_id = 1 AND label_id = 1")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with sqlite3.connect(path) as conn:
        original = list(conn.iterdump())
    with Store.open(path) as store:
        judged = store.db.execute("SELECT a.name, j.sentence_id, j.created_at FROM judgements j"
                                  " JOIN annotators a ON a.id = j.annotator_id ORDER BY a.name").fetchall()
        assert judged == [("ann", 1, "a-early"), ("bob", 1, "b-time")]
        assert [row[2] for row in store.annotations.judgements()] == [["claim", "attribution"], ["attribution"]]
    assert store.backup_path.name == "v3.sqlite.v3.bak"
    with sqlite3.connect(store.backup_path) as backup:
        assert list(backup.iterdump()) == original
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 3


def test_times_are_utc_to_the_millisecond_with_a_z():
    import re

    from annotator.core.store.connection import now

    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", now())


def test_header_problems_are_one_line_naming_the_file(tmp_path):
    from annotator.core.store.connection import check_header

    class Unreadable:
        def __init__(self, error):
            self.error = error

        def open(self, mode):
            raise self.error

        def __str__(self):
            return "locked/p.sqlite"

    with pytest.raises(ProjectError) as denied:
        check_header(Unreadable(PermissionError(13, "Permission denied")))
    assert str(denied.value) == "locked/p.sqlite: cannot be read: permission denied"
    with pytest.raises(ProjectError) as failed:
        check_header(Unreadable(OSError(5, "Input/output error")))
    assert str(failed.value) == "locked/p.sqlite: cannot be read: Input/output error"
    with pytest.raises(ProjectError) as bare:
        check_header(Unreadable(OSError("the disk went away")))
    assert str(bare.value) == "locked/p.sqlite: cannot be read: the disk went away"
    text = tmp_path / "notes.sqlite"
    text.write_bytes(b"just some text, not a database")
    with pytest.raises(ProjectError) as wrong:
        check_header(text)
    assert str(wrong.value) == f"{text}: is not an annotator project (not an SQLite database)"
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    check_header(empty)  # a new, empty file is fine


def test_refusals_name_the_file(tmp_path):
    path = tmp_path / "p.sqlite"
    with Store.open(path):
        with pytest.raises(ProjectLockedError) as locked:
            Store.open(path)
    assert str(locked.value) == f"{path}: is already open in another annotator process; close it there first"
    newer = tmp_path / "newer.sqlite"
    Store.open(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 3}")
    with pytest.raises(ProjectError) as refused:
        Store.open(newer)
    assert str(refused.value) == (f"{newer}: was written by a newer annotator (schema version {LATEST_VERSION + 3};"
                                  f" this one reads up to {LATEST_VERSION}): upgrade annotator to open it")
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(ProjectError) as broken:
        Store.open(damaged)
    assert str(broken.value).startswith(f"{damaged}: is damaged (file is not a database)")


def test_a_lock_file_that_cannot_be_made_is_one_line(tmp_path):
    from annotator.core.store.connection import acquire_lock

    path = tmp_path / "p.sqlite"
    (tmp_path / "p.sqlite-lock").mkdir()  # something else sits where the lock file goes
    with pytest.raises(ProjectError) as failed:
        acquire_lock(path)
    assert str(failed.value) == f"{path}: cannot create its lock file: Is a directory"
    assert not isinstance(failed.value, ProjectLockedError)


def test_a_file_sqlite_cannot_open_is_one_line(tmp_path):
    from annotator.core.store.connection import connect

    with pytest.raises(ProjectError) as failed:
        connect(tmp_path)
    assert str(failed.value) == f"{tmp_path}: cannot be opened (unable to open database file)"


def test_the_connection_autocommits_outside_transactions_and_reads_bad_utf8(tmp_path):
    from annotator.core.store.connection import connect

    path = tmp_path / "plain.sqlite"
    db = connect(path)
    db.execute("CREATE TABLE t (x TEXT)")
    db.conn.execute("INSERT INTO t VALUES (CAST(X'66ff6f' AS TEXT))")  # 'f', a byte that is not UTF-8, 'o'
    with contextlib.closing(sqlite3.connect(path)) as other:
        assert other.execute("SELECT count(*) FROM t").fetchone()[0] == 1  # committed already
    assert db.execute("SELECT x FROM t").fetchone()[0] == "f\ufffdo"
    db.close()


@pytest.mark.parametrize("pragmas", ["PRAGMA user_version = 7", "PRAGMA application_id = 1234"])
def test_an_empty_database_of_another_application_is_refused(tmp_path, pragmas):
    path = tmp_path / "other.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(pragmas)
    with pytest.raises(ProjectError) as refused:
        Store.open(path)
    assert str(refused.value) == f"{path}: is an SQLite database but not an annotator project"


def test_errors_inside_a_transaction_name_the_file(demo_project):
    with Store.open(demo_project) as store:
        with pytest.raises(ProjectError) as failed:
            with store.transaction():
                store.db.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at)"
                                 " VALUES (999999, 1, 1, 'x')")
    assert str(failed.value).startswith(f"{demo_project}: ")


def _journal_mode(path):
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_writer_turns_wal_on_and_a_reader_leaves_the_file_alone(tmp_path):
    path = tmp_path / "p.sqlite"
    Store.open(path).close()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    with Store.open(path, readonly=True) as reader:
        assert reader.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert _journal_mode(path) == "delete"
    with Store.open(path) as writer:
        assert writer.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_reader_of_an_old_file_needs_no_lock_and_upgrades_nothing(tmp_path):
    import filelock

    path = tmp_path / "old.sqlite"
    _make_version_1(path)
    held = filelock.FileLock(f"{path}-lock", timeout=0)
    held.acquire()
    try:
        with Store.open(path, readonly=True) as reader:  # another process is writing: reading is fine
            assert reader.schema_version() == LATEST_VERSION
    finally:
        held.release()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # left as it was
    with Store.open(path) as writer:  # the writer upgrades it, after a backup
        assert writer.schema_version() == LATEST_VERSION and writer.backup_path is not None


def test_backups_of_the_same_version_are_numbered_not_overwritten(tmp_path):
    path = tmp_path / "old.sqlite"
    _make_version_1(path)
    (tmp_path / "old.sqlite.v1.bak").write_bytes(b"an earlier backup")
    (tmp_path / "old.sqlite.v1.2.bak").write_bytes(b"another one")
    with Store.open(path) as store:
        assert store.backup_path == tmp_path / "old.sqlite.v1.3.bak"
    assert (tmp_path / "old.sqlite.v1.bak").read_bytes() == b"an earlier backup"
    assert (tmp_path / "old.sqlite.v1.2.bak").read_bytes() == b"another one"
    again = tmp_path / "again.sqlite"
    _make_version_1(again)
    (tmp_path / "again.sqlite.v1.bak").write_bytes(b"an earlier backup")
    with Store.open(again) as store:
        assert store.backup_path == tmp_path / "again.sqlite.v1.2.bak"


def test_removing_a_project_removes_its_companion_files_only(tmp_path):
    from annotator.core.store.connection import remove_project_files

    path = tmp_path / "p.sqlite"
    for suffix in ("", "-wal", "-shm", "-journal", "-lock", ".v1.bak", "-other"):
        (tmp_path / f"p.sqlite{suffix}").write_bytes(b"x")
    remove_project_files(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.sqlite-other", "p.sqlite.v1.bak"]
    remove_project_files(path)  # nothing left to remove: no error
    remove_project_files(str(tmp_path / "never.sqlite"))


def test_a_migration_that_fails_names_the_file_and_keeps_the_files_version(tmp_path, monkeypatch):
    from annotator.core.store.migrations import Migration
    from annotator.core.store import connection

    path = tmp_path / "p.sqlite"
    Store.open(path).close()
    broken = Migration(LATEST_VERSION + 1, "a step that cannot run",
                       "CREATE TABLE fine (x); INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(connection, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(connection, "LATEST_VERSION", LATEST_VERSION + 1)
    with pytest.raises(ProjectError) as failed:
        Store.open(path)
    assert str(failed.value).startswith(f"{path}: ") and "no_such_table" in str(failed.value)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'fine'").fetchone()[0] == 0
    # the file is as it was, so the copy made before migrating is not left behind to pile up
    assert not (tmp_path / f"p.sqlite.v{LATEST_VERSION}.bak").exists()
