"""The README's worked example of projection, made with the keys and photographed: on the seeds'
English page, the source and cue spans of the first two attributions (scripts/screenshot_spans.py's
list) marked with Shift+→ / Shift+← and v, then 1 or 2, and the `corrects` relation from the
German correction to the English claim (m, r, 2). Their aligned sentences then show ghosts
(dashed bars): the French "Le ministère de la Défense russe …" a source, the English retelling
"The ministry said that …" a source and a cue, the German "… (Sputnik-Auszug)" a source; and the
German correction a dotted ring (the claim's German counterpart offered as what it corrects).
The cursor is put on the French sentence with the detail panel listing its suggestion; the
picture is taken at 1366x768.

    python scripts/screenshot_projection.py PROJECT OUT.png   (run by scripts/screenshot-example.sh projection)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt

from example_window import open_window, save
from screenshot_spans import ATTRIBUTIONS, press, relate_correction, select, word_range

from annotator.core.text.words import words


def main(project: str, out: str) -> None:
    app, window = open_window(project)
    store, view, session = window.session._store, window.view, window.session
    view.setFocus()
    find = "SELECT id, text FROM sentences WHERE instr(text, ?) = 1 AND lang = 'en'"
    marked = []
    for opening, spans in ATTRIBUTIONS[:2]:
        sentence, text = store.read(find, [opening]).fetchone()
        after = 0
        for phrase, key in spans:
            first, last = word_range(text, phrase, after)
            after = words(text)[last][1]
            window.go_to_sentence(sentence - 1)
            window.go_to_sentence(sentence)
            select(view, first, last, len(words(text)))
            press(view, getattr(Qt.Key, f"Key_{key}"))
        marked.append(sentence)
    head, _ = relate_correction(window, store)
    ghosts = {other: session.sentence(other).ghost_spans for s in marked for other in session.linked(s)}
    offered = {session.sentence(i).lang + " " + session.sentence(i).text[a:b] for i, found in ghosts.items()
               for a, b, _ in found}
    assert offered == {"fr Le ministère de la Défense russe", "en The ministry", "en said", "de Sputnik-Auszug"}, offered
    assert session.sentence(head).ghost_relations, "no relation offered on the correction"
    assert store.spans.count() == 6 and store.relations.count() == 1  # the ghosts are not stored
    french = next(i for i in session.linked(marked[0]) if session.sentence(i).lang == "fr")
    window.go_to_sentence(french)
    save(app, window, out, french, view.ScrollHint.PositionAtCenter)
    print(f"{out} written: ghosts on {sorted(i for i, g in ghosts.items() if g)}, relation offered on {head}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
