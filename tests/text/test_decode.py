"""Bytes -> text: encodings are detected, binary and empty input refused with InputError."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.text.decode import decode_text
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


# Sentences of the German seed and the others' languages, encoded with Python's codecs below.
GERMAN_NEWS = ("Die Gespräche über die Zölle wurden am Dienstag fortgesetzt.\n"
               "Das Verteidigungsministerium hat den Fehler bereits eingeräumt und leitete eine Prüfung ein.\n"
               "Der Bürgermeister äußerte sich besorgt über die Größe der Straßenschäden.\n")
FRENCH_NEWS = ("Le ministère a déclaré que les élèves étaient très nombreux à réclamer une réforme.\n"
               "Il a été décidé de reporter la séance à la fin de l'été, a précisé le député.\n")
CZECH_NEWS = ("Ministerstvo obrany uvedlo, že příští týden zveřejní další důkazy.\n"
              "Řekl také, že ruští vojáci nebyli účastníky žádného útoku na civilisty. Šéf úřadu odmítl obvinění.\n")
JAPANESE_NEWS = ("国防省は誤りを認め、担当者の不注意によるものだと説明した。\n"
                 "こんにちは。今日はいい天気ですね。\n")
RUSSIAN_LINE = "Министерство обороны России заявило, что фотографии были ошибочно использованы сотрудником."


@pytest.mark.parametrize("text,encoding", [
    (GERMAN_NEWS, "cp850"), (GERMAN_NEWS, "cp437"), (FRENCH_NEWS, "cp850"), (CZECH_NEWS, "iso-8859-2"),
    (GERMAN_NEWS.split("\n")[0], "cp850"), (GERMAN_NEWS.split("\n")[0], "cp437"),
    (JAPANESE_NEWS, "shift_jis"), (JAPANESE_NEWS, "cp932"), (JAPANESE_NEWS.split("\n")[1], "euc-jp"),
    ("第二次世界大戦後、日本は急速な経済成長を遂げた。", "euc-jp"),
])
def test_legacy_code_pages_are_weighed_by_language_not_misread(text, encoding):
    """DOS code pages were read as cp1256 ("Gespr„che") or cp1252 ("d‚clar‚"), ISO-8859-2 as
    cp1250 ("ľe"), Shift-JIS as cp949 (Korean garbage), all without a word."""
    assert decode_text(text.encode(encoding), "f.txt").text == text


@pytest.mark.parametrize("raw", [
    GERMAN_NEWS.encode("cp850") + RUSSIAN_LINE.encode("cp1251"),  # two legacy encodings in one file
    bytes(range(0x80, 0x100)) * 3,
])
def test_bytes_no_encoding_reads_plausibly_are_refused_asking_for_utf8(raw):
    with pytest.raises(InputError) as caught:
        decode_text(raw, "dir/f.txt")
    assert str(caught.value).startswith("dir/f.txt: ") and "save it as UTF-8" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("bad_line,bad", [
    (b"Der Zoll stieg um 5 \xff Prozent.", 1),  # one stray byte
    ("Der Bürgermeister äußerte sich besorgt.".encode("cp1252"), 3),  # a line pasted from a cp1252 file
    (RUSSIAN_LINE.encode("cp1251"), len([ch for ch in RUSSIAN_LINE if ord(ch) > 127])),
])
def test_utf8_with_a_few_bad_bytes_is_read_as_utf8_with_a_warning_naming_the_line(bad_line, bad):
    """The whole file was decoded as cp1252 or ISO-8859-x ("GesprÃ¤che") because of one line."""
    lines = GERMAN_NEWS.encode("utf-8").split(b"\n")
    raw = b"\n".join([*lines[:2], bad_line, *lines[2:]])
    decoded = decode_text(raw, "dir/f.txt")
    assert decoded.encoding == "utf-8"
    text_lines = decoded.text.split("\n")
    assert text_lines[:2] + text_lines[3:] == GERMAN_NEWS.split("\n")
    assert text_lines[2].count("\ufffd") == bad
    assert decoded.warning.startswith("dir/f.txt: not valid UTF-8 on line 3: ") and "\n" not in decoded.warning


def test_a_latin1_tail_after_utf8_is_replaced_and_its_lines_named():
    raw = (GERMAN_NEWS * 3).encode("utf-8") + "Größe äußerte\nÖl\n".encode("latin-1")
    decoded = decode_text(raw, "f.txt")
    assert decoded.encoding == "utf-8" and decoded.text.startswith(GERMAN_NEWS * 3)
    assert decoded.text.endswith("Gr\ufffd\ufffde \ufffdu\ufffderte\n\ufffdl\n")  # ö, ß: one each
    assert "on lines 10, 11:" in decoded.warning
    assert decode_text(GERMAN_NEWS.encode("utf-8"), "f.txt").warning is None
