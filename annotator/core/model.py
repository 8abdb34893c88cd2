"""Plain data types the core hands to the CLI and the UI (no SQLite, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

# The scheme of relation types between sentences, fixed for now, in one place: (type, what its
# head is → what its tail is). The app's keys number them in this order (m, then r, then 1 … 4).
RELATION_TYPES: tuple[tuple[str, str], ...] = (
    ("attributes-to", "content → source"),
    ("corrects", "correction → claim"),
    ("contradicts", "statement → statement it contradicts"),
    ("repeats", "statement → statement it repeats"),
)
RELATION_TYPE_NAMES = tuple(name for name, _ in RELATION_TYPES)

# Label groups (store/label_groups.py): the kinds of question a group asks, what it is about,
# and the letters free in the key map that can open a group in the view (then a digit answers;
# F flags a sentence for discussion).
GROUP_KINDS = ("multi", "exclusive", "ordinal", "yesno", "text")
GROUP_LEVELS = ("sentence", "document")
GROUP_KEYS = "DEIOPQTYZ"


@dataclass(frozen=True)
class Label:
    id: int
    name: str
    key: str | None
    color: str
    description: str
    position: int


@dataclass(frozen=True, slots=True)  # slots: a long document's sentences are held by the hundred thousand
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
    """What one labeling action did: "added", "removed", "note", or "unchanged"; `was_judged`:
    whether the annotator had judged the sentence before (read in the same transaction, for undo)."""

    sentence_id: int
    label: str
    annotator: str
    outcome: str
    was_judged: bool = True
    previous_note: str | None = None  # the label's note before (an annotation removed or re-noted)


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
    warning: str | None = None  # one line naming the file: bytes of it that were not valid UTF-8


@dataclass(frozen=True, eq=False)
class Plan:
    """Who labels which group (`annotator assign`), one revision of it: groups are named (ids
    differ from file to file), each with the annotators it went to, in the plan's order."""

    uid: str  # the plan's identity, shared by its revisions and by every package written for it
    revision: int  # 1, then one more per re-planning (`assign --reassign`)
    created_at: str
    seed: int
    overlap: float  # the share of groups that go to `copies` annotators
    copies: int
    labels: str  # which of the source's labels travelled with the packages: none, gold, all, or a name
    carried: tuple[str, ...]  # the annotators whose labels travelled (they are not the plan's)
    annotators: tuple[str, ...]
    assignments: dict  # group name -> tuple of annotators
    shared: frozenset  # names of the groups given to more than one annotator
    sizes: dict  # group name -> content sentences
    packages: dict  # annotator -> (file name, groups in it): the packages written at this revision

    def groups_of(self, annotator: str) -> list[str]:
        return [group for group, names in self.assignments.items() if annotator in names]

    def load(self, annotator: str) -> int:
        """The content sentences planned for an annotator."""
        return sum(self.sizes[group] for group in self.groups_of(annotator))


@dataclass(frozen=True)
class PackageId:
    """What a work package file is: the plan, its revision, and whose package."""

    uid: str
    revision: int
    annotator: str
