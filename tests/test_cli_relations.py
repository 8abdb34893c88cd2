"""`annotator relate` and `annotator unrelate`: a typed relation made and removed from the
command line, stored in the project file; a wrong one refused in one line (exit 2)."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from annotator.cli import main

CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"


def _ids(path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        find = "SELECT id FROM sentences WHERE instr(text, ?) > 0"
        return conn.execute(find, [CORRECTION]).fetchone()[0], conn.execute(find, [CLAIM]).fetchone()[0]


def _relations(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT head_id, tail_id, type, a.name FROM relations r"
                            " JOIN annotators a ON a.id = r.annotator_id").fetchall()


def test_relate_and_unrelate(demo_project):
    head, tail = _ids(demo_project)
    runner = CliRunner()
    made = runner.invoke(main, ["relate", str(demo_project), str(head), str(tail), "--type", "corrects",
                                "--annotator", "ana"])
    assert made.exit_code == 0, made.output
    assert f"sentence {head} corrects sentence {tail}" in made.output
    assert _relations(demo_project) == [(head, tail, "corrects", "ana")]

    again = runner.invoke(main, ["relate", str(demo_project), str(head), str(tail), "--type", "corrects",
                                 "--annotator", "ana"])
    assert again.exit_code == 2 and "already corrects" in again.output and "Traceback" not in again.output
    wrong = runner.invoke(main, ["relate", str(demo_project), str(head), str(tail), "--type", "refutes"])
    assert wrong.exit_code == 2 and "refutes" in wrong.output

    removed = runner.invoke(main, ["unrelate", str(demo_project), str(head), str(tail)])
    assert removed.exit_code == 0, removed.output
    assert "1 relation removed" in removed.output
    assert _relations(demo_project) == []
    none_left = runner.invoke(main, ["unrelate", str(demo_project), str(head), str(tail)])
    assert none_left.exit_code == 2 and "no relation from sentence" in none_left.output
