"""Alignment confirmations: a reviewer's confirmed rows survive re-alignment, are exported,
merged and migrated into older projects."""

from __future__ import annotations

import json
import sqlite3

from annotator.core.align.group import align_group
from annotator.core.dataset.export import export
from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store
from tests.helpers.encoders import CountingEncoder
from tests.helpers.old_projects import old_project


def _machine(store):
    return sorted((tuple(l.source), tuple(l.target), l.score) for l in store.links.in_group(1, origin="machine"))


def test_confirmed_links_are_kept_and_confirmed_sentences_get_no_new_link(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds", encoder=CountingEncoder())
        links = store.links.in_group(1, origin="machine")
        chosen = links[0]
        lone = next(s.id for s in store.documents.sentences(1) if not s.boilerplate
                    and not store.links.has_any(s.id))
        store.confirmations.confirm([*chosen.sentence_ids(), lone], "rev")
        # someone's edits in the meantime: the confirmed link is gone, and a wrong one is there
        store.links.remove([chosen.id])
        store.links.add([lone], [store.documents.sentences(2)[5].id], score=0.99)
        store.links.add(chosen.source, [store.documents.sentences(3)[1].id], score=0.95)
        align_group(store, "seeds", encoder=CountingEncoder())
        # the confirmed link is not there (it was removed, and confirmed sentences get no new link)
        touching_lone = store.links.of_sentence(lone)
        assert touching_lone == []
        for link in store.links.in_group(1, origin="machine"):
            confirmed = store.confirmations.confirmed_among(link.sentence_ids())
            assert not confirmed or confirmed == set(link.sentence_ids())  # kept whole, never a new partner


def test_a_confirmed_machine_link_is_kept_with_its_score(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds", encoder=CountingEncoder())
        link = store.links.in_group(1, origin="machine")[2]
        store.confirmations.confirm(link.sentence_ids(), "rev")
        store.db.execute("UPDATE links SET score = 0.123 WHERE id = ?", [link.id])  # not what the aligner says
        align_group(store, "seeds", encoder=CountingEncoder())
        kept = [l for l in store.links.in_group(1, origin="machine") if set(l.sentence_ids()) == set(link.sentence_ids())]
        assert [(sorted(l.source), sorted(l.target), l.score) for l in kept] == [
            (sorted(link.source), sorted(link.target), 0.123)]


def test_confirm_unconfirm_restore_are_exact(demo_project):
    with Store.open(demo_project) as store:
        ids = [s.id for s in store.documents.sentences(1)[:3]]
        assert store.confirmations.confirm(ids[:2], "rev") == ids[:2]
        assert store.confirmations.confirm(ids, "rev") == ids[2:]  # the first two were confirmed already
        before = store.confirmations.records()
        removed = store.confirmations.unconfirm(ids[1:])
        assert [r[0] for r in removed] == ids[1:] and store.confirmations.confirmed_among(ids) == {ids[0]}
        store.confirmations.restore(removed)
        assert store.confirmations.records() == before


def test_confirmations_are_exported(demo_project, tmp_path):
    with Store.open(demo_project) as store:
        german, english = store.documents.sentences(1)[4], store.documents.sentences(2)[3]
        store.links.add([german.id], [english.id], score=0.8)
        store.confirmations.confirm([german.id], "rev")
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    rows = {r["sentence_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rows[german.id]["alignment_confirmed"] is True and rows[english.id]["alignment_confirmed"] is False
    export(demo_project, "pairs", tmp_path / "p.tsv")

    def confirmed() -> str:
        header, first = (line.split("\t") for line in (tmp_path / "p.tsv").read_text(encoding="utf-8").splitlines()[:2])
        return first[header.index("confirmed")]

    assert confirmed() == "0"  # one side only
    with Store.open(demo_project) as store:
        store.confirmations.confirm([english.id], "rev")
    export(demo_project, "pairs", tmp_path / "p.tsv")
    assert confirmed() == "1"
    export(demo_project, "csv", tmp_path / "o.csv")
    header, *lines = (tmp_path / "o.csv").read_text(encoding="utf-8").splitlines()
    assert header.split(",")[9] == "alignment_confirmed"


def test_confirmations_merge_by_offsets(demo_project, tmp_path):
    import shutil

    other = tmp_path / "reviewer.sqlite"
    shutil.copyfile(demo_project, other)
    with Store.open(other) as store:
        store.confirmations.confirm([3, 4], "rev")
    target = tmp_path / "merged.sqlite"
    merge_projects(target, [demo_project, other])
    merge_projects(target, [other])  # twice: nothing more
    with Store.open(target, readonly=True) as store:
        assert [(i, who) for i, who, _ in store.confirmations.records()] == [(3, "rev"), (4, "rev")]


def test_version_6_gets_confirmations_and_judgement_notes(tmp_path, demo_project):
    """Migration 7 adds the table and the column; every row already there is untouched."""
    path = tmp_path / "v6.sqlite"
    conn = old_project(path, 6)
    conn.execute("INSERT INTO judgements (sentence_id, annotator_id, created_at) VALUES (1, 1, 'then')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.db.execute("SELECT sentence_id, annotator_id, created_at, note FROM judgements").fetchall() == [
            (1, 1, "then", None)]
        assert store.confirmations.records() == []
        store.confirmations.confirm([1], "ann")
        assert store.confirmations.confirmed_among([1]) == {1}
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 6
    backup.close()
