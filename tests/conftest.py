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
