"""The gold layer by majority, exports by layer, and aligned sentences labeled differently."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.adjudication import inconsistencies, majority
from annotator.core.dataset.export import export
from annotator.core.store import Store


def test_majority_fills_gold_and_lists_ties(demo_project):
    with Store.open(demo_project) as store:
        for who in ("ann", "bob", "cy"):
            store.annotations.set(1, "claim", who)
        store.annotations.set(1, "attribution", "ann")  # 1 of 3: out
        store.annotations.set(2, "claim", "ann")
        store.annotations.clear(2, "bob")  # 1 of 2: a tie
        store.annotations.set(3, "correction", "ann")
        store.annotations.clear(3, "bob")
        store.annotations.clear(3, "cy")  # 1 of 3 says correction: gold says no label
        store.gold.set([(4, ["attribution"])], method="manual")
        store.annotations.set(4, "claim", "ann")  # one judge: a majority of one, but the manual decision stays
        decided, undecided = majority(store)
        gold = store.gold.all()
    assert gold[1] == (["claim"], "majority")
    assert gold[3] == ([], "majority")
    assert gold[4] == (["attribution"], "manual")
    assert [u.sentence_id for u in undecided] == [2] and 2 not in gold
    assert decided == 3


def test_exports_by_layer(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "claim", "ann")
        store.annotations.set(1, "correction", "bob")
        store.gold.set([(1, ["correction"])])
    rows = {}
    for layer in ("all", "ann", "gold"):
        export(demo_project, "jsonl", tmp_path / f"{layer}.jsonl", layer=layer)
        first = json.loads((tmp_path / f"{layer}.jsonl").read_text(encoding="utf-8").splitlines()[0])
        rows[layer] = first
        export(demo_project, "csv", tmp_path / f"{layer}.csv", layer=layer)
    assert rows["all"]["labels"] == ["claim", "correction"]
    assert rows["ann"]["labels"] == ["claim"] and rows["gold"]["labels"] == ["correction"]
    assert len(rows["gold"]["annotations"]) == 2  # who said what stays in every layer
    import csv

    first_csv = {layer: next(csv.DictReader((tmp_path / f"{layer}.csv").open(encoding="utf-8")))
                 for layer in ("all", "ann", "gold")}
    assert (first_csv["ann"]["claim"], first_csv["ann"]["correction"], first_csv["ann"]["labels"]) == ("1", "0", "claim")
    assert (first_csv["gold"]["claim"], first_csv["gold"]["labels"]) == ("0", "correction")
    result = CliRunner().invoke(main, ["export", str(demo_project), "--format", "jsonl", "--layer", "zed"])
    assert result.exit_code == 2 and "no layer 'zed'; layers are: all, gold, ann, bob" in result.output


def test_adjudicate_and_consistency_commands(demo_project):
    with Store.open(demo_project) as store:
        english, german = store.documents.sentences(2), store.documents.sentences(1)
        store.links.add([english[5].id], [german[3].id], score=0.9)
        store.links.add([english[6].id], [german[4].id], score=0.9)
        store.annotations.set(english[5].id, "claim", "ann")
        store.annotations.set(german[3].id, "claim", "ann")
        store.annotations.set(english[6].id, "claim", "ann")
        store.annotations.set(german[4].id, "attribution", "ann")
        store.documents.set_pivot(1, 2)
        assert [(i.source_labels, i.target_labels) for i in inconsistencies(store)] == [(["claim"], ["attribution"])]
    result = CliRunner().invoke(main, ["consistency", str(demo_project)])
    assert "[claim] vs" in result.output and "1 aligned pairs labeled differently" in result.output
    result = CliRunner().invoke(main, ["adjudicate", str(demo_project)])
    assert result.exit_code == 0 and "4 sentences decided by majority, 0 left" in result.output


def test_equal_label_sets_given_in_another_order_are_no_disagreement(demo_project):
    from annotator.core.session import Session

    with Store.open(demo_project) as store:
        store.annotations.set(1, "attribution", "ann")
        store.annotations.set(1, "claim", "ann")
        store.annotations.set(1, "claim", "bob")
        store.annotations.set(1, "attribution", "bob")
        assert store.annotations.votes([1]) == {1: {"ann": ["claim", "attribution"], "bob": ["claim", "attribution"]}}
        assert Session(store, "ann").disputed([1]) == set()
