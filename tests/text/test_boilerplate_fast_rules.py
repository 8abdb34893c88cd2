"""The share-counter rule searched in lower case (issue 29's faster boilerplate) marks what the
case-insensitive patterns mark, including the characters re's case folding maps to ASCII
letters while str.lower does not (a guard for the rewrite: the old code passes it too)."""

from __future__ import annotations

import pytest

from annotator.core.text import boilerplate


@pytest.mark.parametrize("line", [
    "FACEBOOK TWITTER",
    "Partagé sur Facebook et Twitter",
    "faceboo\u212a twitter",  # KELVIN SIGN folds to k under IGNORECASE
    "\u017fhare: 12 on Facebook",  # LONG S folds to s
    "L\u0130NKED\u0130N et Facebook",  # DOTTED CAPITAL I
    "Facebook 12 partages",
])
def test_share_lines_are_marked(line):
    assert boilerplate.line_reason(line) == "share-counter"


def test_news_sentences_naming_one_network_are_not():
    assert boilerplate.line_reason("The minister wrote on Twitter that the talks had failed.") is None
    assert boilerplate.line_reason("Die Ministerin schrieb auf Twitter, die Gespräche seien gescheitert.") is None


def test_repeated_line_keys_ignore_case_and_punctuation():
    marks = boilerplate.mark_paragraphs(["Read the full story here", "READ — the full story, here!",
                                         "Élysée: la réunion est reportée", "ÉLYSÉE — la réunion est reportée."])
    assert marks == [None, "repeated", None, "repeated"]
