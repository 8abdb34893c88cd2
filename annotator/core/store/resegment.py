"""Splitting a sentence in two and merging a sentence with the next, by hand (the segmenter is
wrong sometimes). Offsets stay exact slices of the document text. What the sentence carried is
carried over by one rule (README, "Splitting and merging sentences"):

- split: the first part keeps the sentence's id, and with it every label, note, judgement,
  gold decision and link; the second part gets a copy of the labels, notes, judgements and
  gold decision, and joins each of the sentence's links on the same side (a 1-1 link becomes
  1-2, so the two parts stay in one row). Its alignment confirmation is taken back, the
  cached embedding dropped.
- merge: the merged sentence keeps the first one's id; the second's labels, notes, judgements
  and links move to it (duplicates kept once, the earlier time), a gold decision is the first
  one's if it has one; confirmations are taken back. Only sentences of one paragraph merge.

Each edit is one transaction and returns a snapshot of every row it touched, which
`undo_resegment` puts back exactly (ids, times and notes included)."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.store.domain import Domain
from annotator.errors import NotFoundError, ProjectError

# The tables that hold rows of a sentence (ON DELETE CASCADE from sentences)
DEPENDENT = ("annotations", "judgements", "gold", "confirmations", "link_sentences", "embeddings", "spans")
_COLUMNS = "id, document_id, paragraph_id, idx, start, end, text, lang, boilerplate, boilerplate_reason"


@dataclass(frozen=True)
class Resegmentation:
    """What a split or merge replaced, to undo it: the sentence rows as they were, the rows of
    the dependent tables that referred to them, and the sentence the edit created (split)."""

    document_id: int
    sentences: list[tuple]  # full rows (_COLUMNS) before the edit
    dependent: dict[str, tuple[list[str], list[tuple]]]  # table -> (columns, rows)
    created: int | None  # the new sentence of a split
    removed: int | None  # the second sentence of a merge

    def sentence_ids(self) -> list[int]:
        return [row[0] for row in self.sentences] + ([self.created] if self.created else [])


class Resegmenting(Domain):
    def _row(self, sentence_id: int) -> tuple:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM sentences WHERE id = ?", [sentence_id]).fetchone()
        if row is None:
            raise NotFoundError(self.where, f"no sentence with id {sentence_id}")
        return tuple(row)

    def _snapshot(self, rows: list[tuple], created=None, removed=None) -> Resegmentation:
        ids = [row[0] for row in rows]
        marks = ",".join("?" * len(ids))
        dependent = {}
        for table in DEPENDENT:
            cursor = self.db.execute(f"SELECT * FROM {table} WHERE sentence_id IN ({marks})", ids)
            dependent[table] = ([c[0] for c in cursor.description], [tuple(r) for r in cursor.fetchall()])
        dependent["relations"] = self._store.relations.rows_of(ids)  # (by head and tail, not sentence_id)
        return Resegmentation(rows[0][1], rows, dependent, created, removed)

    def _shift(self, document_id: int, after_idx: int, step: int) -> None:
        """Move the indices of the sentences after `after_idx` by `step` (through negative
        values, since (document, idx) is unique at every moment of an UPDATE). Every split, merge
        and undo of one passes here: the group's layout is out of date."""
        self._store.layouts.changed("documents", [document_id])
        self.db.execute("UPDATE sentences SET idx = -(idx + ?) - 1 WHERE document_id = ? AND idx > ?",
                        [step, document_id, after_idx])
        self.db.execute("UPDATE sentences SET idx = -idx - 1 WHERE document_id = ? AND idx < 0", [document_id])

    # ------------------------------------------------------------------ split
    def split(self, sentence_id: int, offset: int) -> tuple[int, Resegmentation]:
        """Split a sentence before character `offset` of its text; returns the second part's
        id and the undo snapshot. Blanks at the cut stay outside both parts."""
        row = self._row(sentence_id)
        _, document_id, paragraph_id, idx, start, end, text, lang, boilerplate, reason = row
        text = self.checked_text(f"sentence {sentence_id}", text)
        head, tail = text[:offset].rstrip(), text[offset:].lstrip()
        if not 0 < offset < len(text) or not head or not tail:
            raise ProjectError(self.where, f"sentence {sentence_id} cannot be split at {offset}: both parts need "
                                           f"text (it has {len(text)} characters)")
        first_end = start + len(head)
        second_start = end - len(tail)
        with self.transaction():
            undo = self._snapshot([row])
            document_text = self._store.documents.text(document_id)
            if document_text[start:first_end] != head or document_text[second_start:end] != tail:
                raise ProjectError(self.where, f"sentence {sentence_id} is not a slice of its document's text"
                                               " (a damaged project?): not split")
            self.db.execute("UPDATE sentences SET end = ?, text = ? WHERE id = ?", [first_end, head, sentence_id])
            self._shift(document_id, idx, 1)
            created = self.db.execute(
                "INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, lang, boilerplate,"
                " boilerplate_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [document_id, paragraph_id, idx + 1, second_start, end, tail, lang, boilerplate, reason]).lastrowid
            self.db.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at, note, origin)"
                            " SELECT ?, label_id, annotator_id, created_at, note, origin FROM annotations WHERE sentence_id = ?",
                            [created, sentence_id])
            self.db.execute("INSERT INTO judgements (sentence_id, annotator_id, created_at, note)"
                            " SELECT ?, annotator_id, created_at, note FROM judgements WHERE sentence_id = ?",
                            [created, sentence_id])
            self.db.execute("INSERT INTO gold (sentence_id, labels, method, created_at)"
                            " SELECT ?, labels, method, created_at FROM gold WHERE sentence_id = ?",
                            [created, sentence_id])
            self.db.execute("INSERT INTO link_sentences (link_id, sentence_id, side)"
                            " SELECT link_id, ?, side FROM link_sentences WHERE sentence_id = ?", [created, sentence_id])
            self.db.execute("DELETE FROM confirmations WHERE sentence_id = ?", [sentence_id])
            self.db.execute("DELETE FROM embeddings WHERE sentence_id = ?", [sentence_id])
            # spans in the second part go with it, one across the cut goes (the first part keeps its own)
            self.db.execute("UPDATE spans SET sentence_id = ?1, start = start - ?2, end = end - ?2"
                            " WHERE sentence_id = ?3 AND start >= ?2", [created, second_start - start, sentence_id])
            self.db.execute("DELETE FROM spans WHERE sentence_id = ? AND end > ?", [sentence_id, len(head)])
            self._store.events.record("split", sentence_id, None, {str(sentence_id): text},
                                      {str(sentence_id): head, str(created): tail})
        return created, Resegmentation(undo.document_id, undo.sentences, undo.dependent, created, None)

    # ------------------------------------------------------------------ merge
    def merge_with_next(self, sentence_id: int) -> Resegmentation:
        """Merge a sentence with the next one of its paragraph (the next one's id goes)."""
        first = self._row(sentence_id)
        following = self.db.execute(f"SELECT {_COLUMNS} FROM sentences WHERE document_id = ? AND idx = ?",
                                    [first[1], first[3] + 1]).fetchone()
        if following is None:
            raise ProjectError(self.where, f"sentence {sentence_id} is the last of its document: nothing to merge with")
        second = tuple(following)
        if second[2] != first[2]:
            raise ProjectError(self.where, f"sentence {sentence_id} ends its paragraph: only sentences of one "
                                           "paragraph merge")
        a, b = first[0], second[0]
        with self.transaction():
            undo = self._snapshot([first, second])
            text = self._store.documents.text(first[1])[first[4]:second[5]]
            boilerplate = int(bool(first[8]) and bool(second[8]))
            self.db.execute("UPDATE sentences SET end = ?, text = ?, boilerplate = ?, boilerplate_reason = ?"
                            " WHERE id = ?", [second[5], text, boilerplate, first[9] if boilerplate else None, a])
            self.db.execute("INSERT OR IGNORE INTO annotations (sentence_id, label_id, annotator_id, created_at, note, origin)"
                            " SELECT ?, label_id, annotator_id, created_at, note, origin FROM annotations WHERE sentence_id = ?"
                            " ORDER BY created_at", [a, b])
            self.db.execute("UPDATE judgements SET created_at = min(created_at, (SELECT j.created_at FROM judgements j"
                            " WHERE j.sentence_id = ?2 AND j.annotator_id = judgements.annotator_id))"
                            " WHERE sentence_id = ?1 AND annotator_id IN"
                            " (SELECT annotator_id FROM judgements WHERE sentence_id = ?2)", [a, b])
            self.db.execute("INSERT OR IGNORE INTO judgements (sentence_id, annotator_id, created_at, note)"
                            " SELECT ?, annotator_id, created_at, note FROM judgements WHERE sentence_id = ?", [a, b])
            self.db.execute("INSERT OR IGNORE INTO gold (sentence_id, labels, method, created_at)"
                            " SELECT ?, labels, method, created_at FROM gold WHERE sentence_id = ?", [a, b])
            self.db.execute("INSERT OR IGNORE INTO link_sentences (link_id, sentence_id, side)"
                            " SELECT link_id, ?, side FROM link_sentences WHERE sentence_id = ?", [a, b])
            self.db.execute("DELETE FROM confirmations WHERE sentence_id = ?", [a])
            self.db.execute("DELETE FROM embeddings WHERE sentence_id = ?", [a])
            self._store.relations.move(b, a)
            self.db.execute("UPDATE OR IGNORE spans SET sentence_id = ?1, start = start + ?2, end = end + ?2"
                            " WHERE sentence_id = ?3", [a, second[4] - first[4], b])  # offsets in the merged text
            self.db.execute("DELETE FROM sentences WHERE id = ?", [b])  # its own rows go with it
            self._shift(first[1], second[3], -1)
            self._store.events.record("merge", a, None, {str(a): first[6], str(b): second[6]}, {str(a): text})
        return Resegmentation(undo.document_id, undo.sentences, undo.dependent, None, b)

    # ------------------------------------------------------------------ undo
    def undo(self, change: Resegmentation) -> None:
        """Put the sentences and every row that referred to them back as they were."""
        with self.transaction():
            document_id = change.document_id
            kept = change.sentences[0][0]
            now_text = self.db.execute("SELECT text FROM sentences WHERE id = ?", [kept]).fetchone()
            self._store.events.record("merge" if change.created is not None else "split", kept, None,
                                      {str(kept): now_text[0] if now_text else None},
                                      {str(row[0]): row[6] for row in change.sentences})
            if change.created is not None:  # a split: the second part goes
                created_idx = self.db.execute("SELECT idx FROM sentences WHERE id = ?", [change.created]).fetchone()[0]
                self.db.execute("DELETE FROM sentences WHERE id = ?", [change.created])
                self._shift(document_id, created_idx, -1)
            if change.removed is not None:  # a merge: the second sentence comes back under its id
                second = next(row for row in change.sentences if row[0] == change.removed)
                self._shift(document_id, second[3] - 1, 1)
                self.db.execute(f"INSERT INTO sentences ({_COLUMNS}) VALUES ({','.join('?' * 10)})", list(second))
                self._store.search.indexed_again([change.removed])
            for row in change.sentences:
                self.db.execute("UPDATE sentences SET idx = ?, start = ?, end = ?, text = ?, boilerplate = ?,"
                                " boilerplate_reason = ? WHERE id = ?", [row[3], row[4], row[5], row[6], row[8],
                                                                         row[9], row[0]])
            ids = [row[0] for row in change.sentences]
            marks = ",".join("?" * len(ids))
            for table, (columns, rows) in change.dependent.items():
                if table == "relations":
                    self._store.relations.put_back(ids, columns, rows)
                    continue
                self.db.execute(f"DELETE FROM {table} WHERE sentence_id IN ({marks})", ids)
                if rows:
                    self.db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
                                             f" ({','.join('?' * len(columns))})", rows)
