"""Reading the project: groups, documents, a group laid out side by side (filtered), a
sentence's annotations, votes, gold and notes, the label scheme's keys."""

from __future__ import annotations

from dataclasses import replace

from annotator.core.align.layout import GroupLayout, filter_layout, layout_sentence_ids
from annotator.core.align.stored_layout import group_layout
from annotator.core.model import Annotation, DocumentSummary, Label, Link
from annotator.core.session.base import SessionBase
from annotator.core.session.views import SentenceDetail
from annotator.core.store.suggestions import SHOW
from annotator.errors import NotFoundError


class Reading(SessionBase):
    """What the views read."""

    def groups(self) -> list[dict]:
        return self._store.documents.groups()

    def group_name(self, group_id: int | None) -> str | None:
        """The name of a group (None: no such group, or none given)."""
        return next((g["name"] for g in self.groups() if g["id"] == group_id), None)

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

    def agreement(self) -> dict:
        """The agreement report's figures (kappa per pair, alpha across all), as the CLI's
        `agreement` computes them; annotator.present.agreement words them."""
        from annotator.core.dataset.agreement import agreement_report

        return agreement_report(self._store.annotations.judgements(), [label.name for label in self.labels])

    def fitted_agreement(self):
        """The agreement that fits each label group, and on relations (dataset/fitted_agreement.py)."""
        from annotator.core.dataset.fitted_agreement import fitted_report

        return fitted_report(self._store)

    def layout(self, group: int | str, include_boilerplate: bool = False, show: str = "all") -> GroupLayout:
        """The group side by side; `show` keeps only some rows: "all", "unlabeled" (rows with a
        sentence you have not labeled), "label:NAME", "lang:CODE", "disagreements" or "discussion"
        (rows with a sentence flagged for discussion)."""
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
        if show == "discussion":  # flagged by anyone (f)
            return filter_layout(layout, store.label_groups.flagged_among(ids).__contains__)
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

    def annotations(self, sentence_id: int) -> list[Annotation]:
        return self._store.annotations.of_sentence(sentence_id)

    def my_note(self, sentence_id: int) -> str:
        """The current annotator's note: on their labels, or, with none, on their judgement."""
        return next((a.note for a in self.annotations(sentence_id) if a.annotator == self.annotator and a.note),
                    None) or self.judgement_note(sentence_id) or ""

    def judgement_note(self, sentence_id: int) -> str | None:
        return self._store.annotations.judgement_note(sentence_id, self.annotator)

    def label_for_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    def find_label(self, name_or_key: str) -> Label | None:
        """The label of this name (exactly, else ignoring case) or key, as the CLI takes it."""
        wanted = name_or_key.strip()
        return next((label for label in self.labels if label.name == name_or_key), None) or next(
            (label for label in self.labels if label.name.casefold() == wanted.casefold()
             or (label.key is not None and label.key == wanted)), None)

    def label_named(self, name: str) -> Label:
        return next(label for label in self.labels if label.name == name)

    def label_by_id(self, label_id: int) -> Label:
        return next(label for label in self.labels if label.id == label_id)

    def has_links(self, sentence_id: int) -> bool:
        return self._store.links.has_any(sentence_id)

    def machine_links(self, group: int) -> list[Link]:
        """The aligner's links in a group (between any two of its documents)."""
        return self._store.links.in_group(group, origin="machine")

    def relabel(self, annotation: Annotation, label_id: int) -> Annotation:
        """The annotation under the current name of a label (it may have been renamed since)."""
        return replace(annotation, label=self.label_by_id(label_id).name)
