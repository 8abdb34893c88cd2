"""Counts over the project: per document, per language, per label, per group."""

from __future__ import annotations

from annotator.core.model import DocumentSummary
from annotator.core.store.domain import Domain, chunks


class Stats(Domain):
    def document_summaries(self, document_ids: list[int] | None = None) -> list[DocumentSummary]:
        """Per document (all, or these), in group and position order."""
        if document_ids is None:
            return self._summaries("", [])
        found = []
        for chunk, marks in chunks(sorted(document_ids)):
            found += self._summaries(f"WHERE d.id IN ({marks})", chunk)
        return found

    def _summaries(self, where: str, parameters: list) -> list[DocumentSummary]:
        rows = self.db.execute(f"""
            SELECT d.id, g.name, d.title, d.source_path, d.lang, d.encoding,
                   sum(s.boilerplate = 0), sum(s.boilerplate = 1),
                   sum(s.boilerplate = 0 AND EXISTS (SELECT 1 FROM annotations an WHERE an.sentence_id = s.id)),
                   sum(s.boilerplate = 0 AND EXISTS (SELECT 1 FROM confirmations c WHERE c.sentence_id = s.id))
            FROM documents d JOIN groups g ON g.id = d.group_id LEFT JOIN sentences s ON s.document_id = d.id
            {where} GROUP BY d.id ORDER BY g.id, d.position""", parameters).fetchall()
        return [DocumentSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7] or 0, r[8] or 0, r[9] or 0)
                for r in rows]

    def sentences_per_language(self) -> dict[str, int]:
        return dict(self.db.execute(
            "SELECT lang, count(*) FROM sentences WHERE boilerplate = 0 GROUP BY lang ORDER BY count(*) DESC, lang"))

    def sentences_per_label(self) -> dict[str, int]:
        return dict(self.db.execute("""
            SELECT lb.name, count(DISTINCT s.id) FROM labels lb
            LEFT JOIN annotations an ON an.label_id = lb.id
            LEFT JOIN sentences s ON s.id = an.sentence_id AND s.boilerplate = 0
            GROUP BY lb.id ORDER BY lb.position"""))

    def group_label_counts(self) -> dict[int, tuple[int, dict[str, int]]]:
        """Per group: its content sentences, and how many of them carry each label."""
        result = {g["id"]: (0, {}) for g in self._store.documents.groups()}
        for group_id, count in self.db.execute(
                "SELECT d.group_id, count(*) FROM sentences s JOIN documents d ON d.id = s.document_id"
                " WHERE s.boilerplate = 0 GROUP BY d.group_id"):
            result[group_id] = (count, {})
        for group_id, label, count in self.db.execute(
                "SELECT d.group_id, lb.name, count(DISTINCT an.sentence_id) FROM annotations an"
                " JOIN labels lb ON lb.id = an.label_id JOIN sentences s ON s.id = an.sentence_id"
                " JOIN documents d ON d.id = s.document_id WHERE s.boilerplate = 0 GROUP BY d.group_id, lb.name"):
            result[group_id][1][label] = count
        return result
