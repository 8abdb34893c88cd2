"""align-files: two sentence-per-line files, no project."""

from __future__ import annotations

from click.testing import CliRunner

from annotator.cli import main
from tests.align.test_engine import FRENCH, GERMAN


def test_cli_align_files(tmp_path):
    source, target = tmp_path / "de.txt", tmp_path / "fr.txt"
    source.write_text("\n".join(GERMAN) + "\n", encoding="utf-8")
    target.write_text("\n".join(FRENCH) + "\n", encoding="utf-8")
    out = tmp_path / "beads.txt"
    result = CliRunner().invoke(main, ["align-files", str(source), str(target), "--sentences-per-line",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == [
        "[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]", "[4]:[5]", "[5]:[6]"]
    result = CliRunner().invoke(main, ["align-files", str(source), str(target)])
    assert result.exit_code == 2 and "--sentences-per-line" in result.output
    result = CliRunner().invoke(main, ["align-files", str(source), str(tmp_path / "none.txt"), "--sentences-per-line"])
    assert result.exit_code == 2 and "none.txt: no such file" in result.output
