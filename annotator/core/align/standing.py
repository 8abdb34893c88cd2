"""Which machine links a re-alignment keeps as they are (confirmed rows, rows a person built
around a manual link), and the retelling pairs' links checked against the group's third
documents (consistency.py): group.py's rules, apart from its flow."""

from __future__ import annotations

from collections.abc import Callable

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
                allowed: Callable[[MachineLink], bool] = lambda link: True) -> list[tuple]:
    """In a group of three or more, the retelling pairs' confidences checked against the third
    documents (consistency.py): a link confirmed through another document gains confidence, a
    weak one that two stronger links contradict loses some (and is dropped when they are strong
    and it is weak), and a near miss of the link model (`near`, per pair) that a third
    document confirms is added, when `allowed`. Only
    the pairs the link model aligned take part: their scores are calibrated probabilities, the
    DP's are not."""
    from annotator.core.align.consistency import reconcile

    mined = {(a, b): links for a, b, links, methods, _ in writes if methods == {"embedding-retelling"}}
    if len({d for key in mined for d in key}) < 3:
        return writes
    reconciled = reconcile(mined, order={d: [s.id for s in sentences] for d, sentences in content.items()},
                           candidates={key: links for key, links in (near or {}).items() if key in mined})
    return [(a, b, [(list(s), list(t), p) for s, t, p in reconciled[(a, b)] if allowed((list(s), list(t), p))]
             if (a, b) in reconciled else links, methods, manual) for a, b, links, methods, manual in writes]
