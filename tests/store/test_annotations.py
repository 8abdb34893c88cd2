"""Annotations and judgements: labeling, notes, bulk adds, "no label applies", done."""

from __future__ import annotations

import pytest

from annotator.core.model import Annotation
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


def test_errors_name_the_project_file(demo_project):
    where = str(demo_project)
    with Store.open(demo_project) as store:
        with pytest.raises(ProjectError) as empty:
            store.annotations.set(1, "claim", " \t")
        assert str(empty.value) == f"{where}: the annotator's name is empty"
        with pytest.raises(NotFoundError) as missing:
            store.annotations.set(99999, "claim", "ann")
        assert str(missing.value) == f"{where}: no sentence with id 99999"
        with pytest.raises(NotFoundError) as unknown:
            store.annotations.restore([Annotation(1, "opinion", "ann", "2020-01-01T00:00:00.000Z", None)])
        assert str(unknown.value) == f"{where}: no label 'opinion'"


def test_setting_a_label_again_keeps_or_changes_its_note(demo_project):
    with Store.open(demo_project) as store:
        assert store.annotations.set(3, "claim", "ann", note="first").outcome == "added"
        assert store.annotations.set(3, "claim", "ann").outcome == "unchanged"  # no note given: kept
        assert store.annotations.set(3, "claim", "ann", note="first").outcome == "unchanged"  # same note
        assert [a.note for a in store.annotations.of_sentence(3)] == ["first"]
        assert store.annotations.set(3, "claim", "ann", note="second").outcome == "note"
        assert [a.note for a in store.annotations.of_sentence(3)] == ["second"]


def test_a_change_says_which_sentence_label_and_annotator(demo_project):
    with Store.open(demo_project) as store:
        change = store.annotations.set(4, "2", "  ann ")  # by key, the name trimmed
        assert (change.sentence_id, change.label, change.annotator, change.outcome) == (4, "attribution", "ann", "added")
        change = store.annotations.set(4, "attribution", "ann", present=False)
        assert (change.sentence_id, change.label, change.annotator, change.outcome) == (4, "attribution", "ann", "removed")


def test_bulk_adds_keep_their_notes_and_record_judgements(demo_project):
    with Store.open(demo_project) as store:
        assert store.annotations.add_many([(2, "attribution", "bob", "said so"), (5, "claim", "bob", None)]) == 2
        assert [(a.label, a.annotator, a.note) for a in store.annotations.of_sentence(2)] == [
            ("attribution", "bob", "said so")]
        assert store.annotations.judged_among([2, 3, 5], "bob") == {2, 5}


def test_restore_keeps_times_and_records_each_annotators_judgement(demo_project):
    with Store.open(demo_project) as store:
        restored = store.annotations.restore([
            Annotation(6, "claim", "carl", "2020-01-01T00:00:00.000Z", "n"),
            Annotation(7, "correction", "dana", "2020-01-02T00:00:00.000Z", None),
            Annotation(6, "claim", "carl", "2021-05-05T00:00:00.000Z", "other")])  # already there: kept
        assert restored == 2
        assert [(a.sentence_id, a.label, a.annotator, a.created_at, a.note) for a in store.annotations.records()] == [
            (6, "claim", "carl", "2020-01-01T00:00:00.000Z", "n"),
            (7, "correction", "dana", "2020-01-02T00:00:00.000Z", None)]
        assert store.annotations.is_judged(6, "carl") and store.annotations.is_judged(7, "dana")
        assert not store.annotations.is_judged(7, "carl") and not store.annotations.is_judged(6, "dana")
        assert sorted((s, a) for s, a, *_ in store.annotations.judgement_records()) == [(6, "carl"), (7, "dana")]


def test_reading_annotations_by_label_and_all_of_them(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(9, "correction", "bob")
        store.annotations.set(8, "claim", "bob")
        store.annotations.set(8, "correction", "ann")
        store.annotations.set(8, "claim", "ann")
        correction = store.scheme.find("correction").id
        claim = store.scheme.find("claim").id
        assert [(a.sentence_id, a.annotator) for a in store.annotations.of_labels([correction])] == [
            (9, "bob"), (8, "ann")]  # in the order they were made
        assert [(a.sentence_id, a.label) for a in store.annotations.of_labels([claim, correction])] == [
            (9, "correction"), (8, "claim"), (8, "correction"), (8, "claim")]
        assert store.annotations.of_labels([]) == []
        assert [(a.sentence_id, a.label, a.annotator) for a in store.annotations.all()] == [
            (8, "claim", "ann"), (8, "claim", "bob"), (8, "correction", "ann"), (9, "correction", "bob")]
        assert [(a.sentence_id, a.label, a.annotator) for a in store.annotations.records()] == [
            (9, "correction", "bob"), (8, "claim", "bob"), (8, "correction", "ann"), (8, "claim", "ann")]
        assert store.annotations.labels_by_annotator(1, "ann") == {8: ["claim", "correction"]}
        assert store.annotations.labels_by_annotator(1, "bob") == {8: ["claim"], 9: ["correction"]}
        assert store.annotations.labels_by_annotator(2, "bob") == {}
        assert store.annotations.layers() == ["all", "gold", "ann", "bob"]


def test_judged_among_is_per_annotator(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(10, "claim", "ann")
        store.annotations.clear(11, "ann")  # judged without a label
        store.annotations.set(12, "claim", "bob")
        assert store.annotations.judged_among([10, 11, 12, 13], "ann") == {10, 11}
        assert store.annotations.judged_among([10, 11, 12, 13], "bob") == {12}
        assert store.annotations.judged_among([10, 11], "nobody") == set()
        assert store.annotations.is_judged(11, "ann") and not store.annotations.is_judged(11, "bob")


def test_set_notes_puts_back_each_labels_note(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(14, "claim", "ann", note="old claim")
        store.annotations.set(14, "correction", "ann", note="old correction")
        store.annotations.set(14, "claim", "bob", note="bob's")
        store.annotations.set_notes(14, "ann", {"claim": None, "correction": "back"})
        assert [(a.label, a.annotator, a.note) for a in store.annotations.of_sentence(14)] == [
            ("claim", "ann", None), ("claim", "bob", "bob's"), ("correction", "ann", "back")]


def test_record_judgements_as_given_and_keep_existing_ones(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.record_judgements([(15, "eve", "2019-03-03T00:00:00.000Z"),
                                             (16, "eve", "2019-03-04T00:00:00.000Z")])
        store.annotations.record_judgements([(15, "eve", "2024-01-01T00:00:00.000Z")])  # already there: kept
        assert sorted(store.annotations.judgement_records()) == [
            (15, "eve", "2019-03-03T00:00:00.000Z", None), (16, "eve", "2019-03-04T00:00:00.000Z", None)]
        assert store.annotations.votes([15, 16, 17]) == {15: {"eve": []}, 16: {"eve": []}}


def test_gold_counts_writes_and_keeps_manual_decisions(demo_project):
    with Store.open(demo_project) as store:
        assert store.gold.set([(1, ["correction", "claim"]), (2, [])]) == 2
        assert store.gold.set([(1, ["attribution"]), (3, ["claim"])], method="majority") == 1  # 1 is manual
        assert store.gold.all() == {1: (["claim", "correction"], "manual"), 2: ([], "manual"),
                                    3: (["claim"], "majority")}
        assert store.gold.set([(3, ["attribution"])], method="majority") == 1  # majority over majority
        assert store.gold.set([(3, ["correction"])]) == 1  # manual over majority
        assert store.gold.decision(3) == (["correction"], "manual")
        assert store.gold.labels_by_sentence(1) == {1: ["claim", "correction"], 3: ["correction"]}  # 2: none
        assert store.gold.labels_by_sentence(2) == {}
        store.gold.clear(1)
        assert store.gold.decision(1) is None and store.gold.decision(3) == (["correction"], "manual")


def test_gold_refuses_an_unknown_label_and_writes_nothing(demo_project):
    with Store.open(demo_project) as store:
        with pytest.raises(NotFoundError) as unknown:
            store.gold.set([(1, ["claim"]), (2, ["zeta", "claim", "alpha"])])
        assert str(unknown.value) == f"{demo_project}: no label 'alpha'"
        assert store.gold.all() == {}


def test_reading_by_label_joins_every_chunk_of_ids(demo_project, monkeypatch):
    """SQLite limits the parameters of one query: ids go in chunks, and every chunk's rows count."""
    monkeypatch.setattr("annotator.core.store.domain.CHUNK", 1)
    with Store.open(demo_project) as store:
        store.annotations.set(9, "correction", "bob")
        store.annotations.set(8, "claim", "bob")
        claim, correction = store.scheme.find("claim").id, store.scheme.find("correction").id
        assert [(a.sentence_id, a.label) for a in store.annotations.of_labels([claim, correction])] == [
            (8, "claim"), (9, "correction")]
