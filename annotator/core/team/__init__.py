"""Work packages for a team that works offline and exchanges files: a plan that splits a
project's groups among annotators (whole groups, balanced by sentence count, a share of them
given to several annotators so that agreement can be measured), one package file per
annotator, re-planning when someone drops out, and the progress read off the returned files
without merging them."""

from __future__ import annotations

import math
import os
import random
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from annotator.core.text.ingest import storable_name
from annotator.core.model import PackageId, Plan
from annotator.core.store import Store, now, remove_project_files
from annotator.errors import AnnotatorError, NotFoundError, visible

Progress = Callable[[int, int, str], None] | None
_NAME = re.compile(r"^[^\W_][\w .@+-]*$")  # the characters a new annotator's name may have
# Names Windows keeps for devices, with or without an extension ("nul.sqlite" is the device too).
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                      *(f"{port}{n}" for port in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3")})
_UNPORTABLE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"|?*\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069'
                         r"\ud800-\udfff]")


def file_name_problem(name: str) -> str | None:
    """Why `name` (an annotator's, or a package file's) cannot be a file name, by itself and
    on every system, or None when it can: no folder separator, not . or .., no control, bidi
    or Windows-reserved character, no trailing dot or space, not a Windows device name
    (CON, NUL, COM1... with any extension), at most 100 characters and 200 bytes (room for
    ".r12.sqlite" and the -wal beside it). Checked wherever a name becomes a path."""
    if not isinstance(name, str) or not name:
        return "it is empty"
    if "/" in name or "\\" in name:
        return "it holds a folder separator"
    if name in (".", ".."):
        return "it names a folder"
    if _UNPORTABLE.search(name):
        return "it holds a control character or one of < > : \" | ? *"
    if name[-1] in ". ":
        return "it ends in a dot or a space"
    if name.split(".")[0].rstrip(" ").upper() in _DEVICES:
        return "it is a device name on Windows"
    if len(name) > 100 or len(name.encode("utf-8")) > 200:
        return "it is longer than 100 characters (or 200 bytes)"
    return None


# --------------------------------------------------------------------------- the plan itself

def check_team(annotators: Sequence[str], overlap: float, copies: int) -> None:
    """Refuse, in one line, a team that cannot be planned (before any file is touched)."""
    if not annotators:
        raise AnnotatorError(None, "--annotators names nobody: give names separated by commas, e.g. alice,bob")
    seen: dict[str, str] = {}
    for name in annotators:
        problem = file_name_problem(name)
        if problem is not None:
            raise AnnotatorError(None, f"annotator name {name!r} cannot be a file name: {problem}")
        if not _NAME.match(name):
            raise AnnotatorError(None, f"annotator name {name!r} cannot be a file name: use letters, digits,"
                                       " spaces and . @ + - (not first), at most 100 characters")
        if name.casefold() in seen:
            raise AnnotatorError(None, f"annotator {name!r} is named twice (as {seen[name.casefold()]!r})")
        seen[name.casefold()] = name
    if not 0 <= overlap <= 1 or math.isnan(overlap):
        raise AnnotatorError(None, f"--overlap is a share of the groups, from 0 to 1, not {overlap:g}")
    if overlap > 0 and not 2 <= copies <= len(annotators):
        raise AnnotatorError(None, f"--copies {copies}: a shared group goes to 2 to {len(annotators)} annotators"
                                   f" here (there are {len(annotators)})" if len(annotators) > 1 else
                             "--overlap needs at least two annotators to share groups")


def plan_groups(sizes: dict[str, int], annotators: Sequence[str], overlap: float, copies: int,
                seed: int) -> tuple[dict[str, tuple[str, ...]], frozenset]:
    """Each group (name -> content sentences) to one annotator, or to `copies` of them for the
    share `overlap` of the groups (at least one group when overlap > 0), chosen at random by
    `seed`. Shared groups are placed first, then the rest, largest first, each to the
    annotators with the fewest sentences so far (ties broken in a seeded order), so the load
    is balanced to within about one group. The same inputs give the same plan."""
    chance = random.Random(seed)
    order = list(sizes)
    chance.shuffle(order)
    wanted = 0 if overlap == 0 or copies < 2 else max(1, round(overlap * len(order)))
    shared = frozenset(order[:min(wanted, len(order))])
    rank = {name: k for k, name in enumerate(chance.sample(list(annotators), len(annotators)))}
    load = dict.fromkeys(annotators, 0)
    together: dict[frozenset, int] = {}
    assignments: dict[str, tuple[str, ...]] = {}
    for group in sorted(order, key=lambda g: (g not in shared, -sizes[g])):  # stable: seeded ties
        chosen: list[str] = []
        for _ in range(copies if group in shared else 1):
            best = min((a for a in annotators if a not in chosen),
                       key=lambda a: (load[a], sum(together.get(frozenset((a, c)), 0) for c in chosen), rank[a]))
            for other in chosen:
                together[frozenset((best, other))] = together.get(frozenset((best, other)), 0) + 1
            chosen.append(best)
            load[best] += sizes[group]
        assignments[group] = tuple(sorted(chosen, key=list(annotators).index))
    return {group: assignments[group] for group in sizes}, shared


def replan_without(plan: Plan, who: str, started: set[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, str],
                                                                     list[str]]:
    """`who`'s groups they have not started, to the others: each (largest first) to the
    annotator with the fewest sentences who does not have it yet, so a shared group stays
    shared by as many as before where anyone is left to take it. Returns the new assignments,
    the moved groups (group -> new annotator) and the shared groups that lost a copy."""
    others = [a for a in plan.annotators if a != who]
    load = {a: plan.load(a) for a in others}
    rank = {a: k for k, a in enumerate(others)}
    assignments = dict(plan.assignments)
    moved: dict[str, str] = {}
    fewer: list[str] = []
    for group in sorted((g for g in plan.groups_of(who) if g not in started), key=lambda g: (-plan.sizes[g], g)):
        remaining = [a for a in assignments[group] if a != who]
        free = [a for a in others if a not in remaining]
        if not free:
            fewer.append(group)
            assignments[group] = tuple(remaining)
            continue
        best = min(free, key=lambda a: (load[a], rank[a]))
        load[best] += plan.sizes[group]
        moved[group] = best
        assignments[group] = tuple(a for a in plan.annotators if a in remaining or a == best)
    return assignments, moved, fewer


# --------------------------------------------------------------------------- writing packages

@dataclass
class AssignResult:
    plan: Plan
    files: dict[str, Path]  # annotator -> the package written
    moved: dict[str, str] = field(default_factory=dict)  # --reassign: group -> new annotator
    fewer: list[str] = field(default_factory=list)  # --reassign: shared groups that lost a copy
    kept: list[str] = field(default_factory=list)  # --reassign: groups the annotator had started


def _output_folder(out_dir: str | os.PathLike) -> tuple[Path, bool]:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise AnnotatorError(out, "is not a folder (-o names the folder the packages go to)")
    if not out.exists() and not out.parent.is_dir():
        raise AnnotatorError(out, f"cannot be made: folder {out.parent} does not exist")
    return out, not out.exists()


def _refuse_existing(paths: Iterable[Path]) -> None:
    for path in paths:  # lexists: a link, even one to nowhere, is there (SQLite would write at its target)
        if os.path.lexists(path) or os.path.lexists(f"{path}-wal"):
            _exists_already(path)


def _exists_already(path: Path) -> NoReturn:
    raise AnnotatorError(path, "exists already: packages are never written over (a returned package"
                               " would be lost); choose another -o folder or move it away")


def _building(path: Path) -> Path:
    """Where the package `path` is built: a hidden file beside it, renamed into place only once
    every package is complete and the plan is recorded, so that a killed assign leaves no file
    that looks like a package (and nothing under the packages' names to block a rerun)."""
    return path.with_name(f".{path.name}.partial")


def _place(built: Path, path: Path) -> None:
    """Give a finished package its name, never over a file or link that appeared meanwhile."""
    try:
        os.link(built, path)  # refused when `path` exists, even as a dangling link
    except FileExistsError:
        _exists_already(path)
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            _exists_already(path)
        os.rename(built, path)
        return
    os.unlink(built)


def _write(store: Store, plan: Plan, history: list[Plan], groups_of: dict[str, list[str]], out: Path,
           created: bool, progress: Progress) -> dict[str, Path]:
    """The packages (annotator -> groups in it), then the plan in the source project: all or
    nothing (a failure removes every package written, and the folder if it made it). Each
    package is built under a hidden name (`_building`) and renamed into place in the same
    transaction that records the plan; a leftover of a killed run under that name is removed."""
    for name in groups_of:
        problem = file_name_problem(name) or file_name_problem(plan.packages[name][0])
        if problem is not None:  # the names of a plan read from a file (a merged package's)
            raise AnnotatorError(store.path, f"its team plan names {name!r}, which cannot be a file name"
                                             f" ({problem}): nothing was written")
    files = {name: out / plan.packages[name][0] for name in groups_of}
    _refuse_existing(files.values())
    built: list[Path] = []
    placed: list[Path] = []
    try:
        if created:
            out.mkdir()
        for done, (name, path) in enumerate(files.items()):
            if progress is not None:
                progress(done, len(files), name)
            building = _building(path)
            remove_project_files(building)  # a killed run's: unlink removes a link, never its target
            built.append(building)
            package = Store.open(building)
            try:
                package.plans.fill(store.path, groups_of[name], plan.labels)
                with package.transaction():
                    package.plans.record(history)
                    package.plans.mark_package(PackageId(plan.uid, plan.revision, name))
            except BaseException:
                package.discard()
                raise
            package.close(remove_lock_file=True)  # not handed out with the package
        with store.transaction():  # the plan and the packages' names: a failure undoes both
            store.plans.record([plan])
            for path in files.values():
                _place(_building(path), path)
                placed.append(path)
    except BaseException:
        for path in built + placed:
            remove_project_files(path)
        if created:
            try:
                out.rmdir()
            except OSError:
                pass
        raise
    return files


def assign(project: str | os.PathLike, annotators: Sequence[str], out_dir: str | os.PathLike, *,
           overlap: float = 0.0, copies: int = 2, seed: int = 0, labels: str = "none",
           progress: Progress = None) -> AssignResult:
    """Plan `project`'s groups for the annotators and write one package per annotator to
    `out_dir` (NAME.sqlite); the plan is recorded in the project and in every package."""
    check_team(annotators, overlap, copies)
    out, created = _output_folder(out_dir)
    _refuse_existing(out / f"{name}.sqlite" for name in annotators)  # before the project is even opened
    with Store.open(project, create=False) as store:
        sizes = store.plans.group_sizes()
        if not sizes:
            raise AnnotatorError(project, "has no groups to hand out: import documents first")
        wanted = 0 if overlap == 0 else max(1, round(overlap * len(sizes)))
        if len(sizes) + wanted * (copies - 1) < len(annotators):
            raise AnnotatorError(project, f"has {len(sizes)} groups: too few for {len(annotators)} annotators"
                                          " (every annotator needs at least one group)")
        carried = store.plans.carried_by(labels)
        assignments, shared = plan_groups(sizes, annotators, overlap, copies, seed)
        groups_of = {name: [g for g, names in assignments.items() if name in names] for name in annotators}
        plan = Plan(uuid.uuid4().hex, 1, now(), seed, overlap, copies if shared else 1, labels, tuple(carried),
                    tuple(annotators), assignments, shared, sizes,
                    {name: (f"{name}.sqlite", len(groups_of[name])) for name in annotators})
        files = _write(store, plan, [plan], groups_of, out, created, progress)
    return AssignResult(plan, files)


def reassign(project: str | os.PathLike, who: str, out_dir: str | os.PathLike,
             returned: Sequence[str | os.PathLike] | None = None, progress: Progress = None) -> AssignResult:
    """Move the groups `who` has not started to the others (a new revision of the plan), and
    write a package of the groups each of them gains (NAME.rREVISION.sqlite). What `who`
    started is read off the returned packages (`returned`, files or folders; default: the
    packages in `out_dir`) and the project itself (packages merged into it)."""
    out, created = _output_folder(out_dir)
    with Store.open(project, create=False) as store:
        plan = store.plans.latest()
        if plan is None:
            raise AnnotatorError(project, "has no plan to change: run annotator assign first")
        if who not in plan.annotators:
            raise NotFoundError(project, f"{who!r} is not in the plan (annotators: {', '.join(plan.annotators)})")
        if len(plan.annotators) < 2:
            raise AnnotatorError(project, f"{who!r} is the plan's only annotator: nobody to give the groups to")
        started = {group for name, group, *_ in store.plans.judged_per_group() if name == who}
        if not returned:  # the packages in the output folder, where returned files are put back
            returned = [out] if out.is_dir() and any(out.glob("*.sqlite")) else []
        for path in package_files(returned) if returned else []:
            with Store.open(path, readonly=True) as package, package.foreign():
                mine = package.plans.package()
                if mine is not None and mine.uid == plan.uid:
                    started |= {group for name, group, *_ in package.plans.judged_per_group() if name == who}
        assignments, moved, fewer = replan_without(plan, who, started)
        kept = [g for g in plan.groups_of(who) if g in started]
        if not moved and not fewer:
            return AssignResult(plan, {}, moved, fewer, kept)
        revision = plan.revision + 1
        gains: dict[str, list[str]] = {}
        for group, name in moved.items():
            gains.setdefault(name, []).append(group)
        order = [a for a in plan.annotators if any(a in names for names in assignments.values())]
        gains = {name: gains[name] for name in order if name in gains}
        new = Plan(plan.uid, revision, now(), plan.seed, plan.overlap, plan.copies, plan.labels, plan.carried,
                   tuple(order), assignments, frozenset(g for g in plan.shared if len(assignments[g]) > 1),
                   plan.sizes, {name: (f"{name}.r{revision}.sqlite", len(groups)) for name, groups in gains.items()})
        files = _write(store, new, [*store.plans.history(plan.uid), new], gains, out, created, progress)
    return AssignResult(new, files, moved, fewer, kept)


# --------------------------------------------------------------------------- reading returned files

def package_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The project files named: a file as it is, a folder's *.sqlite files in name order."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.sqlite") if p.is_file())
            if not inside:
                raise AnnotatorError(path, "holds no project files (*.sqlite)")
            found += inside
        elif path.exists():
            found.append(path)
        else:
            raise AnnotatorError(path, "no such file or folder")
    return list(dict.fromkeys(found))


@dataclass
class AnnotatorProgress:
    name: str
    files: list[str]
    groups: int
    sentences: int  # content sentences planned
    judged: int
    labels: int
    first: str | None
    last: str | None

    @property
    def share(self) -> float:
        return self.judged / self.sentences if self.sentences else 0.0


@dataclass
class GroupProgress:
    name: str
    shared: bool
    sentences: int
    judged: dict[str, int]  # planned annotator -> content sentences judged
    labels: int = 0  # labels its planned annotators gave
    first: str | None = None  # the span of their work on it
    last: str | None = None


@dataclass
class TeamProgress:
    plan: Plan
    files: list[tuple[str, PackageId]]
    annotators: list[AnnotatorProgress]
    groups: list[GroupProgress]
    agreement: dict  # agreement_report over the shared groups
    missing: list[tuple[str, str]]  # (annotator, package file) not among the files
    twice: list[tuple[str, list[str]]]  # (annotator, files) holding the same package
    strangers: list[tuple[str, str, int]]  # (name, file, sentences judged) of names not in the plan

    def to_dict(self) -> dict:
        from annotator.core.dataset.agreement import OVERALL

        def agreement(results):
            return {r.label: {"alpha": r.alpha, "sentences": r.items,
                              "pairs": [{"annotators": [p.first, p.second], "kappa": p.kappa, "raw": p.raw,
                                         "sentences": p.items} for p in r.pairs if p.items]} for r in results}

        return {
            "plan": {"uid": self.plan.uid, "revision": self.plan.revision, "seed": self.plan.seed,
                     "overlap": self.plan.overlap, "copies": self.plan.copies, "annotators": list(self.plan.annotators),
                     "groups": len(self.plan.assignments), "shared_groups": len(self.plan.shared)},
            "files": [{"file": f, "annotator": p.annotator, "revision": p.revision} for f, p in self.files],
            "annotators": [{"name": a.name, "files": a.files, "groups": a.groups, "sentences": a.sentences,
                            "judged": a.judged, "share": round(a.share, 4), "labels": a.labels,
                            "first": a.first, "last": a.last} for a in self.annotators],
            "groups": [{"group": g.name, "shared": g.shared, "sentences": g.sentences, "judged": g.judged,
                        "labels": g.labels, "first": g.first, "last": g.last} for g in self.groups],
            "agreement": agreement(self.agreement.get("all", [])),
            "overall_label": OVERALL,
            "missing": [{"annotator": a, "file": f} for a, f in self.missing],
            "returned_twice": [{"annotator": a, "files": files} for a, files in self.twice],
            "not_in_plan": [{"name": n, "file": f, "judged": j} for n, f, j in self.strangers],
        }


def read_progress(paths: Sequence[str | os.PathLike], progress: Progress = None) -> TeamProgress:
    """The team's progress read off returned packages, each opened read-only and on its own
    (nothing is merged): per annotator and per group, the judged share, the labels and the
    time span of the work, and the agreement on the shared groups so far."""
    from annotator.core.dataset.agreement import agreement_report

    files = package_files(paths)
    packages: list[tuple[str, PackageId]] = []
    for path in files:  # first which package each file is (one row), each file checked once here
        with Store.open(path, readonly=True) as store, store.foreign():
            package = store.plans.package()
        if package is None:
            raise AnnotatorError(path, "is not a work package (it holds no plan): progress reads the files"
                                       " that annotator assign wrote")
        if packages and package.uid != packages[0][1].uid:
            raise AnnotatorError(path, f"belongs to another plan than {packages[0][0]}: read one plan's packages"
                                       " at a time")
        packages.append((str(path), package))
    newest = max(range(len(files)), key=lambda k: packages[k][1].revision)
    # a package holds every revision up to its own
    with Store.open(files[newest], readonly=True) as store, store.foreign(check=False):
        history = store.plans.history(packages[newest][1].uid)
        scheme = [label.name for label in store.scheme.labels()]
    latest = history[-1]
    judged: dict[tuple[str, str], list] = {}  # (annotator, group) -> [count, first, last], the most of any file
    votes: dict[tuple, dict[str, list[str]]] = {}  # sentence (document, start, end) -> annotator -> labels
    documents: dict[str, int] = {}
    judges: dict[tuple[str, str], int] = {}  # (name, file) -> content sentences judged there
    carried = set(latest.carried)
    for done, (path, package) in enumerate(packages):
        if progress is not None:
            progress(done, len(files), path)
        with Store.open(path, readonly=True) as store, store.foreign(check=False):
            for name, group, count, first, last, labels in store.plans.judged_per_group():
                if name in carried:
                    continue
                entry = judged.setdefault((name, group), [0, first, last, 0])
                if count > entry[0] or (count == entry[0] and labels > entry[3]):  # the further copy
                    entry[0], entry[3] = count, labels
                entry[1], entry[2] = min(entry[1], first), max(entry[2], last)
                judges[name, path] = judges.get((name, path), 0) + count
            hashes = {document_id: documents.setdefault(sha, len(documents))
                      for document_id, sha in store.plans.document_hashes().items()}
            for document_id, start, end, name, chosen in store.plans.judgements_in(latest.shared):
                if name not in carried:
                    votes.setdefault((hashes[document_id], start, end), {})[name] = chosen.split("|") if chosen else []
    planned = {(p.revision, name): file for p in history for name, (file, _) in p.packages.items()}
    strangers = {key: count for key, count in judges.items()  # not in the latest revision of the plan
                 if key[0] not in latest.annotators and key[0] not in latest.carried}
    returned: dict[tuple[int, str], list[str]] = {}
    for file, package in packages:
        returned.setdefault((package.revision, package.annotator), []).append(file)
    groups_of: dict[str, list[str]] = {}
    for group, names in latest.assignments.items():
        for name in names:
            groups_of.setdefault(name, []).append(group)
    # annotator -> [judged in planned groups, first, last, labels] (labels and times from any group)
    work_of: dict[str, list] = {}
    for (name, group), (count, first, last, labels) in judged.items():
        entry = work_of.setdefault(name, [0, first, last, 0])
        if name in latest.assignments.get(group, ()):
            entry[0] += min(count, latest.sizes[group])
        entry[1], entry[2] = min(entry[1], first), max(entry[2], last)
        entry[3] += labels
    annotators = []
    for name in dict.fromkeys([*latest.annotators, *(n for n, _ in strangers)]):
        groups = groups_of.get(name, [])
        work = work_of.get(name, [0, None, None, 0])
        annotators.append(AnnotatorProgress(
            name, [f for f, p in packages if p.annotator == name], len(groups), sum(latest.sizes[g] for g in groups),
            work[0], work[3], work[1], work[2]))
    groups = []
    for group, names in latest.assignments.items():
        work = [judged[name, group] for name in names if (name, group) in judged]
        groups.append(GroupProgress(group, group in latest.shared, latest.sizes[group],
                                    {name: judged.get((name, group), [0])[0] for name in names},
                                    sum(w[3] for w in work), min((w[1] for w in work), default=None),
                                    max((w[2] for w in work), default=None)))
    rows = [(key, name, chosen, 0, "") for key, by in votes.items() for name, chosen in by.items()]
    return TeamProgress(
        latest, packages, annotators, groups, agreement_report(rows, scheme) if rows else {},
        sorted(((name, file) for (revision, name), file in planned.items() if (revision, name) not in returned),
               key=lambda item: item[0]),
        [(name, files) for (_, name), files in sorted(returned.items()) if len(files) > 1],
        [(name, file, count) for (name, file), count in strangers.items()])


def format_progress(report: TeamProgress) -> str:
    from annotator.core.dataset.agreement import OVERALL, _number

    plan = report.plan
    # names, groups, labels and files come from the packages: shown with `visible`, so that a
    # name holding escape sequences or bidi overrides cannot act on the terminal
    lines = [f"plan {visible(plan.uid[:8])} revision {plan.revision}: {len(plan.annotators)} annotators,"
             f" {_plural(len(plan.assignments), 'group')} ({len(plan.shared)} shared by {plan.copies}),"
             f" seed {plan.seed};"
             f" {len(report.files)} files read", "", "per annotator:"]
    width = max([len(visible(a.name)) for a in report.annotators] + [9])
    for a in report.annotators:
        span = f"{_minute(a.first)} .. {_minute(a.last)}" if a.first else "not started"
        lines.append(f"  {visible(a.name):<{width}}  {_plural(a.groups, 'group'):>10}"
                     f"  {f'{a.judged}/{a.sentences}':>13} judged"
                     f" {100 * a.share:5.1f}%  {a.labels:7d} labels  {span}")
    lines += ["", "per group:"]
    for g in report.groups:
        who = ", ".join(f"{visible(name)} {count}/{g.sentences}" for name, count in g.judged.items())
        span = f"; {_plural(g.labels, 'label')}, {_minute(g.first)} .. {_minute(g.last)}" if g.first else ""
        lines.append(f"  {visible(g.name)}{' (shared)' if g.shared else ''}: {who}{span}")
    lines += ["", "agreement on the shared groups so far (sentences judged by two or more):"]
    results = sorted(report.agreement.get("all", []), key=lambda r: r.label != OVERALL)  # all labels first
    if not results:
        lines.append("  nothing to compare yet")
    for result in results:
        name = "all labels" if result.label == OVERALL else visible(result.label)
        lines.append(f"  {name}: alpha {_number(result.alpha)} over {result.items} sentences")
    pairs = [p for p in results[0].pairs if p.items] if results else []
    if pairs:  # per pair on the whole label set; per label in --json, and in `agreement` once merged
        lines.append("  per pair (all labels):")
        lines += [f"    {visible(p.first)} / {visible(p.second)}: kappa {_number(p.kappa)},"
                  f" raw agreement {_number(p.raw)},"
                  f" {p.items} sentences" for p in pairs]
    lines += problem_lines(report.missing, report.twice, [], [(n, f) for n, f, _ in report.strangers])
    return "\n".join(lines)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _minute(stamp: str) -> str:
    return visible(stamp[:16].replace("T", " "))


def problem_lines(missing, twice, again, strangers) -> list[str]:
    """What does not match the plan, one line each (progress and merge say it alike); names
    and files as `visible` shows them."""
    lines = []
    if missing:
        lines.append("missing packages: " + ", ".join(f"{visible(name)} ({visible(file)})" for name, file in missing))
    for name, files in twice:
        lines.append(f"returned twice: {visible(name)}'s package, in {visible(', '.join(files))}")
    for name, file, when in again:
        lines.append(f"merged before: {visible(name)}'s package ({visible(file)}, on {visible(when)});"
                     " merged again, nothing is counted twice")
    for name, file in strangers:
        lines.append(f"not in the plan: {visible(name)} ({visible(file)})")
    return lines


# --------------------------------------------------------------------------- merging back

@dataclass
class MergeCheck:
    """What a merge found against the team plan."""

    plan: Plan
    planned: int  # packages written for the plan, every revision
    merged: int  # of them merged into the project so far
    missing: list[tuple[str, str]]  # (annotator, package file)
    twice: list[tuple[str, list[str]]]  # (annotator, input files holding the same package)
    again: list[tuple[str, str, str]]  # (annotator, file it first came from, when): merged before
    strangers: list[tuple[str, str]]  # (name, input file): judged there, not in the plan
    foreign: list[tuple[str, str]]  # (input file, why it is not one of the plan's packages)
    short: list[tuple[str, tuple[str, ...], dict[str, int], int]]  # group, planned, judged each, sentences

    def lines(self, most: int = 10) -> list[str]:
        lines = [f"plan {visible(self.plan.uid[:8])} revision {self.plan.revision}: {self.merged} of {self.planned}"
                 " packages merged so far"]
        lines += problem_lines(self.missing, self.twice, self.again, self.strangers)
        lines += [f"not from this plan: {visible(file)} {visible(why)}" for file, why in self.foreign]
        if self.short:
            lines.append(f"groups labeled by fewer people than planned: {len(self.short)}")
            for group, planned, judged, size in self.short[:most]:
                done = sum(1 for name in planned if judged[name] >= size)
                lines.append(f"  {visible(group)}: {done} of {len(planned)} finished ("
                             + ", ".join(f"{visible(name)} {judged[name]}/{size}" for name in planned) + ")")
            if len(self.short) > most:
                lines.append(f"  ... and {len(self.short) - most} more (annotator progress lists them all)")
        return lines


def _check_plan_names(file: str, history: Iterable[Plan]) -> None:
    """Refuse an input whose plan names an annotator or package that cannot be a file name:
    the merge would adopt the plan, and a later --reassign would write NAME.rN.sqlite."""
    for plan in history:
        names = [*plan.annotators, *(n for names in plan.assignments.values() for n in names), *plan.packages]
        for name in [*names, *(file_name for file_name, _ in plan.packages.values())]:
            problem = file_name_problem(name)
            if problem is not None:
                raise AnnotatorError(file, f"its team plan (revision {plan.revision}) names {name!r}, which cannot"
                                           f" be a file name ({problem}): nothing was merged")


def check_merge(target: Store, inputs: Sequence[tuple[str, PackageId | None, list[Plan], set[str]]]
                ) -> MergeCheck | None:
    """After the inputs (file, the package it is, its plan's revisions, who judged in it) were
    merged into `target`, inside the same transaction: record the plan and the packages merged,
    and say which packages are missing or came twice, who is not in the plan, and which groups
    fewer people finished than planned. None when neither the target nor any input has a plan."""
    ours = target.plans.latest()
    uid = ours.uid if ours else next((p.uid for _, p, _, _ in inputs if p is not None), None)
    if uid is None:
        return None
    for file, _, inputs_history, _ in inputs:
        _check_plan_names(file, inputs_history)
    histories = [target.plans.history(uid)] + [h for _, p, h, _ in inputs if p is not None and p.uid == uid]
    history = max(histories, key=lambda h: h[-1].revision if h else 0)
    latest = history[-1]
    target.plans.record(history)  # a new output learns the plan, so later merges know it too
    before = target.plans.returns(uid)
    batch: dict[tuple[int, str], list[str]] = {}
    foreign, strangers = [], []
    for file, package, _, judges in inputs:
        if package is None:
            foreign.append((file, "(not a work package: no plan in it)"))
        elif package.uid != uid:
            foreign.append((file, f"(a package of another plan, {package.uid[:8]})"))
        else:
            batch.setdefault((package.revision, package.annotator), []).append(file)
        strangers += [(name, file) for name in sorted(judges - set(latest.annotators) - set(latest.carried))]
    target.plans.record_returns([(PackageId(uid, revision, name), storable_name(files[0]))
                                 for (revision, name), files in batch.items()])
    returned = set(before) | set(batch)
    planned = [(plan.revision, name, file) for plan in history for name, (file, _) in plan.packages.items()]
    sizes = target.plans.group_sizes()
    judged = {(name, group): count for name, group, count, *_ in target.plans.judged_per_group()}
    short = []
    for group, names in latest.assignments.items():
        size = sizes.get(group, latest.sizes[group])
        counts = {name: judged.get((name, group), 0) for name in names}
        if sum(1 for count in counts.values() if count >= size) < len(names):
            short.append((group, names, counts, size))
    return MergeCheck(
        latest, len(planned), sum(1 for revision, name, _ in planned if (revision, name) in returned),
        [(name, file) for revision, name, file in planned if (revision, name) not in returned],
        [(name, files) for (_, name), files in batch.items() if len(files) > 1],
        [(name, *before[key]) for key in batch if key in before for name in [key[1]]],
        strangers, foreign, short)
