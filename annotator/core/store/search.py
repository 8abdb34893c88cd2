"""Project-wide search: a parsed query (text/search_query.py) read against the full-text indexes
of migration 13 and the project's tables, hits in project order (sentence id).

Words and phrases go to the word index (case and diacritics folded); substrings and terms in
scripts without spaces, folded, to the trigram indexes (of the texts, and of the folded texts
that differ: store/search_folds.py), which need at least three characters (a shorter
one, or one holding LIKE's own % or _, is looked for in the text itself: a scan of what the
other parts of the query left). Filters are SQL conditions on the sentence; an unknown group,
label or annotator is refused in one line rather than silently finding nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.store.domain import CHUNK, Domain, chunks
from annotator.core.store.errors import DatabaseError, translate
from annotator.core.store.links import text_hash
from annotator.core.store.search_folds import Folds, contains_folded
from annotator.core.store import search_repair
from annotator.core.store.migrations import MIGRATIONS
from annotator.errors import NotFoundError, ProjectError
from annotator.core.text.search_query import Filter, Query, Term, fold

# a folded substring's sentences: the plain trigram index finds those whose folded text is their
# own (ASCII case aside), the folds index the others. Both give rowids in order and SQLite merges
# them as it goes (the LIMIT keeps it from dropping the ORDER BY of a subquery in a join), so the
# outer query needs no sort of its own and its LIMIT stops early.
_BOTH_TRIGRAMS = ("SELECT rowid AS id FROM sentence_trigrams WHERE text LIKE ? UNION"
                  " SELECT rowid AS id FROM sentence_folds WHERE text LIKE ? ORDER BY 1 LIMIT -1")
_PREFIX_WORDS = 64  # a prefix standing for more words is left to FTS5's own prefix query
_HIT_COLUMNS = ("SELECT s.id, s.text, s.lang, d.id, d.title, g.id, g.name FROM sentences s"
                " JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id")
# sentences whose judges chose different label sets (each judge's set as its sorted label ids)
_DISPUTED = """SELECT sentence_id FROM (
    SELECT j.sentence_id, (SELECT group_concat(label_id) FROM (SELECT a.label_id FROM annotations a
        WHERE a.sentence_id = j.sentence_id AND a.annotator_id = j.annotator_id ORDER BY a.label_id)) AS chosen
    FROM judgements j)
GROUP BY sentence_id HAVING count(DISTINCT coalesce(chosen, '')) > 1"""


@dataclass(frozen=True)
class Hit:
    sentence_id: int
    text: str
    lang: str
    document_id: int
    document: str
    group_id: int
    group: str


class Search(Domain):
    def __init__(self, store):
        super().__init__(store)
        # a substring beyond the one the trigram indexes look up is checked in the folded text
        # of the sentences found
        self.db.conn.create_function("contains_folded", 2, contains_folded, deterministic=True)
        self.folds = Folds(store)

    def unindexed(self) -> int:
        """How many sentences the indexes do not hold yet (catch_up adds them)."""
        words = self.db.execute("SELECT count(*) FROM sentences WHERE id > (SELECT upto FROM search_indexed)"
                                ).fetchone()[0]
        return max(words, self.folds.waiting())

    def behind(self) -> bool:
        """Whether some sentence is not indexed yet."""
        return self.db.execute("SELECT coalesce(max(id), 0) > (SELECT upto FROM search_indexed) FROM sentences"
                               ).fetchone()[0] == 1 or self.folds.behind()

    def catch_up(self, at_most: int | None = None) -> int:
        """Index the sentences added since the last search, in one transaction; how many. With
        `at_most`, only the next that many ids (a background job indexes a large import in
        short transactions, so a label's commit never waits long). A read-only project is
        searched as far as it is indexed."""
        if self._store.readonly:
            return 0
        with self.transaction():
            upto = self._upto()
            last = self.db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0]
            if at_most is not None:
                last = min(last, upto + at_most)
            folded = self.folds.catch_up(at_most)
            if last <= upto:
                return folded
            for index in ("sentence_words", "sentence_trigrams"):
                self.db.execute(f"INSERT INTO {index} (rowid, text) SELECT id, text FROM sentences"
                                f" WHERE id > ? AND id <= ?", [upto, last])
            self.db.execute("UPDATE search_indexed SET upto = ?", [last])
            indexed = self.db.execute("SELECT count(*) FROM sentences WHERE id > ? AND id <= ?", [upto, last]).fetchone()[0]
            return max(indexed, folded)

    def _upto(self) -> int:
        """The highest sentence id the indexes hold. A mark that is missing or impossible (a
        damaged or hostile file) rebuilds both indexes from the sentences, which they merely
        mirror, rather than failing every search from then on."""
        row = self.db.execute("SELECT upto FROM search_indexed").fetchone()
        if row is not None and isinstance(row[0], int) and row[0] >= 0:
            return row[0]
        for index in ("sentence_words", "sentence_trigrams"):
            self.db.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
        self.folds.reset()
        last = self.db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0]
        self.db.execute("DELETE FROM search_indexed")
        self.db.execute("INSERT INTO search_indexed (id, upto) VALUES (1, ?)", [last])
        return last

    def indexed_again(self, sentence_ids: list[int]) -> None:
        """Index sentences put back under their old ids (undoing a merge): below `upto`, a
        search would not add them."""
        for chunk, marks in chunks(sentence_ids):
            for index in ("sentence_words", "sentence_trigrams"):
                self.db.execute(f"INSERT INTO {index} (rowid, text) SELECT id, text FROM sentences WHERE id IN"
                                f" ({marks}) AND id <= (SELECT upto FROM search_indexed)", chunk)
        self.folds.again(sentence_ids)

    def hits(self, query: Query, limit: int | None = 200) -> list[Hit]:
        """The sentences `query` finds, in project order, at most `limit` (None: all)."""
        sql, parameters = self.sql(query)
        if limit is not None:
            sql += " LIMIT ?"
            parameters.append(limit)
        return [self._hit(row) for row in self._repairing(sql, parameters)]

    def _hit(self, row: tuple) -> Hit:
        """A found row; a text that is no text (a BLOB another program stored) is refused in one line."""
        return Hit(row[0], self.checked_text(f"sentence {row[0]}", row[1]), *row[2:])

    def by_ids(self, sentence_ids: list[int]) -> list[Hit]:
        """These sentences as hits (in no particular order)."""
        found: list[Hit] = []
        for chunk, marks in chunks(sentence_ids):
            found += [self._hit(row) for row in self.db.conn.execute(f"{_HIT_COLUMNS} WHERE s.id IN ({marks})", chunk)]
        return found

    def ids(self, query: Query) -> list[int]:
        """Every sentence `query` finds (the bulk actions' targets)."""
        sql, parameters = self.sql(query, columns="SELECT s.id FROM sentences s"
                                   " JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id")
        return [row[0] for row in self._repairing(sql, parameters)]

    def _repairing(self, sql: str, parameters: list) -> list[tuple]:
        """Catch up, then read. An index found damaged on the way (a garbled page the cheap check
        on opening does not reach) is made again and filled from the sentences, once, by a
        writer; a reader, or damage that stays, gets the one line."""
        try:
            self.catch_up()
            return self._read(sql, parameters)
        except (DatabaseError, ProjectError) as error:
            if self._store.readonly or "damaged" not in str(translate(error, self.where)
                                                            if isinstance(error, DatabaseError) else error):
                raise
            version = self._store.schema_version()
            search_repair.recreate(self.db.conn, self.where, tuple(m for m in MIGRATIONS if m.version <= version),
                                   f"damaged ({error})")
        self.catch_up()
        return self._read(sql, parameters)

    def _read(self, sql: str, parameters: list) -> list[tuple]:
        """The rows, or SQLite's failure in one line naming the file (a damaged index read
        outside a transaction: the app's panel and bulk buttons show that line)."""
        try:
            return self.db.conn.execute(sql, parameters).fetchall()
        except DatabaseError as error:
            raise translate(error, self.where) from None

    def sql(self, query: Query, columns: str = _HIT_COLUMNS) -> tuple[str, list]:
        conditions: list[str] = []
        parameters: list = []
        words = [term for term in query.terms if not term.substring]
        positive = " AND ".join(self._match(term) for term in words if not term.negated)
        source, order = columns, " ORDER BY s.id"
        substrings = [term for term in query.terms if term.substring]
        driver = next((term for term in substrings if not term.negated and _trigram_ready(term.text)), None)
        # The index drives (CROSS JOIN keeps it the outer loop: probing it per sentence costs a
        # whole index lookup each); its rowids come in order, so LIMIT stops early.
        if positive:
            source = columns.replace("FROM sentences s",
                                     "FROM sentence_words w CROSS JOIN sentences s ON s.id = w.rowid", 1)
            conditions.append("sentence_words MATCH ?")
            parameters.append(positive)
            order = " ORDER BY w.rowid"
        elif driver is not None:  # else the trigram indexes, the same way: both in rowid order, merged
            source = columns.replace("FROM sentences s", f"FROM ({_BOTH_TRIGRAMS}) t CROSS JOIN sentences s"
                                     " ON s.id = t.id", 1)
            parameters += [f"%{fold(driver.text)}%"] * 2
            substrings.remove(driver)
            order = ""  # (the merged ids come in order, the outer loop of the join)
        for term in words:
            if term.negated:
                conditions.append("s.id NOT IN (SELECT rowid FROM sentence_words WHERE sentence_words MATCH ?)")
                parameters.append(self._match(term))
        for term in substrings:
            condition, value = _substring(term)
            conditions.append(condition)
            parameters.append(value)
        for item in query.filters:
            condition, values = self._condition(item)
            conditions.append(f"NOT ({condition})" if item.negated else condition)
            parameters.extend(values)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        return source + where + order, parameters

    def _match(self, term: Term) -> str:
        """A word term in FTS5's syntax; a prefix of one word as the few words it stands for,
        OR'ed (search_folds.py says why)."""
        if term.prefix and term.text.isalnum():
            prefix = term.text.lower() if term.text.isascii() else self.folds.as_word(term.text)
            words = self.folds.words(prefix, _PREFIX_WORDS) if prefix else None
            if words:
                return "(" + " OR ".join(_fts(Term(word)) for word in words) + ")"
        return _fts(term)

    def _condition(self, item: Filter) -> tuple[str, list]:
        if item.name == "lang":
            return "s.lang = ?", [item.value.lower()]
        if item.name == "group":
            return "d.group_id = ?", [self._id("groups", "name", item.value, "group")]
        if item.name == "doc":
            found = self.db.execute("SELECT id FROM documents WHERE title = ? OR CAST(id AS TEXT) = ?",
                                    [item.value, item.value]).fetchall()
            if not found:
                raise NotFoundError(self.where, f"no document with id or title '{item.value}'")
            return f"s.document_id IN ({','.join(str(row[0]) for row in found)})", []
        if item.name == "label":
            return ("s.id IN (SELECT sentence_id FROM annotations WHERE label_id = ?)",
                    [self._id("labels", "name", item.value, "label")])
        if item.name == "annotator":
            return ("s.id IN (SELECT sentence_id FROM judgements WHERE annotator_id = ?)",
                    [self._id("annotators", "name", item.value, "annotator")])
        if item.name == "suggest":
            return (f"s.id IN (SELECT sentence_id FROM suggestions WHERE label_id = ? AND probability"
                    f" {'>' if item.strict else '>='} ?)",
                    [self._id("labels", "name", item.value, "label"), item.threshold])
        if item.value == "boilerplate":
            return "s.boilerplate = 1", []
        if item.value == "confirmed":
            return "s.id IN (SELECT sentence_id FROM confirmations)", []
        if item.value == "flag":  # flagged for discussion by anyone
            return "s.id IN (SELECT sentence_id FROM discussion_flags)", []
        return f"s.id IN ({_DISPUTED})", []

    def _id(self, table: str, column: str, value: str, what: str) -> int:
        row = self.db.execute(f"SELECT id FROM {table} WHERE {column} = ?", [value]).fetchone()
        if row is None:
            row = self.db.execute(f"SELECT id FROM {table} WHERE lower({column}) = lower(?)", [value]).fetchone()
        if row is None:
            raise NotFoundError(self.where, f"no {what} named '{value}'")
        return row[0]


def _fts(term: Term) -> str:
    """One term in FTS5's own syntax: quoted (so that its punctuation is text, not operators)."""
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def _trigram_ready(text: str) -> bool:
    """Whether the trigram indexes can find `text` (three characters at least, folded, none of
    LIKE's wildcards)."""
    plain = fold(text)  # (folding may bring a wildcard: a fullwidth ％ is %)
    return len(plain) >= 3 and "%" not in plain and "_" not in plain


def _substring(term: Term) -> tuple[str, str]:
    """A substring checked in the folded text of the sentences the rest of the query found."""
    condition = "contains_folded(s.text, ?)"
    return (f"NOT {condition}" if term.negated else condition), fold(term.text)


class Similar(Domain):
    """The aligner's cached sentence vectors, as "more like this" reads them: the compact copy
    (store.vector_codes) for the scan, the exact vectors of its best candidates."""

    def models_of(self, sentence_id: int) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT model FROM embeddings WHERE sentence_id = ?", [sentence_id])]

    def vectors_of(self, model: str, sentence_ids: list[int]) -> list[tuple[int, bytes]]:
        """(sentence id, float32 vector bytes) of those of the sentences with a vector of `model`.
        Thousands of them lie at random in the file, one to a page: the page cache is raised
        meanwhile (to 64 MB) so that the B-tree pages above them are read once, not once per
        vector (a third of the time at a million sentences)."""
        found = []
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        if len(sentence_ids) > CHUNK:
            self.db.execute("PRAGMA cache_size = -65536")
        try:
            for chunk, marks in chunks(sorted(set(sentence_ids))):
                found += self.db.execute(f"SELECT sentence_id, vector FROM embeddings WHERE model = ? AND"
                                         f" sentence_id IN ({marks})", [model, *chunk]).fetchall()
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")
        return found

    def stale(self, model: str, sentence_ids: list[int]) -> set[int]:
        """Those of the sentences whose text changed since their vector was computed."""
        changed = set()
        for chunk, marks in chunks(sentence_ids):
            for sentence_id, stored, text in self.db.execute(
                    f"SELECT e.sentence_id, e.text_sha256, s.text FROM embeddings e JOIN sentences s ON"
                    f" s.id = e.sentence_id WHERE e.model = ? AND e.sentence_id IN ({marks})", [model, *chunk]):
                if stored != text_hash(self.checked_text(f"sentence {sentence_id}", text)):
                    changed.add(sentence_id)
        return changed
