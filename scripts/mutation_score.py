"""Mutation score per core module, with mutmut: how many small changes to a module (a flipped
comparison, a changed constant, a removed call) make the module's own tests fail. Run it
before resolving an issue that touched a module; it is slow (a few mutants a second), so it
is not part of CI.

    pip install mutmut && python scripts/mutation_score.py [MODULE ...]

Each module runs in a fresh clone of the committed tree (mutmut rewrites the files it
mutates), against the tests named for it below. Score = (killed + timed out) / mutants.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# module -> the tests that should catch a change in it (tests follow the modules)
MODULES = {
    "annotator/core/store/scheme.py": ["tests/store/test_scheme.py", "tests/ui/test_scheme_editor.py"],
    "annotator/core/store/annotations.py": ["tests/store/test_annotations.py", "tests/dataset/test_agreement.py",
                                            "tests/dataset/test_adjudication.py"],
    "annotator/core/store/links.py": ["tests/store/test_links.py", "tests/align/test_layout.py", "tests/align/test_group.py"],
    "annotator/core/store/errors.py": ["tests/store/test_errors.py", "tests/test_fault_store.py"],
    "annotator/core/dataset/export_rows.py": ["tests/dataset/test_export.py", "tests/test_fault_store.py"],
    "annotator/core/align/layout.py": ["tests/align/test_layout.py", "tests/align/test_layout_cache.py"],
    "annotator/core/store/layouts.py": ["tests/align/test_layout_cache.py"],
    "annotator/core/dataset/agreement.py": ["tests/dataset/test_agreement.py"],
    "annotator/core/align/consistency.py": ["tests/align/test_consistency.py"],
    "annotator/core/align/anchor_match.py": ["tests/align/test_anchor_match.py", "tests/align/test_group.py"],
    "annotator/core/align/mining.py": ["tests/align/test_mining.py"],
    "annotator/core/text/segment.py": ["tests/text/test_segment.py"],
    "annotator/core/store/connection.py": ["tests/store/test_connection.py"],
    "annotator/core/dataset/merge.py": ["tests/dataset/test_merge.py"],
    "annotator/core/store/corrections.py": ["tests/store/test_corrections.py", "tests/test_cli_corrections.py"],
    "annotator/core/store/confirmations.py": ["tests/store/test_confirmations.py"],
    "annotator/core/store/resegment.py": ["tests/store/test_resegment.py", "tests/dataset/test_merge_resegmented.py"],
    "annotator/core/dataset/export_pairs.py": ["tests/dataset/test_export_pairs.py"],
    "annotator/core/text/titles.py": ["tests/text/test_titles.py"],
}
_TALLY = re.compile(r"(\d+)/(\d+)\s+🎉 (\d+) 🫥 (\d+)\s+⏰ (\d+)\s+🤔 (\d+)\s+🙁 (\d+)\s+🔇 (\d+)")


def score(module: str, tests: list[str]) -> tuple[int, int, int, int]:
    """(mutants, killed, timed out, survived) for one module."""
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        with open(clone / "pyproject.toml", "a", encoding="utf-8") as handle:
            handle.write(f"\n[tool.mutmut]\nsource_paths = [{module!r}]\n"
                         f"pytest_add_cli_args_test_selection = {tests!r}\n"
                         f"also_copy = ['seeds', 'resources', 'tests', 'annotator']\n")
        output = subprocess.run(["mutmut", "run"], cwd=clone, capture_output=True, text=True,
                                env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    tallies = _TALLY.findall(output)
    if not tallies:
        raise SystemExit(f"{module}: mutmut printed no result:\n{output[-2000:]}")
    done, total, killed, _, timeout, _, survived, _ = map(int, tallies[-1])
    return total, killed, timeout, survived


def main() -> None:
    chosen = sys.argv[1:] or list(MODULES)
    print(f"{'module':45} {'mutants':>8} {'killed':>7} {'timeout':>8} {'survived':>9} {'score':>6}")
    for module in chosen:
        total, killed, timeout, survived = score(module, MODULES[module])
        print(f"{module:45} {total:8} {killed:7} {timeout:8} {survived:9} {(killed + timeout) / total:6.1%}",
              flush=True)


if __name__ == "__main__":
    main()
