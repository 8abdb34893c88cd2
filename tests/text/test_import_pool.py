"""A many-file import analysed by worker processes (text/pool.py) stores exactly what the
one-process path stores, and keeps its all-or-nothing, cancel and progress behaviour."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import sqlite3
import sys
import threading

import pytest

from annotator.core.session.importing import import_files
from annotator.core.text import pool
from annotator.core.text.importer import ImportCancelled, analyze_files
from annotator.errors import InputError
from tests.benchmarks.corpus import write_corpus


@pytest.fixture
def files(tmp_path, seeds, monkeypatch):
    """The seeds and 14 shuffled-seed articles, with a JSONL file of two groups among them;
    the pool's size floor lowered so that this small batch goes to the workers."""
    monkeypatch.setattr(pool, "POOL_MIN_BYTES", 0)
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in [
        {"text": "Der Konvoi erreichte am Morgen die Grenze. Die Helfer warteten.", "group": "convoy"},
        {"text": "Le convoi est arrivé à la frontière ce matin.", "lang": "fr", "id": 7},
    ]) + "\n", encoding="utf-8")
    articles = write_corpus(tmp_path / "corpus", 250_000, seed=3)  # 14 articles
    return [*seeds.values(), *articles[:8], jsonl, *articles[8:]]


def _documents(paths, **options):
    return [(document.source, document.lang, list(document.paragraphs), list(document.sentences), group)
            for document, group in analyze_files(paths, **options)]


def test_workers_analyse_exactly_what_one_process_does(files):
    assert pool.pooled_files(files, 2) == list(range(len(files)))
    serial = _documents(files)
    analysed = analyze_files(files, workers=2)
    first = next(analysed)
    assert len(multiprocessing.active_children()) == 2  # the workers are there...
    pooled = [(first[0].source, first[0].lang, list(first[0].paragraphs), list(first[0].sentences), first[1])]
    pooled += [(d.source, d.lang, list(d.paragraphs), list(d.sentences), g) for d, g in analysed]
    assert not multiprocessing.active_children()  # ...and gone with the last document
    assert len(serial) == len(files) + 1 and pooled == serial
    assert {group for *_, group in pooled} == {files[0].stem, "convoy"}


def _rows(project) -> dict[str, list]:
    with sqlite3.connect(project) as db:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("paragraphs", "sentences")} | {
            "groups": db.execute("SELECT id, name, pivot_document_id, layout_version FROM groups").fetchall(),
            "documents": db.execute("SELECT id, group_id, position, title, source_path, format, sha256, encoding, "
                                    "lang, lang_source, external_id, metadata, CAST(text AS BLOB), typeof(text) "
                                    "FROM documents ORDER BY id").fetchall()}


def test_the_project_holds_the_same_bytes_either_way(tmp_path, files):
    serial, pooled = tmp_path / "serial.sqlite", tmp_path / "pooled.sqlite"
    outcomes = import_files(serial, files, workers=1)
    assert import_files(pooled, files, workers=2) == outcomes
    assert _rows(pooled) == _rows(serial)
    assert sum(o.sentences for o in outcomes) > 1000


def test_the_app_thread_starts_fresh_workers_and_gets_the_same(files):
    """Off the main thread (the app imports in a Qt thread) the workers are not forked."""
    found = {}

    def run():
        found["method"] = pool.start_method()
        found["documents"] = _documents(files[:6], workers=2)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert found["method"] in ("forkserver", "spawn")
    assert found["documents"] == _documents(files[:6])
    if threading.active_count() == 1 and sys.platform.startswith("linux"):  # the command line's case
        assert pool.start_method() == "fork"


def test_a_frozen_app_analyses_in_process_off_the_fork_path(files, monkeypatch):
    """Its executable is the app itself: fresh interpreters are not started from a thread."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    found = {}
    thread = threading.Thread(target=lambda: found.update(pooled=pool.pooled_files(files, 2)))
    thread.start()
    thread.join()
    assert found["pooled"] == []


def test_a_bad_file_among_good_ones_stores_nothing(tmp_path, files):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    project = tmp_path / "p.sqlite"
    import_files(project, files[:2], workers=1)
    before = _rows(project)
    batch = [*files[2:12], bad, *files[12:]]
    with pytest.raises(InputError) as alone:
        import_files(project, batch, workers=1)
    with pytest.raises(InputError) as pooled:
        import_files(project, batch, workers=2)
    assert str(pooled.value) == str(alone.value) and str(pooled.value).startswith(f"{bad}: is a PNG image")
    assert "\n" not in str(pooled.value) and pooled.value.source == str(bad)
    assert _rows(project) == before
    assert not multiprocessing.active_children()


def test_cancel_and_progress_per_file_as_in_one_process(tmp_path, files):
    for workers in (1, 2):
        project = tmp_path / f"p{workers}.sqlite"
        seen = []
        with pytest.raises(ImportCancelled):
            import_files(project, files, workers=workers, progress=lambda done, total, path: seen.append((done, path)),
                         cancelled=lambda: len(seen) >= 5)
        assert seen == [(n, str(path)) for n, path in enumerate(files[:5])]
        assert not project.exists()
        assert not multiprocessing.active_children()
    progress = []
    import_files(tmp_path / "whole.sqlite", files, workers=2, progress=lambda *step: progress.append(step))
    assert progress == [(n, len(files), str(p)) for n, p in enumerate(files)] + [(len(files), len(files), "")]


def test_large_files_stay_in_the_importing_process(tmp_path, files, monkeypatch):
    sizes = [path.stat().st_size for path in files]
    monkeypatch.setattr(pool, "IN_PROCESS_BYTES", sorted(sizes)[len(sizes) // 2])
    small = [index for index, size in enumerate(sizes) if size < pool.IN_PROCESS_BYTES]
    assert pool.pooled_files(files, 2) == small and len(small) < len(files)
    assert _documents(files, workers=2) == _documents(files)
    assert pool.pooled_files(files, 1) == [] and pool.pooled_files(files[:1], 4) == []


def test_a_project_error_crosses_processes_whole():
    error = pickle.loads(pickle.dumps(InputError("dir/a.txt", "is a PNG image")))
    assert type(error) is InputError and str(error) == "dir/a.txt: is a PNG image"
    assert (error.source, error.problem, error.line()) == ("dir/a.txt", "is a PNG image", "dir/a.txt: is a PNG image")
