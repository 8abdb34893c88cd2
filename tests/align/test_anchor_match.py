"""Links by shared numbers, names and cognates only, for lines the encoder cannot read."""

from __future__ import annotations

from annotator.core.align.anchor_match import MIN_DICE, MIN_SHARED, anchor_links

GREEK = "Η Olga Petrova και ο Ivan Sidorov συναντήθηκαν στην Athens στις 12 March 2017"
ENGLISH = ["Olga Petrova and Ivan Sidorov met in Athens on 12 March 2017.",
           "Nothing else happened that week.",
           "Ivan Sidorov was in Athens once, in 2015."]


def test_the_line_sharing_the_most_names_and_numbers_is_linked_with_its_dice():
    (bead,) = anchor_links([GREEK], ENGLISH, [0], [0, 1, 2])
    assert (bead.src, bead.tgt) == ((0,), (0,))
    assert 0.5 <= bead.score <= 1.0


def test_too_few_shared_anchors_or_a_low_dice_link_nothing():
    assert MIN_SHARED == 3 and MIN_DICE == 0.5
    two_names = ["Olga Petrova said nothing about the weather, the crops, the markets or the harvest."]
    assert anchor_links([GREEK], two_names, [0], [0], min_shared=3) == []
    assert anchor_links([GREEK], two_names, [0], [0], min_shared=1, min_dice=0.9) == []
    assert anchor_links([GREEK], two_names, [0], [0], min_shared=1, min_dice=0.01)


def test_only_mutual_best_matches_are_linked():
    """Two foreign lines both best matching the same sentence: only the better one gets it."""
    weaker = "Ο Ivan Sidorov ήταν στην Athens το 2017 March"
    beads = anchor_links([GREEK, weaker], ENGLISH[:1], [0, 1], [0])
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,))]


def test_only_the_candidates_are_considered():
    assert anchor_links([GREEK], ENGLISH, [], [0, 1, 2]) == []
    assert anchor_links([GREEK], ENGLISH, [0], [1]) == []
