"""The README's worked example of spans, made with the keys and photographed: on the seeds'
English page ("Russia: US Directly Supports ISIL Terrorists in Syria"), the source and the cue
of each attribution ("The Russian Defense Ministry" said, "According to" the Defense Ministry,
…) marked with Shift+→ / Shift+← and v, then 1 (source) or 2 (cue); and the `corrects` relation
of the relations example (m on the German correction, r, 2 on the English claim); and one
relation between spans: on "The Russian Defense Ministry said it has obtained evidence …" the
content ("it has obtained evidence … in Syria") is selected, made content (3), named again by
Shift+← and marked (m), then the source's words are selected and r, 1 make the content
`attributes-to` the source. The stored spans and relations are checked before the window
(1366x768) is saved, the cursor on that sentence and its relations in the detail panel.

    python scripts/screenshot_spans.py PROJECT OUT.png [--dark]   (run by scripts/screenshot-example.sh spans)
"""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from example_window import open_window, save

from annotator.core.text.words import words

# (the sentence's start, [(words of the span, its label key), ...]) on the English page
ATTRIBUTIONS = [
    ("The Russian Defense Ministry said it has", [("The Russian Defense Ministry", "1"), ("said", "2")]),
    ('"The Albu Kamal liberation operation', [("the Russian Defense Ministry", "1"), ("said", "2"),
                                             ("Sputnik", "1"), ("reported", "2")]),
    ('"Americans peremptorily rejected', [("the Russian Defense Ministry", "1"), ("said", "2")]),
    ("The Defense Ministry specified", [("The Defense Ministry", "1"), ("specified", "2")]),
    ("The ministry also said", [("The ministry", "1"), ("said", "2")]),
    ('"The coalition’s aviation tried', [("the ministry", "1"), ("said", "2")]),
    ("To this aim,", [("it", "1"), ("said", "2")]),
    ("According to the Defense Ministry,", [("According to", "2"), ("the Defense Ministry", "1")]),
    ('"There is indisputable evidence', [("the ministry", "1"), ("said", "2")]),
]
CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"
SHIFT = Qt.KeyboardModifier.ShiftModifier


def word_range(text: str, phrase: str, after: int) -> tuple[int, int]:
    """The first and last word index of `phrase` (whole words) in `text`, at or after character
    `after`."""
    start = re.compile(rf"\b{re.escape(phrase)}\b").search(text, after).start()
    spans = words(text)
    first = next(k for k, (a, _) in enumerate(spans) if a == start)
    last = next(k for k, (_, b) in enumerate(spans) if b == start + len(phrase))
    return first, last


def press(view, key, times=1, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    for _ in range(times):
        QTest.keyClick(view, key, modifier)


def select(view, first: int, last: int, count: int) -> None:
    """Select words first..last of a sentence of `count` words, fresh, by the fewer keys:
    Shift+→ from its start (v to start again), or Shift+← from its end."""
    forward = (last + 1) if first == 0 else (first + 1 + 1 + last - first)
    backward = (count - first) if last == count - 1 else (count - last + 1 + last - first)
    if forward <= backward:
        if first == 0:
            press(view, Qt.Key.Key_Right, last + 1, SHIFT)
        else:
            press(view, Qt.Key.Key_Right, first + 1, SHIFT)
            press(view, Qt.Key.Key_V)
            press(view, Qt.Key.Key_Right, last - first, SHIFT)
    elif last == count - 1:
        press(view, Qt.Key.Key_Left, count - first, SHIFT)
    else:
        press(view, Qt.Key.Key_Left, count - last, SHIFT)
        press(view, Qt.Key.Key_V)
        press(view, Qt.Key.Key_Left, last - first, SHIFT)


def relate_correction(window, store) -> tuple[int, int]:
    """The relations example's `corrects` relation made with the keys: m on the German
    correction, r, 2 on the English claim; (head, tail)."""
    view = window.view
    head, tail = (store.read("SELECT id FROM sentences WHERE instr(text, ?) > 0", [t]).fetchone()[0]
                  for t in (CORRECTION, CLAIM))
    window.go_to_sentence(head)
    press(view, Qt.Key.Key_M)
    window.go_to_sentence(tail)
    press(view, Qt.Key.Key_R)
    press(view, Qt.Key.Key_2)
    return head, tail


def dark(app) -> None:
    """A dark palette for the whole app (--dark: the spans as a dark desktop shows them)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, color in (("Base", "#202124"), ("Window", "#2b2b2b"), ("Text", "#e8e8e8"), ("WindowText", "#e8e8e8"),
                        ("Button", "#333333"), ("ButtonText", "#e8e8e8"), ("Highlight", "#3d7bd9"),
                        ("AlternateBase", "#2a2a2e"), ("PlaceholderText", "#9a9a9a"), ("Mid", "#555555")):
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    app.setStyle("Fusion")
    app.setPalette(palette)


def main(project: str, out: str, dark_palette: bool = False) -> None:
    app, window = open_window(project, dark if dark_palette else None)
    store, view = window.session._store, window.view
    view.setFocus()
    find = "SELECT id, text FROM sentences WHERE instr(text, ?) = 1 AND lang = 'en'"
    expected = []
    for opening, spans in ATTRIBUTIONS:
        sentence, text = store.read(find, [opening]).fetchone()
        count, after = len(words(text)), 0
        for phrase, key in spans:
            first, last = word_range(text, phrase, after)
            after = words(text)[last][1]
            window.go_to_sentence(sentence - 1)  # in and out: each selection starts afresh
            window.go_to_sentence(sentence)
            select(view, first, last, count)
            assert view.words.selected() == (sentence, words(text)[first][0], after), (phrase, view.words.selected())
            press(view, getattr(Qt.Key, f"Key_{key}"))
            expected.append((sentence, words(text)[first][0], after, {"1": "source", "2": "cue"}[key]))
    made = [(s.sentence_id, s.start, s.end, s.label) for s in store.spans.records()]
    assert made == expected, made
    head, tail = relate_correction(window, store)
    # content attributes-to source, between two spans of one sentence, with the keys
    sentence, text = store.read(find, [ATTRIBUTIONS[0][0]]).fetchone()
    count = len(words(text))
    window.go_to_sentence(sentence - 1)
    window.go_to_sentence(sentence)
    first, last = word_range(text, "it has obtained evidence", 0)[0], count - 1
    select(view, first, last, count)
    press(view, Qt.Key.Key_3)  # content
    press(view, Qt.Key.Key_Left, 1, SHIFT)  # its last word again: names the span
    press(view, Qt.Key.Key_M)
    first, last = word_range(text, "The Russian Defense Ministry", 0)
    window.go_to_sentence(sentence - 1)
    window.go_to_sentence(sentence)
    select(view, first, last, count)
    press(view, Qt.Key.Key_R)
    press(view, Qt.Key.Key_1)  # attributes-to
    content = (words(text)[word_range(text, "it has obtained evidence", 0)[0]][0], words(text)[-1][1], "content")
    relations = [(r.head_id, r.head_span, r.type, r.tail_id, r.tail_span) for r in store.relations.records()]
    assert relations == [(head, None, "corrects", tail, None),
                         (sentence, content, "attributes-to", sentence, (0, 28, "source"))], relations
    save(app, window, out, sentence, view.ScrollHint.PositionAtCenter)
    print(f"{out} written: {len(made) + 1} spans on {len({m[0] for m in made})} sentences, sentence {head} corrects"
          f" {tail}, {text[content[0]:content[1]]!r} attributes-to {text[:28]!r}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--dark" in sys.argv[3:])
