"""Growth a third document confirms (group_growth.py): a free line joins a link when two pairs
of the group ask for it and the third pair links the two links' other ends."""

from __future__ import annotations

import numpy as np

from annotator.core.align import growth
from annotator.core.align.group import align_group
from annotator.core.align.group_growth import FLOOR, Document, grow_confirmed
from annotator.core.store import Store


def _model(probability: float) -> growth.GrowModel:
    """Every proposal at `probability` (the features do not matter here)."""
    n = len(growth.FEATURES)
    z = float(np.log(probability / (1 - probability)))
    return growth.GrowModel((0.0,) * n, z, (0.0,) * n, (1.0,) * n, threshold=0.8)


def _documents() -> dict[str, Document]:
    rng = np.random.default_rng(7)
    out = {}
    for d in "ABC":
        vectors = rng.normal(size=(3, 8)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        out[d] = Document([f"{d}{k}" for k in range(3)], [f"line {d}{k} telling a fact of the story" for k in range(3)],
                          vectors)
    return out


def test_a_free_line_two_pairs_ask_for_joins_both_links_when_the_third_pair_links_their_ends():
    links = {("A", "B"): [(("A1",), ("B1",), 0.9)], ("A", "C"): [(("A1",), ("C1",), 0.9)],
             ("B", "C"): [(("B1",), ("C1",), 0.9)]}
    grown = grow_confirmed(links, _documents(), _model(0.5))
    # A0 (asked for in A-B and in A-C, whose ends B1 and C1 are linked) joins both; each link
    # takes one line a side, the best first (ties by line)
    assert grown[("A", "B")] == [(("A0", "A1"), ("B0", "B1"), 0.5)]
    assert grown[("A", "C")] == [(("A0", "A1"), ("C0", "C1"), 0.5)]
    assert grown[("B", "C")] == [(("B0", "B1"), ("C0", "C1"), 0.5)]


def test_without_the_third_link_or_under_the_floor_nothing_grows():
    links = {("A", "B"): [(("A1",), ("B1",), 0.9)], ("A", "C"): [(("A1",), ("C1",), 0.9)], ("B", "C"): []}
    assert grow_confirmed(links, _documents(), _model(0.5)) == links
    full = {**links, ("B", "C"): [(("B1",), ("C1",), 0.9)]}
    assert grow_confirmed(full, _documents(), _model(FLOOR - 0.05)) == full


def test_a_neighbour_of_the_ends_counts_and_a_far_line_does_not():
    links = {("A", "B"): [(("A1",), ("B1",), 0.9)], ("A", "C"): [(("A1",), ("C1",), 0.9)]}
    near = grow_confirmed({**links, ("B", "C"): [(("B2",), ("C1",), 0.9)]}, _documents(), _model(0.5))
    assert near[("A", "B")][0][0] == ("A0", "A1")
    documents = {d: Document([*doc.keys, f"{d}3", f"{d}4"], [*doc.texts, "another line", "and one more line"],
                             np.vstack([doc.vectors, doc.vectors[:2]])) for d, doc in _documents().items()}
    far = {**links, ("B", "C"): [(("B4",), ("C1",), 0.9)]}
    assert grow_confirmed(far, documents, _model(0.5))[("A", "B")] == links[("A", "B")]


def test_a_refused_widening_and_two_documents_are_left_alone():
    links = {("A", "B"): [(("A1",), ("B1",), 0.9)], ("A", "C"): [(("A1",), ("C1",), 0.9)],
             ("B", "C"): [(("B1",), ("C1",), 0.9)]}
    assert grow_confirmed(links, _documents(), _model(0.5), allowed=lambda link: False) == links
    two = {("A", "B"): links[("A", "B")]}
    assert grow_confirmed(two, _documents(), _model(0.5)) == two


def test_on_the_seeds_the_obstacles_quote_joins_its_fact_in_both_pairs(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        found = store.links.in_group(store.documents.group_id("seeds"))
        text = {s.id: s.text for s in store.documents.sentences_by_id([i for link in found for i in link.sentence_ids()])}
        links = [[text[i] for i in link.sentence_ids()] for link in found]
    obstacles = [link for link in links if any(t.startswith('"The coalition’s aviation tried to create obstacles')
                                               for t in link)]
    # growth alone (0.69 and 0.77, under its 0.8) left it out; the French and the other English
    # page agree, and their ends are linked
    assert len(obstacles) == 2
    assert all(any(t.startswith("To this aim, the coalition’s attack aircraft") for t in link) for link in obstacles)
