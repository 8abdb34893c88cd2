"""What a screen reader says: the names and descriptions of the window's widgets, and the text
of each cell of the aligned table (its sentences with their language, labels, boilerplate mark,
note and the cell's link state: what the painted cell shows by colour and shape, in words).

A cell's text is put together only when an assistive technology asks for it
(Qt.AccessibleTextRole / AccessibleDescriptionRole, asked by Qt's QAccessibleTableCell),
never while painting; the note, the one thing not already in memory, is read only for a
sentence that has one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QLocale

from annotator.core.align.layout import LOW_CONFIDENCE




def focus_cell(view) -> None:
    """The table's current index follows the sentence cursor: Qt tells a screen reader the
    cell it moved to, and reads that cell when the table gets the focus back."""
    model, (row, column, _) = view.model(), view.cursor
    if model is not None and 0 <= row < model.rowCount():
        # no scroll to the cell with it (reveal_cursor placed the sentence); Qt's own keys the view
        # passes on (Page Down, Home) keep their scrolling
        auto_scroll = view.hasAutoScroll()
        view.setAutoScroll(False)
        view.selectionModel().setCurrentIndex(model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate)
        view.setAutoScroll(auto_scroll)


def language_name(code: str) -> str:
    """The language's name for a code ("de": "German"), or the code when Qt knows no name."""
    locale = QLocale(code)
    if not code or locale.language() == QLocale.Language.C:
        return code or QCoreApplication.translate("accessible", "unknown language")
    return QLocale.languageToString(locale.language())


def link_state_text(score: float | None, manual: bool, confirmed: bool, linked: bool) -> str:
    """The link state the cell's edge shows (solid, dashed, double, none), in words."""
    if confirmed:
        return QCoreApplication.translate("accessible", "alignment confirmed by a reviewer")
    if not linked:
        return QCoreApplication.translate("accessible", "no link: no aligned sentence in the other documents")
    if manual:
        return QCoreApplication.translate("accessible", "linked by hand")
    if score is None:
        return QCoreApplication.translate("accessible", "linked")
    if score < LOW_CONFIDENCE:
        return QCoreApplication.translate("accessible", "machine link of low confidence ({score:.2f}): c confirms the row, x rejects the link").format(
            score=score)
    return QCoreApplication.translate("accessible", "machine link, confidence {score:.2f}").format(score=score)


def sentence_text(sentence, suggested: list[str], note: str | None) -> str:
    """One sentence as read aloud: its text, language, your labels (by name), suggestions,
    boilerplate, note."""
    parts = [sentence.text, QCoreApplication.translate("accessible", "Language: {language}.").format(language=language_name(sentence.lang))]
    if sentence.labels:
        parts.append(QCoreApplication.translate("accessible", "Labels: {labels}.").format(labels=", ".join(sentence.labels)))
    elif sentence.judged:
        parts.append(QCoreApplication.translate("accessible", "No label applies."))
    else:
        parts.append(QCoreApplication.translate("accessible", "Not labeled yet."))
    if suggested:
        parts.append(QCoreApplication.translate("accessible", "An aligned sentence carries: {labels} (a accepts).").format(labels=", ".join(suggested)))
    if sentence.suggested:
        parts.append(QCoreApplication.translate("accessible", "The model suggests: {labels} (Shift+A accepts).").format(
            labels=", ".join(f"{name} {p:.0%}" for name, p in sentence.suggested)))
    if sentence.boilerplate:
        parts.append(QCoreApplication.translate("accessible", "Boilerplate."))
    if note:
        parts.append(QCoreApplication.translate("accessible", "Note: {note}").format(note=note))
    return " ".join(parts)


def cell_text(model, row: int, column: int) -> str:
    """The accessible name of a cell of the aligned table (an AlignedModel)."""
    sentences = model.sentences(row, column)
    if not sentences:
        return QCoreApplication.translate("accessible", "No sentence of this document in this row.")
    session = model.session
    texts = []
    for k, sentence in enumerate(sentences):
        note = session.my_note(sentence.id) if sentence.noted else None
        text = sentence_text(sentence, model.suggestions(row, column, sentence), note)
        if len(sentences) > 1:
            text = QCoreApplication.translate("accessible", "Sentence {k} of {count}: {text}").format(k=k + 1, count=len(sentences), text=text)
        texts.append(text)
    cell = model.cell(row, column)
    cells = model.layout.rows[row].cells
    linked = any(other.sentence_ids for c, other in enumerate(cells) if c != column)
    link = link_state_text(cell.score, cell.manual, model.is_confirmed(row), linked)
    return " ".join(texts) + " " + QCoreApplication.translate("accessible", "Link: {state}.").format(state=link)


def cell_description(model, row: int, column: int) -> str:
    """Where the cell is: its document (language, title) and its row."""
    document = model.layout.columns[column]
    return QCoreApplication.translate("accessible", "{language} document “{title}”, row {row} of {rows}").format(
        language=language_name(document.lang), title=document.title, row=row + 1, rows=len(model.layout.rows))


def document_text(document: dict, summary) -> str:
    """A navigator's document line, read aloud: title, language, progress (not "… · de ·")."""
    language = language_name(summary.lang if summary is not None else document["lang"])
    title = summary.title if summary is not None else document["title"]
    if summary is None:
        return QCoreApplication.translate("accessible", "{title}, {language}, counting").format(title=title, language=language)
    labeled = round(100 * summary.labeled / summary.sentences) if summary.sentences else 0
    return QCoreApplication.translate("accessible", "{title}, {language}, sentences: {sentences}, labeled: {labeled}%").format(
        title=title, language=language, sentences=summary.sentences, labeled=labeled)


def label_button(button, key: str, name: str, description: str) -> None:
    """A label bar button: its label and key in words, its guideline as the description."""
    button.setAccessibleName(QCoreApplication.translate("accessible", "Toggle the label {name} (key {key})").format(name=name, key=key))
    if description:
        button.setAccessibleDescription(description)


def no_label_button(button) -> None:
    button.setAccessibleName(QCoreApplication.translate("accessible", "No label applies (key 0)"))
    button.setAccessibleDescription(QCoreApplication.translate("accessible", "Clears your labels on the sentence under the cursor and records that you judged it."))


def note_editor(editor, sentence: str) -> None:
    editor.setAccessibleName(QCoreApplication.translate("accessible", "Note"))
    editor.setAccessibleDescription(QCoreApplication.translate("accessible", "Your note on: {sentence}. Ctrl+Enter saves, Escape cancels.").format(
        sentence=sentence))


def split_editor(editor) -> None:
    editor.setAccessibleName(QCoreApplication.translate("accessible", "Sentence to split"))
    editor.setAccessibleDescription(QCoreApplication.translate("accessible", "Move the text cursor to where the second sentence starts, then press Enter."))


def keys_list(text) -> None:
    name(text, QCoreApplication.translate("accessible", "Every key and what it does"))


def scheme_table(table) -> None:
    name(table, QCoreApplication.translate("accessible", "Label scheme"), QCoreApplication.translate("accessible", "One label a row: name, key, color, guideline. Double-click a color to change it."))


def name(widget, name: str, description: str = "") -> None:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)


def name_window(window) -> None:
    """The main window's panels and tool bar inputs, named once when the window is built."""
    for widget, label, description in (
            (window.view, QCoreApplication.translate("accessible", "Aligned sentences"),
             QCoreApplication.translate("accessible", "One column per document, one row per aligned unit. Arrows or j k h l move, "
                 "1 to 9 toggle labels, 0: no label applies, n: note, F1: every key.")),
            (window.navigator, QCoreApplication.translate("accessible", "Documents"),
             QCoreApplication.translate("accessible", "The project's groups and their documents; Enter opens a group, F2 renames it.")),
            (window.detail, QCoreApplication.translate("accessible", "Sentence details"),
             QCoreApplication.translate("accessible", "The sentence under the cursor: its aligned sentences, annotations and the labels' guidelines.")),
            (window.find_box, QCoreApplication.translate("accessible", "Find in the group"),
             QCoreApplication.translate("accessible", "Enter goes to the next match, Shift+Enter to the previous, Escape back to the table.")),
            (window.filter_box, QCoreApplication.translate("accessible", "Show rows"), QCoreApplication.translate("accessible", "Which rows the table shows.")),
            (window.label_bar, QCoreApplication.translate("accessible", "Labels"), QCoreApplication.translate("accessible", "The label keys; a click labels the sentence under the cursor.")),
            (window.statusBar(), QCoreApplication.translate("accessible", "Status"), "")):
        name(widget, label, description)
    window.view.sentenceChanged.connect(lambda _: focus_cell(window.view))
