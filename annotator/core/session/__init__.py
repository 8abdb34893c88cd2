"""What the desktop app needs from a project, as plain Python: the small API between the Qt
layer and the core. The UI holds no data of its own and never touches the store; every change
goes through here, is committed before the call returns, and comes back as `Changes`, which
tells the views what to repaint (in the manner of Anki's OpChanges) instead of re-reading
everything.

Long work (import, re-alignment, merge) is handed to the UI as a `work(progress, cancelled)`
function that opens its own connection in the thread that runs it (the thread rule in
store/connection.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.model import Annotation, DocumentSummary, Label, Link, Sentence
from annotator.core.align.layout import GroupLayout, filter_layout, group_layout, layout_sentence_ids
from annotator.core.store import SchemeChange, SchemeRow, Store, scheme_problem
from annotator.core.store.corrections import BoilerplateChange, LanguageChange, language_problem
from annotator.core.store.links import NewLink, Rejection
from annotator.core.store.resegment import Resegmentation
from annotator.core.store.suggestions import SHOW, WRITE_CHUNK

# Sentences without a stored vector (a group never aligned) encoded per background training:
# a 100,000-sentence project is covered over several trainings instead of minutes of work at once.
ENCODE_PER_TRAINING = 2000
from annotator.errors import NotFoundError

__all__ = ["BoilerplateChange", "Changes", "LanguageChange", "NewLink", "Resegmentation", "SchemeChange", "SchemeRow", "SentenceDetail",
           "SentenceView", "Session", "language_problem", "scheme_problem"]

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]


@dataclass(frozen=True)
class SentenceView:
    id: int
    document_id: int
    text: str
    lang: str
    boilerplate: bool
    labels: tuple[str, ...]  # the current annotator's, in scheme order
    judged: bool = False  # the current annotator looked at it (labels, or "no label applies")
    noted: bool = False  # the current annotator left a note on it
    # the model's suggestions (label, probability >= SHOW) on a sentence you have not judged,
    # in scheme order; never counted as annotations until accepted
    suggested: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class SentenceDetail:
    """Everything the detail panel shows about one sentence, read in three queries."""

    sentence: SentenceView
    annotations: list[Annotation]
    votes: dict[str, list[str]]  # who judged it and what they chose
    gold: list[str] | None  # the gold decision, if any


@dataclass(frozen=True)
class Changes:
    """What an action changed, for the views: repaint these sentences' rows; lay the group out
    again; re-read the label scheme; refresh the navigator's counts."""

    sentences: frozenset[int] = field(default_factory=frozenset)
    layout: bool = False
    scheme: bool = False
    progress: bool = False


class Session:
    def __init__(self, store: Store, annotator: str):
        self._store = store
        self.annotator = annotator
        self._sentences: dict[int, Sentence] = {}
        self._labels: dict[int, tuple[tuple[str, ...], bool]] = {}  # id -> (your labels, judged by you)
        self._suggested: dict[int, dict[str, float]] = {}  # id -> the model's probability per label
        self.labels: list[Label] = store.scheme.labels()

    # ------------------------------------------------------------------ the project
    @classmethod
    def open(cls, path: str | os.PathLike, annotator: str, create: bool = False) -> "Session":
        """Open a project for labeling (the writer's lock is held until close)."""
        return cls(Store.open(path, create=create), annotator)

    @staticmethod
    def create(path: str | os.PathLike) -> None:
        """Make a new, empty project file."""
        Store.open(path).close()

    @property
    def path(self) -> Path:
        return self._store.path

    def close(self) -> None:
        self._store.close()

    def groups(self) -> list[dict]:
        return self._store.documents.groups()

    def group_id(self, name_or_id: str | int) -> int:
        return self._store.documents.group_id(name_or_id)

    def group_of(self, sentence_id: int) -> int | None:
        """The group a sentence belongs to, or None when the project has no such sentence."""
        try:
            ((_, group_id),) = self._store.documents.of_sentences([sentence_id])
        except NotFoundError:
            return None
        return group_id

    def document_summaries(self) -> list[DocumentSummary]:
        return self._store.stats.document_summaries()

    def group_documents(self, group_id: int) -> list[dict]:
        """The group's documents in order (id, title, lang, position, source path), without
        counting their sentences."""
        return self._store.documents.group_documents(group_id, counts=False)

    def agreement_text(self) -> str:
        """The agreement report (kappa per pair, alpha across all), as the CLI prints it."""
        from annotator.core.dataset.agreement import agreement_report, format_report

        return format_report(agreement_report(self._store.annotations.judgements(),
                                              [label.name for label in self.labels]))

    # ------------------------------------------------------------------ reading
    def layout(self, group: int | str, include_boilerplate: bool = False, show: str = "all") -> GroupLayout:
        """The group side by side; `show` keeps only some rows: "all", "unlabeled" (rows with a
        sentence you have not labeled), "label:NAME", "lang:CODE" or "disagreements"."""
        store = self._store
        layout = group_layout(store, group, include_boilerplate)
        if show == "all":
            return layout
        group_id = store.documents.group_id(group)
        if show.startswith("lang:"):
            languages = store.documents.sentence_languages(group_id)
            return filter_layout(layout, lambda i: languages.get(i) == show[5:])
        ids = layout_sentence_ids(layout)
        if show == "disagreements":
            return filter_layout(layout, self.disputed(ids).__contains__)
        labels = store.annotations.labels_of(ids, self.annotator)
        if show == "unlabeled":
            return filter_layout(layout, lambda i: not labels[i])
        if show.startswith("label:"):
            return filter_layout(layout, lambda i: show[6:] in labels[i])
        if show.startswith("suggested:"):
            likely = store.suggestions.likely_in_group(group_id, show[10:], self.annotator, SHOW)
            return filter_layout(layout, likely.__contains__)
        raise ValueError(f"unknown filter {show!r}")

    def candidates(self, sentence_id: int) -> list:
        """The nearest sentences of the other documents of the group, with their scores
        (align.candidates): what a reviewer links an unmatched sentence to."""
        from annotator.core.align.candidates import nearest

        return nearest(self._store, sentence_id)

    def disputed(self, sentence_ids: list[int]) -> set[int]:
        """The sentences whose judges chose different label sets."""
        votes = self._store.annotations.votes(sentence_ids)
        return {i for i, by_annotator in votes.items() if len({tuple(v) for v in by_annotator.values()}) > 1}

    def package_owner(self) -> str | None:
        """Whose work package this project is (`annotator assign`), or None for a project that is not one."""
        package = self._store.plans.package()
        return package.annotator if package is not None else None

    def votes(self, sentence_id: int) -> dict[str, list[str]]:
        """Who judged the sentence and what they chose (for adjudication)."""
        return self._store.annotations.votes([sentence_id]).get(sentence_id, {})

    def gold_of(self, sentence_id: int) -> list[str] | None:
        decision = self._store.gold.decision(sentence_id)
        return decision[0] if decision else None

    def detail(self, sentence_id: int) -> SentenceDetail:
        return SentenceDetail(self.sentence(sentence_id), self.annotations(sentence_id), self.votes(sentence_id),
                              self.gold_of(sentence_id))

    def languages(self, group: int) -> list[str]:
        return self._store.documents.group_languages(self._store.documents.group_id(group))

    def find(self, group: int, query: str) -> list[int]:
        store = self._store
        return store.documents.find_sentences(store.documents.group_id(group), query) if query.strip() else []

    def load(self, sentence_ids: list[int]) -> None:
        """Fetch sentences and their labels in bulk (the view asks for a screenful at a time)."""
        missing = [i for i in sentence_ids if i not in self._sentences]
        if missing:
            self._sentences.update((s.id, s) for s in self._store.documents.sentences_by_id(missing))
        unsuggested = [i for i in sentence_ids if i not in self._suggested]
        if unsuggested:
            found = self._store.suggestions.of_sentences(unsuggested)
            self._suggested.update((i, found.get(i, {})) for i in unsuggested)
        unlabeled = [i for i in sentence_ids if i not in self._labels]
        if unlabeled:
            judged = self._store.annotations.judged_among(unlabeled, self.annotator)
            noted = self._store.annotations.noted_among(unlabeled, self.annotator)
            for i, names in self._store.annotations.labels_of(unlabeled, self.annotator).items():
                self._labels[i] = (tuple(names), i in judged, i in noted)

    def sentence(self, sentence_id: int) -> SentenceView:
        if sentence_id not in self._sentences or sentence_id not in self._labels or sentence_id not in self._suggested:
            self.load([sentence_id])
        s = self._sentences[sentence_id]
        labels, judged, noted = self._labels[sentence_id]
        suggested = () if judged else tuple((name, p) for name, p in self._suggested.get(sentence_id, {}).items()
                                            if p >= SHOW and name not in labels)
        return SentenceView(s.id, s.document_id, s.text, s.lang, s.boilerplate, labels, judged, noted, suggested)

    def annotations(self, sentence_id: int) -> list[Annotation]:
        return self._store.annotations.of_sentence(sentence_id)

    def my_note(self, sentence_id: int) -> str:
        """The current annotator's note: on their labels, or, with none, on their judgement."""
        return next((a.note for a in self.annotations(sentence_id) if a.annotator == self.annotator and a.note),
                    None) or self.judgement_note(sentence_id) or ""

    def judgement_note(self, sentence_id: int) -> str | None:
        return self._store.annotations.judgement_note(sentence_id, self.annotator)

    def set_judgement_note(self, sentence_id: int, note: str | None) -> tuple[str | None, Changes]:
        """The note of a "no label applies" (kept on the judgement); returns the one it replaced."""
        previous = self._store.annotations.set_judgement_note(sentence_id, self.annotator, note)
        return previous, self._touched(sentence_id)

    def label_for_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    def label_named(self, name: str) -> Label:
        return next(label for label in self.labels if label.name == name)

    def label_by_id(self, label_id: int) -> Label:
        return next(label for label in self.labels if label.id == label_id)

    def has_links(self, sentence_id: int) -> bool:
        return self._store.links.has_any(sentence_id)

    def machine_links(self, group: int) -> list[Link]:
        """The aligner's links in a group (between any two of its documents)."""
        return self._store.links.in_group(group, origin="machine")

    # ------------------------------------------------------------------ labeling (each one transaction)
    def _touched(self, *sentence_ids: int) -> Changes:
        for i in sentence_ids:
            self._labels.pop(i, None)
        return Changes(sentences=frozenset(sentence_ids), progress=True)

    def set_label(self, sentence_id: int, label: str, present: bool, note: str | None = None,
                  origin: str = "person") -> Changes:
        """Add or remove the current annotator's label (or change its note); origin "model":
        the annotator accepted the model's suggestion."""
        known = next((known for known in self.labels if known.name == label), None)
        self._store.annotations.set(sentence_id, known or label, self.annotator, present=present, note=note,
                                    origin=origin)
        return self._touched(sentence_id)

    def clear(self, sentence_id: int) -> tuple[list[Annotation], Changes]:
        """No label applies: the annotator's labels go, the judgement stays. Returns what went."""
        removed = self._store.annotations.clear(sentence_id, self.annotator)
        return removed, self._touched(sentence_id)

    def restore(self, annotations: list[Annotation]) -> Changes:
        """Put back annotations removed by `clear` (undo), their times and notes included."""
        self._store.annotations.restore(annotations)
        return self._touched(*{a.sentence_id for a in annotations})

    def mark_done(self, document_id: int) -> tuple[list[int], Changes]:
        """The rest of the document: no label applies. Returns the sentences it recorded."""
        recorded = self._store.annotations.mark_done(document_id, self.annotator)
        return recorded, self._touched(*recorded)

    def is_judged(self, sentence_id: int) -> bool:
        """Whether the current annotator has looked at the sentence (labels or 'no label applies')."""
        return self._store.annotations.is_judged(sentence_id, self.annotator)

    def set_notes(self, sentence_id: int, notes: dict[str, str | None]) -> Changes:
        """The current annotator's notes put back as they were, None for no note (undo)."""
        self._store.annotations.set_notes(sentence_id, self.annotator, notes)
        return self._touched(sentence_id)

    def unmark_done(self, sentence_ids: list[int]) -> Changes:
        self._store.annotations.unjudge(sentence_ids, self.annotator)
        return self._touched(*sentence_ids)

    def set_gold(self, sentence_id: int, labels: list[str] | None) -> Changes:
        """Put a label set into the gold layer (None: take the decision out)."""
        if labels is None:
            self._store.gold.clear(sentence_id)
        else:
            self._store.gold.set([(sentence_id, labels)], method="manual")
        return Changes(sentences=frozenset([sentence_id]))

    # ------------------------------------------------------------------ the model's suggestions
    def probabilities(self, sentence_id: int) -> dict[str, float]:
        """The model's probability for each label it was trained on (empty: none for this sentence)."""
        if sentence_id not in self._suggested:
            self.load([sentence_id])
        return self._suggested.get(sentence_id, {})

    def model_report(self) -> dict | None:
        """What the model was last trained on, with its cross-validated figures."""
        return self._store.suggestions.report()

    def most_uncertain(self, limit: int = 50) -> list[int]:
        """Sentences you have not judged, the most uncertain (a probability nearest 0.5) first."""
        return self._store.suggestions.most_uncertain(self.annotator, limit)

    def likely(self, group: int, label: str) -> dict[int, float]:
        """The group's sentences you have not judged that the model gives `label` (p >= SHOW)."""
        return self._store.suggestions.likely_in_group(self._store.documents.group_id(group), label, self.annotator,
                                                       SHOW)

    def forget_suggestions(self) -> None:
        """A new model wrote its suggestions (on another connection): read them again."""
        self._suggested.clear()

    def train_work(self) -> Work:
        """Train the model on the project's labels and store its suggestions, on a connection of
        its own, in short transactions (a keypress meanwhile waits for one chunk at most); the
        result is the Training (`trained()` empty: too few labels, nothing written)."""
        def work(progress, cancelled):
            from annotator.core.suggest import train, write

            with self._store.worker() as store:
                training = train(store, cancelled=cancelled, max_new=ENCODE_PER_TRAINING)
                if training.trained() and not cancelled():
                    write(store, training, chunk=WRITE_CHUNK)
                return training
        return work

    # ------------------------------------------------------------------ the label scheme
    def scheme_rows(self) -> list[SchemeRow]:
        return self._store.scheme.rows()

    def label_usage(self, label_id: int) -> int:
        return self._store.scheme.usage(label_id)

    def apply_scheme(self, rows: list[SchemeRow]) -> tuple[SchemeChange, Changes]:
        """A whole scheme edit, one transaction; validation errors raise ProjectError."""
        change = self._store.scheme.apply(rows)
        return change, self._reload_labels()

    def undo_scheme(self, change: SchemeChange) -> Changes:
        self._store.scheme.undo(change)
        return self._reload_labels()

    def _reload_labels(self) -> Changes:
        self.labels = self._store.scheme.labels()
        self._labels.clear()
        return Changes(scheme=True, layout=True, progress=True)

    def reload(self) -> Changes:
        """After another connection changed the project (a background job): forget what is cached."""
        self._sentences.clear()
        self._suggested.clear()
        return self._reload_labels()

    # ------------------------------------------------------------------ corrections of the import
    def _forget(self, sentence_ids: list[int]) -> Changes:
        for i in sentence_ids:
            self._sentences.pop(i, None)
            self._labels.pop(i, None)
        return Changes(sentences=frozenset(sentence_ids), layout=True, progress=True)

    def set_language(self, sentence_id: int, lang: str, scope: str = "sentence") -> tuple[LanguageChange, Changes]:
        """Correct the language of a sentence, its paragraph or its document (one transaction)."""
        change = self._store.corrections.set_language(sentence_id, lang, scope)
        return change, self._forget(change.sentence_ids())

    def undo_language(self, change: LanguageChange) -> Changes:
        self._store.corrections.undo_language(change)
        return self._forget(change.sentence_ids())

    def set_boilerplate(self, sentence_ids: list[int], marked: bool) -> tuple[BoilerplateChange, Changes]:
        """Mark or unmark sentences as boilerplate (their machine links go when marked)."""
        change = self._store.corrections.set_boilerplate(sentence_ids, marked)
        return change, self._forget(change.sentence_ids())

    def undo_boilerplate(self, change: BoilerplateChange) -> Changes:
        self._store.corrections.undo_boilerplate(change)
        return self._forget(change.sentence_ids())

    def split_sentence(self, sentence_id: int, offset: int) -> tuple[Resegmentation, Changes]:
        """Split a sentence before character `offset` (store.resegment states what each part keeps)."""
        _, change = self._store.resegmenting.split(sentence_id, offset)
        return change, self._forget(change.sentence_ids())

    def merge_with_next(self, sentence_id: int) -> tuple[Resegmentation, Changes]:
        change = self._store.resegmenting.merge_with_next(sentence_id)
        return change, self._forget(change.sentence_ids())

    def undo_resegment(self, change: Resegmentation) -> Changes:
        self._store.resegmenting.undo(change)
        return self._forget(change.sentence_ids())

    # ------------------------------------------------------------------ alignment review
    def confirmed_in_group(self, group: int) -> set[int]:
        return self._store.confirmations.in_group(self._store.documents.group_id(group))

    def confirm(self, sentence_ids: list[int]) -> tuple[list[int], Changes]:
        """Confirm a row's alignment (its sentences); returns the sentences newly confirmed."""
        return self._store.confirmations.confirm(sentence_ids, self.annotator), Changes(layout=True, progress=True)

    def unconfirm(self, sentence_ids: list[int]) -> tuple[list[tuple[int, str, str]], Changes]:
        return self._store.confirmations.unconfirm(sentence_ids), Changes(layout=True, progress=True)

    def restore_confirmations(self, records: list[tuple[int, str, str]]) -> Changes:
        self._store.confirmations.restore(records)
        return Changes(layout=True, progress=True)

    # ------------------------------------------------------------------ alignment edits
    def link(self, source_ids: list[int], target_ids: list[int]) -> tuple[int, Changes]:
        """A manual link between sentences of two documents (the aligner keeps it and aligns
        around it)."""
        return self._store.links.add(source_ids, target_ids, score=None, origin="manual"), Changes(layout=True)

    def remove_links(self, link_ids: list[int]) -> Changes:
        self._store.links.remove(link_ids)
        return Changes(layout=True)

    def unlink(self, sentence_id: int) -> tuple[list[Link], list[Rejection], Changes]:
        """Remove every link of the sentence (one transaction); its machine links are remembered
        as rejected, so that re-alignment does not bring them back. Returns the links and the
        new rejections, for undo."""
        links, rejected = self._store.links.unlink(sentence_id, self.annotator)
        return links, rejected, Changes(layout=True)

    def weakest_link(self, sentence_ids: list[int]) -> Link | None:
        """The machine link with the lowest score among those joining these sentences (a row's),
        or None when there is none."""
        inside = set(sentence_ids)
        links = {link.id: link for i in sentence_ids for link in self._store.links.of_sentence(i)
                 if link.origin == "machine" and link.score is not None and set(link.sentence_ids()) <= inside}
        return min(links.values(), key=lambda link: (link.score, link.id), default=None)

    def reject_link(self, link_id: int) -> tuple[list[Link], list[Rejection], Changes]:
        """Remove one machine link and remember it as rejected (one transaction); undo: relink."""
        links, rejected = self._store.links.remove_rejecting([link_id], self.annotator)
        return links, rejected, Changes(layout=True)

    def relink(self, links: list[Link], rejected: Sequence[Rejection] = ()) -> tuple[list[int], Changes]:
        """Put links back (undo of an unlink) and forget the rejections the unlink made, in one
        transaction."""
        store = self._store
        with store.transaction():
            ids = store.links.add_many([(link.source, link.target, link.score, link.origin) for link in links])
            store.links.unreject(list(rejected))
        return ids, Changes(layout=True)

    def replace_links(self, remove: list[int], add: list[NewLink]) -> tuple[list[Link], list[int], Changes]:
        removed, added = self._store.links.replace(remove, add)
        return removed, added, Changes(layout=True)

    def merge_rows(self, layout: GroupLayout, row: int) -> tuple[list[int], list[NewLink]]:
        """Links that make rows `row` and `row + 1` one aligned unit: (links to remove, links to
        add). The links already there stay as they are (machine links stay machine links); one
        manual link joins a cell of the first row to a cell of another document in the second."""
        first, second = layout.rows[row].cells, layout.rows[row + 1].cells
        for a, cell_a in enumerate(first):
            for b, cell_b in enumerate(second):
                if cell_a.sentence_ids and cell_b.sentence_ids and a != b:
                    return [], [(list(cell_a.sentence_ids), list(cell_b.sentence_ids), None, "manual")]
        raise ValueError("these sentences are all of one document: there is nothing to link")

    def split_row(self, layout: GroupLayout, row: int) -> tuple[list[int], list[NewLink]]:
        """Links that split a row's unit sentence by sentence: the k-th sentence of the first
        document there with the k-th of each other; sentences left over become unmatched."""
        return self._relink_unit([cell.sentence_ids for cell in layout.rows[row].cells],
                                 lambda anchor, others: [([a], [o], None, "manual") for a, o in zip(anchor, others)])

    def _relink_unit(self, cells: list[list[int]], links_for) -> tuple[list[int], list[NewLink]]:
        """Replace the links inside a set of cells by `links_for(anchor ids, other ids)` for each
        other non-empty cell; links reaching outside the cells are left alone."""
        filled = [ids for ids in cells if ids]
        if len(filled) < 2:
            raise ValueError("these sentences are all of one document: there is nothing to link")
        inside = {i for ids in filled for i in ids}
        remove = {link.id for i in inside for link in self._store.links.of_sentence(i)
                  if set(link.sentence_ids()) <= inside}
        add = [link for others in filled[1:] for link in links_for(list(filled[0]), list(others))]
        return sorted(remove), add

    # ------------------------------------------------------------------ long work, each on its own connection
    def import_work(self, paths: Sequence[str | os.PathLike], group: str | None) -> Work:
        """Import files (one transaction: all or nothing); the result is the ImportOutcomes."""
        def work(progress, cancelled):
            from annotator.core.text.importer import analyze_files

            documents = analyze_files(paths, group=group, progress=progress, cancelled=cancelled)  # checks first
            with self._store.worker() as store:
                return store.documents.import_documents(documents)
        return work

    def realign_work(self, group_id: int) -> Work:
        """Re-align a group, keeping manual links (one transaction); the result is the reports."""
        def work(progress, cancelled):
            from annotator.core.align.group import align_group

            with self._store.worker() as store:
                return align_group(store, group_id, progress=lambda done, total: progress(done, total, ""),
                                   cancelled=cancelled)
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

    def relabel(self, annotation: Annotation, label_id: int) -> Annotation:
        """The annotation under the current name of a label (it may have been renamed since)."""
        return replace(annotation, label=self.label_by_id(label_id).name)


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
