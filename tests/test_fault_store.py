"""Faults inside the project file: read-only files, damaged pages, a full disk. Each is one
line naming the file, exit code 2, nothing changed, and a healthy file is never called corrupt."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Store
from annotator.errors import ProjectError


def _hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ANNOTATOR_NAME": "tester"})


def _one_line_error(result, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_file_that_cannot_be_written_says_read_only(demo_project):
    with Store.open(demo_project) as store:
        store.db.execute("PRAGMA query_only = ON")  # SQLite refuses every write, as for a read-only file
        with pytest.raises(ProjectError, match="read-only") as raised:
            store.annotations.set(1, "claim", "ann")
        assert "\n" not in str(raised.value) and "corrupt" not in str(raised.value)
        store.db.execute("PRAGMA query_only = OFF")
        assert store.annotations.all() == []


def test_an_immutable_file_is_read_only_through_the_cli(demo_project):
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(demo_project)]).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        before = _hash(demo_project)
        _one_line_error(_run("label", str(demo_project), "1", "claim"), "read-only", str(demo_project))
        assert _hash(demo_project) == before
    finally:
        subprocess.run(["chattr", "-i", str(demo_project)])


def test_an_immutable_file_of_an_older_version_says_it_needs_an_upgrade(tmp_path):
    """A reader (stats, export) reads a migrated copy of an old file and never writes to it; a
    writer that cannot upgrade it says why it wanted to write, and no backup copy is left behind
    for each try."""
    from tests.helpers.old_projects import old_project

    old = tmp_path / "old.sqlite"
    conn = old_project(old, 6)  # as the release before migration 7 left it
    conn.execute("INSERT INTO labels (name, key, color, position) VALUES ('claim', '1', '#000', 0)")
    conn.commit()
    conn.close()
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(old)]).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        before = _hash(old)
        assert _run("stats", str(old)).returncode == 0
        for _ in range(2):
            _one_line_error(_run("label", str(old), "1", "claim"),
                            "read-only, and saved by an older annotator (schema version 6",
                            "copy it somewhere writable", str(old))
        assert _hash(old) == before
        assert sorted(p.name for p in tmp_path.glob("old.sqlite.v*.bak")) == []
    finally:
        subprocess.run(["chattr", "-i", str(old)])
    assert _run("stats", str(old)).returncode == 0 and _hash(old) == before  # a reader leaves it as it was
    assert _run("label", str(old), "1", "claim").returncode == 0  # writable again: upgraded, with its one backup
    assert sorted(p.name for p in tmp_path.glob("old.sqlite.v*.bak")) == ["old.sqlite.v6.bak"]


@pytest.fixture
def damaged(demo_project, tmp_path):
    """A valid project with one page in the middle of its sentences overwritten with 0xff bytes
    (the file's own middle page moves as the schema grows: it may hold a table export never reads)."""
    import sqlite3

    path = tmp_path / "damaged.sqlite"
    shutil.copyfile(demo_project, path)
    with sqlite3.connect(path) as conn:
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = 'sentences'"
                                                " AND pagetype = 'leaf' ORDER BY pageno")]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * page)
        handle.write(b"\xff" * page)
    return path


def test_a_damaged_project_is_refused_by_export_and_merge_with_advice(damaged, tmp_path):
    out = tmp_path / "out.jsonl"
    result = _run("export", str(damaged), "--format", "jsonl", "-o", str(out))
    _one_line_error(result, "is damaged", "PRAGMA integrity_check", ".bak", str(damaged))
    assert not out.exists()
    merged = tmp_path / "merged.sqlite"
    _one_line_error(_run("merge", str(merged), str(damaged)), "is damaged", str(damaged))
    assert not merged.exists()  # the output this merge would have created is not left behind


def test_a_damaged_project_is_refused_by_the_hf_export_and_no_folder_is_left(damaged, tmp_path):
    """The hf export checks the pages beside its own reading (its own connection, in a thread):
    the damage is still the one line, and neither the folder nor its half-built copy stays."""
    pytest.importorskip("pyarrow")
    out = tmp_path / "dataset"
    _one_line_error(_run("export", str(damaged), "--format", "hf", "-o", str(out)),
                    "is damaged", "PRAGMA integrity_check", str(damaged))
    assert not out.exists() and not list(tmp_path.glob(".dataset.*"))


def test_a_damaged_page_met_while_labeling_is_one_line(damaged):
    result = CliRunner().invoke(main, ["stats", str(damaged)])
    assert result.exit_code in (0, 2)  # stats may not read the damaged page; it never tracebacks
    assert "Traceback" not in result.output
    for sentence in (1, 40, 80, 120):  # some of these reach the damaged page
        result = _run("label", str(damaged), str(sentence), "claim")
        assert result.returncode in (0, 2) and "Traceback" not in result.stderr, result.stderr
        if result.returncode == 2:
            assert result.stderr.count("\n") == 1 and ("damaged" in result.stderr or "no sentence" in result.stderr)


def _overwrite_page(path, table: str, offset: int, data: bytes) -> None:
    """Write `data` at `offset` into the first page (the root) of `table`."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page + offset)
        handle.write(data)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_refuses_a_damaged_groups_page_instead_of_writing_no_sentences(demo_project, tmp_path, fmt):
    """A damaged groups page read as no groups: the export wrote a header and said "0 sentences"."""
    _overwrite_page(demo_project, "groups", 8, b"\xff" * 4000)
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", str(demo_project), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{demo_project}: is damaged" in result.stderr
    assert not out.exists() and list(tmp_path.glob(".out.*")) == []  # no partial output either


def test_label_on_a_damaged_labels_page_is_one_line(demo_project):
    """A cell pointer of the labels page overwritten: a label reads back without a name."""
    import sqlite3

    _overwrite_page(demo_project, "labels", 8, b"\x00")
    with sqlite3.connect(demo_project) as conn:  # the damage this test is about
        assert None in [row[0] for row in conn.execute("SELECT name FROM labels ORDER BY position, id")]
    result = CliRunner().invoke(main, ["label", str(demo_project), "50", "claim"])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{demo_project}: is damaged" in result.stderr and "label" in result.stderr


@pytest.fixture
def blob_text(demo_project):
    """A project where one content sentence's text is a BLOB (another program wrote it, or a
    hostile file): its id."""
    import sqlite3

    with sqlite3.connect(demo_project) as conn:
        sentence = conn.execute("SELECT id FROM sentences WHERE document_id = 2 AND boilerplate = 0"
                                " ORDER BY idx LIMIT 1").fetchone()[0]
        conn.execute("UPDATE sentences SET text = CAST(text AS BLOB) WHERE id = ?", [sentence])
    return sentence


def _refused_for_the_blob(result, project, sentence) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{project}: sentence {sentence} holds binary data (a BLOB) where its text should be" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "pairs", "tmx"])
def test_a_blob_for_a_sentence_text_is_refused_by_every_export(demo_project, blob_text, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", str(demo_project), "--format", fmt, "-o", str(out)])
    _refused_for_the_blob(result, demo_project, blob_text)
    assert not out.exists()


def test_a_blob_for_a_sentence_text_is_refused_by_align_split_merge_and_the_reader(demo_project, blob_text, tmp_path):
    runner = CliRunner()
    _refused_for_the_blob(runner.invoke(main, ["align", str(demo_project), "--method", "length"]),
                          demo_project, blob_text)
    _refused_for_the_blob(runner.invoke(main, ["split", str(demo_project), str(blob_text), "3"]),
                          demo_project, blob_text)
    merged = tmp_path / "merged.sqlite"
    # a merge input's values are type-checked before it is read: that check names the column
    result = runner.invoke(main, ["merge", str(merged), str(demo_project)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{demo_project}: holds a blob value in sentences.text" in result.stderr
    assert not merged.exists()
    with Store.open(demo_project, readonly=True) as store:  # what the desktop app reads
        with pytest.raises(ProjectError, match=f"sentence {blob_text} holds binary data"):
            store.documents.sentences(2)
        with pytest.raises(ProjectError, match=f"sentence {blob_text} holds binary data"):
            store.documents.find_sentences(1, "the")


def test_a_full_disk_says_disk_full_and_changes_nothing(demo_project, seeds):
    from annotator.core.text.importer import analyze_files

    with Store.open(demo_project) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # not one more page: the disk is full
        documents = analyze_files([seeds["000"]], group="another story")
        documents = [(doc, "another") for doc, _ in documents]
        for doc, _ in documents:  # make it a new document, so that it must be written
            doc.source.sha256 = "f" * 64
        with pytest.raises(ProjectError) as raised:
            store.documents.import_documents(documents)
        message = str(raised.value)
        assert "disk full" in message and "corrupt" not in message and "\n" not in message
        assert not store.db.conn.in_transaction
        assert store.documents.by_hash("f" * 64) is None
        assert store.integrity_check() == "ok"
    with Store.open(demo_project, readonly=True) as store:
        assert store.integrity_check() == "ok"
        assert len(store.stats.document_summaries()) == 4


@pytest.mark.slow
def test_a_real_full_disk_through_the_cli(demo_project, tmp_path, seeds):
    small = tmp_path / "small"
    small.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(small)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        project = small / "p.sqlite"
        shutil.copyfile(seeds["000"], small / "a.txt")
        assert _run("import", str(project), str(small / "a.txt")).returncode == 0
        # fill what is left; unbuffered, so that no byte a full disk refused is written again at close
        # (whether one was depended on how far the schema had filled the last 64 KiB)
        with open(small / "filler", "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        before = _hash(project)
        result = _run("import", str(project), str(seeds["001"]), str(seeds["002"]), str(seeds["003"]))
        _one_line_error(result, "disk full")
        assert "corrupt" not in result.stderr
        (small / "filler").unlink()  # room again: a reader of a WAL file needs some for its index
        with Store.open(project, readonly=True) as store:
            assert store.integrity_check() == "ok" and len(store.stats.document_summaries()) == 1
        assert _hash(project) == before
    finally:
        subprocess.run(["umount", str(small)])


def test_text_that_is_not_utf8_inside_a_project_is_replaced_everywhere(demo_project, tmp_path):
    """A title and a sentence stored by another tool as bytes that are not UTF-8: exports stay
    valid UTF-8 JSON and CSV (U+FFFD in their place), and stats, merge and consistency work."""
    import csv
    import json

    with Store.open(demo_project) as store:
        with store.transaction():
            store.db.execute("UPDATE documents SET title = CAST(X'54ff' AS TEXT) WHERE id = 1")
            store.db.execute("UPDATE sentences SET text = CAST(X'4869ff21' AS TEXT) WHERE id = 1")
    jsonl, table = tmp_path / "out.jsonl", tmp_path / "out.csv"
    runner = CliRunner()
    for args in (["export", str(demo_project), "--format", "jsonl", "-o", str(jsonl)],
                 ["export", str(demo_project), "--format", "csv", "-o", str(table)],
                 ["stats", str(demo_project)], ["consistency", str(demo_project)],
                 ["merge", str(tmp_path / "merged.sqlite"), str(demo_project)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    rows = [json.loads(line) for line in jsonl.read_bytes().decode("utf-8").splitlines()]
    assert rows[0]["text"] == "Hi\ufffd!" and rows[0]["doc_title"] == "T\ufffd"
    cells = list(csv.reader(table.read_bytes().decode("utf-8").splitlines()))
    assert cells[1][cells[0].index("text")] == "Hi\ufffd!"


@pytest.mark.slow
def test_a_merge_killed_at_any_moment_merged_all_or_nothing(demo_project, tmp_path):
    """SIGKILL during `merge OUT a b c ...`: OUT holds every input's annotations or none."""
    import random
    import signal
    import time

    inputs = []
    for k in range(6):
        path = tmp_path / f"annotator{k}.sqlite"
        shutil.copyfile(demo_project, path)
        with Store.open(path) as store:
            store.annotations.add_many([(i, "claim", f"ann{k}", None) for i in range(1, 90)])
        inputs.append(str(path))
    chance = random.Random(11)
    for attempt in range(6):
        out = tmp_path / f"out{attempt}.sqlite"
        shutil.copyfile(demo_project, out)
        process = subprocess.Popen([sys.executable, "-m", "annotator", "merge", str(out), *inputs],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.2, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store.open(out, readonly=True) as store:
            assert store.integrity_check() == "ok"
            count = len(store.annotations.all())
        assert count in (0, 6 * 89), count  # which of the two a kill meets depends on the machine's speed
