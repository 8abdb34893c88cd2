"""What the desktop app needs from a project, as plain Python: the small API between the Qt
layer and the core. The UI holds no data of its own; every change goes through here to the
store and is committed before the call returns."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import Annotation, Label, Link, Sentence
from annotator.core.rows import GroupLayout, filter_layout, group_layout
from annotator.core.store import Store


@dataclass(frozen=True)
class SentenceView:
    id: int
    document_id: int
    text: str
    lang: str
    boilerplate: bool
    labels: tuple[str, ...]  # the current annotator's, in scheme order


class Session:
    def __init__(self, store: Store, annotator: str):
        self.store = store
        self.annotator = annotator
        self._sentences: dict[int, Sentence] = {}
        self._labels: dict[int, tuple[str, ...]] = {}
        self.labels: list[Label] = store.labels()

    # ------------------------------------------------------------------ reading
    def groups(self) -> list[dict]:
        return self.store.groups()

    def layout(self, group: int | str, include_boilerplate: bool = False, show: str = "all") -> GroupLayout:
        """The group side by side; `show` keeps only some rows: "all", "unlabeled" (rows with a
        sentence you have not labeled), "label:NAME" or "lang:CODE"."""
        layout = group_layout(self.store, group, include_boilerplate)
        if show == "all":
            return layout
        group_id = self.store.group_id(group)
        if show.startswith("lang:"):
            languages = self.store.sentence_languages(group_id)
            return filter_layout(layout, lambda i: languages.get(i) == show[5:])
        labels = self.store.sentence_labels([i for row in layout.rows for i in row.sentence_ids()], self.annotator)
        if show == "unlabeled":
            return filter_layout(layout, lambda i: not labels[i])
        if show.startswith("label:"):
            return filter_layout(layout, lambda i: show[6:] in labels[i])
        if show == "disagreements":
            disputed = self.disputed([i for row in layout.rows for i in row.sentence_ids()])
            return filter_layout(layout, disputed.__contains__)
        raise ValueError(f"unknown filter {show!r}")

    def disputed(self, sentence_ids: list[int]) -> set[int]:
        """The sentences whose judges chose different label sets."""
        votes = self.store.sentence_votes(sentence_ids)
        return {i for i, by_annotator in votes.items() if len({tuple(v) for v in by_annotator.values()}) > 1}

    def votes(self, sentence_id: int) -> dict[str, list[str]]:
        """Who judged the sentence and what they chose (for adjudication)."""
        return self.store.sentence_votes([sentence_id]).get(sentence_id, {})

    def gold_of(self, sentence_id: int) -> list[str] | None:
        decision = self.store.gold().get(sentence_id)
        return decision[0] if decision else None

    def set_gold(self, sentence_id: int, labels: list[str] | None) -> None:
        """Put a label set into the gold layer (None: take the decision out)."""
        if labels is None:
            self.store.clear_gold(sentence_id)
        else:
            self.store.set_gold([(sentence_id, labels)], method="manual")

    def languages(self, group: int) -> list[str]:
        return self.store.group_languages(self.store.group_id(group))

    def find(self, group: int, query: str) -> list[int]:
        return self.store.find_sentences(self.store.group_id(group), query) if query.strip() else []

    def load(self, sentence_ids: list[int]) -> None:
        """Fetch sentences and their labels in bulk (the view asks for a screenful at a time)."""
        missing = [i for i in sentence_ids if i not in self._sentences]
        if missing:
            self._sentences.update((s.id, s) for s in self.store.sentences_by_id(missing))
        unlabeled = [i for i in sentence_ids if i not in self._labels]
        if unlabeled:
            for i, names in self.store.sentence_labels(unlabeled, self.annotator).items():
                self._labels[i] = tuple(names)

    def sentence(self, sentence_id: int) -> SentenceView:
        if sentence_id not in self._sentences or sentence_id not in self._labels:
            self.load([sentence_id])
        s = self._sentences[sentence_id]
        return SentenceView(s.id, s.document_id, s.text, s.lang, s.boilerplate, self._labels[sentence_id])

    def annotations(self, sentence_id: int) -> list[Annotation]:
        return self.store.annotations(sentence_id)

    def reload_labels(self) -> None:
        """After the scheme changed: labels are re-read, and so are the sentences' label names."""
        self.labels = self.store.labels()
        self._labels.clear()

    def label_for_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    # ------------------------------------------------------------------ changing (each one transaction)
    def set_label(self, sentence_id: int, label: str, present: bool, note: str | None = None) -> bool:
        """Add or remove the current annotator's label; True when something changed."""
        change = self.store.set_annotation(sentence_id, label, self.annotator, present=present, note=note)
        self._labels.pop(sentence_id, None)
        return change.outcome != "unchanged"

    def clear(self, sentence_id: int) -> list[Annotation]:
        removed = self.store.clear_annotations(sentence_id, self.annotator)
        self._labels.pop(sentence_id, None)
        return removed

    def pivot_document(self, group: int) -> int | None:
        return next((g["pivot_document_id"] for g in self.groups() if g["id"] == group), None)

    def link(self, pivot_ids: list[int], other_ids: list[int]) -> int:
        """A manual link (the aligner keeps it and aligns around it)."""
        return self.store.add_link(pivot_ids, other_ids, score=None, origin="manual")

    def unlink(self, sentence_id: int) -> list[Link]:
        """Remove every link of the sentence; returns them, for undo."""
        links = self.store.links_of_sentence(sentence_id)
        if links:
            self.store.remove_links([link.id for link in links])
        return links

    def machine_links(self, group: int) -> list[Link]:
        """The aligner's links in a group (the pivot to each other document)."""
        pivot = self.pivot_document(group)
        return [link for document in self.store.group_documents(group) if document["id"] != pivot
                for link in self.store.links_between(pivot, document["id"], origin="machine")]

    def replace_links(self, remove: list[int], add) -> tuple[list[Link], list[int]]:
        return self.store.replace_links(remove, add)

    def merge_rows(self, layout: GroupLayout, row: int) -> tuple[list[int], list]:
        """Links that make rows `row` and `row + 1` one aligned unit: (links to remove, links to add)."""
        first, second = layout.rows[row], layout.rows[row + 1]
        pivot_ids = first.cells[0].sentence_ids + second.cells[0].sentence_ids
        if not pivot_ids:
            raise ValueError("neither row has a sentence of the pivot document")
        remove: set[int] = set()
        add = []
        for column in range(1, len(layout.columns)):
            others = first.cells[column].sentence_ids + second.cells[column].sentence_ids
            if not others:
                continue
            for sentence_id in others + pivot_ids:
                remove.update(link.id for link in self.store.links_of_sentence(sentence_id)
                              if self._in_column(link, layout.columns[column].document_id))
            add.append((list(pivot_ids), list(others), None, "manual"))
        return sorted(remove), add

    def split_row(self, layout: GroupLayout, row: int) -> tuple[list[int], list]:
        """Links that split a row's unit sentence by sentence: the k-th pivot sentence with the
        k-th sentence of each other document; sentences left over become unmatched."""
        cells = layout.rows[row].cells
        pivot_ids = cells[0].sentence_ids
        remove: set[int] = set()
        add = []
        for column in range(1, len(layout.columns)):
            others = cells[column].sentence_ids
            if not others or not pivot_ids:
                continue
            for sentence_id in others:
                remove.update(link.id for link in self.store.links_of_sentence(sentence_id))
            add += [([p], [o], None, "manual") for p, o in zip(pivot_ids, others)]
        return sorted(remove), add

    def _in_column(self, link: Link, document_id: int) -> bool:
        """Whether the link joins the pivot to this document (a pivot sentence has links to all)."""
        return any(self.sentence(i).document_id == document_id for i in link.other)

    def relink(self, links: list[Link]) -> list[int]:
        return self.store.add_links([(link.pivot, link.other, link.score, link.origin) for link in links])

    def restore(self, annotations: list[Annotation]) -> None:
        """Put back annotations removed by `clear` (undo)."""
        self.store.add_annotations((a.sentence_id, a.label, a.annotator, a.note) for a in annotations)
        for a in annotations:
            self._labels.pop(a.sentence_id, None)
