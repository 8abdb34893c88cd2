"""The writer-first gate (store/write_gate.py) and the search index's catch-up that yields to
the annotator: a label never waits behind a queue of background transactions, and the catch-up
rests while keys are pressed."""

from __future__ import annotations

import threading
import time

from annotator.core.session import Session
from annotator.core.store import Store
from annotator.core.store.write_gate import WriteGate, Yielded


def _thread(target) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def test_a_waiting_foreground_writer_goes_before_the_next_background_transaction():
    gate, order = WriteGate(), []
    first_running, release_first = threading.Event(), threading.Event()

    def background(name, running=None, release=None):
        with gate.background():
            order.append(name)
            if running:
                running.set()
                release.wait(5)

    first = _thread(lambda: background("background 1", first_running, release_first))
    assert first_running.wait(5)

    def label():
        with gate.foreground():
            order.append("foreground")
            time.sleep(0.2)
    foreground = _thread(label)
    while not gate._foreground:  # the label is waiting for the running transaction
        time.sleep(0.001)
    second = _thread(lambda: background("background 2"))
    time.sleep(0.1)
    assert order == ["background 1"]  # neither begins while the first runs
    release_first.set()
    for thread in (first, foreground, second):
        thread.join(5)
    assert order == ["background 1", "foreground", "background 2"]


def test_a_background_transaction_waits_while_the_annotator_writes():
    gate, order = WriteGate(), []
    def job():
        with gate.background():
            order.append("background")
    with gate.foreground():
        waiting = _thread(job)
        time.sleep(0.2)
        assert order == []
    waiting.join(5)
    assert order == ["background"]


def test_wait_for_rest_returns_once_the_annotator_has_been_still_that_long():
    gate = WriteGate()  # opened: counts as the annotator's activity
    assert gate.wait_for_rest(0.2)
    assert gate.wait_for_rest(0)
    gate.touch()
    started = time.monotonic()
    assert gate.wait_for_rest(0.3)
    assert time.monotonic() - started >= 0.29
    gate.touch()
    assert not gate.wait_for_rest(60, cancelled=lambda: time.monotonic() - started > 0.5)  # cancelled: False


def test_a_label_waits_for_the_running_catch_up_transaction_not_for_sqlites_busy_handler(demo_project):
    """With SQLite's busy wait off, a label written while a yielding worker holds the write lock
    would fail at once ("database is locked"); the gate lets it wait for that commit instead."""
    with Store.open(demo_project) as store:
        store.db.execute("PRAGMA busy_timeout = 0")
        sentence_id = store.db.execute("SELECT min(id) FROM sentences").fetchone()[0]
        holding, done = threading.Event(), threading.Event()

        def job():
            with store.worker(yielding=True) as worker, worker.transaction():
                worker.db.execute("UPDATE search_indexed SET upto = upto")
                holding.set()
                time.sleep(0.3)
            done.set()
        thread = _thread(job)
        assert holding.wait(5)
        session = Session(store, "ann")
        session.set_label(sentence_id, session.labels[0].name, True)
        assert done.is_set()  # it began after the worker's commit
        thread.join(5)
        assert [a.label for a in store.annotations.of_sentence(sentence_id)] == [session.labels[0].name]


LONG_READ = ("SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
             " WHERE x < 200000000) SELECT x FROM c)")  # tens of seconds unless interrupted


def test_a_label_interrupts_an_interruptible_transaction_which_is_rolled_back(demo_project):
    """The catch-up's transaction may be redone later: a label does not wait for the rest of
    it (under load that is 100 ms and more), SQLite rolls it back and the job hears `Yielded`."""
    with Store.open(demo_project) as store:
        sentence_id = store.db.execute("SELECT min(id) FROM sentences").fetchone()[0]
        upto = store.db.execute("SELECT upto FROM search_indexed").fetchone()[0]
        holding, outcome = threading.Event(), []

        def job():
            with store.worker(yielding="interruptible") as worker:
                try:
                    with worker.transaction():
                        worker.db.execute("UPDATE search_indexed SET upto = upto + 1000")
                        holding.set()
                        worker.db.execute(LONG_READ).fetchone()
                    outcome.append("committed")
                except Yielded:
                    outcome.append("yielded")
        thread = _thread(job)
        assert holding.wait(5)
        time.sleep(0.05)  # the long read is running
        session = Session(store, "ann")
        started = time.monotonic()
        session.set_label(sentence_id, session.labels[0].name, True)
        waited = time.monotonic() - started
        thread.join(10)
        assert outcome == ["yielded"] and waited < 5
        assert store.db.execute("SELECT upto FROM search_indexed").fetchone()[0] == upto  # rolled back
        assert [a.label for a in store.annotations.of_sentence(sentence_id)] == [session.labels[0].name]


def test_a_yielding_worker_that_may_not_be_redone_is_waited_for_not_interrupted(demo_project):
    """The model's training writes its suggestions in chunks it does not redo: it is not stopped."""
    with Store.open(demo_project) as store:
        sentence_id = store.db.execute("SELECT min(id) FROM sentences").fetchone()[0]
        holding, outcome = threading.Event(), []

        def job():
            with store.worker(yielding=True) as worker, worker.transaction():
                holding.set()
                worker.db.execute(LONG_READ.replace("200000000", "2000000")).fetchone()
            outcome.append("committed")
        thread = _thread(job)
        assert holding.wait(5)
        session = Session(store, "ann")
        session.set_label(sentence_id, session.labels[0].name, True)
        assert outcome == ["committed"]
        thread.join(10)


def test_the_index_catch_up_rests_while_keys_are_pressed(demo_project):
    _unindex(demo_project)
    session = Session.open(demo_project, "ann")
    try:
        waiting = session.unindexed()
        assert waiting > 50
        result = []
        job = _thread(lambda: result.append(session.index_work(step=10, pause=0, rest=1.0)(
            lambda *a: None, lambda: False)))
        sentence_ids = [row[0] for row in session._store.db.execute("SELECT id FROM sentences ORDER BY id LIMIT 40")]
        pressed_until = time.monotonic() + 2.0
        for k, sentence_id in enumerate(sentence_ids * 100):  # a label, then a move, for two seconds
            if time.monotonic() > pressed_until:
                break
            if k % 2:
                session.annotator_active()
            else:
                session.set_label(sentence_id, session.labels[0].name, k % 4 == 0)
            time.sleep(0.05)
            assert session.unindexed() == waiting  # not a single transaction of the catch-up
        job.join(60)
        assert result == [waiting] and session.unindexed() == 0  # then, keys resting, all of it
    finally:
        session.close()


def _unindex(path) -> None:
    """The file as an older annotator left it: nothing in the search indexes yet."""
    import sqlite3
    conn = sqlite3.connect(path)
    with conn:
        for table in ("sentence_words", "sentence_trigrams"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
        conn.execute("UPDATE search_indexed SET upto = 0")
        conn.execute("DELETE FROM sentence_folds")
        conn.execute("DELETE FROM search_terms")
        conn.execute("UPDATE sentence_folds_state SET upto = 0")
    conn.close()
