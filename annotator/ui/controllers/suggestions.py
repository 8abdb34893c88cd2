"""The model's suggestions: training in the background after every few judgements (once the
keyboard rests), accepting its suggestions (Shift+A), the most uncertain sentence (u), the next
likely one of a label (g, then its key), the model's report."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, QTimer

from annotator.core.session.actions import ClearLabels, SetLabel
from annotator.ui import dialogs
from annotator.ui.controllers.base import Controller
from annotator.ui.jobs import run_in_background
from annotator.ui.plain import menu_entry

RETRAIN_EVERY = 5  # new judgements (labels or "no label applies") between two trainings of the model
RETRAIN_IDLE_MS = 1500  # ... once the keyboard has rested this long: no training competes with a run of keys


class SuggestionsController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.training = None  # the model's training in the background (a quiet Job), if any
        self.training_pool = QThreadPool(window)  # one training at a time, apart from the other jobs
        self.training_pool.setMaxThreadCount(1)
        self.retrain_timer = QTimer(window, singleShot=True, interval=RETRAIN_IDLE_MS, timeout=self.retrain)
        self._training_session = None  # the session the running training belongs to
        self._retrain_again = False  # more labels came while it trained
        self._judged_since = 0  # judgements since the model last started training

    def judged(self, action) -> None:
        """An action was pushed: count the judgements, and train after enough, in a pause."""
        if isinstance(action, ClearLabels) or (isinstance(action, SetLabel) and action.present):
            self._judged_since += 1
        if self._judged_since >= RETRAIN_EVERY:
            self.retrain_timer.start()  # (again: every key pushes the training back until a pause)

    def accept_model_suggestions(self) -> None:
        """Shift+A: take the labels the model suggests here (p >= 0.5) as yours, recorded with
        origin "model" (one undoable step)."""
        sentence_id = self.current()
        if sentence_id is None or self.session is None:
            return
        suggested = [name for name, _ in self.session.sentence(sentence_id).suggested]
        if not suggested:
            self.say(self.tr("The model suggests no label here."), 4000)
            return
        self.window.push_all(self.tr("accept the model's suggestions"),
                             [SetLabel(self.session, sentence_id, label, True, origin="model") for label in suggested])

    def next_uncertain(self) -> None:
        """u: the sentence you have not judged whose suggestion the model is least sure of."""
        if self.session is None:
            return
        current = self.current()
        for sentence_id in self.session.most_uncertain():
            if sentence_id != current and self.window.go_to_sentence(sentence_id):
                probabilities = self.session.probabilities(sentence_id)
                closest = min(probabilities.items(), key=lambda item: abs(item[1] - 0.5))
                self.say(self.tr("Most uncertain: {label} {p:.2f}").format(label=closest[0], p=closest[1]), 4000)
                return
        self.say(self.no_suggestions_text(), 6000)

    def next_likely(self, key: str) -> None:
        """g, then a label key: the next sentence of the group (in view order, wrapping) that the
        model gives that label, among those you have not judged."""
        label = self.session.label_for_key(key) if self.session else None
        if label is None or self.model is None:
            return
        likely = self.session.likely(self.group_id, label.name)
        everything = self.model.sentence_order()
        order = [i for i in everything if i in likely]
        if not order:
            self.say(self.tr("The model suggests {label} nowhere else here.").format(label=label.name) + " "
                     + self.no_suggestions_text(), 6000)
            return
        position = {i: k for k, i in enumerate(everything)}
        here = position.get(self.current(), -1)
        target = next((i for i in order if position[i] > here), order[0])
        self.window.go_to_sentence(target)
        self.say(self.tr("Likely {label}: {p:.2f} ({k} of %n here)", "", len(order)).format(
            label=label.name, p=likely[target], k=order.index(target) + 1), 4000)

    def fill_likely_menu(self, menu) -> None:
        menu.clear()
        for label in self.session.labels if self.session else []:
            menu.addAction(menu_entry(f"{label.key or ' '}  {label.name}"), lambda key=label.key: self.next_likely(key))

    def no_suggestions_text(self) -> str:
        report = self.session.model_report() if self.session else None
        if report is None:
            return self.tr("No suggestions yet: the model trains after every %n sentence(s) you judge, "
                           "in a pause of your typing (or Suggest > Train the model now, Ctrl+T).", "", RETRAIN_EVERY)
        return self.tr("No unjudged sentence with a suggestion is left to show here.")

    def retrain(self) -> None:
        """Train the model on the project's labels in the background; the keyboard stays yours."""
        if self.session is None:
            return
        self._judged_since = 0
        self.retrain_timer.stop()
        if self.training is not None:  # one at a time: train again once this one ends
            self._retrain_again = True
            return
        self._training_session = self.session
        self.training = run_in_background(self.session.train_work(), self._trained, self._training_failed,
                                          self.training_pool)

    def _trained(self, training) -> None:
        self.training = None
        if self._training_session is not self.session:  # the project closed meanwhile
            return
        if not training.trained():
            self.say(self.tr("The model needs more labels: {needs}").format(needs=training.needs_text()), 8000)
        else:
            self.session.forget_suggestions()
            self.view.viewport().update()
            self.view._refit()  # rows grow or shrink as suggestion chips come and go
            self.window.show_detail(self.current() or 0)
            figures = ", ".join(f"{r.label} F1 {r.f1:.2f}" if r.f1 is not None else r.label
                                for r in training.labels if r.trained)
            self.say(self.tr("Model trained on %n judged sentence(s)", "", training.judged)
                     + f" ({figures}); "
                     + self.tr("suggestions on %n sentence(s)", "", len(training.sentence_ids)), 6000)
        if self._retrain_again:
            self._retrain_again = False
            self.retrain()

    def _training_failed(self, message: str) -> None:
        self.training = None
        if self._training_session is self.session:
            self.say(self.tr("The model could not be trained: {message}").format(message=message), 8000)

    def stop(self) -> None:
        """The project closes: a running training stops first (its connection writes under this
        project's lock), and nothing is left to train."""
        if self.training is not None:
            self.training.abandon()
            self.training.ended.wait(60)
            self.training = None
        self._retrain_again, self._judged_since = False, 0
        self.retrain_timer.stop()

    def show_model_report(self) -> None:
        if self.session is None:
            return
        report = self.session.model_report()
        if report is None:
            self.model_report_box = dialogs.show_info(self.window, self.tr("Model"), self.no_suggestions_text())
            return
        lines = [self.tr("Trained {when} on %n judged sentence(s); ", "", report["judged"]).format(
                     when=report.get("trained_at", ""))
                 + (self.tr("cross-validated in {folds} folds grouped by {by}.").format(
                     folds=report["folds"], by=report["folds_by"])
                    if report["folds_by"] else self.tr("no cross-validation.")), ""]
        for r in report["labels"]:
            if not r["trained"]:
                lines.append(self.tr("{label}: not trained, needs {needs}").format(label=r["label"], needs=r["needs"]))
            elif r["f1"] is None:
                lines.append(self.tr("{label}: {positives} with, {negatives} without").format(**r))
            else:
                lines.append(self.tr("{label}: precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f} "
                                     "({positives} with, {negatives} without)").format(**r))
        self.model_report_box = dialogs.show_info(self.window, self.tr("Model"), "\n".join(lines))
