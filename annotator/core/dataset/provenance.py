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

# A character beyond U+FFFF is four bytes in UTF-8, the first F0 to F4: SQLite looks for those
# bytes itself, so a document's text is read into Python only when it has such characters.
_DOCUMENT = ("SELECT external_id, source_path, title, metadata, "
             + " OR ".join(f"instr(CAST(text AS BLOB), X'F{k}')" for k in range(5))
             + " FROM documents WHERE id = ?")
_TEXT = "SELECT text FROM documents WHERE id = ?"


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
    external_id, source_path, title, metadata, wide = row
    astral = []
    if wide:
        text = store.read(_TEXT, [document_id]).fetchone()[0]
        astral = [m.start() for m in _ASTRAL.finditer(text)] if isinstance(text, str) else []
    return Provenance(source_id(external_id, source_path, title), meta_json(metadata), astral)
