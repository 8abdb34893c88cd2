"""Migration 19's SQL (migrations.py lists it in its place; that file is at its size limit).

A relation's head and tail may each be a span (PARC-style attribution: a content span
`attributes-to` a source span). The sentence ids stay (the span's sentence), so everything that
reads relations by sentence still works; `head_span_id` / `tail_span_id` name the spans, NULL for
a whole sentence. A span's relations go with it (ON DELETE CASCADE), and follow it when a split
or merge of sentences moves it (the trigger). Unique per ends, type and annotator (NULL counts as
one value there: the index uses coalesce). Two spans of one sentence may be related; a sentence
still cannot be related to itself. SQLite cannot change a table's constraints, so the table is
built again with the same ids."""

SPAN_RELATIONS_SQL = """
CREATE TABLE relations_19 (
    id INTEGER PRIMARY KEY,
    head_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    tail_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    created_at TEXT NOT NULL,
    head_span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE,
    tail_span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE,
    CHECK (head_id <> tail_id OR (head_span_id IS NOT NULL AND tail_span_id IS NOT NULL
                                  AND head_span_id <> tail_span_id))
);
INSERT INTO relations_19 (id, head_id, tail_id, type, annotator_id, created_at)
    SELECT id, head_id, tail_id, type, annotator_id, created_at FROM relations;
DROP TABLE relations;
ALTER TABLE relations_19 RENAME TO relations;
CREATE UNIQUE INDEX relations_once ON relations(head_id, tail_id, type, annotator_id, coalesce(head_span_id, 0),
                                                coalesce(tail_span_id, 0));
CREATE INDEX relations_by_tail ON relations(tail_id);
CREATE INDEX relations_by_head_span ON relations(head_span_id) WHERE head_span_id IS NOT NULL;
CREATE INDEX relations_by_tail_span ON relations(tail_span_id) WHERE tail_span_id IS NOT NULL;
CREATE TRIGGER relations_follow_spans AFTER UPDATE OF sentence_id ON spans BEGIN
    UPDATE OR IGNORE relations SET head_id = new.sentence_id WHERE head_span_id = new.id;
    UPDATE OR IGNORE relations SET tail_id = new.sentence_id WHERE tail_span_id = new.id;
END
"""
