"""Alignment confirmations: a reviewer's word that a sentence's row of the side-by-side view
is right as it stands. The aligner keeps the links among confirmed sentences and gives a
confirmed sentence no new link (align.group); the view, the navigator and the exports show it."""

from __future__ import annotations

from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks

ConfirmationRecord = tuple[int, str, str]  # sentence id, annotator, confirmed at


class Confirmations(Domain):
    def confirm(self, sentence_ids: list[int], annotator: str) -> list[int]:
        """Confirm sentences (one transaction); returns the ones that were not confirmed yet."""
        self._store.documents.of_sentences(sentence_ids)  # NotFoundError for an unknown id
        with self.transaction():
            already = self.confirmed_among(sentence_ids)
            fresh = [i for i in dict.fromkeys(sentence_ids) if i not in already]
            annotator_id = self._store.annotations.annotator_id(annotator)
            self.db.conn.executemany("INSERT INTO confirmations (sentence_id, annotator_id, created_at)"
                                     " VALUES (?, ?, ?)", [(i, annotator_id, now()) for i in fresh])
            self._store.events.record_many("confirm", ((i, None, False, True) for i in fresh), who=annotator)
        return fresh

    def unconfirm(self, sentence_ids: list[int]) -> list[ConfirmationRecord]:
        """Take confirmations back (one transaction); returns what was removed, for undo."""
        with self.transaction():
            removed = self.records(sentence_ids)
            self.db.conn.executemany("DELETE FROM confirmations WHERE sentence_id = ?",
                                     [(i,) for i, _, _ in removed])
            self._store.events.record_many("unconfirm", ((i, who, True, False) for i, who, _ in removed))
        return removed

    def restore(self, records: list[ConfirmationRecord]) -> None:
        """Put confirmations back as they were (undo, merge); ones already there are kept."""
        with self.transaction():
            for sentence_id, annotator, created_at in records:
                if self.db.execute("INSERT OR IGNORE INTO confirmations (sentence_id, annotator_id, created_at)"
                                   " VALUES (?, ?, ?)",
                                   [sentence_id, self._store.annotations.annotator_id(annotator), created_at]).rowcount:
                    self._store.events.record("confirm", sentence_id, annotator, False, True)

    def records(self, sentence_ids: list[int] | None = None) -> list[ConfirmationRecord]:
        """(sentence id, annotator, time) of these sentences' confirmations (all when None)."""
        query = ("SELECT c.sentence_id, a.name, c.created_at FROM confirmations c"
                 " JOIN annotators a ON a.id = c.annotator_id")
        if sentence_ids is None:
            return [tuple(r) for r in self.db.execute(query + " ORDER BY c.sentence_id")]
        found = []
        for chunk, marks in chunks(sentence_ids):
            found += [tuple(r) for r in self.db.execute(f"{query} WHERE c.sentence_id IN ({marks})", chunk)]
        return sorted(found)

    def confirmed_among(self, sentence_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for chunk, marks in chunks(sentence_ids):
            found.update(r[0] for r in self.db.execute(
                f"SELECT sentence_id FROM confirmations WHERE sentence_id IN ({marks})", chunk))
        return found

    def in_group(self, group_id: int) -> set[int]:
        return {r[0] for r in self.db.execute(
            # CROSS JOIN keeps this order: the (few) confirmations first, not the group's sentences
            "SELECT c.sentence_id FROM confirmations c CROSS JOIN sentences s ON s.id = c.sentence_id"
            " CROSS JOIN documents d ON d.id = s.document_id WHERE d.group_id = ?", [group_id])}
