"""The navigator: groups, documents and their labeled share, read lazily and counted off the
UI thread."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from annotator.core.store import Store  # noqa: E402
from annotator.ui import navigator as navigator_module  # noqa: E402
from annotator.ui.navigator import DOCUMENT_ROLE, GROUP_ROLE  # noqa: E402


def entries(model, group_row=0) -> list[str]:
    return [model.text(group_row, r) for r in range(model.rowCount(model.index(group_row, 0)))]


def test_navigator_shows_progress_after_labeling(qtbot, window):
    model = window.navigator.model()

    def pivot_entry():
        return next(e for e in entries(model) if e.endswith("Russia: US Directly Supports ISIL Terrorists in Syria"))

    qtbot.waitUntil(lambda: pivot_entry().startswith("0% · en · "), timeout=5000)  # counted in the background
    row = next(r for r, e in enumerate(entries(model)) if e == pivot_entry())
    pivot = model.index(row, 0, model.index(0, 0))
    sentences = int(model.data(pivot, navigator_module._TOOLTIP).split(", ")[1].split()[0])
    qtbot.keyClick(window.view, "1")
    expected = f"{100 / sentences:.0f}% · en · "
    qtbot.waitUntil(lambda: pivot_entry().startswith(expected), timeout=5000)


def test_the_progress_stays_in_sight_in_a_narrow_panel(qtbot, window):
    """The figures came after the title, and a 250-pixel panel elided them away."""
    from PySide6.QtCore import Qt

    model, tree = window.navigator.model(), window.navigator
    qtbot.waitUntil(lambda: not model.counting() and all("%" in e for e in entries(model)), timeout=5000)
    for text in entries(model):
        seen = tree.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 160)
        assert "%" in seen, seen


def test_the_counts_are_the_stores(qtbot, window, aligned_project):
    model = window.navigator.model()
    qtbot.waitUntil(lambda: not model.counting() and not any(e.startswith("…") for e in entries(model)), timeout=5000)
    with Store.open(aligned_project, readonly=True) as store:
        summaries = store.stats.document_summaries()
    shown = entries(model)
    assert len(shown) == len(summaries) == 4
    group = model.index(0, 0)
    for row, (text, summary) in enumerate(zip(shown, summaries)):
        assert text == f"{100 * summary.labeled / summary.sentences:.0f}% · {summary.lang} · {summary.title}"
        assert f", {summary.sentences} sentences, " in model.data(model.index(row, 0, group), navigator_module._TOOLTIP)
    group = model.index(0, 0)
    assert model.data(group, GROUP_ROLE) == 1 and model.data(group).endswith("(4 documents)")
    assert [model.data(model.index(r, 0, group), DOCUMENT_ROLE) for r in range(4)] == [s.id for s in summaries]


def many_groups(path, count: int) -> None:
    """`count` groups of two short documents each (written through the store)."""
    import json

    from annotator.core.store.connection import now

    with Store.open(path) as store, store.transaction():
        for g in range(count):
            for d in range(2):
                text = f"Story {g} sentence one. Story {g} sentence two."
                row = dict(title=f"story {g}.{d}", source_path=f"s{g}.{d}", format="text", sha256=f"{g:032d}{d:032d}",
                           encoding="utf-8", lang="en", lang_source="given", external_id=None,
                           metadata=json.dumps({}), text=text, imported_at=now())
                store.documents.insert(f"group {g:04d}", row, [(0, len(text), "en", "given", None)],
                                       [(0, 0, 24, text[:24], "en", 0, None), (0, 25, len(text), text[25:], "en", 0, None)])


def test_a_large_project_reads_only_the_groups_it_shows(qtbot, window, tmp_path, monkeypatch):
    project = tmp_path / "many.sqlite"
    many_groups(project, navigator_module.EXPAND_ALL_UP_TO + 50)
    asked = []
    real = navigator_module.document_summaries_of
    monkeypatch.setattr(navigator_module, "document_summaries_of",
                        lambda path, ids: asked.append(list(ids)) or real(path, ids))
    assert window.open_project(project)
    model = window.navigator.model()
    assert model.rowCount() == navigator_module.EXPAND_ALL_UP_TO + 50
    qtbot.waitUntil(lambda: bool(asked) and not model.counting(), timeout=5000)
    # only the open group is expanded: its two documents are the only ones read and counted
    assert len(model._documents) == 1 and sorted(i for ids in asked for i in ids) == [1, 2]
    assert entries(model) == ["0% · en · story 0.0", "0% · en · story 0.1"]
    # a group opened from the navigator is expanded and counted when shown
    last = model.index(model.rowCount() - 1, 0)
    window.navigator.expand(last)
    qtbot.waitUntil(lambda: not any(e.startswith("…") for e in entries(model, model.rowCount() - 1)), timeout=5000)
    assert entries(model, model.rowCount() - 1)[0] == f"0% · en · story {model.rowCount() - 1}.0"


def test_the_model_is_a_sound_tree(qtbot, window, qtmodeltester):
    qtmodeltester.check(window.navigator.model())
