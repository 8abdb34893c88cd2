"""What an import leaves to align: one rule, asked by the command line and by the app."""

from annotator.core.session import Session
from annotator.core.session.importing import groups_to_align, import_files, imported_groups
from annotator.core.store import Store


def test_the_groups_an_import_leaves_to_align_hold_two_documents_or_more(tmp_path, seeds):
    project = tmp_path / "p.sqlite"
    import_files(project, [seeds["000"]], group="alone")
    outcomes = import_files(project, [seeds["001"], seeds["002"], seeds["000"]], group="pair")
    outcomes += import_files(project, [seeds["000"]], group="alone")  # held already: skipped
    assert imported_groups(outcomes) == ["pair"]
    with Store.open(project) as store:
        assert groups_to_align(store, ["alone", "pair", "pair"]) == ["pair"]
        pair = store.documents.group_id("pair")
    session = Session.open(project, "tester")
    try:
        assert session.groups_to_align_after(outcomes) == [pair]
    finally:
        session.close()
