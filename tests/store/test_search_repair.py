"""A dropped or damaged full-text index is made again by a writer instead of refusing the
project: search works afterwards, the labels are untouched, and it is said in one line."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys

import pytest

from annotator.core.store import Store
from annotator.core.text.search_query import parse
from annotator.errors import ProjectError

QUERIES = ("ministry", "*inisteri*", "*veroffentlicht*", "russ*", '"defense ministry"')
DAMAGE = {
    "dropped word index": "DROP TABLE sentence_words",
    "dropped trigram index": "DROP TABLE sentence_trigrams",
    "dropped folds index": "DROP TABLE sentence_folds",
    "dropped trigger": "DROP TRIGGER sentences_search_update",
    "dropped mark": "DROP TABLE search_indexed",
    "dropped shadow table": "DROP TABLE sentence_words_idx",
    "a trigger of ours rewritten": "DROP TRIGGER sentences_folds_delete; CREATE TRIGGER sentences_folds_delete"
                                   " AFTER DELETE ON sentences BEGIN DELETE FROM annotations; END",
    "garbled structure": "UPDATE sentence_words_data SET block = randomblob(length(block)) WHERE id > 1",
    "garbled configuration": "UPDATE sentence_trigrams_config SET v = 99",
    "lost pages": "DELETE FROM sentence_words_data WHERE id > 10",
    "garbled folds": "UPDATE sentence_folds_data SET block = randomblob(length(block))",
}


def _found(store: Store) -> dict[str, list[int]]:
    return {query: [hit.sentence_id for hit in store.search.hits(parse(query), None)] for query in QUERIES}


def _labels(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM annotations ORDER BY sentence_id, label_id, annotator_id").fetchall()


@pytest.fixture
def labeled(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(28, "claim", "ann")
        store.annotations.set(29, "attribution", "bob")
        found = _found(store)
    assert all(found.values()), found
    return demo_project, found


def _damage(path, sql: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(sql)
    conn.close()


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_writer_makes_the_index_again_and_search_works(labeled, damage, caplog):
    path, found = labeled
    labels = _labels(path)
    _damage(path, DAMAGE[damage])
    with caplog.at_level(logging.WARNING, logger="annotator"), Store.open(path) as store:
        assert _found(store) == found
        for index in ("sentence_words", "sentence_trigrams", "sentence_folds"):
            store.db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        assert store.integrity_check() == "ok"
    said = [record.getMessage() for record in caplog.records if "search index" in record.getMessage()]
    assert len(said) == 1 and "\n" not in said[0] and said[0].startswith(str(path))
    assert _labels(path) == labels
    with Store.open(path) as store:  # repaired for good: the next open says nothing
        caplog.clear()
        assert _found(store) == found and not caplog.records


def test_damage_found_while_searching_is_repaired_by_that_search(labeled, caplog):
    path, found = labeled
    with Store.open(path) as store:
        assert _found(store) == found
        with sqlite3.connect(path) as other:  # another program damages what the open checked
            other.execute("UPDATE sentence_trigrams_data SET block = randomblob(length(block)) WHERE id > 10")
        other.close()
        with caplog.at_level(logging.WARNING, logger="annotator"):
            assert _found(store) == found
        assert any("search index was damaged" in record.getMessage() for record in caplog.records)


def test_a_reader_still_refuses_a_damaged_index_in_one_line(labeled):
    path, _ = labeled
    _damage(path, DAMAGE["dropped word index"])
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="lacks the table 'sentence_words'"):
        Store.open(path, readonly=True)
    assert path.read_bytes() == before


def test_a_foreign_object_beside_the_index_is_still_refused(labeled):
    path, _ = labeled
    _damage(path, "DROP TABLE sentence_words; CREATE TRIGGER stealing AFTER INSERT ON annotations BEGIN"
                  " DELETE FROM labels; END")
    with pytest.raises(ProjectError, match="trigger 'stealing' that annotator did not create"):
        Store.open(path)


def test_the_command_line_says_so_in_one_line_and_searches(labeled):
    path, _ = labeled
    _damage(path, DAMAGE["garbled structure"])
    done = subprocess.run([sys.executable, "-m", "annotator", "search", str(path), "ministry", "--limit", "1"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Ministry" in done.stdout
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"warning: {path}: its search index was damaged")
