"""A large UTF-8 file is read in pieces (text/streamed.py), never whole: what the analysis and
the project get from it must be what the whole-file path gives, byte for byte."""

from __future__ import annotations

import codecs
import os
import sqlite3
import tracemalloc

import pytest

from annotator.core.session.importing import import_files
from annotator.core.text import importer, language, streamed
from annotator.core.text.analyze import analyze
from annotator.core.text.ingest import read_documents
from annotator.errors import InputError
from annotator.paths import seed_files

SEEDS = "\n\n".join(path.read_text(encoding="utf-8") for path in seed_files())
RIGHT_TO_LEFT = ("\u200fوقالت وزارة الدفاع الروسية إن القافلة غادرت البوكمال. ونشرت الوزارة صورا.\n\n"
                 "משרד ההגנה הרוסי פרסם תמונות. התמונות נלקחו ממשחק מחשב.\n\n"
                 "بقلم أحمد علي\n\nThe photos were fake, the ministry admitted.\n")
MIXED = ("Министерство обороны России заявило, что колонна ушла. 国防部发表声明。写真はゲームから。 "
         "Emoji 🙂 count as one character 🚀.\n\nΤο υπουργείο άμυνας της Ρωσίας δημοσίευσε φωτογραφίες.\n")
HARD_WRAPPED = ("The Russian Defence Ministry said on Tuesday that the convoy\nleft Al-Bukamal under\n"
                "cover of the night, and that the coalition\nrefused to strike it.\n\n") * 40
INPUTS = {
    "seeds": SEEDS.encode("utf-8"),
    "bom": codecs.BOM_UTF8 + SEEDS.encode("utf-8"),
    "crlf": SEEDS.replace("\n", "\r\n").encode("utf-8"),
    "lone cr": SEEDS.replace("\n", "\r").encode("utf-8"),
    "bom crlf right-to-left": codecs.BOM_UTF8 + (RIGHT_TO_LEFT * 30).replace("\n", "\r\n").encode("utf-8"),
    "mixed scripts": (MIXED * 50 + SEEDS).encode("utf-8"),
    "hard-wrapped": HARD_WRAPPED.encode("utf-8"),
    "one long line": ("word " * 5000 + "end.\n").encode("utf-8"),
    "no final line end": SEEDS.rstrip().encode("utf-8"),
    "blank lines with spaces": ("  \n\t\n" + SEEDS.replace("\n\n", "\n \t \n\n")).encode("utf-8"),
}
# Not streamed (the whole-file path reads them as before): the results must still be the same.
NOT_STREAMED = {
    "cp1252": "Le ministère a publié des photos. Elles étaient fausses, déclare-t-il.\n\n".encode("cp1252") * 30,
    "a few bad bytes": SEEDS.encode("utf-8") + b"\nA stray \xff byte here.\n",
    "utf-16 with bom": SEEDS.encode("utf-16"),
}
REFUSED = {
    "only whitespace": b" \r\n\t\n   \n",
    "control characters": b"text\x01\x02\x03\x04 more\n",
    "nul": b"some text\x00 and more\n",
    "empty": b"",
}


@pytest.fixture
def streaming(monkeypatch):
    """Every file streamed, in pieces of `chunk` bytes; `whole()` turns streaming off again."""
    def set_up(chunk: int) -> None:
        monkeypatch.setattr(streamed, "STREAMED_BYTES", 0)
        monkeypatch.setattr(streamed, "CHUNK_BYTES", chunk)

    def whole() -> None:
        monkeypatch.setattr(streamed, "STREAMED_BYTES", 1 << 60)
    set_up.whole = whole
    return set_up


def _analysed(path, sentences_per_line=False):
    [source] = read_documents(path)
    document = analyze(source, sentences_per_line)
    return source, document, (document.lang, document.source.title, document.source.sha256,
                              document.source.encoding, document.source.warning, len(document.source.text),
                              list(document.paragraph_rows()), list(document.sentence_rows()),
                              [document.sentence_text(s) for s in document.sentences])


@pytest.mark.parametrize("chunk", [1, 64, 1 << 20])
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_a_streamed_file_gives_what_the_whole_file_gives(tmp_path, streaming, name, chunk):
    path = tmp_path / "doc.txt"
    path.write_bytes(INPUTS[name])
    streaming(chunk)
    source, _, pieces = _analysed(path)
    assert not isinstance(source.text, str)  # read in pieces
    lines = _analysed(path, sentences_per_line=True)[2]
    streaming.whole()
    whole_source, _, whole = _analysed(path)
    assert isinstance(whole_source.text, str)
    assert pieces == whole
    assert lines == _analysed(path, sentences_per_line=True)[2]
    assert b"".join(source.text.utf8_pieces()) == whole_source.text.encode("utf-8")
    assert source.text.utf8_size == len(whole_source.text.encode("utf-8"))


@pytest.mark.parametrize("name", sorted(NOT_STREAMED))
def test_a_file_that_is_not_plain_utf8_is_read_whole_as_before(tmp_path, streaming, name):
    path = tmp_path / "doc.txt"
    path.write_bytes(NOT_STREAMED[name])
    streaming(64)
    source, _, pieces = _analysed(path)
    assert isinstance(source.text, str)
    streaming.whole()
    assert pieces == _analysed(path)[2]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_file_gets_the_same_message(tmp_path, streaming, name):
    path = tmp_path / "doc.txt"
    path.write_bytes(REFUSED[name])
    streaming(4)
    with pytest.raises(InputError) as streamed_error:
        read_documents(path)
    streaming.whole()
    with pytest.raises(InputError) as whole_error:
        read_documents(path)
    assert str(streamed_error.value) == str(whole_error.value)


def _rows(project):
    with sqlite3.connect(project) as db:
        return (db.execute("SELECT id, group_id, position, title, source_path, format, sha256, encoding, lang,"
                           " lang_source, text, typeof(text) FROM documents ORDER BY id").fetchall(),
                db.execute("SELECT * FROM paragraphs ORDER BY id").fetchall(),
                db.execute("SELECT * FROM sentences ORDER BY id").fetchall(),
                db.execute("PRAGMA foreign_key_check").fetchall())


def test_the_project_holds_the_same_rows(tmp_path, streaming, monkeypatch):
    """Also with the language model let go after each streamed document (loaded again for the next)."""
    paths = []
    for name in ("seeds", "bom crlf right-to-left", "mixed scripts", "hard-wrapped"):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_bytes(INPUTS[name])
    streaming(64)
    monkeypatch.setattr(importer, "MODEL_LET_GO_BYTES", 0)
    loaded = language.model()
    import_files(tmp_path / "streamed.sqlite", paths, workers=1)
    assert language.model() is not loaded  # let go, and loaded again
    streaming.whole()
    import_files(tmp_path / "whole.sqlite", paths, workers=1)
    streamed_rows, whole_rows = _rows(tmp_path / "streamed.sqlite"), _rows(tmp_path / "whole.sqlite")
    assert streamed_rows == whole_rows
    assert len(whole_rows[0]) == 4 and whole_rows[2] and not whole_rows[3]


def test_a_file_changed_while_it_is_imported_is_refused_in_one_line(tmp_path, streaming):
    path = tmp_path / "doc.txt"
    path.write_bytes(INPUTS["seeds"])
    streaming(64)
    [source] = read_documents(path)
    path.write_bytes(INPUTS["seeds"].replace(b"ISIS", b"IS"))
    with pytest.raises(InputError, match="changed while it was being imported"):
        analyze(source)


def test_reading_a_large_file_holds_neither_its_bytes_nor_its_text(tmp_path, streaming):
    path = tmp_path / "doc.txt"
    path.write_bytes(INPUTS["mixed scripts"] * 200)  # 6.6 MB; as a str 25 MB (4 bytes a character: emoji)
    streaming(1 << 16)
    tracemalloc.start()
    try:
        [source] = read_documents(path)
        paragraphs = source.text.paragraphs()
        longest = max(map(len, paragraphs))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(paragraphs) > 10_000 and longest < 1000
    assert peak < os.path.getsize(path) / 4  # a few pieces at a time (the whole path: bytes and str, 31 MB)
