"""A retelling's beads made as they are read (retold_beads.py) are the list the engine made
before, in the same order, without holding every line's bead and sort key at once."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from annotator.core.align import engine
from annotator.core.align.beads import Bead
from annotator.core.align.mining import Link


def sorted_beads(links, sources, targets):
    """The engine's earlier retelling_beads: every bead with a sort key, sorted."""
    linked_source = {i for link in links for i in link.src}
    linked_target = {j for link in links for j in link.tgt}
    beads = [((link.src[0], 0), Bead(link.src, link.tgt, link.score)) for link in links]
    beads += [((i, 1), Bead((i,), ())) for i in range(sources) if i not in linked_source]
    anchor = -1.0
    source_of = {j: link.src[0] for link in links for j in link.tgt}
    for j in range(targets):
        if j in linked_target:
            anchor = source_of[j]
        else:
            beads.append(((anchor + 0.5, 2 + j), Bead((), (j,))))
    return [bead for _, bead in sorted(beads, key=lambda item: item[0])]


def random_links(rng, sources, targets):
    """One-to-one links, 1-1, 1-2 and 2-1, in no order (a retelling keeps none)."""
    free_s, free_t, links = list(range(sources)), list(range(targets)), []
    for _ in range(rng.randint(0, min(sources, targets))):
        shape = rng.choice([(1, 1), (1, 1), (1, 2), (2, 1)])
        starts_s = [i for i in free_s if all(i + k in free_s for k in range(shape[0]))]
        starts_t = [j for j in free_t if all(j + k in free_t for k in range(shape[1]))]
        if not starts_s or not starts_t:
            break
        i, j = rng.choice(starts_s), rng.choice(starts_t)
        src, tgt = tuple(range(i, i + shape[0])), tuple(range(j, j + shape[1]))
        free_s = [x for x in free_s if x not in src]
        free_t = [x for x in free_t if x not in tgt]
        links.append(Link(src, tgt, rng.random(), 1.2, 0.6))
    return sorted(links, key=lambda link: (link.src, link.tgt))


@pytest.mark.parametrize("seed", range(40))
def test_the_beads_are_the_sorted_list_in_its_order(seed):
    rng = random.Random(seed)
    sources, targets = rng.randint(0, 30), rng.randint(0, 30)
    links = random_links(rng, sources, targets)
    expected = sorted_beads(links, sources, targets)
    beads = engine.retelling_beads(links, sources, targets)
    assert list(beads) == expected
    assert len(beads) == len(expected) and bool(beads) == bool(expected)
    assert beads == expected and expected == beads
    assert [beads[k] for k in range(len(expected))] == expected and list(beads) == expected


def test_reading_a_long_text_s_beads_holds_one_at_a_time():
    sources, targets = 200_000, 24
    links = [Link((5 * k,), (k,), 0.9, 1.2, 0.6) for k in range(0, 20)]
    beads = engine.retelling_beads(links, sources, targets)
    tracemalloc.start()
    try:
        linked = [bead for bead in beads if bead.src and bead.tgt]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(b.src, b.tgt) for b in linked] == [(link.src, link.tgt) for link in links]
    assert peak < 2_000_000  # the list of every bead and its sort keys: about 60 MB
