"""Files -> documents, for every supported format, and a clear error for every bad file."""

from __future__ import annotations

import json

import pytest

from annotator.core.text.ingest import markdown_to_text, read_documents
from annotator.errors import InputError


def test_plain_text_keeps_encoding_and_hash(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Der Konvoi verließ die Stadt.".encode("cp1252"))
    (doc,) = read_documents(path)
    assert doc.text == "Der Konvoi verließ die Stadt."
    assert doc.encoding == "cp1252"
    assert doc.title == "story"
    assert len(doc.sha256) == 64


def test_markdown_drops_markup_and_takes_the_heading_as_title(tmp_path):
    path = tmp_path / "news.md"
    path.write_text("# Fake photos\n\nThe ministry **deleted** the [photos](http://x.example/a).\n"
                    "It said so\non Tuesday.\n\n- First item\n- Second item\n\n```\ncode()\n```\n", encoding="utf-8")
    (doc,) = read_documents(path)
    assert doc.title == "Fake photos"
    assert doc.text == ("Fake photos\n\nThe ministry deleted the photos.\nIt said so on Tuesday.\n\n"
                        "First item\n\nSecond item").replace(".\nIt", ". It")
    assert "http" not in doc.text and "**" not in doc.text and "code()" not in doc.text


def test_markdown_drops_every_link_target_and_image_whatever_its_url(tmp_path):
    """markdown-it leaves links with URLs it finds unsafe as literal text: their URLs stayed."""
    path = tmp_path / "links.md"
    path.write_text("Read [click](javascript:alert(1)) ![x](file:///etc/passwd) now.\n\n"
                    "See [the page](data:text/html;base64,PHNjcmlwdD4= \"t\") or <https://evil.example/x> today.\n",
                    encoding="utf-8")
    (doc,) = read_documents(path)
    assert doc.text == "Read click now.\n\nSee the page or today."


def test_markdown_to_text_tables_and_hard_breaks():
    text, heading = markdown_to_text("Intro line  \nsecond line\n\n| a | b |\n|---|---|\n| x | y |\n")
    assert heading is None
    assert text.split("\n\n")[0] == "Intro line\nsecond line"
    assert "x" in text and "y" in text


def test_html_main_text_only_no_scripts(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("""<html><head><title>Russia says US shields ISIS</title>
        <script>document.write('EVIL SCRIPT TEXT')</script><style>p{color:red}</style></head>
        <body><nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
        <article><h1>Russia says US shields ISIS</h1>
        <p>The Russian Defense Ministry said it has obtained evidence of cooperation.</p>
        <p>However, the photos were fake. One of them came from a video game.</p>
        <img src="http://tracker.example/pixel.gif"></article>
        <footer>Copyright 2017 Example News</footer></body></html>""", encoding="utf-8")
    (doc,) = read_documents(path)
    assert doc.title == "Russia says US shields ISIS"
    assert "However, the photos were fake." in doc.text
    assert "EVIL SCRIPT TEXT" not in doc.text and "color:red" not in doc.text
    assert doc.format == "html"


def test_html_noscript_text_is_dropped_like_script_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("""<html><head><title>T</title><noscript><style>x{}</style></noscript></head><body><article>
        <p>The ministry published the photos on Tuesday and later said they were wrong.</p>
        <noscript><p>Please enable JavaScript to view the comments powered by our partner.</p></noscript>
        <p>Another paragraph of the article follows here with enough words in it.</p>
        <noscript>Bare noscript text in the body of the page, long enough to be kept.</noscript>
        </article></body></html>""", encoding="utf-8")
    (doc,) = read_documents(path)
    assert doc.text.split("\n") == ["The ministry published the photos on Tuesday and later said they were wrong.",
                                    "Another paragraph of the article follows here with enough words in it."]
    assert doc.title == "T"


def test_html_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "old.htm"
    body = "<p>Les États-Unis ont refusé de frapper les colonnes, a déclaré le ministère russe.</p>" * 3
    path.write_bytes(f'<html><head><meta charset="windows-1252"><title>Réfus</title></head><body>{body}</body></html>'
                     .encode("cp1252"))
    (doc,) = read_documents(path)
    assert "États-Unis ont refusé" in doc.text
    assert doc.encoding == "windows-1252"


def test_jsonl_documents_with_metadata(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": 7, "title": "A", "lang": "en", "group": "g1", "text": "First story.", "url": "u"}) + "\n\n"
        + json.dumps({"text": "Zweite Geschichte.", "lang": "de_DE", "source": "dpa"}) + "\n", encoding="utf-8")
    first, second = read_documents(path)
    assert (first.title, first.lang, first.group, first.external_id, first.metadata) == ("A", "en", "g1", "7", {"url": "u"})
    assert (second.lang, second.metadata, second.title) == ("de", {"source": "dpa"}, "docs line 3")
    assert first.source_path.endswith("docs.jsonl:1") and second.source_path.endswith("docs.jsonl:3")
    assert first.sha256 != second.sha256


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", " \n\n\t \n", "only whitespace"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG image"),
    ("nul.txt", b"some text\x00more text", "NUL bytes"),
    ("bad.jsonl", '{"text": "ok"}\n{"text": "broken"\n', ":2: invalid JSON"),
    ("notext.jsonl", '{"text": "ok"}\n{"title": "no text here"}\n', ':2: has no "text" field'),
    ("list.jsonl", '["a", "b"]\n', ":1: expected a JSON object"),
    ("emptytext.jsonl", '{"text": "   "}\n', ":1: contains only whitespace"),
    ("badlang.jsonl", '{"text": "Hello there.", "lang": "english!"}\n', ':1: "lang" must be a language code'),
    ("surrogate.jsonl", '{"text": "bad \\ud800 surrogate"}\n', ":1: contains invalid Unicode"),
    ("blanklines.jsonl", "\n\n  \n", "only whitespace"),
    ("doc.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
    ("noext", b"hello", "unsupported file type '(no extension)'"),
    ("empty.md", "```\nonly code\n```\n", "no text outside Markdown"),
    ("script.html", "<html><script>var a = 1;</script></html>", "no readable text"),
])
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, name, data, problem):
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_documents(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert problem in message, message
    assert "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_documents(tmp_path / "missing.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_documents(tmp_path / "folder.txt")


def test_size_limit_is_configurable(tmp_path):
    path = _write(tmp_path, "big.txt", "The convoy left the city. " * 4000)  # ~100 KB
    with pytest.raises(InputError, match=r"over the 0\.1 MB limit"):
        read_documents(path, max_bytes=100_000)
    (doc,) = read_documents(path, max_bytes=200_000)
    assert doc.text.startswith("The convoy")


def test_default_size_limit_is_50_mb(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no need to write 51 MB of data
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(InputError, match="over the 52.4 MB limit"):
        read_documents(path)


@pytest.mark.parametrize("text", [
    "مرحبا. هذا نص عربي طويل بما يكفي لاختبار الاتجاه من اليمين إلى اليسار.",
    "שלום. זהו טקסט בעברית.",
    "Cafe\u0301 na\u0308ive. Combining marks stay as they are.",
    "Emoji 👍🏽 and flags 🇫🇷 and families 👩‍👩‍👧 survive import.",
])
def test_rtl_combining_and_emoji_import_unchanged(tmp_path, text):
    path = _write(tmp_path, "t.txt", text)
    (doc,) = read_documents(path)
    assert doc.text == text
