"""The aligner: scoring, the DP, anchors, the engines, groups in a project, the CLI."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align import engine
from annotator.core.align.anchors import band_from_anchors, monotone_chain
from annotator.core.align.beads import count, parse_beads
from annotator.core.align.dp import Band, best_path
from annotator.core.align.embeddings import Encoder, normalize
from annotator.core.align.group import align_group, default_pivot
from annotator.core.store import Store

GOLD = Path(__file__).resolve().parents[2] / "shared" / "align-gold"

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


class CountingEncoder(Encoder):
    def __init__(self):
        super().__init__()
        self.encoded = 0

    def encode(self, texts):
        missing = {normalize(t) for t in texts} - set(self._cache)
        self.encoded += len(missing)
        return super().encode(texts)


# ----------------------------------------------------------------------------- scoring
def test_parse_and_format_beads():
    beads = parse_beads("[0]:[0, 1]\n[1, 2]:[2]\n[]:[3]\n[3]:[]:0.5\n")
    assert [b.format() for b in beads] == ["[0]:[0, 1]", "[1, 2]:[2]", "[]:[3]", "[3]:[]"]
    with pytest.raises(ValueError, match="line 1"):
        parse_beads("0:0")


def test_strict_and_lax_counts_by_hand():
    gold = parse_beads("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[3, 4]:[3]\n[]:[4]")
    predicted = parse_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n[4]:[]\n[]:[4]")
    counts = count(predicted, gold)
    # precision over all 7 predicted beads: strict [0]:[0], [2]:[], []:[4]; lax adds [1]:[1], [3]:[3]
    assert (counts.predicted, counts.strict_correct, counts.lax_correct) == (7, 3, 5)
    # recall over the 3 gold beads with both sides: strict [0]:[0]; lax adds [1]:[1,2] and [3,4]:[3]
    assert (counts.gold, counts.strict_recalled, counts.lax_recalled) == (3, 1, 3)
    scores = (counts + counts).scores()  # micro-averaging sums counts: same ratios
    assert scores["strict_p"] == pytest.approx(3 / 7) and scores["strict_r"] == pytest.approx(1 / 3)
    assert scores["lax_f1"] == pytest.approx(2 * (5 / 7) * 1 / (5 / 7 + 1))


def test_predicted_null_bead_not_in_gold_is_never_correct():
    counts = count(parse_beads("[0]:[]\n[]:[0]"), parse_beads("[0]:[0]"))
    assert (counts.strict_correct, counts.lax_correct, counts.lax_recalled) == (0, 0, 0)


# ----------------------------------------------------------------------------- DP and anchors
def _diagonal_scorer(a, b, i, columns):
    # 1-1 beads on the diagonal score 1, everything else scores badly
    return np.where((a == 1) & (b == 1) & (columns == i), 1.0, -1.0)


def test_dp_finds_the_diagonal_and_null_beads():
    path = best_path(4, 4, [(1, 1), (1, 2), (2, 1)], _diagonal_scorer, np.full(4, -0.1), np.full(4, -0.1),
                     Band.full(4, 4))
    assert path == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4)]

    def shifted(a, b, i, columns):  # target sentence 0 has no counterpart
        return np.where((a == 1) & (b == 1) & (columns == i + 1), 1.0, -1.0)

    path = best_path(3, 4, [(1, 1)], shifted, np.full(3, -0.1), np.full(4, -0.1), Band.full(3, 4))
    assert path[0] == (0, 0, 0, 1) and len(path) == 4


def test_dp_respects_the_band():
    band = Band(np.array([0, 0, 1, 2, 3]), np.array([1, 2, 3, 4, 4]))
    path = best_path(4, 4, [(1, 1)], _diagonal_scorer, np.full(4, -0.1), np.full(4, -0.1), band)
    assert [step[3] for step in path] == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="no alignment path"):
        best_path(2, 2, [(1, 1)], _diagonal_scorer, np.zeros(2), np.zeros(2),
                  Band(np.array([0, 0, 0]), np.array([0, 0, 1])))


def test_monotone_chain_drops_crossing_pairs():
    pairs = [(0, 0, 0.9), (1, 5, 0.95), (1, 1, 0.8), (2, 2, 0.85), (3, 3, 0.9), (4, 0, 0.99)]
    assert monotone_chain(pairs, threshold=0.5) == [(0, 0), (1, 1), (2, 2), (3, 3)]
    band = band_from_anchors([(2, 2)], 4, 4, margin=1)
    assert band.low[0] == 0 and band.high[4] == 4
    assert all(band.low[i] <= band.low[i + 1] and band.high[i] <= band.high[i + 1] for i in range(4))


# ----------------------------------------------------------------------------- engines
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
    linked = {b.key() for b in engine.link_reordered(beads, source, target, source_vectors, target_vectors)}
    # 0 <-> 1 and 1 <-> 0 are mutual best matches; the identical fragments 'x .'/'y .' are too
    # short to be moved, however similar
    assert linked == {((0,), (1,)), ((1,), (0,)), ((2,), ()), ((), (2,))}
    # below the threshold nothing moves
    low = engine.with_params(reorder_threshold=0.999)
    assert engine.link_reordered(beads, source, target, source_vectors, target_vectors, low) == beads


def test_reordering_needs_the_best_match_in_the_whole_pair():
    words = "a sentence long enough to be moved around"
    source, target = [words, words], [words, words]
    source_vectors = _unit([[1, 0], [0, 1]])
    target_vectors = _unit([[1, 0.05], [1, 0.2]])
    # source 0 is matched already (to target 0); source 1 and target 1 are left over, and each is
    # the other's best among the leftovers, but target 1's best source in the pair is source 0
    beads = [engine.Bead((0,), (0,), 1.0), engine.Bead((1,), ()), engine.Bead((), (1,))]
    assert engine.link_reordered(beads, source, target, source_vectors, target_vectors,
                                 engine.with_params(reorder_threshold=0.0)) == beads


def test_a_merged_bead_gives_up_at_most_one_edge_sentence_per_side():
    words = "a sentence long enough to be moved around"
    source, target = [words] * 2, [words] * 3
    source_vectors = _unit([[1, 0, 0], [0, 1, 0]])
    target_vectors = _unit([[0.2, 0.2, 1], [1, 0, 0], [0, 1, 0]])
    # the DP put both source sentences with target 0; each is the best match of a lone target
    beads = [engine.Bead((0, 1), (0,), 0.3), engine.Bead((), (1,)), engine.Bead((), (2,))]
    result = engine.link_reordered(beads, source, target, source_vectors, target_vectors,
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
    result = engine.link_reordered(beads, source, target, source_vectors, target_vectors, engine.RETELLING)
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
def _texts(store):
    return {s.id: s.text for d in store.stats.document_summaries() for s in store.documents.sentences(d.id)}


def _linked(store, pivot, other):
    texts = _texts(store)
    return {(" ".join(texts[i] for i in link.source), " ".join(texts[i] for i in link.target))
            for link in store.links.between(pivot, other)}


def test_seed_retellings_link_matching_content_only(demo_project):
    with Store.open(demo_project) as store:
        reports = align_group(store, "seeds")
        pivot = store.documents.groups()[0]["pivot_document_id"]
        assert pivot == 2  # English is the most common language; 001 is the longer English page
        assert {(r.source_id, r.target_id) for r in reports} == {(2, 1), (2, 3), (2, 4), (1, 3), (1, 4), (3, 4)}
        english_french = _linked(store, 2, 3)
        assert any("the 15-km zone around the city" in en and "la zone de 15 km" in fr for en, fr in english_french)
        assert any(en.startswith("The Russian Defense Ministry said it has obtained evidence")
                   and fr.startswith("Le ministère de la Défense russe a fourni") for en, fr in english_french)
        assert any(en == "The US refused to conduct airstrikes over the leaving ISIL convoy."
                   and "also refused to carry out airstrikes" in other for en, other in _linked(store, 2, 4))
        assert any(en.startswith('"There is indisputable evidence') and de.startswith("“Diese Fakten sind")
                   for en, de in _linked(store, 2, 1))
        boilerplate = {s.id for d in (1, 2, 3, 4) for s in store.documents.sentences(d) if s.boilerplate}
        for report in reports:
            # retellings: most sentences have no counterpart and stay unlinked
            assert report.unmatched_source > report.links
            for link in store.links.between(report.source_id, report.target_id):
                assert not (set(link.source) | set(link.target)) & boilerplate
                assert link.origin == "machine" and 0 <= link.score <= 1


def test_realign_keeps_manual_links_and_uses_cached_embeddings(demo_project):
    encoder = CountingEncoder()
    with Store.open(demo_project) as store:
        align_group(store, "seeds", encoder=encoder)
        first_encoded = encoder.encoded
        assert first_encoded > 0
        german = [s for s in store.documents.sentences(1) if not s.boilerplate]
        english = [s for s in store.documents.sentences(2) if not s.boilerplate]
        manual = store.links.add([english[10].id], [german[3].id, german[4].id], score=None, origin="manual")
        before = len(store.links.between(2, 1, origin="machine"))
        fresh = CountingEncoder()  # a new process: vectors come from the project file
        reports = align_group(store, "seeds", encoder=fresh)
        assert fresh.encoded == 0
        assert [link.id for link in store.links.between(2, 1, origin="manual")] == [manual]
        report = next(r for r in reports if (r.source_id, r.target_id) == (2, 1))
        assert report.manual == 1
        machine = store.links.between(2, 1, origin="machine")
        assert len(machine) <= before + 1  # replaced, not piled up
        for link in machine:  # nothing machine-made overlaps the manual link
            assert english[10].id not in link.source and not {german[3].id, german[4].id} & set(link.target)


def test_default_pivot_prefers_the_common_language_then_length():
    documents = [{"id": 1, "lang": "de", "sentences": 90, "position": 0},
                 {"id": 2, "lang": "en", "sentences": 30, "position": 1},
                 {"id": 3, "lang": "en", "sentences": 40, "position": 2}]
    assert default_pivot(documents) == 3


def test_cli_align_and_export(demo_project, tmp_path):
    result = CliRunner().invoke(main, ["align", str(demo_project), "--group", "seeds"])
    assert result.exit_code == 0, result.output
    assert "documents 2 - 3 [embedding-retelling]" in result.output
    out = tmp_path / "x.jsonl"
    CliRunner().invoke(main, ["export", str(demo_project), "--format", "jsonl", "-o", str(out)])
    import json

    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    aligned = [r for r in rows if r["aligned"]]
    assert aligned and all(a["origin"] == "machine" and a["sentence_ids"] for r in aligned for a in r["aligned"])
    result = CliRunner().invoke(main, ["align", str(demo_project), "--group", "nope"])
    assert result.exit_code == 2 and "no group 'nope'" in result.output


def test_cli_align_files(tmp_path):
    source, target = tmp_path / "de.txt", tmp_path / "fr.txt"
    source.write_text("\n".join(GERMAN) + "\n", encoding="utf-8")
    target.write_text("\n".join(FRENCH) + "\n", encoding="utf-8")
    out = tmp_path / "beads.txt"
    result = CliRunner().invoke(main, ["align-files", str(source), str(target), "--sentences-per-line",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == [
        "[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]", "[4]:[5]", "[5]:[6]"]
    result = CliRunner().invoke(main, ["align-files", str(source), str(target)])
    assert result.exit_code == 2 and "--sentences-per-line" in result.output
    result = CliRunner().invoke(main, ["align-files", str(source), str(tmp_path / "none.txt"), "--sentences-per-line"])
    assert result.exit_code == 2 and "none.txt: no such file" in result.output


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/align-gold is not beside the checkout")
def test_never_worse_than_plain_gale_church_on_hungarian():
    from tests.benchmarks.align_eval import documents

    (name, source, target, src_lang, tgt_lang, gold), = documents(GOLD, "hunalign-dtm-hu-en")
    product = count(engine.align(source, target, src_lang, tgt_lang).beads, gold).scores()["strict_f1"]
    plain = count(engine.align_length(source, target, engine.with_params(max_block=2), use_anchors=False),
                  gold).scores()["strict_f1"]
    assert product >= plain > 0.9
