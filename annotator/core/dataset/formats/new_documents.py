"""The texts of another tool's file as new documents, for a team that moves its work here: the
sentences (tasks, lines, CAS sentences) that match nothing in the project become documents, so
that their labels, annotators, gold and predictions have somewhere to go.

A document is made of the units that name the same document (our `source_id`, the tool's
document id), else of all the file's units that name none; it holds one unit per line, in the
order of their offsets where the file gives them (else the file's order), and is segmented one
sentence per line, so each unit is exactly one sentence, with nothing marked as boilerplate (the
team labelled it). Its `source_id` and metadata are the file's; a title, group and language the
file gives are kept. Line breaks inside a unit become spaces (a line is a sentence), and counted."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.dataset.label_matching import SentenceKey, SentenceMatcher
from annotator.core.store import Store
from annotator.core.text.analyze import AnalyzedDocument, analyze
from annotator.core.text.ingest import SourceDocument, storable_name


@dataclass
class Unit:
    """What a tool's file says of one sentence and the document it belongs to."""
    key: SentenceKey
    meta: dict | None = None
    group: str | None = None
    title: str | None = None
    document: str | None = None  # the tool's own document id, when it has no source_id


@dataclass
class Added:
    documents: int = 0
    sentences: int = 0
    not_mapped: Counter = field(default_factory=Counter)
    sentence_of: dict[int, int] = field(default_factory=dict)  # unit (its place in the list) -> new sentence
    document_ids: set[int] = field(default_factory=set)

    def summary(self) -> str:
        return f"{self.documents} documents added ({self.sentences} sentences)"


def one_line(text: str) -> str:
    """A unit's text as the one line of its sentence."""
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def wants_documents(store: Store, asked: bool | None) -> bool:
    """Whether to add documents: as asked, else when the project has none to match against."""
    if asked is not None:
        return asked
    return store.read("SELECT count(*) FROM documents").fetchone()[0] == 0


def add_documents(store: Store, units: list[Unit], source: str, default_group: str | None = None) -> Added:
    """Make documents of the units that match no sentence of the project (inside the caller's
    transaction); afterwards a fresh SentenceMatcher finds every unit by its source_id and text."""
    added = Added()
    matcher = SentenceMatcher(store)
    missing: dict[str, list[tuple[int, Unit]]] = {}
    for place, unit in enumerate(units):
        text = unit.key.text
        if text is None or not text.strip():
            continue
        if matcher.match(unit.key) is not None:
            continue
        missing.setdefault(document_name(unit, source), []).append((place, unit))
    group = default_group or storable_name(Path(source).stem) or "imported"
    documents, places = [], []
    for name, members in missing.items():
        if all(u.key.start is not None for _, u in members):
            members = sorted(members, key=lambda member: member[1].key.start)
        # one line per sentence: the same span (or, with no offsets, the same text) given again
        # (another annotator's copy) is the same line
        lines: dict[tuple, int] = {}
        line_of: dict[int, int] = {}
        for place, unit in members:
            stripped = unit.key.text.strip()
            line = one_line(stripped)
            added.not_mapped["line breaks inside a sentence (made spaces)"] += line != stripped
            line_of[place] = lines.setdefault((unit.key.start, unit.key.end, line), len(lines))
        text = "\n".join(line for _, _, line in lines) + "\n"
        first = members[0][1]
        meta = next((u.meta for _, u in members if u.meta), None) or {}
        digest = hashlib.sha256(f"{source}\0{name}\0{text}".encode("utf-8", "replace")).hexdigest()
        document = analyze(SourceDocument(text=text, title=first.title or name, source_path=storable_name(source),
                                          sha256=digest, format="text", external_id=name, metadata=dict(meta)),
                           sentences_per_line=True)
        # the team labelled every one of these: none is boilerplate
        document = AnalyzedDocument(document.source, document.lang,
                                    [replace(p, boilerplate=None) for p in document.paragraphs],
                                    [replace(s, boilerplate=None) for s in document.sentences])
        documents.append((document, first.group or group))
        places.append(line_of)
        added.sentences += len(document.sentences)
    outcomes = store.documents.import_documents(documents)
    added.documents = sum(1 for outcome in outcomes if not outcome.skipped)
    for outcome, line_of in zip(outcomes, places):
        if not outcome.skipped:  # (a document already held: its units are matched by text)
            added.document_ids.add(outcome.document_id)
            ids = store.documents.sentence_ids(outcome.document_id)
            added.sentence_of.update((place, ids[line]) for place, line in line_of.items())
    added.not_mapped = +added.not_mapped
    return added


def document_name(unit: Unit, source: str) -> str:
    """The source_id of the document a unit goes to."""
    return unit.key.source_id or unit.document or storable_name(Path(source).name)


def key_after(unit: Unit, source: str) -> SentenceKey | None:
    """The unit's key as a new document holds it: its text on one line, in the document named
    `document_name`."""
    if not unit.key.text:
        return None
    return SentenceKey(None, document_name(unit, source), None, None, one_line(unit.key.text.strip()))


@contextmanager
def opened(project, add: bool | None) -> Iterator[Store]:
    """The project for an import of labels: created when documents are to be added (--add-
    documents) and it does not exist yet, and then removed again if the import fails."""
    store = Store.open(project, create=bool(add))
    try:
        yield store
    except BaseException:
        store.discard()
        raise
    store.close()
