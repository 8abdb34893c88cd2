"""Hand corrections of the import: a sentence's, paragraph's or document's language and
boilerplate marks; each one transaction, each undone exactly."""

from __future__ import annotations

import pytest

from annotator.core.store import Store
from annotator.errors import NotFoundError, ProjectError


def _table(store, sql):
    return [tuple(r) for r in store.db.execute(sql)]


SNAPSHOT = ("SELECT id, lang FROM documents ORDER BY id", "SELECT id, lang, lang_source FROM paragraphs ORDER BY id",
            "SELECT id, lang, boilerplate, boilerplate_reason FROM sentences ORDER BY id")


def _state(store):
    return [_table(store, sql) for sql in SNAPSHOT]


def test_a_sentence_language_changes_alone_and_undo_restores_it(demo_project):
    with Store.open(demo_project) as store:
        sentence = store.documents.sentences(1)[5]
        neighbour = store.documents.sentences(1)[6]
        store.embeddings.put("m", [(sentence.id, sentence.text, b"\0" * 8), (neighbour.id, neighbour.text, b"\0" * 8)])
        before = _state(store)
        change = store.corrections.set_language(sentence.id, "fr")
        assert store.documents.sentence(sentence.id).lang == "fr"
        assert store.documents.sentence(neighbour.id).lang == "de"
        assert change.sentences == [(sentence.id, "de")] and change.paragraphs == [] and change.document is None
        assert set(store.embeddings.cached([sentence.id, neighbour.id], "m")) == {neighbour.id}
        store.corrections.undo_language(change)
        assert _state(store) == before


def test_a_paragraph_language_moves_its_sentences_and_records_manual(demo_project):
    with Store.open(demo_project) as store:
        sentences = store.documents.sentences(2)
        paragraph_of = dict(_table(store, "SELECT id, paragraph_id FROM sentences WHERE document_id = 2"))
        chosen = next(s for s in sentences if s.lang == "fr")
        same_paragraph = [s.id for s in sentences if paragraph_of[s.id] == paragraph_of[chosen.id]]
        before = _state(store)
        change = store.corrections.set_language(chosen.id, "it", scope="paragraph")
        assert [p[0] for p in change.paragraphs] == [paragraph_of[chosen.id]]
        assert {s.id for s in store.documents.sentences(2) if s.lang == "it"} == set(same_paragraph)
        assert _table(store, f"SELECT lang, lang_source FROM paragraphs WHERE id = {paragraph_of[chosen.id]}") == [
            ("it", "manual")]
        store.corrections.undo_language(change)
        assert _state(store) == before


def test_a_document_language_keeps_passages_in_a_third_language(demo_project):
    with Store.open(demo_project) as store:
        before = _state(store)
        french = {s.id for s in store.documents.sentences(2) if s.lang == "fr"}
        english = {s.id for s in store.documents.sentences(2) if s.lang == "en"}
        assert french and english
        change = store.corrections.set_language(min(english), "en-GB", scope="document")
        after = {s.id: s.lang for s in store.documents.sentences(2)}
        assert {i for i, lang in after.items() if lang == "en-GB"} == english
        assert {i for i, lang in after.items() if lang == "fr"} == french
        assert _table(store, "SELECT lang FROM documents WHERE id = 2") == [("en-GB",)]
        store.corrections.undo_language(change)
        assert _state(store) == before


@pytest.mark.parametrize("code", ["", "english", "EN", "d", "de_DE", "de-"])
def test_a_language_code_is_checked_and_nothing_changes(demo_project, code):
    with Store.open(demo_project) as store:
        before = _state(store)
        with pytest.raises(ProjectError, match="not a language code"):
            store.corrections.set_language(store.documents.sentences(1)[0].id, code)
        with pytest.raises(NotFoundError):
            store.corrections.set_language(10**9, "fr")
        assert _state(store) == before


def test_marking_boilerplate_removes_machine_links_only_and_undo_restores_both(demo_project):
    with Store.open(demo_project) as store:
        german, english = store.documents.sentences(1), store.documents.sentences(2)
        target = german[4]
        machine = store.links.add([target.id], [english[3].id], score=0.8)
        manual = store.links.add([target.id], [english[5].id], score=None, origin="manual")
        other = store.links.add([german[6].id], [english[7].id], score=0.7)
        before = _state(store)
        change = store.corrections.set_boilerplate([target.id], True)
        sentence = store.documents.sentence(target.id)
        assert sentence.boilerplate and sentence.boilerplate_reason == "manual"
        assert [link.id for link in change.removed_links] == [machine]
        remaining = {link.id for link in store.links.in_group(1)}
        assert remaining == {manual, other}
        store.corrections.undo_boilerplate(change)
        assert _state(store) == before
        restored = [link for link in store.links.of_sentence(target.id) if link.origin == "machine"]
        assert [(link.source, link.target, link.score) for link in restored] == [([target.id], [english[3].id], 0.8)]


def test_unmarking_detected_boilerplate_and_back(demo_project):
    with Store.open(demo_project) as store:
        boiler = next(s for s in store.documents.sentences(4) if s.boilerplate)
        before = _state(store)
        change = store.corrections.set_boilerplate([boiler.id], False)
        assert not store.documents.sentence(boiler.id).boilerplate
        assert change.sentences == [(boiler.id, 1, boiler.boilerplate_reason)] and change.removed_links == []
        store.corrections.undo_boilerplate(change)
        assert _state(store) == before
        with pytest.raises(NotFoundError):
            store.corrections.set_boilerplate([boiler.id, 10**9], True)
        assert _state(store) == before
