"""The detail panel's section on label groups (detail.py is long): each group of the scheme with
its key and everybody's answer about the sentence (or its document), and who flagged the
sentence for discussion. Nothing when the project has neither."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication


def groups_html(session, sentence_id: int) -> str:
    esc = html.escape
    groups = session.label_groups()  # (read once by the session: no query here without groups or flags)
    flags = session.discussion_of(sentence_id) if session.may_have_flags() else []
    parts = []
    if flags:
        who = ", ".join(f"{name} ({at[:16].replace('T', ' ')})" for name, at in flags)
        parts.append("<p><b>" + esc(QCoreApplication.translate("DetailPanel", "Flagged for discussion by {who}"
                                                              ).format(who=who)) + "</b></p>")
    if groups:
        answers = session.group_values_of(sentence_id)
        no_answer = "<i>" + esc(QCoreApplication.translate("DetailPanel", "no answer")) + "</i>"
        items = []
        for group in groups:
            given = "; ".join(f"{esc(a.annotator)}: {esc(a.value)}" for a in answers if a.group == group.name)
            about = (QCoreApplication.translate("DetailPanel", "the document") if group.level == "document"
                     else QCoreApplication.translate("DetailPanel", "the sentence"))
            choices = (f"1 … {len(group.options)}" if group.kind == "ordinal"
                       else ", ".join(f"{k} {v}" for k, v in enumerate(group.options, start=1))
                       or QCoreApplication.translate("DetailPanel", "free text"))
            items.append(f"<li><b>{esc(group.key or '')} {esc(group.name)}</b> ({esc(about)}; {esc(choices)}): "
                         f"{given or no_answer}</li>")
        parts.append("<h4>" + esc(QCoreApplication.translate("DetailPanel", "Label groups")) + f"</h4><ul>{''.join(items)}</ul>")
    return "".join(parts)
