"""The label scheme: single edits, a whole edit in one transaction, undo."""

from __future__ import annotations

import pytest

from annotator.core.store import SchemeRow, Store
from annotator.errors import ProjectError


def test_label_scheme_edits(demo_project):
    with Store.open(demo_project) as store:
        new = store.scheme.add("opinion", "4", "#9467bd", "A view, not a fact.")
        assert [label.name for label in store.scheme.labels()] == ["claim", "attribution", "correction", "opinion"]
        store.annotations.set(1, "opinion", "ann")
        assert store.scheme.usage(new) == 1
        store.scheme.update(new, "stance", "5", "#8c564b", "Takes a side.")
        assert store.scheme.find("5").name == "stance" and store.annotations.of_sentence(1)[0].label == "stance"
        for bad, message in [(("claim", "6", "#000000"), "already a label named"),
                             (("x", "1", "#000000"), "key 1 already belongs"),
                             (("x", "a", "#000000"), "digits 1 to 9"),
                             (("x", "6", "red"), "must look like"),
                             (("a|b", "6", "#000000"), "without '|'")]:
            with pytest.raises(ProjectError, match=message):
                store.scheme.add(*bad)
        store.scheme.remove(new)
        assert store.annotations.of_sentence(1) == [] and "stance" not in [label.name for label in store.scheme.labels()]


def _scheme(store) -> list[tuple]:
    return [(label.id, label.name, label.key, label.color, label.description) for label in store.scheme.labels()]


def test_a_whole_edit_is_one_transaction_and_undoes_exactly(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(1, "correction", "ann", note="kept through undo")
        before, annotations = _scheme(store), store.annotations.all()
        claim, attribution, correction = store.scheme.rows()
        edit = [SchemeRow(claim.id, "checkable claim", "3", claim.color, "renamed, and takes correction's key"),
                SchemeRow(attribution.id, "attribution", "2", "#000000", attribution.description),
                SchemeRow(None, "opinion", "1", "#9467bd", "new, with claim's old key")]
        change = store.scheme.apply(edit)  # correction is left out: removed, with its annotation
        assert [(name, key) for _, name, key, _, _ in _scheme(store)] == [("checkable claim", "3"),
                                                                          ("attribution", "2"), ("opinion", "1")]
        assert store.annotations.all() == []
        assert change.added_ids and change.added_ids[0] not in {row[0] for row in before}  # never a removed id
        store.scheme.undo(change)
        assert _scheme(store) == before
        assert store.annotations.all() == annotations  # time and note included


def test_an_invalid_edit_changes_nothing(demo_project):
    with Store.open(demo_project) as store:
        before = _scheme(store)
        rows = store.scheme.rows()
        for bad, message in [([*rows[:2], SchemeRow(rows[2].id, "claim", "3", "#000000")], "already a label named"),
                             ([rows[0], SchemeRow(rows[1].id, "attribution", "1", "#000000")], "key 1 already belongs"),
                             ([SchemeRow(None, "", None, "#000000")], "non-empty")]:
            with pytest.raises(ProjectError, match=message):
                store.scheme.apply(bad)
            assert _scheme(store) == before
