"""Label Studio tasks JSON, both ways, for sentence classification (a `<Choices>` control named
`label` on a `<Text>` named `text`; LABEL_CONFIG is that labelling config).

Out: one task per sentence; `data` holds the text, our ids, the document's `source_id`, `meta`,
sha256 and offsets; one annotation per annotator who judged the sentence (their labels as
choices, an empty result for "no label applies"), the gold layer as an annotation of the user
`gold` with `ground_truth: true`, and the model's suggestions (probability >= 0.5) as a
prediction whose `score` is the lowest such probability.

In: each task is matched to a sentence of the project (label_matching: sha256 or source_id with
offsets, else the text); each annotation's choices become that annotator's labels (the name from
`created_username`, `completed_by.email`, or `completed_by` as `label-studio-user-N`); an
annotation with `ground_truth: true` becomes the gold decision (not its annotator's labels); a
cancelled one is skipped; predictions become suggestions, never labels. What does not map is
counted: results of other types, choices not in the scheme, tasks with no sentence."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from annotator.core.dataset import provenance
from annotator.core.text.decode import decode_text
from annotator.core.dataset.export import _write_file
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, read_bytes
from annotator.core.dataset.formats.new_documents import Added, Unit, add_documents, key_after, opened, wants_documents
from annotator.core.dataset.label_matching import SentenceKey, SentenceMatcher
from annotator.core.store import Store
from annotator.errors import InputError

FROM_NAME, TO_NAME = "label", "text"
GOLD_USER = "gold"
SHOW = 0.5  # a suggestion at or above this probability is a predicted choice (as the app shows it)


def label_config(names: list[str]) -> str:
    """The Label Studio labelling config the exported tasks fit."""
    choices = "".join(f"<Choice value={quoteattr(name)}/>" for name in names)
    return (f'<View><Text name="{TO_NAME}" value="$text"/><Choices name="{FROM_NAME}" toName="{TO_NAME}"'
            f' choice="multiple">{choices}</Choices></View>')


def _result(choices: list[str]) -> list[dict]:
    if not choices:
        return []
    return [{"from_name": FROM_NAME, "to_name": TO_NAME, "type": "choices", "value": {"choices": choices}}]


def tasks(store: Store, include_boilerplate: bool = False) -> list[dict]:
    names = [label.name for label in store.scheme.labels()]
    annotators = {name: k for k, name in enumerate(
        (row[0] for row in store.read("SELECT name FROM annotators ORDER BY name")), start=1)}
    out = []
    for document_id, _ in store.documents.in_order():
        origin = provenance.of_document(store, document_id)
        sha, group = store.read("SELECT d.sha256, g.name FROM documents d JOIN groups g ON g.id = d.group_id"
                                " WHERE d.id = ?", [document_id]).fetchone()
        judged: dict[int, dict[str, str]] = {}
        for sentence_id, name, at in store.read(
                "SELECT j.sentence_id, a.name, j.created_at FROM judgements j JOIN sentences s ON s.id = j.sentence_id"
                " JOIN annotators a ON a.id = j.annotator_id WHERE s.document_id = ? ORDER BY a.name", [document_id]):
            judged.setdefault(sentence_id, {})[name] = at
        labels: dict[tuple[int, str], list[str]] = {}
        for sentence_id, name, label in store.read(
                "SELECT an.sentence_id, a.name, lb.name FROM annotations an JOIN sentences s ON s.id = an.sentence_id"
                " JOIN annotators a ON a.id = an.annotator_id JOIN labels lb ON lb.id = an.label_id"
                " WHERE s.document_id = ? ORDER BY lb.position", [document_id]):
            labels.setdefault((sentence_id, name), []).append(label)
        gold = store.gold.labels_by_sentence(document_id)
        decided = {row[0] for row in store.read(
            "SELECT g.sentence_id FROM gold g JOIN sentences s ON s.id = g.sentence_id WHERE s.document_id = ?",
            [document_id])}
        suggested = store.suggestions.of_document(document_id)
        for sentence in store.documents.sentences(document_id):
            if sentence.boilerplate and not include_boilerplate:
                continue
            annotations = [{"completed_by": annotators[name], "created_username": name, "created_at": at,
                            "ground_truth": False, "was_cancelled": False,
                            "result": _result(labels.get((sentence.id, name), []))}
                           for name, at in judged.get(sentence.id, {}).items()]
            if sentence.id in decided:
                annotations.append({"created_username": GOLD_USER, "ground_truth": True, "was_cancelled": False,
                                    "result": _result(gold.get(sentence.id, []))})
            task = {"id": sentence.id,
                    "data": {"text": sentence.text, "sentence_id": sentence.id, "doc_id": document_id,
                             "group": group, "lang": sentence.lang, "source_id": origin.source_id,
                             "meta": json.loads(origin.meta), "doc_sha256": sha, "start": sentence.start,
                             "end": sentence.end},
                    "annotations": annotations}
            shown = {n: p for n, p in suggested.get(sentence.id, {}).items() if p >= SHOW}
            if shown:
                task["predictions"] = [{"model_version": "annotator", "score": round(min(shown.values()), 4),
                                        "result": _result([n for n in names if n in shown])}]
            out.append(task)
    return out


def export_label_studio(project: str | os.PathLike, output: str | os.PathLike, include_boilerplate: bool = False) -> int:
    from pathlib import Path

    with Store.open(project, readonly=True) as store, store.snapshot():
        found = tasks(store, include_boilerplate)
        data = json.dumps(found, ensure_ascii=False, indent=1).encode("utf-8")
        return _write_file(Path(output), lambda handle: (handle.write(data), len(found))[1])


@dataclass
class TasksImport:
    tasks: int = 0
    labels_added: int = 0
    judgements: int = 0  # annotations with no choice: "no label applies"
    gold: int = 0
    suggestions: int = 0
    unmatched: int = 0
    matched: str = ""
    not_mapped: Counter = field(default_factory=Counter)  # what the project has no place for, counted
    added: Added | None = None  # the documents made of the file's texts (add_documents)

    def report(self) -> str:
        left = ", ".join(f"{what}: {count}" for what, count in sorted(self.not_mapped.items()))  # "labels not in the scheme: 1" reads right for any count
        return f"did not map: {left or 'nothing'}"


def _user(annotation: dict, fallback: str) -> str:
    name = annotation.get("created_username")
    if isinstance(name, str) and name.strip():
        return name.rsplit(",", 1)[0].strip() if name.rstrip().rsplit(",", 1)[-1].strip().isdigit() else name.strip()
    who = annotation.get("completed_by")
    if isinstance(who, dict) and isinstance(who.get("email"), str):
        return who["email"]
    if isinstance(who, int) and not isinstance(who, bool):
        return f"label-studio-user-{who}"
    return fallback


def _choices(result, where: str, not_mapped: Counter) -> list[str]:
    if not isinstance(result, list):
        raise InputError(where, '"result" must be a list')
    chosen: list[str] = []
    for item in result:
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(item, dict) or item.get("type") != "choices" or not isinstance(value, dict) \
                or not isinstance(value.get("choices"), list):
            not_mapped["results that are not choices"] += 1
            continue
        chosen += [c for c in value["choices"] if isinstance(c, str) and c not in chosen]
    return chosen


def _key(data, where: str) -> SentenceKey:
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(where, 'needs "data" with a "text" string')
    start, end = data.get("start"), data.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (start, end)):
        start = end = None
    sha, source = data.get("doc_sha256"), data.get("source_id")
    return SentenceKey(sha if isinstance(sha, str) else None, str(source) if source is not None else None,
                       start, end, data["text"])


def _unit(task: dict, key: SentenceKey) -> Unit:
    """The task's text as a sentence of a new document: ours carry the document's source_id,
    meta and group; any other task is a document of its own, named by its id, whose other
    `data` keys are its metadata."""
    data = task["data"]
    if key.source_id is not None:
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        group = data.get("group") if isinstance(data.get("group"), str) else None
        return Unit(key, meta, group)
    meta = {k: v for k, v in data.items() if k != "text"}
    name = task.get("id")
    return Unit(key, meta, document=None if name is None else f"label-studio-task-{name}")


def import_label_studio(project: str | os.PathLike, path: str | os.PathLike, annotator: str,
                        max_bytes: int = DEFAULT_MAX_BYTES, add: bool | None = None) -> TasksImport:
    """Read a Label Studio tasks JSON export into the project, in one transaction; the whole
    file is checked first (InputError naming the file and the task). With `add` (by default when
    the project has no documents), tasks that match no sentence bring their texts in as new
    documents first (new_documents.py)."""
    source = os.fspath(path)
    text = decode_text(read_bytes(source, max_bytes), source, guess=False).text
    try:
        found = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise InputError(source, f"is not JSON ({getattr(error, 'msg', 'nested too deeply')})") from None
    if isinstance(found, dict):
        found = [found]
    if not isinstance(found, list) or not all(isinstance(task, dict) for task in found):
        raise InputError(source, "is not Label Studio tasks JSON (a list of task objects)")
    result = TasksImport(tasks=len(found))
    parsed = []
    for number, task in enumerate(found, start=1):
        where = f"{source}: task {number}"
        key = _key(task.get("data"), where)
        annotations, predictions = task.get("annotations", []), task.get("predictions", [])
        if not isinstance(annotations, list) or not isinstance(predictions, list):
            raise InputError(where, '"annotations" and "predictions" must be lists')
        people, gold = [], None
        for annotation in annotations:
            if not isinstance(annotation, dict):
                raise InputError(where, "an annotation is not an object")
            if annotation.get("was_cancelled") is True:
                result.not_mapped["cancelled annotations"] += 1
                continue
            chosen = _choices(annotation.get("result", []), where, result.not_mapped)
            if annotation.get("ground_truth") is True:
                gold = chosen
            else:
                people.append((_user(annotation, annotator), chosen))
        guesses: dict[str, float] = {}
        for prediction in predictions:
            if not isinstance(prediction, dict):
                raise InputError(where, "a prediction is not an object")
            score = prediction.get("score", 1.0)
            score = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else 1.0
            for name in _choices(prediction.get("result", []), where, result.not_mapped):
                guesses[name] = max(guesses.get(name, 0.0), min(max(score, 0.0), 1.0))
        parsed.append((key, people, gold, guesses, _unit(task, key)))
    with opened(project, add) as store, store.transaction():
        if wants_documents(store, add):
            result.added = add_documents(store, [unit for *_, unit in parsed], source)
            result.not_mapped.update(result.added.not_mapped)
        known = {label.name: label.id for label in store.scheme.labels()}
        matcher = SentenceMatcher(store)
        records, empty, decisions, suggestions = [], [], [], []
        for place, (key, people, gold, guesses, unit) in enumerate(parsed):
            sentence_id = result.added.sentence_of.get(place) if result.added else None
            if sentence_id is not None:
                matcher.counts["added"] += 1
            else:
                sentence_id = matcher.match(key, key_after(unit, source) if result.added else None)
            if sentence_id is None:
                result.unmatched += 1
                continue
            for name, chosen in people:
                kept = [c for c in chosen if c in known]
                result.not_mapped["choices not in the scheme"] += len(chosen) - len(kept)
                if kept:
                    records += [(sentence_id, c, name, None) for c in kept]
                else:
                    empty.append((sentence_id, name))
            if gold is not None:
                kept = [c for c in gold if c in known]
                result.not_mapped["choices not in the scheme"] += len(gold) - len(kept)
                decisions.append((sentence_id, kept))
            suggestions += [(sentence_id, n, p) for n, p in guesses.items() if n in known]
            result.not_mapped["choices not in the scheme"] += sum(1 for n in guesses if n not in known)
        result.labels_added = store.annotations.add_many(records) if records else 0
        for sentence_id, name in empty:  # an annotation with no choice: no label applies
            store.annotations.clear(sentence_id, name)
        result.judgements = len(empty)
        result.gold = store.gold.set(decisions) if decisions else 0
        if suggestions:
            used = sorted({n for _, n, _ in suggestions}, key=list(known).index)
            report = {"trained_at": f"(Label Studio predictions from {os.path.basename(source)})", "judged": 0,
                      "folds": 0, "folds_by": None,
                      "labels": [{"label": n, "trained": True, "f1": None,
                                  "positives": sum(1 for _, m, _ in suggestions if m == n), "negatives": 0}
                                 for n in used]}
            store.suggestions.replace({n: known[n] for n in used}, suggestions, report)
            # the store keeps suggestions on unjudged sentences only: count what stayed
            kept = store.suggestions.of_sentences(sorted({s for s, _, _ in suggestions}))
            result.suggestions = sum(1 for s, n, _ in suggestions if n in kept.get(s, {}))
            result.not_mapped["predictions on judged sentences"] += len(suggestions) - result.suggestions
        result.matched = matcher.summary()
    result.not_mapped = +result.not_mapped
    return result
