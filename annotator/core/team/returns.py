"""Merging packages back: the merge checks its inputs against the team plan and records which
packages came back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.model import PackageId, Plan
from annotator.core.store import Store
from annotator.core.team.plan import file_name_problem
from annotator.core.text.ingest import storable_name
from annotator.errors import AnnotatorError, visible


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
