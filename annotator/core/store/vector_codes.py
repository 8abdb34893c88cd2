"""A compact copy of the aligner's cached sentence vectors (migrations 18 and 21), for "more like
this" at a million sentences: two bits per dimension, so a 512-d float32 vector (2 KB) becomes
128 bytes and a million of them 128 MB, read in blocks of up to 8192 sentences (a few hundred
large blobs instead of a million rows). core/align/similar.py scans the copy and re-ranks its
best candidates by their exact vectors.

The two bits stand for four levels of a coordinate, -r, -1, +1, +r (r = similar.LEVEL): its sign, and
whether it is in the larger half of the vector's coordinates by size (the median split). The
code stores them as two bit planes, the sign S and L = "sign and size agree" (S xnor large), so
that a level is -r + (r - 1) L + (r + 1) S: a linear function of the bits, and the scan's dot
product is two bit-plane dot products. Against one sign bit, the second bit cuts the candidates
the re-rank needs for recall@10 0.99 on a million random 512-d vectors (the hard case: their
nearest are hardly nearer than the rest) from 20,000 to 1,000 (40 queries; 2,000 give 0.9975).

The copy is written with the vectors (`Embeddings.put` calls `catch_up` in its transaction) and
caught up by the first reader of a file that holds vectors without codes (an older file, a work
package). Each block is stored word-major (the code's 64-bit words, then the next word of every
sentence: first the sign plane's words, then the level plane's), so the blocks concatenate into
the (words, sentences) matrix the scan reads.
"""

from __future__ import annotations

import numpy as np

from annotator.core.store.domain import Domain

BLOCK = 8192
READ_ROWS = 1024
# Small blocks (one per `put`, which the aligner makes per group) are merged into full ones when
# this many have gathered; a copy with more dropped codes than a quarter of its rows is rebuilt.
SMALL_BLOCKS = 32
REBUILD_SHARE = 0.25


def encode(vectors: np.ndarray) -> np.ndarray:
    """Two bit planes of float32 rows (sign; sign and size agree) as (2 x 64-bit words, rows)
    uint64, each plane padded with zero bits."""
    rows, width = vectors.shape
    words = -(-width // 64)
    size = np.abs(vectors)
    median = np.partition(size, width // 2, axis=1)[:, width // 2:width // 2 + 1]
    positive = vectors > 0
    bits = np.zeros((rows, 2, words * 64), dtype=bool)
    bits[:, 0, :width] = positive
    bits[:, 1, :width] = positive == (size > median)
    packed = np.packbits(bits, axis=2, bitorder="little").view(np.uint64)  # (rows, 2, words)
    return np.ascontiguousarray(packed.reshape(rows, 2 * words).T)


def _block(size: int, sentence_ids: bytes, codes: bytes) -> tuple[np.ndarray, np.ndarray]:
    ids = np.frombuffer(sentence_ids, dtype=np.int64)
    words = np.frombuffer(codes, dtype=np.uint64).reshape(-1, size) if size else np.zeros((0, 0), np.uint64)
    return ids, words


def _blob(conn, rowid: int, column: str) -> bytes:
    with conn.blobopen("vector_codes", column, rowid, readonly=True) as blob:
        return blob.read()


class VectorCodes(Domain):
    def version(self, model: str) -> tuple:
        """Changes whenever the copy of `model` or the vectors it copies change."""
        state = self.db.execute("SELECT upto, rows, dropped FROM vector_codes_state WHERE model = ?",
                                [model]).fetchone()
        last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM embeddings").fetchone()[0]
        return (tuple(state) if state else None), last

    def catch_up(self, model: str) -> int:
        """Encode the vectors of `model` stored since the last call, in one transaction (a copy
        with too many dropped codes is rebuilt); how many. Not on a read-only project."""
        if self._store.readonly:
            return 0
        with self.transaction():
            state = self.db.execute("SELECT upto, rows, dropped FROM vector_codes_state WHERE model = ?",
                                    [model]).fetchone()
            upto, rows, dropped = state if state else (0, 0, 0)
            if dropped and dropped > REBUILD_SHARE * rows:
                self.db.execute("DELETE FROM vector_codes WHERE model = ?", [model])
                upto = rows = dropped = 0
            last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM embeddings").fetchone()[0]
            if state and last <= upto:
                return 0
            block = self.db.execute("SELECT coalesce(max(block), 0) FROM vector_codes WHERE model = ?",
                                    [model]).fetchone()[0]
            added = 0
            for ids, words in self._encoded_after(model, upto):
                block += 1
                self.db.execute("INSERT INTO vector_codes VALUES (?, ?, ?, ?, ?)",
                                [model, block, len(ids), ids.tobytes(), words.tobytes()])
                added += len(ids)
            self.db.execute("INSERT OR REPLACE INTO vector_codes_state VALUES (?, ?, ?, ?)",
                            [model, last, rows + added, dropped])
            self._merge_small_blocks(model)
            return added

    def read(self, model: str) -> tuple[np.ndarray, list[np.ndarray]]:
        """(sentence ids, the codes block by block, each as (words, sentences) uint64) of every
        vector of `model`; a sentence whose vector was replaced may come twice (its old code
        too), a deleted vector's code may remain: the caller re-ranks by the vectors themselves.
        A read-only project's vectors not yet in the copy are encoded here and not kept.

        The blobs are read by SQLite's incremental blob I/O, straight into the bytes the blocks
        are views of: a plain SELECT of them costs three times the CPU (SQLite assembles each
        blob in a buffer of its own first), and joining the blocks into one matrix as much
        again (fresh memory), so they are scanned block by block."""
        self.catch_up(model)
        conn = self.db.conn
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")  # one snapshot for the list of blocks and their blobs
        try:
            parts = [_block(size, _blob(conn, rowid, "sentence_ids"), _blob(conn, rowid, "codes"))
                     for rowid, size in conn.execute("SELECT rowid, size FROM vector_codes WHERE model = ?"
                                                     " ORDER BY block", [model]).fetchall()]
            if self._store.readonly:
                state = conn.execute("SELECT upto FROM vector_codes_state WHERE model = ?", [model]).fetchone()
                parts += self._encoded_after(model, state[0] if state else 0)
        finally:
            if own:
                conn.execute("COMMIT")
        parts = [(i, w) for i, w in parts if w.size]
        if parts:  # (blocks of another width, were there any, are left out)
            parts = [(i, w) for i, w in parts if w.shape[0] == parts[-1][1].shape[0]]
        if not parts:
            return np.zeros(0, np.int64), []
        return np.concatenate([i for i, _ in parts]), [w for _, w in parts]

    def _encoded_after(self, model: str, upto: int):
        """(ids, codes) of the vectors of `model` above embeddings rowid `upto`, a block at a time."""
        cursor = self.db.conn.execute("SELECT sentence_id, vector FROM embeddings WHERE rowid > ? AND model = ?"
                                      " ORDER BY rowid", [upto, model])
        width = None
        while True:
            # a block's rows are read READ_ROWS at a time: BLOCK vectors of 2 KB are 16 MB, their codes 512 KB
            id_parts, code_parts, fetched = [], [], 0
            while fetched < BLOCK and (rows := cursor.fetchmany(min(READ_ROWS, BLOCK - fetched))):
                fetched += len(rows)
                # a model's vectors share one width; anything else (not float32 rows) is never encoded
                width = width or next((len(v) // 4 for _, v in rows
                                       if isinstance(v, bytes) and len(v) % 4 == 0 and v), None)
                rows = [(i, v) for i, v in rows if isinstance(v, bytes) and width and len(v) == 4 * width]
                if rows:
                    vectors = np.frombuffer(b"".join(v for _, v in rows), dtype=np.float32).reshape(len(rows), width)
                    id_parts.append(np.asarray([i for i, _ in rows], dtype=np.int64))
                    code_parts.append(encode(vectors))
            if id_parts:
                yield np.concatenate(id_parts), np.concatenate(code_parts, axis=1)
            if fetched < BLOCK:
                return

    def _merge_small_blocks(self, model: str) -> None:
        small = self.db.execute("SELECT block, size, sentence_ids, codes FROM vector_codes WHERE model = ?"
                                " AND size < ? ORDER BY block", [model, BLOCK]).fetchall()
        if len(small) < SMALL_BLOCKS:
            return
        parts = [_block(size, ids, codes) for _, size, ids, codes in small]
        ids = np.concatenate([p[0] for p in parts])
        words = np.concatenate([p[1] for p in parts], axis=1)
        self.db.execute(f"DELETE FROM vector_codes WHERE model = ? AND block IN ({','.join('?' * len(small))})",
                        [model, *(row[0] for row in small)])
        block = self.db.execute("SELECT coalesce(max(block), 0) FROM vector_codes WHERE model = ?",
                                [model]).fetchone()[0]
        for start in range(0, len(ids), BLOCK):
            block += 1
            chunk = ids[start:start + BLOCK]
            self.db.execute("INSERT INTO vector_codes VALUES (?, ?, ?, ?, ?)",
                            [model, block, len(chunk), chunk.tobytes(),
                             np.ascontiguousarray(words[:, start:start + BLOCK]).tobytes()])
