"""Documents, paragraphs and sentences: the one writer for import and merge."""

from __future__ import annotations

import pytest

from annotator.core.store import Store
from annotator.core.store.documents import Documents


def test_import_is_all_or_nothing(demo_project, seeds, monkeypatch):
    from annotator.core.text.analyze import analyze
    from annotator.core.text.ingest import SourceDocument

    def doc(text, sha):
        return analyze(SourceDocument(text=text, title=sha, source_path=sha, sha256=sha, format="text"))

    calls = []
    original = Documents._insert  # the import's writer of each document (no savepoint of its own)

    def failing_insert(self, group, row, paragraphs, sentences, **options):
        calls.append(row["sha256"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, group, row, paragraphs, sentences, **options)

    monkeypatch.setattr(Documents, "_insert", failing_insert)
    with Store.open(demo_project) as store:
        before = len(store.stats.document_summaries())
        with pytest.raises(RuntimeError):
            store.documents.import_documents([(doc("First new story.", "a" * 64), "g"), (doc("Second one.", "b" * 64), "g")])
        assert len(store.stats.document_summaries()) == before
        assert store.documents.by_hash("a" * 64) is None
        assert store.integrity_check() == "ok"


def test_a_groups_languages_are_its_sentences_including_one_corrected_alone(demo_project):
    with Store.open(demo_project) as store:
        def every_language():
            return sorted({row[0] for row in store.db.execute("SELECT DISTINCT lang FROM sentences")})

        assert store.documents.group_languages(1) == every_language()
        sentence = store.documents.sentence_ids(1)[3]
        store.corrections.set_language(sentence, "it", scope="sentence")  # its paragraph keeps its language
        assert "it" in store.documents.group_languages(1)
        assert store.documents.group_languages(1) == every_language()
        assert store.documents.group_languages(99) == []


def test_summaries_of_some_documents_are_those_of_all(demo_project):
    with Store.open(demo_project) as store:
        everything = store.stats.document_summaries()
        assert store.stats.document_summaries([everything[2].id, everything[0].id]) == [everything[0], everything[2]]
        assert store.stats.document_summaries([]) == []


@pytest.mark.parametrize("piece", [7, 1 << 20])
def test_a_document_text_is_stored_exactly_without_a_utf8_copy_kept_in_memory(tmp_path, monkeypatch, piece):
    """The text goes in piece by piece (documents.TEXT_PIECE characters at a time); bound whole,
    sqlite3 would keep its UTF-8 form inside the str object (50 MB more for a 50 MB file)."""
    import sys

    from annotator.core.store import documents
    from annotator.core.text.analyze import analyze
    from annotator.core.text.ingest import SourceDocument

    monkeypatch.setattr(documents, "TEXT_PIECE", piece)
    text = "".join(f"Ligne {i}: Ελληνικά, «français», 日本語 😀 é.\n\n" for i in range(300)) + "The end."
    document = analyze(SourceDocument(text=text, title="t", source_path="t", sha256="c" * 64, format="text"))
    size_before = sys.getsizeof(text)
    with Store.open(tmp_path / "p.sqlite") as store:
        (outcome,) = store.documents.import_documents([(document, "g")])
        assert store.documents.text(outcome.document_id) == text
        assert store.db.execute("SELECT typeof(text), length(text), length(CAST(text AS BLOB)) FROM documents"
                                " WHERE id = ?", [outcome.document_id]).fetchone() == \
            ("text", len(text), len(text.encode("utf-8")))
        sentences = store.documents.sentences(outcome.document_id)
        assert [s.text for s in sentences] == [text[s.start:s.end] for s in sentences]
        assert store.integrity_check() == "ok"
    assert sys.getsizeof(text) == size_before


def test_an_empty_and_an_ascii_document_text_are_stored(tmp_path):
    from annotator.core.text.analyze import analyze
    from annotator.core.text.ingest import SourceDocument

    with Store.open(tmp_path / "p.sqlite") as store:
        for text, sha in (("", "d" * 64), ("Plain ASCII text. Two sentences.", "e" * 64)):
            document = analyze(SourceDocument(text=text, title="t", source_path="t", sha256=sha, format="text"))
            (outcome,) = store.documents.import_documents([(document, "g")])
            assert store.documents.text(outcome.document_id) == text
            assert store.db.execute("SELECT typeof(text) FROM documents WHERE id = ?",
                                    [outcome.document_id]).fetchone() == ("text",)


def test_an_imported_text_is_let_go_before_sqlite_copies_it(tmp_path, monkeypatch):
    """A large text's paragraphs and sentences go in first; the document row (whose text SQLite
    copies twice) only once the import's str is encoded and dropped: the UTF-8 pieces remain."""
    import weakref

    from annotator.core.store import documents

    monkeypatch.setattr(documents, "HANDED_OVER_TEXT", 20_000)  # this text is ~30,000 characters

    from annotator.core.text.analyze import analyze
    from annotator.core.text.ingest import SourceDocument

    class Text(str):  # a str that a weak reference can watch
        pass

    text = Text("".join(f"Absatz {i}: «Ελληνικά» und Deutsch, ein Satz. Noch einer!\n\n" for i in range(500)))
    expected, watched = str(text), weakref.ref(text)
    document = analyze(SourceDocument(text=text, title="t", source_path="t", sha256="f" * 64, format="text"))
    del text
    alive_at_row = []
    with Store.open(tmp_path / "p.sqlite") as store:
        store.db.conn.set_trace_callback(
            lambda sql: alive_at_row.append(watched() is not None) if sql.startswith("INSERT INTO documents") else None)
        (outcome,) = store.documents.import_documents([(document, "g")])
        store.db.conn.set_trace_callback(None)
        assert alive_at_row == [False] and document.source.text is None
        assert store.documents.text(outcome.document_id) == expected
        sentences = store.documents.sentences(outcome.document_id)
        assert len(sentences) == 1000 and [s.text for s in sentences] == [expected[s.start:s.end] for s in sentences]
        assert store.db.execute("SELECT count(*) FROM paragraphs WHERE document_id = ?",
                                [outcome.document_id]).fetchone() == (500,)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.integrity_check() == "ok"
        small = analyze(SourceDocument(text="Ein kurzer Text. Er bleibt.", title="s", source_path="s",
                                       sha256="0" * 64, format="text"))
        store.documents.import_documents([(small, "g")])
        assert small.source.text == "Ein kurzer Text. Er bleibt."  # a small one is not handed over
        assert store.integrity_check() == "ok"
