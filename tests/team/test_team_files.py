"""Where team packages may be written: names that are file names on every system (also the
names a merged package's plan brings), no link followed out of -o, no half-built package
left by a killed assign, and plan rows of the wrong type refused in one line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store
from annotator.core.team.packages import assign, reassign
from annotator.core.team.plan import file_name_problem
from annotator.errors import AnnotatorError
from tests.team.test_team import TEAM, _cli, _one_line_error, _snapshot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def _small_template(tmp_path_factory):
    from tests.helpers.team_corpus import build_corpus

    path = tmp_path_factory.mktemp("team_files") / "corpus.sqlite"
    build_corpus(path, groups=8, documents=2, seed=2)
    return path


@pytest.fixture
def corpus(_small_template, tmp_path):
    path = tmp_path / "project" / "corpus.sqlite"
    path.parent.mkdir()
    shutil.copyfile(_small_template, path)
    return path


# --------------------------------------------------------------------------- the names

@pytest.mark.parametrize("name", [
    "../../ESCAPE", "/abs/x", "a/b", "a\\b", ".", "..", "", "CON", "con", "Nul", "aux.txt", "com1", "LPT9.sqlite",
    "prn .x", "alice.", "alice ", "ev\x1b]0;PWNED\x07il", "a\u202eb", "a\nb", "a:b", "a" * 101, "\u00e9" * 101,
    "\u4e2d" * 70,
])
def test_names_that_are_not_file_names_everywhere(name):
    assert file_name_problem(name) is not None


@pytest.mark.parametrize("name", ["alice", "Zo\u00eb", "o'brien", "console", "com10", "lpt", "conan.x", "a.b",
                                  "\u0645\u0631\u06cc\u200c\u0645", "\u4e2d" * 60, "a" * 100])
def test_names_that_are(name):
    assert file_name_problem(name) is None


@pytest.mark.parametrize("names", ["CON,NUL", "con,aux", "com1,lpt1", "alice.,bob", "alice,Con.txt"])
def test_assign_refuses_device_names_and_trailing_dots(corpus, tmp_path, names):
    before = _snapshot(tmp_path)
    _one_line_error(_cli("assign", corpus, "--annotators", names, "-o", tmp_path / "pk"), "cannot be a file name")
    assert _snapshot(tmp_path) == before


def _plant_plan(package: Path, names: list[str], revision: int = 7) -> None:
    """Section 3 of the reliability report: a returned package given a newer plan revision
    whose annotators include `names` (each with a group, in a copy of revision 1). The
    connection is closed here (sqlite3's `with` only commits): left to the garbage collector,
    its -wal and -shm files came and went with GC timing, and the snapshots below saw them."""
    with closing(sqlite3.connect(package)) as conn, conn:
        conn.execute("INSERT INTO plans (uid, revision, created_at, seed, overlap, copies, labels, carried,"
                     " annotators) SELECT uid, ?, created_at, seed, overlap, copies, labels, carried,"
                     " json_insert(annotators, '$[#]', ?) FROM plans WHERE revision = 1", [revision, names[0]])
        new = conn.execute("SELECT id FROM plans WHERE revision = ?", [revision]).fetchone()[0]
        conn.execute("INSERT INTO plan_groups SELECT ?, group_name, annotator, shared, sentences FROM plan_groups"
                     " WHERE plan_id = 1", [new])
        group = conn.execute("SELECT group_name FROM plan_groups LIMIT 1").fetchone()[0]
        for name in names:
            conn.execute("INSERT OR IGNORE INTO plan_groups VALUES (?, ?, ?, 0, 1)", [new, group, name])
        conn.execute("INSERT INTO plan_packages SELECT ?, annotator, file, groups FROM plan_packages"
                     " WHERE plan_id = 1", [new])


@pytest.mark.parametrize("hostile", ["../../ESCAPE", "ABSOLUTE", "ev\x1b]0;PWNED\x07il"])
def test_a_merged_plan_cannot_name_a_file_outside_the_folder(corpus, tmp_path, hostile):
    if hostile == "ABSOLUTE":
        hostile = str(tmp_path / "abs")
    out = corpus.parent / "pk"
    assign(corpus, ["alice", "bob", "carol"], out, overlap=0.5, seed=1)
    returned = tmp_path / "returned_bob.sqlite"
    shutil.copyfile(out / "bob.sqlite", returned)
    _plant_plan(returned, [hostile])
    before = _snapshot(corpus.parent)
    _one_line_error(_cli("merge", corpus, returned), "returned_bob.sqlite", "cannot be a file name", "nothing was merged")
    assert _snapshot(corpus.parent) == before
    # a project that took in such a plan before names were checked: --reassign writes nothing
    with Store.open(returned, readonly=True) as package:
        history = package.plans.history(package.plans.package().uid)
    with Store.open(corpus) as store:
        store.plans.record(history)
    before = _snapshot(tmp_path)
    with pytest.raises(AnnotatorError, match="cannot be a file name"):
        reassign(corpus, "alice", out)
    assert _snapshot(tmp_path) == before  # ../../ESCAPE.r8.sqlite would be in tmp_path, so would abs.r8.sqlite


def test_a_link_in_the_folder_is_refused_not_followed(corpus, tmp_path):
    out = tmp_path / "pk"
    out.mkdir()
    (out / "alice.sqlite").symlink_to(Path("..") / "OUTSIDE.sqlite")  # dangling: exists() follows it
    _one_line_error(_cli("assign", corpus, "--annotators", "alice,bob", "-o", out), "alice.sqlite", "exists already")
    assert not (tmp_path / "OUTSIDE.sqlite").exists() and not (out / "bob.sqlite").exists()
    (out / "alice.sqlite").unlink()
    (out / ".alice.sqlite.partial").symlink_to(Path("..") / "OUTSIDE2.sqlite")  # where a package is built
    assign(corpus, ["alice", "bob"], out)
    assert not (tmp_path / "OUTSIDE2.sqlite").exists()
    assert sorted(p.name for p in out.iterdir()) == ["alice.sqlite", "bob.sqlite"]
    assert not any(p.is_symlink() for p in out.iterdir())


# --------------------------------------------------------------------------- a killed assign

_KILLER = textwrap.dedent("""
    import os, signal, sys
    import annotator.core.team.packages as team
    from annotator.core.store.plans import Plans

    owner, name, when, nth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    holder = Plans if owner == "Plans" else team
    original, calls = getattr(holder, name), []

    def killing(*args, **kwargs):
        calls.append(1)
        if when == "before" and len(calls) == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if when == "after" and len(calls) == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(holder, name, killing)
    team.assign(sys.argv[5], sys.argv[6].split(","), sys.argv[7], overlap=0.25)
    """)


def _killed_assign(corpus: Path, out: Path, owner: str, name: str, when: str, nth: int) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _KILLER, owner, name, when, str(nth), str(corpus), ",".join(TEAM),
                           str(out)], env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr  # SIGKILL, where the patch put it


def _check_after_kill(corpus: Path, out: Path) -> None:
    """Nothing under a package's name is half-built; unless the kill came while the finished
    packages were being renamed into place, a rerun works and leaves no leftovers."""
    placed = sorted(out.glob("*.sqlite")) if out.exists() else []
    for path in placed:
        with Store.open(path, readonly=True) as package:
            assert package.plans.package() is not None, path
    if placed:
        return
    result = _cli("assign", corpus, "--annotators", ",".join(TEAM), "--overlap", "0.25", "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.sqlite" for name in sorted(TEAM)]
    for name in TEAM:
        with Store.open(out / f"{name}.sqlite", readonly=True) as package:
            assert package.plans.package().annotator == name


def test_a_killed_assign_leaves_no_package_and_does_not_block_a_rerun(corpus):
    out = corpus.parent / "pk"
    _killed_assign(corpus, out, "Plans", "_copy", "before", 20)  # inside the second package's copy
    assert [p.name for p in out.glob("*.sqlite")] == []
    with Store.open(corpus, readonly=True) as store:
        assert store.plans.latest() is None
    _check_after_kill(corpus, out)


@pytest.mark.slow
@pytest.mark.parametrize("owner, name, when, nth", [
    ("Plans", "fill", "before", 1), ("Plans", "_copy", "before", 3), ("Plans", "_copy", "after", 13),
    ("Plans", "_copy", "before", 30), ("Plans", "mark_package", "after", 4), ("Plans", "record", "before", 5),
    ("Plans", "record", "after", 5), ("team", "_place", "before", 1),
    ("team", "_place", "before", 3),  # some packages in place, complete; the plan not yet committed
])
def test_assign_killed_at_each_step(corpus, owner, name, when, nth):
    out = corpus.parent / "pk"
    _killed_assign(corpus, out, owner, name, when, nth)
    _check_after_kill(corpus, out)


# --------------------------------------------------------------------------- plan rows of the wrong type

@pytest.mark.parametrize("damage, words", [
    ("UPDATE plans SET annotators = 'not json'", ["plans.annotators"]),
    ("UPDATE plans SET annotators = '[1, 2]'", ["plans.annotators"]),
    ("UPDATE plans SET carried = 5", ["plans.carried"]),
    ("UPDATE plans SET revision = 'x'", ["plans.revision"]),
    ("UPDATE plan_groups SET sentences = 'many'", ["plan_groups.sentences"]),
    ("UPDATE package SET revision = 'x'", ["package.revision"]),
])
def test_plan_rows_of_the_wrong_type_are_refused_in_one_line(corpus, tmp_path, damage, words):
    out = corpus.parent / "pk"
    assign(corpus, ["alice", "bob"], out)
    bad = tmp_path / "bad.sqlite"
    shutil.copyfile(out / "bob.sqlite", bad)
    with closing(sqlite3.connect(bad)) as conn, conn:
        conn.execute(damage)
    before = _snapshot(corpus.parent)
    # a column of the wrong type is refused by the foreign-file check before the plan is read
    # ("holds a text value in plans.revision ... damaged"), a JSON list that is not one by the plan's
    _one_line_error(_cli("merge", corpus, bad), "bad.sqlite", "damaged", *words)
    assert _snapshot(corpus.parent) == before
    _one_line_error(_cli("progress", bad), "bad.sqlite", "damaged", *words)
    with pytest.raises(AnnotatorError, match="damaged"):
        merge_projects(tmp_path / "new.sqlite", [bad])
    assert not (tmp_path / "new.sqlite").exists()
