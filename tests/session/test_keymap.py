"""The key map (annotator.core.session.keymap) and README.md's keys table say the same."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.session import keymap

README = Path(__file__).resolve().parents[2] / "README.md"
ARROWS = {"↓": "Down", "↑": "Up", "→": "Right", "←": "Left"}
UNNAMED_IN_README = {"Ctrl+Y"}  # Edit > Redo's second key; the table names Ctrl+Shift+Z


def readme_key_cells(text: str) -> list[str]:
    """The first cells of the keys table in "The desktop app" section."""
    section = text.split("## The desktop app\n", 1)[1].split("\n## ", 1)[0]
    lines = section.split("| key | action |\n| --- | --- |\n", 1)[1].splitlines()
    cells = []
    for line in lines:
        if not line.startswith("| "):
            break
        cells.append(line[2:].split(" | ", 1)[0])
    return cells


def key_tokens(shown: str) -> set[str]:
    """The keys a cell names, spelled as in the map: "↓ ↑ or j k" -> Down, Up, J, K."""
    keys = set()
    for part in re.split(r", then |, | or | / ", shown):
        if "…" in part:  # "Ctrl+1 … Ctrl+9"
            first, last = (p.strip() for p in part.split("…"))
            prefix = first[:-1]
            keys |= {f"{prefix}{k}" for k in range(int(first[-1]), int(last[-1]) + 1)}
            continue
        for word in part.split():
            shift, arrow = word.split("+", 1) if word.startswith("Shift+") else ("", word)
            word = f"{shift}+{ARROWS[arrow]}" if shift and arrow in ARROWS else ARROWS.get(word, word)
            keys.add(word.upper() if len(word) == 1 else word)
    return keys


def test_the_readme_table_lists_the_rows_of_the_map():
    cells = readme_key_cells(README.read_text(encoding="utf-8"))
    assert len(cells) == len(set(cells))
    assert sorted(cells) == sorted(row.shown for row in keymap.ROWS)


def test_each_row_names_exactly_its_keys():
    every_key = {key for row in keymap.ROWS for key in row.keys}
    for row in keymap.ROWS:
        if row.where == keymap.MOUSE:
            assert not row.keys
            continue
        named = key_tokens(row.shown)
        head = key_tokens(row.shown.split(", then ")[0])
        assert named <= every_key, row.shown  # "g, then 1 … 9": the digits are the label keys
        assert head <= set(row.keys), row.shown
        # Shift held with a key that ignores it is the same key, not one more to name
        mapped = {key for key, action in row.keys.items()
                  if row.keys.get(key.removeprefix("Shift+")) != action or not key.startswith("Shift+")}
        assert mapped - UNNAMED_IN_README == named & set(row.keys), row.shown


def test_a_key_runs_one_action():
    seen = {}
    for row in keymap.ROWS:
        for key, action in row.keys.items():
            assert seen.setdefault(key, action) == action, key


def test_the_view_keys_are_those_without_ctrl_or_alt():
    view = keymap.view_keys()
    assert view["J"] == view["Down"] == "next_sentence"
    assert view["Shift+A"] == "accept_model_suggestions" and view["A"] == "accept_suggestions"
    assert "Ctrl+L" not in view and "F1" not in view
    assert keymap.shortcuts("link_marked") == ["Ctrl+L"]
    assert keymap.key_hint("merge_with_next") == "Shift+S"


def test_the_help_text_lists_every_row_with_its_help():
    lines = keymap.help_text().splitlines()
    assert len(lines) == len(keymap.ROWS)
    for line, row in zip(lines, keymap.ROWS):
        assert line.startswith(row.shown) and line.endswith(row.help)
