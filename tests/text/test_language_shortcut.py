"""The stop-word shortcut past the language model (issue 29): fewer model calls on long
paragraphs, the same per-paragraph languages as the model alone."""

from __future__ import annotations

import random

import pytest

from annotator.core.text import language, stopwords
from annotator.core.text.ingest import read_documents
from annotator.core.text.segment import split_paragraphs
from tests.benchmarks.corpus import seed_paragraphs


def _paragraphs(path):
    text = read_documents(path)[0].text
    return [text[span.start:span.end] for span in split_paragraphs(text)]


def _mixtures(count=12):
    """Pages of shuffled seed paragraphs: English, French and German mixed, and the Greek line."""
    paragraphs, chance = seed_paragraphs(), random.Random(7)
    pages = []
    for _ in range(count):
        chance.shuffle(paragraphs)
        pages.append(list(paragraphs[: chance.randint(10, len(paragraphs))]))
    return pages


def _without_shortcut(monkeypatch, paragraphs, given=None):
    with monkeypatch.context() as patch:
        patch.setattr(stopwords, "stop_word_language", lambda text: None)
        return language.detect_paragraphs(paragraphs, given=given)


def test_the_shortcut_changes_no_paragraphs_language(seeds, monkeypatch):
    pages = [_paragraphs(path) for path in seeds.values()] + _mixtures()
    for paragraphs in pages:
        for given in (None, "en"):
            assert language.detect_paragraphs(paragraphs, given=given) == \
                _without_shortcut(monkeypatch, paragraphs, given)
    # the mixed seed: French and German passages inside an English page, and the Greek line
    doc_lang, verdicts = language.detect_paragraphs(_paragraphs(seeds["001"]))
    assert doc_lang == "en" and sum(v.lang == "fr" for v in verdicts) == 7 and sum(v.lang == "de" for v in verdicts) == 3
    doc_lang, verdicts = language.detect_paragraphs(_paragraphs(seeds["003"]))
    assert verdicts[0] == language.ParagraphLanguage("el", "script") and {v.lang for v in verdicts[1:]} == {"en"}


def test_long_paragraphs_with_plain_stop_words_skip_the_model(monkeypatch):
    paragraphs = [p for page in _mixtures(4) for p in page]
    calls = []
    guess = language.LanguageModel.guess
    monkeypatch.setattr(language.LanguageModel, "guess", lambda self, text: calls.append(text) or guess(self, text))
    language.detect_paragraphs(paragraphs)
    long = [p for p in paragraphs if language.letter_count(p) >= language.SHORT_LETTERS]
    assert len([p for p in calls if p in set(long)]) < len(long) / 2


def test_the_model_refutes_a_wrong_shortcut_on_its_first_sample(monkeypatch):
    english = [f"The convoy left the city for the border on day {n}, and the ministry said that it was "
               "not the first time that this has happened to them." for n in range(20)]
    truth = _without_shortcut(monkeypatch, english)
    monkeypatch.setattr(stopwords, "stop_word_language", lambda text: "nl")  # a shortcut gone wrong
    assert language.detect_paragraphs(english) == truth
    assert truth[0] == "en"


@pytest.mark.parametrize("text,lang", [
    ("Le ministère de la Défense a publié des photos du convoi qui quittait la ville, et les États-Unis "
     "ont refusé de frapper les colonnes qui se retiraient vers la frontière.", "fr"),
    ("Die Tatsache, dass sich die USA weigerten, die Kolonnen anzugreifen, ist nicht neu, sagte er auf "
     "einer Pressekonferenz in Moskau, und das Ministerium hat Fotos veröffentlicht.", "de"),
    ("The convoy left the city for the border, and the ministry said that it has photos which were "
     "taken by drones; they would not say who took them.", "en"),
])
def test_stop_words_name_the_language_of_plain_prose(text, lang):
    assert stopwords.stop_word_language(text) == lang


def test_stop_words_stay_silent_when_they_are_few_or_mixed():
    assert stopwords.stop_word_language("Russian Defense Ministry Released Photos Reportedly Confirming") is None
    assert stopwords.stop_word_language("The minister said « les colonnes de Daech ont été frappées dans la nuit "
                                        "et sont parties vers la frontière » and that the French were with them.") is None
