"""Writing the packages: one project file per annotator holding its groups, all or nothing,
the plan recorded in the project and in every package; and finding returned package files."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from annotator.core.model import PackageId, Plan
from annotator.core.plural import counted
from annotator.core.store import Store, now, remove_project_files
from annotator.core.team.plan import check_team, file_name_problem, plan_groups, replan_without
from annotator.errors import AnnotatorError, NotFoundError

Progress = Callable[[int, int, str], None] | None


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
            raise AnnotatorError(project, f"has {counted(len(sizes), 'group')}: too few for"
                                          f" {len(annotators)} annotators"
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
