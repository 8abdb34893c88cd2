"""Project statistics: documents, sentences, languages, labeled share per label and document."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import DocumentSummary
from annotator.core.store import Store
from annotator.errors import visible


@dataclass(frozen=True)
class ProjectStats:
    documents: list[DocumentSummary]
    languages: dict[str, int]  # content sentences per language
    labels: dict[str, int]  # content sentences carrying each label

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
        }


def project_stats(store: Store) -> ProjectStats:
    return ProjectStats(store.stats.document_summaries(), store.stats.sentences_per_language(), store.stats.sentences_per_label())


def _percent(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "    -"


def format_stats(stats: ProjectStats) -> str:
    lines = [
        f"documents: {len(stats.documents)}",
        f"sentences: {stats.sentences} (+{stats.boilerplate} boilerplate)",
        f"labeled:   {stats.labeled} {_percent(stats.labeled, stats.sentences).strip()}",
        "languages: " + (", ".join(f"{visible(lang)} {n}" for lang, n in stats.languages.items()) or "-"),
        "",
        "per label:",
    ]
    width = max((len(visible(name)) for name in stats.labels), default=5)
    for name, n in stats.labels.items():
        lines.append(f"  {visible(name):<{width}}  {n:6d}  {_percent(n, stats.sentences)}")
    lines += ["", "per document:"]
    for d in stats.documents:
        # titles, languages and groups come from the imported files: `visible` keeps their
        # escape sequences and bidi overrides from acting on the terminal
        lines.append(f"  [{d.id}] {visible(d.title)} ({visible(d.lang)}, group {visible(d.group)}): "
                     f"{d.labeled}/{d.sentences} labeled {_percent(d.labeled, d.sentences).strip()}")
    return "\n".join(lines)
