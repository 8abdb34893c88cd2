"""A generated corpus for the team tests and benchmark: many groups, each a story told in a few
documents, written straight through the store (no analysis), sizes varying by a seed."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from annotator.core.store import Store, now

WORDS = ("the ministry said convoy photos video game were fake reported officials claimed that airstrikes "
         "city north army statement however later agency source news").split()


def build_corpus(path: Path, groups: int, documents: int = 2, sentences: tuple[int, int] = (5, 15),
                 seed: int = 0) -> dict[str, int]:
    """A project of `groups` groups of `documents` documents with a random number of sentences
    each (in `sentences`), every fifth sentence of a document boilerplate. Returns each group's
    content sentences."""
    chance = random.Random(seed)
    sizes: dict[str, int] = {}
    with Store.open(path) as store, store.transaction():
        for g in range(groups):
            name = f"story {g:05d}"
            sizes[name] = 0
            for d in range(documents):
                count = chance.randint(*sentences)
                parts, spans, offset = [], [], 0
                for k in range(count):
                    text = f"{name} doc {d} sentence {k}: " + " ".join(chance.choice(WORDS) for _ in range(8)) + "."
                    spans.append((offset, offset + len(text), text, int(k % 5 == 4)))
                    parts.append(text)
                    offset += len(text) + 1
                body = " ".join(parts)
                row = dict(title=f"{name} / {d}", source_path=f"{name}-{d}.txt", format="text",
                           sha256=hashlib.sha256(body.encode()).hexdigest(), encoding="utf-8",
                           lang=("en", "de", "fr")[d % 3], lang_source="given", external_id=None,
                           metadata=json.dumps({}), text=body, imported_at=now())
                store.documents.insert(name, row, [(0, len(body), row["lang"], "given", None)],
                                       [(0, start, end, text, row["lang"], boiler, "manual" if boiler else None)
                                        for start, end, text, boiler in spans])
                sizes[name] += sum(1 for *_, boiler in spans if not boiler)
    return sizes
