"""A plain-text document's title: its headline near the top, not its file name."""

from __future__ import annotations

from annotator.core.analyze import analyze
from annotator.core.ingest import read_documents
from annotator.core.titles import headline, shortened


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
