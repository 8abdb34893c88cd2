"""A group's links between two documents as a bead file (`[0]:[0, 1]`, `[]:[5]`, one bead a
line, in document order, the machine links' scores as a third field), the format Vecalign's and
Bertalign's scoring scripts read. With two sentence-per-line files, the indices count their
lines (each line found in its document by text, as import-links finds them), so an alignment
imported from a ladder or bead file comes out as it went in; without them, the indices count the
sentences of the group's two documents (in import order). Units no link covers are null beads, one
unit each."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.dataset.export import _write_file
from annotator.core.text.ingest import DEFAULT_MAX_BYTES
from annotator.core.dataset.link_import import group_indexes, lines_to_sentences, resolve_group, sentence_lines
from annotator.core.store import Store
from annotator.errors import AnnotatorError


def _bead_lines(links, source_units: dict[int, list[int]], target_units: dict[int, list[int]],
                source_count: int, target_count: int) -> list[str]:
    """`source_units`: sentence id -> the units (lines or sentences) it belongs to."""
    beads: list[tuple[list[int], list[int], float | None]] = []
    for link in links:
        source = sorted({u for s in link.source for u in source_units.get(s, ())})
        target = sorted({u for s in link.target for u in target_units.get(s, ())})
        if source and target:
            beads.append((source, target, link.score))
    beads.sort(key=lambda bead: (bead[0][0], bead[1][0]))
    merged: list[tuple[list[int], list[int], float | None]] = []
    for bead in beads:  # a unit in two links (a line the project cut in two, linked apart) joins them
        if merged and (set(bead[0]) & set(merged[-1][0]) or set(bead[1]) & set(merged[-1][1])):
            last = merged.pop()
            bead = (sorted(set(last[0]) | set(bead[0])), sorted(set(last[1]) | set(bead[1])),
                    None if last[2] is None or bead[2] is None else min(last[2], bead[2]))
        merged.append(bead)
    linked_source = {u for bead in merged for u in bead[0]}
    linked_target = {u for bead in merged for u in bead[1]}
    lines, i, j = [], 0, 0

    def nulls(source_end: int, target_end: int) -> None:
        nonlocal i, j
        for k in range(i, source_end):
            if k not in linked_source:
                lines.append(f"[{k}]:[]")
        for k in range(j, target_end):
            if k not in linked_target:
                lines.append(f"[]:[{k}]")
        i, j = max(i, source_end), max(j, target_end)

    for source, target, score in merged:
        nulls(source[0], target[0])
        lines.append(f"[{', '.join(map(str, source))}]:[{', '.join(map(str, target))}]"
                     + ("" if score is None else f":{score:.4f}"))
        i, j = max(i, source[-1] + 1), max(j, target[-1] + 1)
    nulls(source_count, target_count)
    return lines


def export_beads(project: str | os.PathLike, output: str | os.PathLike | None, *, group: str | None = None,
                 source_lines: str | os.PathLike | None = None, target_lines: str | os.PathLike | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Write the beads; returns their number."""
    if output is None or str(output) == "-":
        raise AnnotatorError(None, "--format beads writes a file: give -o FILE")
    if (source_lines is None) != (target_lines is None):
        raise AnnotatorError(None, "give both --source-lines and --target-lines, or neither")
    lines = None
    if source_lines is not None:
        lines = (sentence_lines(source_lines, max_bytes), sentence_lines(target_lines, max_bytes))
    with Store.open(project, readonly=True) as store, store.snapshot():
        group_id = resolve_group(store, group, os.fspath(project))
        indexes = group_indexes(store, group_id)
        if lines is not None:
            first, source_map = lines_to_sentences(indexes, lines[0], os.fspath(source_lines))
            second, target_map = lines_to_sentences(indexes, lines[1], os.fspath(target_lines), exclude=first)
            counts = (len(lines[0]), len(lines[1]))
        else:
            if len(indexes) != 2:
                raise AnnotatorError(os.fspath(project), f"the group has {len(indexes)} documents: give --source-lines"
                                                         " and --target-lines to say which two to write")
            first, second = indexes[0].document_id, indexes[1].document_id
            source_map, target_map = ([[i] for i in index.ids] for index in indexes)
            counts = (len(source_map), len(target_map))

        def units(mapping) -> dict[int, list[int]]:
            found: dict[int, list[int]] = {}
            for unit, sentences in enumerate(mapping):
                for sentence in sentences or ():
                    found.setdefault(sentence, []).append(unit)
            return found

        beads = _bead_lines(store.links.between(first, second), units(source_map), units(target_map), *counts)
        text = "".join(line + "\n" for line in beads).encode("utf-8")
        # while the project is open, so that naming the project itself is refused
        return _write_file(Path(output), lambda handle: (handle.write(text), len(beads))[1])
