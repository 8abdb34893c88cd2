"""A retelling's beads (its links, and every other sentence as a bead of its own), made as
they are read: a long text's pair has 100,000s of unmatched lines, and the group aligner keeps
only the links, so the list of every line's bead (and its sort keys, ~0.35 KB a line) was
the largest thing a long pair held at the end of its alignment."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotator.core.align.beads import Bead


class RetoldBeads(Sequence):
    """The mined links, and every other sentence as a bead of its own (unmatched). Beads come
    in source order, each unmatched target sentence after the source sentence it follows in
    its links' order (before the first source sentence when no linked target comes before it).
    Iterating makes each bead as it is reached; indexing makes the whole list once."""

    def __init__(self, links: Sequence[Bead], sources: int, targets: int):
        self.links, self.sources, self.targets = list(links), sources, targets
        self._made: list[Bead] | None = None

    def __iter__(self) -> Iterator[Bead]:
        if self._made is not None:
            yield from self._made
            return
        first = {link.src[0]: link for link in self.links}
        linked_source = {i for link in self.links for i in link.src}
        source_of = {j: link.src[0] for link in self.links for j in link.tgt}
        after: dict[int, list[int]] = {}  # source line -> the unmatched target lines placed after it
        anchor = -1
        for j in range(self.targets):
            if j in source_of:
                anchor = source_of[j]
            else:
                after.setdefault(anchor, []).append(j)
        yield from (Bead((), (j,)) for j in after.get(-1, ()))
        for i in range(self.sources):
            link = first.get(i)
            if link is not None:
                yield Bead(link.src, link.tgt, link.score)
            elif i not in linked_source:
                yield Bead((i,), ())
            yield from (Bead((), (j,)) for j in after.get(i, ()))

    def __len__(self) -> int:
        linked_source = {i for link in self.links for i in link.src}
        linked_target = {j for link in self.links for j in link.tgt}
        return len(self.links) + self.sources - len(linked_source) + self.targets - len(linked_target)

    def __getitem__(self, index):
        if self._made is None:
            self._made = list(self)
        return self._made[index]

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return repr(list(self))
