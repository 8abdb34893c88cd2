"""A manual link that makes the view hold a machine link off the rows removes that machine link in
the same transaction, so the project stores (and exports) what the view shows; undo puts it back
(core/session/alignment.py, replace_links)."""

from __future__ import annotations

from annotator.core.align.stored_layout import group_layout
from annotator.core.session import actions
from tests.session.test_actions import session, state, _aligned_template  # noqa: F401 (fixtures)


def _chain_making_pair(layout, columns):
    """Sentences a (document A) and c (document C) whose manual link would chain a row holding a
    machine-linked cell of A and of B to a far row holding C and another sentence of B."""
    rows = layout.rows
    for i, first in enumerate(rows):
        a_cell, b_cell = first.cells[columns[0]], first.cells[columns[1]]
        if not (a_cell.sentence_ids and b_cell.sentence_ids):
            continue
        for j in range(i + 4, len(rows)):
            b_far, c_cell = rows[j].cells[columns[1]], rows[j].cells[columns[2]]
            if b_far.sentence_ids and c_cell.sentence_ids and not rows[j].cells[columns[0]].sentence_ids:
                return a_cell.sentence_ids[0], c_cell.sentence_ids[0]
    return None


def test_a_manual_link_removes_the_machine_links_it_pushes_off_the_rows_and_undo_restores_them(session):
    store = session._store
    group = store.documents.group_id("seeds")
    layout = group_layout(store, group)
    assert layout.held_out == []  # aligned: every stored link is shown
    found = None
    for columns in [(x, y, z) for x in range(4) for y in range(4) for z in range(4) if len({x, y, z}) == 3]:
        found = _chain_making_pair(layout, columns)
        if found:
            break
    assert found, "the aligned seeds have rows to chain"
    before = state(session)
    machine_before = {link.id for link in session.machine_links(group)}

    action = actions.LinkSentences(session, [found[0]], [found[1]])
    action.do()
    assert action.displaced, "the chain holds a machine link out"
    assert all(link.origin == "machine" for link in action.displaced)
    assert group_layout(store, group).held_out == []  # stored = shown
    assert not {link.id for link in action.displaced} & {link.id for link in session.machine_links(group)}
    assert {link.id for link in session.machine_links(group)} < machine_before

    action.undo()
    assert state(session) == before
    action.do()  # redo: the same links go again
    assert group_layout(store, group).held_out == []
    assert state(session) != before



def test_annotator_link_says_which_machine_links_it_removed(_aligned_template, tmp_path):
    import shutil

    from click.testing import CliRunner

    from annotator.cli import main
    from annotator.core.store import Store

    path = tmp_path / "p.sqlite"
    shutil.copyfile(_aligned_template, path)
    with Store.open(path, readonly=True) as store:
        layout = group_layout(store, store.documents.group_id("seeds"))
    found = next(filter(None, (_chain_making_pair(layout, (x, y, z)) for x in range(4) for y in range(4)
                               for z in range(4) if len({x, y, z}) == 3)))
    result = CliRunner().invoke(main, ["link", str(path), str(found[0]), "--to", str(found[1])])
    assert result.exit_code == 0, result.output
    assert "(manual); " in result.output and "it kept off the rows removed" in result.output
    with Store.open(path, readonly=True) as store:
        assert group_layout(store, store.documents.group_id("seeds")).held_out == []
