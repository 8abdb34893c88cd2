"""The export's row format: what one JSONL line and one CSV row hold for a sentence.

SQLite builds the text itself (json_quote escapes every string; CSV cells come out ready for
the writer), so no text is decoded or re-encoded in Python on the way out. The queries run
through the store's read door inside one snapshot, so an export never mixes two states of a
project that someone is labeling. Memory follows the largest document, not the project."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from annotator.core.dataset import provenance
from annotator.core.dataset.export_groups import GroupAnswers
from annotator.core.dataset.export_relations import RelationsJson
from annotator.core.dataset.export_spans import SpansJson
from annotator.core.store import Store

# Provenance, after every other column (CSV and the pairs' sides): see provenance.py
PROVENANCE_FIELDS = ("source_id", "meta", "start", "end", "start_utf16", "end_utf16")
CSV_FIELDS = ("group", "doc_id", "doc_title", "source", "lang", "sentence_id", "index", "text", "boilerplate",
              "alignment_confirmed")
_CONFIRMED = "EXISTS (SELECT 1 FROM confirmations c WHERE c.sentence_id = s.id)"

_EXPORT_SENTENCES = """
    FROM sentences s JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id
    WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0) ORDER BY s.idx"""

# Every scalar field of a sentence's JSON object, up to (not including) its labels.
_SENTENCE_JSON_PREFIX = ("""
    SELECT s.id, s.start, s.end, CAST('{"group":' || json_quote(g.name) || ',"doc_id":' || d.id
        || ',"doc_title":' || json_quote(d.title) || ',"source":' || json_quote(d.source_path)
        || ',"lang":' || json_quote(s.lang) || ',"sentence_id":' || s.id || ',"index":' || s.idx
        || ',"text":' || json_quote(s.text)
        || ',"boilerplate":' || CASE s.boilerplate WHEN 1 THEN 'true' ELSE 'false' END
        || ',"doc_sha256":' || json_quote(d.sha256) || ',"start":' || s.start || ',"end":' || s.end
        || ',"alignment_confirmed":' || CASE WHEN """ + _CONFIRMED + """ THEN 'true' ELSE 'false' END AS BLOB)"""
    + _EXPORT_SENTENCES)

# Per document: each labeled sentence's distinct labels, in the scheme's order.
_DISTINCT_LABELS = """
    SELECT DISTINCT an.sentence_id, lb.name, lb.position FROM annotations an
    JOIN sentences s ON s.id = an.sentence_id JOIN labels lb ON lb.id = an.label_id
    WHERE s.document_id = ?1 ORDER BY an.sentence_id, lb.position"""

# Per document: each annotated sentence's label positions ("2,0", in no order) and its
# annotations as JSON (UTF-8 bytes), oldest first.
_ANNOTATIONS_JSON_BY_SENTENCE = """
    SELECT x.sentence_id, group_concat(x.position, ','), CAST('[' || group_concat(x.entry, ',') || ']' AS BLOB)
    FROM (
      SELECT an.sentence_id, lb.position,
             '{"annotator":' || json_quote(a.name) || ',"label":' || json_quote(lb.name)
             || ',"at":' || json_quote(an.created_at) || ',"note":' || json_quote(an.note)
             || ',"origin":' || json_quote(an.origin) || '}' AS entry
      FROM annotations an JOIN sentences s ON s.id = an.sentence_id
      JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id
      WHERE s.document_id = ? ORDER BY an.sentence_id, an.created_at, lb.position) x
    GROUP BY x.sentence_id"""

# Per document: for each judged sentence, who judged it (labels or "no label applies"), by name.
_JUDGED_JSON_BY_SENTENCE = """
    SELECT x.sentence_id, CAST(json_group_array(x.name) AS BLOB) FROM (
      SELECT j.sentence_id, a.name FROM sentences s JOIN judgements j ON j.sentence_id = s.id
      JOIN annotators a ON a.id = j.annotator_id WHERE s.document_id = ? ORDER BY j.sentence_id, a.name) x
    GROUP BY x.sentence_id"""

# Per document: the notes on judgements ("no label applies" with a reason), by annotator name.
_JUDGEMENT_NOTES_JSON = """
    SELECT x.sentence_id, CAST(json_group_array(json_object('annotator', x.name, 'note', x.note)) AS BLOB) FROM (
      SELECT j.sentence_id, a.name, j.note FROM sentences s JOIN judgements j ON j.sentence_id = s.id
      JOIN annotators a ON a.id = j.annotator_id WHERE s.document_id = ? AND j.note <> ''
      ORDER BY j.sentence_id, a.name) x
    GROUP BY x.sentence_id"""

# Per document: the gold layer's decision on each adjudicated sentence (labels joined by '|').
_GOLD_BY_SENTENCE = """
    SELECT g.sentence_id, g.labels, g.method FROM gold g JOIN sentences s ON s.id = g.sentence_id
    WHERE s.document_id = ?"""

# Per document: the annotators who judged each sentence, joined by '|' in name order (CSV).
_JUDGED_BY = """
    SELECT x.sentence_id, group_concat(x.name, '|') AS names FROM (
      SELECT j.sentence_id, a.name FROM sentences s JOIN judgements j ON j.sentence_id = s.id
      JOIN annotators a ON a.id = j.annotator_id WHERE s.document_id = ?1 ORDER BY j.sentence_id, a.name) x
    GROUP BY x.sentence_id"""

# Per document: for each linked sentence, each link's other side (its sentences in document
# order; the bare `lang` column takes the value of the min(idx) row, i.e. the first sentence's).
_ALIGNED_JSON_BY_SENTENCE = """
    SELECT z.sentence_id, CAST('[' || group_concat(z.entry, ',') || ']' AS BLOB) FROM (
      SELECT x.sentence_id, '{"doc_id":' || x.doc_id || ',"lang":' || json_quote(x.lang)
             || ',"sentence_ids":[' || x.ids || '],"text":' || json_quote(x.txt)
             || ',"score":' || json_quote(l.score) || ',"origin":' || json_quote(l.origin) || '}' AS entry
      FROM (
        SELECT y.sentence_id, y.link_id, y.doc_id, min(y.idx), y.lang AS lang,
               group_concat(y.id, ',') AS ids, group_concat(y.text, ' ') AS txt
        FROM (SELECT me.sentence_id, me.link_id, os.document_id AS doc_id, os.idx, os.lang, os.id, os.text
              FROM sentences s JOIN link_sentences me ON me.sentence_id = s.id
              JOIN link_sentences o ON o.link_id = me.link_id AND o.side <> me.side
              JOIN sentences os ON os.id = o.sentence_id
              WHERE s.document_id = ? ORDER BY me.sentence_id, me.link_id, os.idx) y
        GROUP BY y.sentence_id, y.link_id) x
      JOIN links l ON l.id = x.link_id ORDER BY x.sentence_id, x.doc_id, l.id) z
    GROUP BY z.sentence_id"""

# Per document: for each sentence in a rejected link (a machine link a person unlinked), the
# other sentence of each rejected pair, with the link's score and who rejected it.
_REJECTED_JSON_BY_SENTENCE = """
    SELECT x.sentence_id, CAST(json_group_array(json_object('doc_id', x.doc_id, 'sentence_id', x.other,
           'score', x.score, 'by', x.name)) AS BLOB) FROM (
      SELECT r.me AS sentence_id, os.document_id AS doc_id, r.other, r.score, a.name FROM (
        SELECT sentence_id AS me, other_sentence_id AS other, score, annotator_id FROM rejected_links
        UNION ALL SELECT other_sentence_id, sentence_id, score, annotator_id FROM rejected_links) r
      JOIN sentences s ON s.id = r.me JOIN sentences os ON os.id = r.other
      LEFT JOIN annotators a ON a.id = r.annotator_id
      WHERE s.document_id = ? ORDER BY r.me, os.document_id, os.idx) x
    GROUP BY x.sentence_id"""


def _valid_utf8(chunk: bytes) -> bytes:
    """SQLite hands TEXT over as stored: bytes that are not UTF-8 become U+FFFD, so that every
    line stays valid JSON in UTF-8."""
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return chunk.decode("utf-8", "replace").encode("utf-8")
    return chunk


def layer_labels(store: Store, document_id: int, layer: str) -> dict[int, list[str]]:
    """Per sentence of a document, the labels of one layer: "gold" or an annotator's name."""
    if layer == "gold":
        return store.gold.labels_by_sentence(document_id)
    return store.annotations.labels_by_annotator(document_id, layer)


def _documents(store: Store, groups: set[int] | None) -> list[int]:
    return [document_id for document_id, group_id in store.documents.in_order()
            if groups is None or group_id in groups]


def jsonl_chunks(store: Store, include_boilerplate: bool = False, groups: set[int] | None = None,
                 extra: dict | None = None, layer: str = "all", with_suggestions: bool = False) -> Iterator[bytes]:
    """JSON Lines, one object per sentence, as UTF-8 chunks (one per document); with
    `with_suggestions`, each line's `suggestions` holds the model's probability per label
    (`{}` on a sentence it has none for: a judged one, or one it never saw)."""
    labels = store.scheme.labels()
    label_names = {label.position: label.name for label in labels}
    position_of = {label.name: str(label.position) for label in labels}
    labels_json: dict[str | None, bytes] = {None: b"[]"}  # "2,0" (positions) -> b'["claim","correction"]'
    suffix = b"".join(b",%s:%s" % (json.dumps(k).encode(), json.dumps(v, ensure_ascii=False).encode())
                      for k, v in (extra or {}).items())
    with store.snapshot():
        relations_json = RelationsJson(store)
        spans_json = SpansJson(store)
        group_answers = GroupAnswers(store, layer)
        for document_id in _documents(store, groups):
            annotated = {sentence_id: (positions, entries) for sentence_id, positions, entries
                         in store.read(_ANNOTATIONS_JSON_BY_SENTENCE, [document_id])}
            if layer != "all":  # labels from one annotator or from the gold layer; annotations stay complete
                chosen = layer_labels(store, document_id, layer)
                annotated = {sentence_id: (",".join(position_of[n] for n in chosen.get(sentence_id, ())) or None,
                                           entries) for sentence_id, (_, entries) in annotated.items()}
                annotated.update({sentence_id: (",".join(position_of[n] for n in names), b"[]")
                                  for sentence_id, names in chosen.items() if sentence_id not in annotated})
            aligned = dict(store.read(_ALIGNED_JSON_BY_SENTENCE, [document_id]))
            rejected = dict(store.read(_REJECTED_JSON_BY_SENTENCE, [document_id]))
            judged = dict(store.read(_JUDGED_JSON_BY_SENTENCE, [document_id]))
            judgement_notes = dict(store.read(_JUDGEMENT_NOTES_JSON, [document_id]))
            relations = relations_json.of_document(document_id)
            spans = spans_json.of_document(document_id)
            answers, flags = group_answers.json_of_document(document_id)
            gold = {sentence_id: json.dumps({"labels": labels.split("|") if labels else [], "method": method},
                                            ensure_ascii=False, separators=(",", ":")).encode()
                    for sentence_id, labels, method in store.read(_GOLD_BY_SENTENCE, [document_id])}
            suggested = store.suggestions.of_document(document_id) if with_suggestions else None
            origin = provenance.of_document(store, document_id)
            source = b',"source_id":%s,"meta":%s' % (json.dumps(origin.source_id, ensure_ascii=False).encode(),
                                                     origin.meta.encode())
            lines = []
            for sentence_id, start, end, prefix in store.read(_SENTENCE_JSON_PREFIX,
                                                              [document_id, int(include_boilerplate)]):
                positions, entries = annotated.get(sentence_id, (None, b"[]"))
                labels_text = labels_json.get(positions)
                if labels_text is None:
                    names = [label_names[p] for p in sorted({int(p) for p in positions.split(",") if p})]
                    labels_text = labels_json[positions] = json.dumps(names, ensure_ascii=False).encode()
                more = suffix if suggested is None else b',"suggestions":%s%s' % (
                    json.dumps({k: round(v, 4) for k, v in suggested.get(sentence_id, {}).items()},
                               ensure_ascii=False, separators=(",", ":")).encode(), suffix)
                lines.append(b'%s,"labels":%s,"annotations":%s,"aligned":%s,"rejected":%s,"judged_by":%s,'
                             b'"judgement_notes":%s,"gold":%s,"relations":%s,"spans":%s,"answers":%s,"discussion":%s%s,'
                             b'"start_utf16":%d,"end_utf16":%d%s}\n'
                             % (prefix, labels_text, entries, aligned.get(sentence_id, b"[]"),
                                rejected.get(sentence_id, b"[]"),
                                judged.get(sentence_id, b"[]"), judgement_notes.get(sentence_id, b"[]"),
                                gold.get(sentence_id, b"null"), relations.get(sentence_id, b"[]"),
                                spans.get(sentence_id, b"[]"), answers.get(sentence_id, b"{}"),
                                flags.get(sentence_id, b"[]"), source,
                                *((origin.utf16(start), origin.utf16(end)) if origin.astral else (start, end)), more))
            if lines:
                yield _valid_utf8(b"".join(lines))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP's CSV injection list
# Spreadsheets also take the full-width and small forms of those signs (and U+2212 MINUS), and
# skip leading blanks and invisible characters before them: a cell is guarded when, after
# those, it starts with any of these.
FORMULA_LOOKALIKES = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63",
                      "\ufe6b", "\u2212")
LEADING_BLANKS = (" \t\r\n\x0b\x0c\x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                  "\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff")


# Characters that show nothing, looked through like blanks: every format character (category
# Cf: direction marks and isolates, the soft hyphen, invisible operators, tags; a test checks
# none is missing), variation selectors, the combining grapheme joiner, the Hangul fillers and
# the Braille blank.
_INVISIBLE_RANGES = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
                     (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x115F, 0x1160), (0x17B4, 0x17B5),
                     (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x2800, 0x2800),
                     (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF9, 0xFFFB),
                     (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
                     (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xE0100, 0xE01EF))
INVISIBLE = "".join(chr(code) for first, last in _INVISIBLE_RANGES for code in range(first, last + 1))
BLANKS = LEADING_BLANKS + "".join(ch for ch in INVISIBLE if ch not in LEADING_BLANKS)


def needs_guard(text: str) -> bool:
    """Whether a spreadsheet would run this cell as a formula: it starts with one of
    FORMULA_START, or with a look-alike after any number of BLANKS (the rule `table_rows`
    applies in SQL, for the cells built in Python)."""
    if text.startswith(FORMULA_START):
        return True
    return (text.lstrip(BLANKS) if text[:1] in BLANKS else text).startswith(FORMULA_LOOKALIKES)


def guarded(value):
    """A cell as a CSV or TSV file gets it: text that `needs_guard` with a "'" in front."""
    return "'" + value if isinstance(value, str) and needs_guard(value) else value


LOOKALIKES_TEXT = "".join(FORMULA_LOOKALIKES)


def _codes(characters) -> str:
    return ", ".join(str(ord(c)) for c in characters)


def table_rows(store: Store, include_boilerplate: bool = False, guard: bool = True,
               groups: set[int] | None = None, layer: str = "all") -> Iterator[Iterable[tuple]]:
    """For each document, its sentences as flat rows: the CSV_FIELDS, one 0/1 per label of the
    scheme, and the labels joined by "|". With `guard`, a text cell that a spreadsheet would
    run as a formula (`needs_guard`, the same rule in SQL) gets a "'" in front. SQLite builds
    every cell, so a CSV writer consumes the rows directly."""
    names = [label.name for label in store.scheme.labels()]
    layer_slot = 3 + len(names)  # ?N of the annotator's name (when the layer is one)
    lookalikes, blanks = layer_slot + 1, layer_slot + 2  # the guard's character sets, bound
    source_slot, meta_slot, astral_slot = blanks + 1, blanks + 2, blanks + 3  # the document's provenance

    def utf16(offset: str) -> str:  # a character beyond U+FFFF before the offset counts twice
        return f"{offset} + (SELECT count(*) FROM json_each(?{astral_slot}) WHERE value < {offset})"

    def cell(expression: str) -> str:
        if not guard:
            return expression
        quote = "''''"  # SQL for a string holding one apostrophe
        # unicode() of the first character decides at once for almost every cell; only a cell
        # that starts with a blank is trimmed, however many blanks it has ('.' stands in for
        # what is left empty, since instr(x, '') is 1). The invisible characters are tested as
        # ranges, and only for a first character past them all: an IN list of all 464 codes
        # would be built again for every document's query.
        first = f"unicode({expression})"
        invisible = " OR ".join(f"{first} BETWEEN {low} AND {high}" for low, high in _INVISIBLE_RANGES)
        return (f"CASE WHEN {first} IN ({_codes(FORMULA_START + FORMULA_LOOKALIKES)})"
                f" OR (({first} IN ({_codes(LEADING_BLANKS)}) OR ({first} >= {_INVISIBLE_RANGES[0][0]}"
                f" AND ({invisible})))"
                f" AND instr(?{lookalikes}, substr(ltrim({expression}, ?{blanks}) || '.', 1, 1)) > 0)"
                f" THEN {quote} || {expression} ELSE {expression} END")

    flags = "".join(f", coalesce(instr('|' || j.labels || '|', ?{3 + i}) > 0, 0)" for i in range(len(names)))
    if layer == "gold":
        source = "SELECT g.sentence_id, g.labels FROM gold g JOIN sentences s ON s.id = g.sentence_id" \
                 " WHERE s.document_id = ?1"
    else:
        distinct = _DISTINCT_LABELS if layer == "all" else _DISTINCT_LABELS.replace(
            "WHERE s.document_id = ?1", f"WHERE s.document_id = ?1 AND an.annotator_id ="
                                       f" (SELECT id FROM annotators WHERE name = ?{layer_slot})")
        source = f"SELECT sentence_id, group_concat(name, '|') AS labels FROM ({distinct}) GROUP BY sentence_id"

    def query(utf16_start: str, utf16_end: str) -> str:
        return f"""
        WITH j AS ({source}), jb AS ({_JUDGED_BY})
        SELECT {cell('g.name')}, d.id, {cell('d.title')}, {cell('d.source_path')}, s.lang, s.id, s.idx,
               {cell('s.text')}, s.boilerplate, {_CONFIRMED}{flags}, {cell("coalesce(j.labels, '')")},
               {cell("coalesce(jb.names, '')")}, ?{source_slot}, ?{meta_slot}, s.start, s.end,
               {utf16_start}, {utf16_end}
        FROM sentences s JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id
        LEFT JOIN j ON j.sentence_id = s.id LEFT JOIN jb ON jb.sentence_id = s.id
        WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0) ORDER BY s.idx"""

    # the UTF-16 offsets equal the code points unless the document has characters beyond U+FFFF
    plain, wide = query("s.start", "s.end"), query(utf16("s.start"), utf16("s.end"))
    with store.snapshot():
        for document_id in _documents(store, groups):
            origin = provenance.of_document(store, document_id)
            # every slot is bound (some maybe unused) so that the numbered ones after them line up
            parameters = [document_id, int(include_boilerplate), *(f"|{n}|" for n in names), layer,
                          LOOKALIKES_TEXT, BLANKS, guarded(origin.source_id) if guard else origin.source_id,
                          origin.meta]
            yield (store.read(wide, [*parameters, origin.astral_json]) if origin.astral
                   else store.read(plain, parameters))
