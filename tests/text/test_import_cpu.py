"""The import's analysis made cheaper without changing what it finds (issue 29): each faster path
gives the slower one's answer, on the seeds, the benchmark's pages and pages made to reach the
rules' corners."""

from __future__ import annotations

import random
import re
import sqlite3

import numpy as np
import pytest

from annotator.core.store import Store
from annotator.core.text import boilerplate, language, letters, pool, segment, stopwords
from annotator.core.text.analyze import _Slices
from annotator.core.text.importer import analyze_files
from annotator.core.text.ingest import read_documents
from annotator.errors import InputError
from tests.benchmarks.compare_import import _ODD_LINES, write_corner_pages
from tests.benchmarks.corpus import seed_paragraphs, write_corpus


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Paragraph texts of whole documents: the benchmark's pages and the corner pages."""
    folder = tmp_path_factory.mktemp("pages")
    paths = write_corpus(folder / "bench", 120_000) + write_corner_pages(folder / "corner", seed_paragraphs(), pages=30)
    documents = [source for path in paths for source in read_documents(path)]
    return [_Slices(source.text, segment.split_paragraphs(source.text)) for source in documents]


def test_letters_counted_per_page_are_letter_count_and_the_script_test(pages, monkeypatch):
    odd = "Ünïcödé ₂ 😀 İı ſ Kx https://x.org/ab a@b.cd ٣ 七 Ελλάδα עברית ‘quoted’ \ud800 tail"
    text = "\n\n".join([odd, *(odd[i:] for i in range(0, len(odd), 3)), "x" * 50, "://", "a:/", "@"])
    pages = [*pages, _Slices(text, segment.split_paragraphs(text))]
    for window in (letters.WINDOW, 40):  # a small window: paragraphs longer than it are counted alone
        monkeypatch.setattr(letters, "WINDOW", window)
        for page in pages:
            counts, scripted = letters.paragraph_letters(page)
            assert counts == [letters.letter_count(p) for p in page]
            assert [s or letters.unique_script_language(p) is None for s, p in zip(scripted, page)] == [True] * len(page)
            assert (counts, scripted) == letters.paragraph_letters(list(page))  # the per-paragraph path


def test_the_letter_table_is_the_regexs_answer_for_every_character():
    table, _ = letters._bmp_tables()
    assert [letters.letter_count(chr(c)) for c in range(0x10000) if c != 0xFFFF] == \
        table[[c for c in range(0x10000) if c != 0xFFFF]].tolist()


def test_many_guesses_at_once_are_each_guess_bit_for_bit(pages):
    lm = language.model()
    texts = [p for page in pages[:40] for p in page] + ["", "NATO USA", "x"]
    scored, scores = lm.guess_many(texts)
    singles = [lm.guess(text) for text in texts]
    assert scored == [i for i, guess in enumerate(singles) if guess.ngrams]
    assert all(np.array_equal(row, singles[i].scores) and row.dtype == np.float32 for i, row in zip(scored, scores))


def test_the_word_rows_emptied_mid_batch_give_the_same_scores(pages, monkeypatch):
    lm = language.LanguageModel()
    texts = [p for page in pages[:10] for p in page]
    expected = lm.guess_many(texts)
    monkeypatch.setattr(language, "WORD_ROWS", 300)  # emptied many times in the batch
    fresh = language.LanguageModel()
    scored, scores = fresh.guess_many(texts)
    assert scored == expected[0] and np.array_equal(scores, expected[1])
    assert [fresh.guess(t).best for t in texts[:50]] == [lm.guess(t).best for t in texts[:50]]


def test_paragraph_languages_do_not_depend_on_the_block_or_the_kept_scores(pages, monkeypatch):
    expected = [language.detect_paragraphs(page) for page in pages]
    monkeypatch.setattr(language, "GUESS_BLOCK", 3)
    monkeypatch.setattr(language, "KEPT_SCORES", 2)  # most margins from scores made again
    assert [language.detect_paragraphs(page) for page in pages] == expected
    assert [language.detect_paragraphs(list(page)) for page in pages] == expected


def _stop_word_language_one_by_one(text):
    """stop_word_language as it was, with a Python step per word (the reference)."""
    words = text.lower().split(maxsplit=stopwords.SAMPLE_WORDS)[:stopwords.SAMPLE_WORDS]
    found = list(filter(None, map(stopwords.STOP_WORDS.get, words)))
    own: dict[str, int] = {}
    for languages in found:
        if len(languages) == 1:
            own[languages[0]] = own.get(languages[0], 0) + 1
    if not own:
        return None
    best = max(own, key=own.__getitem__)
    count = own.pop(best)
    if count < stopwords.UNIQUE_HITS or (own and count < stopwords.DOMINANCE * max(own.values())):
        return None
    if sum(1 for languages in found if best in languages) < stopwords.MIN_HITS:
        return None
    return best


def test_stop_words_counted_in_c_name_the_same_language(pages):
    chance = random.Random(5)
    by_language: dict[str, list[str]] = {}
    for word, languages in stopwords.STOP_WORDS.items():
        for lang in languages:
            by_language.setdefault(lang, []).append(word)
    codes = sorted(by_language)
    texts = [p for page in pages for p in page]
    for _ in range(5000):  # mostly one language's words, some another's, some of none
        main, other = chance.choice(codes), chance.choice(codes)
        texts.append(" ".join(chance.choice(by_language[main]) if chance.random() < 0.5 else
                              chance.choice(by_language[other]) if chance.random() < 0.3 else
                              chance.choice(["x", "The", "LES", "und.", "de"]) for _ in range(chance.randint(0, 80))))
    answers = [stopwords.stop_word_language(text) for text in texts]
    assert answers == [_stop_word_language_one_by_one(text) for text in texts]
    assert len({a for a in answers if a}) == len(codes)  # every language was named somewhere


def test_a_line_the_social_words_test_passes_over_has_no_social_word(pages):
    lines = [" ".join(p.split()) for page in pages for p in page] + _ODD_LINES + [
        "E-Mail", "e-mail", "GOOGLE+", "VKontakte Telegram", "WhatsApp 3 shares", "İ facebook", "ſhare K"]
    for line in lines:
        folded, rule, _ = boilerplate._social_rules(line)
        if not boilerplate._may_be_social(folded, rule):
            assert rule.search(folded) is None
    assert boilerplate.line_reason("Facebook Twitter Google+ 3 Kommentare") == "share-counter"


def _split_sentences_by_the_loop(text, paragraph, lang, monkeypatch):
    original = segment.sentencex.segment
    with monkeypatch.context() as patch:  # the segmenter's list, seen as more than one piece
        patch.setattr(segment.sentencex, "segment", lambda lang, chunk: [*original(lang, chunk), ""])
        return segment.split_sentences(text, paragraph, lang)


def test_a_paragraph_left_whole_is_the_sentence_the_loop_finds(pages, monkeypatch):
    for page in pages[::3]:
        for span in page.spans:
            for lang in ("en", "fr", "de"):
                assert segment.split_sentences(page.text, span, lang) == \
                    _split_sentences_by_the_loop(page.text, span, lang, monkeypatch)
    for text in ["2.", "…", " Padded sentence. ", "", "Two. Sentences."]:
        span = segment.Span(0, len(text))
        assert segment.split_sentences(text, span, "en") == _split_sentences_by_the_loop(text, span, "en", monkeypatch)


def test_workers_take_small_files_in_batches_and_raise_each_error_at_its_turn(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(pool, "BATCH_FILES", 4)
    paths = write_corpus(tmp_path / "corpus", 200_000)
    assert [len(batch) for batch in pool._batches(paths, range(len(paths)))] == [4] * (len(paths) // 4) + \
        ([len(paths) % 4] if len(paths) % 4 else [])
    bad = tmp_path / "corpus" / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    paths.insert(6, bad)
    taken = []
    with pytest.raises(InputError, match="bad.txt"):
        for document, _ in analyze_files(paths, workers=2):
            taken.append(document.source.source_path)
    assert taken == [str(path) for path in paths[:6]]  # the files before it, in order, and no more


def test_the_stored_rows_are_the_same_with_and_without_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "POOL_MIN_BYTES", 0)
    paths = write_corpus(tmp_path / "corpus", 150_000) + write_corner_pages(tmp_path / "corner", seed_paragraphs(), 8)
    rows = []
    for workers in (1, 2):
        project = tmp_path / f"p{workers}.sqlite"
        with Store.open(project) as store:
            store.documents.import_documents(analyze_files(paths, workers=workers))
        with sqlite3.connect(project) as db:
            rows.append([db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                         for table in ("paragraphs", "sentences")])
    assert rows[0] == rows[1] and len(rows[0][1]) > 1000
    assert {re.sub(r"\d", "", str(r[-1])) for r in rows[0][1]} > {"None", "navigation", "repeated"}


def test_a_line_without_runs_of_whitespace_is_its_own_one_line(pages):
    assert [c for c in range(0x110000) if chr(c).isprintable() and chr(c).isspace()] == [ord(" ")]
    lines = [p for page in pages for p in page] + ["", " ", "a  b", " a", "a ", "a\u00a0b", "a\tb", "a\nb", "a\u3000b", "a b"]
    assert [boilerplate.one_line(line) for line in lines] == [" ".join(line.split()) for line in lines]
