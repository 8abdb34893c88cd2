"""A source document's text -> paragraphs with languages, sentences, boilerplate marks.

Pure computation on plain types; the store writes the result in one transaction.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from annotator.core.text import boilerplate, furniture, language, segment, titles
from annotator.core.text.ingest import SourceDocument


@dataclass(frozen=True, slots=True)
class ParagraphInfo:
    start: int
    end: int
    lang: str
    lang_source: str  # detected | script | inherited | given
    boilerplate: str | None  # reason, or None for content


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    start: int
    end: int
    paragraph: int  # index into the document's paragraphs
    lang: str
    boilerplate: str | None


class _Table(Sequence):
    """A list of small frozen records kept in columns: offsets in int64 arrays, the other
    fields as references to shared strings (about 40 bytes a record instead of some 130 for
    a record object and its ints). Records are made when read."""

    _make: type  # the record: its fields are _numbers then _others, in this order
    _numbers: tuple[str, ...]  # int fields
    _others: tuple[str, ...]

    def __init__(self, records=()):
        self._columns = tuple(array("q") for _ in self._numbers) + tuple([] for _ in self._others)
        for record in records:
            self.add(*(getattr(record, name) for name in self._numbers + self._others))

    def add(self, *values) -> None:
        for column, value in zip(self._columns, values):
            column.append(value)

    def __len__(self) -> int:
        return len(self._columns[0])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._make(*(column[index] for column in self._columns))

    def __iter__(self):
        make = self._make
        for values in zip(*self._columns):
            yield make(*values)

    def column(self, name: str) -> Sequence:
        """One field of every record, in order (the table's own column: not to be changed)."""
        return self._columns[(self._numbers + self._others).index(name)]

    def rows(self) -> Iterator[tuple]:
        """Each record's values as a tuple (the fields in the record's order), no record made."""
        return zip(*self._columns)

    def __eq__(self, other):
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class ParagraphTable(_Table):
    _numbers = ("start", "end")
    _others = ("lang", "lang_source", "boilerplate")
    _make = ParagraphInfo

    def add(self, start, end, lang, lang_source, boilerplate) -> None:  # one call per paragraph: no loop
        columns = self._columns
        columns[0].append(start), columns[1].append(end), columns[2].append(lang)
        columns[3].append(lang_source), columns[4].append(boilerplate)


class SentenceTable(_Table):
    _numbers = ("start", "end", "paragraph")
    _others = ("lang", "boilerplate")
    _make = SentenceInfo

    def add(self, start, end, paragraph, lang, boilerplate) -> None:  # one call per sentence: no loop
        columns = self._columns
        columns[0].append(start), columns[1].append(end), columns[2].append(paragraph)
        columns[3].append(lang), columns[4].append(boilerplate)


@dataclass
class AnalyzedDocument:
    source: SourceDocument
    lang: str
    paragraphs: Sequence[ParagraphInfo]  # a ParagraphTable from analyze()
    sentences: Sequence[SentenceInfo]  # a SentenceTable from analyze()

    def sentence_text(self, sentence: SentenceInfo) -> str:
        return self.source.text[sentence.start : sentence.end]

    def paragraph_rows(self) -> Iterator[tuple[int, int, str, str, str | None]]:
        """(start, end, lang, lang_source, boilerplate) per paragraph, without a record each."""
        if isinstance(self.paragraphs, ParagraphTable):
            return self.paragraphs.rows()
        return ((p.start, p.end, p.lang, p.lang_source, p.boilerplate) for p in self.paragraphs)

    def sentence_rows(self) -> Iterator[tuple[int, int, int, str, str | None]]:
        """(start, end, paragraph, lang, boilerplate) per sentence, without a record each."""
        if isinstance(self.sentences, SentenceTable):
            return self.sentences.rows()
        return ((s.start, s.end, s.paragraph, s.lang, s.boilerplate) for s in self.sentences)


class _Slices(Sequence[str]):
    """The paragraphs' texts, sliced from the document text when asked for (not all kept)."""

    def __init__(self, text: str, spans: list[segment.Span]):
        self._text, self._spans = text, spans

    @property
    def text(self) -> str:  # the document's: what letters.paragraph_letters counts in at once
        return self._text

    @property
    def spans(self) -> list[segment.Span]:
        return self._spans

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._text[span.start : span.end] for span in self._spans[index]]
        span = self._spans[index]
        return self._text[span.start : span.end]

    def __iter__(self) -> Iterator[str]:
        text = self._text
        for span in self._spans:
            yield text[span.start : span.end]


def analyze(source: SourceDocument, sentences_per_line: bool = False) -> AnalyzedDocument:
    """With `sentences_per_line`, each non-blank line is one paragraph holding one sentence (a
    corpus already segmented, as aligners and their gold files count it).

    A streamed text (a large file, streamed.py) is never held whole: its paragraphs are read
    from the file for each pass, and each paragraph is segmented on its own text (sentences
    never cross a paragraph), with the offsets moved to the document's."""
    text = source.text
    if isinstance(text, str):
        spans = segment.split_lines(text) if sentences_per_line else segment.split_paragraphs(text)
        paragraph_texts = _Slices(text, spans)
    else:
        paragraph_texts = text.paragraphs(sentences_per_line)
        spans = paragraph_texts.spans()
    doc_lang, languages = language.detect_paragraphs(paragraph_texts, given=source.lang)
    reasons = boilerplate.mark_paragraphs(paragraph_texts)
    furniture.mark_foreign_heading(paragraph_texts, reasons, [v.lang for v in languages], doc_lang)
    title = None
    if source.format == "text":  # a text file names no title: its headline, as a reader sees it
        title = titles.headline(paragraph_texts, reasons, [v.lang for v in languages[:titles.LOOK_AT]], doc_lang)
    paragraphs = ParagraphTable()
    sentences = SentenceTable()
    # one look at a page held whole spares most paragraphs theirs
    page_holds_url = boilerplate.may_hold_url(text) if isinstance(text, str) else True
    for index, (span, paragraph, lang, reason) in enumerate(zip(
            spans, paragraph_texts, languages, reasons)):
        paragraphs.add(span.start, span.end, lang.lang, lang.source, reason)
        # a sentence alone can be a bare URL only where the paragraph has one
        may_hold_url = reason is None and page_holds_url and boilerplate.may_hold_url(paragraph)
        whole = segment.Span(0, len(paragraph))
        for sentence in [whole] if sentences_per_line else segment.split_sentences(paragraph, whole, lang.lang):
            sentence_reason = reason or (boilerplate.sentence_reason(paragraph[sentence.start : sentence.end])
                                         if may_hold_url else None)
            sentences.add(span.start + sentence.start, span.start + sentence.end, index, lang.lang, sentence_reason)
            if source.format == "text" and title is None and sentence_reason is None and lang.lang == doc_lang:
                title = titles.shortened(paragraph[sentence.start : sentence.end])
    del paragraph_texts
    if not isinstance(text, str):
        text.release()
    if title:
        source = replace(source, title=title)
    return AnalyzedDocument(source, doc_lang, paragraphs, sentences)
