"""The main window's menus, in one place: each entry calls a controller (ui/controllers/) or
the window; the key of an entry comes from the key map (core/session/keymap.py), and an entry
whose action has a key in the table names it ("Split sentence… (S)")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from annotator.core.session import keymap
from annotator.core.session.keymap import key_hint
from annotator.ui.aligned.zoom import Zoom, add_zoom_entries
from annotator.ui.align_methods import add_both_encoders_entry, add_refinement_toggle

from annotator.ui.i18n import add_language_menu
from annotator.ui.keys import native_keys

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


translate = QCoreApplication.translate


def hinted(text: str, action: str) -> str:
    """A menu entry's text naming the view key of its action: "Split sentence… (S)"."""
    return f"{text} ({native_keys(key_hint(action))})"


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

    file_menu = bar.addMenu(translate("Menus", "&File"))
    file_menu.addAction(entry(translate("Menus", "&New project…"), window.new_project, QKeySequence.StandardKey.New))
    file_menu.addAction(entry(translate("Menus", "&Open project…"),
                              window.choose_project, QKeySequence.StandardKey.Open))
    window.recent_menu = file_menu.addMenu(translate("Menus", "Open &recent"))
    window.recent_menu.aboutToShow.connect(window.fill_recent)
    file_menu.addSeparator()
    file_menu.addAction(entry(translate("Menus", "&Import files…"), files.choose_imports, QKeySequence("Ctrl+I")))
    export_menu = file_menu.addMenu(translate("Menus", "&Export"))
    export_menu.addAction(entry(translate("Menus", "as &CSV…"), lambda: files.choose_export("csv")))
    export_menu.addAction(entry(translate("Menus", "as &JSONL…"), lambda: files.choose_export("jsonl")))
    export_menu.addAction(entry(translate("Menus", "aligned &pairs (TSV)…"), lambda: files.choose_export("pairs")))
    export_menu.addAction(entry(translate("Menus", "aligned pairs as &TMX…"), lambda: files.choose_export("tmx")))
    file_menu.addSeparator()
    file_menu.addAction(entry(translate("Menus", "&Quit"), window.close, QKeySequence.StandardKey.Quit))

    edit_menu = bar.addMenu(translate("Menus", "&Edit"))
    undo = window.undo_stack.createUndoAction(window, translate("Menus", "&Undo"))
    undo.setShortcuts(keys("undo"))
    redo = window.undo_stack.createRedoAction(window, translate("Menus", "&Redo"))
    redo.setShortcuts(keys("redo"))
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addAction(entry(translate("Menus", "&Label scheme…"), labeling.edit_scheme))
    edit_menu.addAction(entry(hinted(translate("Menus", "Mark or unmark &boilerplate"), "toggle_boilerplate"),
                              lambda: corrections.toggle_boilerplate()))
    edit_menu.addAction(entry(hinted(translate("Menus", "&Split sentence…"), "split_sentence"),
                              corrections.split_sentence))
    edit_menu.addAction(entry(hinted(translate("Menus", "&Merge sentence with the next"), "merge_with_next"),
                              corrections.merge_with_next))
    edit_menu.addAction(entry(translate("Menus", "Sentence la&nguage…"),
                              lambda: corrections.choose_language("sentence")))
    edit_menu.addAction(entry(translate("Menus", "Paragraph lan&guage…"),
                              lambda: corrections.choose_language("paragraph")))
    edit_menu.addAction(entry(translate("Menus", "&Find…"), window.finding.focus, keys("find")))
    edit_menu.addAction(entry(translate("Menus", "Searc&h the project…"), window.searching.focus,
                              keys("search_project")))
    edit_menu.addAction(entry(translate("Menus", "More li&ke this sentence"), window.searching.more_like_this,
                              keys("more_like_this")))
    edit_menu.addAction(entry(translate("Menus", "Ren&ame group…"),
                              lambda: corrections.rename_group(), keys("rename_group")))

    view_menu = bar.addMenu(translate("Menus", "&View"))
    window.boilerplate_action = entry(translate("Menus", "Show &boilerplate"), window.reload_group)
    window.boilerplate_action.setCheckable(True)
    view_menu.addAction(window.boilerplate_action)
    columns_menu = view_menu.addMenu(translate("Menus", "&Columns"))  # (also the column header's context menu)
    columns_menu.aboutToShow.connect(lambda: window.columns.fill_menu(columns_menu))
    window.columns_menu = columns_menu
    view_menu.addSeparator()
    window.zoom = Zoom(window.view, window.settings)
    add_zoom_entries(view_menu, window.zoom)
    view_menu.addSeparator()
    add_language_menu(view_menu.addMenu(translate("Menus", "&Language")), window.settings,
                      lambda text: window.statusBar().showMessage(text, 8000))

    review_menu = bar.addMenu(translate("Menus", "&Review"))
    review_menu.addAction(entry(translate("Menus", "Mark this &document done (the rest: no label applies)"),
                                labeling.mark_done))
    review_menu.addAction(entry(translate("Menus", "&Agreement…"), review.show_agreement))
    review_menu.addAction(entry(translate("Menus", "&Merge annotators' projects into this one…"), team.choose_merge))
    review_menu.addAction(entry(translate("Menus", "Team &progress (a folder of returned packages)…"),
                                team.choose_progress))
    review_menu.addSeparator()
    review_menu.addAction(entry(translate("Menus", "&Next disagreement"),
                                lambda: review.next_disagreement(1), keys("next_disagreement")))
    review_menu.addAction(entry(translate("Menus", "Pre&vious disagreement"), lambda: review.next_disagreement(-1),
                                keys("previous_disagreement")))
    # one entry per judge of the sentence under the cursor, by name (Alt+k works without the menu)
    review.gold_menu = review_menu.addMenu(translate("Menus", "Accept a judge's choice into &gold"))
    review.gold_menu.aboutToShow.connect(review.fill_gold_menu)
    for k, (choice, candidate) in enumerate(zip(keys("accept_choice"), keys("link_candidate")), start=1):
        QShortcut(choice, window, lambda k=k: review.accept_choice(k))
        QShortcut(candidate, window, lambda k=k: alignment.link_candidate(k))

    suggest_menu = bar.addMenu(translate("Menus", "S&uggest"))
    suggest_menu.addAction(entry(hinted(translate("Menus", "&Accept the model's suggestions"),
                                 "accept_model_suggestions"),
                                 suggestions.accept_model_suggestions))
    suggest_menu.addAction(entry(hinted(translate("Menus", "Next most &uncertain sentence"), "next_uncertain"),
                                 suggestions.next_uncertain))
    likely_menu = suggest_menu.addMenu(translate("Menus", "Next &likely label ({key}, then its key)").format(
        key=key_hint("next_likely")))
    likely_menu.aboutToShow.connect(lambda: suggestions.fill_likely_menu(likely_menu))
    suggest_menu.addSeparator()
    suggest_menu.addAction(entry(translate("Menus", "&Train the model now"),
                                 suggestions.retrain, keys("train_model")))
    suggest_menu.addAction(entry(translate("Menus", "Model &report…"), suggestions.show_model_report))

    align_menu = bar.addMenu(translate("Menus", "&Align"))
    align_menu.addAction(entry(hinted(translate("Menus", "&Mark sentence to link"), "mark_sentence"),
                               alignment.mark_sentence))
    align_menu.addAction(entry(translate("Menus", "&Link marked sentence with this one"),
                               alignment.link_marked, keys("link_marked")))
    align_menu.addAction(entry(translate("Menus", "&Unlink this sentence"), alignment.unlink_current, keys("unlink")))
    align_menu.addAction(entry(hinted(translate("Menus", "&Confirm this row's alignment, or take it back"),
                               "toggle_confirmed"),
                               alignment.toggle_confirmed))
    align_menu.addAction(entry(hinted(translate("Menus", "Next uncertain ro&w"), "next_uncertain_row"),
                               alignment.next_uncertain_row))
    align_menu.addAction(entry(hinted(translate("Menus", "Re&ject this row's weakest link"), "reject_weakest_link"),
                               alignment.reject_weakest_link))
    align_menu.addAction(entry(translate("Menus", "Mer&ge this row with the next"),
                               lambda: alignment.change_row("merge"),
                               keys("merge_rows")))
    align_menu.addAction(entry(translate("Menus", "&Split this row sentence by sentence"),
                               lambda: alignment.change_row("split"),
                               keys("split_row")))
    align_menu.addSeparator()
    align_menu.addAction(entry(translate("Menus", "&Re-align group (keeps manual links)"),
                               lambda: alignment.realign_group(), keys("realign_group")))  # (not `checked` as method)
    add_both_encoders_entry(align_menu, alignment)
    add_refinement_toggle(align_menu, window.refinement)

    help_menu = bar.addMenu(translate("Menus", "&Help"))
    help_menu.addAction(entry(translate("Menus", "&Keys…"), window.show_keys, keys("show_keys")))
