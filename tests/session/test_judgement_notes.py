"""A note on "no label applies" travels with merges and never overwrites the target's own."""

from __future__ import annotations

import shutil

from annotator.core.dataset.merge import merge_projects
from annotator.core.store import Store


def test_judgement_notes_merge_and_keep_the_first(demo_project, tmp_path):
    mine, theirs = tmp_path / "mine.sqlite", tmp_path / "theirs.sqlite"
    shutil.copyfile(demo_project, mine)
    shutil.copyfile(demo_project, theirs)
    for path, note in ((mine, "a date line"), (theirs, "something else")):
        with Store.open(path) as store:
            store.annotations.clear(5, "ann")
            store.annotations.set_judgement_note(5, "ann", note)
            store.annotations.clear(6, "bob")
    with Store.open(theirs) as store:
        store.annotations.set_judgement_note(6, "bob", "boilerplate really")
    merged = tmp_path / "merged.sqlite"
    merge_projects(merged, [mine, theirs])
    with Store.open(merged, readonly=True) as store:
        assert store.annotations.judgement_note(5, "ann") == "a date line"  # the first file's stays
        assert store.annotations.judgement_note(6, "bob") == "boilerplate really"  # filled where there was none
