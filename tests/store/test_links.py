"""Alignment links between two documents."""

from __future__ import annotations

import pytest

from annotator.core.model import Link
from annotator.core.store import Store
from annotator.errors import ProjectError


def test_links_join_two_documents(demo_project):
    with Store.open(demo_project) as store:
        german, english = store.documents.sentences(1), store.documents.sentences(2)
        link = store.links.add([german[0].id], [english[1].id, english[2].id], score=0.9)
        assert link > 0
        with pytest.raises(ProjectError, match="two different documents"):
            store.links.add([german[0].id], [german[1].id], score=None)
        with pytest.raises(ProjectError, match="both sides"):
            store.links.add([], [english[0].id], score=None)


def _ids(store, document_id):
    return [s.id for s in store.documents.sentences(document_id)]


def test_refused_links_say_why_and_name_the_file(demo_project):
    with Store.open(demo_project) as store:
        german, english, third = _ids(store, 1), _ids(store, 2), _ids(store, 3)
        store.db.execute("INSERT INTO groups (name, created_at) VALUES ('elsewhere', 'now')")
        store.db.execute("UPDATE documents SET group_id = (SELECT id FROM groups WHERE name = 'elsewhere') WHERE id = 4")
        elsewhere = _ids(store, 4)
        cases = [(([], [english[0]]), "a link needs sentences on both sides"),
                 (([german[0]], []), "a link needs sentences on both sides"),
                 (([german[0]], [german[1]]), "a link joins sentences of exactly two different documents"),
                 (([german[0], third[0]], [english[0]]), "a link joins sentences of exactly two different documents"),
                 (([german[0]], [english[0], third[0]]), "a link joins sentences of exactly two different documents"),
                 (([german[0]], [elsewhere[0]]), "a link joins two documents of the same group")]
        for (source, target), problem in cases:
            with pytest.raises(ProjectError) as refused:
                store.links.add(source, target, score=None)
            assert str(refused.value) == f"{demo_project}: {problem}"
        assert store.links.in_group(1) == []  # nothing stored


def test_reading_one_link_and_the_links_of_a_sentence(demo_project):
    with Store.open(demo_project) as store:
        german, english = _ids(store, 1), _ids(store, 2)
        first = store.links.add([german[0]], [english[2], english[1]], score=0.5)
        second = store.links.add([german[1]], [english[2]], score=None, origin="manual")
        assert store.links.get(first) == Link(first, [german[0]], [english[1], english[2]], 0.5, "machine")
        assert store.links.get(9999) == Link(9999, [], [], None, "machine")  # gone: an empty link
        assert store.links.of_sentence(english[2]) == [
            Link(first, [german[0]], [english[1], english[2]], 0.5, "machine"),
            Link(second, [german[1]], [english[2]], None, "manual")]
        assert store.links.of_sentence(german[5]) == []
        assert store.links.has_any(english[1]) and store.links.has_any(german[1])
        assert not store.links.has_any(german[2])
        assert store.links.manual() == [Link(second, [german[1]], [english[2]], None, "manual")]
        assert sorted(store.links.pairs_in_group(1)) == [
            (first, german[0], english[1], 0.5, 0), (first, german[0], english[2], 0.5, 0),
            (second, german[1], english[2], None, 1)]


def test_replace_returns_the_removed_links_and_the_new_ids(demo_project):
    with Store.open(demo_project) as store:
        german, english = _ids(store, 1), _ids(store, 2)
        old = store.links.add([german[0]], [english[0]], score=0.3)
        kept = store.links.add([german[1]], [english[1]], score=0.4)
        removed, added = store.links.replace([old], [([german[0]], [english[0], english[1]], None, "manual")])
        assert removed == [Link(old, [german[0]], [english[0]], 0.3, "machine")]
        assert len(added) == 1 and added[0] not in (old, kept)
        assert store.links.in_group(1) == [Link(kept, [german[1]], [english[1]], 0.4, "machine"),
                                           Link(added[0], [german[0]], [english[0], english[1]], None, "manual")]
        with pytest.raises(ProjectError):  # all or nothing: the removal is undone too
            store.links.replace([kept], [([german[0]], [german[1]], None, "manual")])
        assert [link.id for link in store.links.in_group(1)] == [kept, added[0]]


def test_embeddings_are_replaced_and_dropped_when_the_text_changes(demo_project):
    with Store.open(demo_project) as store:
        german = store.documents.sentences(1)
        store.embeddings.put("m", [(german[0].id, german[0].text, b"old"), (german[1].id, german[1].text, b"v1")])
        store.embeddings.put("m", [(german[0].id, german[0].text, b"new")])  # computed again: replaced
        store.embeddings.put("other", [(german[0].id, german[0].text, b"o")])
        assert store.embeddings.cached([german[0].id, german[1].id, german[2].id], "m") == {
            german[0].id: b"new", german[1].id: b"v1"}
        store.embeddings.put("m", [(german[1].id, "a text it no longer has", b"stale")])
        assert store.embeddings.cached([german[0].id, german[1].id], "m") == {german[0].id: b"new"}
        assert store.embeddings.cached([german[0].id], "other") == {german[0].id: b"o"}
