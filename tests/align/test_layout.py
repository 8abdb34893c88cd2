"""The side-by-side layout of a group: every sentence exactly once, columns in order."""

from __future__ import annotations

from annotator.core.align.group import align_group
from annotator.core.align.stored_layout import group_layout
from annotator.core.store import Store


def _check_every_sentence_once_in_order(store, layout, include_boilerplate=False):
    for column, doc in enumerate(layout.columns):
        expected = [s.id for s in store.documents.sentences(doc.document_id) if include_boilerplate or not s.boilerplate]
        down_the_column = [i for row in layout.rows for i in row.cells[column].sentence_ids]
        assert sorted(down_the_column) == sorted(expected)  # each exactly once
    for row in layout.rows:
        assert row.sentence_ids(), "no empty rows"


def test_unaligned_group_is_the_pivot_then_each_other_sentence_alone(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        layout = group_layout(store, "seeds")
        assert [c.document_id for c in layout.columns] == [1, 2, 3, 4]  # pivot (first imported) first
        _check_every_sentence_once_in_order(store, layout)
        assert all(sum(1 for cell in row.cells if cell.sentence_ids) == 1 for row in layout.rows)


def _rows_of(layout) -> dict[int, int]:
    return {i: r for r, row in enumerate(layout.rows) for i in row.sentence_ids()}


def _check_units(store, layout):
    """Each row's part of a column is a run of neighbouring sentences; every link the layout
    shows joins sentences of one row; a held-out link would have broken a run."""
    place = {}
    for column, doc in enumerate(layout.columns):
        for k, i in enumerate(store.documents.sentence_ids(doc.document_id, False)):
            place[i] = k
    for row in layout.rows:
        for cell in row.cells:
            places = sorted(place[i] for i in cell.sentence_ids)
            if places and not cell.manual:  # a link made by hand may join what it likes
                assert places == list(range(places[0], places[0] + len(places)))
    rows = _rows_of(layout)
    group = store.documents.group_id("seeds")
    for link in store.links.in_group(group):
        shown = [i for i in link.sentence_ids() if i in rows]
        if len(shown) == len(link.sentence_ids()) and link.id not in layout.held_out:
            assert len({rows[i] for i in shown}) == 1, link


def test_aligned_seeds_share_rows_and_keep_column_order(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        german = [s for s in store.documents.sentences(1) if not s.boilerplate]
        english = [s for s in store.documents.sentences(2) if not s.boilerplate]
        for link in store.links.of_sentence(german[0].id) + store.links.of_sentence(english[1].id):
            store.links.remove([link.id])
        store.links.add([english[0].id, english[1].id], [german[0].id], score=None, origin="manual")
        layout = group_layout(store, "seeds")
        assert layout.columns[0].document_id == 2 and layout.columns[0].lang == "en"
        _check_every_sentence_once_in_order(store, layout)
        _check_units(store, layout)
        linked = {i for link in store.links.in_group(1) for i in link.sentence_ids()}
        for column in range(len(layout.columns)):
            # each column reads in document order, except where the aligner linked a moved
            # passage out of order: only a linked sentence can stand out of place
            ids = [i for row in layout.rows for i in row.cells[column].sentence_ids]
            for before, after in zip(ids, ids[1:]):
                assert before < after or before in linked or after in linked
            if column == 0:
                assert ids == sorted(ids)  # the pivot always reads in order
        (first,) = [row for row in layout.rows if english[0].id in row.cells[0].sentence_ids]
        assert first.cells[0].sentence_ids[:2] == [english[0].id, english[1].id]
        german_column = [c.document_id for c in layout.columns].index(1)
        assert german[0].id in first.cells[german_column].sentence_ids and first.cells[german_column].manual
        shared = [row for row in layout.rows if sum(1 for c in row.cells if c.sentence_ids) > 1]
        assert len(shared) >= 8
        french_column = [c.document_id for c in layout.columns].index(3)
        texts = {s.id: s.text for d in (1, 2, 3, 4) for s in store.documents.sentences(d)}
        assert any("15-km zone" in " ".join(texts[i] for i in row.cells[0].sentence_ids)
                   and "zone de 15 km" in " ".join(texts[i] for i in row.cells[french_column].sentence_ids)
                   for row in shared)
        machine_scores = [c.score for row in shared for c in row.cells if c.sentence_ids and not c.manual
                          and c.score is not None]
        assert machine_scores and all(0 <= s <= 1 for s in machine_scores)


def test_boilerplate_can_be_included(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        layout = group_layout(store, "seeds", include_boilerplate=True)
        _check_every_sentence_once_in_order(store, layout, include_boilerplate=True)


def _content(store, document_id):
    return [s.id for s in store.documents.sentences(document_id) if not s.boilerplate]


def test_two_other_documents_share_a_row_without_the_pivot(demo_project):
    """German and French say the same thing and the English pivot has no counterpart: one row."""
    with Store.open(demo_project) as store:
        store.documents.set_pivot(1, 2)
        german, french = _content(store, 1), _content(store, 3)
        store.links.add([german[4]], [french[2], french[3]], score=0.8, origin="machine")
        layout = group_layout(store, "seeds")
        rows = _rows_of(layout)
        assert rows[german[4]] == rows[french[2]] == rows[french[3]]
        (row,) = [r for r in layout.rows if german[4] in r.sentence_ids()]
        assert row.cells[0].sentence_ids == []  # no pivot sentence in it
        columns = [c.document_id for c in layout.columns]
        assert row.cells[columns.index(3)].sentence_ids == [french[2], french[3]]
        assert row.cells[columns.index(1)].score == 0.8
        _check_every_sentence_once_in_order(store, layout)


def test_a_chain_of_links_never_joins_distant_sentences_of_one_document(demo_project):
    """en[0]-de[0] strong, de[0]-fr[0] strong, fr[0]-en[5] weak: the weak link would put en[0]
    and en[5] into one unit; it is kept out of the layout (and listed) instead."""
    with Store.open(demo_project) as store:
        store.documents.set_pivot(1, 2)
        english, german, french = _content(store, 2), _content(store, 1), _content(store, 3)
        store.links.add([english[0]], [german[0]], score=0.9, origin="machine")
        store.links.add([german[0]], [french[0]], score=0.85, origin="machine")
        weak = store.links.add([french[0]], [english[5]], score=0.55, origin="machine")
        neighbour = store.links.add([french[1]], [english[1]], score=0.5, origin="machine")
        layout = group_layout(store, "seeds")
        rows = _rows_of(layout)
        assert rows[english[0]] == rows[german[0]] == rows[french[0]]
        assert rows[english[5]] != rows[english[0]]
        assert layout.held_out == [weak]
        assert neighbour not in layout.held_out and rows[french[1]] == rows[english[1]]
        _check_units(store, layout)


def test_manual_links_win_over_stronger_machine_links(demo_project):
    with Store.open(demo_project) as store:
        store.documents.set_pivot(1, 2)
        english, german = _content(store, 2), _content(store, 1)
        machine = store.links.add([english[0]], [german[3]], score=0.99, origin="machine")
        store.links.add([english[3]], [german[3]], score=None, origin="manual")
        store.links.add([english[0]], [german[0]], score=None, origin="manual")
        layout = group_layout(store, "seeds")
        assert layout.held_out == [machine]
        rows = _rows_of(layout)
        assert rows[english[3]] == rows[german[3]] and rows[english[0]] == rows[german[0]]


def test_layout_keeps_its_promises_on_random_links_between_any_documents(demo_project):
    import random

    chance = random.Random(7)
    with Store.open(demo_project) as store:
        store.documents.set_pivot(1, 2)
        documents = {d: [s.id for s in store.documents.sentences(d)] for d in (1, 2, 3, 4)}  # boilerplate too
        for a, b in [(2, 1), (2, 3), (2, 4), (1, 3), (3, 4), (1, 4)]:
            p = o = 0
            links = []
            while p < len(documents[a]) and o < len(documents[b]):
                x, y = chance.choice([(1, 1), (1, 1), (1, 2), (2, 1), (2, 2)])
                if chance.random() < 0.4:
                    p, o = p + chance.randint(0, 3), o + chance.randint(0, 3)  # gaps and shifts
                    continue
                if p + x <= len(documents[a]) and o + y <= len(documents[b]):
                    links.append((documents[a][p:p + x], documents[b][o:o + y], chance.random(),
                                  chance.choice(["machine", "machine", "manual"])))
                p, o = p + x, o + y
            store.links.add_many(links)
        layout = group_layout(store, "seeds")
        _check_every_sentence_once_in_order(store, layout)
        _check_units(store, layout)
        pivot_ids = [i for row in layout.rows for i in row.cells[0].sentence_ids]
        assert pivot_ids == sorted(pivot_ids)
        assert layout.held_out  # random links across four documents do chain: the guard acted
        rows = _rows_of(layout)
        for link_id in layout.held_out:  # each held-out link really would have broken a run
            link = next(link for link in store.links.in_group(1) if link.id == link_id)
            assert len({rows[i] for i in link.sentence_ids() if i in rows}) > 1


def test_a_filtered_layout_is_the_rows_that_pass_read_row_by_row(demo_project):
    from annotator.core.align.layout import GroupLayout, filter_layout, layout_sentence_ids

    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        layout = group_layout(store, "seeds")
        listed = GroupLayout(layout.columns, list(layout.rows), layout.held_out)  # plain rows: the slow path
        assert sorted(layout_sentence_ids(layout)) == sorted(layout_sentence_ids(listed))
        for keep in (lambda i: i % 3 == 0, lambda i: i in {5, 77}, lambda i: False, lambda i: True):
            fast, slow = filter_layout(layout, keep), filter_layout(listed, keep)
            assert [r.sentence_ids() for r in fast.rows] == [r.sentence_ids() for r in slow.rows]
            assert sorted(layout_sentence_ids(fast)) == sorted(i for r in slow.rows for i in r.sentence_ids())
        twice = filter_layout(filter_layout(layout, lambda i: i % 2 == 0), lambda i: i % 3 == 0)
        assert [r.sentence_ids() for r in twice.rows] == [
            r.sentence_ids() for r in listed.rows
            if any(i % 2 == 0 for i in r.sentence_ids()) and any(i % 3 == 0 for i in r.sentence_ids())]


def test_the_layout_algorithm_needs_no_project():
    """layout.compute takes each column's sentence ids and the links, and nothing else."""
    import numpy as np

    from annotator.core.align.layout import Column, compute, from_arrays

    columns = [Column(1, "a", "en"), Column(2, "b", "de")]
    ids = [np.array([1, 2, 3]), np.array([10, 11])]
    pairs = [(7, 1, 10, 0.9, 0), (8, 3, 11, None, 1)]  # (link, source, target, score, manual)
    layout = from_arrays(columns, compute(columns, ids, pairs))
    assert [[cell.sentence_ids for cell in row.cells] for row in layout.rows] == [[[1], [10]], [[2], []], [[3], [11]]]
    assert [row.cells[1].manual for row in layout.rows] == [False, False, True]
    assert layout.held_out == []
