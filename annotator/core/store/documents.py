"""Groups, documents, paragraphs and sentences: written once (import, merge), read everywhere."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
import itertools
from typing import TYPE_CHECKING

from annotator.core import heap
from annotator.core.model import ImportOutcome, Sentence
from annotator.core.store.connection import now
from annotator.core.store import import_rows
from annotator.core.store.domain import Domain, chunks
from annotator.errors import NotFoundError, ProjectError

if TYPE_CHECKING:  # the analysis (numpy, the language model) is not needed to open a project
    from annotator.core.text.analyze import AnalyzedDocument

DOCUMENT_COLUMNS = ("title", "source_path", "format", "sha256", "encoding", "lang", "lang_source", "external_id",
                    "metadata", "text", "imported_at")
_SENTENCE_COLUMNS = "id, document_id, idx, start, end, text, lang, boilerplate, boilerplate_reason"


# An imported text longer than this (characters) is handed over to be stored (see insert).
HANDED_OVER_TEXT = 1 << 20
# Characters of a document's text encoded at a time when it is written (at most 4 MB of UTF-8).
TEXT_PIECE = 1 << 20


def _utf8_pieces(text: str) -> Iterator[bytes]:
    for start in range(0, len(text), TEXT_PIECE):
        yield text[start:start + TEXT_PIECE].encode("utf-8")


def _give_back_freed_memory() -> None:
    """Return the heap's free pages to the system (glibc's malloc_trim) before a large text's
    row: the analysis's tables, freed by now, would otherwise stay resident beside the two
    copies of the text SQLite makes for the row (fresh mappings, which never reuse them)."""
    heap.give_back_freed_memory()


def _pieces_of(text: str) -> tuple[int, Iterator[bytes]]:
    """The size of a text's UTF-8 form, and its pieces, encoded as they are written."""
    return (len(text) if text.isascii() else sum(len(piece) for piece in _utf8_pieces(text))), _utf8_pieces(text)


def _take_text(source) -> tuple[int, Iterator[bytes]]:
    """A source document's text taken out of it, as _pieces_of gives it: the str is dropped
    once encoded (nothing else holds it in an import), each piece once written. A streamed
    text (text/streamed.py) is read from its file again, piece by piece, as it is written."""
    text, source.text = source.text, None
    if not isinstance(text, str):
        text.release()
        return text.utf8_size, text.utf8_pieces()
    pieces = list(_utf8_pieces(text))
    del text
    return sum(len(piece) for piece in pieces), _handed_over(pieces)


def _handed_over(pieces: list[bytes]) -> Iterator[bytes]:
    """The pieces in order, each let go of here as it is given."""
    pieces.reverse()
    while pieces:
        yield pieces.pop()


class Documents(Domain):
    def _sentence(self, row) -> Sentence:
        text = self.checked_text(f"sentence {row[0]}", row[5])
        # the language code shared, not one string per sentence (a long document holds 100,000s)
        return Sentence(row[0], row[1], row[2], row[3], row[4], text, sys.intern(row[6]) if row[6] else row[6],
                        bool(row[7]), row[8])

    def check_texts(self) -> None:
        """Refuse, in one line, a project where a sentence's text is not text (the export checks
        once up front instead of failing inside SQLite's JSON or in a TMX writer)."""
        row = self.db.execute("SELECT id, text FROM sentences WHERE typeof(text) <> 'text' LIMIT 1").fetchone()
        if row is not None:
            self.checked_text(f"sentence {row[0]}", row[1])

    # ------------------------------------------------------------------ writing
    def import_documents(self, documents: Iterable[tuple[AnalyzedDocument, str]]) -> list[ImportOutcome]:
        """Store analyzed documents, each with its group name, in one transaction. A document
        whose bytes are already in the project is skipped, not stored twice.

        The documents are handed over: a stored one's text, when longer than HANDED_OVER_TEXT
        or streamed from its file (text/streamed.py), is taken out of it (its `source.text` is
        None afterwards, and its tables are emptied once read), so that neither is held while
        SQLite makes its own copies of the text."""
        outcomes = []
        with self.transaction():
            for document, group in documents:
                source = document.source
                existing = self.by_hash(source.sha256)
                content = import_rows.content_sentences(document)
                outcome = dict(title=source.title, source_path=source.source_path, group=group,
                               lang=document.lang, sentences=content,
                               boilerplate=len(document.sentences) - content, warning=source.warning)
                if existing is not None:
                    outcomes.append(ImportOutcome(document_id=existing, skipped=True, **outcome))
                    continue
                handed_over = len(source.text) > HANDED_OVER_TEXT or not isinstance(source.text, str)
                row = dict(title=source.title, source_path=source.source_path, format=source.format,
                           sha256=source.sha256, encoding=source.encoding, lang=document.lang,
                           lang_source="given" if source.lang else "detected", external_id=source.external_id,
                           metadata=json.dumps(source.metadata, ensure_ascii=False),
                           text=(lambda: _take_text(source)) if handed_over else source.text,
                           imported_at=now())
                paragraphs = import_rows.paragraph_values(document, handed_over)
                sentences = import_rows.sentence_values(source.text, document, handed_over)
                if handed_over:  # the tables too: let go once written, before the text's row
                    document.paragraphs = document.sentences = ()
                doc_id = self._insert(group, row, paragraphs, sentences, imported=True)
                outcomes.append(ImportOutcome(document_id=doc_id, skipped=False, **outcome))
        return outcomes

    def insert(self, group: str, row: dict, paragraphs: Iterable[tuple], sentences: Iterable[tuple]) -> int:
        """One document with its paragraphs (start, end, lang, lang_source, boilerplate reason),
        in order, and its sentences (paragraph index, start, end, text, lang, boilerplate 0/1,
        reason), in order; the group is made if new and gets a pivot if it has none. The one
        writer of document rows, for import and merge alike. row["text"] is the text, or a
        function that hands it over as _take_text does (called once the sentences are in)."""
        with self.transaction():
            return self._insert(group, row, paragraphs, sentences)

    def _insert(self, group: str, row: dict, paragraphs: Iterable[tuple], sentences: Iterable[tuple],
                imported: bool = False) -> int:
        """insert's work, inside the caller's transaction (an import's: no savepoint a
        document). `imported`: the rows are import_rows' paragraph_values and sentence_values."""
        group_id = self._group_for(group)
        conn = self.db.conn
        position, doc_id, first = conn.execute(
            "SELECT (SELECT coalesce(max(position) + 1, 0) FROM documents WHERE group_id = ?),"
            " (SELECT coalesce(max(id), 0) + 1 FROM documents), (SELECT coalesce(max(id), 0) + 1 FROM paragraphs)",
            [group_id]).fetchone()
        text = row["text"]
        late = callable(text)  # a large import's text: handed over once the sentences are in
        if late:
            # The paragraphs and sentences go in first, under the id the document row will
            # get (an INTEGER PRIMARY KEY takes max + 1), so that the importer's str can be
            # dropped before the row: SQLite makes two copies of the text's UTF-8 to write
            # it. Only for large texts: the deferred keys cost some CPU per document.
            conn.execute("PRAGMA defer_foreign_keys = ON")  # until the row is in
            self._insert_parts(doc_id, first, paragraphs, sentences, imported)
            _give_back_freed_memory()
        # The text is written piece by piece into a value of its size: bound whole, a
        # non-ASCII str would be held three times more (its UTF-8 form, kept in the str
        # object, SQLite's copy of the parameter, the record), some 150 MB for a 50 MB file;
        # this way twice (the value SQLite makes of the zeroblob, and the record), and, from
        # a large import, beside the UTF-8 pieces alone (the str dropped).
        size, pieces = text() if late else _pieces_of(text)
        values = [size if column == "text" else row[column] for column in DOCUMENT_COLUMNS]
        conn.execute(
            f"INSERT INTO documents (id, group_id, position, {', '.join(DOCUMENT_COLUMNS)}) VALUES (?, ?, ?, "
            + ", ".join("CAST(zeroblob(?) AS TEXT)" if column == "text" else "?" for column in DOCUMENT_COLUMNS)
            + ")", [doc_id, group_id, position, *values])
        if size:
            with conn.blobopen("documents", "text", doc_id) as blob:
                for piece in pieces:
                    blob.write(piece)
        del text, pieces
        if late:
            conn.execute("PRAGMA defer_foreign_keys = OFF")  # what follows in the transaction is checked at once
        else:
            self._insert_parts(doc_id, first, paragraphs, sentences, imported)
        self.db.execute("UPDATE groups SET pivot_document_id = ? WHERE id = ? AND pivot_document_id IS NULL",
                        [doc_id, group_id])
        self._store.layouts.changed("groups", [group_id])
        return doc_id

    def _insert_parts(self, doc_id: int, first: int, paragraphs: Iterable[tuple], sentences: Iterable[tuple],
                      imported: bool) -> None:
        """`first`: the first paragraph's id. Each row is its index, the ids, then the caller's
        tuple, joined in C (tuple.__add__), the paragraph's id computed by SQLite (numbered
        parameters pick the values)."""
        conn = self.db.conn
        ids = zip(itertools.count(), itertools.repeat(doc_id), itertools.repeat(first))
        conn.executemany(import_rows.IMPORTED_PARAGRAPH if imported else import_rows.PARAGRAPH,
                         map(tuple.__add__, ids, paragraphs))
        ids = zip(itertools.count(), itertools.repeat(doc_id), itertools.repeat(first))
        conn.executemany(import_rows.IMPORTED_SENTENCE if imported else import_rows.SENTENCE,
                         map(tuple.__add__, ids, sentences))

    def _group_for(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM groups WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db.execute("INSERT INTO groups (name, created_at) VALUES (?, ?)", [name, now()]).lastrowid

    def set_pivot(self, group_id: int, document_id: int) -> None:
        with self.transaction():
            changed = self.db.execute("UPDATE groups SET pivot_document_id = ? WHERE id = ? AND EXISTS"
                                      " (SELECT 1 FROM documents WHERE id = ? AND group_id = ?)",
                                      [document_id, group_id, document_id, group_id]).rowcount
            self._store.layouts.changed("groups", [group_id])
        if not changed:
            raise NotFoundError(self.where, f"document {document_id} is not in group {group_id}")

    # ------------------------------------------------------------------ documents and groups
    def by_hash(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def text(self, document_id: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError(self.where, f"no document with id {document_id}")
        return self.checked_text(f"document {document_id}", row[0])

    def paragraphs(self, document_id: int) -> list[dict]:
        return [dict(row) for row in self.db.query(
            "SELECT id, idx, start, end, lang, lang_source, boilerplate_reason FROM paragraphs"
            " WHERE document_id = ? ORDER BY idx", [document_id])]

    def groups(self) -> list[dict]:
        return [dict(row) for row in self.db.query(
            "SELECT g.id, g.name, g.pivot_document_id, count(d.id) AS documents FROM groups g"
            " LEFT JOIN documents d ON d.group_id = g.id GROUP BY g.id ORDER BY g.id")]

    def group_id(self, name_or_id: str | int) -> int:
        row = self.db.execute("SELECT id FROM groups WHERE name = ? OR CAST(id AS TEXT) = ?",
                              [str(name_or_id), str(name_or_id)]).fetchone()
        if row is None:
            names = ", ".join(repr(g["name"]) for g in self.groups()) or "none"
            raise NotFoundError(self.where, f"no group {name_or_id!r}; groups: {names}")
        return row[0]

    def rename_group(self, name_or_id: str | int, new_name: str) -> tuple[str, str]:
        """Give a group a new name (one transaction); returns (old name, new name). Group names
        are unique. A team plan and its packages know groups by name, so a group a plan hands
        out, or any group of a package, keeps its name."""
        name = new_name.strip()
        if not name:
            raise ProjectError(self.where, "the new group name is empty")
        if not name.isprintable():
            raise ProjectError(self.where, f"the new group name {name!r} holds a line break or control character")
        if name.isdigit():  # groups are also named by id on the command line
            raise ProjectError(self.where, f"the new group name {name!r} is a number: it would read as a group id")
        with self.transaction():
            group_id = self.group_id(name_or_id)
            old = self.db.execute("SELECT name FROM groups WHERE id = ?", [group_id]).fetchone()[0]
            if name == old:
                return old, name
            if self.db.execute("SELECT 1 FROM groups WHERE name = ? AND id <> ?", [name, group_id]).fetchone():
                raise ProjectError(self.where, f"there is already a group named {name!r}")
            package = self._store.plans.package()
            if package is not None:
                raise ProjectError(self.where, f"this project is {package.annotator}'s package of a team plan: its"
                                               " groups keep their names, to be merged back")
            if self.db.execute("SELECT 1 FROM plan_groups WHERE group_name = ?", [old]).fetchone():
                raise ProjectError(self.where, f"group {old!r} is handed out by a team plan (annotator assign):"
                                               " its packages know it by this name")
            self.db.execute("UPDATE groups SET name = ? WHERE id = ?", [name, group_id])
        return old, name

    def pivot(self, group_id: int) -> int | None:
        row = self.db.execute("SELECT pivot_document_id FROM groups WHERE id = ?", [group_id]).fetchone()
        return row[0] if row else None

    def group_documents(self, group_id: int, counts: bool = True) -> list[dict]:
        """The group's documents in order: id, title, lang, position, source path, and (unless
        `counts` is false: it reads every sentence) the content sentence count."""
        count = (", (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0) AS sentences"
                 if counts else "")
        return [dict(row) for row in self.db.query(
            f"SELECT d.id, d.title, d.lang, d.position, d.source_path{count}"
            " FROM documents d WHERE d.group_id = ? ORDER BY d.position", [group_id])]

    def group_languages(self, group_id: int) -> list[str]:
        """The languages of a group's sentences: per document, the index on (document, language)
        is walked from one language to the next (a skip scan), so a million-sentence group takes
        a few lookups, not a read of every sentence."""
        return [row[0] for row in self.db.execute("""
            WITH RECURSIVE found(document_id, lang) AS (
                SELECT d.id, (SELECT min(lang) FROM sentences WHERE document_id = d.id)
                FROM documents d WHERE d.group_id = ?
                UNION ALL
                SELECT f.document_id,
                       (SELECT min(lang) FROM sentences WHERE document_id = f.document_id AND lang > f.lang)
                FROM found f WHERE f.lang IS NOT NULL)
            SELECT DISTINCT lang FROM found WHERE lang IS NOT NULL ORDER BY lang""", [group_id])]

    def of_sentences(self, sentence_ids: list[int]) -> set[tuple[int, int]]:
        """The (document, group) pairs the sentences belong to; NotFoundError for an unknown id."""
        rows = []
        for chunk, marks in chunks(sentence_ids):
            rows += self.db.execute(f"SELECT s.id, d.id, d.group_id FROM sentences s JOIN documents d"
                                    f" ON d.id = s.document_id WHERE s.id IN ({marks})", chunk).fetchall()
        missing = set(sentence_ids) - {row[0] for row in rows}
        if missing:
            raise NotFoundError(self.where, f"no sentence with id {min(missing)}")
        return {(row[1], row[2]) for row in rows}

    def in_order(self) -> list[tuple[int, int]]:
        """(document id, group id) of every document, by group, then position in the group."""
        return self.db.execute("SELECT d.id, d.group_id FROM documents d JOIN groups g ON g.id = d.group_id"
                               " ORDER BY g.id, d.position").fetchall()

    def bundles(self) -> Iterator[dict]:
        """Every document with its group, paragraphs and sentences, as plain rows (for merging)."""
        for document in self.db.query(
                "SELECT d.*, g.name AS group_name FROM documents d JOIN groups g ON g.id = d.group_id ORDER BY d.id"):
            document = dict(document)
            document["paragraphs"] = self.paragraphs(document["id"])
            document["sentences"] = [dict(r) for r in self.db.query(
                "SELECT id, paragraph_id, idx, start, end, text, lang, boilerplate, boilerplate_reason FROM sentences"
                " WHERE document_id = ? ORDER BY idx", [document["id"]])]
            document["text"] = self.checked_text(f"document {document['id']}", document["text"])
            for sentence in document["sentences"]:  # a merge must not copy them into its output
                self.checked_text(f"sentence {sentence['id']}", sentence["text"])
            yield document

    # ------------------------------------------------------------------ sentences
    def sentence(self, sentence_id: int) -> Sentence:
        row = self.db.execute(f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE id = ?", [sentence_id]).fetchone()
        if row is None:
            raise NotFoundError(self.where, f"no sentence with id {sentence_id}")
        return self._sentence(row)

    def sentences(self, document_id: int) -> list[Sentence]:
        return [self._sentence(r) for r in self.db.execute(
            f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE document_id = ? ORDER BY idx", [document_id])]

    def sizes(self, group_id: int) -> dict[int, int]:
        """Each document of the group (in order) and its number of sentences, boilerplate
        included (read off the (document, idx) index: no sentence is read)."""
        return {document_id: size or 0 for document_id, size in self.db.execute(
            "SELECT d.id, (SELECT max(idx) + 1 FROM sentences s WHERE s.document_id = d.id) FROM documents d"
            " WHERE d.group_id = ? ORDER BY d.position", [group_id])}

    def sentences_between(self, document_id: int, first: int, last: int) -> list[Sentence]:
        """A document's sentences with index first..last (inclusive), in order."""
        return [self._sentence(r) for r in self.db.execute(
            f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE document_id = ? AND idx BETWEEN ? AND ? ORDER BY idx",
            [document_id, first, last])]

    def sentences_by_id(self, sentence_ids: list[int]) -> list[Sentence]:
        found = []
        for chunk, marks in chunks(sentence_ids):
            found += [self._sentence(r) for r in self.db.execute(
                f"SELECT {_SENTENCE_COLUMNS} FROM sentences WHERE id IN ({marks})", chunk)]
        return found

    def sentence_ids(self, document_id: int, include_boilerplate: bool = True) -> list[int]:
        return [row[0] for row in self.db.execute(
            "SELECT id FROM sentences WHERE document_id = ? AND (? OR boilerplate = 0) ORDER BY idx",
            [document_id, int(include_boilerplate)])]

    def find_sentences(self, group_id: int, query: str) -> list[int]:
        """Ids of the group's sentences containing `query`, ignoring case (any script)."""
        wanted = query.casefold()
        return [sentence_id for sentence_id, text in self.db.execute(
            "SELECT s.id, s.text FROM sentences s JOIN documents d ON d.id = s.document_id WHERE d.group_id = ?",
            [group_id]) if wanted in self.checked_text(f"sentence {sentence_id}", text).casefold()]

    def sentence_languages(self, group_id: int) -> dict[int, str]:
        return dict(self.db.execute("SELECT s.id, s.lang FROM sentences s JOIN documents d ON d.id = s.document_id"
                                    " WHERE d.group_id = ?", [group_id]))

    def sentence_by_span(self, sha256: str, start: int, end: int) -> int | None:
        row = self.db.execute("SELECT s.id FROM sentences s JOIN documents d ON d.id = s.document_id"
                              " WHERE d.sha256 = ? AND s.start = ? AND s.end = ?", [sha256, start, end]).fetchone()
        return row[0] if row else None

    def sentence_spans(self, document_id: int) -> dict[tuple[int, int], int]:
        return {(start, end): sentence_id for sentence_id, start, end in self.db.execute(
            "SELECT id, start, end FROM sentences WHERE document_id = ?", [document_id])}
