"""Page furniture among a document's paragraphs: datelines, bylines, credits, outlet names,
"more details here" links, teaser and author-bio blocks, captions, a heading line in another
language. It complements boilerplate.py (navigation, share counters, URLs, repeats) and, like
it, is conservative: a news sentence must never be marked.

Every pattern and word set is built once, at import. `line_reason` judges one line alone;
`mark_document` adds the rules that need the whole document; `mark_foreign_heading` needs the
paragraphs' languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

SHORT_CHARS = 300  # longer lines are never furniture of these kinds (a cheap first test)
MAX_DATE_WORDS = 16  # tokens: 'Mis à jour le 15 novembre 2017 à 14 h 03' has 11
MAX_BYLINE_WORDS = 8
MAX_CREDIT_WORDS = 10
MAX_TEASER_LINK_WORDS = 25
MAX_SITE_NAME_WORDS = 5
MAX_CAPTION_WORDS = 20  # a repeated line longer than this may be a whole paragraph scraped twice
BODY_WORDS = 20  # a content paragraph this long means the article's body has begun
MAX_HEADING_WORDS = 25
TEASER_BLOCK = 3  # paragraphs after a "Featured Post" heading that may form the teaser
BIO_BLOCK = 2  # paragraphs after an "About NAME" box that may form the bio


# Combining marks of the Latin, Cyrillic, Hebrew and Arabic scripts (what NFKD splits off the
# letters of the languages below); a regex is many times faster than asking unicodedata per letter.
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def fold(text: str) -> str:
    """Lower case without accents: 'Réseau' -> 'reseau', 'Νοεμβρίου' -> 'νοεμβριου'."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _folded_set(words: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words.split())


_MONTHS = _folded_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "janv févr avr juil déc "
    "januar jänner februar märz april mai juni juli august september oktober november dezember "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου Σεπτεμβρίου "
    "Οκτωβρίου Νοεμβρίου Δεκεμβρίου Ιανουάριος Φεβρουάριος Μάρτιος Απρίλιος Μάιος Ιούνιος "
    "Ιούλιος Αύγουστος Σεπτέμβριος Οκτώβριος Νοέμβριος Δεκέμβριος "
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"
)
_WEEKDAYS = _folded_set(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lunes martes miércoles jueves viernes sábado domingo "
    "понедельник вторник среда четверг пятница суббота воскресенье "
    "Δευτέρα Τρίτη Τετάρτη Πέμπτη Παρασκευή Σάββατο Κυριακή "
    "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"
)
# Words a dateline may hold besides the date: "Published on", "mis à jour le", "14 h 03 CET".
_DATE_FILLERS = _folded_set(
    "at on the of um am à a au to bis le du de den der el et and und y published updated posted publié publiée "
    "mis jour veröffentlicht aktualisiert stand cet cest utc gmt est edt pm h uhr г года в στις "
    "نشر في"
)
_DAY_OR_YEAR = re.compile(r"\d{1,4}(?:st|nd|rd|th|er|e|eme)?|\d{1,2}h\d{0,2}")  # '14th', '1er', '18h37'
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}")
_TOKEN = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")


def is_dateline(line: str) -> bool:
    """A date (and time) alone: 'Tuesday, November 14, 2017', '15 novembre 2017', '14.11.2017'."""
    if not _DIGIT.search(line):
        return False
    words = _TOKEN.findall(fold(line))
    if not words or len(words) > MAX_DATE_WORDS:
        return False
    digits = month = False
    for word in words:
        if _DAY_OR_YEAR.fullmatch(word):
            digits = True
        elif word in _MONTHS:
            month = True
        elif word not in _WEEKDAYS and word not in _DATE_FILLERS:
            return False
    return digits and (month or bool(_NUMERIC_DATE.search(line)))


# A byline: a lead, then only names (capitalised words, initials, particles), perhaps an outlet.
_BYLINE_LEAD = re.compile(
    r"(?:(?:written|posted|reported|text|photos?|words) by|by|par|von|του|της|от|"
    r"(?:author|auteur|autor|autorin|text|texte|автор|συντάκτης)\s*:)\s+(?P<names>\S.*)",
    re.IGNORECASE,
)
_CASELESS_BYLINE = re.compile(r"(?:بقلم|كتب|מאת)\s+(?P<names>\S.*)")  # scripts without capitals
_NAME_PARTICLES = _folded_set(
    "de du des van von der den al el bin ibn di da le la and et und y e i & – — - | / dr. prof."
)
_AGENCIES = frozenset({"dpa", "afp", "ap", "reuters", "sputnik", "tass", "ria", "ansa", "efe", "apa", "sda"})
_INITIAL = re.compile(r"(?:[^\W\d_]\.){1,3}")
_ABBREVIATIONS = re.compile(r"(?:[^\W\d_]{1,5}\.)+")  # 'R.R.', 'Verf.R.R.'
_SENTENCE_END = re.compile(r"[.!?…;:]['\"”’»)]*$")


def _only_names(tokens: Sequence[str]) -> bool:
    """Capitalised words, initials and particles only, at least one capitalised word, and no
    day or month name ('By Monday, Russia Withdrew' is a headline, not a byline)."""
    named = False
    for token in tokens:
        word = token.strip(",()")
        folded = fold(word)
        if not word or folded in _NAME_PARTICLES or _INITIAL.fullmatch(word):
            continue
        if not word[0].isupper() or any(c.isdigit() for c in word):
            return False
        if folded.strip(".") in _WEEKDAYS or folded.strip(".") in _MONTHS:
            return False
        named = True
    return named


def is_byline(line: str) -> bool:
    """'By Jane Doe', 'Par Samer Hussein', 'Von Anna Müller, dpa', 'بقلم أحمد علي'."""
    caseless = _CASELESS_BYLINE.fullmatch(line)
    if caseless:
        return len(caseless["names"].split()) <= 4 and not _SENTENCE_END.search(line)
    match = _BYLINE_LEAD.fullmatch(line)
    if not match:
        return False
    tokens = match["names"].split()
    if len(tokens) > MAX_BYLINE_WORDS:
        return False
    if _SENTENCE_END.search(line) and not _INITIAL.fullmatch(tokens[-1]):
        return False
    names = [t for t in tokens if fold(t.strip(",()")) not in _AGENCIES]
    return _only_names(names) if names else True  # 'Von dpa': an agency alone


# A credit: 'Photo: AFP', 'Source : Reuters', 'Traduction : Avic – Réseau International',
# 'R.R. Quelle Sputnik'. The credit word must carry a colon or stand with initials, so that a
# title-case headline ('Photo Op Turns Sour') is not one.
_CREDIT_WORDS = _folded_set(
    "photo photos foto fotos image images bild bilder picture pictures illustration credit credits "
    "crédit crédits source sources quelle quellen traduction translation übersetzung fuente fonte "
    "πηγή φωτογραφία источник фото перевод verf. red. mitarbeit"
)
_CREDIT_LINKS = _folded_set("by par von via on sur auf photo : – — - / | ©")
_CREDIT_HINT = re.compile("|".join(re.escape(word) for word in sorted(_CREDIT_WORDS)))  # a quick first test


def is_credit(line: str) -> bool:
    if ":" not in line and "." not in line:  # a credit needs a colon or initials (a cheap first test)
        return False
    tokens = line.replace(":", " : ").split()
    if not tokens or len(tokens) > MAX_CREDIT_WORDS + 2 or line.endswith(("?", "!")):
        return False
    with_initials = any(_ABBREVIATIONS.fullmatch(t) for t in tokens)
    if not (with_initials or ":" in line) or not _CREDIT_HINT.search(fold(line)):  # quick tests first
        return False
    folded = [fold(t) for t in tokens]
    credit_at = [i for i, t in enumerate(folded) if t in _CREDIT_WORDS]
    if not credit_at:
        return False
    with_colon = any(i + 1 < len(tokens) and tokens[i + 1] == ":" for i in credit_at)
    if not (with_colon or with_initials):
        return False
    rest = [t for i, t in enumerate(tokens) if i not in credit_at and folded[i] not in _CREDIT_LINKS]
    return bool(rest) and _only_names(rest)


# A link to another article standing alone: 'MORE DETAILS HERE: “…”', 'Lire aussi : …'.
_TEASER_LINK = re.compile(
    r"(?:more details here|more here|read more|read also|see also|related|also read|"
    r"à lire aussi|lire aussi|voir aussi|à voir aussi|mehr zum thema|lesen sie auch|lesen sie mehr|"
    r"читайте также|διαβάστε επίσης|διαβάστε ακόμα|اقرأ أيضا|اقرأ أيضاً)\s*[:>»–—-]\s*\S.*",
    re.IGNORECASE,
)


def is_teaser_link(line: str) -> bool:
    return len(line.split()) <= MAX_TEASER_LINK_WORDS and _TEASER_LINK.fullmatch(line) is not None


_BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def line_reason(text: str, words: list[str] | None = None) -> str | None:
    """Why one line is page furniture on its own, or None. `words`: text.split(), when the
    caller has it."""
    if len(text) > SHORT_CHARS:
        return None
    words = text.split() if words is None else words
    if len(words) > MAX_TEASER_LINK_WORDS:  # the longest furniture a line alone can be
        return None
    line = " ".join(words).strip(_BIDI_MARKS)
    if is_dateline(line):
        return "dateline"
    if is_byline(line):
        return "byline"
    if is_credit(line):
        return "credit"
    if is_teaser_link(line):
        return "teaser"
    return None


# Headings of a block of teasers for other articles, and of an author's bio.
_TEASER_HEADING = re.compile(
    r"(?:featured posts?|related (?:posts|articles|stories)|popular posts|most read|you (?:may|might) also like|"
    r"recommended(?: for you)?|(?:à )?lire aussi|les plus lus|sur le même sujet|mehr zum thema|meistgelesen|"
    r"das könnte sie auch interessieren|читайте также|διαβάστε επίσης)\s*[.:!]?",
    re.IGNORECASE,
)
_HOST = re.compile(r"(?:https?://|www\.)([^\s/:?#]+)", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NOT_WORD = re.compile(r"[\W_]+")
_GENERIC_HOST_PARTS = frozenset({"www", "com", "net", "org", "info", "news", "blog", "wp", "en", "fr", "de"})


def _site_names(paragraphs: Sequence[str]) -> set[str]:
    """The outlet names the document's own web addresses spell: 'reseauinternational.net' ->
    'reseauinternational'."""
    names: set[str] = set()
    for text in paragraphs:
        if "www." not in text and "://" not in text:
            continue
        for host in _HOST.findall(text):
            labels = host.casefold().split(".")[:-1]  # the top-level domain is no name
            names.update(label.replace("-", "") for label in labels
                         if len(label) >= 4 and label not in _GENERIC_HOST_PARTS)
    return names


def _block_after(index: int, reasons: list[str | None], size: int) -> range:
    """The content paragraphs after `index` up to the next boilerplate line or the end, if
    there are at most `size` of them (else none: the article may simply go on)."""
    end = index + 1
    while end < len(reasons) and reasons[end] is None:
        end += 1
        if end - index - 1 > size:
            return range(0)
    return range(index + 1, end)


# ASCII non-word characters, deleted from a line's UTF-8 bytes (a C loop, several times faster
# than the regex on non-ASCII text; the regex then runs only where other non-word characters remain)
_ASCII_NOT_WORD_BYTES = bytes(c for c in range(128) if not chr(c).isalnum())
_ASCII_NOT_WORD = str.maketrans("", "", _ASCII_NOT_WORD_BYTES.decode("ascii"))


def _repeat_key(text: str) -> str:
    """Comparison key for repeated lines: letters and digits only, lower case."""
    if text.isascii():
        return text.translate(_ASCII_NOT_WORD).lower()
    kept = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_NOT_WORD_BYTES).decode("utf-8", "surrogatepass")
    return (kept if kept.isalnum() else _NOT_WORD.sub("", kept)).casefold()


def mark_document(paragraphs: Sequence[str], reasons: list[str | None],
                  repeat_keys: Sequence[str] | None = None) -> list[str | None]:
    """Add the furniture reasons to `reasons` (one per paragraph, None for content; changed in
    place and returned): lines judged alone, outlet names, the first copy of a caption that is
    repeated later (the later copies are boilerplate.py's "repeated"), teaser and bio blocks.
    `repeat_keys`: each paragraph's _repeat_key, when the caller has them already."""
    site_names = _site_names(paragraphs)
    body_started = False
    first_copy: dict[str, int] = {}  # short line -> index of its first copy, -1 if it must stay
    headings: list[int] = []  # teaser headings and author boxes, for the second pass
    for index, text in enumerate(paragraphs):
        if len(text) > SHORT_CHARS:
            if not body_started and reasons[index] is None:
                body_started = True  # a content paragraph this long is the body
            continue
        split = text.split()
        words = len(split)
        if reasons[index] is None:
            reason = line_reason(text, split)
            if reason is None and site_names and words <= MAX_SITE_NAME_WORDS \
                    and _NOT_LETTERS.sub("", fold(text)) in site_names:
                reason = "outlet"
            reasons[index] = reason
        if words <= MAX_CAPTION_WORDS and (key := _repeat_key(text) if repeat_keys is None else repeat_keys[index]):
            first = first_copy.get(key)
            if first is None:
                is_candidate = reasons[index] is None and body_started
                first_copy[key] = index if is_candidate else -1  # a headline's first copy stays
            elif first >= 0:
                reasons[first] = "caption"
                first_copy[key] = -1
        if not body_started and reasons[index] is None and words >= BODY_WORDS:
            body_started = True
        if reasons[index] == "author-box" or (len(text) <= 80 and _TEASER_HEADING.fullmatch(" ".join(split))):
            headings.append(index)
    for index in headings:
        if reasons[index] == "author-box":
            block, kind = _block_after(index, reasons, BIO_BLOCK), "author-bio"
        else:
            reasons[index] = reasons[index] or "teaser"
            block, kind = _block_after(index, reasons, TEASER_BLOCK), "teaser"
        for inside in block:
            reasons[inside] = kind
    return reasons


def mark_foreign_heading(paragraphs: Sequence[str], reasons: list[str | None], languages: Sequence[str],
                         doc_lang: str) -> list[str | None]:
    """Short lines in another language than the document's that head the page, before its
    first content line in its own language (a blog's motto above a reposted article), marked
    'foreign-heading' in place."""
    if doc_lang not in languages:
        return reasons
    for index, lang in enumerate(languages):
        if reasons[index] is not None:
            continue
        if lang == doc_lang:
            break
        if len(paragraphs[index].split()) > MAX_HEADING_WORDS:
            break
        reasons[index] = "foreign-heading"
    return reasons
