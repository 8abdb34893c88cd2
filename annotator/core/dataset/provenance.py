"""Where a document came from, as every export carries it: `source_id` (the imported JSONL
`id`, else the file's name) and `meta` (the imported keys that have no column of their own:
`url`, `outlet`, `tweet_id`...), and sentence offsets in UTF-16 code units beside the code
points the project keeps (INCEpTION, UIMA and JavaScript tools count UTF-16)."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import PurePath

from annotator.core.store import Store

# A character outside the Basic Multilingual Plane is two UTF-16 code units
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# A character beyond U+FFFF is four bytes in UTF-8, the first F0 to F4: the text is read as
# bytes, and decoded only when deleting every other byte leaves something (bytes.translate
# runs in C, a tenth of the time of SQLite's instr() for each of the five).
_DOCUMENT = "SELECT external_id, source_path, title, metadata, CAST(text AS BLOB) FROM documents WHERE id = ?"
_DOCUMENTS = "SELECT id, external_id, source_path, title, metadata, CAST(text AS BLOB) FROM documents"
_NOT_FIRST_OF_FOUR = bytes(range(0xF0))


@dataclass(frozen=True)
class Provenance:
    source_id: str
    meta: str  # a JSON object, compact, as exported
    astral: list[int] = field(default_factory=list)  # code-point offsets of characters beyond U+FFFF

    def utf16(self, offset: int) -> int:
        """A code-point offset into the document as a UTF-16 offset."""
        return offset + bisect_left(self.astral, offset)

    @property
    def astral_json(self) -> str:
        return json.dumps(self.astral)


def source_id(external_id: str | None, source_path: str | None, title: str | None) -> str:
    """The JSONL `id` the document was imported with, else its file's name (for a JSONL line
    without an id, "file.jsonl:N"), else its title."""
    if external_id is not None:
        return str(external_id)
    if source_path:
        return PurePath(source_path).name
    return title or ""


def meta_json(stored: str | None) -> str:
    """The stored metadata as a compact JSON object; `{}` when there is none (or it is not an
    object: a project written by another tool)."""
    try:
        value = json.loads(stored) if stored else {}
    except (TypeError, ValueError):
        value = {}
    if not isinstance(value, dict):
        value = {}
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def of_document(store: Store, document_id: int) -> Provenance:
    row = store.read(_DOCUMENT, [document_id]).fetchone()
    if row is None:
        return Provenance("", "{}")
    return _provenance(store, document_id, *row)


def of_documents(store: Store) -> dict[int, Provenance]:
    """Every document's provenance, read in one pass (one text at a time)."""
    return {row[0]: _provenance(store, *row) for row in store.read(_DOCUMENTS)}


def _provenance(store: Store, document_id: int, external_id, source_path, title, metadata, text) -> Provenance:
    astral = []
    if isinstance(text, bytes) and text.translate(None, _NOT_FIRST_OF_FOUR):
        astral = [m.start() for m in _ASTRAL.finditer(text.decode("utf-8", "replace"))]
    return Provenance(source_id(external_id, source_path, title), meta_json(metadata), astral)
