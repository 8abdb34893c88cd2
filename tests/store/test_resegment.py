"""Sentences split and merged by hand: exact slices, the carry-over rule, exact undo."""

from __future__ import annotations

import pytest

from annotator.core.store import Store
from annotator.core.store.resegment import DEPENDENT
from annotator.errors import NotFoundError, ProjectError

TABLES = ("sentences", *DEPENDENT, "links")


def _state(store):
    return {table: sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {table}")) for table in TABLES}


def _slices_ok(store, document_id):
    text = store.documents.text(document_id)
    sentences = store.documents.sentences(document_id)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.fixture
def busy(demo_project):
    """A German sentence that has a next one in its paragraph: labeled, noted, judged, in gold,
    linked 1-1 to English, confirmed."""
    store = Store.open(demo_project)
    german, english = store.documents.sentences(1), store.documents.sentences(2)
    paragraph_of = dict(store.db.execute("SELECT id, paragraph_id FROM sentences WHERE document_id = 1"))
    target = next(a for a, b in zip(german, german[1:]) if paragraph_of[a.id] == paragraph_of[b.id]
                  and len(a.text) > 40)
    store.annotations.set(target.id, "claim", "ann", note="on TV")
    store.annotations.clear(target.id, "bob")
    store.gold.set([(target.id, ["claim"])])
    link = store.links.add([english[3].id], [target.id], score=0.8)
    store.confirmations.confirm([target.id], "rev")
    store.embeddings.put("m", [(target.id, target.text, b"\0" * 8)])
    yield store, target, link
    store.close()


def test_split_keeps_slices_and_carries_everything_to_both_parts(busy):
    store, target, link = busy
    before = _state(store)
    cut = target.text.index(" ", 30)
    second, change = store.resegmenting.split(target.id, cut)
    _slices_ok(store, 1)
    first = store.documents.sentence(target.id)
    part = store.documents.sentence(second)
    assert (first.text, part.text) == (target.text[:cut].rstrip(), target.text[cut:].lstrip())
    assert (first.start, part.end) == (target.start, target.end) and part.index == first.index + 1
    for sentence_id in (target.id, second):
        assert [(a.label, a.annotator, a.note) for a in store.annotations.of_sentence(sentence_id)] == [
            ("claim", "ann", "on TV")]
        assert store.annotations.is_judged(sentence_id, "bob")
        assert store.gold.decision(sentence_id)[0] == ["claim"]
    assert sorted(store.links.get(link).target) == sorted([target.id, second])  # one row still
    assert store.confirmations.records() == [] and store.embeddings.cached([target.id], "m") == {}
    store.resegmenting.undo(change)
    assert _state(store) == before


def test_merge_joins_two_sentences_and_undo_restores_them(busy):
    store, target, link = busy
    nxt = store.documents.sentences(1)[target.index + 1]
    store.annotations.set(nxt.id, "attribution", "ann")
    other_link = store.links.add([store.documents.sentences(3)[2].id], [nxt.id], score=0.6)
    before = _state(store)
    change = store.resegmenting.merge_with_next(target.id)
    _slices_ok(store, 1)
    merged = store.documents.sentence(target.id)
    assert (merged.start, merged.end) == (target.start, nxt.end)
    with pytest.raises(NotFoundError):
        store.documents.sentence(nxt.id)
    assert sorted(a.label for a in store.annotations.of_sentence(target.id)) == ["attribution", "claim"]
    assert target.id in store.links.get(other_link).target
    assert store.confirmations.records() == []
    store.resegmenting.undo(change)
    assert _state(store) == before


def test_split_then_merge_gives_the_sentence_back(demo_project):
    with Store.open(demo_project) as store:
        sentence = store.documents.sentences(2)[6]
        second, _ = store.resegmenting.split(sentence.id, len(sentence.text) // 2)
        store.resegmenting.merge_with_next(sentence.id)
        assert store.documents.sentence(sentence.id).text == sentence.text
        _slices_ok(store, 2)


def test_what_cannot_be_split_or_merged_is_refused_and_nothing_changes(demo_project):
    with Store.open(demo_project) as store:
        before = _state(store)
        sentence = store.documents.sentences(1)[3]
        for offset in (0, len(sentence.text), -1, 10**6):
            with pytest.raises(ProjectError, match="cannot be split"):
                store.resegmenting.split(sentence.id, offset)
        last = store.documents.sentences(1)[-1]
        with pytest.raises(ProjectError, match="last of its document"):
            store.resegmenting.merge_with_next(last.id)
        paragraph_of = dict(store.db.execute("SELECT id, paragraph_id FROM sentences WHERE document_id = 1"))
        ids = [s.id for s in store.documents.sentences(1)]
        end = next(a for a, b in zip(ids, ids[1:]) if paragraph_of[a] != paragraph_of[b])
        with pytest.raises(ProjectError, match="ends its paragraph"):
            store.resegmenting.merge_with_next(end)
        with pytest.raises(NotFoundError):
            store.resegmenting.split(10**9, 3)
        assert _state(store) == before


def test_the_changed_sentences_are_named_for_the_views(busy):
    store, target, _ = busy
    second, change = store.resegmenting.split(target.id, 20)
    assert change.sentence_ids() == [target.id, second]
    store.resegmenting.undo(change)
    merged = store.resegmenting.merge_with_next(target.id)
    assert merged.sentence_ids() == [target.id, target.id + 1] and merged.removed == target.id + 1


def test_a_cut_after_a_blank_leaves_the_blank_out_and_one_letter_parts_are_fine(demo_project):
    with Store.open(demo_project) as store:
        sentence = store.documents.sentences(2)[6]
        space = sentence.text.index(" ")
        second, _ = store.resegmenting.split(sentence.id, space + 1)  # the cut just after a space
        assert store.documents.sentence(sentence.id).text == sentence.text[:space]
        assert store.documents.sentence(second).text == sentence.text[space + 1:]
        third, _ = store.resegmenting.split(second, 1)  # a first part of one character
        assert store.documents.sentence(second).text == sentence.text[space + 1]
        _slices_ok(store, 2)


def test_errors_name_the_project_file(demo_project):
    with Store.open(demo_project) as store:
        last = store.documents.sentences(1)[-1].id
        for call in (lambda: store.resegmenting.split(last, 0), lambda: store.resegmenting.merge_with_next(last),
                     lambda: store.resegmenting.split(10**9, 1)):
            with pytest.raises((ProjectError, NotFoundError)) as raised:
                call()
            assert str(raised.value).startswith(f"{demo_project}: ")


def test_a_merge_is_boilerplate_only_when_both_sentences_were(demo_project):
    with Store.open(demo_project) as store:
        paragraph_of = dict(store.db.execute("SELECT id, paragraph_id FROM sentences"))
        pairs = [(a, b) for d in (1, 2, 3, 4) for a, b in zip(store.documents.sentences(d), store.documents.sentences(d)[1:])
                 if paragraph_of[a.id] == paragraph_of[b.id]]
        (a, b), (c, d) = pairs[0], pairs[1]
        store.corrections.set_boilerplate([b.id], True)  # content + boilerplate: content
        store.resegmenting.merge_with_next(a.id)
        merged = store.documents.sentence(a.id)
        assert not merged.boilerplate and merged.boilerplate_reason is None
        store.corrections.set_boilerplate([c.id, d.id], True)  # both boilerplate: boilerplate, the first's reason
        store.resegmenting.merge_with_next(c.id)
        merged = store.documents.sentence(c.id)
        assert merged.boilerplate and merged.boilerplate_reason == "manual"
