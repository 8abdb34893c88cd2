"""Where bundled data lives: from a source checkout, an installed wheel, or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """The folder `name` ("seeds" or "resources") wherever this copy of annotator keeps it."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates.append(_PACKAGE_DIR / "_bundled" / name)  # installed wheel
    candidates.append(_PACKAGE_DIR.parent / name)  # source checkout / editable install
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found (looked in {', '.join(map(str, candidates))})")


def seed_files() -> list[Path]:
    return sorted(p for p in bundled_dir("seeds").iterdir() if p.suffix == ".txt")


def resource(name: str) -> Path:
    return bundled_dir("resources") / name
