"""The team's progress read off the returned packages without merging them: per annotator
and per group, and the agreement on the shared groups so far."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.dataset.timing import TimeOnItem, summarise
from annotator.core.model import PackageId, Plan
from annotator.core.store import Store
from annotator.core.team.packages import Progress, package_files
from annotator.errors import AnnotatorError


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
    time_on_item: list[TimeOnItem] = field(default_factory=list)  # per annotator, from the packages' events

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
            "time_on_item": {t.annotator: t.to_dict() for t in self.time_on_item},
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
    timed: list[tuple[str, str, float]] = []  # the packages' timed judgements (event id, who, seconds)
    for done, (path, package) in enumerate(packages):
        if progress is not None:
            progress(done, len(files), path)
        with Store.open(path, readonly=True) as store, store.foreign(check=False):
            timed += store.events.timed()
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
        [(name, file, count) for (name, file), count in strangers.items()], summarise(timed))
