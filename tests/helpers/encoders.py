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
