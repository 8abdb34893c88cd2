"""The model trained on the project's own labels: training data, grouped cross-validation,
suggestions in every language, the `suggest` command and `export --with-suggestions`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import numpy as np
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core import suggest
from annotator.core.align.group import align_group
from annotator.core.store.migrations import LATEST_VERSION
from annotator.core.model import Annotation
from annotator.core.store import Store
from tests.helpers.old_projects import old_project
from tests.helpers.seed_labels import ENGLISH, label_english


@pytest.fixture(scope="module")
def _labeled_template(tmp_path_factory):
    """The seeds aligned (their embeddings stored), a dozen English sentences labeled."""
    from annotator.core.session.importing import import_files
    from tests.conftest import SEEDS

    path = tmp_path_factory.mktemp("suggest") / "labeled.sqlite"
    import_files(path, list(SEEDS.values()), group="seeds")
    with Store.open(path) as store:
        align_group(store, "seeds")
        label_english(store)
    return path


@pytest.fixture
def labeled(_labeled_template, tmp_path):
    path = tmp_path / "labeled.sqlite"
    path.write_bytes(_labeled_template.read_bytes())
    return path


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_positives_and_negatives_come_from_judgements(labeled):
    with Store.open(labeled, readonly=True) as store:
        judged = store.suggestions.judged()
    assert len(judged) == len(ENGLISH)
    counts = {name: sum(name in labels for _, _, labels in judged) for name in ("claim", "attribution", "correction")}
    expected = {name: sum(name in labels for labels in ENGLISH.values()) for name in counts}
    assert counts == expected
    assert sum(1 for _, _, labels in judged if not labels) == 3  # "no label applies": negatives for every label


def test_suggest_on_the_seeds_reaches_german_and_french(labeled):
    result = _run("suggest", labeled)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "5 folds grouped by aligned unit (the project has one story group)" in lines[0]
    claim = next(line.split() for line in lines if line.startswith("claim "))
    positives = sum("claim" in labels for labels in ENGLISH.values())
    assert claim[1:3] == [str(positives), str(len(ENGLISH) - positives)]  # positives, negatives
    assert all(0.0 <= float(x) <= 1.0 for x in claim[3:6])  # precision, recall, F1
    with Store.open(labeled, readonly=True) as store:
        judged = {i for i, _, _ in store.suggestions.judged()}
        rows = store.db.execute("SELECT x.sentence_id, s.lang, x.probability FROM suggestions x"
                                " JOIN sentences s ON s.id = x.sentence_id").fetchall()
        unjudged = {s.id for s in store.suggestions.unjudged()}
        assert store.annotations.all() == [a for a in store.annotations.all() if a.sentence_id in judged]
    assert {i for i, _, _ in rows} == unjudged and not judged & unjudged
    likely = {lang for _, lang, p in rows if p >= 0.5}
    assert {"de", "fr"} <= likely
    listed = [line for line in lines if line.startswith("  sentence ")]
    assert any("(de)" in line for line in listed) and any("(fr)" in line for line in listed)


def test_the_model_carries_a_label_across_languages(labeled):
    """The German and French sentences aligned to an English sentence labeled L rank high among
    their language's sentences for L (though no German or French sentence was labeled)."""
    with Store.open(labeled) as store:
        training = suggest.train(store, cross_validate=False)
        languages = dict(store.db.execute("SELECT id, lang FROM sentences"))
        ranks = []
        for sentence_id, _, labels in store.suggestions.judged():
            counterparts = {i for link in store.links.of_sentence(sentence_id) for i in link.sentence_ids()}
            for label in labels:
                probability = dict(zip(training.sentence_ids, training.probabilities[label]))
                for other in counterparts:
                    if other in probability and languages[other] in ("de", "fr"):
                        same = [p for i, p in probability.items() if languages[i] == languages[other]]
                        ranks.append(sum(p > probability[other] for p in same) / len(same))
    assert len(ranks) >= 6
    assert np.mean(ranks) < 0.25  # a random ranking averages 0.5
    assert sum(rank < 0.5 for rank in ranks) >= 0.75 * len(ranks)


def test_too_few_labels_say_what_is_missing_and_change_nothing(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        first = store.db.execute("SELECT id FROM sentences WHERE boilerplate = 0 ORDER BY id LIMIT 4").fetchall()
        store.annotations.set(first[0][0], "claim", "ann")
        store.annotations.set(first[1][0], "claim", "ann")
        store.annotations.clear(first[2][0], "ann")
    before = demo_project.read_bytes()
    result = CliRunner().invoke(main, ["suggest", str(demo_project)])
    assert result.exit_code == 2
    message = result.output.strip().splitlines()
    assert len(message) == 1
    assert message[0].startswith(f"error: {demo_project}: too few labels to train a model: claim: 1 more sentence"
                                 " with the label and 2 more judged without it (has 2 with, 1 without)")
    assert "correction: 3 more sentences with the label" in message[0]
    assert message[0].endswith("nothing was changed")
    with Store.open(demo_project, readonly=True) as store:
        assert store.suggestions.count() == 0 and store.suggestions.report() is None
    assert demo_project.read_bytes() == before


def test_label_min_prob_and_json(labeled):
    result = _run("suggest", labeled, "--label", "3", "--min-prob", "0.6", "--json")  # 3: correction's key
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [r["label"] for r in report["labels"]] == ["correction"]
    assert report["labels"][0]["positives"] == 4 and report["folds_by"] == "aligned unit"
    assert report["suggestions"] and all(s["label"] == "correction" and s["probability"] >= 0.6
                                         for s in report["suggestions"])
    assert {"sentence_id", "lang", "text"} <= set(report["suggestions"][0])
    with Store.open(labeled, readonly=True) as store:
        stored = {name for (name,) in store.db.execute(
            "SELECT DISTINCT lb.name FROM suggestions x JOIN labels lb ON lb.id = x.label_id")}
    assert stored == {"correction"}
    unknown = CliRunner().invoke(main, ["suggest", str(labeled), "--label", "rumour"])
    assert unknown.exit_code == 2 and "rumour" in unknown.output


def test_retraining_replaces_and_drops_suggestions_on_sentences_judged_since(labeled):
    assert _run("suggest", labeled).exit_code == 0
    with Store.open(labeled) as store:
        some = store.suggestions.listing()[0][0]
        store.annotations.clear(some, "bob")
        assert some in store.suggestions.of_sentences([some])  # kept until the model trains again
        training = suggest.train(store)
        with store.transaction():
            suggest.write(store, training, chunk=7)  # several short transactions
        assert some not in store.suggestions.of_sentences([some])
        assert store.suggestions.count() == len(training.sentence_ids) * 3
        assert store.suggestions.report()["judged"] == len(ENGLISH) + 1


def test_folds_keep_a_story_group_together():
    ids = list(range(10))
    groups = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4]
    folds, by, count = suggest.fold_ids(None, ids, groups)
    assert by == "story group" and count == 4
    for group in set(groups):
        assert len({int(folds[k]) for k in ids if groups[k] == group}) == 1


def test_in_one_story_group_aligned_sentences_share_a_fold(labeled):
    with Store.open(labeled, readonly=True) as store:
        ids = sorted(s.id for s in store.suggestions.unjudged())[:60]
        folds, by, _ = suggest.fold_ids(store, ids, [1] * len(ids))
        fold = dict(zip(ids, folds.tolist()))
        pairs = [(a, b) for _, a, b, _, _ in store.links.pairs_in_group(1) if a in fold and b in fold]
    assert by == "aligned unit" and pairs
    assert all(fold[a] == fold[b] for a, b in pairs)


def test_scores_and_one_class_training():
    truth = np.array([1, 1, 0, 0, 1])
    assert suggest.scores(truth, np.array([0.9, 0.2, 0.7, 0.1, 0.6])) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert suggest.scores(truth, np.zeros(5)) == (0.0, 0.0, 0.0)
    x = np.eye(4, 8, dtype=np.float32)
    assert suggest.fit_predict(x, np.zeros(4, int), x).tolist() == [0.0] * 4


def test_export_with_suggestions(labeled, tmp_path):
    assert _run("suggest", labeled).exit_code == 0
    out = tmp_path / "out.jsonl"
    assert _run("export", labeled, "--format", "jsonl", "-o", out, "--with-suggestions").exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with Store.open(labeled, readonly=True) as store:
        stored = store.suggestions.of_sentences([r["sentence_id"] for r in rows])
    for row in rows:
        assert row["suggestions"] == {k: round(v, 4) for k, v in stored.get(row["sentence_id"], {}).items()}
        if row["judged_by"]:
            assert row["suggestions"] == {}
    assert any(r["suggestions"] and r["lang"] == "fr" for r in rows)
    plain = tmp_path / "plain.jsonl"
    assert _run("export", labeled, "--format", "jsonl", "-o", plain).exit_code == 0
    assert "suggestions" not in json.loads(plain.read_text(encoding="utf-8").splitlines()[0])
    table = tmp_path / "out.csv"
    assert _run("export", labeled, "--format", "csv", "-o", table, "--with-suggestions").exit_code == 0
    records = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert list(records[0])[-9:-6] == ["suggested:claim", "suggested:attribution", "suggested:correction"]
    by_id = {int(r["sentence_id"]): r for r in records}
    sentence_id, probabilities = next((i, p) for i, p in stored.items() if i in by_id)
    assert float(by_id[sentence_id]["suggested:claim"]) == pytest.approx(probabilities["claim"], abs=1e-4)
    assert all(r["suggested:claim"] == "" for r in records if r["judged_by"])
    refused = CliRunner().invoke(main, ["export", str(labeled), "--format", "pairs", "--with-suggestions"])
    assert refused.exit_code == 2 and "--with-suggestions" in refused.output


def test_an_accepted_suggestion_keeps_its_origin_through_export_merge_and_split(labeled, tmp_path):
    with Store.open(labeled) as store:
        target = store.suggestions.unjudged()[0].id
        store.annotations.set(target, "claim", "ann", origin="model")
        assert [a.origin for a in store.annotations.of_sentence(target)] == ["model"]
    out = tmp_path / "out.jsonl"
    assert _run("export", labeled, "--format", "jsonl", "-o", out).exit_code == 0
    rows = {r["sentence_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert [a["origin"] for a in rows[target]["annotations"]] == ["model"]
    assert {a["origin"] for r in rows.values() for a in r["annotations"] if r["sentence_id"] != target} == {"person"}
    merged = tmp_path / "merged.sqlite"
    assert _run("merge", merged, labeled).exit_code == 0
    with Store.open(merged, readonly=True) as store:
        origins = {(a.label, a.origin) for a in store.annotations.all()
                   if store.documents.sentence(a.sentence_id).text == rows[target]["text"]}
    assert origins == {("claim", "model")}
    with Store.open(labeled) as store:
        text = store.documents.sentence(target).text
        _, change = store.resegmenting.split(target, len(text) // 2)
        assert {a.origin for i in change.sentence_ids() for a in store.annotations.of_sentence(i)} == {"model"}


@pytest.mark.parametrize("version", [7, 10])
def test_an_older_version_is_migrated_with_its_annotations_made_by_people(tmp_path, version):
    path = tmp_path / f"v{version}.sqlite"
    conn = old_project(path, version)
    conn.execute("INSERT INTO labels (name, key, color, position) VALUES ('claim', '1', '#000000', 0)")
    conn.execute("INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at) VALUES (1, 1, 1, 'then')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.annotations.all() == [Annotation(1, "claim", "ann", "then", None, "person")]
        assert store.suggestions.count() == 0
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("INSERT INTO suggestions VALUES (1, 1, 1.5, 'now')")
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == version
    backup.close()


def test_agreement_from_scratch_leaves_out_accepted_suggestions(labeled):
    with Store.open(labeled) as store:
        a, b = [s.id for s in store.suggestions.unjudged()[:2]]
        for annotator in ("ann", "bob"):
            store.annotations.set(a, "claim", annotator)
        store.annotations.set(b, "claim", "ann")
        store.annotations.set(b, "correction", "bob", origin="model")
        every = [(i, who) for i, who, *_ in store.annotations.judgements()]
        scratch = [(i, who) for i, who, *_ in store.annotations.judgements(from_scratch=True)]
    assert (b, "bob") in every and (b, "bob") not in scratch and (b, "ann") in scratch and (a, "bob") in scratch
    assert set(every) - set(scratch) == {(b, "bob")}
    plain, only = _run("agreement", labeled), _run("agreement", labeled, "--from-scratch")
    assert plain.exit_code == 0 and only.exit_code == 0
    assert plain.output != only.output  # the pair ann-bob compares 2 sentences, then 1
