"""Project statistics: documents, sentences, languages, labeled share per label and document."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.dataset.timing import TimeOnItem, summarise
from annotator.core.model import DocumentSummary
from annotator.core.store import Store


@dataclass(frozen=True)
class ProjectStats:
    documents: list[DocumentSummary]
    languages: dict[str, int]  # content sentences per language
    labels: dict[str, int]  # content sentences carrying each label
    time_on_item: list[TimeOnItem] = field(default_factory=list)  # per annotator, judgements made in the app

    @property
    def sentences(self) -> int:
        return sum(d.sentences for d in self.documents)

    @property
    def boilerplate(self) -> int:
        return sum(d.boilerplate for d in self.documents)

    @property
    def labeled(self) -> int:
        return sum(d.labeled for d in self.documents)

    def to_dict(self) -> dict:
        def share(n: int, total: int) -> float:
            return round(n / total, 4) if total else 0.0

        return {
            "documents": len(self.documents),
            "sentences": self.sentences,
            "boilerplate_sentences": self.boilerplate,
            "labeled_sentences": self.labeled,
            "languages": self.languages,
            "labels": {name: {"sentences": n, "share": share(n, self.sentences)} for name, n in self.labels.items()},
            "per_document": [
                {"doc_id": d.id, "group": d.group, "title": d.title, "lang": d.lang, "sentences": d.sentences,
                 "boilerplate": d.boilerplate, "labeled": d.labeled, "share": share(d.labeled, d.sentences)}
                for d in self.documents
            ],
            "time_on_item": {t.annotator: t.to_dict() for t in self.time_on_item},
        }


def project_stats(store: Store) -> ProjectStats:
    return ProjectStats(store.stats.document_summaries(), store.stats.sentences_per_language(), store.stats.sentences_per_label(),
                        summarise(store.events.timed()))
