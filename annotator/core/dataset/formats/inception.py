"""INCEpTION / UIMA CAS XMI, both ways, through dkpro-cassis (an extra: imported only here).

Out (`export --format xmi -o DIR`): `TypeSystem.xml`, and per document a folder (its position
and source_id) with one CAS per annotator (`NAME.xmi`) and the gold layer as the curation user's
CAS (`CURATION_USER.xmi`), as INCEpTION's project export lays them out. Each CAS holds the
document's text, its sentences (DKPro `Sentence`), its `DocumentMetaData` (title; id = source_id)
and one `webanno.custom.SentenceLabel` per label on the sentence's span (UIMA counts UTF-16;
cassis converts).

In (`import-labels --format xmi DIR`): every `*.xmi` under DIR read with DIR's TypeSystem.xml;
the file's name is the annotator, CURATION_USER's labels become the gold layer. A CAS is matched
to a project document by its DocumentMetaData id (our source_id) or by its whole text; a label
to a sentence by its span, else by its covered text. Not mapped (counted): annotations of other
types, spans that are no sentence, CASes matching no document. "No label applies" and notes have
no place in the layer and are not carried."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.dataset import provenance
from annotator.core.dataset.export_rows import layer_labels
from annotator.core.dataset.formats.new_documents import (Added, Unit, add_documents, one_line, opened,
                                                          wants_documents)
from annotator.core.dataset.label_matching import SentenceKey
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, read_bytes
from annotator.core.store import Store
from annotator.errors import AnnotatorError, InputError

INSTALL = "pip install 'annotator[inception]'"
LABEL_TYPE = "webanno.custom.SentenceLabel"
SENTENCE_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
METADATA_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
CURATION_USER = "CURATION_USER"
TYPESYSTEM = "TypeSystem.xml"


def _cassis():
    try:
        import cassis
    except ImportError:
        raise AnnotatorError(None, f"the xmi format needs dkpro-cassis: {INSTALL}") from None
    return cassis


def typesystem(cassis):
    ts = cassis.TypeSystem()
    label = ts.create_type(LABEL_TYPE, supertypeName="uima.tcas.Annotation")
    ts.create_feature(label, "label", "uima.cas.String")
    ts.create_type(SENTENCE_TYPE, supertypeName="uima.tcas.Annotation")
    metadata = ts.create_type(METADATA_TYPE, supertypeName="uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri"):
        ts.create_feature(metadata, name, "uima.cas.String")
    return ts


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_.@" else "_" for c in name)[:80] or "_"


def export_xmi(project: str | os.PathLike, output: str | os.PathLike | None) -> int:
    """Write the CASes; returns their number."""
    if output is None or str(output) == "-":
        raise AnnotatorError(None, "--format xmi writes a folder: give -o DIR")
    target = Path(output)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise AnnotatorError(str(target), "exists and is not an empty folder; give a new folder")
    cassis = _cassis()
    ts = typesystem(cassis)
    label_type, sentence_type, metadata_type = (ts.get_type(n) for n in (LABEL_TYPE, SENTENCE_TYPE, METADATA_TYPE))
    written = []
    with Store.open(project, readonly=True) as store, store.snapshot():
        annotators = [row[0] for row in store.read("SELECT name FROM annotators ORDER BY name")]
        for position, (document_id, _) in enumerate(store.documents.in_order()):
            origin = provenance.of_document(store, document_id)
            title = store.read("SELECT title FROM documents WHERE id = ?", [document_id]).fetchone()[0]
            text = store.documents.text(document_id)
            sentences = store.documents.sentences(document_id)
            layers = {name: layer_labels(store, document_id, name) for name in annotators}
            layers[CURATION_USER] = layer_labels(store, document_id, "gold")
            for user, chosen in layers.items():
                if not chosen:  # an annotator with no label here, or no gold decision: no CAS
                    continue
                cas = cassis.Cas(typesystem=ts)
                cas.sofa_string = text
                cas.add(metadata_type(begin=0, end=len(text), documentTitle=title, documentId=origin.source_id,
                                      documentUri=origin.meta))
                for sentence in sentences:
                    cas.add(sentence_type(begin=sentence.start, end=sentence.end))
                    for name in chosen.get(sentence.id, ()):
                        cas.add(label_type(begin=sentence.start, end=sentence.end, label=name))
                written.append((f"{position:04d}_{_safe(origin.source_id)}/{_safe(user)}.xmi", cas.to_xmi()))
    target.mkdir(exist_ok=True)
    (target / TYPESYSTEM).write_text(ts.to_xml(), encoding="utf-8")
    for name, xmi in written:
        (target / name).parent.mkdir(exist_ok=True)
        (target / name).write_text(xmi, encoding="utf-8")
    return len(written)


@dataclass
class XmiImport:
    cases: int = 0
    labels_added: int = 0
    gold: int = 0
    not_mapped: Counter = field(default_factory=Counter)
    added: Added | None = None  # the documents made of the CASes' texts (add_documents)

    def report(self) -> str:
        left = ", ".join(f"{what}: {count}" for what, count in sorted(self.not_mapped.items()))  # "labels not in the scheme: 1" reads right for any count
        return f"did not map: {left or 'nothing'}"


def _metadata(cas) -> tuple[str | None, str | None, dict]:
    """(documentId, documentTitle, meta) of a CAS; our export keeps the meta JSON in documentUri."""
    for metadata in (cas.select(METADATA_TYPE) if _has_type(cas, METADATA_TYPE) else []):
        uri = metadata.get("documentUri")
        try:
            meta = json.loads(uri) if uri else {}
        except ValueError:
            meta = {"uri": uri}
        return metadata.get("documentId"), metadata.get("documentTitle"), meta if isinstance(meta, dict) else {}
    return None, None, {}


def _units(name: str, cas) -> list[Unit]:
    """The CAS's sentences (else its labels' spans) as sentences of a new document `name`."""
    _, title, meta = _metadata(cas)
    kind = SENTENCE_TYPE if _has_type(cas, SENTENCE_TYPE) and list(cas.select(SENTENCE_TYPE)) else LABEL_TYPE
    spans = sorted({(a.begin, a.end) for a in (cas.select(kind) if _has_type(cas, kind) else [])})
    text = cas.sofa_string or ""
    return [Unit(SentenceKey(None, name, begin, end, text[begin:end]), meta, title=title) for begin, end in spans]


def import_xmi(project: str | os.PathLike, folder: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
               add: bool | None = None) -> XmiImport:
    """Read every CAS under `folder` (one transaction, all files parsed first). With `add` (by
    default when the project has no documents), CASes that match no document bring their
    texts in as new documents first, one sentence per CAS sentence."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(str(root), "is not a folder (give the folder of an INCEpTION XMI export)")
    ts_path = next(iter(sorted(root.rglob(TYPESYSTEM))), None)
    if ts_path is None:
        raise InputError(str(root), f"holds no {TYPESYSTEM}")
    cassis = _cassis()
    try:
        ts = cassis.load_typesystem(read_bytes(ts_path, max_bytes).decode("utf-8", "replace"))
    except Exception as error:  # lxml and cassis raise many kinds for a bad file
        raise InputError(str(ts_path), f"is not a UIMA type system ({type(error).__name__})") from None
    cases = []
    for path in sorted(root.rglob("*.xmi")):
        try:
            cas = cassis.load_cas_from_xmi(read_bytes(path, max_bytes).decode("utf-8", "replace"), typesystem=ts,
                                           lenient=True)
        except Exception as error:
            raise InputError(str(path), f"is not a UIMA CAS XMI file ({type(error).__name__})") from None
        cases.append((path.stem, _metadata(cas)[0] or path.parent.name, cas))
    result = XmiImport(cases=len(cases))
    with opened(project, add) as store, store.transaction():
        made: dict[tuple, int] = {}  # (document name, begin, end) -> a sentence of a document added
        if wants_documents(store, add):
            units = [u for _, name, cas in cases for u in _units(name, cas)]
            result.added = add_documents(store, units, str(root))
            result.not_mapped.update(result.added.not_mapped)
            made = {(units[k].key.source_id, units[k].key.start, units[k].key.end): sentence_id
                    for k, sentence_id in result.added.sentence_of.items()}
        by_source: dict[str, int] = {}
        for document_id, _ in store.documents.in_order():
            by_source.setdefault(provenance.of_document(store, document_id).source_id, document_id)
        records, gold = [], {}
        for user, name, cas in cases:
            text = cas.sofa_string or ""
            document_id = by_source.get(name)
            if document_id is None:
                document_id = next((d for d, _ in store.documents.in_order() if store.documents.text(d) == text), None)
            if document_id is None:
                result.not_mapped["CASes matching no document"] += 1
                continue
            spans = store.documents.sentence_spans(document_id)
            by_text = {s.text: s.id for s in store.documents.sentences(document_id)}
            known = {label.name for label in store.scheme.labels()}
            for annotation in cas.select_all():
                kind = annotation.type.name
                if kind in (SENTENCE_TYPE, METADATA_TYPE, "uima.tcas.DocumentAnnotation"):
                    continue
                if kind != LABEL_TYPE:
                    result.not_mapped[f"annotations of type {kind.rsplit('.', 1)[-1]}"] += 1
                    continue
                # (a document this import made has its own offsets: its CAS's spans are looked up as made)
                sentence_id = made.get((name, annotation.begin, annotation.end)) or (
                    None if result.added and document_id in result.added.document_ids
                    else spans.get((annotation.begin, annotation.end))) or by_text.get(
                    one_line(annotation.get_covered_text().strip()))
                label = annotation.get("label")
                if sentence_id is None:
                    result.not_mapped["labels on spans that are no sentence"] += 1
                elif label not in known:
                    result.not_mapped["labels not in the scheme"] += 1
                elif user == CURATION_USER:
                    gold.setdefault(sentence_id, []).append(label)
                else:
                    records.append((sentence_id, label, user, None))
        result.labels_added = store.annotations.add_many(records) if records else 0
        result.gold = store.gold.set(sorted(gold.items())) if gold else 0
    result.not_mapped = +result.not_mapped
    return result


def _has_type(cas, name: str) -> bool:
    try:
        cas.typesystem.get_type(name)
    except Exception:
        return False
    return True
