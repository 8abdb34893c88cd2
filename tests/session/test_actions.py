"""Every undoable action, headless: do, undo, redo and undo again, the project compared with its
state before and after each time (core/session/actions.py; the app's undo stack runs the same
objects). Times and row ids a redo makes anew are left out of the comparison."""

from __future__ import annotations

import shutil

import pytest

from annotator.core.align.group import align_group
from annotator.core.session import SchemeRow, Session
from annotator.core.session import actions
from annotator.core.store import Store

_TIMES = {"created_at", "imported_at", "merged_at"}


@pytest.fixture(scope="module")
def _aligned_template(_demo_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("aligned") / "aligned.sqlite"
    shutil.copyfile(_demo_template, path)
    with Store.open(path) as store:
        align_group(store, "seeds")
    return path


@pytest.fixture
def session(_aligned_template, tmp_path):
    path = tmp_path / "p.sqlite"
    shutil.copyfile(_aligned_template, path)
    session = Session.open(path, "tester")
    yield session
    session.close()


def state(session: Session) -> dict[str, list]:
    """What the project holds, comparable across a redo: links by their sentences, not their ids;
    not the kept layouts and vectors (caches, computed again) nor the annotators' names (registered
    by a first action, kept), nor the history (append-only: an undo adds its own events)."""
    conn = session._store.db.conn
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                " AND name NOT LIKE 'sqlite_%' AND name NOT IN ('layouts', 'embeddings', 'annotators', 'events',"
                                                " 'vector_codes', 'vector_codes_state')")]
    found = {}
    for table in tables:
        columns = [c for (_, c, *_) in conn.execute(f"PRAGMA table_info('{table}')")
                   if c not in _TIMES and c != "layout_version"
                   and not (c == "id" and table in ("links", "annotations"))
                   and not (c == "link_id" and table == "link_sentences")]
        found[table] = sorted(map(repr, conn.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM {table}")))
    found["links"] = sorted(repr(row) for row in conn.execute(
        "SELECT l.group_id, l.score, l.origin, group_concat(s.sentence_id || ':' || s.side)"
        " FROM links l JOIN link_sentences s ON s.link_id = l.id GROUP BY l.id"))
    return found


def commits(session: Session, step) -> int:
    """How many transactions `step` committed."""
    statements: list[str] = []
    conn = session._store.db.conn
    conn.set_trace_callback(statements.append)
    try:
        step()
    finally:
        conn.set_trace_callback(None)
    return sum(1 for s in statements if s.strip().upper().startswith("COMMIT"))


def check(session: Session, action: actions.Action) -> None:
    before = state(session)
    assert commits(session, action.do) == 1  # each side: one transaction
    after = state(session)
    assert after != before
    assert commits(session, action.undo) == 1
    assert state(session) == before
    assert commits(session, action.redo) == 1
    assert state(session) == after
    action.undo()
    assert state(session) == before


def _content(session: Session, document_id: int) -> list[int]:
    return [s.id for s in session._store.documents.sentences(document_id) if not s.boilerplate]


def _machine_link(session: Session):
    return session.machine_links(session.group_id("seeds"))[0]


def test_set_label(session):
    check(session, actions.SetLabel(session, _content(session, 1)[0], "claim", True))


def test_remove_label(session):
    sentence = _content(session, 1)[0]
    session.set_label(sentence, "claim", True)
    check(session, actions.SetLabel(session, sentence, "claim", False))


def test_clear_labels(session):
    sentence = _content(session, 1)[1]
    session.set_label(sentence, "claim", True, note="why")
    session.set_label(sentence, "attribution", True)
    check(session, actions.ClearLabels(session, sentence))


def test_set_note_on_every_label_in_one_commit(session):
    sentence = _content(session, 1)[2]
    session.set_label(sentence, "claim", True)
    session.set_label(sentence, "correction", True, note="first")
    check(session, actions.SetNote(session, sentence, "second thoughts"))


def test_set_judgement_note(session):
    sentence = _content(session, 2)[0]
    session.clear(sentence)  # judged: no label applies
    check(session, actions.SetJudgementNote(session, sentence, "nothing to see"))


def test_mark_done(session):
    session.set_label(_content(session, 3)[0], "claim", True)
    check(session, actions.MarkDone(session, 3))


def test_set_gold(session):
    check(session, actions.SetGold(session, _content(session, 1)[3], ["claim", "attribution"]))


def test_edit_scheme(session):
    rows = session.scheme_rows()
    rows[0] = SchemeRow(rows[0].id, "assertion", rows[0].key, rows[0].color, rows[0].description)
    rows.append(SchemeRow(None, "quote", "4", "#336699", "a quotation"))
    check(session, actions.EditScheme(session, rows))


def test_link_sentences(session):
    check(session, actions.LinkSentences(session, [_content(session, 1)[-1]], [_content(session, 2)[-1]]))


def test_unlink_sentence(session):
    link = _machine_link(session)
    check(session, actions.UnlinkSentence(session, link.source[0]))


def test_reject_link(session):
    check(session, actions.RejectLink(session, _machine_link(session).id))


def test_replace_links(session):
    link = _machine_link(session)
    add = [([link.source[0]], [link.target[0]], None, "manual")]
    check(session, actions.ReplaceLinks(session, "split rows", [link.id], add))


def test_set_language(session):
    check(session, actions.SetLanguage(session, _content(session, 1)[0], "fr", "paragraph"))


def test_mark_boilerplate(session):
    check(session, actions.MarkBoilerplate(session, [_machine_link(session).source[0]], True))


def test_confirm_and_unconfirm_a_row(session):
    link = _machine_link(session)
    ids = [*link.source, *link.target]
    check(session, actions.ConfirmRow(session, ids, True))
    session.confirm(ids)
    check(session, actions.ConfirmRow(session, ids, False))


def test_split_and_merge_sentences(session):
    texts = {s.id: s.text for s in session._store.documents.sentences(2)}
    sentence = next(i for i in _content(session, 2) if len(texts[i]) > 30)  # room on both sides of offset 10
    check(session, actions.Resegment(session, sentence, 10))
    session.split_sentence(sentence, 10)  # two sentences of one paragraph, to merge
    check(session, actions.Resegment(session, sentence, None))


def test_remove_label_with_its_note_and_undo_brings_the_note_back(session):
    sentence = _content(session, 1)[0]
    session.set_label(sentence, "claim", True, note="why")
    check(session, actions.SetLabel(session, sentence, "claim", False))


def test_a_note_on_a_label_already_there_and_its_undo(session):
    """The CLI's `label --note` on a sentence that has the label: only the note changes, and
    undo puts the old note back (the label stays)."""
    sentence = _content(session, 1)[0]
    session.set_label(sentence, "claim", True, note="first")
    action = actions.SetLabel(session, sentence, "claim", True, note="second")
    check(session, action)
    assert action.change.outcome == "note" and action.change.previous_note == "first"


def test_a_label_by_key_as_the_cli_gives_it(session):
    key = next(label for label in session.labels if label.key).key
    action = actions.SetLabel(session, _content(session, 1)[0], key, True)
    check(session, action)
    assert action.change.label == next(label.name for label in session.labels if label.key == key)


def test_undo_of_a_first_label_knows_the_sentence_was_unjudged_from_the_write_itself(session):
    """The judgement before the label is read by the write's own statement (one transaction, no
    read before it): undo takes the judgement back with the label."""
    sentence = _content(session, 1)[1]
    action = actions.SetLabel(session, sentence, "claim", True)
    statements: list[str] = []
    session._store.db.conn.set_trace_callback(statements.append)
    try:
        action.do()
    finally:
        session._store.db.conn.set_trace_callback(None)
    assert statements[0].startswith("BEGIN") and statements[-1] == "COMMIT"
    assert action.change.was_judged is False
    action.undo()
    assert not session.is_judged(sentence)


@pytest.mark.parametrize("make", [
    lambda s, i: actions.SetLabel(s, i, "claim", True),
    lambda s, i: actions.ClearLabels(s, i),
    lambda s, i: actions.SetJudgementNote(s, i, "a note"),
    lambda s, i: actions.SetGold(s, i, ["claim"]),
    lambda s, i: actions.SetLanguage(s, i, "pt", "sentence"),
], ids=["label", "no label", "note", "gold", "sentence language"])
def test_actions_that_change_no_link_or_sentence_repaint_their_rows_only(session, make):
    sentence = _content(session, 1)[2]
    action = make(session, sentence)
    for changes in (action.do(), action.undo(), action.redo()):
        assert not changes.layout and sentence in changes.sentences


def test_confirming_a_row_repaints_its_mark_only(session):
    link = _machine_link(session)
    ids = [*link.source, *link.target]
    confirm = actions.ConfirmRow(session, ids, True)
    done = confirm.do()
    assert not done.layout and done.confirmed == frozenset(ids) and not done.unconfirmed
    undone = confirm.undo()
    assert not undone.layout and undone.unconfirmed == frozenset(ids)
    taken_back = actions.ConfirmRow(session, ids, False)
    session.confirm(ids)
    assert taken_back.do().unconfirmed == frozenset(ids) and taken_back.undo().confirmed == frozenset(ids)


def test_a_documents_language_and_a_link_lay_the_group_out_again(session):
    sentence = _content(session, 1)[0]
    assert actions.SetLanguage(session, sentence, "pt", "document").do().layout
    other = _content(session, 2)[0]
    assert actions.LinkSentences(session, [sentence], [other]).do().layout


def test_rename_group(session):
    group = session.group_id("seeds")
    action = actions.RenameGroup(session, group, "  Al-Bukamal, November 2017 ")
    check(session, action)
    assert action.old_name == "seeds" and session.group_name(group) == "seeds"
    assert action.redo().groups is True  # the navigator shows the names again
    assert session.group_name(group) == "Al-Bukamal, November 2017"


def test_a_refused_rename_changes_nothing(session):
    from annotator.errors import AnnotatorError

    before = state(session)
    with pytest.raises(AnnotatorError, match="number"):
        actions.RenameGroup(session, session.group_id("seeds"), "2017").do()
    assert state(session) == before
