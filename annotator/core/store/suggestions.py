"""The labels a model trained on the project's own annotations suggests, with a probability,
on the content sentences nobody has judged yet (annotator/core/suggest.py trains it). A
suggestion is never an annotation: one a person accepts is stored as an annotation with origin
`model`. What the model was last trained on, and its cross-validated figures, are kept in the
settings (`suggestions.report`, JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.core.model import Sentence
from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks

REPORT_KEY = "suggestions.report"
SHOW = 0.5  # a suggestion is offered (a chip, "next likely", the filter) from this probability on
WRITE_CHUNK = 1000  # rows per transaction (about 15 ms): a keypress while the app writes waits for one at most
UPSERT = ("INSERT INTO suggestions (sentence_id, label_id, probability, created_at) VALUES (?, ?, ?, ?)"
          " ON CONFLICT (sentence_id, label_id) DO UPDATE SET probability = excluded.probability,"
          " created_at = excluded.created_at")

# Content sentences someone judged (labels or "no label applies"): (sentence, group, labels joined by '|').
_JUDGED = """
    SELECT s.id, d.group_id, coalesce((SELECT group_concat(x.name, '|') FROM (
        SELECT DISTINCT lb.name FROM annotations an JOIN labels lb ON lb.id = an.label_id
        WHERE an.sentence_id = s.id ORDER BY lb.position) x), '')
    FROM sentences s JOIN documents d ON d.id = s.document_id
    WHERE s.boilerplate = 0 AND EXISTS (SELECT 1 FROM judgements j WHERE j.sentence_id = s.id)
    ORDER BY s.id"""

_MINE = "EXISTS (SELECT 1 FROM judgements j JOIN annotators a ON a.id = j.annotator_id" \
        " WHERE j.sentence_id = x.sentence_id AND a.name = ?)"


class Suggestions(Domain):
    # ------------------------------------------------------------------ what the model learns from
    def judged(self) -> list[tuple[int, int, list[str]]]:
        """(sentence id, group id, labels anyone gave) of every judged content sentence."""
        return [(sentence_id, group_id, labels.split("|") if labels else [])
                for sentence_id, group_id, labels in self.db.execute(_JUDGED)]

    def unjudged(self) -> list[Sentence]:
        """The content sentences nobody has judged: what the model makes suggestions on."""
        ids = [row[0] for row in self.db.execute(
            "SELECT s.id FROM sentences s WHERE s.boilerplate = 0 AND NOT EXISTS"
            " (SELECT 1 FROM judgements j WHERE j.sentence_id = s.id) ORDER BY s.id")]
        return self._store.documents.sentences_by_id(ids)

    # ------------------------------------------------------------------ writing
    def replace(self, labels: dict[str, int], rows: Iterable[tuple[int, str, float]], report: dict,
                chunk: int = WRITE_CHUNK) -> int:
        """The model's new probabilities (sentence id, label name, probability) for the labels
        it was trained on (`labels`: name -> id); their older suggestions and every suggestion
        on a sentence judged since go. Written in transactions of `chunk` rows, and the rows to
        remove are found by a read outside any write transaction, so that the app's keypress
        waits for one short chunk at most (inside a command's own transaction they are
        savepoints: the command stays all or nothing)."""
        stamp = now()
        batch, written = [], 0
        for sentence_id, label, probability in rows:
            batch.append((sentence_id, labels[label], float(probability), stamp))
            if len(batch) >= chunk:
                written += self._write(UPSERT, batch)
                batch = []
        written += self._write(UPSERT, batch)
        marks = ",".join("?" * len(labels))
        stale = self.db.execute(
            f"SELECT sentence_id, label_id FROM suggestions WHERE (label_id IN ({marks}) AND created_at <> ?)"
            f" OR sentence_id IN (SELECT sentence_id FROM judgements)", [*labels.values(), stamp]).fetchall()
        for start in range(0, len(stale), chunk):
            self._write("DELETE FROM suggestions WHERE sentence_id = ? AND label_id = ?", stale[start:start + chunk])
        with self.transaction():
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                            " SET value = excluded.value", [REPORT_KEY, json.dumps(report, ensure_ascii=False)])
        return written

    def _write(self, sql: str, batch: list[tuple]) -> int:
        if not batch:
            return 0
        with self.transaction():
            self.db.conn.executemany(sql, batch)
        return len(batch)

    # ------------------------------------------------------------------ reading
    def report(self) -> dict | None:
        """What the model was last trained on, and its cross-validated figures."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [REPORT_KEY]).fetchone()
        return json.loads(row[0]) if row else None

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM suggestions").fetchone()[0]

    def of_sentences(self, sentence_ids: list[int]) -> dict[int, dict[str, float]]:
        """Per sentence that has any, each label's probability (scheme order)."""
        found: dict[int, dict[str, float]] = {}
        for chunk, marks in chunks(sentence_ids):
            for sentence_id, name, probability in self.db.execute(
                    f"SELECT x.sentence_id, lb.name, x.probability FROM suggestions x JOIN labels lb ON lb.id = x.label_id"
                    f" WHERE x.sentence_id IN ({marks}) ORDER BY x.sentence_id, lb.position", chunk):
                found.setdefault(sentence_id, {})[name] = probability
        return found

    def of_document(self, document_id: int) -> dict[int, dict[str, float]]:
        """Per sentence of a document, each label's probability (for exports)."""
        found: dict[int, dict[str, float]] = {}
        for sentence_id, name, probability in self.db.execute(
                "SELECT x.sentence_id, lb.name, x.probability FROM suggestions x JOIN labels lb ON lb.id = x.label_id"
                " JOIN sentences s ON s.id = x.sentence_id WHERE s.document_id = ? ORDER BY x.sentence_id, lb.position",
                [document_id]):
            found.setdefault(sentence_id, {})[name] = probability
        return found

    def listing(self, label: str | None = None, min_probability: float = SHOW) -> list[tuple[int, str, float]]:
        """(sentence id, label, probability) at or above `min_probability`, most likely first."""
        return self.db.execute(
            "SELECT x.sentence_id, lb.name, x.probability FROM suggestions x JOIN labels lb ON lb.id = x.label_id"
            " WHERE x.probability >= ? AND (? IS NULL OR lb.name = ?) ORDER BY x.probability DESC, x.sentence_id",
            [min_probability, label, label]).fetchall()

    def most_uncertain(self, annotator: str, limit: int = 50) -> list[int]:
        """Sentences the annotator has not judged, the one whose most uncertain label is closest
        to 0.5 first (active learning's uncertainty sampling)."""
        return [row[0] for row in self.db.execute(
            f"SELECT x.sentence_id FROM suggestions x WHERE NOT {_MINE}"
            f" GROUP BY x.sentence_id ORDER BY min(abs(x.probability - 0.5)), x.sentence_id LIMIT ?",
            [annotator, limit])]

    def likely_in_group(self, group_id: int, label: str, annotator: str,
                        min_probability: float = SHOW) -> dict[int, float]:
        """The group's sentences the annotator has not judged that the model gives `label` with
        at least `min_probability`, and that probability."""
        return dict(self.db.execute(
            f"SELECT x.sentence_id, x.probability FROM suggestions x JOIN labels lb ON lb.id = x.label_id"
            f" JOIN sentences s ON s.id = x.sentence_id JOIN documents d ON d.id = s.document_id"
            f" WHERE d.group_id = ? AND lb.name = ? AND x.probability >= ? AND NOT {_MINE}",
            [group_id, label, min_probability, annotator]))
