"""A group's sentence vectors as the aligner holds them: one float32 matrix per document,
each row found from its sentence's id through the documents' sorted ids (no per-sentence
dict), so that a long document costs its 2 KB vectors and little more."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from annotator.core.align.embeddings import DIMENSION
from annotator.core.model import Sentence


class RowIndex:
    """Sentence id -> (document, row), from each document's sorted ids: 8-16 bytes a sentence
    where a dict of tuples took about 130 (a long document's 100,000s add up). A document whose
    ids run without a gap (the usual case) finds a row by subtraction."""

    def __init__(self, content: dict[int, list[Sentence]]):
        self.documents = []
        for document, sentences in content.items():
            ids = np.fromiter((s.id for s in sentences), dtype=np.int64, count=len(sentences))
            order = None if np.all(ids[1:] > ids[:-1]) else np.argsort(ids, kind="stable")
            ids = ids if order is None else ids[order]
            first, last = (int(ids[0]), int(ids[-1])) if len(ids) else (0, -1)
            self.documents.append((document, ids, order, first, last, order is None and last - first + 1 == len(ids)))

    def rows(self, sentence_ids: Sequence[int]) -> tuple[int, np.ndarray]:
        """The document of these sentences (all of one document) and their rows in it."""
        wanted = np.asarray(sentence_ids, dtype=np.int64)
        for document, ids, order, _, _, _ in self.documents:
            found = np.minimum(np.searchsorted(ids, wanted), max(len(ids) - 1, 0))
            if len(ids) and np.array_equal(ids[found], wanted):
                return document, found if order is None else order[found]
        raise KeyError(sentence_ids[0] if len(sentence_ids) else None)

    def __getitem__(self, sentence_id: int) -> tuple[int, int]:
        for document, ids, order, first, last, gapless in self.documents:
            if first <= sentence_id <= last:
                if gapless:
                    return document, sentence_id - first
                k = int(ids.searchsorted(sentence_id))
                if ids[k] == sentence_id:
                    return document, k if order is None else int(order[k])
        raise KeyError(sentence_id)


class Vectors:
    """The content sentences' embeddings, one float32 matrix per document (a long document's
    vectors are held once, not once per list that passes them on)."""

    def __init__(self, content: dict[int, list[Sentence]], dimension: int = DIMENSION):
        self.dimension = dimension
        self.matrices = {d: np.empty((len(sentences), dimension), dtype=np.float32) for d, sentences in content.items()}
        self.sentences = content
        self.row_of = RowIndex(content)

    def of(self, sentences: list[Sentence]) -> np.ndarray:
        """The rows of these sentences (of one document, in order): the document's matrix
        itself when they are all its sentences, else a copy of the rows."""
        if not sentences:
            return np.zeros((0, self.dimension), dtype=np.float32)
        document, rows = self.row_of.rows([s.id for s in sentences])
        matrix = self.matrices[document]
        if len(sentences) == len(matrix):
            return matrix
        return matrix[rows]

    def put(self, sentence_id: int, vector: np.ndarray) -> None:
        document, row = self.row_of[sentence_id]
        self.matrices[document][row] = vector

    def get(self, sentence_id: int) -> np.ndarray:
        document, row = self.row_of[sentence_id]
        return self.matrices[document][row]
