"""Aligned pairs (bitext), as machine-translation and translation-memory tools read them: one
pair per link, as a TSV row or a TMX 1.4b translation unit, streamed group by group.

A link joins sentences of two documents; a 1-2 link is one pair whose side of two sentences is
their texts joined by a space, in document order. The document that comes first in its group
(the pivot, then the import order) is always the first side of a pair. Links made by hand
(no score) are always exported; `min_score` drops machine links scored below it. A link that
touches a boilerplate sentence is left out unless boilerplate is included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from annotator import __version__
from annotator.core.dataset import provenance
from annotator.core.dataset.export_rows import guarded, layer_labels
from annotator.core.store import Store

PAIR_FIELDS = ("group", "doc1_id", "doc1_title", "doc2_id", "doc2_title", "lang1", "lang2", "text1", "text2",
               "score", "origin", "sentence_ids1", "sentence_ids2", "labels1", "labels2", "link_id", "confirmed",
               "source_id1", "source_id2", "meta1", "meta2")

# Characters XML 1.0 does not allow (most C0 controls, surrogates, U+FFFE/U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A TSV cell holds no tab or line break: they would start a new cell or row
_TSV_BREAKS = re.compile(r"[\t\r\n\x0b\x0c\x85\u2028\u2029]+")

_LINK_SIDES = """
    SELECT l.id, l.score, l.origin, s.document_id, s.id, s.text, s.lang, s.boilerplate,
           EXISTS (SELECT 1 FROM confirmations c WHERE c.sentence_id = s.id)
    FROM links l JOIN link_sentences ls ON ls.link_id = l.id JOIN sentences s ON s.id = ls.sentence_id
    WHERE l.group_id = ?1 AND (?2 IS NULL OR l.score IS NULL OR l.score >= ?2)
    ORDER BY l.id, s.idx"""

# Per group: each labeled sentence's distinct labels (anyone's, or one annotator's), scheme order
_GROUP_LABELS = """
    SELECT DISTINCT an.sentence_id, lb.name, lb.position FROM annotations an
    JOIN sentences s ON s.id = an.sentence_id JOIN documents d ON d.id = s.document_id
    JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id
    WHERE d.group_id = ?1 AND (?2 IS NULL OR a.name = ?2) ORDER BY an.sentence_id, lb.position"""


@dataclass(frozen=True)
class Side:
    document_id: int
    title: str
    lang: str
    sentence_ids: list[int]
    text: str
    labels: list[str]
    source_id: str = ""  # the document's provenance (provenance.py)
    meta: str = "{}"


@dataclass(frozen=True)
class Pair:
    link_id: int
    group: str
    first: Side
    second: Side
    score: float | None
    origin: str
    confirmed: bool = False  # a reviewer confirmed the rows of every sentence of the pair


def _labels(store: Store, group_id: int, documents: list[int], layer: str) -> dict[int, list[str]]:
    if layer == "gold":
        found: dict[int, list[str]] = {}
        for document_id in documents:
            found.update(layer_labels(store, document_id, "gold"))
        return found
    found = {}
    for sentence_id, name, _ in store.read(_GROUP_LABELS, [group_id, None if layer == "all" else layer]):
        found.setdefault(sentence_id, []).append(name)
    return found


def pairs(store: Store, include_boilerplate: bool = False, groups: set[int] | None = None,
          min_score: float | None = None, layer: str = "all") -> Iterator[Pair]:
    """Every link of the project as a pair, group by group (in one snapshot); memory follows
    the largest group's links."""
    with store.snapshot():
        for group in store.documents.groups():
            if groups is not None and group["id"] not in groups:
                continue
            documents = sorted(store.documents.group_documents(group["id"]),
                               key=lambda d: (d["id"] != group["pivot_document_id"], d["position"]))
            order = {d["id"]: k for k, d in enumerate(documents)}
            titles = {d["id"]: d["title"] or "" for d in documents}
            origins = {d["id"]: provenance.of_document(store, d["id"]) for d in documents}
            labels = _labels(store, group["id"], list(order), layer)
            rows = store.read(_LINK_SIDES, [group["id"], min_score]).fetchall()
            start = 0
            while start < len(rows):
                end = start
                while end < len(rows) and rows[end][0] == rows[start][0]:
                    end += 1
                pair = _pair(rows[start:end], group["name"], order, titles, labels, include_boilerplate, origins)
                if pair is not None:
                    yield pair
                start = end


def _pair(rows: list[tuple], group: str, order: dict[int, int], titles: dict[int, str],
          labels: dict[int, list[str]], include_boilerplate: bool,
          origins: dict[int, provenance.Provenance]) -> Pair | None:
    link_id, score, origin = rows[0][:3]
    if not include_boilerplate and any(row[7] for row in rows):
        return None
    by_document: dict[int, list[tuple]] = {}
    for row in rows:
        by_document.setdefault(row[3], []).append(row)
    first, second = sorted(by_document, key=order.__getitem__)

    def side(document_id: int) -> Side:
        sentences = by_document[document_id]
        names: list[str] = []
        for row in sentences:
            names += [n for n in labels.get(row[4], ()) if n not in names]
        return Side(document_id, titles[document_id], sentences[0][6] or "", [row[4] for row in sentences],
                    " ".join(row[5] for row in sentences), names, origins[document_id].source_id,
                    origins[document_id].meta)

    return Pair(link_id, group, side(first), side(second), score, origin, all(row[8] for row in rows))


# ---------------------------------------------------------------------- TSV
def _tsv_cell(value, guard: bool) -> str:
    text = _TSV_BREAKS.sub(" ", "" if value is None else str(value))
    return guarded(text) if guard else text


def tsv_lines(items: Iterator[Pair], guard: bool = True) -> Iterator[str]:
    """The header, then one line per pair; tabs and line breaks inside a text become a space,
    and with `guard` a cell a spreadsheet would run as a formula gets a "'" in front."""
    yield "\t".join(PAIR_FIELDS) + "\n"
    for pair in items:
        a, b = pair.first, pair.second
        cells = (pair.group, a.document_id, a.title, b.document_id, b.title, a.lang, b.lang, a.text, b.text,
                 "" if pair.score is None else f"{pair.score:.4f}", pair.origin,
                 " ".join(map(str, a.sentence_ids)), " ".join(map(str, b.sentence_ids)),
                 "|".join(a.labels), "|".join(b.labels), pair.link_id, int(pair.confirmed),
                 a.source_id, b.source_id, a.meta, b.meta)
        yield "\t".join(_tsv_cell(cell, guard and isinstance(cell, str)) for cell in cells) + "\n"


# ---------------------------------------------------------------------- TMX
def _xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def _xml_attribute(text: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", text))


def _lang(code: str) -> str:
    """xml:lang wants a BCP 47 tag: langdetect's zh-cn is zh-CN; an unknown language is und."""
    code = code.strip()
    if not code or code in ("unknown", "und") or not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", code):
        return "und"
    head, *rest = code.split("-")
    return "-".join([head.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])


def _prop(kind: str, value) -> str:
    return f"<prop type={_xml_attribute(kind)}>{_xml_text(str(value))}</prop>"


def tmx_chunks(items: Iterator[Pair]) -> Iterator[str]:
    """A TMX 1.4b document: one <tu> per pair, with the group, score, origin and link id as
    properties and each side's document, sentence ids and labels on its <tuv>. Characters that
    XML 1.0 does not allow become U+FFFD."""
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
           f'<header creationtool="annotator" creationtoolversion={_xml_attribute(__version__)}'
           ' segtype="sentence" o-tmf="annotator" adminlang="en" srclang="*all*" datatype="plaintext"/>\n'
           '<body>\n')
    for pair in items:
        props = [_prop("x-group", pair.group), _prop("x-origin", pair.origin)]
        if pair.score is not None:
            props.append(_prop("x-score", f"{pair.score:.4f}"))
        if pair.confirmed:
            props.append(_prop("x-confirmed", "yes"))
        variants = []
        for side in (pair.first, pair.second):
            side_props = [_prop("x-document-id", side.document_id), _prop("x-document", side.title),
                          _prop("x-sentence-ids", " ".join(map(str, side.sentence_ids))),
                          _prop("x-source-id", side.source_id)]
            if side.meta != "{}":
                side_props.append(_prop("x-meta", side.meta))
            if side.labels:
                side_props.append(_prop("x-labels", "|".join(side.labels)))
            variants.append(f'<tuv xml:lang="{_lang(side.lang)}">{"".join(side_props)}'
                            f"<seg>{_xml_text(side.text)}</seg></tuv>")
        yield f'<tu tuid="{pair.link_id}">{"".join(props)}{"".join(variants)}</tu>\n'
    yield "</body>\n</tmx>\n"
