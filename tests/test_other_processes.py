"""Other processes at work on the same project: an `annotator export`, `stats`, `progress` or
`merge` run while the desktop app labels must not take the app's acknowledged labels with it
(the app's own read-only connections must never drop its locks), and a writer refused at once
must not remove what the writer that got the project made."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.session.importing import import_files
from annotator.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "tests" / "helpers"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
A_STEPS = ("summary", "read", "commit")
B_STEPS = ("export", "stats", "progress", "merge")


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    text = folder / "story.txt"
    text.write_text("The mayor spoke on Monday. The council agreed the next day.\n", encoding="utf-8")
    path = folder / "template.sqlite"
    import_files(path, [text])
    return path


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, bufsize=1, env=ENV)


def _ready(process: subprocess.Popen) -> subprocess.Popen:
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def _ask(process: subprocess.Popen, line: str) -> str:
    process.stdin.write(line + "\n")
    process.stdin.flush()
    answer = process.stdout.readline()
    assert answer, process.stderr.read()
    return answer.strip()


def _b_arguments(step: str, project: Path, folder: Path, number: int) -> list[str]:
    return {"export": ["export", str(project), "--format", "jsonl", "-o", str(folder / "x.jsonl")],
            "stats": ["stats", str(project)],
            "progress": ["progress", str(project)],
            "merge": ["merge", str(folder / f"merged{number}.sqlite"), str(project)]}[step]


def _check_b(step: str, code: int, output: str) -> None:
    if step == "progress":  # not a package: read, then refused
        assert code == 2 and "is not a work package" in output, output
    else:
        assert code == 0, output


def _run(project: Path, folder: Path, steps: list[str], fresh_cli: bool) -> None:
    """A (the app) and B (commands in another process) take turns as `steps` says; A commits
    once more and is killed. Every commit A acknowledged must be in the file."""
    writer = _spawn(str(HELPERS / "wal_writer.py"), str(project))
    commands = None if fresh_cli else _spawn(str(HELPERS / "cli_driver.py"))  # both start up at once
    acknowledged = []
    try:
        _ready(writer)
        if commands is not None:
            _ready(commands)
        for number, step in enumerate([*steps, "commit"]):
            if step in A_STEPS:
                name = f"probe-{number}"
                answer = _ask(writer, f"{step} {name}" if step == "commit" else step)
                assert answer == (f"committed {name}" if step == "commit" else f"done {step}"), answer
                if step == "commit":
                    acknowledged.append(name)
                continue
            arguments = _b_arguments(step, project, folder, number)
            if fresh_cli:
                result = subprocess.run([sys.executable, "-m", "annotator", *arguments], capture_output=True,
                                        text=True, env=ENV, timeout=120)
                _check_b(step, result.returncode, result.stdout + result.stderr)
            else:
                _, code, output = _ask(commands, json.dumps(arguments)).split(" ", 2)
                _check_b(step, int(code), json.loads(output))
    finally:
        writer.send_signal(signal.SIGKILL)  # the app dies: a crash, a power cut
        writer.wait()
        if commands is not None:
            commands.stdin.close()
            commands.wait(timeout=60)
    with sqlite3.connect(project) as conn:
        stored = {key for (key,) in conn.execute("SELECT key FROM settings WHERE value = 'acknowledged'")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [name for name in acknowledged if name not in stored] == []


def _random_steps(chooser: random.Random) -> list[str]:
    steps = [chooser.choice(A_STEPS + B_STEPS) for _ in range(chooser.randint(3, 8))]
    steps.insert(chooser.randrange(len(steps) + 1), chooser.choice(("summary", "read")))
    steps.insert(chooser.randrange(len(steps) + 1), chooser.choice(B_STEPS))
    return steps


def test_commands_in_another_process_lose_none_of_the_apps_commits(small_project, tmp_path):
    import shutil

    project = tmp_path / "p.sqlite"
    shutil.copyfile(small_project, project)
    # the app recounts (a read-only connection of its own), `annotator export` runs, the app commits
    _run(project, tmp_path, ["commit", "summary", "export", "commit", "read", "stats", "commit", "summary", "merge",
                             "commit", "read", "progress"], fresh_cli=False)


@pytest.mark.soak
def test_commands_in_another_process_lose_none_of_the_apps_commits_at_random(small_project, tmp_path):
    import shutil

    seed = int(os.environ.get("ANNOTATOR_TEST_SEED", time.time()))
    chooser = random.Random(seed)
    for run in range(200):
        project = tmp_path / f"p{run}.sqlite"
        shutil.copyfile(small_project, project)
        steps = _random_steps(chooser)
        try:
            _run(project, tmp_path, steps, fresh_cli=run % 4 == 0)  # every 4th with a new `annotator` per command
        except AssertionError as error:
            raise AssertionError(f"seed {seed}, run {run}, steps {steps}: {error}") from None
        project.unlink()


# --------------------------------------------------------------------------- two writers, one new project

def _inputs(folder: Path, small_project: Path, command: str) -> tuple[list[str], list[str], Path]:
    """The two commands' arguments (each with its own input) and the new project they race for."""
    import shutil

    project = folder / "new.sqlite"
    if command == "import":
        for name, text in (("first", "The first story begins here."), ("second", "A second story follows.")):
            (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        return (["import", str(project), str(folder / "first.txt"), "--no-align"],
                ["import", str(project), str(folder / "second.txt"), "--no-align"], project)
    for name in ("first", "second"):
        shutil.copyfile(small_project, folder / f"{name}.sqlite")
    return (["merge", str(project), str(folder / "first.sqlite")], ["merge", str(project), str(folder / "second.sqlite")],
            project)


def _holds(project: Path, command: str, inputs: list[str]) -> None:
    """The project holds what the commands that succeeded put in, and its lock works."""
    with Store.open(project) as store:
        with pytest.raises(Exception, match="is already open in another annotator process"):
            Store.open(project)
        if command == "import":
            paths = {Path(path).name for (path,) in store.db.execute("SELECT source_path FROM documents")}
            assert paths == {Path(name).name for name in inputs}
        else:  # both inputs hold the same text: one document, its sentences
            assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
            assert store.db.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0


def _refused(result: subprocess.CompletedProcess, project: Path) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip() == (f"error: {project}: is already open in another annotator process;"
                                      " close it there first")


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_refused_writer_leaves_the_new_project_of_the_writer_that_got_it(command, small_project, tmp_path):
    first, second, project = _inputs(tmp_path, small_project, command)
    markers = tmp_path / "markers"
    markers.mkdir()
    child = [sys.executable, str(HELPERS / "race_child.py")]
    loser = subprocess.Popen([*child, "loser", str(markers), str(project), *second], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=ENV)
    winner = subprocess.Popen([*child, "winner", str(markers), str(project), *first], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        out, err = loser.communicate(timeout=60)
        _refused(subprocess.CompletedProcess(loser.args, loser.returncode, out, err), project)
        # the winner still holds its project: the file and its lock file are there, the lock keeps others out
        assert project.exists() and Path(f"{project}-lock").exists()
        with pytest.raises(Exception, match="is already open in another annotator process"):
            Store.open(project)
        (markers / "release").touch()
        out, err = winner.communicate(timeout=60)
        assert winner.returncode == 0, out + err
    finally:
        (markers / "release").touch()
        for process in (loser, winner):
            if process.poll() is None:
                process.kill()
    _holds(project, command, [first[2]])


@pytest.mark.soak
def test_two_writers_racing_for_a_new_project_at_random(small_project, tmp_path):
    seed = int(os.environ.get("ANNOTATOR_TEST_SEED", time.time()))
    chooser = random.Random(seed)
    for run in range(100):
        command = ("import", "merge")[run % 2]
        folder = tmp_path / f"race{run}"
        folder.mkdir()
        first, second, project = _inputs(folder, small_project, command)
        processes = []
        for arguments in (first, second) if chooser.random() < 0.5 else (second, first):
            processes.append((arguments, subprocess.Popen([sys.executable, "-m", "annotator", *arguments],
                                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                          text=True, env=ENV)))
            time.sleep(chooser.uniform(0, 0.3))
        succeeded = []
        for arguments, process in processes:
            out, err = process.communicate(timeout=120)
            if process.returncode == 0:
                succeeded.append(arguments[2])
            else:
                _refused(subprocess.CompletedProcess(arguments, process.returncode, out, err), project)
        assert succeeded, f"seed {seed}, run {run}: nobody got the project"
        try:
            _holds(project, command, succeeded)
        except AssertionError as error:
            raise AssertionError(f"seed {seed}, run {run} ({command}): {error}") from None
