"""Agreement that fits each kind of group: ordinal and nominal alpha against the reference
implementation (the `krippendorff` package) to 1e-9, MASI alpha against it with MASI as its
metric, MASI and Jaccard on worked values, and relation F1 on two annotators' merged files
against a hand count."""

from __future__ import annotations

import random
import shutil
import sqlite3

import numpy as np
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.agreement_measures import (group_agreement, jaccard, masi_alpha, masi_distance,
                                                       nominal_alpha, ordinal_alpha)
from annotator.core.dataset.fitted_agreement import fitted_report
from annotator.core.dataset.merge import merge_projects
from annotator.core.dataset.relation_agreement import relation_agreement
from annotator.core.store import Store

krippendorff = pytest.importorskip("krippendorff")  # test extra (pyproject: test)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def _units(observers):
    return [[row[u] for row in observers if row[u] is not None] for u in range(len(observers[0]))]


def _reference(observers, level):
    data = np.array([[np.nan if v is None else v for v in row] for row in observers], dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement=level)


def _random_ratings(rng: random.Random, coders: int, units: int, k: int, missing: float):
    truth = [rng.randint(1, k) for _ in range(units)]
    return [[None if rng.random() < missing else max(1, min(k, t + rng.choice([-1, 0, 0, 0, 1, 2])))
             for t in truth] for _ in range(coders)]


def test_ordinal_alpha_matches_the_reference_on_krippendorffs_example():
    assert ordinal_alpha(_units(OBSERVERS)) == pytest.approx(_reference(OBSERVERS, "ordinal"), abs=1e-9)
    assert nominal_alpha(_units(OBSERVERS)) == pytest.approx(_reference(OBSERVERS, "nominal"), abs=1e-9)
    assert ordinal_alpha(_units(OBSERVERS)) == pytest.approx(0.815, abs=0.001)  # the paper's figure


@pytest.mark.parametrize("seed", range(30))
def test_ordinal_and_nominal_alpha_match_the_reference_on_random_ratings(seed):
    rng = random.Random(seed)
    observers = _random_ratings(rng, rng.randint(2, 5), rng.randint(5, 60), rng.randint(2, 7), rng.random() * 0.4)
    units = _units(observers)
    if sum(1 for u in units if len(u) >= 2) == 0 or len({v for u in units if len(u) >= 2 for v in u}) < 2:
        pytest.skip("nothing pairable or a single value: alpha undefined")
    assert ordinal_alpha(units) == pytest.approx(_reference(observers, "ordinal"), abs=1e-9)
    assert nominal_alpha(units) == pytest.approx(_reference(observers, "nominal"), abs=1e-9)


def test_ordinal_alpha_weighs_near_misses_less_than_nominal():
    near = [[1, 1], [2, 3], [3, 3], [4, 5], [5, 5], [1, 2]]
    assert ordinal_alpha(near) > nominal_alpha(near)


def test_masi_and_jaccard_on_worked_values():
    a, ab, b, bc, empty = frozenset("a"), frozenset("ab"), frozenset("b"), frozenset("bc"), frozenset()
    assert masi_distance(ab, ab) == 0 and masi_distance(empty, empty) == 0
    assert masi_distance(a, ab) == pytest.approx(1 - 0.5 * 2 / 3)  # subset
    assert masi_distance(ab, bc) == pytest.approx(1 - (1 / 3) * (1 / 3))  # overlap
    assert masi_distance(a, b) == 1 and masi_distance(a, empty) == 1  # disjoint
    assert jaccard(ab, bc) == pytest.approx(1 / 3) and jaccard(empty, empty) == 1


@pytest.mark.parametrize("seed", range(10))
def test_masi_alpha_matches_the_reference_with_masi_as_its_metric(seed):
    rng = random.Random(seed)
    labels = ["claim", "attribution", "correction"]
    sets = [frozenset(c for c in labels if rng.random() < 0.4) for _ in range(40)]
    observers = [[None if rng.random() < 0.2 else (s if rng.random() < 0.7 else frozenset(rng.sample(labels, rng.randint(0, 2))))
                  for s in sets] for _ in range(rng.randint(2, 4))]
    domain = sorted({v for row in observers for v in row if v is not None}, key=sorted)
    index = {v: i for i, v in enumerate(domain)}
    data = np.array([[np.nan if v is None else index[v] for v in row] for row in observers], dtype=float)

    def metric(v1, v2, i1, i2, n_v, dtype=np.float64):
        return np.vectorize(lambda x, y: masi_distance(domain[int(x)], domain[int(y)]))(v1, v2).astype(dtype)

    reference = krippendorff.alpha(reliability_data=data, value_domain=list(range(len(domain))),
                                   level_of_measurement=metric)
    assert masi_alpha(_units(observers)) == pytest.approx(reference, abs=1e-9)


def test_group_agreement_per_pair_by_hand():
    judged = [(1, "ann", frozenset({"claim"})), (1, "bob", frozenset({"claim", "source"})),
              (2, "ann", frozenset()), (2, "bob", frozenset()),
              (3, "ann", frozenset({"claim"})), (3, "bob", frozenset({"source"})), (4, "ann", frozenset({"claim"}))]
    result = group_agreement("labels", "multi", judged)
    (pair,) = result.pairs
    assert (result.items, pair.items) == (3, 3)
    assert pair.score == pytest.approx((0.5 + 1 + 0) / 3)  # mean Jaccard
    ratings = group_agreement("worth", "ordinal", [(1, "ann", 2), (1, "bob", 3), (2, "ann", 4), (2, "bob", 4)])
    assert ratings.pairs[0].score == 0.5 and ratings.measure == "ordinal alpha" and ratings.nominal is not None
    verdicts = group_agreement("verdict", "exclusive", [(1, "a", "true"), (1, "b", "true"), (2, "a", "false"),
                                                        (2, "b", "true")])
    assert verdicts.pairs[0].score == 0.5 and verdicts.pairs[0].kappa == pytest.approx(0.0)
    text = group_agreement("why", "text", [(1, "a", "Fake photo"), (1, "b", "fake photo "), (2, "a", "x"), (2, "b", "y")])
    assert text.alpha is None and text.pairs[0].score == 0.5
    with pytest.raises(ValueError):
        group_agreement("x", "rainbow", [])


CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"


def _copy_with_relations(demo_project, tmp_path, name, relations):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(demo_project, path)
    with Store.open(path) as store:
        for head, tail, kind in relations:
            store.relations.add(head, tail, kind, name)
    return path


def test_relation_agreement_on_two_annotators_merged_files_matches_a_hand_count(demo_project, tmp_path):
    with sqlite3.connect(demo_project) as conn:
        find = "SELECT id FROM sentences WHERE instr(text, ?) > 0"
        head, tail = conn.execute(find, [CORRECTION]).fetchone()[0], conn.execute(find, [CLAIM]).fetchone()[0]
        other = conn.execute("SELECT min(id) FROM sentences WHERE document_id = 3").fetchone()[0]
    ann = _copy_with_relations(demo_project, tmp_path, "ann", [(head, tail, "corrects"), (tail, other, "repeats")])
    bob = _copy_with_relations(demo_project, tmp_path, "bob", [(head, tail, "corrects"), (tail, other, "contradicts"),
                                                                (head, other, "contradicts")])
    merged = tmp_path / "merged.sqlite"
    merge_projects(merged, [ann, bob])
    with Store.open(merged, readonly=True) as store:
        (pair,) = fitted_report(store).relations
    # by hand: ann {h>t corrects, t>o repeats}, bob {h>t corrects, t>o contradicts, h>o contradicts}
    assert (pair.first, pair.second, pair.first_count, pair.second_count, pair.both) == ("ann", "bob", 2, 3, 1)
    assert pair.typed_f1 == pytest.approx(2 * 1 / (2 + 3))
    assert pair.linked_both == 2 and pair.linked_f1 == pytest.approx(2 * 2 / (2 + 3))  # h>t and t>o
    assert pair.by_type == {"contradicts": (0, 2, 0, 0.0), "corrects": (1, 1, 1, 1.0), "repeats": (1, 0, 0, 0.0)}
    out = CliRunner().invoke(main, ["agreement", str(merged)])
    assert out.exit_code == 0, out.output
    assert "typed F1 0.400 (1 in both, 2 by ann, 3 by bob); linked F1 0.800" in out.output
    assert "group labels (multi): MASI alpha" in out.output


def test_relations_in_a_group_only_one_annotator_worked_in_do_not_count():
    rows = [(1, 2, "corrects", "ann", 10), (1, 2, "corrects", "bob", 10), (5, 6, "repeats", "ann", 20)]
    (pair,) = relation_agreement(rows)
    assert (pair.groups, pair.first_count, pair.both, pair.typed_f1) == (1, 1, 1, 1.0)
    (pair,) = relation_agreement(rows, {"bob": {20}})  # bob judged sentences of group 20, made no relation there
    assert (pair.groups, pair.first_count, pair.second_count, pair.typed_f1) == (2, 2, 1, pytest.approx(2 / 3))
