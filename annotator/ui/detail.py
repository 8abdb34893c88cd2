"""The detail panel: the current sentence, its language, its aligned counterparts in full,
its annotations (who, when, note) and the guideline text of each label."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QTextBrowser

from annotator.core.session import Session
from annotator.core.shorten import shortened
from annotator.core.text.direction import is_right_to_left
from annotator.present.history import value_text
from annotator.ui.aligned.model import AlignedModel
from annotator.ui.detail_ghosts import ghosts_html
from annotator.ui.detail_groups import groups_html

# a candidate is a line of a list: a 7,000-character sentence was repeated whole
CANDIDATE_CHARACTERS = 240
HISTORY_EVENTS = 10  # the latest changes of a sentence the panel lists (`annotator history` has all)

def sentence_html(text: str, tag: str = "p", style: str = "") -> str:
    """A sentence as an HTML block, escaped; an Arabic, Hebrew, Persian or Urdu one right to
    left and against the right edge."""
    right_to_left = is_right_to_left(text)
    if tag == "div" and not right_to_left:
        tag = "span"  # a left-to-right sentence stays on the line of its document's name, as before
    direction = " dir='rtl' align='right'" if right_to_left else ""
    return f"<{tag}{direction}{f' style={chr(39)}{style}{chr(39)}' if style else ''}>{html.escape(text)}</{tag}>"


class DetailPanel(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # its links (a relation's other sentence, remove) go to the window
        self.candidates = []  # an unmatched sentence's nearest sentences elsewhere; Ctrl+k links the k-th
        # the candidates last computed, for (layout, sentence): a label keypress repaints the
        # panel but changes no link, so they are not searched again (a new layout means new links)
        self._candidates_for: tuple[object, int] | None = None
        self._shown: tuple | None = None  # (session, model, sentence) on the panel now
        self._pending: tuple | None = None  # what to show once the panel is visible again
        self._html = ""  # the text on the panel now: the same text is not laid out again

    def show_sentence(self, session: Session, model: AlignedModel | None, sentence_id: int) -> None:
        """Show a sentence (its details read now), or, while the panel is hidden (its dock closed
        or the window minimised), once it is shown again: a hidden panel reads nothing."""
        if not self.isVisible():
            self._pending = (session, model, sentence_id)
            return
        self._pending = None
        esc = html.escape
        if self._candidates_for != (model, sentence_id):
            self.candidates, self._candidates_for = [], None
        self._shown = (session, model, sentence_id)
        if not sentence_id or model is None:
            self.setHtml("<p><i>" + esc(self.tr("No sentence selected.")) + "</i></p>")
            return
        detail = session.detail(sentence_id)
        sentence = detail.sentence
        title = self.tr("Sentence {id}").format(id=sentence.id)
        parts = [f"<h3>{esc(title)} <small>({esc(sentence.lang)})</small></h3>",
                 sentence_html(sentence.text, style="font-size:110%")]
        if sentence.boilerplate:
            parts.append("<p><i>" + esc(self.tr("Marked as boilerplate.")) + "</i></p>")
        if sentence.judged and not sentence.labels:
            note = session.judgement_note(sentence_id) if sentence.noted else None  # no query when none
            parts.append("<p><i>" + esc(self.tr("You judged it: no label applies.")) + "</i>"
                         + (" " + esc(self.tr("Your note: {note}").format(note=note)) if note else "") + "</p>")
        where = model.position_of(sentence_id)
        if where is not None:
            row, column = where
            counterparts = []
            for other, doc in enumerate(model.layout.columns):
                if other == column:
                    continue
                texts = [s.text for s in model.sentences(row, other)]
                if texts:
                    counterparts.append(f"<li><b>{esc(doc.title)} ({esc(doc.lang)})</b>: "
                                        f"{sentence_html(' '.join(texts), 'div')}</li>")
            parts.append("<h4>" + esc(self.tr("Aligned")) + "</h4>"
                         + (f"<ul>{''.join(counterparts)}</ul>" if counterparts
                            else "<p><i>" + esc(self.tr("No counterpart.")) + "</i></p>"))
            if not counterparts and not sentence.boilerplate:
                parts.append(self._candidates_html(session, model, sentence_id))
        if sentence.related:  # (the flag came with the sentence: no query for one without relations)
            parts.append(self._relations_html(session, sentence_id))
        if sentence.spans:  # yours, as the cell draws them: label and words
            parts.append("<h4>" + esc(self.tr("Spans")) + "</h4><ul>" + "".join(
                f"<li><b>{esc(label)}</b>: “{esc(sentence.text[start:end])}”</li>"
                for start, end, label in sentence.spans) + "</ul>")
        parts.append(ghosts_html(session, sentence))
        parts.append(self._model_html(session, sentence))
        parts.append(groups_html(session, sentence_id))
        votes, gold = detail.votes, detail.gold
        if len(votes) > 1 or gold is not None:
            no_label = self.tr("no label")
            choices = "".join(f"<li><b>Alt+{k}</b> {esc(who)}: {esc(', '.join(labels) or no_label)}</li>"
                              for k, (who, labels) in enumerate(sorted(votes.items()), start=1))
            decided = self.tr("not decided") if gold is None else ", ".join(gold) or no_label
            parts.append("<h4>" + esc(self.tr("Adjudication")) + f"</h4><ul>{choices}</ul>"
                         + "<p>" + esc(self.tr("Gold: {decided}").format(decided=decided)) + "</p>")
        annotations = detail.annotations
        if annotations:
            suggested = " " + self.tr("(the model suggested it)")
            items = "".join(f"<li>{esc(a.label)} — {esc(a.annotator)}, {esc(a.created_at)}"
                            f"{esc(suggested) if a.origin == 'model' else ''}"
                            f"{': ' + esc(a.note) if a.note else ''}</li>" for a in annotations)
            parts.append("<h4>" + esc(self.tr("Annotations")) + f"</h4><ul>{items}</ul>")
        guide = "".join(f"<li><b>{esc(label.key or '')} {esc(label.name)}</b>: {esc(label.description)}</li>"
                        for label in session.labels)
        parts.append("<h4>" + esc(self.tr("Labels")) + f"</h4><ul>{guide}</ul>")
        parts.append(self._history_html(session, sentence_id))  # last: it grows with every change
        self.setHtml("".join(parts))

    def setHtml(self, text: str) -> None:
        if text != self._html:  # (a key that changed nothing shown, such as a repeated undo)
            self._html = text
            super().setHtml(text)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending is not None:
            self.show_sentence(*self._pending)

    @staticmethod
    def _model_html(session: Session, sentence) -> str:
        """The model's probability for each label on a sentence nobody has judged (Shift+A accepts
        the ones at 0.5 or more)."""
        probabilities = session.probabilities(sentence.id)
        if not probabilities or sentence.judged:
            return ""
        shown = {name for name, _ in sentence.suggested}
        items = "".join(f"<li>{'<b>' if name in shown else ''}{html.escape(name)} {p:.2f}{'</b>' if name in shown else ''}"
                        f"</li>" for name, p in probabilities.items())
        translate = QCoreApplication.translate
        accept = " " + translate("DetailPanel", "Shift+A accepts the ones in bold.") if shown else ""
        return ("<h4>" + html.escape(translate("DetailPanel", "Model suggestions")) + f"</h4><ul>{items}</ul><p><small>"
                + html.escape(translate("DetailPanel", "Probabilities from a model trained on this project's labels; "
                                                       "not counted until accepted.") + accept) + "</small></p>")

    def _relations_html(self, session: Session, sentence_id: int) -> str:
        """The sentence's relations: type, direction, the other sentence's text and document; a
        link goes to it (Tab to a link, then Enter, or a click), another removes the relation."""
        esc = html.escape
        items, remove = [], self.tr("remove")
        for r in session.relations_of(sentence_id):
            if r.own_span:  # a span end here: its words, as “the ministry said …” ← attributes-to — …
                words = f"{r.own_span[2]} “{shortened(r.own_words, CANDIDATE_CHARACTERS)}”"
                arrow = (self.tr("{words} {type} →") if r.outgoing else self.tr("{words} ← {type}:")).format(
                    words=words, type=r.type)
            else:
                arrow = (self.tr("this sentence {type} →") if r.outgoing else self.tr("← {type} this sentence:")
                         ).format(type=r.type)
            other = (f"{esc(r.other_span[2])} “{esc(shortened(r.other_text, CANDIDATE_CHARACTERS))}”" if r.other_span
                     else sentence_html(shortened(r.other_text, CANDIDATE_CHARACTERS), 'div'))
            items.append(f"<li><b>{esc(arrow)}</b> <a href='relation-go:{r.other_id}'>{esc(r.other_document)} "
                         f"({esc(r.other_lang)})</a>: {other}"
                         f" <small>{esc(r.annotator)} · <a href='relation-remove:{r.id}'>{esc(remove)}</a>"
                         f"</small></li>")
        return "<h4>" + esc(self.tr("Relations")) + f"</h4><ul>{''.join(items)}</ul>"

    def _history_html(self, session: Session, sentence_id: int) -> str:
        """The sentence's latest changes, newest first: when, who, what, before → after (one
        indexed read of a few rows, made only while the panel is shown)."""
        events = session.history(sentence_id, HISTORY_EVENTS)
        if not events:
            return ""
        esc = html.escape
        items = []
        for event in events:
            what = self._event_words(event)
            change = f"{value_text(event.before)} → {value_text(event.after)}"
            origin = {"undo": self.tr("undo"), "redo": self.tr("redo"), "suggestion": self.tr("accepted suggestion"),
                      "merge": self.tr("merge"), "import-labels": self.tr("label import")}.get(event.origin)
            items.append(f"<li>{esc(event.at[:16].replace('T', ' '))} {esc(event.who)}: {esc(what)} "
                         f"<small>{esc(change)}{' (' + esc(origin) + ')' if origin else ''}</small></li>")
        return "<h4>" + esc(self.tr("History")) + f"</h4><ul>{''.join(items)}</ul>"

    def _event_words(self, event) -> str:
        label = event.subject or ""
        words = {
            "add": self.tr("added {label}"), "remove": self.tr("removed {label}"), "note": self.tr("note"),
            "judgement": self.tr("no label applies"), "unjudged": self.tr("judgement taken back"),
            "gold": self.tr("gold"), "link": self.tr("linked"), "unlink": self.tr("unlinked"),
            "reject": self.tr("link rejected"), "unreject": self.tr("rejection taken back"),
            "confirm": self.tr("row confirmed"), "unconfirm": self.tr("confirmation taken back"),
            "boilerplate": self.tr("boilerplate"), "language": self.tr("language"),
            "split": self.tr("split"), "merge": self.tr("merged with the next"), "scheme": self.tr("scheme edited"),
            "relate": self.tr("related: {label}"), "unrelate": self.tr("relation removed: {label}"),
            "span": self.tr("span: {label}"), "unspan": self.tr("span removed: {label}"),
        }
        template = words.get(event.kind)  # a kind no annotator writes (a merged file's) is shown as it is
        return template.format(label=label) if template is not None else event.kind

    def forget(self) -> None:
        """The project closes: nothing on the panel, and a search still pending is dropped."""
        self._shown, self._candidates_for, self.candidates, self._pending = None, None, [], None
        self.setHtml("<p><i>" + html.escape(self.tr("No sentence selected.")) + "</i></p>")

    def _find_candidates(self, session: Session, model: AlignedModel, sentence_id: int) -> None:
        if self._shown != (session, model, sentence_id) or self._candidates_for == (model, sentence_id):
            return  # the panel moved on meanwhile
        self.candidates, self._candidates_for = session.candidates(sentence_id)[:9], (model, sentence_id)
        self.show_sentence(session, model, sentence_id)

    def _candidates_html(self, session: Session, model: AlignedModel, sentence_id: int) -> str:
        """The nearest sentences of the other documents, numbered for Ctrl+1 … Ctrl+9."""
        esc = html.escape
        titles = {column.document_id: column.title for column in model.layout.columns}
        if self._candidates_for != (model, sentence_id):
            # searched once the panel is shown, so that opening a project or moving the cursor
            # paints first (the search reads the other documents' vectors)
            QTimer.singleShot(0, self, lambda: self._find_candidates(session, model, sentence_id))
            return ("<h4>" + esc(self.tr("Nearest in the other documents")) + "</h4><p><i>"
                    + esc(self.tr("looking…")) + "</i></p>")
        if not self.candidates:
            return ""
        items = "".join(f"<li><b>Ctrl+{k}</b> {c.score:.2f} <i>{esc(titles.get(c.document_id, ''))} "
                        f"({esc(c.lang)})</i>: {sentence_html(shortened(c.text, CANDIDATE_CHARACTERS), 'div')}</li>"
                        for k, c in enumerate(self.candidates, start=1))
        heading = esc(self.tr("Nearest in the other documents (Ctrl+k links one)"))
        return f"<h4>{heading}</h4><ol style='list-style:none'>{items}</ol>"
