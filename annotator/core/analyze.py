"""A source document's text -> paragraphs with languages, sentences, boilerplate marks.

Pure computation on plain types; the store writes the result in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core import boilerplate, language, segment
from annotator.core.ingest import SourceDocument


@dataclass(frozen=True)
class ParagraphInfo:
    start: int
    end: int
    lang: str
    lang_source: str  # detected | script | inherited | given
    boilerplate: str | None  # reason, or None for content


@dataclass(frozen=True)
class SentenceInfo:
    start: int
    end: int
    paragraph: int  # index into the document's paragraphs
    lang: str
    boilerplate: str | None


@dataclass
class AnalyzedDocument:
    source: SourceDocument
    lang: str
    paragraphs: list[ParagraphInfo]
    sentences: list[SentenceInfo]

    def sentence_text(self, sentence: SentenceInfo) -> str:
        return self.source.text[sentence.start : sentence.end]


def analyze(source: SourceDocument) -> AnalyzedDocument:
    text = source.text
    spans = segment.split_paragraphs(text)
    paragraph_texts = [text[span.start : span.end] for span in spans]
    doc_lang, languages = language.detect_paragraphs(paragraph_texts, given=source.lang)
    reasons = boilerplate.mark_paragraphs(paragraph_texts)
    paragraphs: list[ParagraphInfo] = []
    sentences: list[SentenceInfo] = []
    for index, (span, lang, reason) in enumerate(zip(spans, languages, reasons)):
        paragraphs.append(ParagraphInfo(span.start, span.end, lang.lang, lang.source, reason))
        for sentence in segment.split_sentences(text, span, lang.lang):
            sentence_reason = reason or boilerplate.sentence_reason(text[sentence.start : sentence.end])
            sentences.append(SentenceInfo(sentence.start, sentence.end, index, lang.lang, sentence_reason))
    return AnalyzedDocument(source, doc_lang, paragraphs, sentences)
