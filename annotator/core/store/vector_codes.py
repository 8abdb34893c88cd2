"""A compact copy of the aligner's cached sentence vectors (migration 18), for "more like this"
at a million sentences: one sign bit per dimension, so a 512-d float32 vector (2 KB) becomes
64 bytes and a million of them 64 MB, read in blocks of up to 8192 sentences (a few hundred
large blobs instead of a million rows). core/align/similar.py scans the copy and re-ranks its
best candidates by their exact vectors.

The copy is written with the vectors (`Embeddings.put` calls `catch_up` in its transaction) and
caught up by the first reader of a file that holds vectors without codes (an older file, a work
package). Each block is stored word-major (the code's 64-bit words, then the next word of every
sentence), so the blocks concatenate into the (words, sentences) matrix the scan reads.
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
    """Sign bits of float32 rows as (64-bit words, rows) uint64, padded with zero bits."""
    rows, width = vectors.shape
    words = -(-width // 64)
    bits = np.zeros((rows, words * 64), dtype=bool)
    bits[:, :width] = vectors > 0
    packed = np.packbits(bits, axis=1, bitorder="little").view(np.uint64)  # (rows, words)
    return np.ascontiguousarray(packed.T)


def _block(size: int, sentence_ids: bytes, codes: bytes) -> tuple[np.ndarray, np.ndarray]:
    ids = np.frombuffer(sentence_ids, dtype=np.int64)
    words = np.frombuffer(codes, dtype=np.uint64).reshape(-1, size) if size else np.zeros((0, 0), np.uint64)
    return ids, words


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

    def read(self, model: str) -> tuple[np.ndarray, np.ndarray]:
        """(sentence ids, codes as (words, sentences) uint64) of every vector of `model`; a
        sentence whose vector was replaced may come twice (its old code too), a deleted vector's
        code may remain: the caller re-ranks by the vectors themselves. A read-only project's
        vectors not yet in the copy are encoded here and not kept."""
        self.catch_up(model)
        id_parts, word_parts = [], []
        for size, sentence_ids, codes in self.db.conn.execute(
                "SELECT size, sentence_ids, codes FROM vector_codes WHERE model = ? ORDER BY block", [model]):
            ids, words = _block(size, sentence_ids, codes)
            id_parts.append(ids)
            word_parts.append(words)
        if self._store.readonly:
            state = self.db.execute("SELECT upto FROM vector_codes_state WHERE model = ?", [model]).fetchone()
            for ids, words in self._encoded_after(model, state[0] if state else 0):
                id_parts.append(ids)
                word_parts.append(words)
        kept = [(i, w) for i, w in zip(id_parts, word_parts) if w.size]
        if kept:  # (blocks of another width, were there any, are left out)
            kept = [(i, w) for i, w in kept if w.shape[0] == kept[-1][1].shape[0]]
        if not kept:
            return np.zeros(0, np.int64), np.zeros((0, 0), np.uint64)
        return np.concatenate([i for i, _ in kept]), np.concatenate([w for _, w in kept], axis=1)

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
