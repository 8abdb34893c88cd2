"""The team: annotators' project files merged into this one, and the team's progress read off
a folder of returned work packages."""

from __future__ import annotations

from annotator.ui.controllers.base import Controller


class TeamController(Controller):
    def choose_merge(self) -> None:
        self.choose_files(self.tr("Merge annotators' projects"), self.tr("annotator projects (*.sqlite)"), self.merge_paths)

    def merge_paths(self, paths: list[str]) -> None:
        """Bring other project files' documents, annotations and manual links into this one."""
        if self.session is None:
            return
        session = self.session

        def done(reports) -> None:
            self.window.apply(session.reload())
            added = sum(r["annotations_added"] for r in reports)
            unmatched = sum(r["annotations_unmatched"] for r in reports)
            plan = getattr(reports, "plan", None)
            from annotator.present.team import merge_problems  # (the team's modules: only once merging)

            problems = merge_problems(plan) if plan else []
            self.say(self.tr("Merged %n project(s)", "", len(reports))
                     + self.tr(": %n annotation(s) added", "", added)
                     + (self.tr(", %n not matched", "", unmatched) if unmatched else "")
                     + (f"; {'; '.join(problems)}" if problems else ""), 8000)

        self.window.run_job(self.tr("Merging…"), session.merge_work(paths), done)

    def choose_progress(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Folder of returned work packages"))
        if folder:
            self.show_progress(folder)

    def show_progress(self, folder: str) -> None:
        """The team's progress read off the packages in `folder`, in the background (no project
        needs to be open: nothing is merged)."""
        from annotator.core.session import team_progress_work
        from annotator.ui.progress_dialog import ProgressDialog

        def done(report) -> None:
            self.progress_dialog = ProgressDialog(report, folder, self.window)
            self.progress_dialog.show()

        self.window.run_job(self.tr("Reading packages…"), team_progress_work([folder]), done)
