"""consistency.py: a weak link that nothing in the group backs (no link joins its sentences to a
third document both its documents are aligned with) is dropped."""

from __future__ import annotations

from annotator.core.align.consistency import DEFAULT, reconcile


def _group(weak: float) -> dict:
    return {("A", "B"): [((0,), (0,), 0.95), ((2,), (2,), weak)],
            ("A", "C"): [((0,), (0,), 0.95)],
            ("B", "C"): [((0,), (0,), 0.95)]}


def test_a_weak_link_alone_in_the_group_is_dropped_and_a_stronger_one_is_kept():
    assert ((2,), (2,), DEFAULT.drop_alone_below - 0.05) not in reconcile(_group(DEFAULT.drop_alone_below - 0.05))[("A", "B")]
    kept = reconcile(_group(DEFAULT.drop_alone_below + 0.05))[("A", "B")]
    assert ((2,), (2,), DEFAULT.drop_alone_below + 0.05) in kept


def test_a_weak_link_one_of_whose_sentences_reaches_the_third_document_is_kept():
    links = _group(0.5)
    links[("A", "C")].append(((2,), (5,), 0.9))
    assert any(s == (2,) and t == (2,) for s, t, _ in reconcile(links)[("A", "B")])


def test_without_a_third_document_aligned_with_both_nothing_is_dropped():
    two = {("A", "B"): [((0,), (0,), 0.95), ((2,), (2,), 0.5)]}
    assert reconcile(two) == two
    no_bc = _group(0.5)
    del no_bc[("B", "C")]
    assert any(s == (2,) for s, _, _ in reconcile(no_bc)[("A", "B")])
