"""Alignments made elsewhere, in as links: a TMX file, a hunalign ladder or a Vecalign/Bertalign
bead file is matched to a group's documents by text and stored as manual links (or machine links
with the file's scores), replacing the links those sentences had between the same two
documents. The aligner keeps manual links when it runs again, as it keeps hand-made ones.

A ladder or bead file counts sentences of two sentence-per-line files (`source_lines`,
`target_lines`); each line is found in a document of the group by its text (whitespace
normalised, in order), so a line the project cut into two sentences links both. Without the
files, the indices are the sentences of the group's two documents (in import order)."""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.text.decode import decode_text
from annotator.core.dataset.formats.alignment_files import IndexBead, TextUnit, kind_of, parse_beads, parse_ladder, parse_tmx
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, read_bytes
from annotator.core.store import Store
from annotator.errors import AnnotatorError, InputError


_SPACES = re.compile(r"\s+")
_RUNS = re.compile(r"\s{2,}")


def normalized(text: str) -> str:
    return " ".join(text.split())


class DocumentIndex:
    """A document's text with its whitespace runs as single spaces, to find lines and segments
    in: each hit gives the sentences it overlaps. Searches go on from the last hit, so repeated
    lines are found in order. The document's own text is searched (not its sentences joined),
    so a line the project cut in two (`Kft.` | `-től`) is still found whole."""

    def __init__(self, document_id: int, text: str, sentences: Sequence):
        self.document_id = document_id
        self.ids = [s.id for s in sentences]
        self.starts = [s.start for s in sentences]
        self.ends = [s.end for s in sentences]
        self.text = _SPACES.sub(" ", text)
        # where a run of two or more blanks became one space: its end (normalised) and the
        # characters removed up to it, to map a hit back to document offsets
        self.run_ends, self.removed = [], []
        removed = 0
        for run in _RUNS.finditer(text):
            removed += len(run.group()) - 1
            self.run_ends.append(run.end() - removed)
            self.removed.append(removed)
        self.cursor = 0

    def _original(self, position: int) -> int:
        k = bisect_right(self.run_ends, position)
        return position + (self.removed[k - 1] if k else 0)

    def find(self, unit: str) -> list[int] | None:
        wanted = normalized(unit)
        if not wanted:
            return None
        for begin in (self.cursor, 0):
            position = self._at_boundary(wanted, begin)
            if position is not None:
                end = position + len(wanted)
                first, last = self._original(position), self._original(end - 1) + 1
                ids = self.ids[bisect_right(self.ends, first):bisect_left(self.starts, last)]
                if ids:
                    self.cursor = end
                    return ids
        return None

    def _at_boundary(self, wanted: str, begin: int) -> int | None:
        """The first hit from `begin` that starts and ends at a space or the text's ends."""
        position = self.text.find(wanted, begin)
        while position >= 0:
            end = position + len(wanted)
            if (position == 0 or self.text[position - 1] == " ") and (end == len(self.text) or self.text[end] == " "):
                return position
            position = self.text.find(wanted, position + 1)
        return None


def read_text(path: str | os.PathLike, max_bytes: int) -> str:
    source = os.fspath(path)
    raw = read_bytes(source, max_bytes)
    return decode_text(raw, source).text


def sentence_lines(path: str | os.PathLike, max_bytes: int) -> list[str]:
    """A sentence-per-line file's lines (split on \\n only, as the aligners count them)."""
    lines = read_text(path, max_bytes).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def group_indexes(store: Store, group_id: int) -> list[DocumentIndex]:
    """The group's documents in import order (not pivot first: re-alignment may choose another
    pivot, and a bead file's sides must not swap)."""
    documents = sorted(store.documents.group_documents(group_id, counts=False), key=lambda d: d["position"])
    return [DocumentIndex(d["id"], store.documents.text(d["id"]), store.documents.sentences(d["id"]))
            for d in documents]


def lines_to_sentences(indexes: list[DocumentIndex], lines: list[str], source: str,
                       exclude: int | None = None) -> tuple[int, list[list[int] | None]]:
    """The document whose text holds the most of the lines, and each line's sentences there
    (None for a line not found); InputError when no document holds half of them."""
    best: tuple[int, int, list] | None = None
    for index in indexes:
        if index.document_id == exclude:
            continue
        index.cursor = 0
        found = [index.find(line) for line in lines]
        hits = sum(1 for f in found if f)
        if best is None or hits > best[0]:
            best = (hits, index.document_id, found)
    if best is None or best[0] * 2 < max(1, sum(1 for line in lines if line.strip())):
        raise InputError(source, "its lines are not the text of a document of the group (fewer than half found)")
    return best[1], best[2]


def resolve_group(store: Store, group: str | None, where: str) -> int:
    if group is not None:
        return store.documents.group_id(group)
    groups = store.documents.groups()
    if len(groups) != 1:
        names = ", ".join(repr(g["name"]) for g in groups) or "none"
        raise AnnotatorError(where, f"the project has {len(groups)} groups: give --group (groups: {names})")
    return groups[0]["id"]


@dataclass(frozen=True)
class LinkImport:
    kind: str  # tmx, beads, ladder
    units: int  # beads or translation units read (null beads included)
    links: int  # links stored
    replaced: int  # links the project had on those sentences between the same documents, removed
    unmatched: int  # units with a side whose text was not found (or with one side empty)
    origin: str


def _merged(links: list[tuple[list[int], list[int], float | None]]) -> list[tuple[list[int], list[int], float | None]]:
    """Units that landed on a shared sentence (the project cut differently) become one link."""
    merged: list[tuple[list[int], list[int], float | None]] = []
    for source, target, score in links:
        if merged and (set(source) & set(merged[-1][0]) or set(target) & set(merged[-1][1])):
            last = merged.pop()
            source = sorted(set(last[0]) | set(source))
            target = sorted(set(last[1]) | set(target))
            score = None if last[2] is None or score is None else min(last[2], score)
        merged.append((source, target, score))
    return merged


def _index_links(beads: list[IndexBead], source_map: list, target_map: list, where: str
                 ) -> tuple[list[tuple[list[int], list[int], float | None]], int]:
    links, unmatched = [], 0
    for bead in beads:
        if not bead.source or not bead.target:
            continue  # a null bead: a sentence without a counterpart is simply left unlinked
        for side, indices, mapping in (("source", bead.source, source_map), ("target", bead.target, target_map)):
            if indices[-1] >= len(mapping):
                raise InputError(where, f"bead {list(bead.source)}:{list(bead.target)} points past the {side}'s"
                                        f" {len(mapping)} sentences")
        source = [s for i in bead.source for s in (source_map[i] or [])]
        target = [s for i in bead.target for s in (target_map[i] or [])]
        if any(source_map[i] is None for i in bead.source) or any(target_map[i] is None for i in bead.target):
            unmatched += 1
            continue
        links.append((sorted(set(source)), sorted(set(target)), bead.score))
    return links, unmatched


def _text_links(units: list[TextUnit], indexes: list[DocumentIndex], languages: dict[int, str]
                ) -> tuple[list[tuple[int, list[int], int, list[int], float | None]], int]:
    found, unmatched = [], 0
    for unit in units:
        sides = []
        for lang, text in unit.sides:
            primary = lang.split("-")[0].lower()
            # the side's language first; then the others, since a TMX may give a sentence's own
            # (detected, maybe wrong) language: a name-only English line taken for Hungarian
            candidates = sorted(indexes, key=lambda i: languages[i.document_id] != primary)
            hit = None
            for index in candidates:
                if sides and index.document_id == sides[0][0]:
                    continue
                sentences = index.find(text)
                if sentences:
                    hit = (index.document_id, sentences)
                    break
            if hit is None:
                break
            sides.append(hit)
        if len(sides) != 2:
            unmatched += 1
            continue
        found.append((sides[0][0], sides[0][1], sides[1][0], sides[1][1], unit.score))
    return found, unmatched


def import_links(project: str | os.PathLike, path: str | os.PathLike, *, group: str | None = None,
                 source_lines: str | os.PathLike | None = None, target_lines: str | os.PathLike | None = None,
                 machine: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> LinkImport:
    """Read an alignment file and store its units as links of a group, in one transaction.
    Every file is read and checked before the project changes; a bad one changes nothing."""
    source = os.fspath(path)
    text = read_text(source, max_bytes)
    try:
        kind = kind_of(text)
    except InputError as error:
        raise InputError(source, error.problem) from None
    if (source_lines is None) != (target_lines is None):
        raise AnnotatorError(None, "give both --source-lines and --target-lines, or neither")
    if kind == "tmx":
        if source_lines is not None:
            raise AnnotatorError(None, "a TMX file holds its texts: --source-lines and --target-lines are for"
                                       " ladder and bead files")
        units: list = parse_tmx(text, source)
    else:
        units = parse_beads(text, source) if kind == "beads" else parse_ladder(text, source)
    lines = None
    if source_lines is not None:
        lines = (sentence_lines(source_lines, max_bytes), sentence_lines(target_lines, max_bytes))
    origin = "machine" if machine else "manual"
    with Store.open(project, create=False) as store:
        group_id = resolve_group(store, group, os.fspath(project))
        indexes = group_indexes(store, group_id)
        if len(indexes) < 2:
            raise AnnotatorError(os.fspath(project), "the group has fewer than two documents: nothing to link")
        pairs: dict[tuple[int, int], list] = {}
        if kind == "tmx":
            languages = {d["id"]: (d["lang"] or "").split("-")[0].lower()
                         for d in store.documents.group_documents(group_id, counts=False)}
            found, unmatched = _text_links(units, indexes, languages)
            for first, first_ids, second, second_ids, score in found:
                pairs.setdefault((first, second), []).append((first_ids, second_ids, score))
        else:
            if lines is not None:
                first, source_map = lines_to_sentences(indexes, lines[0], os.fspath(source_lines))
                second, target_map = lines_to_sentences(indexes, lines[1], os.fspath(target_lines), exclude=first)
            else:
                if len(indexes) != 2:
                    raise AnnotatorError(source, f"the group has {len(indexes)} documents: give --source-lines and"
                                                 " --target-lines to say which two the file aligns")
                first, second = indexes[0].document_id, indexes[1].document_id
                source_map, target_map = ([[i] for i in index.ids] for index in indexes)
            links, unmatched = _index_links(units, source_map, target_map, source)
            pairs[first, second] = links
        replaced = stored = 0
        with store.transaction():
            for (first, second), links in pairs.items():
                links = _merged(links)
                touched = {s for a, b, _ in links for s in (*a, *b)}
                old = [link.id for link in store.links.between(first, second)
                       if touched & {*link.source, *link.target}]
                store.links.replace(old, [(a, b, score if machine else None, origin) for a, b, score in links])
                replaced += len(old)
                stored += len(links)
    return LinkImport(kind, len(units), stored, replaced, unmatched, origin)
