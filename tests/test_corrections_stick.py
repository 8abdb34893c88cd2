"""Corrections stick (issue 25): a machine link a person unlinked is remembered as rejected and
never proposed again; re-alignment gives no new machine link to a sentence linked by hand (in
any pair of documents) or confirmed. Both scenarios are built as the app builds them, through
the session, on the seeds."""

from __future__ import annotations

import json

from annotator.core.align.group import align_group
from annotator.core.dataset.export import export
from annotator.core.dataset.merge import merge_projects
from annotator.core.session import Session
from annotator.core.store import Store


def sentence_pairs(link) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for a in link.source for b in link.target}


def _machine(store) -> dict[tuple, float]:
    return {(tuple(l.source), tuple(l.target)): l.score for l in store.links.in_group(1, origin="machine")}


def _all_pairs(store) -> set[tuple[int, int]]:
    return {pair for link in store.links.in_group(1, origin="machine") for pair in sentence_pairs(link)}


def _realign(session: Session) -> None:
    session.realign_work(1)(lambda *_: None, lambda: False)  # what Ctrl+R runs, here in this thread


def test_an_unlinked_machine_link_is_not_proposed_again(demo_project):
    session = Session.open(demo_project, "rev")
    try:
        _realign(session)
        # the wrong link a reader unlinks: a machine link below 0.8 (0.75 in the issue)
        # (one whose first sentence has no other link: Ctrl+U on it removes this link alone)
        machine = session.machine_links(1)
        alone = [l for l in machine if sum(l.source[0] in m.sentence_ids() for m in machine) == 1]
        wrong = max((l for l in alone if l.score is not None and l.score < 0.8), key=lambda l: l.score)
        links, rejected, *_ = session.unlink(wrong.source[0])
        _realign(session)
        with Store.open(demo_project, readonly=True) as store:
            assert not sentence_pairs(wrong) & _all_pairs(store)  # nor any link holding one of its pairs
        assert sorted(r[:2] for r in rejected) == sorted(sentence_pairs(wrong))
        with Store.open(demo_project, readonly=True) as store:
            assert {r[:2] for r in store.links.rejections()} == sentence_pairs(wrong)
            assert all(r[3] == "rev" for r in store.links.rejections())

        session.relink(links, rejected)  # undo: the link is back, the rejection forgotten
        with Store.open(demo_project, readonly=True) as store:
            assert store.links.rejections() == []
            assert sentence_pairs(wrong) <= _all_pairs(store)
    finally:
        session.close()


def test_manual_links_get_no_new_machine_neighbours_and_add_no_links(demo_project):
    """Two manual links (a reader's corrections between two documents), then Re-align: no machine
    link that was not there before touches a manually linked sentence, and the machine links do
    not grow (they went from 37 to 47 in the issue)."""
    session = Session.open(demo_project, "rev")
    try:
        _realign(session)
        with Store.open(demo_project, readonly=True) as store:
            before = _machine(store)
            # sentences of the last document linked by the machine to a third document, and of
            # the pivot's document sentences the machine left alone: linked by hand
            last, pivot = store.documents.group_documents(1)[-1]["id"], store.documents.pivot(1)
            thirds = [d["id"] for d in store.documents.group_documents(1) if d["id"] not in (last, pivot)]
            to_third = {i for d in thirds for l in store.links.between(last, d, "machine") for i in l.source}
            linked = {i for l in store.links.in_group(1) for i in l.sentence_ids()}
            chosen = [s.id for s in store.documents.sentences(last) if s.id in to_third][:2]
            lone = [s.id for s in store.documents.sentences(pivot) if not s.boilerplate and s.id not in linked][:2]
        assert len(chosen) == 2 and len(lone) == 2
        for a, b in zip(chosen, lone):
            session.link([a], [b])
        _realign(session)
        with Store.open(demo_project, readonly=True) as store:
            after = _machine(store)
            manual = {i for l in store.links.in_group(1, "manual") for i in l.sentence_ids()}
        new = [key for key in after if key not in before]
        assert not [key for key in new if manual & {*key[0], *key[1]}]
        # the seeds are retellings: manual links take links away, and add none anywhere (the
        # old code mined the stretches between them again: 38 -> 39 links, 3 of them new)
        assert new == [] and len(after) <= len(before)
    finally:
        session.close()


def test_confirmed_sentences_get_no_new_machine_link_after_an_unlink(demo_project):
    session = Session.open(demo_project, "rev")
    try:
        _realign(session)
        link = session.machine_links(1)[0]
        session.confirm(link.sentence_ids())
        session.unlink(link.source[0])  # the confirmed row loses its link: nothing replaces it
        _realign(session)
        assert not any(set(l.sentence_ids()) & set(link.sentence_ids()) for l in session.machine_links(1))
    finally:
        session.close()


def test_rejections_are_merged_and_exported(demo_project, tmp_path):
    other = tmp_path / "other.sqlite"
    other.write_bytes(demo_project.read_bytes())
    with Store.open(other) as store:
        align_group(store, "seeds")
        links, _ = store.links.unlink(store.links.in_group(1, origin="machine")[0].target[0], "bob")
    rejected = {pair for link in links for pair in sentence_pairs(link)}
    merge_projects(demo_project, [other])
    merge_projects(demo_project, [other])  # twice: nothing more
    with Store.open(demo_project, readonly=True) as store:
        assert sorted((a, b, who) for a, b, _, who, _ in store.links.rejections()) == \
            sorted((a, b, "bob") for a, b in rejected)

    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    rows = {row["sentence_id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for a, b in rejected:
        assert b in [r["sentence_id"] for r in rows[a]["rejected"]]
        assert a in [r["sentence_id"] for r in rows[b]["rejected"]]
        assert {r["by"] for r in rows[a]["rejected"]} == {"bob"}
    assert all(row["rejected"] == [] for i, row in rows.items() if i not in {i for pair in rejected for i in pair})


def test_work_packages_carry_the_rejections(demo_project, tmp_path):
    from annotator.core.team.packages import assign

    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        links, rejected = store.links.unlink(store.links.in_group(1, origin="machine")[0].source[0], "rev")
    assert rejected
    assign(demo_project, ["ann", "bob"], tmp_path / "packages", overlap=1.0)
    with Store.open(tmp_path / "packages" / "ann.sqlite", readonly=True) as store:
        assert store.links.rejections() == rejected
