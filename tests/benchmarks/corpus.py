"""Synthetic corpora for the benchmarks, made from the seeds' own paragraphs."""

from __future__ import annotations

import random
from pathlib import Path

from annotator.paths import seed_files


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in seed_files():
        paragraphs += [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return paragraphs


def write_corpus(folder: Path, total_bytes: int, seed: int = 0) -> list[Path]:
    """Files of shuffled seed paragraphs (each paragraph once per file, as in a real page)
    until `total_bytes` of UTF-8 text are written."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = seed_paragraphs()
    chance = random.Random(seed)
    files, written = [], 0
    while written < total_bytes:
        chance.shuffle(paragraphs)
        # a unique first line, so every file has its own bytes (re-imports would be skipped)
        data = (f"Synthetic article {len(files)}\n\n" + "\n\n".join(paragraphs) + "\n").encode("utf-8")
        path = folder / f"article_{len(files):05d}.txt"
        path.write_bytes(data)
        files.append(path)
        written += len(data)
    return files
