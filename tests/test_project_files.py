"""What is given as PROJECT that is not a project: a FIFO, a device, an empty file. Each is
refused with one line naming it, at once (nothing is opened that could wait for a writer) and
without writing anything; only the commands that make projects take an empty file as a new
one. And the files of a project this process has open are never opened beside it."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Store
from annotator.errors import ProjectError, ProjectLockedError

NOT_REGULAR = "is not a regular file (a device, FIFO or socket): not an annotator project"
EMPTY = "is empty (0 bytes): not an annotator project"


class Hung(Exception):
    pass


def _cli(*args):
    """The command, stopped after 5 seconds if it hangs (a FIFO opened for reading waits for a writer)."""
    def stop(*_):
        raise Hung(f"annotator {' '.join(map(str, args))} hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 5)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _refused(result, path: Path, problem: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output == f"error: {path}: {problem}\n"


def _commands(project: Path, other: Path, out: Path) -> list[list]:
    """Every kind of use of a project: read-only commands, a writer, merge's output and input."""
    return [["stats", project], ["export", project, "--format", "jsonl", "-o", out / "x.jsonl"],
            ["agreement", project], ["progress", project], ["label", project, "1", "claim"],
            ["merge", project, other], ["merge", out / "new.sqlite", project]]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_a_device_as_project_is_refused_at_once(demo_project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fifo = tmp_path / "fifo.sqlite"
    os.mkfifo(fifo)
    null = tmp_path / "null.sqlite"
    null.symlink_to(os.devnull)
    for special in (fifo, null):
        for command in _commands(special, demo_project, out):
            _refused(_cli(*command), special, NOT_REGULAR)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite", "fifo.sqlite", "null.sqlite", "out"]
    assert list(out.iterdir()) == []  # merge made no OUT, and no lock file was left anywhere


def test_an_empty_file_is_not_a_project_to_read_or_label(demo_project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for command in _commands(empty, demo_project, out):
        if command[:2] == ["merge", empty]:
            continue  # merge's OUT: a new project (below)
        _refused(_cli(*command), empty, EMPTY)
        assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite", "empty.sqlite", "out"]
    assert list(out.iterdir()) == []
    with pytest.raises(ProjectError, match="is empty"):
        Store.open(empty, readonly=True)


def test_the_commands_that_make_projects_fill_an_empty_file(demo_project, tmp_path, seeds):
    for command in (["merge", tmp_path / "m.sqlite", demo_project], ["import", tmp_path / "i.sqlite", seeds["002"]]):
        command[1].write_bytes(b"")
        result = _cli(*command, *(["--no-align"] if command[0] == "import" else []))
        assert result.exit_code == 0, result.output
        with Store.open(command[1], readonly=True) as store:
            assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] >= 1
    failed = tmp_path / "failed.sqlite"  # a failed import leaves the empty file there as it was: not its own
    failed.write_bytes(b"")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    assert _cli("import", failed, bad).exit_code == 2
    assert failed.exists()


def test_errors_outside_a_transaction_name_the_file(demo_project, monkeypatch):
    import annotator.core.dataset.stats as stats

    def damaged(store):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(stats, "project_stats", damaged)
    for arguments in (["stats", demo_project], ["stats", "--json", demo_project]):
        result = _cli(*arguments)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"error: {demo_project}: is damaged (database disk image is malformed): "
                                        f"check it with sqlite3 '{demo_project}' 'PRAGMA integrity_check'")


def test_the_open_project_is_not_read_as_a_document_nor_exported_over(demo_project, tmp_path):
    from annotator.core.dataset.export import export
    from annotator.core.text.ingest import read_bytes
    from annotator.errors import AnnotatorError, InputError

    as_text = tmp_path / "project.txt"  # a name import would take
    as_text.symlink_to(demo_project)
    with Store.open(demo_project) as store:
        with store.transaction():
            store.db.execute("INSERT INTO settings (key, value) VALUES ('probe', 'x')")
        for path in (as_text, Path(f"{demo_project}-wal"), Path(f"{demo_project}-shm")):
            with pytest.raises(InputError, match="is the open project file"):
                read_bytes(path)
        with pytest.raises(AnnotatorError, match="is the project being exported"):
            export(demo_project, "csv", demo_project)
        for companion in ("-wal", "-shm"):  # given as a project to read (a merge input)
            with pytest.raises(ProjectError, match="is the WAL, shared-memory or journal file of an open project"):
                Store.open(f"{demo_project}{companion}", readonly=True)
    assert Store.open(demo_project, readonly=True).db.execute("SELECT value FROM settings WHERE key = 'probe'"
                                                              ).fetchone() == ("x",)


def test_a_header_is_read_only_before_the_first_connection(demo_project, monkeypatch):
    """A read-only open beside a writer (the navigator's recount) opens no descriptor of its own."""
    opened = []
    real = Path.open

    def watch(self, *args, **kwargs):
        opened.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watch)
    with Store.open(demo_project):
        assert opened == [demo_project]  # the writer's open checked the header
        Store.open(demo_project, readonly=True).close()
        assert opened == [demo_project]
    Store.open(demo_project, readonly=True).close()  # nothing open any more: checked again
    assert opened == [demo_project, demo_project]


def test_a_lock_file_removed_by_its_holder_is_not_a_lock(tmp_path, monkeypatch):
    """Taking the lock on a lock file its holder removed meanwhile (a failed import's cleanup)
    would let a second writer in beside the one that takes the new file: it is let go."""
    from annotator.core.store import connection

    path = tmp_path / "p.sqlite"
    holder = connection.acquire_lock(path)
    real_open = os.open
    calls = []

    def open_then_holder_removes_it(name, *args, **kwargs):
        fd = real_open(name, *args, **kwargs)
        if name == f"{path}-lock" and not calls:
            calls.append(name)
            os.unlink(name)  # the holder removes its lock file and lets go, after we opened it
            holder.release()
        return fd

    monkeypatch.setattr(connection.os, "open", open_then_holder_removes_it)
    mine = connection.acquire_lock(path)
    monkeypatch.undo()
    try:
        assert calls and Path(f"{path}-lock").exists()
        with pytest.raises(ProjectLockedError):  # the file now at the path is the one held
            connection.acquire_lock(path)
    finally:
        mine.release()


def test_a_new_project_whose_opening_fails_is_not_left_behind(tmp_path, monkeypatch):
    from annotator.core.store.migrations import LATEST_VERSION, MIGRATIONS, Migration
    from annotator.core.store import connection

    broken = Migration(LATEST_VERSION + 1, "a step that cannot run", "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(connection, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(connection, "LATEST_VERSION", LATEST_VERSION + 1)
    with pytest.raises(ProjectError, match="no_such_table"):
        Store.open(tmp_path / "new.sqlite")
    assert list(tmp_path.iterdir()) == []
    kept = tmp_path / "kept.sqlite"  # an empty file that was there is not this open's to remove
    kept.write_bytes(b"")
    with pytest.raises(ProjectError, match="no_such_table"):
        Store.open(kept)
    assert kept.exists()
