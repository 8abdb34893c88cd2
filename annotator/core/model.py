"""Plain data types the core hands to the CLI and the UI (no SQLite, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    id: int
    name: str
    key: str | None
    color: str
    description: str
    position: int


@dataclass(frozen=True)
class Sentence:
    id: int
    document_id: int
    index: int
    start: int
    end: int
    text: str
    lang: str
    boilerplate: bool
    boilerplate_reason: str | None


@dataclass(frozen=True)
class Annotation:
    sentence_id: int
    label: str
    annotator: str
    created_at: str
    note: str | None
    origin: str = "person"  # "person": made from scratch; "model": a model's suggestion a person accepted


@dataclass
class Link:
    """Sentences of one document joined to sentences of another document of the same group
    (any two: not only the pivot and another). A 1-2 link has one source and two targets."""

    id: int
    source: list[int]
    target: list[int]
    score: float | None  # the aligner's confidence in [0, 1]; None for a link made by hand
    origin: str  # "machine" or "manual"

    def sentence_ids(self) -> list[int]:
        return self.source + self.target


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    group: str
    title: str
    source_path: str | None
    lang: str
    encoding: str | None
    sentences: int  # content sentences, boilerplate excluded
    boilerplate: int
    labeled: int  # content sentences with at least one label
    confirmed: int = 0  # content sentences whose alignment a reviewer confirmed


@dataclass(frozen=True)
class AnnotationChange:
    """What one labeling action did: "added", "removed", "note", or "unchanged"."""

    sentence_id: int
    label: str
    annotator: str
    outcome: str


@dataclass(frozen=True)
class ImportOutcome:
    """One document of an import: stored (with its new id) or skipped as already present."""

    title: str
    source_path: str
    document_id: int
    group: str
    lang: str
    sentences: int
    boilerplate: int
    skipped: bool
