"""Per-paragraph language detection on langdetect's language profiles.

langdetect estimates a naive-Bayes posterior by sampling n-grams at random (seeded or not),
which costs about 3 ms per paragraph. We load the same 55 profiles and the same character
normalisation from the langdetect package and compute that naive-Bayes score exactly over
every n-gram, vectorised with numpy: the result is deterministic by construction, agrees
with langdetect's own verdict on ordinary text (see tests), and runs some 20x faster, which
is what lets an import keep pace with 1 MB of text per second.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from annotator.core.text import stopwords
from annotator.core.text.letters import MAIL_RE as _MAIL_RE, URL_RE as _URL_RE, paragraph_letters
from annotator.core.text.letters import letter_count, unique_script_language  # noqa: F401 (the language's own)

# Fewer letters than this and the paragraph inherits its document's language.
MIN_LETTERS = 20
# A paragraph keeps its document's language unless another language explains it better by
# at least this much log-likelihood per n-gram (stops flips between close languages).
SWITCH_MARGIN = 0.08
# A short paragraph (fewer letters than SHORT_LETTERS) in a language no long paragraph of its
# document has needs this much more: a by-line of names ("About Ginette Hess Skandrani",
# 0.14 for Norwegian in a French page) is not a passage in another language.
SHORT_LETTERS = 60
SHORT_SWITCH_MARGIN = 0.25
# Paragraphs whose per-language scores detect_paragraphs keeps (220 bytes each) rather than
# computing them again when it weighs a switch away from the document's language.
KEPT_SCORES = 1 << 16
# Paragraphs the model scores together (guess_many).
GUESS_BLOCK = 256
# Words whose scores guess() keeps (rows of one float32 matrix, 220 bytes each).
WORD_ROWS = 200_000
# langdetect's smoothing: each n-gram's probability gets alpha / BASE_FREQ added.
_SMOOTHING = 0.5 / 10000

# Characters ordinary prose rarely contains: what a wrong single-byte decoding produces.
_UNUSUAL = re.compile(r"[^\w\s.,;:!?'\"()\[\]{}\-–—…«»“”„‘’‚‹›/%&@#*+=<>|~$€£¥°§]")
# Combining marks langdetect's Vietnamese step joins to a letter before it.
_VI_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
# Blocks outside Latin-1 and punctuation where langdetect's normalisation changes characters:
# Latin Extended-B, Arabic, Latin Extended Additional, kana, bopomofo, CJK, Hangul syllables.
_OTHER_CHANGED_BLOCKS = re.compile("[\u0180-\u024f\u0600-\u06ff\u1e00-\u1eff\u3040-\u312f\u31a0-\u31bf"
                                   "\u4e00-\u9fff\uac00-\ud7af]")
_CAPS_RUN = re.compile(r"[^\W\d_]*[A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f]{2}")


_WordScore = tuple[np.ndarray, int, int]


@dataclass(frozen=True)
class Guess:
    """Each language's mean log-likelihood per n-gram for one text (higher is likelier)."""

    languages: list[str]
    scores: np.ndarray
    ngrams: int
    columns: dict[str, list[int]] | None = None  # each language's columns, when known (faster margins)

    @property
    def best(self) -> str | None:
        return self.languages[int(self.scores.argmax())] if self.ngrams else None

    def margin_over(self, lang: str) -> float:
        """How much better the best language explains the text than `lang` does."""
        if self.columns is not None:
            columns = self.columns.get(lang, [])
        else:
            columns = [i for i, code in enumerate(self.languages) if code == lang]
        if not self.ngrams or not columns:
            return float("inf")
        return float(self.scores.max() - self.scores[columns].max())


def _iso_code(profile_name: str) -> str:
    return profile_name.split("-")[0]  # zh-cn / zh-tw -> zh


class LanguageModel:
    """langdetect's n-gram profiles as one log-probability matrix (n-grams x languages)."""

    def __init__(self) -> None:
        from langdetect.utils.ngram import NGram

        self._normalize_char = NGram.normalize
        self._normalize_vi = NGram.normalize_vi
        profile_dir = Path(__import__("langdetect").__file__).parent / "profiles"
        profiles = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(profile_dir.iterdir())]
        self.languages = [_iso_code(p["name"]) for p in profiles]
        index: dict[str, int] = {}
        for profile in profiles:
            for gram in profile["freq"]:
                if 1 <= len(gram) <= 3:
                    index.setdefault(gram, len(index))
        # One language's column at a time in float64 (the same values, element by element, as
        # the whole matrix would give): the whole in float64 and its temporaries took ~140 MB
        # at the peak, on top of every import's own memory, for an 18 MB float32 result.
        self._log_probs = np.empty((len(index), len(profiles)), dtype=np.float32)
        probs = np.empty(len(index), dtype=np.float64)
        for column in range(len(profiles)):
            profile, profiles[column] = profiles[column], None  # each profile let go once read
            probs.fill(0.0)
            totals = profile["n_words"]
            for gram, freq in profile["freq"].items():
                if 1 <= len(gram) <= 3:
                    probs[index[gram]] = freq / totals[len(gram) - 1]
            del profile
            probs += _SMOOTHING
            self._log_probs[:, column] = np.log(probs, out=probs)
        self._index = index
        self._char_map: dict[int, str] = {}
        self._mapped_chars: set[str] = set()  # the characters _char_map has (a set difference finds new ones)
        # langdetect's normalisation of the blocks news text is written in, as two tables: the
        # ASCII bytes (non-letters -> space) and the Latin-1 and punctuation characters it
        # turns into spaces; characters of the other blocks it changes go through _char_map
        self._ascii_bytes = bytes(ord(self._normalize_char(chr(c))) for c in range(128)) + bytes(range(128, 256))
        spaces = "".join(chr(c) for c in (*range(0x80, 0x100), *range(0x2000, 0x2070))
                         if self._normalize_char(chr(c)) == " ")
        self._to_space = re.compile(f"[{re.escape(spaces)}]")
        # word -> (sum of its known n-grams' log-probabilities per language, known n-grams,
        # all n-grams). Words repeat (Zipf), so most of a text is scored from this cache.
        self._word_cache: dict[str, _WordScore] = {}
        self._no_ngrams: _WordScore = (np.zeros(len(self.languages), dtype=np.float32), 0, 0)
        # guess()'s own cache: word -> a row of _row_scores (its n-grams' summed log-probabilities;
        # row 0: no n-grams, an acronym's) and its known n-grams in _row_known, so that a text's
        # words are summed by one indexing of that matrix
        self._word_rows: dict[str, int] = {}
        self._row_scores = np.zeros((1024, len(self.languages)), dtype=np.float32)
        self._row_known: list[int] = [0]
        self.columns: dict[str, list[int]] = {}
        for column, code in enumerate(self.languages):
            self.columns.setdefault(code, []).append(column)

    def _normalize(self, text: str) -> str:
        """langdetect's normalisation: every character through NGram.normalize (after its
        Vietnamese step), URLs and e-mail addresses dropped."""
        if "://" in text:
            text = _URL_RE.sub(" ", text)
        if "@" in text:
            text = _MAIL_RE.sub(" ", text)
        if text.isascii():
            return text.translate(self._ascii_bytes)  # str.translate's fast path on ASCII text
        if _VI_MARKS.search(text):
            text = self._normalize_vi(text)
        if _OTHER_CHANGED_BLOCKS.search(text):  # CJK, kana, Hangul, Arabic...: character by character
            unseen = set(text) - self._mapped_chars
            self._mapped_chars |= unseen
            for ch in unseen:
                self._char_map[ord(ch)] = self._normalize_char(ch)
            return text.translate(self._char_map)
        text = text.encode("utf-8", "surrogatepass").translate(self._ascii_bytes).decode("utf-8", "surrogatepass")
        return self._to_space.sub(" ", text)

    def _score_word(self, word: str) -> _WordScore:
        padded = f" {word} "
        grams = [*word, *(padded[i : i + 2] for i in range(len(padded) - 1)),
                 *(padded[i : i + 3] for i in range(len(padded) - 2))]
        index = self._index
        ids = [index[g] for g in grams if g in index]
        return self._log_probs[ids].sum(axis=0), len(ids), len(grams)

    def _words(self, text: str, skip_acronyms: bool) -> list[_WordScore]:
        normalized = self._normalize(text)
        latin = len(normalized.encode("ascii", "ignore")) - normalized.count(" ")
        if latin * 2 < len(normalized) - normalized.count(" ") - latin:
            # Mostly another script: Latin words are names or URLs, as in langdetect's cleaning step.
            normalized = re.sub(r"[A-Za-z]+", " ", normalized)
        cache = self._word_cache
        if len(cache) > 200_000:
            cache.clear()
        scores = []
        for word in normalized.split():
            entry = cache.get(word)
            if entry is None:
                # acronyms say nothing about the language (langdetect skips them too)
                entry = self._no_ngrams if _CAPS_RUN.match(word) else self._score_word(word)
                cache[word] = entry
            if entry is self._no_ngrams and not skip_acronyms:
                entry = self._score_word(word)
            scores.append(entry)
        return scores

    def _word_row(self, word: str) -> int:
        """The row of a word's scores, made (and kept) on first sight (room made by the caller:
        _make_room)."""
        if _CAPS_RUN.match(word):
            row = 0  # acronyms say nothing about the language (langdetect skips them too)
        else:
            scores, known, _ = self._score_word(word)
            row = len(self._row_known)
            if row == len(self._row_scores):
                self._row_scores = np.concatenate([self._row_scores, np.zeros_like(self._row_scores)])
            self._row_scores[row] = scores
            self._row_known.append(known)
        self._word_rows[word] = row
        return row

    def _make_room(self, words: int) -> bool:
        """Empties the word rows when `words` more might not fit (True then): before a text's
        rows are looked up, so that none of them is dropped while still in use."""
        if len(self._row_known) + words < WORD_ROWS:
            return False
        self._word_rows.clear()
        del self._row_known[1:]
        return True

    def _rows(self, text: str) -> tuple[list[int], int]:
        """The rows of a text's words, in order, and the n-grams known to the profiles."""
        normalized = self._normalize(text)
        latin = len(normalized.encode("ascii", "ignore")) - normalized.count(" ")
        if latin * 2 < len(normalized) - normalized.count(" ") - latin:
            # Mostly another script: Latin words are names or URLs, as in langdetect's cleaning step.
            normalized = re.sub(r"[A-Za-z]+", " ", normalized)
        words = normalized.split()
        rows = list(map(self._word_rows.get, words))
        if None in rows:
            rows = [self._word_row(word) if row is None else row for word, row in zip(words, rows)]
        return rows, sum(map(self._row_known.__getitem__, rows))

    def guess(self, text: str) -> Guess:
        self._make_room(len(text))
        rows, known = self._rows(text)
        if not known:
            return Guess(self.languages, self._no_ngrams[0], 0)
        # the rows summed in text order, one matrix reduction: the same float32 sums as adding
        # each word's vector
        return Guess(self.languages, self._row_scores[rows].sum(axis=0) / known, known, self.columns)

    def guess_many(self, texts: Sequence[str]) -> tuple[list[int], np.ndarray]:
        """guess() of each text: the indexes of the texts with known n-grams and their scores (one
        row each, the very values guess gives), without a Guess made for each."""
        scored: list[int] = []
        rows: list[int] = []
        starts: list[int] = []
        known: list[int] = []
        parts = []
        for index, text in enumerate(texts):
            if rows and len(self._row_known) + len(text) >= WORD_ROWS:  # summed before their rows are reused
                parts.append(self._row_sums(rows, starts, known))
                rows, starts, known = [], [], []
            self._make_room(len(text))
            text_rows, text_known = self._rows(text)
            if text_known:
                scored.append(index)
                starts.append(len(rows))
                known.append(text_known)
                rows += text_rows
        if rows:
            parts.append(self._row_sums(rows, starts, known))
        if not parts:
            return scored, np.empty((0, len(self.languages)), dtype=np.float32)
        return scored, parts[0] if len(parts) == 1 else np.concatenate(parts)

    def _row_sums(self, rows: list[int], starts: list[int], known: list[int]) -> np.ndarray:
        # each text's rows reduced on their own, as guess does (np.add.reduceat would add them in
        # another order: other float32 roundings); the divisions at once, in float32 as guess's
        every, scores = np.array(rows, dtype=np.intp), self._row_scores
        sums = np.stack([scores[every[start:end]].sum(axis=0) for start, end in zip(starts, [*starts[1:], len(rows)])])
        return sums / np.array(known, dtype=np.float32)[:, None]

    def plausibility(self, text: str) -> float:
        """Log-likelihood of the text in its best language, unknown n-grams at the floor and
        each unusual symbol (box drawing, a stray sign...) costing six floor n-grams. Compares
        candidate single-byte decodings of the same bytes (same length, so sums compare)."""
        words = self._words(text, skip_acronyms=False)
        floor = float(np.log(_SMOOTHING))
        best_sum = float(np.add.reduce([word[0] for word in words]).max()) if words else 0.0
        unknown = sum(word[2] - word[1] for word in words)
        return best_sum + (unknown + 6 * len(_UNUSUAL.findall(text))) * floor


_model: LanguageModel | None = None
_model_lock = threading.Lock()


def model() -> LanguageModel:
    """The shared model, loaded on first use (about 0.3 s)."""
    global _model
    with _model_lock:
        if _model is None:
            _model = LanguageModel()
        return _model


@dataclass(frozen=True, slots=True)
class ParagraphLanguage:
    lang: str
    source: str  # "detected", "script", "inherited" or "given"


def detect_paragraphs(paragraphs: Sequence[str], given: str | None = None,
                      fallback: str = "en") -> tuple[str, list[ParagraphLanguage]]:
    """The document's language and each paragraph's.

    The document's language is `given`, or else the language covering most letters among
    paragraphs long enough to judge. Short or undecidable paragraphs inherit it. A long
    paragraph whose stop words leave no doubt takes their language without the model
    (stopwords.py: the model confirms it on a sample), and keeps it.

    Memory: one shared ParagraphLanguage per (language, source) pair, and the languages'
    scores kept (in one array) for the first KEPT_SCORES paragraphs only: a paragraph past
    those that was detected in another language than the document's is scored again
    (deterministic, so with the same result) to weigh the margin.
    """
    lm = model()
    shared: dict[tuple[str, str], ParagraphLanguage] = {}
    kept = np.empty((min(len(paragraphs), KEPT_SCORES), len(lm.languages)), dtype=np.float32)

    def verdict_of(lang: str, source: str) -> ParagraphLanguage:
        verdict = shared.get((lang, source))
        if verdict is None:
            verdict = shared[lang, source] = ParagraphLanguage(lang, source)
        return verdict

    lengths, scripted = paragraph_letters(paragraphs)
    verdicts: list[ParagraphLanguage | None] = [None] * len(paragraphs)
    shortcut = stopwords.Shortcut()
    by_stop_words = bytearray(len(paragraphs))  # 1: the language came from the stop words
    waiting: list[int] = []  # paragraphs for the model, guessed a block at a time (guess_many)
    waiting_texts: list[str] = []

    def guess_waiting() -> None:
        scored, scores = lm.guess_many(waiting_texts)
        for row, (waited, best) in enumerate(zip(scored, scores.argmax(axis=1).tolist())):
            index = waiting[waited]
            verdicts[index] = verdict_of(lm.languages[best], "detected")
            if index < len(kept):
                kept[index] = scores[row]  # float32 both: an exact copy
        waiting.clear(), waiting_texts.clear()

    for index, text in enumerate(paragraphs):
        letters = lengths[index]
        script_lang = unique_script_language(text) if scripted[index] else None
        if script_lang is not None:
            verdicts[index] = verdict_of(script_lang, "script")
        elif letters >= MIN_LETTERS:
            quick, confirm = shortcut.language(text) if letters >= SHORT_LETTERS else (None, False)
            if quick is not None and not confirm:
                verdicts[index] = verdict_of(quick, "detected")
                by_stop_words[index] = 1
            elif quick is not None:  # a sample confirming the shortcut: its answer decides what follows
                guess = lm.guess(text)
                verdicts[index] = verdict_of(guess.best, "detected") if guess.best else None
                if guess.best and index < len(kept):
                    kept[index] = guess.scores
                shortcut.confirmed(quick, guess.best)
            else:  # nothing else waits for this one's answer
                waiting.append(index), waiting_texts.append(text)
                if len(waiting) == GUESS_BLOCK:
                    guess_waiting()
    guess_waiting()
    letters_per_lang: dict[str, int] = {}  # in paragraph order: ties go to the language seen first
    for verdict, letters in zip(verdicts, lengths):
        if verdict is not None:
            letters_per_lang[verdict.lang] = letters_per_lang.get(verdict.lang, 0) + letters
    if given:
        doc_lang = given
    elif letters_per_lang:
        doc_lang = max(letters_per_lang.items(), key=lambda item: item[1])[0]
    else:
        doc_lang = fallback
    inherited = verdict_of(doc_lang, "inherited")
    long_languages = {v.lang for v, n in zip(verdicts, lengths) if v is not None and n >= SHORT_LETTERS}
    switches = [index for index, verdict in enumerate(verdicts) if verdict is not None and verdict.source == "detected"
                and verdict.lang != doc_lang and not by_stop_words[index]]
    for index, margin in zip(switches, _margins(lm, kept, paragraphs, switches, doc_lang)):
        unsure = lengths[index] < SHORT_LETTERS and verdicts[index].lang not in long_languages
        if margin < (SHORT_SWITCH_MARGIN if unsure else SWITCH_MARGIN):
            verdicts[index] = inherited
    return doc_lang, [verdict or inherited for verdict in verdicts]


def _margins(lm: LanguageModel, kept: np.ndarray, paragraphs: Sequence[str], indexes: list[int],
             lang: str) -> list[float]:
    """Guess.margin_over(lang) of each paragraph in `indexes` (all with a best language): for
    those with kept scores, one float32 subtraction per row as margin_over does, all at once."""
    columns = lm.columns.get(lang)
    if not columns:
        return [float("inf")] * len(indexes)
    inside = [index for index in indexes if index < len(kept)]
    scores = kept[inside]
    margins = (scores.max(axis=1) - scores[:, columns].max(axis=1)).tolist() if inside else []
    return margins + [lm.guess(paragraphs[index]).margin_over(lang) for index in indexes[len(inside):]]


def detect(text: str) -> str | None:
    """The most likely language of one text, or None when it has no usable n-grams."""
    script_lang = unique_script_language(text)
    if script_lang:
        return script_lang
    return model().guess(text).best
