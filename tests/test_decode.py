"""Bytes -> text: encodings are detected, binary and empty input refused with InputError."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.decode import decode_text
from annotator.errors import InputError

GERMAN = "Schöne Grüße aus München: „Die Straße ist gesperrt“, sagte der Bürgermeister."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_and_without_bom(encoding):
    decoded = decode_text(GERMAN.encode(encoding), "f.txt")
    assert decoded.text == GERMAN


def test_utf16_without_bom_is_recognised_not_taken_for_nul_bytes():
    decoded = decode_text("Le refus des États-Unis est un fait objectif.".encode("utf-16-le"), "f.txt")
    assert decoded.text == "Le refus des États-Unis est un fait objectif."
    assert decoded.encoding == "utf-16-le"


def test_cp1252_smart_quotes():
    raw = "“Fake photos,” the ministry’s critics said – again.".encode("cp1252")
    decoded = decode_text(raw, "f.txt")
    assert decoded.text == "“Fake photos,” the ministry’s critics said – again."
    assert decoded.encoding == "cp1252"


def test_latin1_accents_read_as_western_not_central_european():
    raw = "Café naïve, déjà vu à Genève; Grüße aus Köln.".encode("cp1252")
    assert decode_text(raw, "f.txt").text == "Café naïve, déjà vu à Genève; Grüße aus Köln."


@pytest.mark.parametrize("text,encoding", [
    ("Привет, как дела? Это тест кодировки для новостей.", "cp1251"),
    ("Οι φωτογραφίες ήταν ψεύτικες, είπε το υπουργείο.", "cp1253"),
    ("שלום עולם, זהו טקסט בעברית ארוך מספיק.", "cp1255"),
])
def test_legacy_single_byte_encodings(text, encoding):
    assert decode_text(text.encode(encoding), "f.txt").text == text


def test_right_to_left_combining_marks_and_emoji_survive():
    text = "مرحبا بالعالم — שלום — e\u0301te\u0301 n\u0303 — 👍🏽 🇫🇷 👩‍👩‍👧"
    assert decode_text(text.encode("utf-8"), "f.txt").text == text


def test_line_ends_are_normalised():
    assert decode_text(b"one\r\ntwo\rthree\n", "f.txt").text == "one\ntwo\nthree\n"


@pytest.mark.parametrize("raw,problem", [
    (b"", "is empty"),
    (b"   \n\t\n  ", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"text with a NUL\x00 in it", "NUL bytes"),
    (bytes(range(1, 32)) * 20, "control characters"),
    (codecs.BOM_UTF8 + b"\xff\xfe bad", "not valid UTF-8"),
])
def test_bad_input_is_refused_with_a_one_line_message(raw, problem):
    with pytest.raises(InputError) as caught:
        decode_text(raw, "dir/file.txt")
    message = str(caught.value)
    assert message.startswith("dir/file.txt: ")
    assert problem in message
    assert "\n" not in message


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.text(max_size=120), st.sampled_from(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"]))
      .map(lambda pair: pair[0].encode(pair[1], "ignore")),
))
def test_fuzz_decoder_returns_text_or_raises_input_error(raw):
    try:
        decoded = decode_text(raw, "fuzz.txt")
    except InputError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    assert isinstance(decoded.text, str) and decoded.text.strip()
    assert "\x00" not in decoded.text and "\r" not in decoded.text
    decoded.text.encode("utf-8")  # storable
