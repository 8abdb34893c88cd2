"""The project search's query language, parsed into plain parts (store/search.py turns them
into SQL). No SQLite here: the parser is pure so that the CLI and the app report a bad query in
one line before anything is read.

    sputnik "state media"      words and phrases (all must occur); case and diacritics ignored
    sput*                      a word's beginning
    *putni*                    a substring (also what a term in a script without spaces is)
    lang:de  group:NAME  doc:ID-or-TITLE  label:NAME  annotator:NAME
    suggest:LABEL>=0.8         the model suggests LABEL with at least that probability
    is:disagreement  is:confirmed  is:boilerplate  is:flag (flagged for discussion)
    -term  -label:NAME  -is:boilerplate      leave out what matches
Values with spaces are quoted: group:"Story 12".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

FILTERS = ("lang", "group", "doc", "label", "annotator", "suggest")
STATES = ("disagreement", "confirmed", "boilerplate", "flag")
_TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"|(\S+))')
_SUGGEST = re.compile(r"^(.+?)(>=|>)([01](?:\.\d+)?|\.\d+)$")
# control characters part terms as spaces do: a NUL inside a term ended SQLite's reading of the
# full-text query ("unterminated string")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
MAX_PARTS = 200  # terms and filters: SQLite nests each in the query (at most 1000 deep)
# a longer term finds nothing a shorter piece of it would not, and a 1 MB substring took the
# trigram lookup 20 s
MAX_TERM_CHARACTERS = 1000


class QueryError(ValueError):
    """A query the language does not read; the message is one line for the user."""


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False  # quoted: the words in this order
    prefix: bool = False  # sput*: a word's beginning
    substring: bool = False  # *putni*, or a script written without spaces
    negated: bool = False


@dataclass(frozen=True)
class Filter:
    name: str  # one of FILTERS, or "is"
    value: str
    negated: bool = False
    threshold: float = 0.0  # suggest: the least probability
    strict: bool = False  # suggest: > instead of >=


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.terms and not self.filters


def unspaced(text: str) -> bool:
    """Whether `text` holds letters of a script written without spaces between words."""
    for char in text:
        if ord(char) < 0x0E00:
            continue
        name = unicodedata.name(char, "")
        if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "YI ")):
            return True
    return False


def parse(query: str) -> Query:
    """The query's terms and filters; QueryError (one line) for what the language does not read."""
    query = _CONTROL.sub(" ", query)
    if query.count('"') % 2:
        raise QueryError('a quotation mark (") is not closed')
    terms: list[Term] = []
    filters: list[Filter] = []
    for match in _TOKEN.finditer(query):
        negated, key, quoted, bare = bool(match.group(1)), match.group(2), match.group(3), match.group(4)
        value = quoted if quoted is not None else bare
        if key is None and bare is not None and bare[:-1].isalpha() and bare.endswith(":"):
            key, value = bare[:-1], ""  # "group:" with nothing after it
        if key is not None:
            filters.append(_filter(key.lower(), value, negated))
        elif quoted is not None:
            if value.strip():
                terms.append(Term(value.strip(), phrase=True, substring=unspaced(value), negated=negated))
        else:
            terms.append(_term(value, negated))
    longest = max((len(term.text) for term in terms), default=0)
    if longest > MAX_TERM_CHARACTERS:
        raise QueryError(f"a term of {longest:,} characters is too long to search for (at most"
                         f" {MAX_TERM_CHARACTERS:,}: search for a piece of it)")
    if len(terms) + len(filters) > MAX_PARTS:
        raise QueryError(f"too many terms and filters ({len(terms) + len(filters)}; at most {MAX_PARTS})")
    if terms and all(term.negated for term in terms) and not filters:
        raise QueryError("a query of only left-out terms (-word) finds everything else: add a word or a filter")
    return Query(tuple(terms), tuple(filters))


def _term(value: str, negated: bool) -> Term:
    if len(value) > 2 and value.startswith("*") and value.endswith("*"):
        return Term(value[1:-1], substring=True, negated=negated)
    if value.endswith("*") and len(value) > 1 and not unspaced(value):
        return Term(value[:-1], prefix=True, negated=negated)
    if not any(char.isalnum() for char in value):
        raise QueryError(f"'{value}' holds no letter or digit to search for")
    return Term(value, substring=unspaced(value), negated=negated)


def _filter(key: str, value: str, negated: bool) -> Filter:
    if not value:
        raise QueryError(f"'{key}:' needs a value")
    if key == "is":
        state = value.lower()
        if state not in STATES:
            raise QueryError(f"unknown 'is:{value}' (known: {', '.join('is:' + s for s in STATES)})")
        return Filter("is", state, negated)
    if key not in FILTERS:
        known = ", ".join(f"{name}:" for name in (*FILTERS, "is"))
        raise QueryError(f"unknown filter '{key}:' (known: {known}; quote text that holds a colon)")
    if key == "suggest":
        found = _SUGGEST.match(value)
        if not found:
            raise QueryError(f"'suggest:{value}' should read suggest:LABEL>=P with P between 0 and 1")
        threshold = float(found.group(3))
        if threshold > 1:
            raise QueryError(f"'suggest:{value}': the probability must be between 0 and 1")
        return Filter("suggest", found.group(1), negated, threshold, found.group(2) == ">")
    return Filter(key, value, negated)


# Marks that `fold` drops: the generic combining diacritics (Latin, Greek and Cyrillic letters
# decompose into a base letter and these), Hebrew points, Arabic harakat, hamza and the tatweel.
# Marks that make another letter in their script stay (Japanese dakuten, Indic vowel signs).
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                         "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
                         "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]")
# letters with a stroke have no decomposition to drop it from
_STROKES = str.maketrans("łøđħıŧŀ", "lodhitl")


def fold(text: str) -> str:
    """`text` as substring search compares it: compatibility forms unified (fullwidth, ligatures),
    case folded (ß is ss, final ς is σ), diacritics dropped ("Abū Kamāl" is "abu kamal",
    "Αθήνα" is "αθηνα", "أحمد" is "احمد")."""
    plain = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text).casefold())
    return unicodedata.normalize("NFC", plain).translate(_STROKES)


def folded(text: str) -> tuple[str, list[int]]:
    """`text` folded as `fold` folds it, with each folded character's index in `text`
    (to cut a keyword-in-context line around a match found in the folded form)."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for piece in fold(char):
            out.append(piece)
            where.append(index)
    return "".join(out), where


def in_context(text: str, query: Query, width: int = 40) -> tuple[str, str, str]:
    """(left, match, right): the first place a term of `query` occurs in `text`, with up to
    `width` characters either side (the keyword-in-context line); the text's start when none does."""
    plain, where = folded(text)
    best: tuple[int, int] | None = None
    for term in query.terms:
        if term.negated:
            continue
        needle = folded(term.text)[0]
        if term.phrase and not term.substring:
            needle = " ".join(needle.split())
        at = plain.find(needle) if needle else -1
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(needle))
    if best is None:
        return "", "", _clip(text, 2 * width, left=False)
    start, end = where[best[0]], where[best[1] - 1] + 1
    return _clip(text[:start], width, left=True), text[start:end], _clip(text[end:], width, left=False)


def _clip(text: str, width: int, *, left: bool) -> str:
    text = text.replace("\n", " ")
    if len(text) <= width:
        return text
    return "…" + text[-width:] if left else text[:width] + "…"
