"""Boilerplate marks on the seeds (exact) and on typical web lines; news is never marked."""

from __future__ import annotations

import pytest

from annotator.core.text import boilerplate, furniture
from annotator.core.text.analyze import analyze
from annotator.core.text.ingest import SourceDocument, read_documents

CAPTION = "Russian Defense Ministry Released Photos Reportedly Confirming US Cooperation With ISIS"
FRENCH_TITLE = "Le Ministère de la Défense russe livre les détails de la coopération US-Etat Islamique"
GERMAN_CAPTION = "( IS-Konvoi verlässt Al-Bukamal Foto Russ.Verteidigungsministerium)"
TEASER_TITLE = "US Democratic congresswoman : There is no difference between 'moderate' rebels and al-Qaeda or the ISIS"
TEASER_TEXT = ("United States Congresswoman and Democratic Party member Tulsi Gabbard on Wednesday revealed that she "
               "held a meeting with Syrian Presiden...")
EXPECTED = {
    "000": [("( IS-Konvoi verlässt Al-Bukamal Foto Russ. Verteidigungsministerium)", "caption"),
            (GERMAN_CAPTION, "repeated"), (GERMAN_CAPTION, "repeated"),
            ("Verf.", "credit"), ("R.R. Quelle Sputnik", "credit")],
    "001": [("Tuesday, November 14, 2017", "dateline"), ("Only News", "navigation"), ("Featured Post", "navigation"),
            (TEASER_TITLE, "teaser"), (TEASER_TEXT, "teaser"), ("Blog Widget by LinkWithin", "navigation")],
    "002": [
        ("Aller à…", "navigation"),
        ("RSS Feed", "navigation"),
        ("15 novembre 2017", "dateline"),
        ("Réseau International", "outlet"),
        ("image: http://reseauinternational.net/wp-content/uploads/2017/11/russian-aerospace-forces-received-over"
         "-230-aircraft-in-2015-7263-iFJQ36l2Pud26oNVKgyjRp31p-1728x800_c.jpg", "url"),
        (FRENCH_TITLE, "repeated"),
        (f"Partager la publication «\xa0{FRENCH_TITLE}\xa0»", "navigation"),
        ("350Facebook0TwitterGoogle+Total : 350", "share-counter"),
        ("Par Samer Hussein", "byline"),
        ("Traduction : http://www.fort-russ.com/2017/11/russian-mod-details-us-isis-cooperation.html", "url"),
        ("Traduction : Avic – Réseau International", "credit"),
        ("En savoir plus sur http://reseauinternational.net/le-ministere-de-la-defense-russe-livre-les-details-de-la"
         "-cooperation-us-etat-islamique/#BdcYKAD1mC1G6xXA.99", "url"),
        ("About Ginette Hess Skandrani", "author-box"),
        ("écologiste, membre co-fondatrice des verts, anti-colonialiste et solidaire des peuples opprimés du monde "
         "arabe, dont les Palestiniens et d'Afrique.", "author-bio"),
    ],
    "003": [("Για να μη ξεχνιόμαστε πριν διαβάσετε το άρθρο", "foreign-heading"), (CAPTION, "caption")]
    + [("Click to see the full-size image", "navigation"), (CAPTION, "repeated")] * 5
    + [("MORE DETAILS HERE: “Russian Military Released Fake Photos Showing ISIS Withdrawal From Al-Bukamal”",
        "teaser")],
}
NEWS = {
    "000": ["Al-Bukamals ” Schmutziges Geheimnis”",
            "Das Verteidigungsministerium hat den Fehler bereits eingeräumt und leitete Ermittlungen gegen den "
            "Mitarbeiter ein.",
            "In einer Stellungnahme des Russischen Außenamtes heißt es :"],
    "001": ["Russia: US Directly Supports ISIL Terrorists in Syria",
            "The US refused to conduct airstrikes over the leaving ISIL convoy."],
    "002": [FRENCH_TITLE,
            "La force aérienne de la coalition dirigée par les États-Unis est entrée dans la zone de 15 km autour "
            "d’Abu Kamal pour interrompre une opération de l’avion russe qui effectuait des frappes contre des "
            "terroristes de l’EI."],
    "003": ["However, the photos were fake.", "The question appears: what is this?",
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


# Page furniture (furniture.py): each line alone, and lines that look like it but are news.
@pytest.mark.parametrize("line,reason", [
    ("Tuesday, November 14, 2017", "dateline"),
    ("15 novembre 2017", "dateline"),
    ("Mis à jour le 15 novembre 2017 à 14 h 03", "dateline"),
    ("14.11.2017, 13:03 Uhr", "dateline"),
    ("14 ноября 2017 г.", "dateline"),
    ("Τρίτη, 14 Νοεμβρίου 2017", "dateline"),
    ("الثلاثاء 14 نوفمبر 2017", "dateline"),
    ("Lundi 13 novembre 2017 à 18h37", "dateline"),
    ("Du 14 au 15 novembre 2017", "dateline"),
    ("Par Samer Hussein", "byline"),
    ("Von dpa", "byline"),
    ("מאת דוד כהן", "byline"),
    ("By Jane Doe and John Smith", "byline"),
    ("Von Anna-Lena Müller, dpa", "byline"),
    ("By J. R. R. Tolkien", "byline"),
    ("Του Γιώργου Παπαδόπουλου", "byline"),
    ("بقلم أحمد علي", "byline"),
    ("\u200fبقلم أحمد علي\u200f", "byline"),  # wrapped in right-to-left marks
    ("Photo: AFP/Getty Images", "credit"),
    ("Traduction : Avic – Réseau International", "credit"),
    ("Verf.R.R. Quelle Sputnik", "credit"),
    ("MORE DETAILS HERE: “Russian Military Released Fake Photos”", "teaser"),
    ("Lire aussi : La Russie accuse les États-Unis", "teaser"),
])
def test_furniture_lines(line, reason):
    assert furniture.line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "By 13:03 CET, the Russian Defense Ministry had deleted the photos from its social media accounts.",
    "By Monday, Russia Withdrew",
    "By then the convoy had left.",
    "Par ailleurs, Moscou dément.",
    "Von Berlin aus flog er nach Moskau.",
    "Photo Op Turns Sour",
    "The photo: a convoy leaving the city.",
    "May 14 was the day the convoy left.",
    "On 14 November 2017 the ministry published the photos.",
    "Le 15 novembre 2017, le ministère a publié un rapport.",
    "14 ноября 2017 года министерство опубликовало фотографии.",
    "وقالت الوزارة في 14 نوفمبر 2017 إن الصور مزيفة.",
    "Related to this, the ministry said nothing.",
    "By and large, the convoy was unharmed.",
    "Par la suite",
    "Source",
    "Photo: \u202eAFP",  # a right-to-left override is no name
    "2017",
])
def test_news_lines_are_not_furniture(line):
    assert furniture.line_reason(line) is None
    assert boilerplate.mark_paragraphs([line]) == [None]


BODY = "The ministry said on Tuesday that the convoy had left the city under cover of the coalition's aircraft, " \
       "which had flown over the area."


def test_first_copy_of_a_caption_repeated_after_the_body_is_marked():
    caption = "Convoy Leaving Al-Bukamal"
    assert boilerplate.mark_paragraphs(["A headline", BODY, caption, "Click to enlarge", caption]) == [
        None, None, "caption", None, "repeated"]
    # before the body a repeated line is the headline: its first copy stays
    assert boilerplate.mark_paragraphs([caption, BODY, caption]) == [None, None, "repeated"]
    # a long paragraph scraped twice keeps its first copy
    assert boilerplate.mark_paragraphs(["A headline", BODY, BODY + " Again.", BODY + " Again."]) == [
        None, None, None, "repeated"]


def test_outlet_name_alone_when_the_page_links_to_it():
    page = ["Réseau International", BODY, "Source : http://reseauinternational.net/x"]
    assert boilerplate.mark_paragraphs(page)[0] == "outlet"
    assert boilerplate.mark_paragraphs(["Réseau International", BODY])[0] is None


def test_teaser_and_bio_blocks_end_at_boilerplate_or_the_end():
    page = [BODY, "Featured Post", "Other story", "Its first line...", "Blog Widget by X"]
    assert boilerplate.mark_paragraphs(page) == [None, "navigation", "teaser", "teaser", "navigation"]
    assert boilerplate.mark_paragraphs([BODY, "About Jane Doe", "Jane writes on the Middle East."]) == [
        None, "author-box", "author-bio"]
    # a heading followed by more than a short block: the article goes on, nothing is marked
    assert boilerplate.mark_paragraphs(["Featured Post", BODY, BODY + "1", BODY + "2", BODY + "3"])[1:] == [None] * 4


def test_foreign_line_heading_the_page():
    text = "Για να μη ξεχνιόμαστε πριν διαβάσετε το άρθρο\n\n" + "\n\n".join([BODY] * 3)
    document = analyze(SourceDocument(text=text, title="", source_path="x.txt", sha256="0", format="text"))
    assert [s.boilerplate for s in document.sentences][0] == "foreign-heading"
    # an Arabic document with an English line in its middle keeps it
    arabic = "وقالت الوزارة إن القافلة غادرت المدينة تحت غطاء طائرات التحالف التي حلقت فوق المنطقة."
    second = "ورفضت الولايات المتحدة قصف القافلة التي غادرت المدينة باتجاه الحدود العراقية في الأسبوع الماضي."
    mixed = "\n\n".join([arabic, "The US refused to conduct airstrikes over the convoy.", second])
    document = analyze(SourceDocument(text=mixed, title="", source_path="x.txt", sha256="1", format="text"))
    assert all(s.boilerplate is None for s in document.sentences)
