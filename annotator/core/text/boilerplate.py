"""Web boilerplate among a document's paragraphs: share counters, image and navigation links,
widget lines, bare URLs, and lines repeated within the document.

Each rule returns a short reason, stored with the sentence so a user can see why a line was
dimmed. Rules are conservative: a news sentence must never be marked.
"""

from __future__ import annotations

import re

from annotator.core.text import furniture

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SOCIAL = re.compile(
    r"facebook|twitter|google\+|pinterest|linkedin|whatsapp|reddit|tumblr|telegram|vkontakte|e-?mail",
    re.IGNORECASE,
)
_COUNTER = re.compile(
    r"\d+\s*(?:shares?|partages?|teilen|likes?|comments?|commentaires?|kommentare?|views?|vues)\b"
    r"|\b(?:total|shares?|partages?)\s*:?\s*\d+",
    re.IGNORECASE,
)

# Whole-line navigation and widget texts, in the languages of the product's users.
_WIDGET_LINES = [
    r"click (?:here )?to (?:see|view|enlarge|open)(?: the)?(?: full[- ]size)? (?:image|photo|picture|version)",
    r"(?:cliquez|cliquer) (?:ici )?pour (?:agrandir|voir l'image|voir la photo)",
    r"(?:zum vergrößern|für eine größere ansicht) (?:bitte )?(?:hier )?klicken",
    r"aller à\s*(?:…|\.\.\.)?", r"skip to (?:main )?content", r"zum inhalt springen",
    r"aller au contenu(?: principal)?", r"rss(?: feed)?", r"featured posts?", r"only news",
    r"related (?:posts|articles|stories)", r"(?:read|see) (?:more|also)", r"lire (?:la suite|aussi)",
    r"weiterlesen", r"mehr (?:lesen|zum thema)", r"share(?: this(?: article| post)?)?(?: on \w+)?",
    r"partager(?: la publication .*| cet article| sur \w+)?", r"(?:artikel )?teilen", r"tweet",
    r"print(?: this)?", r"imprimer", r"drucken", r"blog widget by \w+", r"powered by .{1,40}",
    r"(?:subscribe|abonnez-vous|s'abonner|abonnieren)(?: .{0,40})?", r"newsletter",
    r"leave a (?:comment|reply)", r"laisser un commentaire", r"kommentar schreiben",
    r"(?:no )?comments?(?: \(\d+\))?", r"commentaires?", r"kommentare?", r"tags?\s*:.*",
    r"previous(?: post| article)?", r"next(?: post| article)?", r"home", r"accueil", r"startseite",
    r"menu", r"search", r"rechercher", r"suche", r"advertisement", r"publicité", r"anzeige",
    r"(?:all )?rights reserved\.?", r"tous droits réservés\.?", r"alle rechte vorbehalten\.?",
    r"(?:©|\(c\))\s*.{0,60}", r"copyright\s*(?:©\s*)?\d{4}.{0,60}",
]
_WIDGET = re.compile(r"(?:" + "|".join(_WIDGET_LINES) + r")\s*[.:!]?", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
# An author box heading: "About Jane Doe" (case matters: it must look like a name).
_AUTHOR_BOX = re.compile(r"(?:About|À propos de|Über) (?:[A-ZÀ-Ý][\w'’-]+ ?){1,4}")


# The social and counter rules searched in the lower-cased line without IGNORECASE, several
# times faster and the same matches, except for the four characters that re's case folding
# matches to ASCII letters and lower() does not map to them (İ ı ſ K): lines with any of those
# take the IGNORECASE patterns.
_SOCIAL_LOWER = re.compile(_SOCIAL.pattern)
_COUNTER_LOWER = re.compile(_COUNTER.pattern)
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


_normalized = furniture._repeat_key  # comparison key for repeated lines: letters and digits, lower case




def _social_rules(line: str):
    if line.isascii() or not _FOLDS_TO_ASCII.search(line):
        return line.lower(), _SOCIAL_LOWER, _COUNTER_LOWER
    return line, _SOCIAL, _COUNTER


def _may_be_social(f: str, social_rule) -> bool:
    """False when _SOCIAL_LOWER cannot match the lower-cased line `f`: what it matches contains one
    of these words, which `in` finds faster than the regex (written out: no Python step per word)."""
    return social_rule is not _SOCIAL_LOWER or "mail" in f or "facebook" in f or "twitter" in f or "google+" in f \
        or "pinterest" in f or "linkedin" in f or "whatsapp" in f or "reddit" in f or "tumblr" in f \
        or "telegram" in f or "vkontakte" in f


def one_line(text: str) -> str:
    """" ".join(text.split()); the text itself, without splitting it, when its only whitespace is
    single spaces inside it (a printable text holds no whitespace but the space)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def line_reason(text: str) -> str | None:
    """Why one line (paragraph) is boilerplate on its own, or None."""
    line = one_line(text)
    if not _WORD.search(line):
        return "no-words"
    if _WIDGET.fullmatch(line):
        return "navigation"
    if _AUTHOR_BOX.fullmatch(line):
        return "author-box"
    folded, social_rule, counter_rule = _social_rules(line)
    social = social_rule.search(folded) if _may_be_social(folded, social_rule) else None
    if social and (social_rule.search(folded, social.end()) or counter_rule.search(folded)):
        return "share-counter"
    if "www." in line or "://" in line:
        rest = _URL.sub(" ", line)
        if len(_WORD.findall(rest)) <= 4:
            return "url"
    return None


def may_hold_url(text: str) -> bool:
    """False when no part of `text` can be a URL by _URL ("://" or "www.", any case)."""
    # "www." in the lower-cased text is w or W three times and a dot in the text itself
    return "://" in text or (("w." in text or "W." in text) and "www." in text.lower())


def sentence_reason(text: str) -> str | None:
    """Why a single sentence is boilerplate even inside a news paragraph (a bare URL)."""
    return "url" if _URL.fullmatch(text.strip()) else None


def mark_paragraphs(paragraphs: list[str]) -> list[str | None]:
    """A reason for each paragraph that is boilerplate, None for the others.

    A line repeated within the document is kept the first time (it may be the headline)
    and marked every later time.
    """
    reasons: list[str | None] = []
    keys: list[str] = []  # for furniture.mark_document: each key once in memory (`seen`'s copy)
    seen: dict[str, str] = {}
    for text in paragraphs:
        reason = line_reason(text)
        key = _normalized(text)
        if reason is None and key in seen:
            reason = "repeated"
        keys.append(seen.setdefault(key, key))
        reasons.append(reason)
    return furniture.mark_document(paragraphs, reasons, keys)
