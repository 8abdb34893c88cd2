"""The engines behind align(): embedding DP, reordering, retellings, length; quality floors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotator.core.align import engine, reordering
from annotator.core.align.beads import count

GOLD = Path(__file__).resolve().parents[3] / "shared" / "align-gold"

# A small parallel text of our own (German / French / English), with one sentence split in two.
GERMAN = ["Die Regierung hat am Montag neue Zahlen veröffentlicht.",
          "Demnach ist die Arbeitslosigkeit im dritten Quartal gesunken.",
          "Die Opposition kritisierte die Methode der Berechnung scharf und verlangte eine unabhängige Prüfung.",
          "Der Minister wies die Vorwürfe zurück.",
          "Im nächsten Jahr soll ein neues Gesetz in Kraft treten.",
          "Die Gewerkschaften begrüßten diesen Schritt."]
FRENCH = ["Le gouvernement a publié lundi de nouveaux chiffres.",
          "Selon eux, le chômage a baissé au troisième trimestre.",
          "L'opposition a vivement critiqué la méthode de calcul.",
          "Elle a exigé un examen indépendant.",
          "Le ministre a rejeté ces accusations.",
          "Une nouvelle loi doit entrer en vigueur l'année prochaine.",
          "Les syndicats ont salué cette mesure."]


def test_length_aligner_handles_a_split_sentence():
    source = ["a" * 40, "b" * 80, "c" * 30]
    target = ["a" * 42, "b" * 38, "b" * 40, "c" * 31]
    beads = engine.align_length(source, target)
    assert [b.key() for b in beads] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_embedding_aligner_on_a_small_parallel_text():
    result = engine.align(GERMAN, FRENCH, "de", "fr")
    assert result.method == "embedding"
    assert [b.key() for b in result.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)),
                                               ((4,), (5,)), ((5,), (6,))]
    assert all(0 < b.score <= 1 for b in result.beads)


def test_a_moved_sentence_is_linked_out_of_order():
    # The French version moves the minister's reply to the front. The monotone DP leaves it
    # unmatched in French and swallows the German one into the neighbouring bead; the reordering
    # step takes it out of that bead and links the two.
    french = [FRENCH[4]] + FRENCH[:4] + FRENCH[5:]
    result = engine.align(GERMAN, french, "de", "fr")
    assert ((3,), (0,)) in [b.key() for b in result.beads]
    assert ((2,), (3, 4)) in [b.key() for b in result.beads]
    assert sorted(i for b in result.beads for i in b.src) == list(range(len(GERMAN)))
    assert sorted(j for b in result.beads for j in b.tgt) == list(range(len(french)))
    off = engine.align(GERMAN, french, "de", "fr", params=engine.with_params(reorder_threshold=None))
    assert ((2, 3), (3, 4)) in [b.key() for b in off.beads] and ((), (0,)) in [b.key() for b in off.beads]


def _unit(rows):
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_reordering_links_only_mutual_best_matches_of_real_sentences():
    words = "a sentence long enough to be moved around"
    source, target = [words, words, "x ."], [words, words, "y ."]
    source_vectors = _unit([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])
    target_vectors = _unit([[0, 1, 0.1, 0], [0.9, 0.1, 0, 0.4], [0, 0, 1, 0]])
    beads = [engine.Bead((0,), ()), engine.Bead((1,), ()), engine.Bead((2,), ()),
             engine.Bead((), (0,)), engine.Bead((), (1,)), engine.Bead((), (2,))]
    linked = {b.key() for b in reordering.link_reordered(beads, source, target, source_vectors, target_vectors)}
    # 0 <-> 1 and 1 <-> 0 are mutual best matches; the identical fragments 'x .'/'y .' are too
    # short to be moved, however similar
    assert linked == {((0,), (1,)), ((1,), (0,)), ((2,), ()), ((), (2,))}
    # below the threshold nothing moves
    low = engine.with_params(reorder_threshold=0.999)
    assert reordering.link_reordered(beads, source, target, source_vectors, target_vectors, low) == beads


def test_reordering_needs_the_best_match_in_the_whole_pair():
    words = "a sentence long enough to be moved around"
    source, target = [words, words], [words, words]
    source_vectors = _unit([[1, 0], [0, 1]])
    target_vectors = _unit([[1, 0.05], [1, 0.2]])
    # source 0 is matched already (to target 0); source 1 and target 1 are left over, and each is
    # the other's best among the leftovers, but target 1's best source in the pair is source 0
    beads = [engine.Bead((0,), (0,), 1.0), engine.Bead((1,), ()), engine.Bead((), (1,))]
    assert reordering.link_reordered(beads, source, target, source_vectors, target_vectors,
                                 engine.with_params(reorder_threshold=0.0)) == beads


def test_a_merged_bead_gives_up_at_most_one_edge_sentence_per_side():
    words = "a sentence long enough to be moved around"
    source, target = [words] * 2, [words] * 3
    source_vectors = _unit([[1, 0, 0], [0, 1, 0]])
    target_vectors = _unit([[0.2, 0.2, 1], [1, 0, 0], [0, 1, 0]])
    # the DP put both source sentences with target 0; each is the best match of a lone target
    beads = [engine.Bead((0, 1), (0,), 0.3), engine.Bead((), (1,)), engine.Bead((), (2,))]
    result = reordering.link_reordered(beads, source, target, source_vectors, target_vectors,
                                   engine.with_params(reorder_threshold=0.5))
    assert sorted(i for b in result for i in b.src) == [0, 1]  # every sentence once, none lost
    assert sorted(j for b in result for j in b.tgt) == [0, 1, 2]
    assert ((0,), (1,)) in [b.key() for b in result] and ((1,), (0,)) in [b.key() for b in result]
    assert ((), (2,)) in [b.key() for b in result]


def test_what_is_left_of_a_bead_below_the_retelling_floor_is_unmatched():
    words = "a sentence long enough to be moved around"
    source, target = [words] * 2, [words] * 2
    source_vectors = _unit([[1, 0, 0], [0, 0.3, 1]])
    target_vectors = _unit([[0, 1, 0], [1, 0, 0]])
    beads = [engine.Bead((0, 1), (0,), 0.6), engine.Bead((), (1,))]
    result = reordering.link_reordered(beads, source, target, source_vectors, target_vectors, engine.RETELLING)
    assert [b.key() for b in result] == [((1,), ()), ((), (0,)), ((0,), (1,))]


def test_uncovered_language_uses_lengths_and_every_sentence_is_placed():
    greek = ["Η κυβέρνηση δημοσίευσε νέα στοιχεία τη Δευτέρα.", "Η ανεργία μειώθηκε το τρίτο τρίμηνο."]
    result = engine.align(greek, FRENCH[:2], "el", "fr")
    assert result.method == "length"
    placed = sorted(i for b in result.beads for i in b.src), sorted(j for b in result.beads for j in b.tgt)
    assert placed == ([0, 1], [0, 1])


def test_empty_side_leaves_everything_unmatched():
    result = engine.align(GERMAN[:2], [], "de", "fr")
    assert [b.key() for b in result.beads] == [((0,), ()), ((1,), ())]


# ----------------------------------------------------------------------------- groups in a project


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/align-gold is not beside the checkout")
def test_never_worse_than_plain_gale_church_on_hungarian():
    from tests.benchmarks.align_eval import documents

    (name, source, target, src_lang, tgt_lang, gold), = documents(GOLD, "hunalign-dtm-hu-en")
    product = count(engine.align(source, target, src_lang, tgt_lang).beads, gold).scores()["strict_f1"]
    plain = count(engine.align_length(source, target, engine.with_params(max_block=2), use_anchors=False),
                  gold).scores()["strict_f1"]
    assert product >= plain > 0.9


def test_monotone_share_counts_links_off_the_longest_ordered_chain():
    from annotator.core.align.beads import Bead
    from annotator.core.align.engine import monotone_share

    assert monotone_share([]) == 1.0
    in_order = [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), (2, 3))]
    assert monotone_share(in_order) == 1.0
    moved = [Bead((0,), (5,)), Bead((1,), (0,)), Bead((2,), (1,)), Bead((3,), (2,))]
    assert monotone_share(moved) == 0.75
