"""`annotator history`: the project's or one sentence's events, newest first, one readable line
each (or JSON); bad input is one line and exit 2. `stats` and `progress` summarise time on item."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.session import Session


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _one_line_error(result, *words) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    for word in words:
        assert word in result.output, result.output


def test_history_lists_the_changes_newest_first(demo_project):
    assert _cli("label", demo_project, 1, "claim", "--annotator", "ann").exit_code == 0
    assert _cli("label", demo_project, 1, "correction", "--annotator", "bob").exit_code == 0
    assert _cli("label", demo_project, 1, "claim", "--annotator", "ann", "--remove").exit_code == 0
    assert _cli("label", demo_project, 2, "none", "--annotator", "ann").exit_code == 0
    result = _cli("history", demo_project)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split("  ", 2)[1:] for line in lines] == [
        ["ann", "no label applies on sentence 2: [] -> []"],
        ["ann", "remove claim on sentence 1: [claim] -> []"],
        ["bob", "add correction on sentence 1: [] -> [correction]"],
        ["ann", "add claim on sentence 1: [] -> [claim]"]]
    assert all(line[:10].count("-") == 2 and line[19] == "Z" for line in lines)  # when, in UTC
    one = _cli("history", demo_project, 1, "--limit", 2)
    assert one.output.splitlines() == [
        lines[1].replace(" on sentence 1", ""), lines[2].replace(" on sentence 1", "")]
    as_json = json.loads(_cli("history", demo_project, 1, "--json").output)
    assert [(e["who"], e["kind"], e["subject"], e["before"], e["after"], e["origin"]) for e in as_json] == [
        ("ann", "remove", "claim", ["claim"], [], "person"), ("bob", "add", "correction", [], ["correction"], "person"),
        ("ann", "add", "claim", [], ["claim"], "person")]
    assert len({e["id"] for e in as_json}) == 3


def test_history_of_a_project_with_none_says_so(demo_project):
    result = _cli("history", demo_project)
    assert result.exit_code == 0 and result.output == "no events\n"


def test_history_errors_are_one_line(demo_project, tmp_path):
    _one_line_error(_cli("history", demo_project, 99999), "no sentence with id 99999")
    _one_line_error(_cli("history", tmp_path / "missing.sqlite"), "missing.sqlite")
    _one_line_error(_cli("history", demo_project, "--limit", -1))
    _one_line_error(_cli("history", demo_project, "twelve"))


def test_stats_summarise_the_time_on_item_per_annotator(demo_project, monkeypatch):
    clock = [0.0]
    monkeypatch.setattr("annotator.core.session.base.time.monotonic", lambda: clock[0])
    session = Session.open(demo_project, "ann")
    try:
        for sentence_id, seconds in zip(range(1, 12), [1, 2, 3, 4, 5, 6, 7, 8, 9, 30, 2]):
            session.cursor_reached(sentence_id)
            clock[0] += seconds
            session.set_label(sentence_id, "claim", True)
    finally:
        session.close()
    result = _cli("stats", demo_project)
    assert result.output.splitlines()[-2:] == [
        "time on item (cursor on the sentence to its judgement, in the app):",
        "  ann    11 judgements  median 5.0 s  p90 9.0 s"]
    assert json.loads(_cli("stats", demo_project, "--json").output)["time_on_item"] == {
        "ann": {"judgements": 11, "median_seconds": 5.0, "p90_seconds": 9.0}}
