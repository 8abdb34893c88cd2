"""An import's rows (store/import_rows.py): bound without sqlite3's adapter lookup (no None, no
bool), and stored exactly as the generic writer (Documents.insert, merge's) stores the same
document."""

from __future__ import annotations

from annotator.core.store import Store, import_rows
from annotator.core.text.analyze import analyze
from annotator.core.text.ingest import SourceDocument

# a page with boilerplate (a share line, a credit, a repeated line) beside content in two languages
PAGE = "\n\n".join([
    "Synthetic page", "The convoy left Damascus at dawn and reached the border by noon, officials said.",
    "Share this article", "Photo: AFP", "Le convoi a quitté Damas à l'aube et a atteint la frontière à midi.",
    "Share this article", "Read more", "Der Konvoi verließ Damaskus im Morgengrauen.",
])


def _page(text: str = PAGE, sha: str = "c" * 64):
    return analyze(SourceDocument(text=text, title="page", source_path="page.txt", sha256=sha, format="text"))


def _rows(store: Store, document_id: int) -> tuple[list, list]:
    db = store.db.conn
    paragraphs = db.execute("SELECT idx, start, end, lang, lang_source, boilerplate_reason,"
                            " typeof(boilerplate_reason) FROM paragraphs WHERE document_id = ? ORDER BY idx",
                            [document_id]).fetchall()
    sentences = db.execute("SELECT s.idx, p.idx, s.start, s.end, text, s.lang, boilerplate, typeof(boilerplate),"
                           " s.boilerplate_reason, typeof(s.boilerplate_reason) FROM sentences s"
                           " JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.document_id = ? ORDER BY s.idx",
                           [document_id]).fetchall()
    return paragraphs, sentences


def test_an_imports_values_are_only_ints_and_strings():
    document = _page()
    assert any(s.boilerplate for s in document.sentences) and any(s.boilerplate is None for s in document.sentences)
    for rows in (import_rows.paragraph_values(document, False), import_rows.paragraph_values(document, True),
                 import_rows.sentence_values(document.source.text, document, False)):
        values = [value for row in rows for value in row]
        assert values and {type(value) for value in values} <= {int, str}


def test_an_import_stores_what_the_generic_writer_stores(tmp_path):
    imported, written = _page(), _page()
    with Store.open(tmp_path / "p.sqlite") as store:
        (outcome,) = store.documents.import_documents([(imported, "g")])
        text = written.source.text
        row = dict(title="page", source_path="page.txt", format="text", sha256="d" * 64, encoding="utf-8",
                   lang=written.lang, lang_source="detected", external_id=None, metadata="{}", text=text,
                   imported_at="now")
        other = store.documents.insert("g", row, list(written.paragraph_rows()), [
            (paragraph, start, end, text[start:end], lang, int(reason is not None), reason)
            for start, end, paragraph, lang, reason in written.sentence_rows()])
        paragraphs, sentences = _rows(store, outcome.document_id)
        assert (paragraphs, sentences) == _rows(store, other)
        assert {row[6] for row in paragraphs} == {"null", "text"}
        assert {row[7] for row in sentences} == {"integer"} and {row[6] for row in sentences} == {0, 1}
        assert {row[9] for row in sentences} == {"null", "text"}
        assert outcome.sentences == sum(1 for row in sentences if row[6] == 0)
        assert outcome.boilerplate == sum(row[6] for row in sentences)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_records_without_tables_are_stored_the_same(tmp_path):
    """A document whose paragraphs and sentences are plain records (not analyze's tables)."""
    tables, records = _page(), _page(sha="e" * 64)
    records.paragraphs, records.sentences = list(records.paragraphs), list(records.sentences)
    with Store.open(tmp_path / "p.sqlite") as store:
        first, second = store.documents.import_documents([(tables, "g"), (records, "g")])
        assert _rows(store, first.document_id) == _rows(store, second.document_id)
        assert (first.sentences, first.boilerplate) == (second.sentences, second.boilerplate)
