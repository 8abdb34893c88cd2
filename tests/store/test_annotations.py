"""Annotations and judgements: labeling, notes, bulk adds, "no label applies", done."""

from __future__ import annotations

import pytest

from annotator.core.store import Store
from annotator.errors import NotFoundError, ProjectError


def test_set_annotation_add_note_remove(demo_project):
    with Store.open(demo_project) as store:
        assert store.annotations.set(3, "claim", "ann").outcome == "added"
        assert store.annotations.set(3, "1", "ann").outcome == "unchanged"  # by key
        assert store.annotations.set(3, "CLAIM", "ann", note="checkable").outcome == "note"
        assert store.annotations.set(3, "claim", "bob").outcome == "added"
        assert [(a.label, a.annotator, a.note) for a in store.annotations.of_sentence(3)] == [
            ("claim", "ann", "checkable"), ("claim", "bob", None)]
        assert store.annotations.set(3, "claim", "ann", present=False).outcome == "removed"
        assert store.annotations.set(3, "claim", "ann", present=False).outcome == "unchanged"
        assert [a.annotator for a in store.annotations.of_sentence(3)] == ["bob"]
    # committed: a fresh connection sees it
    with Store.open(demo_project, readonly=True) as store:
        assert [a.annotator for a in store.annotations.of_sentence(3)] == ["bob"]


def test_labeling_errors(demo_project):
    with Store.open(demo_project) as store:
        with pytest.raises(NotFoundError, match="no sentence with id 99999"):
            store.annotations.set(99999, "claim", "ann")
        with pytest.raises(NotFoundError, match="no label 'opinion'; labels are: claim"):
            store.annotations.set(1, "opinion", "ann")
        with pytest.raises(ProjectError, match="annotator's name is empty"):
            store.annotations.set(1, "claim", "  ")


def test_add_annotations_in_bulk(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "claim", "ann", note="first")
        added = store.annotations.add_many([(1, "claim", "ann", None), (1, "correction", "ann", None),
                                       (2, "attribution", "bob", "n")])
        assert added == 2
        assert [(a.label, a.annotator, a.note) for a in store.annotations.of_sentence(1)] == [
            ("claim", "ann", "first"), ("correction", "ann", None)]
        with pytest.raises(NotFoundError):
            store.annotations.add_many([(3, "claim", "ann", None), (3, "nope", "ann", None)])
        assert store.annotations.of_sentence(3) == []  # all or nothing


def test_sentence_labels_and_clear(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "correction", "ann")
        store.annotations.set(1, "claim", "ann", note="n")
        store.annotations.set(1, "attribution", "bob")
        assert store.annotations.labels_of([1, 2]) == {1: ["claim", "attribution", "correction"], 2: []}
        assert store.annotations.labels_of([1], annotator="ann") == {1: ["claim", "correction"]}
        removed = store.annotations.clear(1, "ann")
        assert sorted((a.label, a.note) for a in removed) == [("claim", "n"), ("correction", None)]
        assert store.annotations.labels_of([1]) == {1: ["attribution"]}
        assert store.annotations.clear(1, "ann") == []


def test_mark_done_records_the_rest_and_can_be_taken_back(demo_project):
    with Store.open(demo_project) as store:
        content = [s.id for s in store.documents.sentences(1) if not s.boilerplate]
        store.annotations.set(content[0], "claim", "ann")
        store.annotations.clear(content[1], "ann")  # judged: no label applies
        recorded = store.annotations.mark_done(1, "ann")
        assert recorded == content[2:]
        assert store.annotations.mark_done(1, "ann") == []  # nothing left to record
        judged = {row[0] for row in store.annotations.judgements() if row[1] == "ann"}
        assert judged == set(content)
        store.annotations.unjudge(recorded, "ann")
        assert {row[0] for row in store.annotations.judgements() if row[1] == "ann"} == set(content[:2])


def test_labels_come_back_as_lists_in_scheme_order(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "correction", "ann")
        store.annotations.set(1, "claim", "ann")
        store.annotations.clear(2, "bob")
        rows = {(row[0], row[1]): row[2] for row in store.annotations.judgements()}
        assert rows == {(1, "ann"): ["claim", "correction"], (2, "bob"): []}
        assert store.annotations.votes([1, 2]) == {1: {"ann": ["claim", "correction"]}, 2: {"bob": []}}
        store.gold.set([(1, ["correction", "claim"])])
        assert store.gold.decision(1) == (["claim", "correction"], "manual")
        assert store.gold.decision(2) is None


def test_a_no_label_judgement_carries_a_note(demo_project):
    from annotator.errors import ProjectError

    with Store.open(demo_project) as store:
        sentence = store.documents.sentences(1)[3].id
        with pytest.raises(ProjectError, match="has not judged"):
            store.annotations.set_judgement_note(sentence, "ann", "why")
        store.annotations.clear(sentence, "ann")
        assert store.annotations.set_judgement_note(sentence, "ann", "only a date") is None
        assert store.annotations.judgement_note(sentence, "ann") == "only a date"
        assert store.annotations.noted_among([sentence, sentence + 1], "ann") == {sentence}
        assert store.annotations.noted_among([sentence], "bob") == set()
        assert store.annotations.set_judgement_note(sentence, "ann", None) == "only a date"
        assert store.annotations.noted_among([sentence], "ann") == set()
