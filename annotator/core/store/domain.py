"""What every domain manager shares: the store it belongs to, its connection, and chunked
`IN (...)` queries (SQLite limits the number of parameters)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from annotator.core.store.errors import not_text

if TYPE_CHECKING:
    from annotator.core.store.project import Store

CHUNK = 500


class Domain:
    def __init__(self, store: "Store"):
        self._store = store

    @property
    def db(self):
        return self._store.db

    def transaction(self):
        return self._store.transaction()

    @property
    def where(self) -> str:
        return str(self._store.path)

    def checked_text(self, what: str, value) -> str:
        """A value read from a TEXT column, refused in one line when it is not text (`what`
        names its row: "sentence 12")."""
        if isinstance(value, str):
            return value
        raise not_text(self.where, what, value)


def chunks(ids: Sequence[int]) -> Iterator[tuple[list[int], str]]:
    """Slices of `ids` with the matching '?,?,...' placeholder list."""
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start:start + CHUNK])
        yield chunk, ",".join("?" * len(chunk))
