"""An encoder that counts what it really encodes (to check the embedding cache)."""

from __future__ import annotations

from annotator.core.align.embeddings import Encoder, normalize


class CountingEncoder(Encoder):
    def __init__(self):
        super().__init__()
        self.encoded = 0

    def encode(self, texts):
        missing = {normalize(t) for t in texts} - set(self._cache)
        self.encoded += len(missing)
        return super().encode(texts)
