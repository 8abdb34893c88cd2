"""A shortcut past the n-gram language model for long paragraphs whose function words leave no
doubt, confirmed against the model on a sample.

Scoring every n-gram of every paragraph was two thirds of an import's time (issue 29). Most
paragraphs of a news page are long and plainly in one language: their commonest words ("the",
"und", "les", "het"...) say which. A paragraph goes to the model when those words are few or
point two ways; otherwise it takes their language, except that the first such paragraph of each
language in a document, and every CONFIRM_EVERY-th after it, is also given to the model: if
the model disagrees once, the shortcut is off for that language in the rest of the document.

Each list holds only words that no other listed language writes the same way ("die" is Dutch
too, "il" Italian too, "que" Spanish, Portuguese and French): those decide between languages;
the shared ones only add to the count. Languages without a list (or without spaces between
words) always go to the model.
"""

from __future__ import annotations

from collections import Counter

_WORDS = {
    "en": "the and that with for this are have has from which were been would their they by but its said "
          "there about after who",
    "fr": "une est et dans pour sur pas au aux avec cette sont ont été elle ils par plus leur nous ses "
          "selon aussi être où",
    "de": "der und ist nicht mit sich auf für ein eine auch wurde hat sind von zu bei nach aus oder dass "
          "einer einem noch über wird seine",
    "es": "el los las y más pero sus fue muy también dijo según hasta ya donde cuando",
    "it": "di che della è sono gli alla anche nel delle degli questo sul dal nella più essere loro",
    "pt": "não uma ao foi também pelo pela são muito às ainda isso pelos seus",
    "nl": "het een van dat niet zijn voor ook wordt werd naar hij maar door heeft deze",
}
# The commonest words of all are shared: each counts for every language that writes it, so it
# adds to the total without telling close languages apart.
_SHARED = {
    "de": "fr es pt nl", "la": "fr es it", "le": "fr it", "des": "fr de", "il": "fr it", "que": "fr es pt",
    "en": "fr es nl", "die": "de nl", "in": "en de nl it", "is": "en nl", "of": "en nl", "del": "es it",
    "con": "es it", "una": "es it", "por": "es pt", "para": "es pt", "se": "fr es pt it", "da": "pt it",
    "non": "fr it", "den": "de nl", "wie": "de nl", "es": "de es", "an": "en de", "on": "en fr",
    "les": "fr es", "das": "de pt", "will": "en de", "desde": "es pt", "está": "es pt", "worden": "nl de",
}
STOP_WORDS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _WORDS.items():
    for _word in _words.split():
        assert _word not in STOP_WORDS and _word not in _SHARED, f"stop word {_word!r} is in two lists"
        STOP_WORDS[_word] = (_lang,)
for _word, _languages in _SHARED.items():
    STOP_WORDS[_word] = tuple(_languages.split())

# At least this many stop words (shared ones included) that the language writes, and at least
# UNIQUE_HITS of its own words, DOMINANCE times as many as any other language's own words.
MIN_HITS = 5
UNIQUE_HITS = 2
DOMINANCE = 3
# The model checks the first shortcut of each language in a document and every N-th after.
CONFIRM_EVERY = 8

# The words looked at: the paragraph's first ones are a fair sample of its language.
SAMPLE_WORDS = 60


# Each listed word's own language (the words of one list), and each language's words (its own and
# the shared ones that count for it): stop_word_language counts them with C-level map, filter,
# list.count and set lookups, no Python step per word.
_OWN = {word: languages[0] for word, languages in STOP_WORDS.items() if word not in _SHARED}
_COUNTING = {lang: frozenset(word for word, languages in STOP_WORDS.items() if lang in languages) for lang in _WORDS}


def stop_word_language(text: str) -> str | None:
    """The language the paragraph's function words point to, when they are many and agree."""
    words = text.lower().split(maxsplit=SAMPLE_WORDS)[:SAMPLE_WORDS]
    # words split on spaces only: one next to punctuation ("the,") is not counted, which only
    # makes the shortcut more cautious
    found = list(filter(None, map(_OWN.get, words)))
    if len(found) < UNIQUE_HITS:
        return None
    own = {lang: found.count(lang) for lang in dict.fromkeys(found)}  # in order of first sight: ties go to the first
    best = max(own, key=own.__getitem__)
    count = own[best]
    if count < UNIQUE_HITS or (len(own) > 1 and count < DOMINANCE * sorted(own.values())[-2]):
        return None
    if count < MIN_HITS and sum(map(_COUNTING[best].__contains__, words)) < MIN_HITS:  # shared words count too
        return None
    return best


class Shortcut:
    """One document's shortcut, with the languages the model has refuted in it."""

    def __init__(self) -> None:
        self._taken: Counter[str] = Counter()
        self._refuted: set[str] = set()

    def language(self, text: str) -> tuple[str | None, bool]:
        """(the stop words' language or None, whether the model must confirm it)."""
        lang = stop_word_language(text)
        if lang is None or lang in self._refuted:
            return None, False
        confirm = self._taken[lang] % CONFIRM_EVERY == 0
        self._taken[lang] += 1
        return lang, confirm

    def confirmed(self, lang: str, model_language: str | None) -> bool:
        """Record the model's verdict on a confirming sample; False turns the language off."""
        if model_language != lang:
            self._refuted.add(lang)
            return False
        return True

