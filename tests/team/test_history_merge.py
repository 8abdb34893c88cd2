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
    assert set(landed) == {e[0] for e in ann + bob}  # every package event under its own id, and no other
    for e in ann + bob:
        assert landed[e[0]][2:5] == e[2:5] and landed[e[0]][7:] == e[7:]
    with Store.open(merged, readonly=True) as store:  # the sentence ids are the merged project's
        texts = {s.id: s.text for s in store.documents.sentences_by_id([landed[e[0]][5] for e in ann])}
    with Store.open(corpus, readonly=True) as store:
        assert sorted(texts.values()) == sorted(s.text for s in store.documents.sentences_by_id(sentences))
    again = merge_projects(merged, [out / "ann.sqlite", out / "bob.sqlite"])  # the same packages again
    assert [report["events_added"] for _, report in again] == [0, 0]
    assert _events(merged) == first


def test_progress_summarises_the_time_on_item_of_each_package(corpus, tmp_path, monkeypatch):
    from annotator.core.session import Session
    from annotator.core.team.progress import read_progress
    from annotator.present.team import format_progress

    out = tmp_path / "out"
    plan = assign(corpus, ["ann", "bob"], out, overlap=1.0, copies=2, seed=3).plan
    sentences = _content(corpus, sorted(plan.assignments)[0])[:4]
    clock = [0.0]
    monkeypatch.setattr("annotator.core.session.base.time.monotonic", lambda: clock[0])
    for name, seconds in (("ann", [2, 4, 6, 8]), ("bob", [10, 30])):
        session = Session.open(out / f"{name}.sqlite", name)
        try:
            for sentence_id, spent in zip(sentences, seconds):
                session.cursor_reached(sentence_id)
                clock[0] += spent
                session.clear(sentence_id) if name == "bob" else session.set_label(sentence_id, "claim", True)
        finally:
            session.close()
    report = read_progress([out])
    assert report.to_dict()["time_on_item"] == {
        "ann": {"judgements": 4, "median_seconds": 5.0, "p90_seconds": 8.0},
        "bob": {"judgements": 2, "median_seconds": 20.0, "p90_seconds": 30.0}}
    text = format_progress(report)
    assert "  ann     4 judgements  median 5.0 s  p90 8.0 s" in text
    assert "  bob     2 judgements  median 20.0 s  p90 30.0 s" in text


def test_a_package_with_the_labels_carries_their_history_and_a_merge_back_adds_it_once(corpus, tmp_path):
    group_sentences = {}
    with Store.open(corpus) as store:
        for group in ("story 00000", "story 00001"):
            group_sentences[group] = [row[0] for row in store.db.execute(
                "SELECT s.id FROM sentences s JOIN documents d ON d.id = s.document_id JOIN groups g"
                " ON g.id = d.group_id WHERE g.name = ? AND s.boilerplate = 0 ORDER BY s.id LIMIT 2", [group])]
    every = [i for ids in group_sentences.values() for i in ids]
    _label(corpus, "zoe", every, "claim")
    before = _events(corpus)
    out = tmp_path / "out"
    plan = assign(corpus, ["ann"], out, labels="all").plan
    package = _events(out / "ann.sqlite")
    assert {e[0] for e in package} == {e[0] for e in before}  # every group went to ann: all the history
    assert plan.assignments
    _label(out / "ann.sqlite", "ann", every[:1], "correction")
    report = merge_projects(corpus, [out / "ann.sqlite"])
    assert report[0][1]["events_added"] == 1  # ann's new one; zoe's were there already
