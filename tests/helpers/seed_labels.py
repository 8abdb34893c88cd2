"""A dozen English sentences of the seeds labeled by hand (and three judged "no label applies"),
found by the start of their text: what the suggestion tests train on."""

from __future__ import annotations

ENGLISH = {
    "The US refused to conduct airstrikes over the leaving ISIL convoy.": ["claim"],
    "The Russian Defense Ministry said it has obtained evidence": ["claim", "attribution"],
    "The Defense Ministry specified that": ["attribution"],
    "The Americans failed to answer the Russian side": ["claim"],
    "According to the Defense Ministry, the United States provided cover": ["attribution", "claim"],
    "Russian forces requested two times the US-led coalition": ["claim"],
    "However, US forces rejected the requests.": ["claim"],
    "However, the photos were fake.": ["correction"],
    "One of the photos was just a part of the AC-130 Gunship Simulator video.": ["correction"],
    "Others were screenshots from videos showing airstrikes against ISIS in Iraq.": ["correction"],
    "On November 14, the Russian Defense Ministry released a series of photos allegedly": ["attribution"],
    "However, now we observe another fact showing a mistake or a forgery": ["correction"],
    "The question appears: what is this?": [],
    "The Russian Defense Ministry was aiming to rely on facts.": [],
    "Albu Kamal": [],
}


def english_sentences(store) -> dict[int, list[str]]:
    """Sentence id -> labels, for the sentences of ENGLISH (each found exactly once)."""
    found: dict[int, list[str]] = {}
    rows = store.db.execute("SELECT s.id, s.text FROM sentences s JOIN documents d ON d.id = s.document_id"
                            " WHERE d.lang = 'en' AND s.boilerplate = 0 ORDER BY s.id").fetchall()
    for start, labels in ENGLISH.items():
        ids = [i for i, text in rows if text.startswith(start)]
        assert len(ids) >= 1, start
        found[ids[0]] = labels
    return found


def label_english(store, annotator: str = "ann") -> dict[int, list[str]]:
    """Give the seeds' English sentences their labels (one transaction); returns them by id."""
    chosen = english_sentences(store)
    with store.transaction():
        for sentence_id, labels in chosen.items():
            if labels:
                for label in labels:
                    store.annotations.set(sentence_id, label, annotator)
            else:
                store.annotations.clear(sentence_id, annotator)
    return chosen
