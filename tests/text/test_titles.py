"""A plain-text document's title: its headline near the top, not its file name."""

from __future__ import annotations

from annotator.core.text.analyze import analyze
from annotator.core.text.ingest import read_documents
from annotator.core.text.titles import headline, shortened


def test_the_seeds_get_their_headlines(seeds):
    titles = [analyze(read_documents(seeds[key])[0]).source.title for key in ("000", "001", "002", "003")]
    assert titles == ["Al-Bukamals ” Schmutziges Geheimnis”",
                      "Russia: US Directly Supports ISIL Terrorists in Syria",  # after the date line
                      "Le Ministère de la Défense russe livre les détails de la coopération US-Etat Islamique",
                      # after the Greek line and seven paragraphs of prose
                      "Russian Defense Ministry Released Photos Reportedly Confirming US Cooperation With ISIS"]


def test_dates_boilerplate_other_languages_and_sentences_are_passed_over():
    paragraphs = ["Menu", "15 novembre 2017", "Για να μη ξεχνιόμαστε", "The minister spoke.", "A Real Headline Here"]
    reasons = ["navigation", None, None, None, None]
    assert headline(paragraphs, reasons, ["en", "fr", "el", "en", "en"], "en") == "A Real Headline Here"
    assert headline(paragraphs[:4], reasons[:4], ["en", "fr", "el", "en"], "en") is None


def test_without_a_headline_the_first_sentence_stands_in(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("The ministry said on Tuesday that the photographs had been taken from a computer game "
                    "and apologised.\n\nIt blamed a civilian employee.\n", encoding="utf-8")
    title = analyze(read_documents(path)[0]).source.title
    assert title == "The ministry said on Tuesday that the photographs had been taken from a computer…"
    assert shortened("Short one.") == "Short one."


def test_other_formats_keep_their_own_titles(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("# The Markdown Heading\n\nSome text of the story here, long enough.\n", encoding="utf-8")
    assert analyze(read_documents(path)[0]).source.title == "The Markdown Heading"


def _only(line: str, lang: str = "en") -> str | None:
    return headline([line], [None], [lang], "en")


def test_the_headline_limits_are_inclusive():
    from annotator.core.text.titles import MAX_CHARS, MAX_WORDS, MIN_WORDS

    assert _only(" ".join(["Word"] * MIN_WORDS)) == " ".join(["Word"] * MIN_WORDS)
    assert _only("Word") is None  # fewer words than MIN_WORDS
    assert _only(" ".join(["Word"] * MAX_WORDS)) is not None
    assert _only(" ".join(["Word"] * (MAX_WORDS + 1))) is None
    longest = ("Headline " * 40)[:MAX_CHARS].strip()
    longest += "x" * (MAX_CHARS - len(longest))
    assert len(longest) == MAX_CHARS and _only(longest) == longest
    assert _only(longest + "y") is None


def test_a_date_line_is_six_words_at_most():
    assert _only("Tuesday, 14 November 2017, late edition") is None  # six words with a year: a date line
    assert _only("Syria Deal Collapses In November 2017 Talks") is not None  # seven: a headline


def test_a_first_sentence_is_cut_at_a_word_boundary_without_trailing_punctuation():
    from annotator.core.text.titles import SHORT

    exact = "a" * (SHORT - 5) + " bcde"
    assert len(exact) == SHORT and shortened(exact) == exact  # exactly SHORT characters: kept whole
    long_word_end = "a" * (SHORT - 6) + " bcdef" + " and more words here"
    assert shortened(long_word_end) == "a" * (SHORT - 6) + " bcdef…"  # the word ending at SHORT stays
    assert shortened("a" * (SHORT - 10) + ", then, more words than fit here") == "a" * (SHORT - 10) + ", then…"
    assert shortened("  " + "w " * 60) .startswith("w w")
    assert shortened("x" * (SHORT - 3) + "; yy zz") == "x" * (SHORT - 3) + "…"  # no "; " left before the ellipsis
