"""Alignment links (a set of pivot-document sentences joined to a set of another document's
sentences, with a score and an origin) and the aligner's embedding cache."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from annotator.core.model import Link
from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks
from annotator.errors import ProjectError

NewLink = tuple[list[int], list[int], float | None, str]  # pivot ids, other ids, score, origin


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Links(Domain):
    # ------------------------------------------------------------------ writing
    def add(self, pivot_sentence_ids: list[int], other_sentence_ids: list[int], *, score: float | None,
            origin: str = "machine") -> int:
        """Join pivot sentences to another document's sentences (one transaction)."""
        return self.add_many([(pivot_sentence_ids, other_sentence_ids, score, origin)])[0]

    def add_many(self, links: Iterable[NewLink]) -> list[int]:
        """Store many links (pivot sentence ids, other sentence ids, score, origin) in one transaction."""
        ids = []
        with self.transaction():
            for pivot_ids, other_ids, score, origin in links:
                if not pivot_ids or not other_ids:
                    raise ProjectError(self.where, "a link needs sentences on both sides")
                documents = self._store.documents
                docs = documents.of_sentences(pivot_ids), documents.of_sentences(other_ids)
                if len(docs[0]) != 1 or len(docs[1]) != 1 or docs[0] == docs[1]:
                    raise ProjectError(self.where, "a link joins sentences of exactly two different documents")
                (pivot_doc, group), (other_doc, _) = docs[0].pop(), docs[1].pop()
                link_id = self.db.execute(
                    "INSERT INTO links (group_id, pivot_document_id, other_document_id, score, origin, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [group, pivot_doc, other_doc, score, origin, now()]).lastrowid
                self.db.conn.executemany(
                    "INSERT INTO link_sentences (link_id, sentence_id, side) VALUES (?, ?, ?)",
                    [(link_id, i, "pivot") for i in pivot_ids] + [(link_id, i, "other") for i in other_ids])
                ids.append(link_id)
        return ids

    def remove(self, link_ids: list[int]) -> None:
        """Delete links (one transaction)."""
        with self.transaction():
            self.db.conn.executemany("DELETE FROM links WHERE id = ?", [(i,) for i in link_ids])

    def replace(self, remove: list[int], add: list[NewLink]) -> tuple[list[Link], list[int]]:
        """Remove some links and add others in one transaction; returns the removed links (for
        undo) and the new links' ids."""
        removed = [self.get(link_id) for link_id in remove]
        with self.transaction():
            self.remove(remove)
            added = self.add_many(add)
        return removed, added

    def replace_machine(self, pivot_document_id: int, other_document_id: int,
                        links: list[tuple[list[int], list[int], float | None]]) -> None:
        """Swap the machine links between two documents for new ones, in one transaction;
        manual links are never touched."""
        with self.transaction():
            self.db.execute("DELETE FROM links WHERE pivot_document_id = ? AND other_document_id = ?"
                            " AND origin = 'machine'", [pivot_document_id, other_document_id])
            self.add_many((p, o, score, "machine") for p, o, score in links)

    # ------------------------------------------------------------------ reading
    def get(self, link_id: int) -> Link:
        link = Link(link_id, [], [], None, "machine")
        for score, origin, side, member in self.db.execute(
                "SELECT l.score, l.origin, ls.side, ls.sentence_id FROM links l JOIN link_sentences ls"
                " ON ls.link_id = l.id JOIN sentences s ON s.id = ls.sentence_id WHERE l.id = ? ORDER BY s.idx",
                [link_id]):
            link.score, link.origin = score, origin
            (link.pivot if side == "pivot" else link.other).append(member)
        return link

    def between(self, pivot_document_id: int, other_document_id: int, origin: str | None = None) -> list[Link]:
        """Links from the pivot document to another, with their sentence ids in document order."""
        rows = self.db.execute(
            "SELECT l.id, l.score, l.origin, ls.side, ls.sentence_id FROM links l"
            " JOIN link_sentences ls ON ls.link_id = l.id JOIN sentences s ON s.id = ls.sentence_id"
            " WHERE l.pivot_document_id = ?1 AND l.other_document_id = ?2 AND (?3 IS NULL OR l.origin = ?3)"
            " ORDER BY l.id, s.idx", [pivot_document_id, other_document_id, origin]).fetchall()
        links: dict[int, Link] = {}
        for link_id, score, link_origin, side, sentence_id in rows:
            link = links.setdefault(link_id, Link(link_id, [], [], score, link_origin))
            (link.pivot if side == "pivot" else link.other).append(sentence_id)
        return list(links.values())

    def pairs(self, pivot_document_id: int, other_document_id: int) -> list[tuple]:
        """(link id, pivot sentence, other sentence, score, origin) for every pair of sentences
        that a link between the two documents joins (one row per pair; a 1-1 link is one row)."""
        return self.db.conn.execute(
            "SELECT l.id, p.sentence_id, o.sentence_id, l.score, l.origin FROM links l"
            " JOIN link_sentences p ON p.link_id = l.id AND p.side = 'pivot'"
            " JOIN link_sentences o ON o.link_id = l.id AND o.side = 'other'"
            " WHERE l.pivot_document_id = ? AND l.other_document_id = ?",
            [pivot_document_id, other_document_id]).fetchall()

    def spanning_pivots(self, pivot_document_id: int, other_document_id: int) -> list[list[int]]:
        """The pivot sentences of each link between two documents that has more than one."""
        return [[int(i) for i in members.split(",")] for (members,) in self.db.execute(
            "SELECT group_concat(p.sentence_id) FROM links l JOIN link_sentences p ON p.link_id = l.id"
            " WHERE l.pivot_document_id = ? AND l.other_document_id = ? AND p.side = 'pivot'"
            " GROUP BY l.id HAVING count(*) > 1", [pivot_document_id, other_document_id])]

    def of_sentence(self, sentence_id: int) -> list[Link]:
        """Every link the sentence takes part in (on either side)."""
        return [self.get(row[0]) for row in self.db.execute(
            "SELECT DISTINCT link_id FROM link_sentences WHERE sentence_id = ? ORDER BY link_id", [sentence_id])]

    def has_any(self, sentence_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM link_sentences WHERE sentence_id = ? LIMIT 1",
                               [sentence_id]).fetchone() is not None

    def manual(self) -> list[Link]:
        return [self.get(row[0]) for row in self.db.execute("SELECT id FROM links WHERE origin = 'manual' ORDER BY id")]

    def in_group(self, group_id: int, origin: str | None = None) -> list[Link]:
        """The group's links from its pivot to each other document."""
        pivot = self._store.documents.pivot(group_id)
        return [link for document in self._store.documents.group_documents(group_id) if document["id"] != pivot
                for link in self.between(pivot, document["id"], origin=origin)]


class Embeddings(Domain):
    def cached(self, sentence_ids: list[int], model: str) -> dict[int, bytes]:
        """Stored vectors (float32 bytes) of these sentences for `model`, where the text has not
        changed since they were computed."""
        found: dict[int, bytes] = {}
        for chunk, marks in chunks(sentence_ids):
            for sentence_id, vector, stored_hash, text in self.db.execute(
                    f"SELECT e.sentence_id, e.vector, e.text_sha256, s.text FROM embeddings e"
                    f" JOIN sentences s ON s.id = e.sentence_id WHERE e.model = ? AND e.sentence_id IN ({marks})",
                    [model, *chunk]):
                if stored_hash == text_hash(text):
                    found[sentence_id] = vector
        return found

    def put(self, model: str, rows: list[tuple[int, str, bytes]]) -> None:
        """Cache (sentence_id, text, float32 vector bytes) for `model`, in one transaction."""
        with self.transaction():
            self.db["embeddings"].insert_all(
                ({"sentence_id": sentence_id, "model": model, "text_sha256": text_hash(text), "vector": vector}
                 for sentence_id, text, vector in rows), replace=True)
