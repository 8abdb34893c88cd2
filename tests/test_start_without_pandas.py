"""Commands start without pandas and pyarrow (issue 29): sqlite-utils imports pandas when it is
installed, half a second and some 70 MB on every command, for a column type the project never
writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_SCRIPT = """
import json, sys
from annotator.cli import main
for command in {commands!r}:
    try:
        main(command, standalone_mode=False)
    except SystemExit:
        pass
print(json.dumps(sorted(name for name in ("pandas", "pyarrow") if name in sys.modules)))
"""


def test_import_stats_and_export_do_not_load_pandas(tmp_path):
    pytest.importorskip("pandas")  # where pandas is not installed there is nothing to keep out
    article = tmp_path / "article.txt"
    article.write_text("A headline\n\nThe council met on Monday. It voted on the budget.\n", encoding="utf-8")
    project = str(tmp_path / "p.sqlite")
    commands = [["import", project, str(article)], ["stats", project],
                ["export", project, "--format", "csv", "--output", str(tmp_path / "out.csv")]]
    done = subprocess.run([sys.executable, "-c", _SCRIPT.format(commands=commands)], capture_output=True,
                          text=True, cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert (tmp_path / "out.csv").exists()  # the commands did run


def test_pandas_stays_importable_after_the_store():
    pytest.importorskip("pandas")
    done = subprocess.run([sys.executable, "-c", "import annotator.core.store, pandas; print(pandas.DataFrame)"],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and "DataFrame" in done.stdout, done.stderr
