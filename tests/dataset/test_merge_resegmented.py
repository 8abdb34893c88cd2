"""Merging annotators' files whose segmentation differs: sentences are matched by overlap and
what could not be matched is reported."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store


def _labels(store, sentence_id):
    return sorted((a.label, a.annotator) for a in store.annotations.of_sentence(sentence_id))


def _copies(demo_project, tmp_path, *names):
    paths = [tmp_path / f"{name}.sqlite" for name in names]
    for path in paths:
        shutil.copyfile(demo_project, path)
    return paths


def test_labels_on_a_sentence_the_other_file_split_go_to_both_parts(demo_project, tmp_path):
    main_file, annotator_file = _copies(demo_project, tmp_path, "main", "ann")
    with Store.open(main_file) as store:  # the trainer's file split sentence 28
        sentence = store.documents.sentence(28)
        second, _ = store.resegmenting.split(28, sentence.text.index(" obtained") + 1)
    with Store.open(annotator_file) as store:  # the annotator labeled it whole
        store.annotations.set(28, "claim", "ann")
        store.links.add([28], [9], score=None, origin="manual")
    (report,) = [r for _, r in merge_projects(main_file, [annotator_file])]
    assert report["sentences_by_overlap"] == 1 and report["sentences_unmatched"] == 0
    with Store.open(main_file, readonly=True) as store:
        assert _labels(store, 28) == _labels(store, second) == [("claim", "ann")]
        (link,) = store.links.manual()
        assert sorted(link.sentence_ids()) == sorted([28, second, 9])


def test_labels_on_split_parts_join_on_the_sentence_the_other_file_kept_whole(demo_project, tmp_path):
    main_file, annotator_file = _copies(demo_project, tmp_path, "main", "ann")
    with Store.open(annotator_file) as store:
        second, _ = store.resegmenting.split(28, 40)
        store.annotations.set(28, "claim", "ann")
        store.annotations.set(second, "attribution", "ann")
    merge_projects(main_file, [annotator_file])
    with Store.open(main_file, readonly=True) as store:
        assert _labels(store, 28) == [("attribution", "ann"), ("claim", "ann")]


def test_text_that_matches_nothing_is_reported(demo_project, tmp_path):
    main_file, annotator_file = _copies(demo_project, tmp_path, "main", "ann")
    with Store.open(annotator_file) as store:
        store.annotations.set(28, "claim", "ann")
        # cut across two of the target's sentences, with under half of its text in either
        following = store.documents.sentence(29)
        store.db.execute("UPDATE sentences SET start = end - 3 WHERE id = 28")
        store.db.execute("UPDATE sentences SET end = ? WHERE id = 28", [following.start + 3])
        store.db.execute("DELETE FROM sentences WHERE id = 29")
    result = CliRunner().invoke(main, ["merge", str(main_file), str(annotator_file)])
    assert result.exit_code == 0
    assert "not matched (sentences split or merged differently): 1 sentence, 1 annotation" in result.output
    with Store.open(main_file, readonly=True) as store:
        assert _labels(store, 28) == []
