"""Merging annotators' project files: documents matched by the bytes they came from, sentences
by character offsets, every annotator's annotations kept apart, manual links and notes kept."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from annotator.core.store import Store
from annotator.core.store.merging import merge_from
from annotator.errors import Cancelled


def merge_projects(output: str | os.PathLike, inputs: Sequence[str | os.PathLike],
                   progress: Callable[[int, int, str], None] | None = None) -> "MergeReports":
    """Merge `inputs` into `output` (created if missing), all in one transaction: a file that
    cannot be read or merged leaves `output` as it was. Returns each input's report: documents
    added/matched, annotations added/already present, and what could not be matched."""
    target = Store.open(output)
    try:
        reports = merge_files_into(target, inputs, progress)
    except BaseException:
        target.discard()  # a project this call made is not left behind, empty, by a failed merge
        raise
    target.close()
    return reports


def merge_files_into(target: Store, paths: Sequence[str | os.PathLike],
                     progress: Callable[[int, int, str], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> "MergeReports":
    """Merge project files into an open project, in one transaction (all or nothing); a cancel
    rolls everything back. When there is a team plan (in the project or an input), the
    packages merged are recorded and checked against it (MergeReports.plan)."""
    from annotator.core.team.returns import check_merge

    reports = MergeReports()
    packages = []
    with target.transaction():
        for done, path in enumerate(paths):
            if cancelled is not None and cancelled():
                raise Cancelled(None, "merge cancelled; nothing was changed")
            if progress is not None:
                progress(done, len(paths), os.fspath(path))
            with Store.open(path, readonly=True) as source, source.foreign():
                reports.append((os.fspath(path), merge_from(target, source)))
                package = source.plans.package()
                packages.append((os.fspath(path), package,
                                 source.plans.history(package.uid) if package is not None else [],
                                 {name for name, *_ in source.plans.judged_per_group()}))
        reports.plan = check_merge(target, packages)
    return reports


class MergeReports(list):
    """(input file, its report) for each input, in order; `plan` is what the merge found
    against the team plan (team.MergeCheck), or None when there is no plan."""

    plan = None
