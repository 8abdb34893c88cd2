"""Align every document of a group to its pivot document and store the links (one transaction).

Boilerplate is left out. Manual links are anchors: they are kept as they are, and only the
stretches between them are re-aligned, so re-running the aligner never undoes a person's
work. Sentence embeddings are cached in the project, so a re-alignment costs only the DP.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from annotator.core.align.embeddings import DIMENSION, Encoder, shared_encoder
from annotator.core.align.engine import DEFAULT, Params, align, covered
from annotator.core.model import Sentence
from annotator.core.store import Store
from annotator.errors import Cancelled, NotFoundError


@dataclass(frozen=True)
class PairReport:
    pivot_id: int
    other_id: int
    method: str  # what the engine used for the pair (several when manual links split it)
    links: int  # machine links stored
    manual: int  # manual links kept
    unmatched_pivot: int
    unmatched_other: int
    mean_score: float | None


def default_pivot(documents: list[dict]) -> int:
    """The document whose language is most common in the group, the longest among those."""
    languages = Counter(d["lang"] for d in documents)
    return max(documents, key=lambda d: (languages[d["lang"]], d["sentences"], -d["position"]))["id"]


def _segments(pivot: list[Sentence], other: list[Sentence], manual_links) -> list[tuple[range, range]]:
    """The stretches between manual links (as index ranges into `pivot` and `other`), keeping
    only manual links that run in document order; sentences inside a manual link are out."""
    pivot_index = {s.id: k for k, s in enumerate(pivot)}
    other_index = {s.id: k for k, s in enumerate(other)}
    spans = []
    for link in manual_links:
        p = [pivot_index[i] for i in link.pivot if i in pivot_index]
        o = [other_index[i] for i in link.other if i in other_index]
        if p and o:
            spans.append((min(p), max(p), min(o), max(o)))
    spans.sort()
    segments, p_start, o_start = [], 0, 0
    for p_low, p_high, o_low, o_high in spans:
        if p_low < p_start or o_low < o_start:
            continue  # a crossing manual link: kept in the store, not used to cut
        segments.append((range(p_start, p_low), range(o_start, o_low)))
        p_start, o_start = p_high + 1, o_high + 1
    segments.append((range(p_start, len(pivot)), range(o_start, len(other))))
    return segments


def _prime_cache(store: Store, encoder: Encoder, sentences: list[Sentence]) -> list[Sentence]:
    """Load stored vectors into the encoder; return the sentences that had none."""
    stored = store.embeddings.cached([s.id for s in sentences], encoder.name)
    have = [s for s in sentences if s.id in stored]
    if have:
        encoder.seed([s.text for s in have],
                     np.stack([np.frombuffer(stored[s.id], dtype=np.float32) for s in have]).reshape(-1, DIMENSION))
    return [s for s in sentences if s.id not in stored]


def align_group(store: Store, group: str | int, *, pivot: int | None = None, method: str = "auto",
                encoder: Encoder | None = None, params: Params = DEFAULT,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[PairReport]:
    """Align each document of the group to the pivot and store the links, the new pivot and the
    embeddings computed on the way in one transaction: the alignment is computed first (reading
    only), then written all at once. `progress(done, total)` is told after each pair; when
    `cancelled()` turns true, Cancelled is raised and the project is left as it was."""
    group_id = store.documents.group_id(group)
    documents = store.documents.group_documents(group_id)
    if not documents:
        return []
    pivot = pivot if pivot is not None else default_pivot(documents)
    if pivot not in {d["id"] for d in documents}:
        raise NotFoundError(store.where(), f"document {pivot} is not in group {group_id}")
    by_id = {d["id"]: d for d in documents}
    content = {d["id"]: [s for s in store.documents.sentences(d["id"]) if not s.boilerplate] for d in documents}
    encoder = encoder or shared_encoder()
    uses_embeddings = method == "embedding" or (method == "auto" and any(covered(d["lang"]) for d in documents))
    missing: list[Sentence] = []
    if uses_embeddings:
        missing = _prime_cache(store, encoder, [s for sentences in content.values() for s in sentences])
    reports, writes = [], []
    others = [d["id"] for d in documents if d["id"] != pivot]
    for done, other_id in enumerate(others):
        if cancelled is not None and cancelled():
            raise Cancelled(None, "alignment cancelled; nothing was changed")
        if progress is not None:
            progress(done, len(others))
        pivot_sentences, other_sentences = content[pivot], content[other_id]
        manual = store.links.between(pivot, other_id, origin="manual")
        new_links, methods = [], set()
        matched_pivot, matched_other = set(), set()
        for link in manual:
            matched_pivot.update(link.pivot)
            matched_other.update(link.other)
        for pivot_range, other_range in _segments(pivot_sentences, other_sentences, manual):
            p_part = [pivot_sentences[k] for k in pivot_range]
            o_part = [other_sentences[k] for k in other_range]
            if not p_part or not o_part:
                continue
            result = align([s.text for s in p_part], [s.text for s in o_part], by_id[pivot]["lang"],
                           by_id[other_id]["lang"], method, encoder, params)
            methods.add(result.method)
            for bead in result.beads:
                if bead.src and bead.tgt:
                    p_ids = [p_part[k].id for k in bead.src]
                    o_ids = [o_part[k].id for k in bead.tgt]
                    new_links.append((p_ids, o_ids, bead.score))
                    matched_pivot.update(p_ids)
                    matched_other.update(o_ids)
        writes.append((other_id, new_links))
        scores = [score for _, _, score in new_links if score is not None]
        reports.append(PairReport(
            pivot, other_id, "+".join(sorted(methods)) or "none", len(new_links), len(manual),
            sum(1 for s in pivot_sentences if s.id not in matched_pivot),
            sum(1 for s in other_sentences if s.id not in matched_other),
            float(np.mean(scores)) if scores else None))
    vectors = encoder.encode([s.text for s in missing]) if missing else []
    if cancelled is not None and cancelled():
        raise Cancelled(None, "alignment cancelled; nothing was changed")
    with store.transaction():
        store.documents.set_pivot(group_id, pivot)
        for other_id, new_links in writes:
            store.links.replace_machine(pivot, other_id, new_links)
        if missing:
            store.embeddings.put(encoder.name, [(s.id, s.text, v.astype(np.float32).tobytes())
                                                for s, v in zip(missing, vectors)])
    return reports
