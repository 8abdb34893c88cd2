"""Long CLI work shows a progress bar on a terminal and writes nothing when not on one."""

from __future__ import annotations

import io

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align.group import align_group
from annotator.core.store import Store
from annotator.terminal_progress import terminal_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_that_ends_full():
    stream = Terminal()
    with terminal_progress("aligning", stream) as progress:
        for done in (0, 30, 70, 100):
            progress(done, 100, "file")
    shown = stream.getvalue()
    assert "aligning" in shown and "100%" in shown and "30%" in shown


def test_a_pipe_gets_nothing():
    stream = io.StringIO()
    with terminal_progress("aligning", stream) as progress:
        progress(5, 10)
    assert stream.getvalue() == ""


def test_alignment_reports_rising_progress_that_reaches_its_total(demo_project):
    seen = []
    with Store.open(demo_project) as store:
        align_group(store, "seeds", progress=lambda done, total: seen.append((done, total)))
    totals = {total for _, total in seen}
    assert len(totals) == 1 and len(seen) >= 7  # the embedding step and each of the six pairs
    dones = [done for done, _ in seen]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == totals.pop()


def test_cli_output_to_a_pipe_has_no_bar(demo_project):
    result = CliRunner().invoke(main, ["align", str(demo_project)])
    assert result.exit_code == 0
    assert "%" not in result.output and "[" not in result.output.split("\n")[0]
