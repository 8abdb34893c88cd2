"""A large group's side-by-side layout is kept in the project and used again only while nothing
it depends on has changed (the triggers of migration 10 bump the group's layout version)."""

from __future__ import annotations

import os
import sqlite3

import pytest

from annotator.core.align import stored_layout as rows
from annotator.core.align.stored_layout import group_layout
from annotator.core.store import Store


@pytest.fixture(autouse=True)
def keep_every_layout(monkeypatch):
    monkeypatch.setattr(rows, "KEEP_FROM", 1)  # the seeds' group is small: keep it anyway


def shape(layout) -> list[list[list[int]]]:
    return [[cell.sentence_ids for cell in row.cells] for row in layout.rows]


def kept_versions(path) -> list[tuple[int, int, int]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT group_id, include_boilerplate, version FROM layouts ORDER BY 1, 2").fetchall()


def laid_out_twice(store: Store, group: int = 1, include_boilerplate: bool = False):
    """The layout computed now, and the one read back from the kept arrays."""
    first = group_layout(store, group, include_boilerplate)
    kept = store.layouts.kept(group, include_boilerplate, store.layouts.version(group))
    assert kept is not None, "the layout was not kept"
    second = group_layout(store, group, include_boilerplate)
    return first, second


def aligned_store(demo_project) -> Store:
    store = Store.open(demo_project)
    pivot, *others = [d["id"] for d in store.documents.group_documents(1)]
    first = store.documents.sentence_ids(pivot, include_boilerplate=False)
    for other in others:
        second = store.documents.sentence_ids(other, include_boilerplate=False)
        store.links.add_many(([a], [b], 0.4 + (k % 5) / 10, "machine") for k, (a, b) in enumerate(zip(first, second)))
    return store


def test_the_kept_layout_is_the_computed_one(demo_project):
    with aligned_store(demo_project) as store:
        for include_boilerplate in (False, True):
            first, second = laid_out_twice(store, 1, include_boilerplate)
            assert shape(first) == shape(second)
            assert [[c.scores for c in r.cells] for r in first.rows] == [[c.scores for c in r.cells] for r in second.rows]
            assert [[c.manual for c in r.cells] for r in first.rows] == [[c.manual for c in r.cells] for r in second.rows]
            assert first.columns == second.columns and first.held_out == second.held_out
    assert [k[1] for k in kept_versions(demo_project)] == [0, 1]


def test_a_small_group_is_not_kept(demo_project, monkeypatch):
    monkeypatch.setattr(rows, "KEEP_FROM", 10_000)
    with aligned_store(demo_project) as store:
        group_layout(store, 1)
    assert kept_versions(demo_project) == []


def test_reading_the_kept_layout_does_not_read_the_links(demo_project, monkeypatch):
    with aligned_store(demo_project) as store:
        expected = shape(group_layout(store, 1))
        monkeypatch.setattr(store.links, "pairs_in_group", lambda group_id: pytest.fail("links read again"))
        assert shape(group_layout(store, 1)) == expected


def changes(store: Store) -> dict:
    """Every kind of change a layout depends on, each through the store's own writers."""
    def sentences(position: int) -> list[int]:
        documents = store.documents.group_documents(1)
        return store.documents.sentence_ids(documents[position]["id"], include_boilerplate=False)

    def new_link():
        store.links.add_many([([sentences(0)[-1]], [sentences(1)[-1]], 0.9, "manual")])

    def remove_link():
        store.links.remove([store.links.in_group(1)[0].id])

    def boilerplate():
        store.corrections.set_boilerplate([sentences(0)[2]], True)

    def split():
        sentence = store.documents.sentence(sentences(1)[0])
        store.resegmenting.split(sentence.id, len(sentence.text) // 2)

    def merge():
        pair = store.db.execute(  # a sentence with a next one in its paragraph
            "SELECT a.id FROM sentences a JOIN sentences b ON b.document_id = a.document_id AND b.idx = a.idx + 1"
            " AND b.paragraph_id = a.paragraph_id WHERE a.boilerplate = 0 AND b.boilerplate = 0 AND a.document_id = ?"
            " ORDER BY a.idx LIMIT 1", [store.documents.group_documents(1)[1]["id"]]).fetchone()
        store.resegmenting.merge_with_next(pair[0])

    def pivot():
        store.documents.set_pivot(1, store.documents.group_documents(1)[1]["id"])

    def machine_links_replaced():
        documents = store.documents.group_documents(1)
        store.links.replace_machine(documents[0]["id"], documents[1]["id"], [([sentences(0)[0]], [sentences(1)[5]], 0.7)])

    def new_document():
        import json

        from annotator.core.store.connection import now

        text = "Ein neuer Satz. Noch einer."
        row = dict(title="new", source_path="new.txt", format="text", sha256="f" * 64, encoding="utf-8", lang="de",
                   lang_source="given", external_id=None, metadata=json.dumps({}), text=text, imported_at=now())
        store.documents.insert("seeds", row, [(0, len(text), "de", "given", None)],
                               [(0, 0, 15, text[:15], "de", 0, None), (0, 16, len(text), text[16:], "de", 0, None)])

    def boilerplate_undone():
        change = store.corrections.set_boilerplate([sentences(0)[2]], True)
        group_layout(store, 1)  # kept as marked
        store.corrections.undo_boilerplate(change)

    def split_undone():
        sentence = store.documents.sentence(sentences(1)[0])
        _, change = store.resegmenting.split(sentence.id, len(sentence.text) // 2)
        group_layout(store, 1)
        store.resegmenting.undo(change)

    return dict(new_link=new_link, remove_link=remove_link, boilerplate=boilerplate, split=split, merge=merge,
                pivot=pivot, machine_links_replaced=machine_links_replaced, new_document=new_document,
                boilerplate_undone=boilerplate_undone, split_undone=split_undone)


CHANGES = ["new_link", "remove_link", "boilerplate", "split", "merge", "pivot", "machine_links_replaced", "new_document",
           "boilerplate_undone", "split_undone"]


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_the_layout_depends_on_makes_the_kept_one_stale(demo_project, change, monkeypatch):
    with aligned_store(demo_project) as store:
        before = shape(group_layout(store, 1))
        version = store.layouts.version(1)
        changes(store)[change]()
        assert store.layouts.version(1) > version
        assert store.layouts.kept(1, False, store.layouts.version(1)) is None
        after = group_layout(store, 1)
        monkeypatch.setattr(rows, "KEEP_FROM", 10**9)  # computed from scratch, nothing kept
        assert shape(after) == shape(rows.group_layout(store, 1))
        if not change.endswith("_undone"):
            assert shape(after) != before
        else:
            assert shape(after) == before


def test_a_label_or_a_note_keeps_the_layout(demo_project):
    with aligned_store(demo_project) as store:
        group_layout(store, 1)
        version = store.layouts.version(1)
        sentence = store.documents.sentence_ids(1)[0]
        store.annotations.set(sentence, "claim", "ann")
        store.annotations.set_notes(sentence, "ann", {"claim": "because"})
        assert store.layouts.version(1) == version
        assert store.layouts.kept(1, False, version) is not None


def test_a_read_only_project_lays_out_without_keeping(demo_project):
    aligned_store(demo_project).close()
    with Store.open(demo_project, readonly=True) as store:
        assert shape(group_layout(store, 1))
    assert kept_versions(demo_project) == []


def test_a_damaged_kept_layout_is_laid_out_again(demo_project):
    with aligned_store(demo_project) as store:
        expected = shape(group_layout(store, 1))
    with sqlite3.connect(demo_project) as db:
        db.execute("UPDATE layouts SET data = x'00ff00'")
    with Store.open(demo_project) as store:
        assert shape(group_layout(store, 1)) == expected


def test_a_file_that_refuses_the_write_still_lays_out(demo_project):
    with aligned_store(demo_project) as store:
        expected = shape(group_layout(store, 1))
        store.db.execute("DELETE FROM layouts")
        store.db.execute("PRAGMA query_only = ON")  # as a full or read-only disk would refuse it
        assert shape(group_layout(store, 1)) == expected
    if os.path.exists(demo_project):
        assert kept_versions(demo_project) == []


def test_aligning_a_large_group_keeps_its_layout_for_the_view(demo_project, monkeypatch):
    from annotator.core.align.group import align_group

    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        version = store.layouts.version(1)
        assert store.layouts.kept(1, False, version) is not None  # made in the alignment's transaction
        monkeypatch.setattr(store.links, "pairs_in_group", lambda group_id: pytest.fail("links read again"))
        assert shape(group_layout(store, 1))


def test_aligning_a_small_group_keeps_nothing(demo_project, monkeypatch):
    from annotator.core.align.group import align_group

    monkeypatch.setattr(rows, "KEEP_FROM", 10_000)
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
    assert kept_versions(demo_project) == []


def test_the_reading_order_off_the_arrays_is_the_rows_read_one_by_one(demo_project):
    """What the window's find, disagreements and likely labels walk (layout.reading_order), read
    without building the rows: the same as reading every built row, cell by cell, filtered too."""
    from annotator.core.align.layout import GroupLayout, filter_layout, reading_order

    def walked(layout):
        return [(r, c, i) for r, row in enumerate(layout.rows) for c, cell in enumerate(row.cells)
                for i in cell.sentence_ids]

    with aligned_store(demo_project) as store:
        for include_boilerplate in (False, True):
            computed, kept = laid_out_twice(store, 1, include_boilerplate)
            for layout in (kept, filter_layout(kept, lambda i: i % 3 == 0)):
                assert reading_order(layout) == walked(layout) and len(reading_order(layout)) > 10
            assert reading_order(GroupLayout(computed.columns, list(computed.rows))) == walked(computed)
