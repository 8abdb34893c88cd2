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
