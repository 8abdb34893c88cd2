"""Merging annotators' project files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store


def _annotator_copy(demo_project, tmp_path, name, labels, manual=None):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(demo_project, path)
    with Store.open(path) as store:
        for sentence, label, note in labels:
            store.annotations.set(sentence, label, name, note=note)
        if manual:
            store.links.add(*manual, score=None, origin="manual")
        store.annotations.mark_done(1, name)
    return path


def test_merge_keeps_each_annotator_and_is_idempotent(demo_project, tmp_path):
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(1, "claim", "headline"), (2, "claim", None)],
                          manual=([25], [1]))
    bob = _annotator_copy(demo_project, tmp_path, "bob", [(1, "attribution", None), (3, "correction", None)])
    out = tmp_path / "merged.sqlite"
    reports = dict(merge_projects(out, [ann, bob]))
    assert reports[str(ann)]["documents_added"] == 4 and reports[str(bob)]["documents_matched"] == 4
    assert reports[str(ann)]["annotations_added"] == 2 and reports[str(ann)]["links_added"] == 1
    with Store.open(out, readonly=True) as store:
        assert sorted((a.sentence_id, a.label, a.annotator, a.note) for a in store.annotations.all()) == [
            (1, "attribution", "bob", None), (1, "claim", "ann", "headline"), (2, "claim", "ann", None),
            (3, "correction", "bob", None)]
        assert [(link.source, link.target) for link in store.links.manual()] == [([25], [1])]
        judged = {(row[0], row[1]) for row in store.annotations.judgements()}
        assert (5, "ann") in judged and (5, "bob") in judged  # "done" judgements came along
        before = out.read_bytes()
    again = dict(merge_projects(out, [ann, bob, ann]))
    assert all(r["annotations_added"] == 0 and r["documents_added"] == 0 and r["links_added"] == 0
               for r in again.values())
    with Store.open(out, readonly=True) as store:
        assert len(store.annotations.all()) == 4 and len(store.links.manual()) == 1
    assert _file_hash(out) == hashlib.sha256(before).hexdigest()


def test_differently_split_sentences_are_matched_by_overlap_and_reported(demo_project, tmp_path):
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(1, "claim", None), (2, "claim", None)])
    bob = _annotator_copy(demo_project, tmp_path, "bob", [(2, "attribution", None)])
    with sqlite3.connect(bob) as conn:  # bob's copy split sentence 2 differently (its end moved)
        conn.execute("UPDATE sentences SET end = end - 5 WHERE id = 2")
    out = tmp_path / "merged.sqlite"
    merge_projects(out, [ann])
    (_, report), = merge_projects(out, [bob])
    assert report["sentences_by_overlap"] == 1 and report["sentences_unmatched"] == 0
    assert report["annotations_unmatched"] == 0 and report["annotations_added"] == 1
    with Store.open(out, readonly=True) as store:
        assert sorted((a.label, a.annotator) for a in store.annotations.of_sentence(2)) == [
            ("attribution", "bob"), ("claim", "ann")]
    result = CliRunner().invoke(main, ["merge", str(tmp_path / "m2.sqlite"), str(ann), str(bob)])
    assert result.exit_code == 0
    assert "1 sentence split or merged differently, matched by overlap" in result.output
    assert "not matched" not in result.output


def test_labels_missing_from_the_output_are_added(demo_project, tmp_path):
    ann = tmp_path / "ann.sqlite"
    shutil.copyfile(demo_project, ann)
    with Store.open(ann) as store:
        store.scheme.add("opinion", "4", "#9467bd", "A view.")
        store.annotations.set(7, "opinion", "ann")
    out = tmp_path / "merged.sqlite"
    merge_projects(out, [ann])
    with Store.open(out, readonly=True) as store:
        assert store.scheme.find("4").name == "opinion"
        assert [(a.label, a.annotator) for a in store.annotations.of_sentence(7)] == [("opinion", "ann")]


def _file_hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_bad_input_leaves_the_output_as_it_was(demo_project, tmp_path):
    """merge OUT good.sqlite damaged.sqlite: the good file's work is not half-committed."""
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(1, "claim", None)])
    out = tmp_path / "merged.sqlite"
    shutil.copyfile(demo_project, out)
    before = _file_hash(out)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = CliRunner().invoke(main, ["merge", str(out), str(ann), str(damaged)])
    assert result.exit_code == 2 and "damaged.sqlite" in result.output
    assert _file_hash(out) == before
    with Store.open(out, readonly=True) as store:
        assert store.annotations.all() == []


def test_a_cancelled_merge_changes_nothing(demo_project, tmp_path):
    import pytest

    from annotator.core.dataset.merge import merge_files_into
    from annotator.errors import Cancelled

    ann = _annotator_copy(demo_project, tmp_path, "ann", [(1, "claim", None)])
    bob = _annotator_copy(demo_project, tmp_path, "bob", [(2, "claim", None)])
    asked = []
    with Store.open(demo_project) as target:
        with pytest.raises(Cancelled):
            merge_files_into(target, [ann, bob], cancelled=lambda: asked.append(1) or len(asked) > 1)
        assert target.annotations.all() == []


def test_a_failed_merge_into_a_new_output_leaves_no_file_behind(demo_project, tmp_path):
    import pytest

    from annotator.errors import AnnotatorError

    ann = _annotator_copy(demo_project, tmp_path, "ann", [(1, "claim", None)])
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    out = tmp_path / "new.sqlite"
    with pytest.raises(AnnotatorError, match="damaged.sqlite"):
        merge_projects(out, [ann, damaged])
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new.sqlite")) == []


def test_merge_reports_progress_per_input_and_a_cancel_says_nothing_changed(demo_project, tmp_path):
    import pytest

    from annotator.core.dataset.merge import merge_files_into
    from annotator.errors import Cancelled

    ann = _annotator_copy(demo_project, tmp_path, "ann", [(1, "claim", None)])
    bob = _annotator_copy(demo_project, tmp_path, "bob", [(2, "claim", None)])
    seen = []
    with Store.open(demo_project) as target:
        reports = merge_files_into(target, [ann, bob], progress=lambda *step: seen.append(step))
        assert [path for path, _ in reports] == [str(ann), str(bob)]
        assert [report["annotations_added"] for _, report in reports] == [1, 1]
        assert seen == [(0, 2, str(ann)), (1, 2, str(bob))]
        assert merge_files_into(target, [], cancelled=lambda: True) == []  # nothing to cancel
        with pytest.raises(Cancelled) as cancelled:
            merge_files_into(target, [ann], cancelled=lambda: True)
        assert str(cancelled.value) == "merge cancelled; nothing was changed"
        assert cancelled.value.source is None


def test_an_input_still_open_in_its_annotators_app_can_be_merged(demo_project, tmp_path):
    """Inputs are only read: merging one does not need (or take) its writer's lock."""
    ann = _annotator_copy(demo_project, tmp_path, "ann", [(1, "claim", None)])
    with Store.open(ann):  # ann's app still has it open for writing
        (_, report), = merge_projects(tmp_path / "merged.sqlite", [ann])
    assert report["annotations_added"] == 1
