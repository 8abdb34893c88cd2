"""Opening a project runs no sqlite-utils plugins: looking for them scanned every installed
package's metadata on each open (tens of milliseconds of the app's start), and a third party's
hook has no business on a project's connection."""

from __future__ import annotations

import sqlite_utils.plugins

from annotator.core.store import Store


def test_opening_a_project_does_not_look_for_sqlite_utils_plugins(tmp_path, monkeypatch):
    looked = []
    monkeypatch.setattr(sqlite_utils.plugins, "_plugins_loaded", False)
    monkeypatch.setattr(sqlite_utils.plugins.pm, "load_setuptools_entrypoints", looked.append)
    calls = []
    monkeypatch.setattr(sqlite_utils.plugins.pm.hook, "prepare_connection", lambda **kw: calls.append(kw))
    with Store.open(tmp_path / "p.sqlite") as store:
        store.scheme.labels()
    with Store.open(tmp_path / "p.sqlite", readonly=True):
        pass
    assert looked == [] and calls == []
