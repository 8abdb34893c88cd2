"""Closing the window while a background job runs (import, re-align, export, merge, team progress,
the model's training, the navigator's counts) cancels the job and waits for its thread: no error
box after the window, no job left running, and the project as a cancelled job leaves it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox  # noqa: E402

from annotator.core.session import Session  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui import dialogs  # noqa: E402


def started_on_cancel(work, running: threading.Event):
    """The work, held until it is cancelled (the window closes meanwhile), then run as it is:
    the job is surely running when the window closes, and meets its cancel at its first check."""
    def run(progress, cancelled):
        running.set()
        deadline = time.monotonic() + 30
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.005)
        return work(progress, cancelled)
    return run


def project_state(project):
    with Store.open(project, readonly=True) as store:
        return (sorted((tuple(link.source), tuple(link.target), link.origin) for link in store.links.in_group(1)),
                len(store.stats.document_summaries()),
                sorted((a.sentence_id, a.label, a.annotator) for a in store.annotations.all()))


def start_import(window, tmp_path, seeds, running, monkeypatch):
    extra = tmp_path / "extra.md"
    extra.write_text("# Les photos étaient fausses\n\nLe ministère russe a supprimé les photos.\n", encoding="utf-8")
    real = window.session.import_work
    monkeypatch.setattr(window.session, "import_work", lambda paths, group: started_on_cancel(real(paths, group),
                                                                                               running))
    window.import_export.import_paths([str(extra)])
    return window.job


def start_realign(window, tmp_path, seeds, running, monkeypatch):
    real = window.session.realign_work
    monkeypatch.setattr(window.session, "realign_work", lambda group, method="auto": started_on_cancel(real(group, method),
                                                                                          running))
    window.alignment.realign_group()
    return window.job


def start_merge(window, tmp_path, seeds, running, monkeypatch):
    other = tmp_path / "other.sqlite"
    shutil.copyfile(window.session.path, other)
    session = Session.open(other, "other annotator")
    try:
        session.set_label(session.layout(1).rows[0].sentence_ids()[0], session.labels[0].name, True)
    finally:
        session.close()
    real = window.session.merge_work
    monkeypatch.setattr(window.session, "merge_work", lambda paths: started_on_cancel(real(paths), running))
    window.team.merge_paths([str(other)])
    return window.job


def start_team_progress(window, tmp_path, seeds, running, monkeypatch):
    import annotator.core.session as session_module

    folder = tmp_path / "returned"
    folder.mkdir()
    shutil.copyfile(window.session.path, folder / "package.sqlite")
    real = session_module.team_progress_work
    monkeypatch.setattr(session_module, "team_progress_work", lambda paths: started_on_cancel(real(paths), running))
    window.team.show_progress(str(folder))
    return window.job


def start_training(window, tmp_path, seeds, running, monkeypatch):
    real = window.session.train_work
    monkeypatch.setattr(window.session, "train_work", lambda: started_on_cancel(real(), running))
    window.suggestions.retrain()
    return window.suggestions.training


def start_export(window, tmp_path, seeds, running, monkeypatch):
    """An export cannot be cancelled half-way: the window waits for it to end."""
    import annotator.core.dataset.export as export_module

    real = export_module.export

    def slow_export(*args, **kwargs):
        running.set()
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_module, "export", slow_export)
    window.import_export.export_to("csv", str(tmp_path / "out.csv"))
    return window.job


def start_counts(window, tmp_path, seeds, running, monkeypatch):
    """The navigator's counts (a read that cannot be cancelled half-way: waited for)."""
    import annotator.ui.navigator as navigator_module

    real = navigator_module.document_summaries_of

    def slow_counts(path, ids):
        running.set()
        time.sleep(0.3)
        return real(path, ids)

    monkeypatch.setattr(navigator_module, "document_summaries_of", slow_counts)
    model = window.navigator.model()
    while model.counting():  # the counts of the first paint, done first
        QApplication.processEvents()
    window.navigator.recount()
    deadline = time.monotonic() + 10
    while model._job is None and time.monotonic() < deadline:
        QApplication.processEvents()
    return model._job


JOBS = {"import": start_import, "realign": start_realign, "merge": start_merge, "team progress": start_team_progress,
        "training": start_training, "export": start_export, "navigator counts": start_counts}


@pytest.mark.parametrize("kind", list(JOBS))
def test_closing_the_window_during_a_job_cancels_it_quietly(qtbot, window, aligned_project, tmp_path, seeds,
                                                            monkeypatch, kind):
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    before = project_state(aligned_project)
    running = threading.Event()
    job = JOBS[kind](window, tmp_path, seeds, running, monkeypatch)
    assert job is not None and running.wait(10)
    started = time.monotonic()
    window.close()
    took, ended = time.monotonic() - started, job.ended.is_set()
    qtbot.wait(300)  # what the job had queued for the window arrives now
    assert errors == []
    assert ended, "the job's thread still ran once the window had closed"
    assert took < 5
    assert window.session is None and not getattr(window, "jobs_left", False)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, (QMessageBox, QDialog)) and w.isVisible()]
    assert getattr(window, "progress_dialog", None) is None  # (team progress: no report after the window)
    assert project_state(aligned_project) == before  # cancelled: nothing changed
    if kind == "export":  # not cancellable: finished, whole, no temporary file left
        assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") > 40
        assert not list(tmp_path.glob(".out.csv.*"))


def test_a_job_that_ignores_its_cancel_does_not_hold_the_window(qtbot, window, aligned_project, monkeypatch):
    """Waited for a bounded time; the project stays open (its lock held: the job writes under
    it) until app.run ends the process."""
    import annotator.ui.main_window as main_window
    from annotator.ui.jobs import run_with_progress

    monkeypatch.setattr(main_window, "CLOSE_WAIT_SECONDS", 0.3, raising=False)
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    release, running = threading.Event(), threading.Event()

    def stuck(progress, cancelled):
        running.set()
        return release.wait(8)

    job = window.job = run_with_progress(window, "Stuck…", stuck,
                                         lambda result: errors.append("done called"), window.show_error)
    assert running.wait(5)  # a job abandoned before its thread starts never runs (under xcb it starts later)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 3
    assert window.jobs_left and window.session is not None
    release.set()
    assert job.ended.wait(10)
    qtbot.wait(200)
    assert errors == []
    window.session.close()  # (what the end of the process does)


@pytest.mark.slow
def test_the_app_exits_at_once_when_a_job_ignores_its_cancel(aligned_project, tmp_path):
    """The real app: a job stuck in its work when the window closes; the process exits 0 in seconds
    (Qt would otherwise wait for the job's thread at exit)."""
    script = textwrap.dedent(f"""
        import sys, threading
        from annotator.ui import app, main_window
        from annotator.ui.jobs import run_with_progress
        main_window.CLOSE_WAIT_SECONDS = 0.5
        stuck = threading.Event()
        real_open = main_window.MainWindow.open_project
        def open_project(self, path):
            opened = real_open(self, path)
            self.job = run_with_progress(self, "Stuck…", lambda progress, cancelled: stuck.wait(),
                                         lambda result: None, self.show_error)
            return opened
        main_window.MainWindow.open_project = open_project
        sys.exit(app.run({str(aligned_project)!r}, "tester", quit_after_load=True,
                         settings_file={str(tmp_path / "settings.ini")!r}))
    """)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
