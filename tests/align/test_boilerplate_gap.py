"""The group aligner leaves boilerplate out of what it aligns, but two content lines with
boilerplate between them are still not neighbours: mining must not merge them into one 2-1
link across it (issue 25)."""

from __future__ import annotations

import json

import numpy as np

from annotator.core.align.embeddings import DIMENSION, Encoder
from annotator.core.align.group import align_group
from annotator.core.session.importing import import_files
from annotator.core.store import Store

CONTENT = 12  # unrelated lines on each side, so that the pair is a retelling (mined)


def _unit(vector):
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def test_no_2_1_link_across_boilerplate(tmp_path):
    english = [f"The English report says thing number {k} about the story." for k in range(CONTENT)]
    english[5:6] = ["The ministry said the convoy left the town at dawn.", "Read more: subscribe to our newsletter.",
                    "It then crossed the river near the border."]
    german = [f"Der deutsche Bericht sagt Ding Nummer {k} über die Geschichte." for k in range(CONTENT)]
    german[3] = "Der Konvoi verließ die Stadt im Morgengrauen und überquerte dann den Fluss an der Grenze."
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps({"title": title, "lang": lang, "group": "g", "text": "\n\n".join(lines)})
                              + "\n" for title, lang, lines in (("en", "en", english), ("de", "de", german))),
                      encoding="utf-8")
    project = tmp_path / "p.sqlite"
    import_files(project, [source], group="g")
    with Store.open(project) as store:
        (en, _), (de, _) = [(d["id"], d) for d in store.documents.group_documents(1)]
        en_sentences, de_sentences = store.documents.sentences(en), store.documents.sentences(de)
        assert [s.text for s in en_sentences] == english and [s.text for s in de_sentences] == german
        teaser = en_sentences[6]
        store.corrections.set_boilerplate([teaser.id], True)  # (or found so by the import)
        # vectors that make the two lines around it one retold sentence together: the German
        # line holds both halves, each English line one
        rng = np.random.default_rng(0)
        vectors = {s.text: _unit(rng.normal(size=DIMENSION)) for s in en_sentences + de_sentences}
        a, b = _unit(rng.normal(size=DIMENSION)), _unit(rng.normal(size=DIMENSION))
        noise = [_unit(rng.normal(size=DIMENSION)) for _ in range(2)]
        vectors[english[5]], vectors[english[7]] = _unit(a + 0.3 * noise[0]), _unit(b + 0.3 * noise[1])
        vectors[german[3]] = _unit(a + b)
        encoder = Encoder()
        encoder.seed(list(vectors), np.stack(list(vectors.values())))
        align_group(store, "g", encoder=encoder)
        links = store.links.in_group(1, origin="machine")
    first, second = en_sentences[5].id, en_sentences[7].id
    assert not [link for link in links if {first, second} <= set(link.sentence_ids())]
    assert links  # the pair was aligned (one of the two lines with the German one)
