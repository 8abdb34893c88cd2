"""The projector (align/projection.py): a span carried to an aligned sentence by the names,
numbers and dates it shares, across scripts and spellings; nothing offered without them; a
relation carried to the documents where both ends have a counterpart, its span ends placed
there or the relation not offered."""

from __future__ import annotations

import numpy as np

from annotator.core.align.projection import by_meaning, place_span, project_relation, project_span, project_spans


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def carried(source: str, words: str, target: str) -> str | None:
    found = project_span(source, *span_of(source, words), "source", target)
    return None if found is None else target[found.start:found.end]


def test_a_name_spelled_otherwise_in_another_language_is_found():
    source = "The operation in Abu Kamal was over, the ministry said."
    assert carried(source, "Abu Kamal", "Die Operation in Al-Bukamal sei beendet, so das Ministerium.") == "Al-Bukamal"
    assert carried(source, "Abu Kamal", "L'opération à Abou Kamal est terminée.") == "Abou Kamal"


def test_a_name_in_another_script_is_found():
    source = "Igor Konashenkov told reporters on Tuesday."
    assert carried(source, "Igor Konashenkov", "Игорь Конашенков сообщил журналистам во вторник.") == "Игорь Конашенков"
    assert carried("Sputnik reported it.", "Sputnik", "Το ανέφερε το Σπούτνικ χθες.") == "Σπούτνικ"


def test_numbers_and_dates_are_found():
    source = "On November 9, 2017 the aircraft entered the 15-km zone."
    assert carried(source, "November 9, 2017", "Am 9. November 2017 flogen die Flugzeuge in die Zone.") == "9. November 2017"
    assert carried(source, "15-km zone", "La zone de 15 km autour de la ville.") == "zone de 15"


def test_the_same_word_and_cognates_carry_a_span_but_one_stem_alone_does_not():
    source = "The Russian Defense Ministry said it has obtained evidence."
    assert carried(source, "The Russian Defense Ministry", "Le ministère de la Défense russe a fourni des informations."
                   ) == "Le ministère de la Défense russe"
    assert carried(source, "said", "The ministry said that the coalition helped.") == "said"
    assert carried(source, "The Russian Defense Ministry", "Die Operation fand mit Unterstützung der russischen "
                                                           "Luftstreitkräfte statt.") is None


def test_no_shared_fact_offers_nothing():
    assert carried("The ministry said so.", "said", "Das Ministerium erklärte es.") is None
    assert carried("The Russian Defense Ministry said it.", "The Russian Defense Ministry",
                   "Das Verteidigungsministerium erklärte es.") is None


def test_the_nearest_run_covering_most_of_the_span_wins():
    source = "Vladimir Putin met Donald Trump in Da Nang."
    target = "Trump sprach zuerst. Später traf Wladimir Putin Donald Trump in Da Nang."
    assert carried(source, "Vladimir Putin met Donald Trump", target) == "Wladimir Putin Donald Trump"


def test_overlapping_spans_each_carried_and_one_the_target_has_is_not_offered_again():
    source = "Sergei Lavrov and Rex Tillerson met in Vienna."
    target = "In Wien trafen sich Sergej Lawrow und Rex Tillerson."
    spans = [(*span_of(source, "Sergei Lavrov and Rex Tillerson"), "source"), (*span_of(source, "Rex Tillerson"), "source"),
             (*span_of(source, "Lavrov"), "cue")]
    offered = project_spans(target, [(source, spans)])
    assert [(target[p.start:p.end], p.label) for p in offered] == [
        ("Sergej Lawrow und Rex Tillerson", "source"), ("Lawrow", "cue"), ("Rex Tillerson", "source")]
    have = [(*span_of(target, "Rex Tillerson"), "source")]
    again = project_spans(target, [(source, spans)], have)
    assert [(target[p.start:p.end], p.label) for p in again] == [("Lawrow", "cue")]


def test_by_meaning_takes_the_closest_window_only_when_close_enough():
    def encode(texts):  # a toy encoder: a unit vector per first letter (stands for the real one's geometry)
        vectors = np.zeros((len(texts), 26), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row, ord(text.lower()[0]) - ord("a")] = 1
        return vectors
    source, target = "They said so.", "Sie sagten es."
    assert by_meaning(source, *span_of(source, "said"), target, encode) in (span_of(target, "Sie"),
                                                                            span_of(target, "sagten"))
    assert by_meaning(source, *span_of(source, "said"), "Er kam.", encode) is None


def test_a_relation_goes_to_each_document_where_both_ends_have_a_counterpart():
    document_of = {1: 10, 2: 10, 3: 20, 4: 20, 5: 30, 6: 40}
    counterparts = {1: {20: 3, 30: 5}, 2: {20: 4, 40: 6}, 4: {10: 2}}  # 1-3, 2-4, 1-5, 2-6 linked
    found = project_relation(1, 2, "corrects", document_of, counterparts)
    assert [(p.head_id, p.tail_id, p.type) for p in found] == [(3, 4, "corrects")]  # 30 and 40: one end each
    # across documents: the correction (10) of a claim (20) carried to the claim's counterpart in 10
    across = project_relation(1, 4, "corrects", document_of, counterparts)
    assert [(p.head_id, p.tail_id) for p in across] == [(1, 2), (3, 4)]


def test_no_link_no_counterpart_no_relation():
    document_of = {1: 10, 2: 10, 3: 20}
    assert project_relation(1, 2, "repeats", document_of, {}) == []


def test_a_span_end_is_placed_on_the_counterpart_or_the_relation_is_not_offered():
    source = "Igor Konashenkov said the convoy left Abu Kamal on 9 November."
    target = "Laut Igor Konaschenkow hat der Konvoi am 9. November das nahe Al-Bukamal verlassen."
    name, town = (*span_of(source, "Igor Konashenkov"), "source"), (*span_of(source, "Abu Kamal"), "content")
    assert place_span(source, name, target) == (*span_of(target, "Igor Konaschenkow"), "source")
    mine = (*span_of(target, "Konaschenkow"), "source")  # a span of yours there: the end is that span
    assert place_span(source, name, target, [mine, (0, 4, "cue")]) == mine
    said = (*span_of(source, "said"), "cue")
    assert place_span(source, said, target) is None
    texts = {1: source, 2: target}
    document_of, counterparts = {1: 10, 2: 20}, {1: {20: 2}}

    def place(sentence, span, counterpart):
        return place_span(texts[sentence], span, texts[counterpart])
    (found,) = project_relation(1, 1, "attributes-to", document_of, counterparts, town, name, place)
    assert (found.head_id, found.tail_id, found.head_span, found.tail_span) == (
        2, 2, (*span_of(target, "Al-Bukamal"), "content"), (*span_of(target, "Igor Konaschenkow"), "source"))
    assert project_relation(1, 1, "attributes-to", document_of, counterparts, said, name, place) == []
    assert project_relation(1, 1, "attributes-to", document_of, counterparts, name, name, place) == []
