"""Label groups' answers and flags for discussion as the exports carry them: in JSONL each line
gets `answers` (per group, each annotator's value, `level` "document" for an answer about the
whole document, repeated on each of its sentences) and `discussion` (who flagged the sentence,
when); the CSV gets one column per group (the distinct values, "|"-joined) and `discussion`
(the names), only when the project has groups or flags, so an older project's CSV is unchanged.
A project with neither costs one query per export."""

from __future__ import annotations

import json
from collections import defaultdict

from annotator.core.store import Store

_ANY = ("SELECT EXISTS (SELECT 1 FROM label_groups WHERE kind <> 'multi')"
        " OR EXISTS (SELECT 1 FROM discussion_flags)")
_ANSWERS = """
    SELECT s.id, g.name, v.value, a.name, v.created_at, v.document_id IS NOT NULL
    FROM sentences s JOIN group_values v ON v.sentence_id = s.id OR v.document_id = s.document_id
    JOIN label_groups g ON g.id = v.group_id JOIN annotators a ON a.id = v.annotator_id
    WHERE s.document_id = ?1 AND (?2 IS NULL OR a.name = ?2) ORDER BY s.id, g.position, g.id, a.name"""
_FLAGS = """
    SELECT f.sentence_id, a.name, f.created_at FROM discussion_flags f JOIN sentences s ON s.id = f.sentence_id
    JOIN annotators a ON a.id = f.annotator_id WHERE s.document_id = ?1 ORDER BY f.sentence_id, a.name"""


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class GroupAnswers:
    """Per document, each sentence's answers and flags; `layer` an annotator's name keeps only
    theirs ("all" and "gold": everybody's, as there is no gold layer of answers)."""

    def __init__(self, store: Store, layer: str = "all"):
        self._store = store
        self.any = bool(store.read(_ANY).fetchone()[0])
        self.names = [g.name for g in store.label_groups.all() if g.kind != "multi"] if self.any else []
        self._who = None if layer in ("all", "gold") else layer

    def of_document(self, document_id: int) -> tuple[dict[int, dict], dict[int, list]]:
        answers: dict[int, dict] = defaultdict(dict)
        flags: dict[int, list] = defaultdict(list)
        if not self.any:
            return answers, flags
        for sentence_id, group, value, who, at, about_document in self._store.read(_ANSWERS, [document_id, self._who]):
            entry = {"value": value, "by": who, "at": at}
            if about_document:
                entry["level"] = "document"
            answers[sentence_id].setdefault(group, []).append(entry)
        for sentence_id, who, at in self._store.read(_FLAGS, [document_id]):
            flags[sentence_id].append({"by": who, "at": at})
        return answers, flags

    def json_of_document(self, document_id: int) -> tuple[dict[int, bytes], dict[int, bytes]]:
        answers, flags = self.of_document(document_id)
        return ({s: _dumps(a) for s, a in answers.items()}, {s: _dumps(f) for s, f in flags.items()})

    def csv_header(self) -> list[str]:
        return [f"group:{name}" for name in self.names] + ["discussion"] if self.any else []

    def csv_cells(self, document_id: int, sentence_ids: list[int]) -> list[list[str]]:
        """Per sentence (in order), one cell per group (its distinct values) and the flaggers."""
        answers, flags = self.of_document(document_id)
        return [[*("|".join(dict.fromkeys(e["value"] for e in answers.get(s, {}).get(name, ()))) for name in self.names),
                 "|".join(f["by"] for f in flags.get(s, ()))] for s in sentence_ids]
