"""Long pairs: progress while a long text is embedded and aligned; the encoder's bounded cache."""

from __future__ import annotations

import json

import numpy as np
import pytest

from annotator.core.align import dp, engine
from annotator.core.align.group import align_group
from annotator.core.session.importing import import_files
from annotator.core.store import Store
from tests.helpers.encoders import HashedEncoder


def test_the_encoder_survives_a_full_cache_and_stays_within_it():
    encoder = HashedEncoder(max_cache=4)
    first = encoder.encode(["alpha one", "beta two", "gamma three"])
    # two new texts overflow the cache while "alpha one" is served from it (the old code
    # emptied the cache here and then looked "alpha one" up: KeyError)
    again = encoder.encode(["alpha one", "delta four", "epsilon five", "alpha one"])
    assert np.array_equal(again[0], first[0]) and np.array_equal(again[3], first[0])
    assert np.array_equal(again[1], HashedEncoder().encode(["delta four"])[0])
    assert len(encoder._cache) <= 4
    many = encoder.encode([f"sentence {k}" for k in range(10)])  # more new texts than the cache holds
    assert np.array_equal(many[9], HashedEncoder().encode(["sentence 9"])[0]) and len(encoder._cache) <= 4


def test_the_encoder_reports_each_batch():
    from annotator.core.align.embeddings import BATCH

    seen = []
    texts = [f"text {k}" for k in range(2 * BATCH + 5)] + ["text 0"]  # a repeated text is encoded once
    HashedEncoder().encode(texts, progress=lambda done, total: seen.append((done, total)))
    distinct = 2 * BATCH + 5
    assert seen == [(BATCH, distinct), (2 * BATCH, distinct), (distinct, distinct)]


def _long_pair_project(path, long_sentences: int, article_every: int):
    """A long text and an article made of every `article_every`-th of its sentences."""
    sentences = [f"Report {k} says the convoy number {k * 7} moved east." for k in range(long_sentences)]
    article = sentences[::article_every]
    source = path.parent / "pair.jsonl"
    source.write_text("".join(json.dumps({"title": t, "lang": "en", "group": "g", "text": " ".join(s)}) + "\n"
                              for t, s in (("long", sentences), ("article", article))), encoding="utf-8")
    import_files(path, [source])
    return path


@pytest.mark.parametrize("rows", [200, 100])
def test_a_long_pair_reports_progress_while_it_is_embedded_and_aligned(tmp_path, monkeypatch, rows):
    # a long text's sizes, scaled down: the pair is past what mining holds (as 166,000 x 27
    # sentences are), so the banded DP aligns it, reporting every `rows` rows. With 100, the
    # DP's first report (100 / 1,501 of the pair) comes below the 0.1 the engine reported
    # before the DP: the bar must not go back (as a 1,000,000-sentence text's did)
    monkeypatch.setattr(engine, "MINING_MAX_CELLS", 10_000)
    monkeypatch.setattr(dp, "PROGRESS_ROWS", rows, raising=False)
    project = _long_pair_project(tmp_path / "long.sqlite", 1500, 15)
    seen = []
    with Store.open(project) as store:
        content = sum(1 for d in (1, 2) for s in store.documents.sentences(d) if not s.boilerplate)
        align_group(store, "g", encoder=HashedEncoder(), progress=lambda done, total: seen.append((done, total)))
        assert store.links.between(1, 2, origin="machine") or store.links.between(2, 1, origin="machine")
    total = seen[-1][1]
    assert seen[-1] == (total, total) and all(t == total for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # never backwards
    embedding = [d for d, _ in seen if 0 < d < content]
    aligning = [d for d, _ in seen if content < d < total]  # inside the pair's own work
    assert len(set(embedding)) >= content // 256 - 1  # each batch the encoder makes
    assert len(set(aligning)) >= 3  # the DP's rows


def test_stored_vectors_are_each_sentences_own(tmp_path):
    project = _long_pair_project(tmp_path / "long.sqlite", 300, 10)
    with Store.open(project) as store:
        align_group(store, "g", encoder=HashedEncoder())
        sentences = [s for d in (1, 2) for s in store.documents.sentences(d)]
        stored = store.embeddings.cached([s.id for s in sentences], "hashed")
    assert len(stored) == len(sentences)
    expected = HashedEncoder().encode([s.text for s in sentences])
    for s, vector in zip(sentences, expected):
        assert np.array_equal(np.frombuffer(stored[s.id], dtype=np.float32), vector)


def test_cancel_is_heard_inside_a_long_pair_and_changes_nothing(tmp_path, monkeypatch):
    from annotator.errors import Cancelled

    monkeypatch.setattr(engine, "MINING_MAX_CELLS", 10_000)
    monkeypatch.setattr(dp, "PROGRESS_ROWS", 200, raising=False)
    project = _long_pair_project(tmp_path / "long.sqlite", 1500, 15)
    seen = []
    with Store.open(project) as store:
        content = sum(len(store.documents.sentences(d)) for d in (1, 2))
        # the user presses Cancel once the pair's alignment has begun
        with pytest.raises(Cancelled):
            align_group(store, "g", encoder=HashedEncoder(), progress=lambda done, total: seen.append(done),
                        cancelled=lambda: any(d > content for d in seen))
        assert not store.links.in_group(1) and not store.embeddings.cached(list(range(1, content + 1)), "hashed")


def test_a_long_retelling_reports_progress_while_it_is_mined():
    # a long text against an article it retells (unrelated vectors but for a few lines): the
    # pair is mined, and the link model's steps (candidates, margin mining, features) each
    # report, so that a long text's bar does not stand still for the whole of it
    rng = np.random.default_rng(3)
    source = rng.standard_normal((2000, 64)).astype(np.float32)
    target = rng.standard_normal((100, 64)).astype(np.float32)
    target[:20] = source[::100][:20] + 0.3 * rng.standard_normal((20, 64))
    source /= np.linalg.norm(source, axis=1, keepdims=True)
    target /= np.linalg.norm(target, axis=1, keepdims=True)
    seen = []
    result = engine.align([f"line number {k} of the long text" for k in range(2000)],
                          [f"line number {k} of the article" for k in range(100)], "en", "en",
                          vectors=(source, target), progress=seen.append)
    assert result.method == "embedding-retelling" and result.beads
    assert seen == sorted(seen) and seen[0] == 0.1
    assert len([f for f in seen if 0.1 < f < 0.9]) >= 2  # inside the link model, not only around it


def test_a_long_pair_is_aligned_with_one_blas_thread(tmp_path, monkeypatch):
    """OpenBLAS's per-thread buffers grow with a product's long side and stay resident: a pair
    with a side of heap.LONG_SIDE lines is aligned with one BLAS thread, a shorter one as before."""
    from threadpoolctl import threadpool_info

    from annotator.core import heap
    from annotator.core.align import group

    def blas_threads():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    seen = []
    align = group.align

    def recording(*args, **kwargs):
        seen.append(blas_threads())
        return align(*args, **kwargs)

    monkeypatch.setattr(group, "align", recording)
    project = _long_pair_project(tmp_path / "long.sqlite", 300, 10)
    before = blas_threads()
    with Store.open(project) as store:
        align_group(store, "g", encoder=HashedEncoder())
        monkeypatch.setattr(heap, "LONG_SIDE", 100)
        align_group(store, "g", encoder=HashedEncoder())
    assert seen[0] == before and seen[-1] == [1] * len(before)
    assert blas_threads() == before
