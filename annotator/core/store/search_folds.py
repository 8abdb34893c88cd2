"""The folded texts of migration 20 (substrings that ignore diacritics), kept by the search's
catch-up: the sentences above `sentence_folds_state.upto`, and those whose text changed since
(`sentence_folds_pending`, filled by a trigger), are folded in Python and the ones whose
folded text differs from their own (ASCII case aside) go into the `sentence_folds` trigram
index. A sentence without a row there is found, folded, in the plain trigram index."""

from __future__ import annotations

import sqlite3

from annotator.core.store.domain import Domain, chunks
from annotator.core.text.search_query import fold

_WORDS = "'unicode61 remove_diacritics 2'"  # the word index's tokenizer (migration 13)
_BATCH = 20_000  # sentences read at a time (a large import is folded without holding its text)


def folded_text(text) -> str | None:
    """What the folds index holds for a sentence: its folded text, or None when the plain
    trigram index finds it as well (its folded text is itself, ASCII case aside; SQLite's LIKE
    folds only ASCII case)."""
    if not isinstance(text, str) or text.isascii():
        return None
    plain = fold(text)
    return None if plain == text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass") else plain


def contains_folded(text, needle: str) -> int:
    """SQL `contains_folded(text, needle)`: whether the folded `text` holds `needle` (folded)."""
    if not isinstance(text, str):
        return 0
    return int(needle in (text.lower() if text.isascii() else fold(text)))


class Folds(Domain):
    def upto(self) -> int:
        """The highest sentence id folded; a mark that is missing or impossible (a damaged file)
        starts the folds again from nothing."""
        row = self.db.execute("SELECT upto FROM sentence_folds_state").fetchone()
        if row is not None and isinstance(row[0], int) and row[0] >= 0:
            return row[0]
        self.reset()
        return 0

    def reset(self) -> None:
        """Fold every sentence again at the next catch-up."""
        self.db.execute("DELETE FROM sentence_folds")
        self.db.execute("DELETE FROM sentence_folds_pending")
        self.db.execute("DELETE FROM search_terms")
        self.db.execute("DELETE FROM sentence_folds_state")
        self.db.execute("INSERT INTO sentence_folds_state (id, upto) VALUES (1, 0)")

    def waiting(self) -> int:
        """Sentences the next catch-up folds."""
        return self.db.execute("SELECT (SELECT count(*) FROM sentences WHERE id > (SELECT upto FROM sentence_folds_state))"
                               " + (SELECT count(*) FROM sentence_folds_pending)").fetchone()[0]

    def behind(self) -> bool:
        return self.db.execute("SELECT coalesce(max(id), 0) > (SELECT upto FROM sentence_folds_state)"
                               " OR EXISTS (SELECT 1 FROM sentence_folds_pending) FROM sentences").fetchone()[0] == 1

    def catch_up(self, at_most: int | None = None) -> int:
        """Fold the sentences above the mark (at most `at_most` ids of them) and those whose text
        changed, inside the caller's transaction; how many were read."""
        upto = self.upto()
        last = self.db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0]
        if at_most is not None:
            last = min(last, upto + at_most)
        pending = [row[0] for row in self.db.execute("SELECT id FROM sentence_folds_pending")]
        if last <= upto and not pending:
            return 0
        done = 0
        if last > upto:
            # rows a damaged or hand-edited file left above the mark would collide with the new ones
            self.db.execute("DELETE FROM sentence_folds WHERE rowid > ? AND rowid <= ?", [upto, last])
            for start in range(upto, last, _BATCH):
                rows = self.db.execute("SELECT id, text FROM sentences WHERE id > ? AND id <= ?",
                                       [start, min(start + _BATCH, last)]).fetchall()
                done += self._put(rows)
            self.db.execute("UPDATE sentence_folds_state SET upto = ?", [last])
        if pending:
            self.again(pending)
            self.db.execute("DELETE FROM sentence_folds_pending")
            done += len(pending)
        return done

    def again(self, sentence_ids: list[int]) -> None:
        """Fold these sentences again (a changed text; a sentence put back under its old id)."""
        for chunk, marks in chunks(sentence_ids):
            self.db.execute(f"DELETE FROM sentence_folds WHERE rowid IN ({marks})", chunk)
            self._put(self.db.execute(f"SELECT id, text FROM sentences WHERE id IN ({marks}) AND id <="
                                      " (SELECT upto FROM sentence_folds_state)", chunk).fetchall())

    def _put(self, rows: list[tuple]) -> int:
        conn = self.db.conn
        conn.executemany("INSERT INTO sentence_folds (rowid, text) VALUES (?, ?)",
                         ((sentence_id, plain) for sentence_id, text in rows if (plain := folded_text(text)) is not None))
        self._scratch()  # their words, cut and folded by the word index's own tokenizer
        conn.executemany("INSERT INTO temp.search_scratch (text) VALUES (?)",
                         ((text,) for _, text in rows if isinstance(text, str)))
        conn.execute("INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_scratch_terms")
        conn.execute("DELETE FROM temp.search_scratch")
        return len(rows)

    def _scratch(self) -> None:
        conn = self.db.conn
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch USING fts5(text, tokenize={_WORDS},"
                     " detail='none')")
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch_terms USING fts5vocab(temp, search_scratch, row)")

    def as_word(self, text: str) -> str | None:
        """`text` as the word index's tokenizer cuts and folds it ("Büro" is "buro"), when it is
        one word; None when it is not, or on a reader (which cannot write even a temp table)."""
        try:
            self._scratch()
            self.db.conn.execute("INSERT INTO temp.search_scratch (text) VALUES (?)", [text])
            found = [row[0] for row in self.db.conn.execute("SELECT term FROM temp.search_scratch_terms")]
            self.db.conn.execute("DELETE FROM temp.search_scratch")
        except sqlite3.Error:
            return None
        return found[0] if len(found) == 1 else None

    def words(self, prefix: str, at_most: int) -> list[str] | None:
        """The indexed words that start with `prefix` (as the tokenizer folds it), or None when
        they are more than `at_most` or the list is not complete yet (a reader of a file not
        caught up): FTS5's own prefix query is then used."""
        if self.behind():
            return None
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        found = [row[0] for row in self.db.execute("SELECT term FROM search_terms WHERE term >= ? AND term < ?"
                                                   " LIMIT ?", [prefix, following, at_most + 1])]
        return found if len(found) <= at_most else None
