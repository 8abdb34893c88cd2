"""Names, numbers and dates of a sentence as keys that match across scripts and spellings.

Retold news shares its facts more than its wording: "November 9", "al-Bukamal" / "Abu Kamal" /
"Albu Kamal" / "Абу-Кемаль", "15 km", "SDF". scoring.anchor_tokens (the length engine's anchors)
compares words as written; here every word is first transliterated to ASCII (anyascii), so a
Cyrillic or Greek name meets its Latin spelling, and names are compared by a consonant skeleton
after a few spelling rewrites (German "tsch" / "w" / "z", French "ou"...), so "Klinzewitsch",
"Klintsevich" and "Klintsevitch" are one name. A name made of several capitalised words is also
taken whole ("Abu Kamal" -> "bkml"), and a name also has the keys of what follows a leading
particle (al-, Abu, Bu: "Albu Kamal" -> "lbkml" and "kml", "Abu Kamal" -> "bkml" and "kml").
Months in the usual European languages become "m11", and a month with a day number next to it a
date key "d11-9". Plain sets of strings: no vectors, no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

_WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
# spelling rewrites applied in order to a transliterated, lower-cased name before its vowels go
_REWRITES = (("dsch", "j"), ("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("ck", "k"), ("ph", "f"),
             ("w", "v"), ("z", "ts"), ("dj", "j"), ("kh", "h"), ("q", "k"), ("x", "ks"))
_VOWELS = re.compile(r"[aeiouy]+")
MIN_SKELETON = 3  # consonants a name key needs
# particles written with or into a name (al-Bukamal, Albu Kamal, Abou Kamal): a name also has the
# keys of what follows them
PARTICLES = ("albu", "abou", "abu", "bou", "bu", "al", "el", "ibn", "bin", "ben")

_MONTH_FORMS = {
    1: "january januar janvier enero gennaio yanvar yanvarya ianuarie",
    2: "february februar fevrier febrero febbraio fevral fevralya",
    3: "march marz maerz mars marzo mart marta",
    4: "april avril abril aprile aprel aprelya",
    5: "may mai mayo maggio maya",
    6: "june juni juin junio giugno iyun iyunya",
    7: "july juli juillet julio luglio iyul iyulya",
    8: "august aout agosto avgust avgusta",
    9: "september septembre septiembre settembre sentyabr sentyabrya",
    10: "october oktober octobre octubre ottobre oktyabr oktyabrya",
    11: "november novembre noviembre noyabr noyabrya",
    12: "december dezember decembre diciembre dicembre dekabr dekabrya",
}
MONTHS = {form: month for month, forms in _MONTH_FORMS.items() for form in forms.split()}


@dataclass(frozen=True)
class Facts:
    names: frozenset[str]  # every key of every name (a name has several: see `name_keys`)
    name_groups: tuple[frozenset[str], ...]  # the keys of each name, one set a name
    numbers: frozenset[str]
    dates: frozenset[str]  # "m11" for a month, "d11-9" for a month with its day


def _ascii(word: str) -> str:
    return "".join(ch for ch in anyascii(word).lower() if "a" <= ch <= "z")


def skeleton(word: str) -> str:
    """The consonants of a name after transliteration and the spelling rewrites, doubled letters
    once: "Klinzewitsch" and "Клинцевич" -> "klntsvch"."""
    text = _ascii(word)
    for old, new in _REWRITES:
        text = text.replace(old, new)
    text = _VOWELS.sub("", text)
    return re.sub(r"(.)\1+", r"\1", text)


def name_keys(words: list[str]) -> frozenset[str]:
    """The keys of one name (one or more words written together): its skeleton, and the
    skeletons of what follows a leading particle (again and again: Albu -> al + bu), each of at
    least MIN_SKELETON consonants."""
    text, keys = _ascii("".join(words)), set()
    while text:
        key = skeleton(text)
        if len(key) >= MIN_SKELETON:
            keys.add(key)
        particle = next((p for p in PARTICLES if text.startswith(p) and len(text) > len(p) + 2), None)
        if particle is None:
            break
        text = text[len(particle):]
    return frozenset(keys)


def _is_name(word: str, first: bool) -> bool:
    if not any(ch.isalpha() for ch in word) or any(ch.isdigit() for ch in word):
        return False
    if word.isupper() and len(word) >= 2:  # SDF, ISIS, USA
        return True
    # a capital inside the sentence (al-Bukamal counts by its capital); the first word only when
    # its rest is capitalised too, since every sentence starts with a capital
    return not first and any(ch.isupper() for ch in word)


@lru_cache(maxsize=65536)
def facts(sentence: str) -> Facts:
    words = [w for part in sentence.replace("'", " ").replace("’", " ").split() for w in _WORD.findall(part)]
    names: set[str] = set()
    groups: list[frozenset[str]] = []
    numbers: set[str] = set()
    dates: set[str] = set()
    run: list[str] = []

    def close_run():
        if run:
            keys = set(name_keys(run))
            if len(run) > 1:
                for word in run:
                    keys |= name_keys([word])
            if keys:
                groups.append(frozenset(keys))
                names.update(keys)
            run.clear()

    previous_number: str | None = None
    for position, word in enumerate(words):
        plain = _ascii(word)
        month = MONTHS.get(plain)
        if month is not None:
            close_run()
            dates.add(f"m{month}")
            following = words[position + 1] if position + 1 < len(words) else ""
            for day in (previous_number, following.lstrip("0") if following.isdigit() else None):
                if day and day.isdigit() and 1 <= int(day) <= 31:
                    dates.add(f"d{month}-{int(day)}")
            previous_number = None
            continue
        if any(ch.isdigit() for ch in word):
            close_run()
            digits = "".join(ch for ch in word if ch.isdigit()).lstrip("0") or "0"
            numbers.add(digits)
            previous_number = digits
            continue
        previous_number = None
        if _is_name(word, position == 0):
            run.append(word)
        else:
            close_run()
    close_run()
    return Facts(frozenset(names), tuple(groups), frozenset(numbers), frozenset(dates))


def combined(texts: list[str]) -> Facts:
    """The facts of several sentences read as one (a 1-2 link's two lines)."""
    parts = [facts(t) for t in texts]
    if len(parts) == 1:
        return parts[0]
    return Facts(frozenset().union(*(p.names for p in parts)), tuple(g for p in parts for g in p.name_groups),
                 frozenset().union(*(p.numbers for p in parts)), frozenset().union(*(p.dates for p in parts)))


def shared_names(a: Facts, b: Facts) -> int:
    """How many names of the side with fewer names have a key among the other side's."""
    first, second = (a, b) if len(a.name_groups) <= len(b.name_groups) else (b, a)
    return sum(1 for group in first.name_groups if group & second.names)
