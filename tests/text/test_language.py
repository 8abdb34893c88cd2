"""Per-paragraph language detection: deterministic, right on the seeds' mixed pages."""

from __future__ import annotations

import pytest
from langdetect import DetectorFactory
from langdetect import detect as langdetect_detect

from annotator.core.text import language
from annotator.core.text.analyze import analyze
from annotator.core.text.ingest import read_documents
from annotator.core.text.segment import split_paragraphs


def _paragraph_languages(path):
    document = analyze(read_documents(path)[0])
    text = document.source.text
    return document, [(text[p.start:p.end], p.lang, p.lang_source) for p in document.paragraphs]


def test_mixed_english_page_has_french_and_german_news_items(seeds):
    document, paragraphs = _paragraph_languages(seeds["001"])
    assert document.lang == "en"

    def lang_of(prefix):
        (lang,) = [lang for text, lang, _ in paragraphs if text.startswith(prefix)]
        return lang

    assert lang_of("1. Le refus des États-Unis de frapper") == "fr"
    assert lang_of("«Le refus du commandement américain") == "fr"
    assert lang_of("Le fait que les forces de la coalition") == "fr"
    assert lang_of("2. Die Tatsache, dass sich die USA") == "de"
    assert lang_of("„Ich schließe nicht aus") == "de"
    assert lang_of("The US refused to conduct airstrikes") == "en"
    french = [text for text, lang, _ in paragraphs if lang == "fr"]
    german = [text for text, lang, _ in paragraphs if lang == "de"]
    assert len(french) == 7 and len(german) == 3
    # everything else on the page is English
    assert all(lang == "en" for text, lang, _ in paragraphs if text not in french + german)


def test_greek_first_line_then_english(seeds):
    document, paragraphs = _paragraph_languages(seeds["003"])
    assert document.lang == "en"
    assert paragraphs[0] == ("Για να μη ξεχνιόμαστε πριν διαβάσετε το άρθρο", "el", "script")
    assert {lang for _, lang, _ in paragraphs[1:]} == {"en"}


@pytest.mark.parametrize("key,lang", [("000", "de"), ("002", "fr")])
def test_single_language_seeds(seeds, key, lang):
    document, paragraphs = _paragraph_languages(seeds[key])
    assert document.lang == lang
    content = [p for p, s in zip(paragraphs, document.paragraphs) if not s.boilerplate]
    assert {lang_ for _, lang_, _ in content} == {lang}


def test_short_paragraphs_inherit_the_document_language():
    doc_lang, results = language.detect_paragraphs([
        "Der Konvoi verließ die Stadt in Richtung der irakischen Grenze, hieß es.",
        "Foto: AP",
        "Russland und die USA streiten weiter über die Bilder aus Syrien.",
    ])
    assert doc_lang == "de"
    assert results[1] == language.ParagraphLanguage("de", "inherited")


FRENCH = ["Le ministère russe de la Défense a publié des photos du convoi qui quittait la ville.",
          "Les États-Unis ont refusé de frapper les colonnes de Daech qui se retiraient vers la frontière."]


def test_a_short_line_the_detector_is_unsure_of_takes_the_document_language(seeds):
    # names only: the detector says Norwegian by a small margin; a reader says "the French page's by-line"
    doc_lang, results = language.detect_paragraphs([*FRENCH, "About Ginette Hess Skandrani"])
    assert doc_lang == "fr" and results[2] == language.ParagraphLanguage("fr", "inherited")
    document, paragraphs = _paragraph_languages(seeds["002"])
    assert [lang for text, lang, _ in paragraphs if text == "About Ginette Hess Skandrani"] == ["fr"]
    assert "no" not in {lang for _, lang, _ in paragraphs}  # the view's language filter offered "no"


def test_a_short_line_clearly_in_another_language_keeps_it():
    _, results = language.detect_paragraphs([*FRENCH, "Lesen Sie auch diesen Artikel."])
    assert results[2] == language.ParagraphLanguage("de", "detected")
    # a language the document's long paragraphs already have switches with the ordinary margin
    _, results = language.detect_paragraphs(["The convoy left the city for the Iraqi border, the ministry said on Tuesday.",
                                             *FRENCH, "Je ne regrette rien du tout, mon ami."], given="en")
    assert [r.lang for r in results] == ["en", "fr", "fr", "fr"]


def test_given_language_is_the_document_language():
    doc_lang, results = language.detect_paragraphs(["OK", "Bonjour tout le monde, comment allez-vous ce matin ?"],
                                                   given="fr")
    assert doc_lang == "fr"
    assert [r.lang for r in results] == ["fr", "fr"]


def test_detection_is_deterministic_and_iso_639_1():
    text = "这是一个中文句子，用来测试语言检测是否稳定。我们再写一句话。"
    assert {language.detect(text) for _ in range(5)} == {"zh"}
    assert language.detect("Это предложение написано по-русски и довольно длинное.") == "ru"
    assert language.detect("هذه جملة مكتوبة باللغة العربية لاختبار الكشف عن اللغة.") == "ar"


def test_agrees_with_langdetect_on_the_seeds(seeds):
    DetectorFactory.seed = 0
    compared = agreed = 0
    for path in seeds.values():
        text = read_documents(path)[0].text
        for span in split_paragraphs(text):
            paragraph = text[span.start:span.end]
            if language.letter_count(paragraph) < 40:
                continue
            compared += 1
            agreed += language.detect(paragraph) == langdetect_detect(paragraph).split("-")[0]
    assert compared > 60
    assert agreed / compared >= 0.97


def test_unique_scripts():
    assert language.unique_script_language("Γεια σου") == "el"
    assert language.unique_script_language("שלום") == "he"
    assert language.unique_script_language("Hello Γ") is None
    assert language.unique_script_language("1234") is None


def _normalized_char_by_char(lm, text):
    """langdetect's normalisation as it defines it: the Vietnamese step, then NGram.normalize
    on every character (URLs and e-mail addresses dropped first, as _normalize does)."""
    if "://" in text:
        text = language._URL_RE.sub(" ", text)
    if "@" in text:
        text = language._MAIL_RE.sub(" ", text)
    return "".join(lm._normalize_char(ch) for ch in lm._normalize_vi(text))


def test_the_fast_normalisation_is_langdetects_for_every_character():
    lm = language.model()
    every = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000)
    latin = "".join(ch for ch in every if ord(ch) < 0x3000 and not 0x180 <= ord(ch) < 0x250
                    and not 0x600 <= ord(ch) < 0x700 and not 0x1E00 <= ord(ch) < 0x1F00)
    for text in (every, latin, latin[:2000], "".join(chr(c) for c in range(128)),
                 "«Ça va?» — 3\u00b0C\u00a0ok “quoted” ’s", "Tiếng Việt: Tie\u0301ng Vie\u0323t",
                 "Română: ș ț", "日本語のテキスト、カタカナ", "한국어 텍스트", "see https://example.org/x?y=1 now",
                 "mail me@example.org, Ελληνικά κείμενα", "Русский текст — да", "x\ud800y"):
        assert lm._normalize(text) == _normalized_char_by_char(lm, text), text[:40]


def test_a_guess_is_the_same_with_its_word_cache_full_or_cold():
    lm = language.model()
    texts = ["The minister said on Tuesday that the talks would go on.",
             "Le ministre a déclaré mardi que les négociations continueraient.",
             "Der Minister sagte am Dienstag, die Gespräche würden weitergehen. NATO USA",
             "Der Minister sagte am Dienstag, die Gespräche würden weitergehen. NATO USA"]
    warm = [lm.guess(text) for text in texts]
    lm._word_rows.clear()
    del lm._row_known[1:]
    cold = [lm.guess(text) for text in texts]
    for first, second in zip(warm, cold):
        assert first.ngrams == second.ngrams and (first.scores == second.scores).all()
    assert [guess.best for guess in warm] == ["en", "fr", "de", "de"]


def test_the_model_matrix_is_langdetects_profiles_exactly_and_loads_in_little_memory():
    """Built a language at a time: bit for bit the float32 of log(freq / n_words + smoothing)
    computed over the whole float64 matrix, and without that matrix's ~140 MB at the peak
    (measured in a fresh process: the increase of its peak resident memory)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    import numpy as np

    lm = language.model()
    profile_dir = Path(__import__("langdetect").__file__).parent / "profiles"
    profiles = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(profile_dir.iterdir())]
    whole = np.zeros((len(lm._index), len(profiles)), dtype=np.float64)
    for column, profile in enumerate(profiles):
        for gram, freq in profile["freq"].items():
            if 1 <= len(gram) <= 3:
                whole[lm._index[gram], column] = freq / profile["n_words"][len(gram) - 1]
    expected = np.log(whole + language._SMOOTHING).astype(np.float32)
    assert lm._log_probs.dtype == np.float32 and np.array_equal(lm._log_probs.view(np.uint32), expected.view(np.uint32))
    del whole, expected
    measure = ("import numpy, langdetect.utils.ngram\n"
               "from annotator.core.text import language\n"
               "from tests.benchmarks.memory import peak_rss_mb\n"
               "before = peak_rss_mb()\nlanguage.model()\nprint(peak_rss_mb() - before)")
    grown = float(subprocess.run([sys.executable, "-c", measure], capture_output=True, text=True, check=True,
                                 cwd=Path(__file__).resolve().parents[2]).stdout)
    assert grown < 90  # the matrix (18 MB) and its n-gram index; whole in float64: ~140 MB more
