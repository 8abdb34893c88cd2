"""The view's keys (core/session/keymap.py), each wired to the main window's controller that does
the work: kept apart from the window, which is a shell."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt


def connect_view(window) -> None:
    """The view's signals, each to its controller."""
    view, labeling, corrections = window.view, window.labeling, window.corrections
    alignment, suggestions = window.alignment, window.suggestions
    for signal, slot in (
            (view.labelKeyPressed, labeling.toggle_label_key), (view.clearPressed, labeling.clear_labels),
            (view.noteRequested, labeling.edit_note), (view.acceptRequested, labeling.accept_suggestions),
            (view.chipClicked, labeling.remove_label), (view.labelMenuRequested, labeling.label_menu),
            (view.sentenceChanged, window.show_detail), (view.sentenceChanged, window.searching.annotator_moved),
            (view.markRequested, alignment.mark_sentence), (view.confirmRequested, alignment.toggle_confirmed),
            (view.nextUncertainRowRequested, alignment.next_uncertain_row),
            (view.rejectWeakestRequested, alignment.reject_weakest_link),
            (view.acceptModelRequested, suggestions.accept_model_suggestions),
            (view.uncertainRequested, suggestions.next_uncertain), (view.likelyRequested, suggestions.next_likely),
            (view.boilerplateRequested, corrections.toggle_boilerplate),
            (view.splitRequested, corrections.split_sentence), (view.mergeNextRequested, corrections.merge_with_next),
            (view.relationPrefix, window.relations.await_type), (view.relationRequested, window.relations.relate_marked),
            (view.unrelateRequested, window.relations.unrelate_current), (window.detail.anchorClicked, window.relations.open_link),
            (view.markRequested, window.relations.mark_span)):  # (after alignment's: it may unmark)
        signal.connect(slot)
    view.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.horizontalHeader().customContextMenuRequested.connect(window.columns.header_menu)
    view.likelyPrefix.connect(lambda: window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "Next likely label: press its key (1 … 9)."), 3000))
