"""Migration 16's SQL (migrations.py lists it in its place; that file is at its size limit).

Spans inside a sentence: `start` and `end` count code points of the sentence's text; `label`
names a span label (source, cue, content by default, editable); each annotator's own, as
labels are, so a merge of two annotators keeps both and agreement can be counted."""

SPANS_SQL = """
CREATE TABLE span_labels (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    key TEXT,
    color TEXT NOT NULL,
    position INTEGER NOT NULL
);
INSERT INTO span_labels (name, key, color, position) VALUES
    ('source', '1', '#9467bd', 1), ('cue', '2', '#ff7f0e', 2), ('content', '3', '#17becf', 3);
CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    label TEXT NOT NULL,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    created_at TEXT NOT NULL,
    UNIQUE (sentence_id, start, end, label, annotator_id),
    CHECK (0 <= start AND start < end)
)
"""
