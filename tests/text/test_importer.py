"""Importing files into a project: groups, duplicates, all-or-nothing batches, cancel."""

from __future__ import annotations

import hashlib
import json

import pytest

from annotator.core.session.importing import import_files
from annotator.core.text.importer import ImportCancelled
from annotator.core.store import Store
from annotator.errors import InputError


def test_seeds_import_as_one_group(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    outcomes = import_files(project, list(seeds.values()), group="story")
    assert [o.lang for o in outcomes] == ["de", "en", "fr", "en"]
    assert {o.group for o in outcomes} == {"story"} and not any(o.skipped for o in outcomes)
    with Store.open(project, readonly=True) as store:
        (group,) = store.documents.groups()
        assert group["name"] == "story" and group["documents"] == 4
        assert group["pivot_document_id"] == outcomes[0].document_id
        summaries = store.stats.document_summaries()
        assert [s.encoding for s in summaries] == ["utf-8"] * 4
        assert sum(s.sentences + s.boilerplate for s in summaries) == sum(o.sentences + o.boilerplate for o in outcomes)


def test_reimport_of_the_same_bytes_is_skipped(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    first = import_files(project, [seeds["000"]])
    copy = tmp_path / "renamed-copy.txt"
    copy.write_bytes(seeds["000"].read_bytes())
    again = import_files(project, [seeds["000"], copy, seeds["001"]])
    assert [o.skipped for o in again] == [True, True, False]
    assert again[0].document_id == again[1].document_id == first[0].document_id
    with Store.open(project, readonly=True) as store:
        assert len(store.stats.document_summaries()) == 2


def test_bad_file_anywhere_in_the_batch_writes_nothing(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="bad.txt: is a PNG image"):
        import_files(project, [seeds["000"], bad])
    assert not project.exists()  # not even created
    import_files(project, [seeds["001"]])
    before = project.read_bytes()
    with pytest.raises(InputError):
        import_files(project, [seeds["000"], bad])
    with Store.open(project, readonly=True) as store:
        assert [s.source_path for s in store.stats.document_summaries()] == [str(seeds["001"])]
    assert hashlib.sha256(project.read_bytes()).digest() == hashlib.sha256(before).digest()


def test_jsonl_documents_go_to_their_groups(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [{"text": "Erste Geschichte über den Konvoi.", "group": "convoy", "lang": "de"},
             {"text": "First story about the convoy.", "group": "convoy"},
             {"text": "Une autre histoire sans groupe."}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    project = tmp_path / "p.sqlite"
    outcomes = import_files(project, [path])
    assert [o.group for o in outcomes] == ["convoy", "convoy", "docs"]
    assert [o.lang for o in outcomes] == ["de", "en", "fr"]
    outcomes = import_files(tmp_path / "q.sqlite", [path], group="forced")
    assert {o.group for o in outcomes} == {"forced"}


def test_cancel_before_storing_writes_nothing(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    seen = []
    with pytest.raises(ImportCancelled, match="nothing was written"):
        import_files(project, list(seeds.values()), progress=lambda done, total, name: seen.append(done),
                     cancelled=lambda: len(seen) >= 2)
    assert not project.exists()
    assert seen == [0, 1]


def test_sentences_keep_exact_offsets_in_the_store(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        for summary in store.stats.document_summaries():
            text = store.documents.text(summary.id)
            for sentence in store.documents.sentences(summary.id):
                assert text[sentence.start:sentence.end] == sentence.text
