"""The project file: settings, schema versions, refusals, locking, transactions, labeling."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core import store as store_module
from annotator.core.migrations import LATEST_VERSION, MIGRATIONS
from annotator.core.store import APPLICATION_ID, Store
from annotator.core.store.documents import Documents
from annotator.errors import NotFoundError, ProjectError, ProjectLockedError


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


def test_reader_upgrades_an_old_file_too(tmp_path):
    path = tmp_path / "old.sqlite"
    _make_version_1(path)
    with Store.open(path, readonly=True) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.backup_path is not None


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


def test_import_is_all_or_nothing(demo_project, seeds, monkeypatch):
    from annotator.core.analyze import analyze
    from annotator.core.ingest import SourceDocument

    def doc(text, sha):
        return analyze(SourceDocument(text=text, title=sha, source_path=sha, sha256=sha, format="text"))

    calls = []
    original = Documents.insert

    def failing_insert(self, group, row, paragraphs, sentences):
        calls.append(row["sha256"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, group, row, paragraphs, sentences)

    monkeypatch.setattr(Documents, "insert", failing_insert)
    with Store.open(demo_project) as store:
        before = len(store.stats.document_summaries())
        with pytest.raises(RuntimeError):
            store.documents.import_documents([(doc("First new story.", "a" * 64), "g"), (doc("Second one.", "b" * 64), "g")])
        assert len(store.stats.document_summaries()) == before
        assert store.documents.by_hash("a" * 64) is None
        assert store.integrity_check() == "ok"


def test_set_annotation_add_note_remove(demo_project):
    with Store.open(demo_project) as store:
        assert store.annotations.set(3, "claim", "ann").outcome == "added"
        assert store.annotations.set(3, "1", "ann").outcome == "unchanged"  # by key
        assert store.annotations.set(3, "CLAIM", "ann", note="checkable").outcome == "note"
        assert store.annotations.set(3, "claim", "bob").outcome == "added"
        assert [(a.label, a.annotator, a.note) for a in store.annotations.of_sentence(3)] == [
            ("claim", "ann", "checkable"), ("claim", "bob", None)]
        assert store.annotations.set(3, "claim", "ann", present=False).outcome == "removed"
        assert store.annotations.set(3, "claim", "ann", present=False).outcome == "unchanged"
        assert [a.annotator for a in store.annotations.of_sentence(3)] == ["bob"]
    # committed: a fresh connection sees it
    with Store.open(demo_project, readonly=True) as store:
        assert [a.annotator for a in store.annotations.of_sentence(3)] == ["bob"]


def test_labeling_errors(demo_project):
    with Store.open(demo_project) as store:
        with pytest.raises(NotFoundError, match="no sentence with id 99999"):
            store.annotations.set(99999, "claim", "ann")
        with pytest.raises(NotFoundError, match="no label 'opinion'; labels are: claim"):
            store.annotations.set(1, "opinion", "ann")
        with pytest.raises(ProjectError, match="annotator's name is empty"):
            store.annotations.set(1, "claim", "  ")


def test_links_join_two_documents(demo_project):
    with Store.open(demo_project) as store:
        german, english = store.documents.sentences(1), store.documents.sentences(2)
        link = store.links.add([german[0].id], [english[1].id, english[2].id], score=0.9)
        assert link > 0
        with pytest.raises(ProjectError, match="two different documents"):
            store.links.add([german[0].id], [german[1].id], score=None)
        with pytest.raises(ProjectError, match="both sides"):
            store.links.add([], [english[0].id], score=None)


def test_foreign_keys_are_enforced(demo_project):
    with Store.open(demo_project) as store:
        with pytest.raises(sqlite3.IntegrityError):
            with store.transaction():
                store.db.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at)"
                                 " VALUES (999999, 1, 1, 'x')")


def test_store_module_is_the_only_sqlite_user():
    """One store, one way in: no other module of the package imports sqlite3 or sqlite_utils."""
    import pathlib

    package = pathlib.Path(store_module.__file__).resolve().parents[1]
    offenders = [str(p.relative_to(package)) for p in package.rglob("*.py")
                 if p.parent.name != "store" and ("import sqlite3" in p.read_text() or "sqlite_utils" in p.read_text())]
    assert offenders == []


def test_add_annotations_in_bulk(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "claim", "ann", note="first")
        added = store.annotations.add_many([(1, "claim", "ann", None), (1, "correction", "ann", None),
                                       (2, "attribution", "bob", "n")])
        assert added == 2
        assert [(a.label, a.annotator, a.note) for a in store.annotations.of_sentence(1)] == [
            ("claim", "ann", "first"), ("correction", "ann", None)]
        with pytest.raises(NotFoundError):
            store.annotations.add_many([(3, "claim", "ann", None), (3, "nope", "ann", None)])
        assert store.annotations.of_sentence(3) == []  # all or nothing


def test_sentence_labels_and_clear(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "correction", "ann")
        store.annotations.set(1, "claim", "ann", note="n")
        store.annotations.set(1, "attribution", "bob")
        assert store.annotations.labels_of([1, 2]) == {1: ["claim", "attribution", "correction"], 2: []}
        assert store.annotations.labels_of([1], annotator="ann") == {1: ["claim", "correction"]}
        removed = store.annotations.clear(1, "ann")
        assert sorted((a.label, a.note) for a in removed) == [("claim", "n"), ("correction", None)]
        assert store.annotations.labels_of([1]) == {1: ["attribution"]}
        assert store.annotations.clear(1, "ann") == []


def test_label_scheme_edits(demo_project):
    with Store.open(demo_project) as store:
        new = store.scheme.add("opinion", "4", "#9467bd", "A view, not a fact.")
        assert [label.name for label in store.scheme.labels()] == ["claim", "attribution", "correction", "opinion"]
        store.annotations.set(1, "opinion", "ann")
        assert store.scheme.usage(new) == 1
        store.scheme.update(new, "stance", "5", "#8c564b", "Takes a side.")
        assert store.scheme.find("5").name == "stance" and store.annotations.of_sentence(1)[0].label == "stance"
        for bad, message in [(("claim", "6", "#000000"), "already a label named"),
                             (("x", "1", "#000000"), "key 1 already belongs"),
                             (("x", "a", "#000000"), "digits 1 to 9"),
                             (("x", "6", "red"), "must look like"),
                             (("a|b", "6", "#000000"), "without '|'")]:
            with pytest.raises(ProjectError, match=message):
                store.scheme.add(*bad)
        store.scheme.remove(new)
        assert store.annotations.of_sentence(1) == [] and "stance" not in [label.name for label in store.scheme.labels()]
