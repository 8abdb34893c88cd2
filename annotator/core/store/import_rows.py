"""An import's rows for the store (documents.py): paragraphs and sentences from analyze's tables,
made by C iterators over their columns, and the SQL that writes them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the analysis (numpy, the language model) is not needed to open a project
    from annotator.core.text.analyze import AnalyzedDocument

# A document's rows (documents.py insert): (index, document id, first paragraph's id) + the
# caller's tuple. An import's tuples give the boilerplate reason as "" for none (see _or_empty),
# and a sentence's boilerplate mark follows from its reason.
PARAGRAPH = ("INSERT INTO paragraphs (id, document_id, idx, start, end, lang, lang_source, boilerplate_reason)"
             " VALUES (?3 + ?1, ?2, ?1, ?4, ?5, ?6, ?7, ?8)")
IMPORTED_PARAGRAPH = PARAGRAPH.replace("?8)", "nullif(?8, ''))")
SENTENCE = ("INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, lang, boilerplate,"
            " boilerplate_reason) VALUES (?2, ?3 + ?4, ?1, ?5, ?6, ?7, ?8, ?9, ?10)")
IMPORTED_SENTENCE = SENTENCE.replace("?9, ?10)", "nullif(?9, '') IS NOT NULL, nullif(?9, ''))")


def sentence_values(text, document: "AnalyzedDocument", let_go: bool) -> Iterator[tuple]:
    """(paragraph index, start, end, text, lang, boilerplate reason or "") per sentence (the
    import's rows, see IMPORTED_SENTENCE), each text sliced from `text` (the document's: a
    str, or a streamed file's, text/streamed.py) only as SQLite takes it. From analyze's table,
    the tuples are made by C iterators over its columns (no Python step per sentence); with
    `let_go`, the text is let go once the last is taken (a Python step per row: large texts
    only)."""
    column = getattr(document.sentences, "column", None)
    if column is None:
        return ((paragraph, start, end, text[start:end], lang, reason or "")
                for start, end, paragraph, lang, reason in document.sentence_rows())
    starts, ends, reasons = column("start"), column("end"), column("boilerplate")
    rows = zip(column("paragraph"), starts, ends, map(text.__getitem__, map(slice, starts, ends)),
               column("lang"), _or_empty(reasons))
    return _let_go(rows) if let_go else rows


def paragraph_values(document: "AnalyzedDocument", let_go: bool) -> Iterator[tuple]:
    """(start, end, lang, lang source, boilerplate reason or "") per paragraph (the import's
    rows, see IMPORTED_PARAGRAPH)."""
    column = getattr(document.paragraphs, "column", None)
    if column is None:
        return ((start, end, lang, source, reason or "")
                for start, end, lang, source, reason in document.paragraph_rows())
    rows = zip(column("start"), column("end"), column("lang"), column("lang_source"),
               _or_empty(column("boilerplate")))
    return _let_go(rows) if let_go else rows


def _or_empty(reasons: Iterable[str | None]) -> Iterator[str]:
    """Each reason, "" for none, in C: sqlite3 binds a str directly, where None (like a bool)
    goes through its adapter lookup (some µs a value, a tenth of the import's store time)."""
    return map({None: ""}.get, reasons, reasons)


def content_sentences(document: "AnalyzedDocument") -> int:
    """The document's sentences that are not boilerplate."""
    column = getattr(document.sentences, "column", None)
    if column is not None:
        return column("boilerplate").count(None)
    return sum(1 for *_, reason in document.sentence_rows() if reason is None)


def _let_go(rows: Iterator[tuple]) -> Iterator[tuple]:
    """The rows, and nothing they come from held once the last is taken."""
    yield from rows
