"""The detail panel's list of what the aligned sentences offer this one (session/projecting.py):
their spans and relations carried here, as ghosts until key a accepts them."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from annotator.core.session import Session, SentenceView
from annotator.core.shorten import shortened

OTHER_CHARACTERS = 120  # of the other sentence of a suggested relation


def ghosts_html(session: Session, sentence: SentenceView) -> str:
    """"Suggested by the aligned sentences": each ghost span (label and words) and relation
    (type, direction, the other sentence), and the key that accepts them; empty without any."""
    if not (sentence.ghost_spans or sentence.ghost_relations):
        return ""
    esc, translate = html.escape, QCoreApplication.translate
    items = [f"<li><b>{esc(label)}</b>: “{esc(sentence.text[start:end])}”</li>"
             for start, end, label in sentence.ghost_spans]
    for kind, outgoing, other_id, own_span, other_span in sentence.ghost_relations:
        other = session.sentence(other_id)
        if own_span:  # a span end here: its words, as the relations' list names them (detail.py)
            words = f"{own_span[2]} “{shortened(sentence.text[own_span[0]:own_span[1]], OTHER_CHARACTERS)}”"
            arrow = (translate("DetailPanel", "{words} {type} →") if outgoing
                     else translate("DetailPanel", "{words} ← {type}:")).format(words=words, type=kind)
        else:
            arrow = (translate("DetailPanel", "this sentence {type} →") if outgoing
                     else translate("DetailPanel", "← {type} this sentence:")).format(type=kind)
        text = (f"{other_span[2]} “{other.text[other_span[0]:other_span[1]]}”" if other_span else other.text)
        items.append(f"<li><b>{esc(arrow)}</b> ({esc(other.lang)}) {esc(shortened(text, OTHER_CHARACTERS))}</li>")
    return ("<h4>" + esc(translate("DetailPanel", "Suggested by the aligned sentences")) + f"</h4><ul>{''.join(items)}</ul>"
            "<p><small>" + esc(translate("DetailPanel", "Spans and relations of their counterparts, carried here; "
                                                         "not stored until a accepts them.")) + "</small></p>")
