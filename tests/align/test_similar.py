"""More like this from the compact copy of the vectors (store/vector_codes.py, migrations 18 and
21): the copy is written with the vectors and kept in step, its scan keeps the exact scan's top
10 (random and real vectors), and a read-only project or an older file is still answered right."""

from __future__ import annotations

import shutil
import sqlite3

import numpy as np
import pytest

from annotator.core.align import similar
from annotator.core.align.embeddings import model_name
from annotator.core.align.group import align_group
from annotator.core.store import Store
from annotator.core.store import vector_codes
from annotator.core.text.importer import analyze_files
from tests.benchmarks.corpus import write_corpus


@pytest.fixture(scope="module")
def _template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("similar")
    path = folder / "template.sqlite"
    with Store.open(path) as store:
        store.documents.import_documents(analyze_files(write_corpus(folder / "corpus", 300_000), group="bench"))
    return path


@pytest.fixture
def project(_template, tmp_path):
    path = tmp_path / "project.sqlite"
    shutil.copyfile(_template, path)
    return path


def unit(rows: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((rows, 512)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def put(store: Store, ids, vectors) -> None:
    texts = dict(store.db.execute("SELECT id, text FROM sentences"))
    store.embeddings.put(model_name(), [(int(i), texts[int(i)], v.tobytes()) for i, v in zip(ids, vectors)])


def exact(store: Store, sentence_id: int, limit: int) -> list[int]:
    rows = store.db.execute("SELECT sentence_id, vector FROM embeddings WHERE model = ?", [model_name()]).fetchall()
    ids = np.array([r[0] for r in rows])
    matrix = np.frombuffer(b"".join(r[1] for r in rows), np.float32).reshape(len(rows), -1)
    scores = matrix @ matrix[list(ids).index(sentence_id)]
    order = [int(ids[i]) for i in np.argsort(-scores, kind="stable") if ids[i] != sentence_id]
    return order[:limit]


def recall_at_10(vectors: np.ndarray, queries: range, wanted: int | None = None) -> float:
    """The share of the exact top 10 the compact scan's candidates hold, as nearest() uses them
    (or its best `wanted`)."""
    words = vector_codes.encode(vectors)
    counts = similar.population(words)
    wanted = wanted or similar.candidate_count(len(vectors), 20)
    found = []
    for q in queries:
        truth = vectors @ vectors[q]
        truth[q] = -np.inf
        top = set(np.argpartition(-truth, 10)[:10])
        scores = similar.approximate_scores(words, counts, vectors[q])
        scores[q] = -np.inf
        found.append(len(top & set(np.argpartition(-scores, wanted)[:wanted])) / 10)
    return float(np.mean(found))


def test_storing_vectors_writes_their_compact_copy_in_blocks(project, monkeypatch):
    monkeypatch.setattr(vector_codes, "SMALL_BLOCKS", 4)
    with Store.open(project) as store:
        ids = [row[0] for row in store.db.execute("SELECT id FROM sentences ORDER BY id")]
        vectors = unit(len(ids), 0)
        for start in range(0, 100, 20):  # five small puts (the aligner's, one group at a time)
            put(store, ids[start:start + 20], vectors[start:start + 20])
        put(store, ids[100:], vectors[100:])
    with sqlite3.connect(project) as db:
        blocks = db.execute("SELECT size, sentence_ids, codes FROM vector_codes ORDER BY block").fetchall()
        assert db.execute("SELECT upto, rows, dropped FROM vector_codes_state").fetchone() == (
            db.execute("SELECT max(rowid) FROM embeddings").fetchone()[0], len(ids), 0)
    assert len(blocks) < 5  # the small blocks were merged
    stored = np.concatenate([np.frombuffer(b[1], np.int64) for b in blocks])
    words = np.concatenate([np.frombuffer(b[2], np.uint64).reshape(-1, b[0]) for b in blocks], axis=1)
    assert sorted(stored) == ids
    order = np.argsort(stored)
    assert words.shape[0] == 16  # two planes of 8 words
    bits = np.unpackbits(np.ascontiguousarray(words.T[order]).view(np.uint8), axis=1, bitorder="little")
    sign, agree = bits[:, :512].astype(bool), bits[:, 512:].astype(bool)
    assert (sign == (vectors > 0)).all()
    larger = np.abs(vectors) > np.sort(np.abs(vectors), axis=1)[:, 256:257]  # the upper of the two middle ones
    assert (agree == (sign == larger)).all()
    assert agree.sum(axis=1).min() > 0 and (~agree).sum(axis=1).min() > 0


def test_codes_of_a_width_not_a_multiple_of_64_have_zero_padding_and_score_alike():
    vectors = unit(300, 5)[:, :100]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    words = vector_codes.encode(vectors)
    assert words.shape == (4, 300)
    bits = np.unpackbits(np.ascontiguousarray(words.T).view(np.uint8), axis=1, bitorder="little")
    assert not bits[:, 100:128].any() and not bits[:, 228:].any()
    levels = np.where(vectors > 0, 1.0, -1.0) * np.where(
        np.abs(vectors) > np.sort(np.abs(vectors), axis=1)[:, 50:51], similar.LEVEL, 1.0)
    scores = similar.approximate_scores(words, similar.population(words), vectors[0])
    assert np.corrcoef(scores, levels @ vectors[0])[0, 1] > 0.99  # the query's 4-bit rounding aside


def test_the_scan_keeps_the_exact_top_10_of_random_vectors():
    # random vectors are the hard case: their nearest are barely nearer than the rest
    assert recall_at_10(unit(40_000, 1), range(0, 40_000, 997)) >= 0.99


def test_the_second_bit_keeps_the_top_10_with_few_candidates():
    # 1% of the vectors as candidates: 0.995 measured (one sign bit per dimension kept 0.83)
    assert recall_at_10(unit(40_000, 1), range(0, 40_000, 997), wanted=400) >= 0.98


def test_more_like_this_on_the_aligners_vectors_is_the_exact_scans(demo_project, monkeypatch):
    monkeypatch.setattr(similar, "MIN_CANDIDATES", 8)  # candidates: 4 x the limit, a third of the seeds
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        ids = [row[0] for row in store.db.execute("SELECT sentence_id FROM embeddings ORDER BY sentence_id")]
        for sentence_id in ids:
            assert [i for i, _ in similar.nearest_in_project(store, sentence_id, 10)] == exact(store, sentence_id, 10)


def test_more_like_this_matches_the_exact_scan_with_few_candidates(project, monkeypatch):
    monkeypatch.setattr(similar, "MIN_CANDIDATES", 64)
    with Store.open(project) as store:
        ids = [row[0] for row in store.db.execute("SELECT id FROM sentences ORDER BY id")]
        vectors = unit(len(ids), 2)
        for k in range(1, 11):  # ten retellings of the first sentence, scattered through the project
            vectors[k * 150] = vectors[0] + 0.6 * k / 10 * unit(1, 100 + k)[0]
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        put(store, ids, vectors)
        for sentence_id in (ids[0], ids[150], ids[1500]):
            found = similar.nearest_in_project(store, sentence_id, 10)
            assert [i for i, _ in found] == exact(store, sentence_id, 10)
        assert [i for i, _ in similar.nearest_in_project(store, ids[0], 10)] == [ids[k * 150] for k in range(1, 11)]


def test_the_copy_follows_replaced_and_deleted_vectors(project, monkeypatch):
    monkeypatch.setattr(similar, "MIN_CANDIDATES", 64)
    with Store.open(project) as store:
        ids = [row[0] for row in store.db.execute("SELECT id FROM sentences ORDER BY id")]
        vectors = unit(len(ids), 3)
        put(store, ids, vectors)
        assert ids[500] not in [i for i, _ in similar.nearest_in_project(store, ids[0], 5)]
        put(store, [ids[500]], [vectors[0]])  # its vector replaced: now the first one's twin
        assert similar.nearest_in_project(store, ids[0], 1) == [(ids[500], pytest.approx(1.0))]
        store.corrections.set_language(ids[500], "fr")  # a language change drops the vector
        assert ids[500] not in [i for i, _ in similar.nearest_in_project(store, ids[0], 50)]
        assert store.db.execute("SELECT dropped FROM vector_codes_state").fetchone()[0] == 2
        gone = ids[1:len(ids) // 2]
        store.db.execute(f"DELETE FROM embeddings WHERE sentence_id IN ({','.join(map(str, gone))})")
        found = similar.nearest_in_project(store, ids[0], 10)
        assert not {i for i, _ in found} & set(gone) and [i for i, _ in found] == exact(store, ids[0], 10)
        live = store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
        assert store.db.execute("SELECT sum(size) FROM vector_codes").fetchone()[0] == live  # rebuilt
        assert store.db.execute("SELECT rows, dropped FROM vector_codes_state").fetchone() == (live, 0)


def test_a_file_without_the_copy_is_answered_and_caught_up(project):
    with Store.open(project) as store:
        ids = [row[0] for row in store.db.execute("SELECT id FROM sentences ORDER BY id")]
        put(store, ids, unit(len(ids), 4))
        expected = exact(store, ids[7], 10)
        store.db.execute("DELETE FROM vector_codes")  # as an older file or a work package has it
        store.db.execute("DELETE FROM vector_codes_state")
    with Store.open(project, readonly=True) as reader:  # encoded in memory, nothing written
        assert [i for i, _ in similar.nearest_in_project(reader, ids[7], 10)] == expected
    with sqlite3.connect(project) as db:
        assert db.execute("SELECT count(*) FROM vector_codes").fetchone()[0] == 0
    with Store.open(project) as store:
        assert [i for i, _ in similar.nearest_in_project(store, ids[7], 10)] == expected
    with sqlite3.connect(project) as db:
        assert db.execute("SELECT sum(size) FROM vector_codes").fetchone()[0] == len(ids)


def test_an_older_files_one_bit_codes_are_dropped_and_encoded_again(project):
    with Store.open(project) as store:
        ids = [row[0] for row in store.db.execute("SELECT id FROM sentences ORDER BY id")]
        put(store, ids, unit(len(ids), 6))
        expected = exact(store, ids[3], 10)
    with sqlite3.connect(project) as db:  # as migration 18 wrote it: the sign plane only
        for block, size, codes in db.execute("SELECT block, size, codes FROM vector_codes").fetchall():
            db.execute("UPDATE vector_codes SET codes = ? WHERE block = ?", [codes[:len(codes) // 2], block])
        db.execute("PRAGMA user_version = 20")
    with Store.open(project) as store:  # migration 21
        assert store.db.execute("SELECT count(*) FROM vector_codes").fetchone()[0] == 0
        assert [i for i, _ in similar.nearest_in_project(store, ids[3], 10)] == expected
        size, codes = store.db.execute("SELECT sum(size), sum(length(codes)) FROM vector_codes").fetchone()
        assert size == len(ids) and codes == 128 * len(ids)
    assert (project.parent / f"{project.name}.v20.bak").exists()  # the usual backup


def test_the_copy_is_the_same_when_the_vectors_are_read_a_piece_at_a_time(project, tmp_path, monkeypatch):
    """catch_up reads a block's vectors READ_ROWS at a time (16 MB a block was held at the
    aligner's peak); the blocks it writes are those of one read per block."""
    monkeypatch.setattr(vector_codes, "BLOCK", 64)
    second = tmp_path / "second.sqlite"
    shutil.copyfile(project, second)
    copies = []
    for path, read_rows in ((project, 64), (second, 5)):
        monkeypatch.setattr(vector_codes, "READ_ROWS", read_rows)
        with Store.open(path) as store:
            ids = [row[0] for row in store.db.execute("SELECT id FROM sentences ORDER BY id")][:300]
            with store.transaction():  # a foreign vector among them (not float32 of the width): never encoded
                store.db.execute("INSERT INTO embeddings (sentence_id, model, text_sha256, vector) VALUES (?, ?, ?, ?)",
                                 [ids[0], model_name(), "x", b"abc"])
            put(store, ids[1:], unit(len(ids) - 1, 3))
            copies.append(store.db.execute("SELECT block, size, sentence_ids, codes FROM vector_codes"
                                           " ORDER BY block").fetchall())
    assert len(copies[0]) == 5 and copies[0] == copies[1]


def test_a_long_text_s_vectors_are_written_a_part_at_a_time(project, monkeypatch):
    """Embeddings.put takes the aligner's generator of vectors PUT_STEP rows at a time: they
    are never all held at once (a second copy of every vector at the aligner's peak)."""
    from annotator.core.store import links

    monkeypatch.setattr(links, "PUT_STEP", 40)
    with Store.open(project) as store:
        texts = dict(store.db.execute("SELECT id, text FROM sentences ORDER BY id LIMIT 200"))
        vectors = unit(len(texts), 4)
        held = []

        def rows():
            for k, (sentence_id, text) in enumerate(texts.items()):
                written = store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
                held.append(k - written)  # taken from the generator and not written yet
                yield sentence_id, text, vectors[k].tobytes()

        store.embeddings.put(model_name(), rows())
        stored = dict(store.db.execute("SELECT sentence_id, vector FROM embeddings"))
    assert max(held) <= 40
    assert stored == {i: vectors[k].tobytes() for k, i in enumerate(texts)}
