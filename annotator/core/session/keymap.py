"""The one key map: every key of the desktop app, the action it runs and its help text.

Plain data (no Qt), read by the aligned view's key handling, the menus' shortcuts and the
help dialog (F1); a test keeps README.md's keys table in step with it. Keys are spelled as
Qt's QKeySequence spells them ("J", "Down", "Shift+A", "Ctrl+U", "1"); `shown` is the row's
first cell as the README and the help show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from annotator.core.model import GROUP_KEYS
from annotator.translatable import QT_TRANSLATE_NOOP

VIEW, WINDOW, MOUSE = "view", "window", "mouse"


@dataclass(frozen=True)
class KeyRow:
    shown: str  # the keys as a reader sees them, e.g. "↓ ↑ or j k"
    help: str
    where: str  # VIEW: the aligned view handles the keys; WINDOW: shortcuts of the window; MOUSE
    keys: dict[str, str] = field(default_factory=dict)  # key -> action name


def _digits(prefix: str, action: str) -> dict[str, str]:
    return {f"{prefix}{k}": action for k in range(1, 10)}


def _shift_too(keys: dict[str, str]) -> dict[str, str]:
    """The keys and the same keys with Shift held: these never looked at Shift."""
    return {**keys, **{f"Shift+{key}": action for key, action in keys.items()}}


ROWS: tuple[KeyRow, ...] = (
    KeyRow(QT_TRANSLATE_NOOP("keymap", "↓ ↑ or j k"),
           QT_TRANSLATE_NOOP("keymap", "next / previous sentence in the column"), VIEW,
           _shift_too({"Down": "next_sentence", "J": "next_sentence",
                       "Up": "previous_sentence", "K": "previous_sentence"})),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "PgDown, PgUp"),
           QT_TRANSLATE_NOOP("keymap", "a screen further down / up the column"), VIEW,
           _shift_too({"PgDown": "next_page", "PgUp": "previous_page"})),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "Home, End"),
           QT_TRANSLATE_NOOP("keymap", "the column's first / last sentence"), VIEW,
           _shift_too({"Home": "column_start", "End": "column_end"})),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "→ ← or l h"),
           QT_TRANSLATE_NOOP("keymap", "the same row in the next / previous document"), VIEW,
           {"Right": "next_document", "Left": "previous_document",
            **_shift_too({"L": "next_document", "H": "previous_document"})}),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "Shift+→ Shift+←, v, then 1 … 9 or 0"),
           QT_TRANSLATE_NOOP("keymap", "select words of the sentence for a span (a word further / back; v starts "
                                       "again at the last word; Esc clears), then the span label with that key "
                                       "(1 source, 2 cue, 3 content; again: removes it), 0: remove the spans there"),
           VIEW,
           {"Shift+Right": "select_next_word", "Shift+Left": "select_previous_word", "V": "restart_selection"}),
    KeyRow("1 … 9", QT_TRANSLATE_NOOP("keymap", "toggle the label with that key"), VIEW, _digits("", "toggle_label")),
    KeyRow("0",
           QT_TRANSLATE_NOOP("keymap", "no label applies: clear your labels and record that you judged the sentence"),
           VIEW,
           {"0": "no_label"}),
    KeyRow("a", QT_TRANSLATE_NOOP("keymap", "accept the labels, spans and relations suggested by the aligned sentences"), VIEW,
           {"A": "accept_suggestions"}),
    KeyRow("Shift+A", QT_TRANSLATE_NOOP("keymap", "accept the labels the model suggests on the sentence"), VIEW,
           {"Shift+A": "accept_model_suggestions"}),
    KeyRow("u", QT_TRANSLATE_NOOP("keymap", "the next most uncertain sentence (the model's least sure suggestion)"),
           VIEW,
           {"U": "next_uncertain"}),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "g, then 1 … 9"),
           QT_TRANSLATE_NOOP("keymap", "the next sentence the model gives that label"), VIEW, {"G": "next_likely"}),
    KeyRow("Ctrl+T", QT_TRANSLATE_NOOP("keymap", "train the model now"), WINDOW, {"Ctrl+T": "train_model"}),
    KeyRow("n", QT_TRANSLATE_NOOP("keymap", "edit your note on the sentence (Ctrl+Enter saves, Esc cancels)"), VIEW,
           _shift_too({"N": "edit_note"})),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "click a chip / right click"),
           QT_TRANSLATE_NOOP("keymap", "remove that label / a menu of labels, languages and boilerplate"),
           MOUSE),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "right click a column's title"),
           QT_TRANSLATE_NOOP("keymap", "hide that column, or show hidden ones (also View > Columns)"), MOUSE),
    KeyRow("s, Shift+S",
           QT_TRANSLATE_NOOP("keymap", "split the sentence / merge it with the next sentence of its paragraph"), VIEW,
           {"S": "split_sentence", "Shift+S": "merge_with_next"}),
    KeyRow("b", QT_TRANSLATE_NOOP("keymap", "mark the sentence as boilerplate, or as content again"), VIEW,
           _shift_too({"B": "toggle_boilerplate"})),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "m, then Ctrl+L"),
           QT_TRANSLATE_NOOP("keymap", "mark a sentence (with words selected: your span on them, for r), then link it"
                                       " to the sentence under the cursor"), VIEW,
           {**_shift_too({"M": "mark_sentence"}), "Ctrl+L": "link_marked"}),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "r, then 1 … 4"),
           QT_TRANSLATE_NOOP("keymap", "relate the sentence or span marked with m to the one under the cursor (with"
                                       " words selected: your span on them): 1 attributes-to, 2 corrects, 3 contradicts,"
                                       " 4 repeats (any document of the group)"),
           VIEW,
           {"R": "relate_marked"}),
    KeyRow("Shift+R",
           QT_TRANSLATE_NOOP("keymap", "remove the sentence's relations (one: from the detail panel)"), VIEW,
           {"Shift+R": "unrelate"}),
    KeyRow("d e i o p q t y z, then 1 … 9",
           QT_TRANSLATE_NOOP("keymap", "answer the label group with that letter (annotator group add … --key): "
                                       "the option, rating or yes (1) / no (2) with that digit, the same digit again "
                                       "clears it; a free-text group opens a box"),
           VIEW,
           {letter: "answer_group" for letter in GROUP_KEYS}),
    KeyRow("f", QT_TRANSLATE_NOOP("keymap", "flag the sentence for discussion, or take your flag off"), VIEW,
           _shift_too({"F": "flag_discussion"})),
    KeyRow("Ctrl+U",
           QT_TRANSLATE_NOOP("keymap", "unlink the sentence (its machine links are remembered as rejected)"), WINDOW,
           {"Ctrl+U": "unlink"}),
    KeyRow("w", QT_TRANSLATE_NOOP("keymap", "the next uncertain row (c confirms it, x rejects its weakest link)"),
           VIEW,
           {"W": "next_uncertain_row"}),
    KeyRow("x", QT_TRANSLATE_NOOP("keymap", "reject the weakest machine link of the cursor's row"), VIEW,
           {"X": "reject_weakest_link"}),
    KeyRow("c", QT_TRANSLATE_NOOP("keymap", "confirm the alignment of the cursor's row, or take it back"), VIEW,
           _shift_too({"C": "toggle_confirmed"})),
    KeyRow("Ctrl+1 … Ctrl+9",
           QT_TRANSLATE_NOOP("keymap", "link the k-th nearest sentence listed in the detail panel"), WINDOW,
           _digits("Ctrl+", "link_candidate")),
    KeyRow("Ctrl+M, Ctrl+Shift+M",
           QT_TRANSLATE_NOOP("keymap", "merge the row with the next one / split it into 1-1 links"), WINDOW,
           {"Ctrl+M": "merge_rows", "Ctrl+Shift+M": "split_row"}),
    KeyRow("Ctrl+R", QT_TRANSLATE_NOOP("keymap", "re-align the group (manual links are kept)"), WINDOW,
           {"Ctrl+R": "realign_group"}),
    KeyRow("Ctrl+F", QT_TRANSLATE_NOOP("keymap", "find text in the group (Enter: next, Shift+Enter: previous)"),
           WINDOW, {"Ctrl+F": "find"}),
    KeyRow("Ctrl+Shift+F",
           QT_TRANSLATE_NOOP("keymap", "search the whole project (Enter on a hit opens the sentence in its group)"),
           WINDOW, {"Ctrl+Shift+F": "search_project"}),
    KeyRow("Ctrl+Shift+L",
           QT_TRANSLATE_NOOP("keymap", "more like this: the project's sentences nearest to this one, in every language"),
           WINDOW, {"Ctrl+Shift+L": "more_like_this"}),
    KeyRow("Ctrl+D, Ctrl+Shift+D",
           QT_TRANSLATE_NOOP("keymap", "review: the next / previous sentence the annotators disagree on"), WINDOW,
           {"Ctrl+D": "next_disagreement", "Ctrl+Shift+D": "previous_disagreement"}),
    KeyRow("Alt+1 … Alt+9",
           QT_TRANSLATE_NOOP("keymap", "review: the k-th annotator's choice becomes the gold decision"), WINDOW,
           _digits("Alt+", "accept_choice")),
    KeyRow("Ctrl+Z, Ctrl+Shift+Z", QT_TRANSLATE_NOOP("keymap", "undo, redo"), WINDOW,
           {"Ctrl+Z": "undo", "Ctrl+Shift+Z": "redo", "Ctrl+Y": "redo"}),
    KeyRow("F2",
           QT_TRANSLATE_NOOP("keymap", "rename the group (the one chosen in the navigator, else the one on view)"),
           WINDOW,
           {"F2": "rename_group"}),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "F1 or ?"), QT_TRANSLATE_NOOP("keymap", "this list of keys"), WINDOW,
           {"F1": "show_keys", "?": "show_keys"}),
    KeyRow(QT_TRANSLATE_NOOP("keymap", "Ctrl+= or Ctrl++, Ctrl+-, Ctrl+0"),
           QT_TRANSLATE_NOOP("keymap", "zoom the table's text in / out / back to normal size (remembered)"),
           WINDOW, {"Ctrl+=": "zoom_in", "Ctrl++": "zoom_in", "Ctrl+-": "zoom_out", "Ctrl+0": "zoom_reset"}),
)


@cache
def view_keys() -> dict[str, str]:
    """Key -> action of the keys the aligned view handles itself (made once: every keypress
    asks; not to be changed by the caller)."""
    return {key: action for row in ROWS if row.where == VIEW for key, action in row.keys.items()
            if not key.startswith(("Ctrl+", "Alt+"))}


def shortcuts(action: str) -> list[str]:
    """The keys of a window action, in the map's order (the first is the menu's)."""
    return [key for row in ROWS for key, name in row.keys.items() if name == action]


def key_hint(action: str) -> str:
    """The view key of an action as a menu names it: "B", "Shift+S"."""
    return next(key for key, name in view_keys().items() if name == action)


def help_text() -> str:
    """Every key with its help, one per line, aligned in two columns."""
    width = max(len(row.shown) for row in ROWS)
    return "\n".join(f"{row.shown.ljust(width)}   {row.help}" for row in ROWS)
