"""Events travel in work packages: a merge takes each package's events once, by id, their
sentences mapped into the merged project; merging the same package again adds none."""

from __future__ import annotations

from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store
from annotator.core.team.packages import assign
from tests.team.test_team import _content, _corpus_template, _label, corpus  # noqa: F401  (fixtures)


def _events(path) -> list[tuple]:
    with Store.open(path, readonly=True) as store:
        return store.events.records()


def test_two_annotators_events_land_once_however_often_their_packages_are_merged(corpus, tmp_path):
    out = tmp_path / "out"
    plan = assign(corpus, ["ann", "bob"], out, overlap=1.0, copies=2, seed=3).plan
    group = sorted(plan.assignments)[0]
    sentences = _content(corpus, group)[:3]
    _label(out / "ann.sqlite", "ann", sentences, "claim")
    _label(out / "bob.sqlite", "bob", sentences[:2], "none")  # no label applies
    ann, bob = _events(out / "ann.sqlite"), _events(out / "bob.sqlite")
    assert [(e[2], e[4]) for e in ann] == [("ann", "add")] * 3
    assert [(e[2], e[4]) for e in bob] == [("bob", "judgement")] * 2
    merged = tmp_path / "merged.sqlite"
    reports = merge_projects(merged, [out / "ann.sqlite", out / "bob.sqlite"])
    assert [report["events_added"] for _, report in reports] == [3, 2]
    first = _events(merged)
    landed = {e[0]: e for e in first}
    assert {e[0] for e in ann + bob} <= set(landed)  # every package event, under its own id
    for e in ann + bob:
        assert landed[e[0]][2:5] == e[2:5] and landed[e[0]][7:] == e[7:]
    with Store.open(merged, readonly=True) as store:  # the sentence ids are the merged project's
        texts = {s.id: s.text for s in store.documents.sentences_by_id([landed[e[0]][5] for e in ann])}
    with Store.open(corpus, readonly=True) as store:
        assert sorted(texts.values()) == sorted(s.text for s in store.documents.sentences_by_id(sentences))
    again = merge_projects(merged, [out / "ann.sqlite", out / "bob.sqlite"])  # the same packages again
    assert [report["events_added"] for _, report in again] == [0, 0]
    assert _events(merged) == first
