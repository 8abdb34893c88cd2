"""The main window's menus, in one place: each entry calls a controller (ui/controllers/) or
the window; the key of an entry comes from the key map (core/session/keymap.py), and an entry
whose action has a key in the table names it ("Split sentence… (S)")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence, QShortcut

from annotator.core.session import keymap
from annotator.core.session.keymap import key_hint
from annotator.ui.aligned.zoom import Zoom, add_zoom_entries

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


def hinted(text: str, action: str) -> str:
    """A menu entry's text naming the view key of its action: "Split sentence… (S)"."""
    return f"{text} ({key_hint(action)})"


def keys(action: str) -> list[QKeySequence]:
    """The window shortcuts of an action, from the key map."""
    return [QKeySequence(key) for key in keymap.shortcuts(action)]


def build_menus(window: "MainWindow") -> None:
    def entry(text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, window)
        if shortcut is not None:  # one key sequence, or a list of them (the key map's)
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.triggered.connect(slot)
        return action

    labeling, corrections, alignment = window.labeling, window.corrections, window.alignment
    review, suggestions, files, team = window.review, window.suggestions, window.import_export, window.team
    bar = window.menuBar()

    file_menu = bar.addMenu("&File")
    file_menu.addAction(entry("&New project…", window.new_project, QKeySequence.StandardKey.New))
    file_menu.addAction(entry("&Open project…", window.choose_project, QKeySequence.StandardKey.Open))
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(window.fill_recent)
    file_menu.addSeparator()
    file_menu.addAction(entry("&Import files…", files.choose_imports, QKeySequence("Ctrl+I")))
    export_menu = file_menu.addMenu("&Export")
    export_menu.addAction(entry("as &CSV…", lambda: files.choose_export("csv")))
    export_menu.addAction(entry("as &JSONL…", lambda: files.choose_export("jsonl")))
    export_menu.addAction(entry("aligned &pairs (TSV)…", lambda: files.choose_export("pairs")))
    export_menu.addAction(entry("aligned pairs as &TMX…", lambda: files.choose_export("tmx")))
    file_menu.addSeparator()
    file_menu.addAction(entry("&Quit", window.close, QKeySequence.StandardKey.Quit))

    edit_menu = bar.addMenu("&Edit")
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(keys("undo"))
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(keys("redo"))
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addAction(entry("&Label scheme…", labeling.edit_scheme))
    edit_menu.addAction(entry(hinted("Mark or unmark &boilerplate", "toggle_boilerplate"),
                              lambda: corrections.toggle_boilerplate()))
    edit_menu.addAction(entry(hinted("&Split sentence…", "split_sentence"), corrections.split_sentence))
    edit_menu.addAction(entry(hinted("&Merge sentence with the next", "merge_with_next"), corrections.merge_with_next))
    edit_menu.addAction(entry("Sentence la&nguage…", lambda: corrections.choose_language("sentence")))
    edit_menu.addAction(entry("Paragraph lan&guage…", lambda: corrections.choose_language("paragraph")))
    edit_menu.addAction(entry("&Find…", window.finding.focus, keys("find")))
    edit_menu.addAction(entry("&Rename group…", lambda: corrections.rename_group(), keys("rename_group")))

    view_menu = bar.addMenu("&View")
    window.boilerplate_action = entry("Show &boilerplate", window.reload_group)
    window.boilerplate_action.setCheckable(True)
    view_menu.addAction(window.boilerplate_action)
    columns_menu = view_menu.addMenu("&Columns")  # (also the column header's context menu)
    columns_menu.aboutToShow.connect(lambda: window.columns.fill_menu(columns_menu))
    window.columns_menu = columns_menu
    view_menu.addSeparator()
    window.zoom = Zoom(window.view, window.settings)
    add_zoom_entries(view_menu, window.zoom)

    review_menu = bar.addMenu("&Review")
    review_menu.addAction(entry("Mark this &document done (the rest: no label applies)", labeling.mark_done))
    review_menu.addAction(entry("&Agreement…", review.show_agreement))
    review_menu.addAction(entry("&Merge annotators' projects into this one…", team.choose_merge))
    review_menu.addAction(entry("Team &progress (a folder of returned packages)…", team.choose_progress))
    review_menu.addSeparator()
    review_menu.addAction(entry("&Next disagreement", lambda: review.next_disagreement(1), keys("next_disagreement")))
    review_menu.addAction(entry("&Previous disagreement", lambda: review.next_disagreement(-1),
                                keys("previous_disagreement")))
    # one entry per judge of the sentence under the cursor, by name (Alt+k works without the menu)
    review.gold_menu = review_menu.addMenu("Accept a judge's choice into &gold")
    review.gold_menu.aboutToShow.connect(review.fill_gold_menu)
    for k, (choice, candidate) in enumerate(zip(keys("accept_choice"), keys("link_candidate")), start=1):
        QShortcut(choice, window, lambda k=k: review.accept_choice(k))
        QShortcut(candidate, window, lambda k=k: alignment.link_candidate(k))

    suggest_menu = bar.addMenu("S&uggest")
    suggest_menu.addAction(entry(hinted("&Accept the model's suggestions", "accept_model_suggestions"),
                                 suggestions.accept_model_suggestions))
    suggest_menu.addAction(entry(hinted("Next most &uncertain sentence", "next_uncertain"), suggestions.next_uncertain))
    likely_menu = suggest_menu.addMenu(f"Next &likely label ({key_hint('next_likely')}, then its key)")
    likely_menu.aboutToShow.connect(lambda: suggestions.fill_likely_menu(likely_menu))
    suggest_menu.addSeparator()
    suggest_menu.addAction(entry("&Train the model now", suggestions.retrain, keys("train_model")))
    suggest_menu.addAction(entry("Model &report…", suggestions.show_model_report))

    align_menu = bar.addMenu("&Align")
    align_menu.addAction(entry(hinted("&Mark sentence to link", "mark_sentence"), alignment.mark_sentence))
    align_menu.addAction(entry("&Link marked sentence with this one", alignment.link_marked, keys("link_marked")))
    align_menu.addAction(entry("&Unlink this sentence", alignment.unlink_current, keys("unlink")))
    align_menu.addAction(entry(hinted("&Confirm this row's alignment, or take it back", "toggle_confirmed"),
                               alignment.toggle_confirmed))
    align_menu.addAction(entry(hinted("Next uncertain ro&w", "next_uncertain_row"), alignment.next_uncertain_row))
    align_menu.addAction(entry(hinted("Re&ject this row's weakest link", "reject_weakest_link"),
                               alignment.reject_weakest_link))
    align_menu.addAction(entry("&Merge this row with the next", lambda: alignment.change_row("merge"),
                               keys("merge_rows")))
    align_menu.addAction(entry("&Split this row sentence by sentence", lambda: alignment.change_row("split"),
                               keys("split_row")))
    align_menu.addSeparator()
    align_menu.addAction(entry("&Re-align group (keeps manual links)", alignment.realign_group,
                               keys("realign_group")))

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(entry("&Keys…", window.show_keys, keys("show_keys")))
