"""Work packages for a team: assign, progress, merge with the plan, re-planning, bad inputs."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections import Counter

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.agreement import OVERALL, agreement_report
from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store
from annotator.core.team.packages import assign, reassign
from annotator.core.team.plan import plan_groups
from annotator.core.team.progress import read_progress
from annotator.present.team import agreement_and_problem_lines, format_progress, merge_lines, merge_problems
from annotator.errors import AnnotatorError
from tests.helpers.team_corpus import build_corpus

TEAM = ["alice", "bob", "carol", "dave"]


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _one_line_error(result, *words) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    for word in words:
        assert word in result.output, result.output
    return result.output


@pytest.fixture(scope="module")
def _corpus_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("team") / "corpus.sqlite"
    build_corpus(path, groups=30, documents=3, seed=4)
    return path


@pytest.fixture
def corpus(_corpus_template, tmp_path):
    path = tmp_path / "corpus.sqlite"
    shutil.copyfile(_corpus_template, path)
    return path


def _group_documents(path) -> dict[str, set[str]]:
    """group name -> the sha256 of its documents, read straight from the file."""
    with sqlite3.connect(path) as conn:
        found: dict[str, set[str]] = {}
        for name, sha in conn.execute("SELECT g.name, d.sha256 FROM groups g JOIN documents d ON d.group_id = g.id"):
            found.setdefault(name, set()).add(sha)
    return found


def _content(path, group: str) -> list[int]:
    with Store.open(path, readonly=True) as store:
        return [row[0] for row in store.db.execute(
            "SELECT s.id FROM sentences s JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id"
            " WHERE g.name = ? AND s.boilerplate = 0 ORDER BY s.id", [group])]


def _annotations(path, annotator: str, group: str) -> list:
    ids = set(_content(path, group)) if group in _group_documents(path) else set()
    with Store.open(path, readonly=True) as store:
        return [a for a in store.annotations.all() if a.annotator == annotator and a.sentence_id in ids]


def _label(path, annotator: str, sentence_ids, label="claim") -> None:
    with Store.open(path) as store, store.transaction():
        for sentence_id in sentence_ids:
            if label == "none":
                store.annotations.clear(sentence_id, annotator)
            else:
                store.annotations.set(sentence_id, label, annotator)


# --------------------------------------------------------------------------- the plan

def test_the_plan_is_the_same_for_a_seed_and_another_for_another_seed():
    sizes = {f"g{k}": 5 + (k * 7) % 23 for k in range(40)}
    first = plan_groups(sizes, TEAM, 0.25, 2, seed=3)
    assert plan_groups(sizes, TEAM, 0.25, 2, seed=3) == first
    assert plan_groups(dict(reversed(list(sizes.items()))), TEAM, 0.25, 2, seed=3)[1] != first[1] or \
        plan_groups(sizes, TEAM, 0.25, 2, seed=4) != first
    assert plan_groups(sizes, TEAM, 0.25, 2, seed=4) != first


def test_shared_groups_go_to_copies_annotators_and_the_load_is_balanced():
    sizes = {f"g{k}": 5 + (k * 7) % 23 for k in range(40)}
    assignments, shared = plan_groups(sizes, TEAM, 0.25, 3, seed=1)
    assert len(shared) == 10
    assert all(len(assignments[g]) == (3 if g in shared else 1) for g in sizes)
    assert all(len(set(names)) == len(names) for names in assignments.values())
    load = Counter()
    for group, names in assignments.items():
        for name in names:
            load[name] += sizes[group]
    assert sum(load.values()) == sum(sizes.values()) + 2 * sum(sizes[g] for g in shared)
    assert max(load.values()) - min(load.values()) <= max(sizes.values())
    pairs = Counter(frozenset(p) for g in shared for p in __import__("itertools").combinations(assignments[g], 2))
    assert len(pairs) == 6  # every two of the four annotators share something to compare


def test_a_small_overlap_still_shares_one_group_and_no_overlap_shares_none():
    sizes = {"only": 10, "other": 3}
    assignments, shared = plan_groups(sizes, ["a", "b"], 0.1, 2, seed=0)
    assert len(shared) == 1 and all(len(assignments[g]) == 2 for g in shared)
    assignments, shared = plan_groups(sizes, ["a", "b"], 0.0, 2, seed=0)
    assert shared == frozenset() and sorted(len(n) for n in assignments.values()) == [1, 1]


def test_assign_writes_whole_groups_and_records_the_plan_everywhere(corpus, tmp_path):
    out = tmp_path / "packages"
    result = assign(corpus, TEAM, out, overlap=0.2, copies=2, seed=7)
    plan = result.plan
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.sqlite" for n in TEAM)  # nothing else to hand out
    assert len(plan.shared) == 6 and all(len(plan.assignments[g]) == 2 for g in plan.shared)
    source = _group_documents(corpus)
    holders = Counter()
    for name in TEAM:
        package = out / f"{name}.sqlite"
        held = _group_documents(package)
        assert set(held) == set(plan.groups_of(name))
        assert all(held[g] == source[g] for g in held)  # every version of each story, nothing else
        holders.update(list(held))
        with Store.open(package, readonly=True) as store:
            mine = store.plans.package()
            assert (mine.uid, mine.revision, mine.annotator) == (plan.uid, 1, name)
            recorded = store.plans.latest()
            assert recorded.assignments == plan.assignments and recorded.shared == plan.shared
            assert store.annotations.all() == [] and store.integrity_check() == "ok"
            with Store.open(corpus, readonly=True) as original:  # same ids and text as the source
                sentence = store.documents.sentences(store.documents.in_order()[0][0])[2]
                assert original.documents.sentence(sentence.id) == sentence
    assert all(holders[g] == len(plan.assignments[g]) for g in source)
    with Store.open(corpus, readonly=True) as store:
        recorded = store.plans.latest()
        assert recorded.uid == plan.uid and recorded.assignments == plan.assignments
        assert store.plans.package() is None  # the source is not a package
        assert recorded.packages == {name: (f"{name}.sqlite", len(plan.groups_of(name))) for name in TEAM}
    again = tmp_path / "again"
    assert assign(corpus, TEAM, again, overlap=0.2, copies=2, seed=7).plan.assignments == plan.assignments


def test_labels_travel_as_the_trainer_chooses(corpus, tmp_path):
    group = "story 00003"
    first, second = _content(corpus, group)[:2]
    _label(corpus, "model", [first])
    with Store.open(corpus) as store:
        store.gold.set([(second, ["attribution"])])
    plain = assign(corpus, ["a", "b"], tmp_path / "none", overlap=1.0)
    with Store.open(tmp_path / "none" / "a.sqlite", readonly=True) as store:
        assert store.annotations.all() == [] and store.gold.all() == {}
        assert plain.plan.carried == ()
    carried = assign(corpus, ["a", "b"], tmp_path / "all", overlap=1.0, labels="model")
    assert carried.plan.carried == ("model",)
    with Store.open(tmp_path / "all" / "b.sqlite", readonly=True) as store:
        assert [(a.sentence_id, a.label, a.annotator) for a in store.annotations.all()] == [(first, "claim", "model")]
        assert store.gold.all() == {}
    assign(corpus, ["a", "b"], tmp_path / "gold", overlap=1.0, labels="gold")
    with Store.open(tmp_path / "gold" / "a.sqlite", readonly=True) as store:
        assert store.annotations.all() == [] and store.gold.all()[second][0] == ["attribution"]
    progress = read_progress([tmp_path / "all"])
    assert all(a.judged == 0 for a in progress.annotators) and progress.strangers == []  # pre-labels are not work


# --------------------------------------------------------------------------- progress

def test_progress_figures_match_a_hand_count(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, TEAM, out, overlap=0.3, copies=2, seed=2).plan
    shared = sorted(plan.shared)
    hand: dict[str, int] = Counter()
    per_group: dict[tuple[str, str], int] = Counter()
    for k, group in enumerate(shared[:4]):
        first, second = plan.assignments[group]
        ids = _content(corpus, group)
        _label(out / f"{first}.sqlite", first, ids[:6])
        _label(out / f"{second}.sqlite", second, ids[:3])
        _label(out / f"{second}.sqlite", second, ids[3:5], label="attribution" if k % 2 else "claim")
        _label(out / f"{second}.sqlite", second, ids[5:6], label="none")
        hand[first] += 6
        hand[second] += 6
        per_group[first, group] += 6
        per_group[second, group] += 6
    single = next(g for g in plan.assignments if g not in plan.shared)
    owner, = plan.assignments[single]
    _label(out / f"{owner}.sqlite", owner, _content(corpus, single))
    hand[owner] += len(_content(corpus, single))
    per_group[owner, single] += len(_content(corpus, single))
    report = read_progress([out])
    assert {a.name: a.judged for a in report.annotators} == {name: hand[name] for name in TEAM}
    assert {a.name: a.sentences for a in report.annotators} == {name: plan.load(name) for name in TEAM}
    for g in report.groups:
        assert g.judged == {name: per_group[name, g.name] for name in plan.assignments[g.name]}
        assert g.sentences == len(_content(corpus, g.name))
        labels = sum(1 for name in plan.assignments[g.name] for _ in _annotations(out / f"{name}.sqlite", name, g.name))
        assert g.labels == labels and (g.first is None) == (not any(g.judged.values()))
    assert {g.name: g.labels for g in report.groups if g.labels} == {
        **{group: 6 + 5 for group in shared[:4]}, single: len(_content(corpus, single))}
    with Store.open(out / f"{owner}.sqlite", readonly=True) as store:
        labels = len([a for a in store.annotations.all() if a.annotator == owner])
    assert next(a for a in report.annotators if a.name == owner).labels == labels
    assert report.missing == [] and report.twice == [] and report.strangers == []
    # the agreement so far is the one the merged project gives, on the shared groups
    merged = tmp_path / "merged.sqlite"
    merge_projects(merged, sorted(out.glob("*.sqlite")))
    with Store.open(merged, readonly=True) as store:
        names = [label.name for label in store.scheme.labels()]
        in_shared = {i for g in shared for i in _content(merged, g)}
        expected = agreement_report([row for row in store.annotations.judgements() if row[0] in in_shared], names)
    got = {r.label: (r.alpha, r.items, [(p.first, p.second, p.kappa, p.items) for p in r.pairs])
           for r in report.agreement["all"]}
    assert got == {r.label: (r.alpha, r.items, [(p.first, p.second, p.kappa, p.items) for p in r.pairs])
                   for r in expected["all"]}
    assert got[OVERALL][1] == 24  # four shared groups, six sentences each judged by both


def test_progress_cli_prints_tables_and_json(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["alice", "bob"], out, overlap=0.5, seed=1).plan
    group = sorted(plan.shared)[0]
    _label(out / "alice.sqlite", "alice", _content(corpus, group)[:2])
    result = _cli("progress", out / "alice.sqlite", out / "bob.sqlite")
    assert result.exit_code == 0, result.output
    assert f"  {group} (shared): alice 2/{plan.sizes[group]}, bob 0/{plan.sizes[group]}" in result.output
    assert "bob " in result.output and "not started" in result.output
    data = json.loads(_cli("progress", out, "--json").output)
    alice = next(a for a in data["annotators"] if a["name"] == "alice")
    assert alice["judged"] == 2 and alice["sentences"] == plan.load("alice") and alice["labels"] == 2
    assert data["plan"]["shared_groups"] == len(plan.shared) and data["missing"] == []


def test_progress_names_missing_packages_copies_and_strangers(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["alice", "bob", "carol"], out, overlap=0.2).plan
    shutil.copyfile(out / "alice.sqlite", tmp_path / "alice-again.sqlite")
    group = plan.groups_of("bob")[0]
    _label(out / "bob.sqlite", "Bob S.", _content(corpus, group)[:3])  # labeled under another name
    report = read_progress([out / "alice.sqlite", out / "bob.sqlite", tmp_path / "alice-again.sqlite"])
    assert report.missing == [("carol", "carol.sqlite")]
    assert report.twice == [("alice", [str(out / "alice.sqlite"), str(tmp_path / "alice-again.sqlite")])]
    assert report.strangers == [("Bob S.", str(out / "bob.sqlite"), 3)]
    assert next(a for a in report.annotators if a.name == "bob").judged == 0
    tail = agreement_and_problem_lines(report)  # what the app's third tab shows: the text's end, as lines
    assert format_progress(report).endswith("\n\n" + "\n".join(tail))
    assert tail[0].startswith("agreement on the shared groups") and tail[-3:] == [
        "missing packages: carol (carol.sqlite)",
        f"returned twice: alice's package, in {out / 'alice.sqlite'}, {tmp_path / 'alice-again.sqlite'}",
        f"not in the plan: Bob S. ({out / 'bob.sqlite'})"]


# --------------------------------------------------------------------------- merge knows the plan

def test_merge_reports_against_the_plan_and_stays_idempotent(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["alice", "bob", "carol"], out, overlap=0.3, seed=5).plan
    shared = sorted(plan.shared)[0]
    first, second = plan.assignments[shared]
    third = next(n for n in plan.annotators if n not in (first, second))
    _label(out / f"{first}.sqlite", first, _content(corpus, shared))  # finishes the shared group
    _label(out / f"{third}.sqlite", "intruder", _content(corpus, plan.groups_of(third)[0])[:1])
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(out / f"{first}.sqlite", copy)
    merged = tmp_path / "merged.sqlite"
    reports = merge_projects(merged, [out / f"{first}.sqlite", copy, out / f"{third}.sqlite"])
    check = reports.plan
    assert check.planned == 3 and check.merged == 2
    assert check.missing == [(second, f"{second}.sqlite")]
    assert check.twice == [(first, [str(out / f"{first}.sqlite"), str(copy)])]
    assert check.strangers == [("intruder", str(out / f"{third}.sqlite"))]
    short = {group: counts for group, _, counts, _ in check.short}
    assert short[shared] == {first: plan.sizes[shared], second: 0}  # one of the two planned finished it
    assert set(short) == set(plan.assignments)  # nobody else finished anything
    assert merge_problems(check) == [f"missing packages: {second} ({second}.sqlite)",
                                f"returned twice: {first}'s package, in {out / f'{first}.sqlite'}, {copy}",
                                f"not in the plan: intruder ({out / f'{third}.sqlite'})",
                                f"groups labeled by fewer people than planned: {len(short)}"]
    assert merge_lines(check)[1:1 + len(merge_problems(check))] == merge_problems(check)  # the detail follows, indented
    result = _cli("merge", tmp_path / "cli.sqlite", out / f"{first}.sqlite", out / f"{third}.sqlite")
    assert result.exit_code == 0
    assert f"missing packages: {second} ({second}.sqlite)" in result.output
    assert f"not in the plan: intruder ({out / f'{third}.sqlite'})" in result.output
    assert f"  {shared}: 1 of 2 finished ({first} {plan.sizes[shared]}/{plan.sizes[shared]}, {second} 0/" \
           in result.output
    before = hashlib.sha256(merged.read_bytes()).hexdigest()
    again = merge_projects(merged, [out / f"{first}.sqlite", out / f"{third}.sqlite"])
    assert all(r["annotations_added"] == 0 and r["documents_added"] == 0 for _, r in again)
    assert [name for name, *_ in again.plan.again] == [first, third]
    assert hashlib.sha256(merged.read_bytes()).hexdigest() == before
    final = merge_projects(merged, [out / f"{second}.sqlite"])
    assert final.plan.missing == [] and final.plan.merged == 3


def test_merging_back_into_the_source_uses_its_plan(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["alice", "bob"], out, overlap=1.0).plan
    for name in plan.annotators:
        for group in plan.groups_of(name):
            _label(out / f"{name}.sqlite", name, _content(corpus, group))
    reports = merge_projects(corpus, sorted(out.glob("*.sqlite")))
    assert reports.plan.missing == [] and reports.plan.short == [] and reports.plan.merged == 2
    assert all(r["documents_matched"] == 90 and r["documents_added"] == 0 for _, r in reports)
    with Store.open(corpus, readonly=True) as store:
        assert set(store.plans.returns(plan.uid)) == {(1, "alice"), (1, "bob")}


def test_a_failed_merge_records_no_package(corpus, tmp_path):
    out = tmp_path / "out"
    assign(corpus, ["alice", "bob"], out, overlap=0.5)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    target = tmp_path / "target.sqlite"
    merge_projects(target, [out / "bob.sqlite"])
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    result = _cli("merge", target, out / "alice.sqlite", damaged)
    _one_line_error(result, "damaged.sqlite")
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    with Store.open(target, readonly=True) as store:
        assert set(store.plans.returns(store.plans.latest().uid)) == {(1, "bob")}


def test_merge_without_a_plan_says_nothing_of_plans(demo_project, tmp_path):
    result = _cli("merge", tmp_path / "m.sqlite", demo_project)
    assert result.exit_code == 0 and "packages merged" not in result.output and "missing" not in result.output


# --------------------------------------------------------------------------- re-planning

def test_reassign_moves_only_the_groups_not_started(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["alice", "bob", "carol"], out, overlap=0.3, seed=9).plan
    bobs = plan.groups_of("bob")
    started = bobs[0]
    _label(out / "bob.sqlite", "bob", _content(corpus, started)[:1])
    result = reassign(corpus, "bob", out)
    new = result.plan
    assert new.uid == plan.uid and new.revision == 2 and result.kept == [started]
    assert set(result.moved) | set(result.fewer) == set(bobs) - {started}
    assert new.groups_of("bob") == [started]
    for group in plan.assignments:
        if group in result.moved:
            assert "bob" not in new.assignments[group]
            assert len(new.assignments[group]) == len(plan.assignments[group])  # the overlap is kept
        elif group not in result.fewer:
            assert new.assignments[group] == plan.assignments[group]
    for name, path in result.files.items():
        assert path.name == f"{name}.r2.sqlite"
        assert set(_group_documents(path)) == {g for g, who in result.moved.items() if who == name}
        with Store.open(path, readonly=True) as store:
            assert [p.revision for p in store.plans.history(plan.uid)] == [1, 2]
    with Store.open(corpus, readonly=True) as store:
        assert store.plans.latest().revision == 2
    report = read_progress([out])
    assert report.plan.revision == 2 and report.missing == []
    bob = next(a for a in report.annotators if a.name == "bob")
    assert (bob.groups, bob.judged) == (1, 1)
    cli = _cli("assign", corpus, "--reassign", "bob", "-o", out)
    assert cli.exit_code == 0 and "no group to move" in cli.output


def test_reassign_counts_work_merged_into_the_source(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["alice", "bob"], out).plan
    started = plan.groups_of("bob")[-1]
    returned = tmp_path / "returned"
    returned.mkdir()
    shutil.copyfile(out / "bob.sqlite", returned / "bob.sqlite")
    _label(returned / "bob.sqlite", "bob", _content(corpus, started)[:2])
    merge_projects(corpus, [returned / "bob.sqlite"])
    result = reassign(corpus, "bob", tmp_path / "next", returned=[out])
    assert result.kept == [started] and set(result.moved) == set(plan.groups_of("bob")) - {started}
    assert set(result.moved.values()) == {"alice"} and list(result.files) == ["alice"]


# --------------------------------------------------------------------------- bad inputs

def _snapshot(folder):
    """Every file below `folder` with its hash (a lock file, empty, is the writer's lock)."""
    return sorted((p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in folder.rglob("*")
                  if p.is_file() and not p.name.endswith("-lock"))


@pytest.mark.parametrize("args, words", [
    (["--annotators", "alice,bob", "--overlap", "1.5"], ["--overlap", "1.5"]),
    (["--annotators", "alice,bob", "--overlap", "-0.1"], ["--overlap"]),
    (["--annotators", "alice,bob", "--overlap", "0.2", "--copies", "3"], ["--copies 3"]),
    (["--annotators", "alice", "--overlap", "0.2"], ["two annotators"]),
    (["--annotators", "alice,Alice"], ["named twice"]),
    (["--annotators", "../evil"], ["file name"]),
    (["--annotators", ""], ["--annotators"]),
    (["--reassign", "zoe"], ["'zoe' is not in the plan"]),
    (["--reassign", "bob", "--annotators", "x"], ["--reassign"]),
    (["--annotators", "a,b", "--labels", "nobody"], ["--labels", "nobody"]),
])
def test_bad_assign_inputs_say_one_line_and_change_nothing(corpus, tmp_path, args, words):
    assign(corpus, ["alice", "bob"], tmp_path / "first")
    before = _snapshot(tmp_path)
    _one_line_error(_cli("assign", corpus, *args, "-o", tmp_path / "second"), *words)
    assert _snapshot(tmp_path) == before


def test_existing_packages_are_never_written_over(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "bob.sqlite").write_bytes(b"bob's returned work")
    before = _snapshot(tmp_path)
    _one_line_error(_cli("assign", corpus, "--annotators", "alice,bob", "-o", out), "bob.sqlite", "exists already")
    assert _snapshot(tmp_path) == before
    with Store.open(corpus, readonly=True) as store:
        assert store.plans.latest() is None


def test_a_failure_while_writing_removes_every_package(corpus, tmp_path, monkeypatch):
    from annotator.core.store.plans import Plans

    calls = []
    original = Plans.fill

    def failing(self, *args):
        calls.append(1)
        if len(calls) == 3:
            raise AnnotatorError(self.where, "disk full: simulated")
        return original(self, *args)

    monkeypatch.setattr(Plans, "fill", failing)
    out = tmp_path / "new"
    with pytest.raises(AnnotatorError, match="simulated"):
        assign(corpus, TEAM, out, overlap=0.2)
    assert not out.exists()
    with Store.open(corpus, readonly=True) as store:
        assert store.plans.latest() is None


def test_assign_refuses_projects_it_cannot_plan(tmp_path, demo_project):
    _one_line_error(_cli("assign", tmp_path / "none.sqlite", "--annotators", "a", "-o", tmp_path / "o"),
                    "none.sqlite", "no such project file")
    _one_line_error(_cli("assign", demo_project, "--annotators", "a,b,c", "-o", tmp_path / "o"),
                    "too few for 3 annotators")
    _one_line_error(_cli("assign", demo_project, "--reassign", "a", "-o", tmp_path / "o"), "has no plan")
    (tmp_path / "file").write_text("x")
    _one_line_error(_cli("assign", demo_project, "--annotators", "a", "-o", tmp_path / "file"), "is a file")
    assert not (tmp_path / "o").exists()


def test_bad_progress_inputs_say_one_line(corpus, tmp_path, demo_project):
    out = tmp_path / "out"
    assign(corpus, ["alice", "bob"], out)
    _one_line_error(_cli("progress", tmp_path / "missing"), "missing", "no such file or folder")
    (tmp_path / "empty").mkdir()
    _one_line_error(_cli("progress", tmp_path / "empty"), "holds no project files")
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    _one_line_error(_cli("progress", out, damaged), "damaged.sqlite", "damaged")
    _one_line_error(_cli("progress", out, demo_project), "demo.sqlite", "is not a work package")
    other = tmp_path / "other"
    assign(corpus, ["alice", "bob"], other)
    _one_line_error(_cli("progress", out / "alice.sqlite", other / "bob.sqlite"), "belongs to another plan")
    (tmp_path / "text.sqlite").write_text("not a database")
    _one_line_error(_cli("progress", out, tmp_path / "text.sqlite"), "text.sqlite")


# --------------------------------------------------------------------------- the whole round, on the seeds

def test_the_team_round_on_the_seeds(demo_project, tmp_path):
    out = tmp_path / "packages"
    assert _cli("assign", demo_project, "--annotators", "ann,ben", "--overlap", "1", "--seed", "3",
                "-o", out).exit_code == 0
    ids = _content(demo_project, "seeds")[:6]
    for sentence_id, (ann, ben) in zip(ids, [("claim", "claim"), ("claim", "attribution"), ("none", "none"),
                                             ("correction", "correction"), ("claim", "claim"), ("none", "claim")]):
        for who, label in (("ann", ann), ("ben", ben)):
            assert _cli("label", out / f"{who}.sqlite", sentence_id, label, "--annotator", who).exit_code == 0
    text = _cli("progress", out).output
    assert "  all labels: alpha " in text and "    ann / ben: kappa " in text and ", 6 sentences" in text
    progress = json.loads(_cli("progress", out, "--json").output)
    assert [(a["name"], a["judged"]) for a in progress["annotators"]] == [("ann", 6), ("ben", 6)]
    assert progress["agreement"][OVERALL]["sentences"] == 6
    merged = tmp_path / "merged.sqlite"
    result = _cli("merge", merged, out / "ann.sqlite", out / "ben.sqlite")
    assert result.exit_code == 0 and "2 of 2 packages merged so far" in result.output
    agreement = _cli("agreement", merged)
    assert "ann / ben" in agreement.output and "over 6 sentences" in agreement.output
    adjudicated = _cli("adjudicate", merged)
    assert "4 sentences decided by majority, 2 left to adjudicate" in adjudicated.output


def test_an_annotator_who_started_nothing_leaves_the_plan(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["alice", "bob", "carol"], out, overlap=0.2, seed=3).plan
    result = _cli("assign", corpus, "--reassign", "bob", "-o", out)
    assert result.exit_code == 0, result.output
    with Store.open(corpus, readonly=True) as store:
        new = store.plans.latest()
    assert new.annotators == ("alice", "carol") and new.groups_of("bob") == []
    assert new.shared == plan.shared  # two people were left to take each shared group
    assert all(len(new.assignments[g]) == 2 for g in new.shared)
    for name in ("alice", "carol"):
        gained = [g for g in plan.groups_of("bob") if name in new.assignments[g] and name not in plan.assignments[g]]
        line = f"{out / f'{name}.r2.sqlite'}: {name}, {len(gained)} group"
        assert line in result.output, result.output
        assert set(_group_documents(out / f"{name}.r2.sqlite")) == set(gained)
    _label(out / "bob.sqlite", "bob", _content(corpus, plan.groups_of("bob")[0])[:2])  # bob labels after all
    report = read_progress([out])
    assert report.strangers == [("bob", str(out / "bob.sqlite"), 2)]
    assert report.missing == []  # bob's first package was returned (it is in the folder)
    merged = merge_projects(tmp_path / "m.sqlite", sorted(out.glob("*.sqlite")))
    assert merged.plan.strangers == [("bob", str(out / "bob.sqlite"))] and merged.plan.merged == 5


def test_a_package_another_process_makes_meanwhile_is_neither_written_nor_removed(corpus, tmp_path, monkeypatch):
    import annotator.core.team.packages as team

    out = tmp_path / "pk"
    out.mkdir()
    theirs = out / "b.sqlite"
    checked = []
    real_refuse = team._refuse_existing

    def refuse_then_another_process_writes(paths):
        real_refuse(paths)
        checked.append(True)
        if len(checked) == 2:  # after the last check, before the packages are opened: someone makes b.sqlite
            shutil.copyfile(corpus, theirs)

    monkeypatch.setattr(team, "_refuse_existing", refuse_then_another_process_writes)
    with pytest.raises(AnnotatorError, match="exists already"):
        assign(corpus, ["a", "b", "c"], out)
    assert theirs.read_bytes() == corpus.read_bytes()  # theirs, untouched
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith("-lock")) == ["b.sqlite"]  # a.sqlite removed
    with Store.open(corpus, readonly=True) as store:
        assert store.plans.latest() is None
