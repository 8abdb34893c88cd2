import pytest

from annotator.core.text.direction import is_right_to_left


@pytest.mark.parametrize("text, rtl", [
    ("(AFP) - قال الرئيس إن المحادثات ستستمر.", True),  # a Latin agency name first: the Arabic decides
    ("قال الرئيس إن المحادثات ستستمر (AFP).", True),
    ("AB: أب.", False),  # as many Latin as Arabic letters: the first decides
    ("أب: AB.", True),
    ("٢٠٢٦ - أعلنت الحكومة خطة جديدة.", True),  # Arabic-Indic digits decide nothing
    ("הממשלה אישרה את התקציב.", True),  # Hebrew
    ("دولت برنامه جدید را اعلام کرد.", True),  # Persian
    ("حکومت نے نئے منصوبے کا اعلان کیا۔", True),  # Urdu
    ("Reuters quoted the minister: «الوضع مستقر».", False),  # English with an Arabic quotation
    ("The government announced a plan.", False),
    ("12 345 (2026).", False),  # digits only: nothing decides
    ("", False),
])
def test_the_script_with_more_letters_decides_the_direction(text, rtl):
    assert is_right_to_left(text) is rtl
