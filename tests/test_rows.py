"""The side-by-side layout of a group: every sentence exactly once, columns in order."""

from __future__ import annotations

from annotator.core.align.group import align_group
from annotator.core.rows import group_layout
from annotator.core.store import Store


def _check_every_sentence_once_in_order(store, layout, include_boilerplate=False):
    for column, doc in enumerate(layout.columns):
        expected = [s.id for s in store.sentences(doc.document_id) if include_boilerplate or not s.boilerplate]
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


def test_aligned_seeds_share_rows_and_keep_column_order(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        german = [s for s in store.sentences(1) if not s.boilerplate]
        english = [s for s in store.sentences(2) if not s.boilerplate]
        store.add_link([english[0].id, english[1].id], [german[0].id], score=None, origin="manual")
        layout = group_layout(store, "seeds")
        assert layout.columns[0].document_id == 2 and layout.columns[0].lang == "en"
        _check_every_sentence_once_in_order(store, layout)
        for column in range(len(layout.columns)):  # each column reads in document order
            ids = [i for row in layout.rows for i in row.cells[column].sentence_ids]
            assert ids == sorted(ids)
        (first,) = [row for row in layout.rows if english[0].id in row.cells[0].sentence_ids]
        assert first.cells[0].sentence_ids == [english[0].id, english[1].id]
        german_column = [c.document_id for c in layout.columns].index(1)
        assert first.cells[german_column].sentence_ids == [german[0].id] and first.cells[german_column].manual
        shared = [row for row in layout.rows if sum(1 for c in row.cells if c.sentence_ids) > 1]
        assert len(shared) >= 8
        french_column = [c.document_id for c in layout.columns].index(3)
        texts = {s.id: s.text for d in (2, 3) for s in store.sentences(d)}
        assert any("15-km zone" in " ".join(texts[i] for i in row.cells[0].sentence_ids)
                   and "zone de 15 km" in " ".join(texts[i] for i in row.cells[french_column].sentence_ids)
                   for row in shared)
        machine_scores = [c.score for row in shared for c in row.cells[1:] if c.sentence_ids and not c.manual]
        assert machine_scores and all(0.5 <= s <= 1 for s in machine_scores)


def test_boilerplate_can_be_included(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        layout = group_layout(store, "seeds", include_boilerplate=True)
        _check_every_sentence_once_in_order(store, layout, include_boilerplate=True)
