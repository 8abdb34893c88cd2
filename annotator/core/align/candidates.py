"""For a reviewer fixing the alignment by hand (InterText's strength): a sentence's nearest
candidates in each other document of its group, with a score, so that the right one is a key
press away. Scores are what the aligner itself would look at: the cosine of the multilingual
embeddings when both languages are ones the model read, else the Dice overlap of the strings
that survive translation (numbers, names, cognates)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.core.align.embeddings import Encoder, shared_encoder
from annotator.core.align.engine import covered
from annotator.core.align.group import prime_cache
from annotator.core.align.scoring import anchor_tokens
from annotator.core.model import Sentence
from annotator.core.store import Store

PER_DOCUMENT = 3
# A candidate that shares nothing with the sentence (it would show as 0.00) is no candidate: the
# list showed nine of them on a sentence without counterparts.
MIN_SCORE = 0.005
# Sentences looked at in each other document: all of a news story's; in a book, the stretch at
# the same relative position (a counterpart is rarely further away), so the search costs the
# same in a 100,000-sentence group as in the demo.
WINDOW = 400


@dataclass(frozen=True)
class Candidate:
    sentence_id: int
    document_id: int
    text: str
    lang: str
    score: float
    method: str  # "embedding" or "anchors"


def _vectors(store: Store, encoder: Encoder, sentences: list[Sentence]) -> np.ndarray:
    """Unit vectors, from the project's cache where it has them (seeded into the encoder, as
    the aligner does), the rest encoded."""
    prime_cache(store, encoder, sentences)
    return encoder.encode([s.text for s in sentences])


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def nearest(store: Store, sentence_id: int, per_document: int = PER_DOCUMENT,
            encoder: Encoder | None = None) -> list[Candidate]:
    """The best `per_document` content sentences of every other document of the group, best
    first within each document (documents in group order); the sentence's current
    counterparts are left out, since they are linked already, and so is a sentence that shares
    nothing with it (score below `MIN_SCORE`)."""
    sentence = store.documents.sentence(sentence_id)
    ((_, group_id),) = store.documents.of_sentences([sentence_id])
    linked = {i for link in store.links.of_sentence(sentence_id) for i in link.sentence_ids()}
    found: list[Candidate] = []
    sizes = store.documents.sizes(group_id)
    where = sentence.index / max(sizes[sentence.document_id] or 1, 1)  # its relative position
    for document_id, size in sizes.items():
        if document_id == sentence.document_id or not size:
            continue
        middle = round(where * size)
        window = store.documents.sentences_between(document_id, max(middle - WINDOW // 2, 0),
                                                   max(middle - WINDOW // 2, 0) + WINDOW - 1)
        others = [s for s in window if not s.boilerplate and s.id not in linked]
        if not others:
            continue
        # each candidate scored the way the aligner would score that pair of sentences
        by_embedding = [covered(sentence.lang) and covered(s.lang) for s in others]
        scores = np.zeros(len(others))
        if any(by_embedding):
            encoder = encoder or shared_encoder()
            chosen = [s for s, use in zip(others, by_embedding) if use]
            vectors = _vectors(store, encoder, [sentence, *chosen])
            scores[np.flatnonzero(by_embedding)] = vectors[1:] @ vectors[0]
        if not all(by_embedding):
            tokens = anchor_tokens(sentence.text)
            for k in np.flatnonzero(np.logical_not(by_embedding)):
                scores[k] = _dice(tokens, anchor_tokens(others[k].text))
        for k in np.argsort(-scores, kind="stable")[:per_document]:
            if scores[k] < MIN_SCORE:
                break
            other = others[int(k)]
            found.append(Candidate(other.id, other.document_id, other.text, other.lang, float(scores[k]),
                                   "embedding" if by_embedding[k] else "anchors"))
    return found
