import pytest

from annotator.core.contrast import READABLE, contrast, ink_on, luminance, mix, readable_ground, readable_ink


def test_wcag_luminance_and_contrast():
    assert luminance("#000000") == 0 and luminance("#ffffff") == pytest.approx(1)
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # WCAG's grey on white


def test_mix_goes_from_one_colour_to_the_other():
    assert mix("#ffffff", "#000000", 0) == "#ffffff" and mix("#ffffff", "#000000", 1) == "#000000"
    assert mix("#ffffff", "#000000", 0.05) == "#f2f2f2"


@pytest.mark.parametrize("fill", ["#1f77b4", "#d62728", "#2ca02c", "#ffdd57", "#bcbd22", "#17becf",
                                  "#000000", "#ffffff"])
def test_chip_text_is_readable_on_any_label_colour(fill):
    assert contrast(ink_on(fill), fill) >= READABLE
    if contrast("#ffffff", fill) >= READABLE:
        assert ink_on(fill) == "#ffffff"  # white while it reads, as the chips always looked


def test_a_ground_and_an_ink_are_moved_only_as_far_as_needed():
    assert readable_ground("#ffe066", "#ffffff", "#000000") == "#ffe066"  # black on yellow reads already
    dark = readable_ground("#ffe066", "#2b2b2b", "#ffffff")
    assert dark != "#ffe066" and contrast("#ffffff", dark) >= READABLE
    assert readable_ink("#1f77b4", "#ffffff", "#000000") == "#1f77b4"
    ink = readable_ink("#1f3a93", "#202020", "#f0f0f0")  # a dark label colour on a dark ground
    assert ink != "#1f3a93" and contrast(ink, "#202020") >= READABLE
