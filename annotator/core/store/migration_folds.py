"""Migration 20's SQL.

Substrings that ignore diacritics ("*buro*" finds "Büro", "*kamal*" finds "Abū Kamāl"). SQLite
here (3.40) has no diacritics option for the trigram tokenizer (3.45 has), and folding in a
trigger would need a function of ours in SQL, which other programs writing the file lack. So
the folded text (text/search_query.py `fold`) of the sentences whose folded text differs from
their own (ASCII case aside) is kept in a trigram index of its own, filled in Python by the
search's catch-up (store/search_folds.py) up to `sentence_folds_state.upto`. A substring is
looked up, folded, in both trigram indexes. Triggers keep it in step: a deleted sentence's fold
goes (deleting the highest one lowers the mark, so that its id, given again, is folded); a
changed text drops the fold and queues the sentence to be folded again at the next catch-up.

`search_terms` lists the words of the word index (as its tokenizer cuts and folds them), added
by the same catch-up, so that a prefix (`russ*`) becomes the few words it stands for, OR'ed:
FTS5 reads those a hit at a time, where its own prefix query first merges every hit of every
such word (100 ms and more for "russ*" at a million sentences). A word whose last sentence
went stays listed; it finds nothing.
"""

FOLDS_SQL = """
CREATE VIRTUAL TABLE sentence_folds USING fts5(text, tokenize='trigram', detail='none', columnsize=0);
CREATE TABLE sentence_folds_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL
);
INSERT INTO sentence_folds_state (id, upto) VALUES (1, 0);
CREATE TABLE sentence_folds_pending (id INTEGER PRIMARY KEY);
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER sentences_folds_delete AFTER DELETE ON sentences
WHEN old.id <= (SELECT upto FROM sentence_folds_state) BEGIN
    DELETE FROM sentence_folds WHERE rowid = old.id;
    DELETE FROM sentence_folds_pending WHERE id = old.id;
    UPDATE sentence_folds_state SET upto = (SELECT coalesce(max(id), 0) FROM sentences) WHERE upto = old.id;
END;
CREATE TRIGGER sentences_folds_update AFTER UPDATE OF text ON sentences
WHEN old.id <= (SELECT upto FROM sentence_folds_state) BEGIN
    DELETE FROM sentence_folds WHERE rowid = old.id;
    INSERT OR IGNORE INTO sentence_folds_pending (id) VALUES (old.id);
END
"""
