"""What a group alignment stores is what the view shows (standing.shown), and same-language
links need a higher cosine (standing.weak_same_language)."""

from __future__ import annotations

import numpy as np

from annotator.core.align.group import Vectors, align_group
from annotator.core.align.layout import Column, compute
from annotator.core.align.standing import SAME_LANGUAGE_MIN_COSINE, shown, weak_same_language
from annotator.core.align.stored_layout import group_layout
from annotator.core.model import Link, Sentence
from annotator.core.store import Store


def _content(sizes: dict[int, int], lang: str = "de") -> dict[int, list[Sentence]]:
    return {d: [Sentence(d * 100 + k, d, k, 0, 0, f"sentence {d}.{k}", lang, False, None) for k in range(n)]
            for d, n in sizes.items()}


def _held_out(writes, content, manual=()) -> list[int]:
    pairs, link_id = [(m.id, s, t, m.score, 1) for m in manual for s in m.source for t in m.target], 1000
    for _, _, links, _, _ in writes:
        for source, target, score in links:
            link_id += 1
            pairs += [(link_id, s, t, score, 0) for s in source for t in target]
    order = list(content)
    return compute([Column(d, "", "") for d in order],
                   [np.array([s.id for s in content[d]], dtype=np.int64) for d in order], pairs)["held_out"].tolist()


def test_a_link_whose_chain_would_split_a_document_is_not_stored():
    # 0.0-1.0 and 1.0-2.0 make one row; 0.2-2.0 would put 0.0 and 0.2 (not neighbours) in it
    content = _content({0: 3, 1: 3, 2: 3})
    writes = [(0, 1, [([0], [100], 0.9)], {"embedding-retelling"}, []),
              (1, 2, [([100], [200], 0.8)], {"embedding-retelling"}, []),
              (0, 2, [([2], [200], 0.5), ([1], [201], 0.7)], {"embedding-retelling"}, [])]
    assert len(_held_out(writes, content)) == 1  # the view would hold one link out
    kept = shown(writes, {}, content, pivot=0)
    assert [links for _, _, links, _, _ in kept] == [[([0], [100], 0.9)], [([100], [200], 0.8)], [([1], [201], 0.7)]]
    assert _held_out(kept, content) == []  # and now shows every link it stores


def test_the_weakest_link_of_the_chain_goes_and_a_manual_link_always_joins():
    content = _content({0: 3, 1: 3, 2: 3})
    manual = Link(7, [2], [200], None, "manual")  # a person joined 0.2 and 2.0
    writes = [(0, 1, [([0], [100], 0.95)], {"embedding-retelling"}, []),
              (1, 2, [([100], [200], 0.6)], {"embedding-retelling"}, []),
              (0, 2, [], {"embedding-retelling"}, [manual])]
    kept = shown(writes, {}, content, pivot=0)
    # the manual link joins first; of 0.0-1.0 and 1.0-2.0, the stronger joins, the weaker would split doc 0
    assert [links for _, _, links, _, _ in kept] == [[([0], [100], 0.95)], [], []]
    assert kept[2][4] == [manual]


def test_two_documents_cannot_chain_and_are_left_alone():
    content = _content({0: 3, 1: 3})
    writes = [(0, 1, [([0], [100], 0.9), ([2], [101], 0.4)], {"embedding-retelling"}, [])]
    assert shown(writes, {}, content, pivot=0) == writes


def test_the_seed_group_stores_only_links_its_rows_show(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        layout = group_layout(store, "seeds")
        assert layout.held_out == []
        row_of = {sentence_id: n for n, row in enumerate(layout.rows) for sentence_id in row.sentence_ids()}
        links = store.links.in_group(store.documents.group_id("seeds"))
        assert links  # every stored (and so exported) link sits whole in one row
        assert all(len({row_of[i] for i in link.sentence_ids()}) == 1 for link in links)


def _vectors(content: dict[int, list[Sentence]], cosines: dict[int, float]) -> Vectors:
    """Unit vectors: document 0's sentence k and document 1's sentence k at cosine `cosines[k]`."""
    vectors = Vectors(content, dimension=4)
    for k, cosine in cosines.items():
        vectors.put(content[0][k].id, np.array([1, 0, 0, 0], dtype=np.float32))
        vectors.put(content[1][k].id, np.array([cosine, np.sqrt(1 - cosine ** 2), 0, 0], dtype=np.float32))
    return vectors


def test_a_same_language_link_below_the_floor_is_weak_and_one_above_is_not():
    content = _content({0: 2, 1: 2})
    vectors = _vectors(content, {0: SAME_LANGUAGE_MIN_COSINE - 0.05, 1: SAME_LANGUAGE_MIN_COSINE + 0.05})
    assert weak_same_language(([0], [100], 0.9), vectors)
    assert not weak_same_language(([1], [101], 0.9), vectors)
    assert not weak_same_language(([0], [100], 0.9), None)  # no vectors (the length engine): no floor


def test_two_languages_or_a_language_the_model_lacks_need_no_higher_cosine():
    content = _content({0: 1, 1: 1})
    content[1][0] = Sentence(100, 1, 0, 0, 0, "phrase 1.0", "fr", False, None)
    vectors = _vectors(content, {0: 0.3})
    assert not weak_same_language(([0], [100], 0.9), vectors)  # German and French
    greek = _content({0: 1, 1: 1}, lang="el")
    assert not weak_same_language(([0], [100], 0.9), _vectors(greek, {0: 0.3}))


def test_a_two_line_side_is_read_as_one():
    content = _content({0: 2, 1: 1})
    vectors = Vectors(content, dimension=4)
    vectors.put(0, np.array([1, 0, 0, 0], dtype=np.float32))
    vectors.put(1, np.array([0, 1, 0, 0], dtype=np.float32))
    vectors.put(100, np.array([0.6, 0.8, 0, 0], dtype=np.float32))
    # alone, 0.0 is at 0.6 and 0.1 at 0.8; read as one (same lengths) the two are at 0.99
    assert not weak_same_language(([0, 1], [100], 0.9), vectors)
    vectors.put(100, np.array([0.3, 0.3, np.sqrt(0.82), 0], dtype=np.float32))
    assert weak_same_language(([0, 1], [100], 0.9), vectors)  # 0.42 read as one
