"""Migration 18's SQL.

"More like this" at a million sentences: a compact copy of the aligner's cached vectors,
one sign bit per dimension (64 bytes for 512 float32 = 2 KB), in blocks of up to 8192
sentences read as large blobs; the exact vectors re-rank the best candidates
(core/align/similar.py). `vector_codes_state.upto` is the embeddings rowid encoded up to
(store/vector_codes.py). A deleted vector's code stays behind until the copy is rebuilt
(`dropped` counts them); when the highest encoded row goes, `upto` is lowered so that its
rowid, given again, is encoded.
"""

VECTOR_CODES_SQL = """
CREATE TABLE vector_codes (
    model TEXT NOT NULL,
    block INTEGER NOT NULL,
    size INTEGER NOT NULL,
    sentence_ids BLOB NOT NULL,
    codes BLOB NOT NULL,
    PRIMARY KEY (model, block)
);
CREATE TABLE vector_codes_state (
    model TEXT PRIMARY KEY,
    upto INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    dropped INTEGER NOT NULL
);
CREATE TRIGGER embeddings_codes_drop AFTER DELETE ON embeddings BEGIN
    UPDATE vector_codes_state SET dropped = dropped + 1,
        upto = CASE WHEN upto = old.rowid THEN upto - 1 ELSE upto END
    WHERE model = old.model AND old.rowid <= upto;
END
"""
