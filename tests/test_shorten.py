"""Long texts cut for a list line."""

from annotator.core.shorten import shortened


def test_a_short_text_is_kept_whole():
    assert shortened("Short sentence.", 20) == "Short sentence."
    assert shortened("x" * 20, 20) == "x" * 20


def test_a_long_text_is_cut_at_a_word_boundary_within_the_limit():
    text = "The ministry published photos of the convoys leaving the town on November 9"
    cut = shortened(text, 40)
    assert cut.endswith("…") and len(cut) <= 40
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "  # cut where a word ends


def test_a_text_without_spaces_is_cut_at_the_limit():
    cut = shortened("語" * 7000, 200)
    assert len(cut) == 200 and cut == "語" * 199 + "…"
