"""Paragraph and sentence spans slice the document text exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text.analyze import analyze
from annotator.core.text.ingest import SourceDocument, read_documents
from annotator.core.text.segment import Span, split_paragraphs, split_sentences


def _texts(text, spans):
    return [text[s.start:s.end] for s in spans]


def test_one_paragraph_per_line_and_blank_lines():
    text = "Title line\n\nFirst paragraph. Two sentences.\nSecond paragraph.\n\n\n  Indented third.  \n"
    assert _texts(text, split_paragraphs(text)) == [
        "Title line", "First paragraph. Two sentences.", "Second paragraph.", "Indented third."]


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = ("The convoy left the city on\nthe ninth, and the ministry said it\nwas shielded by aircraft.\n"
            "Next paragraph.\nA heading without a full stop\nStarts a new paragraph.")
    paragraphs = _texts(text, split_paragraphs(text))
    assert paragraphs == ["The convoy left the city on\nthe ninth, and the ministry said it\nwas shielded by aircraft.",
                          "Next paragraph.", "A heading without a full stop", "Starts a new paragraph."]


def test_sentences_in_several_languages():
    text = "Le ministère a précisé. Les photos étaient fausses ! Pourquoi ?"
    spans = split_sentences(text, Span(0, len(text)), "fr")
    assert _texts(text, spans) == ["Le ministère a précisé.", "Les photos étaient fausses !", "Pourquoi ?"]
    greek = "Οι φωτογραφίες ήταν ψεύτικες. Το υπουργείο τις διέγραψε."
    assert len(split_sentences(greek, Span(0, len(greek)), "el")) == 2


def test_seed_sentences_slice_exactly(seeds):
    for path in seeds.values():
        document = analyze(read_documents(path)[0])
        text = document.source.text
        previous_end = 0
        for sentence in document.sentences:
            piece = text[sentence.start:sentence.end]
            assert piece and piece == piece.strip()
            assert sentence.start >= previous_end
            previous_end = sentence.end
            paragraph = document.paragraphs[sentence.paragraph]
            assert paragraph.start <= sentence.start and sentence.end <= paragraph.end


def test_known_seed_sentences(seeds):
    document = analyze(read_documents(seeds["003"])[0])
    sentences = [document.sentence_text(s) for s in document.sentences]
    assert "However, the photos were fake." in sentences
    assert "The question appears: what is this?" in sentences


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.sampled_from(["\n", "\n\n", ". ", "? ", "Dr. ", "«", "»", "…", "\u200f", "\u0301", "👍🏽", " 3.5 ", "\r\n"]),
), max_size=30).map("".join))
def test_fuzz_every_span_slices_the_text(text):
    source = SourceDocument(text=text, title="t", source_path="t", sha256="0", format="text")
    document = analyze(source)
    for paragraph in document.paragraphs:
        piece = text[paragraph.start:paragraph.end]
        assert piece and piece == piece.strip()
    end = 0
    for sentence in document.sentences:
        piece = text[sentence.start:sentence.end]
        assert piece.strip() and piece == piece.strip()
        assert sentence.start >= end
        end = sentence.end
    # no content is lost: every non-space character lies in some sentence
    covered = set()
    for sentence in document.sentences:
        covered.update(range(sentence.start, sentence.end))
    assert all(i in covered or ch.isspace() for i, ch in enumerate(text))


def _sentences(text, lang="en"):
    return _texts(text, split_sentences(text, Span(0, len(text)), lang))


def test_a_line_ending_a_sentence_ends_the_paragraph_even_before_lower_case():
    text = "The first line ends here.\nlower case starts the next paragraph.\nand: this one too;\nnot joined either"
    assert _texts(text, split_paragraphs(text)) == [
        "The first line ends here.", "lower case starts the next paragraph.", "and: this one too;", "not joined either"]


def test_a_wrapped_line_joins_the_next_even_when_that_is_indented():
    text = "The convoy left the city on\n    the ninth of the month.\n  Next one."
    assert _texts(text, split_paragraphs(text)) == ["The convoy left the city on\n    the ninth of the month.",
                                                   "Next one."]


def test_sentences_follow_the_paragraphs_language():
    text = "Er kam am 3. Oktober an."
    assert _sentences(text, "de") == ["Er kam am 3. Oktober an."]
    assert _sentences(text, "en") == ["Er kam am 3.", "Oktober an."]
    assert _sentences(text, "") == ["Er kam am 3.", "Oktober an."]  # no language: English rules


def test_a_list_number_belongs_to_its_sentence_and_later_sentences_stay_apart():
    assert _sentences("2. Second item here. Third sentence.") == ["2. Second item here.", "Third sentence."]


def test_trailing_punctuation_joins_the_last_sentence():
    assert _sentences("He said so. 3.") == ["He said so. 3."]
    assert _sentences("3.") == ["3."]  # nothing to join: it stays a sentence of its own


def test_blank_stretches_inside_a_span_are_skipped():
    assert _sentences("A one.\n\nB two. C three.") == ["A one.", "B two.", "C three."]
    assert _sentences("   ") == []


def test_sentences_never_take_the_spans_surrounding_whitespace():
    text = "  Hello world.   "
    assert _texts(text, split_sentences(text, Span(0, len(text)), "en")) == ["Hello world."]
    assert split_sentences(text, Span(0, len(text)), "en") == [Span(2, 14)]
