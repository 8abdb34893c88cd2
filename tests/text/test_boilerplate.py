"""Boilerplate marks on the seeds (exact) and on typical web lines; news is never marked."""

from __future__ import annotations

import pytest

from annotator.core.text import boilerplate
from annotator.core.text.analyze import analyze
from annotator.core.text.ingest import read_documents

CAPTION = "Russian Defense Ministry Released Photos Reportedly Confirming US Cooperation With ISIS"
FRENCH_TITLE = "Le Ministère de la Défense russe livre les détails de la coopération US-Etat Islamique"
EXPECTED = {
    "000": [("( IS-Konvoi verlässt Al-Bukamal Foto Russ.Verteidigungsministerium)", "repeated")] * 2,
    "001": [("Only News", "navigation"), ("Featured Post", "navigation"), ("Blog Widget by LinkWithin", "navigation")],
    "002": [
        ("Aller à…", "navigation"),
        ("RSS Feed", "navigation"),
        ("image: http://reseauinternational.net/wp-content/uploads/2017/11/russian-aerospace-forces-received-over"
         "-230-aircraft-in-2015-7263-iFJQ36l2Pud26oNVKgyjRp31p-1728x800_c.jpg", "url"),
        (FRENCH_TITLE, "repeated"),
        (f"Partager la publication «\xa0{FRENCH_TITLE}\xa0»", "navigation"),
        ("350Facebook0TwitterGoogle+Total : 350", "share-counter"),
        ("Traduction : http://www.fort-russ.com/2017/11/russian-mod-details-us-isis-cooperation.html", "url"),
        ("En savoir plus sur http://reseauinternational.net/le-ministere-de-la-defense-russe-livre-les-details-de-la"
         "-cooperation-us-etat-islamique/#BdcYKAD1mC1G6xXA.99", "url"),
        ("About Ginette Hess Skandrani", "author-box"),
    ],
    "003": [("Click to see the full-size image", "navigation"), (CAPTION, "repeated")] * 5,
}
NEWS = {
    "000": ["Al-Bukamals ” Schmutziges Geheimnis”",
            "Das Verteidigungsministerium hat den Fehler bereits eingeräumt und leitete Ermittlungen gegen den "
            "Mitarbeiter ein.",
            "( IS-Konvoi verlässt Al-Bukamal Foto Russ. Verteidigungsministerium)"],
    "001": ["Russia: US Directly Supports ISIL Terrorists in Syria",
            "The US refused to conduct airstrikes over the leaving ISIL convoy."],
    "002": [FRENCH_TITLE, "Par Samer Hussein",
            "La force aérienne de la coalition dirigée par les États-Unis est entrée dans la zone de 15 km autour "
            "d’Abu Kamal pour interrompre une opération de l’avion russe qui effectuait des frappes contre des "
            "terroristes de l’EI."],
    "003": [CAPTION, "However, the photos were fake.", "The question appears: what is this?",
            "By 13:03 CET, the Russian Defense Ministry had deleted the photos from its social media accounts."],
}


def _sentences(path):
    document = analyze(read_documents(path)[0])
    return [(document.sentence_text(s), s.boilerplate) for s in document.sentences]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_seed_boilerplate_exactly(seeds, key):
    sentences = _sentences(seeds[key])
    assert [(text, reason) for text, reason in sentences if reason] == EXPECTED[key]
    for news in NEWS[key]:
        assert (news, None) in sentences, news


def test_at_least_eight_boilerplate_lines_across_the_seeds(seeds):
    marked = sum(1 for path in seeds.values() for _, reason in _sentences(path) if reason)
    assert marked >= 8 and marked == sum(len(v) for v in EXPECTED.values())


@pytest.mark.parametrize("line,reason", [
    ("Click here to view the full size image", "navigation"),
    ("Cliquez pour agrandir", "navigation"),
    ("Zum Vergrößern klicken", "navigation"),
    ("Share on Facebook", "navigation"),
    ("12 Shares Facebook Twitter", "share-counter"),
    ("Facebook | Twitter | WhatsApp | E-mail", "share-counter"),
    ("https://example.org/a/b?c=d", "url"),
    ("Source: www.example.com/story", "url"),
    ("Read more", "navigation"),
    ("Skip to content", "navigation"),
    ("© 2017 Example Media", "navigation"),
    ("* * *", "no-words"),
    ("About Jane Doe", "author-box"),
])
def test_rules(line, reason):
    assert boilerplate.line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Twitter said it removed the account after the ministry posted fake photos.",
    "The ministry shared the photos on Facebook, where they were viewed 20,000 times.",
    "Home Secretary Amber Rudd said the report was under review.",
    "Search teams found the convoy near the border.",
    "The full report is at https://example.org/report, the ministry said in a long statement to reporters.",
    "Copyright lawyers for the game developer said the images were theirs.",
    "About 100 vehicles left the city, the ministry said.",
])
def test_news_lines_are_not_boilerplate(line):
    assert boilerplate.line_reason(line) is None


def test_repeated_lines_are_marked_after_the_first():
    assert boilerplate.mark_paragraphs(["Headline here", "Body text.", "headline  HERE!", "Headline here"]) == [
        None, None, "repeated", "repeated"]


def test_bare_url_sentence_inside_a_paragraph():
    assert boilerplate.sentence_reason(" https://example.org/x ") == "url"
    assert boilerplate.sentence_reason("See https://example.org/x for more.") is None
