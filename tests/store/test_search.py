"""Project-wide search: the indexes kept in step with every writer of sentences, diacritics,
trigram substrings, each filter, and the query language's one-line errors."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.session import Session
from annotator.core.session.searching import SearchError
from annotator.core.store import Store
from annotator.core.text.importer import analyze_files
from annotator.core.text.search_query import in_context, parse
from annotator.errors import NotFoundError


def _import(store: Store, folder, name: str, text: str, group: str = "extra") -> int:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return store.documents.import_documents(analyze_files([path], group=group))[0].document_id


def _ids(store: Store, query: str) -> list[int]:
    return [hit.sentence_id for hit in store.search.hits(parse(query), None)]


def _index_matches_sentences(store: Store) -> None:
    """The word index read through FTS5's own integrity check against its content table."""
    store.search.catch_up()
    for index in ("sentence_words", "sentence_trigrams"):
        store.db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def store(demo_project):
    with Store.open(demo_project) as opened:
        yield opened


def test_a_new_import_is_found_and_diacritics_are_ignored(store, tmp_path):
    assert _ids(store, "Zoëlândia") == []
    document = _import(store, tmp_path, "new.txt", "Der Präsident besuchte São Paulo gestern.\n\nNichts sonst.")
    found = _ids(store, "Sao Paulo")
    assert found and all(store.documents.sentence(i).document_id == document for i in found)
    assert _ids(store, "praesident") == []  # folding drops marks, it does not transliterate
    assert _ids(store, "prasident") == found
    assert _ids(store, '"são paulo"') == found
    assert _ids(store, '"paulo sao"') == []  # a phrase keeps its order
    _index_matches_sentences(store)


def test_split_merge_and_their_undo_keep_the_index_right(store, tmp_path):
    _import(store, tmp_path, "a.txt", "Alpha bravo charlie delta. Echo foxtrot golf hotel.")
    _import(store, tmp_path, "z.txt", "Zulu comes last.")  # the merged sentence is not the highest
    store.search.catch_up()
    first = _ids(store, "alpha")[0]
    second = _ids(store, "foxtrot")[0]
    change = store.resegmenting.merge_with_next(first)
    assert _ids(store, "foxtrot") == [first] and _ids(store, "alpha") == [first]
    _index_matches_sentences(store)
    store.resegmenting.undo(change)  # the second sentence is back under its old id
    assert _ids(store, "foxtrot") == [second] and _ids(store, "alpha") == [first]
    assert _ids(store, "*oxtro*") == [second]
    text = store.documents.sentence(first).text
    created, split = store.resegmenting.split(first, text.index("charlie"))
    assert _ids(store, "charlie") == [created] and _ids(store, "alpha") == [first]
    assert _ids(store, '"bravo charlie"') == []
    _index_matches_sentences(store)
    store.resegmenting.undo(split)
    assert _ids(store, '"bravo charlie"') == [first]
    _index_matches_sentences(store)


def test_a_changed_text_and_a_deleted_document_leave_the_index(store, tmp_path):
    document = _import(store, tmp_path, "b.txt", "Quixotic zebras wander.")
    store.search.catch_up()
    (sentence,) = _ids(store, "quixotic")
    with store.transaction():
        store.db.execute("UPDATE sentences SET text = 'Placid zebras wander.' WHERE id = ?", [sentence])
    assert _ids(store, "quixotic") == [] and _ids(store, "placid") == [sentence]
    with store.transaction():
        store.db.execute("DELETE FROM documents WHERE id = ?", [document])
    assert _ids(store, "placid") == [] and _ids(store, "*lacid*") == []
    _index_matches_sentences(store)
    # the deleted sentence was the highest: its id, given to the next new sentence, is indexed again
    _import(store, tmp_path, "c.txt", "Jubilant yaks graze.")
    assert _ids(store, "jubilant") == [sentence] and _ids(store, "*ubilan*") == [sentence]
    _index_matches_sentences(store)


def test_language_and_boilerplate_changes_do_not_touch_the_index(store):
    (sentence, *_) = _ids(store, "lang:en")
    before = store.db.execute("SELECT count(*) FROM sentence_words_data").fetchone()[0]
    store.corrections.set_boilerplate([sentence], True)
    assert store.db.execute("SELECT count(*) FROM sentence_words_data").fetchone()[0] == before
    assert sentence in _ids(store, "is:boilerplate")


def test_trigram_substrings_and_scripts_without_spaces(store, tmp_path):
    _import(store, tmp_path, "zh.txt", "北京今天下雨了。上海明天晴天。", group="zh")
    _import(store, tmp_path, "en.txt", "The Sputnikovich report came out.", group="en")
    (rain,) = _ids(store, "今天下")
    assert "下雨" in store.documents.sentence(rain).text
    assert _ids(store, "雨") == [rain]  # shorter than a trigram: looked for in the text itself
    found = _ids(store, "*putnikov*")
    assert len(found) == 1 and _ids(store, "sputnikov") == []  # a word is a whole word
    assert _ids(store, "sputnikov*") == found  # ...or its beginning
    assert _ids(store, "*putnikov* *REPORT*") == found and _ids(store, "*putnikov* -*report*") == []
    assert _ids(store, "report *NIKOV*") == found and _ids(store, "*putnikov* *今天*") == []
    left, match, right = in_context(store.documents.sentence(found[0]).text, parse("*PUTNIKOV*"))
    assert (left, match) == ("The S", "putnikov")


def test_each_filter(store, tmp_path):
    sentences = store.search.hits(parse("lang:de"), None)
    assert sentences and all(hit.lang == "de" for hit in sentences)
    assert _ids(store, "lang:xx") == []
    group_doc = _import(store, tmp_path, "c.txt", "Kumquat harvest news.", group="fruit")
    assert _ids(store, "group:fruit") == _ids(store, "kumquat")
    assert _ids(store, "group:seeds kumquat") == []
    assert _ids(store, f"doc:{group_doc}") == _ids(store, "kumquat")
    title = store.db.execute("SELECT title FROM documents WHERE id = ?", [group_doc]).fetchone()[0]
    assert _ids(store, f'doc:"{title}"') == _ids(store, "kumquat")  # a title
    one, two, three = (hit.sentence_id for hit in sentences[:3])
    store.annotations.set(one, "claim", "ann")
    store.annotations.set(two, "claim", "ann")
    store.annotations.set(two, "attribution", "bob")
    assert _ids(store, "label:claim") == [one, two]
    assert _ids(store, "label:claim -annotator:bob") == [one]
    assert _ids(store, "annotator:bob") == [two]
    assert _ids(store, "is:disagreement") == [two]  # ann chose claim, bob attribution
    store.confirmations.confirm([three], "rev")
    assert _ids(store, "is:confirmed") == [three]
    assert _ids(store, "is:flag") == []
    store.label_groups.set_flag(two, "bob", True)
    assert _ids(store, "is:flag") == [two]
    assert _ids(store, "label:claim -is:flag") == [one]
    label = store.db.execute("SELECT id FROM labels WHERE name = 'claim'").fetchone()[0]
    with store.transaction():
        store.db.execute("INSERT INTO suggestions VALUES (?, ?, 0.9, 'now'), (?, ?, 0.6, 'now')",
                         [one, label, three, label])
    assert _ids(store, "suggest:claim>=0.8") == [one]
    assert _ids(store, "suggest:claim>=0.5") == [one, three]
    assert _ids(store, "suggest:claim>0.9") == []
    assert _ids(store, "lang:de suggest:claim>=0.5 -label:claim") == [three]
    for unknown in ("group:nowhere", "label:nothing", "annotator:nobody", "doc:99999"):
        with pytest.raises(NotFoundError):
            _ids(store, unknown)


@pytest.mark.parametrize("query", ['"open', "lable:x", "is:flagged", "suggest:claim", "suggest:claim>=2", "-x",
                                   "group:", "!!"])
def test_a_bad_query_is_one_line(demo_project, query):
    with Store.open(demo_project) as store:
        session = Session(store, "ann")
        with pytest.raises(SearchError) as raised:
            session.search(query)
        assert "\n" not in str(raised.value) and str(raised.value).startswith("search query:")


def test_migration_13_indexes_an_old_project_lazily(demo_project):
    conn = sqlite3.connect(demo_project)
    assert conn.execute("SELECT upto FROM search_indexed").fetchone()[0] >= 0
    conn.close()
    with Store.open(demo_project) as store:
        waiting = store.search.unindexed()
        assert waiting == store.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        assert store.search.catch_up() == waiting and store.search.unindexed() == 0


def test_the_index_job_indexes_an_import_in_short_transactions(demo_project, tmp_path, monkeypatch):
    from annotator.core.store.search import Search
    session = Session.open(demo_project, "tester")
    try:
        _import(session._store, tmp_path, "more.txt", "Ein Blitzableiter. " * 30 + "\n\nZweiter Absatz über Blitze.")
        assert session._store.search.behind()
        steps, real_catch_up = [], Search.catch_up

        def counted(search, at_most=None):
            steps.append(at_most)
            return real_catch_up(search, at_most)
        monkeypatch.setattr(Search, "catch_up", counted)
        indexed = session.index_work(step=20, rest=0)(lambda *a: None, lambda: False)  # (on a connection of its own)
        monkeypatch.undo()
        assert indexed == session._store.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        assert len(steps) > 3 and set(steps) == {20}
        assert not session._store.search.behind()
        _index_matches_sentences(session._store)
        assert session.search("blitzableiter")
    finally:
        session.close()


def test_a_term_too_long_to_search_for_is_refused_at_once(demo_project):
    """A 1 MB substring took the trigram lookup 20 s; a term of over 1,000 characters is refused
    in one line before anything is read, and one of 1,000 is searched (and found)."""
    with Store.open(demo_project) as store:
        session = Session(store, "ann")
        text = max((s.text for d in store.documents.group_documents(store.documents.groups()[0]["id"])
                    for s in store.documents.sentences(d["id"])), key=len)
        for query in ("*" + "ab" * 500_000 + "*", "x" * 1001, '"' + "word " * 201 + '"'):
            with pytest.raises(SearchError, match="too long to search for") as raised:
                session.search(query)
            assert "\n" not in str(raised.value)
        piece = text[:1000] if len(text) >= 1000 else text
        assert any(hit.sentence_id for hit in session.search(f'"{piece}"'))
