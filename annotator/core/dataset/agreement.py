"""Inter-annotator agreement: Cohen's kappa for each pair of annotators, Krippendorff's alpha
(nominal) across all of them, and raw agreement, per label and overall.

Each label is a yes/no decision per sentence; "overall" compares the whole set of labels an
annotator gave a sentence. Only sentences an annotator has judged count for them (a label, or
'no label applies'), and a pair is compared only on the sentences both judged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from annotator.core.dataset.export_rows import guarded

OVERALL = "(all labels)"


def cohen_kappa(pairs: list[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two coders' values on the same items; None when undefined (no items,
    or chance agreement is certain because both always chose one same value)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[value] * second[value] for value in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


Distance = Callable[[Hashable, Hashable, dict], float]  # (value, value, totals per value) -> squared distance


def coincidences(units: Iterable[list[Hashable]]) -> Counter:
    """Krippendorff's coincidence matrix o_ck: each pair of values of one unit's m coders
    counts 1 / (m - 1), both ways. Units with fewer than two values do not count."""
    found: Counter = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        if m == 2:  # the common case (two coders), without counting
            first, second = values
            found[first, second] += 1
            found[second, first] += 1
            continue
        counts = Counter(values)
        for c in counts:
            for k in counts:
                pairs = counts[c] * (counts[k] - (1 if c == k else 0))
                if pairs:
                    found[c, k] += pairs / (m - 1)
    return found


def alpha(units: Iterable[list[Hashable]], distance: Distance) -> float | None:
    """Krippendorff's alpha = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck for any distance;
    None when undefined (fewer than two pairable values, or no expected disagreement)."""
    o = coincidences(units)
    totals: Counter = Counter()
    for (c, _), value in o.items():
        totals[c] += value
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(value * distance(c, k, totals) for (c, k), value in o.items() if c != k)
    values = list(totals)
    expected = sum(totals[c] * totals[k] * distance(c, k, totals) for c in values for k in values if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def nominal_distance(first: Hashable, second: Hashable, totals: dict) -> float:
    return 0.0 if first == second else 1.0


def krippendorff_alpha(units: Iterable[list[Hashable]]) -> float | None:
    """Krippendorff's alpha for nominal values. Each unit lists the values its coders gave
    (missing values simply left out); units with fewer than two values do not count."""
    return alpha(units, nominal_distance)


@dataclass
class PairAgreement:
    first: str
    second: str
    items: int
    raw: float | None
    kappa: float | None
    confusion: dict[tuple[Hashable, Hashable], int] = field(default_factory=dict)


@dataclass
class LabelAgreement:
    label: str
    items: int  # sentences judged by at least two annotators
    alpha: float | None
    pairs: list[PairAgreement]


def _decisions(judgements, label: str) -> dict[int, dict[str, Hashable]]:
    by_sentence: dict[int, dict[str, Hashable]] = defaultdict(dict)
    overall = label == OVERALL
    decided: dict[tuple, Hashable] = {}  # a few distinct label sets among many judgements
    for sentence_id, annotator, labels in judgements:
        key = tuple(labels)
        value = decided.get(key)
        if value is None:
            chosen = frozenset(labels)
            value = decided[key] = chosen if overall else label in chosen
        by_sentence[sentence_id][annotator] = value
    return by_sentence


def label_agreement(judgements: list[tuple[int, str, list[str]]], label: str) -> LabelAgreement:
    """Agreement on one label (or OVERALL) from (sentence id, annotator, the labels chosen)."""
    by_sentence = _decisions(judgements, label)
    annotators = sorted({annotator for _, annotator, _ in judgements})
    together: dict[tuple[str, str], list] = defaultdict(list)  # one pass: a team of 100 has 4,950 pairs
    for coded in by_sentence.values():
        for first, second in combinations(sorted(coded), 2):
            together[first, second].append((coded[first], coded[second]))
    pairs = []
    for first, second in combinations(annotators, 2):
        values = together.get((first, second), [])
        raw = sum(1 for a, b in values if a == b) / len(values) if values else None
        pairs.append(PairAgreement(first, second, len(values), raw, cohen_kappa(values), dict(Counter(values))))
    units = [list(coded.values()) for coded in by_sentence.values()]
    return LabelAgreement(label, sum(1 for unit in units if len(unit) >= 2), krippendorff_alpha(units), pairs)


def agreement_report(rows: Iterable[tuple[int, str, list[str], int, str]], labels: list[str], only: str | None = None,
                     by: str | None = None) -> dict[str, list[LabelAgreement]]:
    """Agreement per label and overall, for the whole project or per language / document.
    `rows` are the store's judgements: (sentence, annotator, labels, document id, language)."""
    groups: dict[str, list[tuple[int, str, list[str]]]] = defaultdict(list)
    for sentence_id, annotator, chosen, document_id, lang in rows:
        key = "all" if by is None else f"language {lang}" if by == "language" else f"document {document_id}"
        groups[key].append((sentence_id, annotator, chosen))
    wanted = [only] if only else [*labels, OVERALL]
    return {key: [label_agreement(judgements, label) for label in wanted] for key, judgements in sorted(groups.items())}


def confusion_rows(report: dict[str, list[LabelAgreement]]) -> list[list]:
    """Yes/no confusion counts per label and pair of annotators, for a CSV file: names that a
    spreadsheet would run as a formula get a "'" in front, as in the exports."""
    rows = [["by", "label", "annotator_a", "annotator_b", "a_yes_b_yes", "a_yes_b_no", "a_no_b_yes", "a_no_b_no"]]
    for key, results in report.items():
        for result in results:
            if result.label == OVERALL:
                continue
            for pair in result.pairs:
                counts = pair.confusion
                rows.append([guarded(key), guarded(result.label), guarded(pair.first), guarded(pair.second),
                             counts.get((True, True), 0),
                             counts.get((True, False), 0), counts.get((False, True), 0), counts.get((False, False), 0)])
    return rows
