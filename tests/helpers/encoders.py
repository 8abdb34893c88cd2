"""An encoder that counts what it really encodes (to check the embedding cache)."""

from __future__ import annotations

from annotator.core.align.embeddings import Encoder


class CountingEncoder(Encoder):
    """Counts the texts handed to the model (what the caches did not serve)."""

    def __init__(self):
        super().__init__()
        self.encoded = 0

    def _load(self):
        model, counter = super()._load(), self

        class Counting:
            def encode(self, batch):
                counter.encoded += len(batch)
                return model.encode(batch)

        return Counting()


class _HashedModel:
    """Unit vectors drawn from each text's hash: equal texts, equal vectors; no model to load."""

    def encode(self, batch):
        import hashlib

        import numpy as np

        out = np.empty((len(batch), 512), dtype=np.float32)
        for k, text in enumerate(batch):
            rng = np.random.default_rng(int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "little"))
            vector = rng.standard_normal(512).astype(np.float32)
            out[k] = vector / np.linalg.norm(vector)
        return out


class HashedEncoder(Encoder):
    """An encoder with the model's output shape and none of its time (for tests of sizes and
    plumbing, not of alignment quality)."""

    def __init__(self, **options):
        super().__init__(**options)
        self.name = "hashed"
        self.batches = 0

    def _load(self):
        self.batches += 1
        return _HashedModel()
