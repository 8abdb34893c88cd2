"""Numbered schema migrations; `PRAGMA user_version` holds the number of the last one applied.

Append new migrations at the end; never edit one that has shipped. The store applies them,
each in its own transaction, after backing up a file that already held a project.
"""

from __future__ import annotations
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core schema: groups, documents, paragraphs, sentences, labels, annotations, links", """
CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    pivot_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    source_path TEXT,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    encoding TEXT,
    lang TEXT NOT NULL,
    lang_source TEXT NOT NULL,
    external_id TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX documents_by_group ON documents(group_id, position);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    lang TEXT NOT NULL,
    lang_source TEXT NOT NULL CHECK (lang_source IN ('detected', 'script', 'inherited', 'given', 'manual')),
    boilerplate_reason TEXT,
    UNIQUE (document_id, idx)
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    boilerplate INTEGER NOT NULL DEFAULT 0 CHECK (boilerplate IN (0, 1)),
    boilerplate_reason TEXT,
    UNIQUE (document_id, idx)
);
CREATE INDEX sentences_by_paragraph ON sentences(paragraph_id);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    key TEXT UNIQUE,
    color TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);
CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    created_at TEXT NOT NULL,
    note TEXT,
    UNIQUE (sentence_id, label_id, annotator_id)
);
CREATE INDEX annotations_by_sentence ON annotations(sentence_id);
-- A link joins a set of pivot-document sentences to a set of another document's sentences.
CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    pivot_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    other_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    score REAL,
    origin TEXT NOT NULL CHECK (origin IN ('machine', 'manual')),
    created_at TEXT NOT NULL,
    CHECK (pivot_document_id <> other_document_id)
);
CREATE INDEX links_by_documents ON links(pivot_document_id, other_document_id);
CREATE TABLE link_sentences (
    link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('pivot', 'other')),
    PRIMARY KEY (link_id, sentence_id)
);
CREATE INDEX link_sentences_by_sentence ON link_sentences(sentence_id);
"""),
    Migration(2, "project settings and the sentence-embedding cache for the aligner", """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE embeddings (
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (sentence_id, model)
);
"""),
)

MIGRATIONS += (
    Migration(3, "covering indexes for laying a group out side by side", """
DROP INDEX links_by_documents;
CREATE INDEX links_by_documents ON links(pivot_document_id, other_document_id, origin, score);
CREATE INDEX link_sentences_by_link_side ON link_sentences(link_id, side, sentence_id);
"""),
    Migration(4, "judgements: which sentences each annotator has looked at (labels or 'no label applies')", """
CREATE TABLE judgements (
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (sentence_id, annotator_id)
);
INSERT OR IGNORE INTO judgements (sentence_id, annotator_id, created_at)
    SELECT sentence_id, annotator_id, min(created_at) FROM annotations GROUP BY sentence_id, annotator_id;
"""),
    Migration(5, "the gold layer: adjudicated label sets", """
CREATE TABLE gold (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    labels TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('majority', 'manual')),
    created_at TEXT NOT NULL
);
"""),
)

MIGRATIONS += (
    # Links were a star around the pivot document; now any two documents of a group may be
    # linked (German to French directly, not only through the English pivot). The columns are
    # renamed to say so; every link keeps its id, score, origin and time.
    Migration(6, "links between any two documents of a group: source and target instead of pivot and other", """
CREATE TABLE links_v6 (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    source_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    target_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    score REAL,
    origin TEXT NOT NULL CHECK (origin IN ('machine', 'manual')),
    created_at TEXT NOT NULL,
    CHECK (source_document_id <> target_document_id)
);
INSERT INTO links_v6 (id, group_id, source_document_id, target_document_id, score, origin, created_at)
    SELECT id, group_id, pivot_document_id, other_document_id, score, origin, created_at FROM links;
CREATE TABLE link_sentences_v6 (
    link_id INTEGER NOT NULL REFERENCES links_v6(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('source', 'target')),
    PRIMARY KEY (link_id, sentence_id)
);
INSERT INTO link_sentences_v6 (link_id, sentence_id, side)
    SELECT link_id, sentence_id, CASE side WHEN 'pivot' THEN 'source' ELSE 'target' END FROM link_sentences;
DROP TABLE link_sentences;
DROP TABLE links;
ALTER TABLE links_v6 RENAME TO links;
ALTER TABLE link_sentences_v6 RENAME TO link_sentences;
CREATE INDEX links_by_documents ON links(source_document_id, target_document_id, origin, score);
CREATE INDEX links_by_group ON links(group_id, origin);
CREATE INDEX link_sentences_by_sentence ON link_sentences(sentence_id);
CREATE INDEX link_sentences_by_link_side ON link_sentences(link_id, side, sentence_id)
"""),
)

MIGRATIONS += (
    # A reviewer confirms that a sentence's row of the side-by-side view is right: re-alignment
    # keeps the links among confirmed sentences and links a confirmed sentence to nothing new.
    # A sentence judged "no label applies" can carry its judge's note (a label's note stays on
    # the label).
    Migration(7, "alignment confirmations per sentence; a note on a judgement", """
CREATE TABLE confirmations (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    created_at TEXT NOT NULL
);
ALTER TABLE judgements ADD COLUMN note TEXT
"""),
)

MIGRATIONS += (
    # Work packages for a team (`annotator assign`): the plan of who labels which group, which
    # groups are shared, and the package files written for it, kept in the source project and
    # in every package (each holds the plan's revisions up to its own); `package` names the
    # package a file is (one row, in a package only), `plan_returns` the packages merged into
    # a project. Groups are named, not numbered: ids differ from file to file.
    Migration(8, "work packages: the team plan, its packages, and the packages merged back", """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    seed INTEGER NOT NULL,
    overlap REAL NOT NULL,
    copies INTEGER NOT NULL,
    labels TEXT NOT NULL,
    carried TEXT NOT NULL DEFAULT '[]',
    annotators TEXT NOT NULL,
    UNIQUE (uid, revision)
);
CREATE TABLE plan_groups (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    group_name TEXT NOT NULL,
    annotator TEXT NOT NULL,
    shared INTEGER NOT NULL CHECK (shared IN (0, 1)),
    sentences INTEGER NOT NULL,
    PRIMARY KEY (plan_id, group_name, annotator)
);
CREATE TABLE plan_packages (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    annotator TEXT NOT NULL,
    file TEXT NOT NULL,
    groups INTEGER NOT NULL,
    PRIMARY KEY (plan_id, annotator)
);
CREATE TABLE package (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    annotator TEXT NOT NULL
);
CREATE TABLE plan_returns (
    uid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    annotator TEXT NOT NULL,
    file TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    PRIMARY KEY (uid, revision, annotator)
)
"""),
)
# (There is no 9: the number was reserved for work that landed as 11. A project's version is
# the last migration applied; the runner applies every later one, in order.)
MIGRATIONS += (
    # The side-by-side layout of a large group is kept, so that opening it again reads one blob
    # instead of every link and sentence. The store's writers bump the group's layout version
    # on every change a layout depends on (store/layouts.py); a kept layout of another version
    # is never used. (Triggers did it first, per row: imports and alignments took 2-3 times as
    # long.) The index on sentences' languages lists a group's languages without reading them.
    Migration(10, "a kept side-by-side layout per group, the group's layout version, sentences by language", """
ALTER TABLE groups ADD COLUMN layout_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sentences_by_language ON sentences(document_id, lang);
CREATE TABLE layouts (
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    include_boilerplate INTEGER NOT NULL CHECK (include_boilerplate IN (0, 1)),
    version INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (group_id, include_boilerplate)
)
"""),
)
MIGRATIONS += (
    # A model trained on the project's own labels suggests labels with a probability; a
    # suggestion is never an annotation, and one a person accepts becomes an annotation with
    # origin 'model' (origin 'person': made from scratch), so exports and agreement can tell them apart.
    Migration(11, "where an annotation came from (a person, or an accepted model suggestion); the model's suggestions", """
ALTER TABLE annotations ADD COLUMN origin TEXT NOT NULL DEFAULT 'person' CHECK (origin IN ('person', 'model'));
CREATE TABLE suggestions (
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    probability REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
    created_at TEXT NOT NULL,
    PRIMARY KEY (sentence_id, label_id)
) WITHOUT ROWID;
CREATE INDEX suggestions_by_label ON suggestions(label_id, probability)
"""),
)

MIGRATIONS += (
    # A machine link a person removed (unlink) is remembered, pair of sentences by pair, so that
    # no re-alignment proposes it again. A pair is kept once, its smaller sentence id first.
    Migration(12, "rejected links: sentence pairs a person unlinked, never proposed again by the aligner", """
CREATE TABLE rejected_links (
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    other_sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    score REAL,
    annotator_id INTEGER REFERENCES annotators(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (sentence_id, other_sentence_id),
    CHECK (sentence_id < other_sentence_id)
) WITHOUT ROWID;
CREATE INDEX rejected_links_by_other ON rejected_links(other_sentence_id)
"""),
)

MIGRATIONS += (
    # Project-wide search (store/search.py). Two FTS5 indexes over the sentences' text, both with
    # the sentences table as their content (no second copy of the text): words, case and
    # diacritics folded ("Sao Paulo" finds "São Paulo"), and trigrams, for substrings and for
    # scripts written without spaces (Chinese, Japanese, Thai). The indexes hold the sentences up
    # to `search_indexed.upto`; a search first adds the newer ones in one statement. No trigger
    # runs on insert: indexing every new sentence made imports three times as slow (FTS5 writes
    # a segment at each of the import's savepoints), and even a trigger that only compared ids
    # cost a fifth of the import. A new sentence gets an id above every other, so above `upto`;
    # deleting the highest one lowers `upto`, so that its id, given again, is not taken as
    # indexed; the one writer that inserts a sentence under an old id (undoing a merge) indexes
    # it itself. Triggers keep the indexed sentences in step on delete (cascades too) and on a
    # changed text; an update that leaves the text alone (language, boilerplate) does not
    # touch the indexes.
    Migration(13, "project-wide search: word and trigram full-text indexes of the sentences", """
CREATE VIRTUAL TABLE sentence_words USING fts5(
    text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2',
    columnsize=0);
CREATE VIRTUAL TABLE sentence_trigrams USING fts5(
    text, content='sentences', content_rowid='id', tokenize='trigram', detail='none', columnsize=0);
CREATE TABLE search_indexed (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL
);
INSERT INTO search_indexed (id, upto) VALUES (1, 0);
CREATE TRIGGER sentences_search_delete AFTER DELETE ON sentences
WHEN old.id <= (SELECT upto FROM search_indexed) BEGIN
    INSERT INTO sentence_words (sentence_words, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentence_trigrams (sentence_trigrams, rowid, text) VALUES ('delete', old.id, old.text);
    UPDATE search_indexed SET upto = (SELECT coalesce(max(id), 0) FROM sentences) WHERE upto = old.id;
END;
CREATE TRIGGER sentences_search_update AFTER UPDATE OF text ON sentences
WHEN old.id <= (SELECT upto FROM search_indexed) BEGIN
    INSERT INTO sentence_words (sentence_words, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentence_trigrams (sentence_trigrams, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentence_words (rowid, text) VALUES (new.id, new.text);
    INSERT INTO sentence_trigrams (rowid, text) VALUES (new.id, new.text);
END
"""),
)
MIGRATIONS += (
    # History: one row per change a person or command made, never updated or deleted. The id is
    # random (128 bits), so that events made on two machines (work packages) never collide and a
    # merge takes each once. `sentence_id` names the sentence it touched (none: a scheme edit);
    # `before` and `after` are JSON; `seconds` is the time on item of a judgement made in the app
    # (from the cursor reaching the sentence). (13 is the search index's number.)
    Migration(14, "history: an append-only log of every change, with who, when, origin, before and after", """
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    origin TEXT NOT NULL,
    kind TEXT NOT NULL,
    sentence_id INTEGER,
    subject TEXT,
    before TEXT,
    after TEXT,
    seconds REAL
);
CREATE INDEX events_by_sentence ON events(sentence_id);
CREATE INDEX events_by_time ON events(at);
CREATE TRIGGER events_never_change BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_never_go BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
"""),
)
MIGRATIONS += (
    # "this correction corrects that claim", in one group; types in core/model.py; per annotator
    Migration(15, "typed relations between sentences of a group (corrects, attributes-to, contradicts, repeats)", """
CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    head_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    tail_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    created_at TEXT NOT NULL,
    UNIQUE (head_id, tail_id, type, annotator_id),
    CHECK (head_id <> tail_id)
);
CREATE INDEX relations_by_tail ON relations(tail_id)
"""),
)
from annotator.core.store.migration_codes import VECTOR_CODES_SQL as _18  # noqa: E402 (16-: SQL there, for length)
from annotator.core.store.migration_groups import LABEL_GROUPS as _17  # noqa: E402
from annotator.core.store.migration_spans import SPANS_SQL as _16  # noqa: E402
from annotator.core.store.migration_span_relations import SPAN_RELATIONS_SQL as _19  # noqa: E402
from annotator.core.store.migration_folds import FOLDS_SQL as _20  # noqa: E402
from annotator.core.store.migration_code_levels import CODE_LEVELS_SQL as _21  # noqa: E402
MIGRATIONS += (Migration(16, "spans inside a sentence (source, cue, content) and their labels", _16), Migration(
    17, "label groups of a kind (multi, exclusive, ordinal, yes/no, text), their values; flags for discussion", _17),
    Migration(18, "a compact copy of the sentence vectors (sign bits, in blocks) for more like this", _18), Migration(
        19, "a relation's head or tail may be a span (content attributes-to source)", _19),
    Migration(20, "substrings that ignore diacritics: a trigram index of the sentences' folded texts", _20),
    Migration(21, "the compact copy of the vectors holds two bits per dimension (sign, larger half)", _21))
LATEST_VERSION = MIGRATIONS[-1].version
