"""The dataset card of a Hugging Face export: the README.md whose YAML header the Hub and
`datasets` read (configs and data files per split, languages, task, size) and whose body says
how the labels were made (scheme and guidelines, annotators, the team plan's overlap, agreement
per label, adjudication, the split, the aligner, the boilerplate policy). Nothing in it depends
on the clock, so the same project gives the same card. The licence is left to the user."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from annotator.core.dataset.agreement import LabelAgreement, agreement_report
from annotator.core.model import Plan
from annotator.core.store import Store

# Every judgement of a content sentence, and the labels given in it (agreement_arrays.py)
_JUDGED = ("SELECT j.sentence_id, j.annotator_id FROM judgements j JOIN sentences s ON s.id = j.sentence_id"
           " WHERE s.boilerplate = 0")
_LABELLED = ("SELECT an.sentence_id, an.annotator_id, an.label_id FROM annotations an"
             " JOIN sentences s ON s.id = an.sentence_id WHERE s.boilerplate = 0")

_SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
          (10_000_000, "1M<n<10M"))


def size_category(count: int) -> str:
    for limit, name in _SIZES:
        if count < limit:
            return name
    return "10M<n<100M"


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    import json
    return json.dumps(text, ensure_ascii=False)


def _cell(text: str) -> str:
    """Text in a Markdown table cell: pipes and line breaks would break the table."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


_UNKNOWN = ("", "und", "unknown")


@dataclass(frozen=True)
class CardFacts:
    """What the card tells about the project, read from it (`card_facts`) apart from the rows
    written, so that the export can read it while its last batches are still being written."""
    labels: list[tuple[str, str]]  # the scheme: (name, guideline)
    annotators: list[str]  # by name
    plan: Plan | None  # the newest team plan
    gold: dict[str, int]  # decisions per method
    links: dict[str, int]  # per origin
    confirmed: int  # sentences in confirmed rows
    boilerplate: list[tuple[str, int]]  # (reason, sentences)
    encoder: str


def card_facts(store: Store) -> CardFacts:
    return CardFacts(
        labels=[(label.name, label.description or "") for label in store.scheme.labels()],
        annotators=[row[0] for row in store.read("SELECT name FROM annotators ORDER BY name")],
        plan=store.plans.latest(),
        gold=dict(store.read("SELECT method, count(*) FROM gold GROUP BY method ORDER BY method").fetchall()),
        links=dict(store.read("SELECT origin, count(*) FROM links GROUP BY origin ORDER BY origin").fetchall()),
        confirmed=store.read("SELECT count(*) FROM confirmations").fetchone()[0],
        boilerplate=store.read("SELECT coalesce(boilerplate_reason, 'marked'), count(*) FROM sentences"
                               " WHERE boilerplate = 1 GROUP BY 1 ORDER BY 1").fetchall(),
        encoder=_encoder())


def _header(counts: dict[str, int], languages: set[str]) -> list[str]:
    languages = sorted(lang for lang in languages if lang is not None and lang not in _UNKNOWN)
    lines = ["---", "configs:", "- config_name: default", "  data_files:"]
    for name in counts:
        lines += [f"  - split: {name}", f"    path: data/{name}-*.parquet"]
    lines += ["language:", *(f"- {_yaml_string(lang.split('-')[0])}" for lang in languages)] if languages else []
    lines += ["task_categories:", "- text-classification", "task_ids:", "- multi-label-classification",
              "size_categories:", f"- {size_category(sum(counts.values()))}",
              "# license: (choose one: https://huggingface.co/docs/hub/repositories-licenses)",
              "---"]
    return lines


def card_text(facts: CardFacts, counts: dict[str, int], *, layer: str, split: str | None, seed: int,
              include_boilerplate: bool, label_columns: list[str], agreement: list[LabelAgreement],
              languages: set[str]) -> str:
    """The card: `facts` of the project, the rows written per split (`counts`), the `agreement`
    as project_agreement gives it and the `languages` of the sentences written."""
    lines = _header(counts, languages)
    lines += ["", "# Dataset card", "",
              "Sentences of news documents and their translations or retellings, labelled and aligned with "
              "annotator. One row per sentence.", "",
              "## Splits", "", "| split | sentences |", "|---|---|",
              *(f"| {name} | {count} |" for name, count in counts.items()), ""]
    if split:
        lines += [f"Split {split} (train/validation/test) with seed {seed}: whole groups (every version of a "
                  "story) go to one side, balanced by size and label, so no story is in two splits.", ""]
    else:
        lines += ["One split (train): no split was asked for (`annotator export --split 80/10/10`).", ""]
    lines += ["## Columns", "",
              "`labels` is a sequence of class labels (the scheme below, in its order); one 0/1 column per "
              f"label ({', '.join(f'`{c}`' for c in label_columns)}); `annotations` lists every annotator's "
              "labels with time, note and origin (`model` for an accepted suggestion); `judged_by` the annotators "
              "who looked at the sentence; `aligned` the sentences of other documents linked to it (with score and "
              "origin: `manual` or `machine`); `source_id` the document's id at import (the JSONL `id`, else the "
              "file name), `meta` its other imported keys (JSON); `start`/`end` offsets in code points, "
              "`start_utf16`/`end_utf16` in UTF-16 units.", "",
              f"The `labels` column holds the {_layer_text(layer)} (export layer `{layer}`).", ""]
    lines += ["## Label scheme and guidelines", "", "| label | guideline |", "|---|---|",
              *(f"| {_cell(name)} | {_cell(guideline)} |" for name, guideline in facts.labels), ""]
    annotators = facts.annotators
    lines += ["## Annotators", "", f"{len(annotators)} annotator(s): {', '.join(annotators) or 'none'}.", ""]
    plan = facts.plan
    if plan is None:
        lines += ["No team plan (`annotator assign`) is recorded in this project.", ""]
    else:
        lines += [f"Team plan {plan.uid} revision {plan.revision}: {len(plan.annotators)} annotators, "
                  f"overlap {plan.overlap:.0%} of the groups given to {plan.copies} annotators each "
                  f"({len(plan.shared)} shared groups), seed {plan.seed}.", ""]
    report = agreement
    lines += ["## Agreement", ""]
    if report:
        lines += ["Krippendorff's alpha (nominal) across annotators and the sentences two or more judged; "
                  "Cohen's kappa per pair.", "", "| label | sentences | alpha | pairs (kappa) |", "|---|---|---|---|"]
        for item in report:
            pairs = "; ".join(f"{_cell(p.first)}–{_cell(p.second)} {_number(p.kappa)}" for p in item.pairs)
            lines.append(f"| {_cell(item.label)} | {item.items} | {_number(item.alpha)} | {pairs} |")
        lines.append("")
    else:
        lines += ["No sentence was judged by two annotators.", ""]
    gold = facts.gold
    lines += ["## Adjudication", "",
              (f"Gold layer: {sum(gold.values())} sentences; {gold.get('majority', 0)} decided by majority "
               f"(`annotator adjudicate --strategy majority`), {gold.get('manual', 0)} decided by a person."
               if gold else "No gold layer: no sentence was adjudicated."), ""]
    links, confirmed = facts.links, facts.confirmed
    lines += ["## Alignment", "",
              f"Sentence links: {links.get('machine', 0)} by annotator's aligner (sentence lengths, anchors such as "
              f"numbers and names, and the sentence encoder {facts.encoder}), {links.get('manual', 0)} made or kept "
              f"by hand; {confirmed} sentences in rows a reviewer confirmed.", ""]
    boilerplate = facts.boilerplate
    total = sum(count for _, count in boilerplate)
    reasons = ", ".join(f"{reason}: {count}" for reason, count in boilerplate)
    reasons = f" ({reasons})" if reasons else ""
    lines += ["## Boilerplate", "",
              f"{total} sentences are marked as boilerplate (navigation, bylines, cookie notices){reasons}; "
              + ("they are included, with `boilerplate` true." if include_boilerplate
                 else "they are left out (`annotator export --include-boilerplate` keeps them)."), ""]
    lines += ["## Licence", "", "Not set: add a `license:` line to the header above before sharing.", ""]
    return "\n".join(lines)


def project_agreement(store: Store, names: list[str]) -> list[LabelAgreement]:
    """Agreement per label and overall over the project's judged content sentences, as
    `agreement_report` gives it, computed on integer arrays (agreement_arrays.py)."""
    import numpy as np

    from annotator.core.dataset.agreement_arrays import MAX_LABELS, agreement_of

    if len(names) > MAX_LABELS:  # more labels than the bit masks hold
        return agreement_report(store.annotations.judgements(), names).get("all", [])

    def table(sql: str, width: int):
        rows = store.read(sql).fetchall()
        return np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width).reshape(-1, width)

    labels = store.scheme.labels()
    place = np.zeros(max((label.id for label in labels), default=0) + 1, dtype=np.int64)
    place[[label.id for label in labels]] = np.arange(len(labels))  # label id -> its place in the scheme
    labelled = table(_LABELLED, 3)
    labelled[:, 2] = place[labelled[:, 2]]
    return agreement_of(table(_JUDGED, 2), labelled, dict(store.read("SELECT id, name FROM annotators").fetchall()),
                        names)


def _layer_text(layer: str) -> str:
    if layer == "all":
        return "labels anyone gave"
    return "gold layer" if layer == "gold" else f"labels of annotator {layer}"


def _encoder() -> str:
    from annotator.core.align.embeddings import model_name

    return f"`{model_name()}`"
