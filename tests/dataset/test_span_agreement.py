"""Span agreement (exact and overlap F1) against a hand count, and in `annotator agreement`."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.dataset.span_agreement import ALL_SPANS, span_agreement
from annotator.core.store import Store


def test_exact_and_overlap_f1_match_a_hand_count():
    spans = [
        # sentence 1: both mark the source the same; the cue: ana "said" 29-33, bob "said it" 29-36
        ("ana", 1, 0, 28, "source"), ("bob", 1, 0, 28, "source"),
        ("ana", 1, 29, 33, "cue"), ("bob", 1, 29, 36, "cue"),
        # sentence 2: ana a source bob does not mark; bob a cue where ana has a source (other label)
        ("ana", 2, 0, 10, "source"), ("bob", 2, 5, 9, "cue"),
        # sentence 3: only bob looked at it: left out
        ("bob", 3, 0, 4, "source"),
    ]
    touched = [("ana", 2), ("bob", 2)]
    found = {p.label: p for p in span_agreement(spans, touched, ["source", "cue", "content"])}
    assert set(found) == {"source", "cue", ALL_SPANS}  # content: neither made one
    source, cue, both = found["source"], found["cue"], found[ALL_SPANS]
    # source: ana 2, bob 1; 1 exact; overlapping: ana's 0-28 (1) + bob's 0-28 (1) = 2
    assert (source.first_spans, source.second_spans, source.exact, source.overlapping) == (2, 1, 1, 2)
    assert source.exact_f1 == pytest.approx(2 / 3) and source.overlap_f1 == pytest.approx(2 / 3)
    # cue: ana 1, bob 2; 0 exact; overlapping: ana's said (1) + bob's said it (1) = 2 (bob's 5-9: no cue of ana)
    assert (cue.first_spans, cue.second_spans, cue.exact, cue.overlapping) == (1, 2, 0, 2)
    assert cue.exact_f1 == 0 and cue.overlap_f1 == pytest.approx(2 / 3)
    # all: 3 and 3 spans, 1 exact, 4 overlapping
    assert (both.first_spans, both.second_spans, both.exact, both.overlapping, both.sentences) == (3, 3, 1, 4, 2)
    assert both.exact_f1 == pytest.approx(1 / 3) and both.overlap_f1 == pytest.approx(2 / 3)


def test_the_agreement_command_reports_span_f1(demo_project):
    with sqlite3.connect(demo_project) as conn:
        sentence = conn.execute("SELECT id FROM sentences WHERE instr(text, 'Ministry said it has') > 0"
                                ).fetchone()[0]
    with Store.open(demo_project) as store:
        for who, end in (("ana", 33), ("bob", 36)):
            store.spans.add(sentence, 0, 28, "source", who)
            store.spans.add(sentence, 29, end, "cue", who)
    result = CliRunner().invoke(main, ["agreement", str(demo_project)])
    assert result.exit_code == 0, result.output
    assert "ana / bob, source: exact F1 1.000, overlap F1 1.000" in result.output
    assert "ana / bob, cue: exact F1 0.000, overlap F1 1.000" in result.output
    assert "ana / bob, (all span labels): exact F1 0.500, overlap F1 1.000" in result.output


def test_span_labels_command_lists_adds_and_refuses_in_one_line(demo_project):
    runner = CliRunner()
    result = runner.invoke(main, ["span-labels", str(demo_project), "target", "--key", "4", "--color", "#9467bd"])
    assert result.exit_code == 0 and result.output.splitlines() == [
        "1  source  #9467bd", "2  cue  #ff7f0e", "3  content  #17becf", "4  target  #9467bd"]
    bad = runner.invoke(main, ["span-labels", str(demo_project), "x", "--key", "0"])
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1 and "1 to 9" in bad.output
