"""A sentence's nearest candidates in the other documents (what a reviewer links by hand)."""

from __future__ import annotations

from annotator.core.align.candidates import nearest
from annotator.core.store import Store
from tests.helpers.encoders import CountingEncoder

GERMAN_QUOTE = 9  # “Die in der vergangenen Woche von den syrischen Regierungskräften ... Operation ...”
ENGLISH_QUOTE = 29  # "The Albu Kamal liberation operation conducted by the Syrian government army ..."


def test_the_translation_of_a_quote_is_the_first_candidate(demo_project):
    with Store.open(demo_project) as store:
        found = nearest(store, GERMAN_QUOTE, encoder=CountingEncoder())
        english = [c for c in found if c.document_id == 2]
        assert len(english) == 3 and english[0].sentence_id == ENGLISH_QUOTE
        assert english[0].method == "embedding" and english[0].score > english[1].score >= english[2].score
        assert {c.document_id for c in found} == {2, 3, 4}  # every other document, none of its own
        assert all(not store.documents.sentence(c.sentence_id).boilerplate for c in found)


def test_linked_counterparts_are_not_offered_again(demo_project):
    with Store.open(demo_project) as store:
        store.links.add([GERMAN_QUOTE], [ENGLISH_QUOTE], score=None, origin="manual")
        found = nearest(store, GERMAN_QUOTE, encoder=CountingEncoder())
        assert ENGLISH_QUOTE not in {c.sentence_id for c in found}


def test_stored_embeddings_are_used_and_nothing_is_encoded_again(demo_project):
    from annotator.core.align.group import align_group

    with Store.open(demo_project) as store:
        align_group(store, "seeds", encoder=CountingEncoder())  # stores the vectors
        encoder = CountingEncoder()
        nearest(store, GERMAN_QUOTE, encoder=encoder)
        assert encoder.encoded == 0


def test_a_line_the_model_cannot_read_is_matched_by_names_and_numbers(tmp_path):
    from annotator.core.session.importing import import_files

    english, greek = tmp_path / "en.txt", tmp_path / "el.txt"
    english.write_text("The ministry published photos of Abu Kamal on November 9, 2017.\n\n"
                       "Officials met in Geneva on Tuesday to talk about the weather.", encoding="utf-8")
    greek.write_text("Το υπουργείο δημοσίευσε φωτογραφίες από το Abu Kamal στις 9/11/2017 και το "
                     "υπουργείο είπε ότι οι φωτογραφίες ήταν αληθινές.", encoding="utf-8")
    project = tmp_path / "p.sqlite"
    import_files(project, [english, greek], group="g")
    with Store.open(project) as store:
        line = next(s for s in store.documents.sentences(2) if s.lang == "el")
        found = nearest(store, line.id, encoder=CountingEncoder())
        assert found and all(c.method == "anchors" for c in found)
        assert all(0.0 < c.score <= 1.0 for c in found)
        assert store.documents.sentence(found[0].sentence_id).text.startswith("The ministry published")


def test_a_line_that_shares_nothing_gets_no_candidates(demo_project):
    """The Greek line heading the fourth seed ("so that we do not forget, before you read the
    article") shares no name or number with anything: every candidate scored 0.00, and the
    panel listed nine of them."""
    with Store.open(demo_project) as store:
        greek = next(s for s in store.documents.sentences(4) if s.lang == "el")
        assert nearest(store, greek.id, per_document=50, encoder=CountingEncoder()) == []


def test_a_long_document_is_searched_near_the_same_relative_place(tmp_path):
    from annotator.core.align import candidates
    from annotator.core.session.importing import import_files

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("\n\n".join(f"Sentence number {k} of the first file, about topic {k}." for k in range(900)),
                     encoding="utf-8")
    second.write_text("\n\n".join(f"Satz Nummer {k} der zweiten Datei, über Thema {k}." for k in range(900)),
                      encoding="utf-8")
    project = tmp_path / "long.sqlite"
    import_files(project, [first, second], group="long")
    with Store.open(project) as store:
        late = store.documents.sentences(1)[850]
        read = []
        real = store.documents.sentences_between

        def recorded(document_id, first, last):
            read.append((document_id, first, last))
            return real(document_id, first, last)

        store.documents.sentences_between = recorded
        found = nearest(store, late.id, encoder=CountingEncoder())
        half = candidates.WINDOW // 2
        assert read == [(2, 850 - half, 850 - half + candidates.WINDOW - 1)]  # only the stretch around 850
        assert store.documents.sentence(found[0].sentence_id).text.startswith("Satz Nummer 850 ")
        assert store.documents.sizes(1) == {1: 900, 2: 900}
        assert [s.index for s in store.documents.sentences_between(2, 5, 7)] == [5, 6, 7]

