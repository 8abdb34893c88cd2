"""Substrings that ignore diacritics (migration 20): the folded texts kept in step with every
writer of sentences (import, split and merge and their undo, a changed text, a merge of files,
deletes), Greek, Cyrillic, Arabic and CJK substrings, and the query language around them."""

from __future__ import annotations

import sqlite3

from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store
from annotator.core.store.search_folds import folded_text
from annotator.core.text.search_query import fold, folded, in_context, parse
from tests.store.test_search import _ids, _import

MIXED = ("Das Büro in Abū Kamāl ist geschlossen.\n\n"
         "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.\n\n"
         "Москва́ — столица России, пишет ТАСС.\n\n"
         "قال أحمد إن المدينة كبيرة.\n\n"
         "東京都の会社です。")


def _folds_mirror_the_sentences(store: Store) -> None:
    """After a catch-up the folds index holds exactly the folded texts that differ from their
    sentence's own, under the sentence's id, and passes FTS5's own check."""
    store.search.catch_up()
    wanted = {sentence_id: plain for sentence_id, text in store.db.execute("SELECT id, text FROM sentences")
              if (plain := folded_text(text)) is not None}
    held = dict(store.db.execute("SELECT rowid, text FROM sentence_folds").fetchall())
    assert held == wanted
    store.db.execute("INSERT INTO sentence_folds (sentence_folds, rank) VALUES ('integrity-check', 1)")
    assert store.db.execute("SELECT count(*) FROM sentence_folds_pending").fetchone()[0] == 0


def test_fold_drops_diacritics_and_case_in_every_script():
    assert fold("Abū Kamāl") == "abu kamal" and fold("BÜRO") == "buro"
    assert fold("Αθήνα ΟΔΟΣ οδός") == "αθηνα οδοσ οδοσ"  # tonos dropped, final sigma is sigma
    assert fold("Ёлка") == "елка" and fold("Москва́") == "москва"
    assert fold("أَحْمَد") == "احمد" and fold("أحمد") == "احمد"  # harakat and the hamza on alef
    assert fold("Straße Łódź ＡＢＣ") == "strasse lodz abc"
    assert fold("がぎ東京") == "がぎ東京" and fold("हिंदी") == "हिंदी"  # marks that make other letters stay
    assert fold("한국어") == "한국어"  # Hangul syllables come back whole
    plain, where = folded("Abū X")
    assert plain == "abu x" and where == [0, 1, 2, 3, 4]
    assert folded_text("Plain ASCII, Capitals too.") is None  # the plain trigram index finds it
    assert folded_text("naïve") == "naive" and folded_text("όχι") == "οχι"


def test_an_import_is_found_by_folded_substrings_in_every_script(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        _import(store, tmp_path, "mixed.txt", MIXED)
        office = _ids(store, "*buro*")
        assert len(office) == 1 and "Büro" in store.documents.sentence(office[0]).text
        assert _ids(store, "*BÜRO*") == office and _ids(store, "*ABU* *kamal* geschlossen") == office
        assert office[0] in _ids(store, "*kamal*")  # and the seeds' "Albu Kamal" too
        athens = _ids(store, "*αθηνα*")
        assert len(athens) == 1 and _ids(store, "*ΑΘΗΝΑ*") == athens and _ids(store, "*ελλαδα*") == athens
        moscow = _ids(store, "*москва*")
        assert len(moscow) == 1 and _ids(store, "*МОСКВА*") == moscow and _ids(store, "*тасс*") == moscow
        ahmad = _ids(store, "*احمد*")
        assert len(ahmad) == 1 and _ids(store, "*أحمد*") == ahmad
        tokyo = _ids(store, "京都の")
        assert len(tokyo) == 1 and _ids(store, "ＡＢＣ") == []
        left, match, right = in_context(store.documents.sentence(office[0]).text, parse("*kamal*"))
        assert (left, match, right) == ("Das Büro in Abū ", "Kamāl", " ist geschlossen.")
        _folds_mirror_the_sentences(store)


def test_the_query_language_around_folded_substrings(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        _import(store, tmp_path, "mixed.txt", MIXED, group="mixed")
        _import(store, tmp_path, "plain.txt", "The Buro of Statistics opened.\n\nAnother buro story.", group="plain")
        both = _ids(store, "*buro*")
        assert len(both) == 3 and both == sorted(both)  # the two indexes' hits, merged in project order
        assert _ids(store, "*buro* group:mixed") == both[:1]
        assert _ids(store, "*buro* -group:mixed") == both[1:]
        assert _ids(store, "*buro* *kamal*") == both[:1]  # a second substring, checked folded
        assert _ids(store, "*buro* -*KAMĀL*") == both[1:]
        assert _ids(store, "geschlossen *büro*") == both[:1]  # a word drives, the substring is checked folded
        assert _ids(store, "*bü*") == _ids(store, "*bu*")  # too short for a trigram: the folded texts are scanned
        assert _ids(store, "*buro* lang:en") == both[1:]
        assert [hit.sentence_id for hit in store.search.hits(parse("*buro*"), 2)] == both[:2]
        assert store.search.ids(parse("*ΑΘΗΝΑ*")) == _ids(store, "*αθηνα*")
        _import(store, tmp_path, "p.txt", "Preise stiegen um 10％ weiter.", group="prices")
        found = _ids(store, "*10%*")  # LIKE's own wildcard, also where folding brings it: scanned, not matched as one
        assert found == _ids(store, "*10％*") and len(found) == 1 and _ids(store, "*1_％*") == []


def test_split_merge_and_their_undo_keep_the_folds_right(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        _import(store, tmp_path, "a.txt", "Ein schönes Büro. Die Straße ist grün.")
        _import(store, tmp_path, "z.txt", "Zuletzt kommt Zürich.")  # the merged sentence is not the highest
        store.search.catch_up()
        (office,) = _ids(store, "*schones*")
        (street,) = _ids(store, "*strasse*")
        change = store.resegmenting.merge_with_next(office)
        assert _ids(store, "*strasse*") == [office] and _ids(store, "*grun* *strasse*") == [office]
        _folds_mirror_the_sentences(store)
        store.resegmenting.undo(change)  # the second sentence is back under its old id
        assert _ids(store, "*strasse*") == [street] and _ids(store, "*schones* *buro*") == [office]
        _folds_mirror_the_sentences(store)
        text = store.documents.sentence(office).text
        created, split = store.resegmenting.split(office, text.index("Büro"))
        assert _ids(store, "*buro*") == [created] and _ids(store, "*schones*") == [office]
        assert _ids(store, "*schones* *buro*") == []
        _folds_mirror_the_sentences(store)
        store.resegmenting.undo(split)
        assert _ids(store, "*schones* *buro*") == [office]
        _folds_mirror_the_sentences(store)


def test_a_changed_text_and_deletes_keep_the_folds_right(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        document = _import(store, tmp_path, "b.txt", "Ein Café in Zürich.")
        store.search.catch_up()
        (cafe,) = _ids(store, "*cafe*")
        with store.transaction():  # any writer of the text: a trigger queues it to be folded again
            store.db.execute("UPDATE sentences SET text = 'Ein Bäcker in Köln.' WHERE id = ?", [cafe])
        assert _ids(store, "*cafe*") == [] and _ids(store, "*backer*") == [cafe]
        with store.transaction():
            store.db.execute("UPDATE sentences SET text = 'Plain words now.' WHERE id = ?", [cafe])
        assert _ids(store, "*backer*") == [] and _ids(store, "*plain* words") == [cafe]
        _folds_mirror_the_sentences(store)
        with store.transaction():
            store.db.execute("UPDATE sentences SET text = 'Ein Bäcker in Köln.' WHERE id = ?", [cafe])
            store.db.execute("DELETE FROM documents WHERE id = ?", [document])
        assert _ids(store, "*backer*") == [] and _ids(store, "*koln*") == []
        _folds_mirror_the_sentences(store)
        # the deleted sentence was the highest: its id, given to the next new sentence, is folded again
        _import(store, tmp_path, "c.txt", "Eine Möwe am Meer.")
        assert _ids(store, "*mowe*") == [cafe]
        _folds_mirror_the_sentences(store)


def test_a_merge_of_files_brings_its_folds(demo_project, tmp_path):
    other = tmp_path / "other.sqlite"
    with Store.open(other) as store:
        _import(store, tmp_path, "m.txt", MIXED, group="mixed")
    merged = tmp_path / "merged.sqlite"
    merge_projects(str(merged), [str(demo_project), str(other)])
    with Store.open(merged) as store:
        (office,) = _ids(store, "*buro*")
        assert "Büro" in store.documents.sentence(office).text and len(_ids(store, "*αθηνα*")) == 1
        _folds_mirror_the_sentences(store)


def test_the_index_job_folds_an_older_project_in_short_steps(demo_project):
    """A project of the release before (19, its word index complete) gets its folds from the
    catch-up, a step at a time, as the app's background job runs it."""
    with sqlite3.connect(demo_project) as conn:
        conn.execute("UPDATE sentences SET text = 'Ein Büro.' WHERE id = 3")
        conn.executescript("DROP TRIGGER sentences_folds_delete; DROP TRIGGER sentences_folds_update;"
                           " DROP TABLE sentence_folds; DROP TABLE sentence_folds_state; DROP TABLE sentence_folds_pending; DROP TABLE search_terms;"
                           " PRAGMA user_version = 19")
    with Store.open(demo_project) as store:
        store.search.catch_up()  # (the words first, as the release before had them)
        with store.transaction():
            store.db.execute("UPDATE sentence_folds_state SET upto = 0")
            store.db.execute("DELETE FROM sentence_folds")
        assert store.search.behind() and store.search.unindexed() > 0
        steps = 0
        while store.search.behind():
            store.search.catch_up(20)
            steps += 1
        assert steps > 3 and _ids(store, "*buro*") == [3]
        _folds_mirror_the_sentences(store)


def test_a_read_only_project_is_searched_as_far_as_it_is_folded(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        _import(store, tmp_path, "mixed.txt", MIXED)
        store.search.catch_up()
        (office,) = _ids(store, "*buro*")
        with store.transaction():
            store.db.execute("UPDATE sentences SET text = 'Das Büro ist zu.' WHERE id = ?", [office])
    with Store.open(demo_project, readonly=True) as reader:
        assert _ids(reader, "*buro*") == []  # waiting to be folded again: the next writer does it
        assert reader.search.unindexed() == 1
    with Store.open(demo_project) as store:
        assert _ids(store, "*buro* zu") == [office]


def _native_prefix(store: Store, prefix: str) -> list[int]:
    return [row[0] for row in store.db.execute("SELECT rowid FROM sentence_words WHERE sentence_words MATCH ?"
                                               " ORDER BY rowid", [f'"{prefix}"*'])]


def test_a_prefix_finds_what_fts5s_own_prefix_query_finds(demo_project, tmp_path):
    """A prefix becomes the listed words it stands for, OR'ed; every prefix of every word of the
    seeds finds the same sentences as FTS5's own prefix query, also after an import and a
    changed text bring new words, and with or without the folds caught up."""
    with Store.open(demo_project) as store:
        store.search.catch_up()
        words = [row[0] for row in store.db.execute("SELECT term FROM search_terms")]
        prefixes = sorted({word[:n] for word in words for n in (1, 2, 3, 4, 6) if word[:n].isascii() and word[:n].isalnum()})
        assert len(prefixes) > 300
        for prefix in prefixes:
            assert _ids(store, prefix + "*") == _native_prefix(store, prefix), prefix
        assert store.search.folds.words("s", 64) is None  # too many words: FTS5's own prefix query
        assert store.search.folds.words("russ", 64) == ["russ", "russe", "russes", "russia", "russian", "russische",
                                                        "russischen", "russisches"]
        _import(store, tmp_path, "new.txt", "Die Quokkapopulation wächst. QUOKKAS sind Beuteltiere.")
        assert len(_ids(store, "QUOKKA*")) == 2 and _ids(store, "quokka*") == _native_prefix(store, "quokka")
        (sentence,) = _ids(store, "beutel*")
        with store.transaction():
            store.db.execute("UPDATE sentences SET text = 'Zebrafinken singen.' WHERE id = ?", [sentence])
        assert _ids(store, "zebrafink*") == [sentence] and _ids(store, "beutel*") == []
        assert _ids(store, "-zebra* lang:de")  # left out, too
        assert sentence not in _ids(store, "-zebra* lang:de")


def test_a_prefix_with_diacritics_is_folded_as_the_word_index_folds_it(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        _import(store, tmp_path, "mixed.txt", MIXED)
        store.search.catch_up()
        assert store.search.folds.as_word("VERÖFF") == "veroff" and store.search.folds.as_word("al-bu") is None
        for prefix in ("veröff", "VERÖ", "kämpf", "géné", "Αθή", "ελλ", "москв", "Büro"):
            found = _ids(store, prefix + "*")
            assert found and found == _native_prefix(store, prefix), prefix
        listed = {prefix: _ids(store, prefix + "*") for prefix in ("veröff", "Αθή")}
    with Store.open(demo_project, readonly=True) as reader:  # (no temp table: FTS5's own prefix query)
        assert reader.search.folds.as_word("Büro") is None
        assert {prefix: _ids(reader, prefix + "*") for prefix in listed} == listed
