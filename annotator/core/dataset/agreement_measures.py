"""Agreement that fits the kind of question a label group asks (agreement.py keeps the per-label
yes/no figures):

- exclusive (one value of several) and yes/no: Krippendorff's alpha, nominal;
- ordinal (a rating 1..k): Krippendorff's alpha with the ordinal metric, which weighs a
  disagreement by how many judgements lie between the two ratings (Krippendorff 2011, eq. for
  ordinal data), so 2 against 3 costs less than 1 against 5;
- multi (a set of labels per sentence): alpha with the MASI distance (Passonneau 2006), which
  gives partial credit when the sets overlap, and per pair of annotators the mean Jaccard
  index of their two sets;
- free text: the share of exactly equal answers (there is no chance model for free text).

A unit is what was judged (a sentence or a document); each lists the values its coders gave.
Units with fewer than two values are not pairable and do not count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from annotator.core.dataset.agreement import alpha, cohen_kappa, krippendorff_alpha, nominal_distance
from annotator.core.model import GROUP_KINDS


def ordinal_distance(first: Hashable, second: Hashable, totals: dict) -> float:
    """(sum of n_g for g from the lower to the higher value - (n_low + n_high) / 2) squared."""
    low, high = sorted((first, second))
    between = sum(count for value, count in totals.items() if low <= value <= high)
    return (between - (totals[low] + totals[high]) / 2) ** 2


def jaccard(first: frozenset, second: frozenset) -> float:
    """|A and B| / |A or B|; two empty sets ('no label applies' twice) agree fully."""
    union = first | second
    return 1.0 if not union else len(first & second) / len(union)


def masi_distance(first: frozenset, second: frozenset, totals: dict | None = None) -> float:
    """1 - Jaccard x monotonicity (1 equal sets, 2/3 one inside the other, 1/3 overlapping,
    0 disjoint): Passonneau's MASI, as NLTK computes it, with two empty sets equal."""
    if first == second:
        return 0.0
    common = first & second
    if first <= second or second <= first:
        monotonicity = 2 / 3
    elif common:
        monotonicity = 1 / 3
    else:
        monotonicity = 0.0
    return 1 - jaccard(first, second) * monotonicity


nominal_alpha = krippendorff_alpha


def ordinal_alpha(units: Iterable[list[int]]) -> float | None:
    return alpha(units, ordinal_distance)


def masi_alpha(units: Iterable[list[frozenset]]) -> float | None:
    return alpha(units, masi_distance)


MEASURES = {  # kind -> (the alpha's name, its distance; None: no alpha), the pair's score
    "multi": ("MASI alpha", masi_distance, "mean Jaccard"),
    "exclusive": ("nominal alpha", nominal_distance, "raw agreement"),
    "yesno": ("nominal alpha", nominal_distance, "raw agreement"),
    "ordinal": ("ordinal alpha", ordinal_distance, "raw agreement"),
    "text": ("", None, "exact agreement"),
}


@dataclass
class PairScore:
    first: str
    second: str
    items: int
    score: float | None  # mean Jaccard (multi) or the share of equal values
    kappa: float | None = None  # Cohen's kappa, for exclusive and yes/no values


@dataclass
class GroupAgreement:
    group: str
    kind: str
    measure: str  # the alpha's name ("" for free text)
    items: int  # units judged by two annotators or more
    alpha: float | None
    score_name: str
    pairs: list[PairScore] = field(default_factory=list)
    nominal: float | None = None  # for ordinal groups: the nominal alpha beside it, to compare


def group_agreement(group: str, kind: str, judgements: Iterable[tuple[Hashable, str, Hashable]]) -> GroupAgreement:
    """Agreement on one group from (unit, annotator, value): the value is a frozenset of label
    names (multi), a name (exclusive), an int (ordinal), a bool (yes/no) or a str (free text)."""
    if kind not in MEASURES:
        raise ValueError(f"unknown group kind {kind!r}: use one of {', '.join(GROUP_KINDS)}")
    measure, distance, score_name = MEASURES[kind]
    by_unit: dict[Hashable, dict[str, Hashable]] = defaultdict(dict)
    for unit, annotator, value in judgements:
        by_unit[unit][annotator] = value
    units = [list(coded.values()) for coded in by_unit.values()]
    together: dict[tuple[str, str], list] = defaultdict(list)
    for coded in by_unit.values():
        for first, second in combinations(sorted(coded), 2):
            together[first, second].append((coded[first], coded[second]))
    annotators = sorted({a for coded in by_unit.values() for a in coded})
    pairs = []
    for first, second in combinations(annotators, 2):
        values = together.get((first, second), [])
        if not values:
            score = None
        elif kind == "multi":
            score = sum(jaccard(a, b) for a, b in values) / len(values)
        elif kind == "text":
            score = sum(1 for a, b in values if a.strip().casefold() == b.strip().casefold()) / len(values)
        else:
            score = sum(1 for a, b in values if a == b) / len(values)
        kappa = cohen_kappa(values) if kind in ("exclusive", "yesno") else None
        pairs.append(PairScore(first, second, len(values), score, kappa))
    return GroupAgreement(group, kind, measure, sum(1 for unit in units if len(unit) >= 2),
                          alpha(units, distance) if distance else None, score_name, pairs,
                          nominal_alpha(units) if kind == "ordinal" else None)
