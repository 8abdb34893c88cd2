"""Migration 17's SQL (migrations.py is at its length limit): label groups.

Each group asks one kind of question: `multi` (any of its labels: today's labels, which all
join group 1), `exclusive` (one of its options), `ordinal` (a rating 1..k), `yesno`, `text`
(free text); about a sentence or about the whole document (`level`). The labels of a multi
group stay in `labels`/`annotations`; the other kinds' answers are `group_values`, one per
annotator and sentence (or document). `options` is a JSON list: an exclusive group's values
in key order, an ordinal group's "1".."k", yes/no's "yes", "no". `key` is the letter that
opens the group in the view. (labels.group_id has no REFERENCES: an added column with one must
default to NULL, and every label is in group 1, which cannot be removed.) A flag for discussion ("not sure, let us talk") is each
annotator's own on a sentence, apart from the judgement ('no label applies' is a judgement).
"""

LABEL_GROUPS = """
CREATE TABLE label_groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('multi', 'exclusive', 'ordinal', 'yesno', 'text')),
    level TEXT NOT NULL DEFAULT 'sentence' CHECK (level IN ('sentence', 'document')),
    options TEXT NOT NULL DEFAULT '[]',
    key TEXT UNIQUE,
    position INTEGER NOT NULL
);
INSERT INTO label_groups (id, name, kind, level, position) VALUES (1, 'labels', 'multi', 'sentence', 0);
ALTER TABLE labels ADD COLUMN group_id INTEGER NOT NULL DEFAULT 1;
CREATE TABLE group_values (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES label_groups(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    value TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((sentence_id IS NULL) <> (document_id IS NULL))
);
CREATE UNIQUE INDEX group_values_of_sentences ON group_values(sentence_id, group_id, annotator_id)
    WHERE sentence_id IS NOT NULL;
CREATE UNIQUE INDEX group_values_of_documents ON group_values(document_id, group_id, annotator_id)
    WHERE document_id IS NOT NULL;
CREATE TABLE discussion_flags (
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (sentence_id, annotator_id)
)
"""
