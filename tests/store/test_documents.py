"""Documents, paragraphs and sentences: the one writer for import and merge."""

from __future__ import annotations

import pytest

from annotator.core.store import Store
from annotator.core.store.documents import Documents


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
