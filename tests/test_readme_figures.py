"""The alignment-quality figures the README states are the ones the benchmark prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "align-gold"
README_ROWS = {"text+berg": "text+berg (de-fr test)", "text+berg-dev": "text+berg-dev", "parice": "parice (en-is)",
               "hunalign-dtm-hu-en": "hunalign dtm (hu-en)"}


def _readme_table() -> dict[str, list[tuple[str, str]]]:
    """dataset -> [(strict F1, lax F1) per system column], from the README's quality table."""
    found = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        for dataset, name in README_ROWS.items():
            if line.startswith(f"| {name} |"):
                cells = [c.strip().replace("*", "") for c in line.strip("|").split("|")[1:]]
                found[dataset] = [tuple(part.strip() for part in cell.split("/")) for cell in cells]
    return found


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/align-gold is not beside the checkout")
def test_readme_alignment_figures_are_what_align_eval_prints():
    table = _readme_table()
    assert set(table) == set(README_ROWS)
    output = subprocess.run([sys.executable, str(ROOT / "tests" / "benchmarks" / "align_eval.py")],
                            capture_output=True, text=True, timeout=1200, cwd=ROOT).stdout
    systems = ["product (auto)", "plain Gale-Church", "plain embedding DP"]
    for dataset in README_ROWS:
        for column, system in enumerate(systems):
            match = re.search(rf"^{re.escape(dataset)}\s+{re.escape(system)}\s+\S+/\S+/(\S+)\s+\S+/\S+/(\S+)",
                              output, re.MULTILINE)
            assert match, (dataset, system, output)
            assert (match.group(1), match.group(2)) == table[dataset][column], (dataset, system)
