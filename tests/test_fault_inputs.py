"""Error paths on the input side: files given to `import` that are not what they seem.

Special files (devices, FIFOs), numbers too long for Python, BOM-less UTF-16, UTF-7 pages,
file names with control characters, unreadable files: each gives one line naming the file
(exit code 2 from the CLI) or, where the file is valid, the right text.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.text.decode import decode_text
from annotator.core.session.importing import import_files
from annotator.core.text.ingest import read_documents
from annotator.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
NOT_REGULAR = "is not a regular file (a device, FIFO or socket)"


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Usage:" not in result.output, result.output
    assert result.output.count("\n") == 1, result.output
    return result.output


def _in_child(code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs `code` in a fresh Python with 1.5 GB of address space and a time limit, so that a
    regression (reading /dev/zero forever, waiting on a FIFO) fails the test instead of
    exhausting the machine or hanging the run."""
    def limit():
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"timed out after {timeout} s (blocked reading the file?)")


# --------------------------------------------------------------------------- 1. special files

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_a_device_is_refused_not_read_forever(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "z.txt"
    link.symlink_to(device)
    done = _in_child(f"""
        from annotator.core.text.ingest import read_documents
        from annotator.errors import InputError
        try:
            read_documents({str(link)!r}, max_bytes=300 * 1024 * 1024)
        except InputError as error:
            print(error)
        else:
            print("read")
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == f"{link}: {NOT_REGULAR}\n"


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    done = _in_child(f"""
        from annotator.core.text.ingest import read_documents
        from annotator.errors import InputError
        try:
            read_documents({str(fifo)!r})
        except InputError as error:
            print(error)
    """, timeout=20)
    assert done.stdout == f"{fifo}: {NOT_REGULAR}\n", done.stderr[-2000:]


def test_cli_import_of_a_device_or_fifo_is_one_line_and_writes_nothing(tmp_path):
    os.mkfifo(tmp_path / "f.txt")
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    project = tmp_path / "p.sqlite"
    done = _in_child(f"""
        import sys
        from annotator.cli import main
        sys.argv = ["annotator", "import", {str(project)!r}, {str(tmp_path / "z.txt")!r}]
        main()
    """)
    assert done.returncode == 2 and done.stderr == f"error: {tmp_path / 'z.txt'}: {NOT_REGULAR}\n", done.stderr
    done = _in_child(f"""
        import sys
        from annotator.cli import main
        sys.argv = ["annotator", "import", {str(project)!r}, {str(tmp_path / "f.txt")!r}]
        main()
    """, timeout=20)
    assert done.returncode == 2 and done.stderr == f"error: {tmp_path / 'f.txt'}: {NOT_REGULAR}\n", done.stderr
    assert not project.exists()


def test_symlink_to_a_regular_file_is_read(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("The convoy left the city at dawn.", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    (doc,) = read_documents(link)
    assert doc.text == "The convoy left the city at dawn."


def test_size_limit_holds_while_reading_when_the_size_lies(tmp_path):
    """Files in /proc report a size of 0 but have content: the limit counts bytes read."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc")
    link = tmp_path / "status.txt"
    link.symlink_to(status)
    assert link.stat().st_size == 0
    with pytest.raises(InputError) as caught:
        read_documents(link, max_bytes=100)
    assert str(caught.value) == f"{link}: is over the 0.0 MB limit (raise it with --max-size-mb)"


def test_at_most_the_limit_plus_one_byte_is_read(tmp_path, monkeypatch):
    """A file that grew after its size was taken: reading stops one byte past the limit."""
    from annotator.core.text import ingest

    path = tmp_path / "grown.txt"
    path.write_bytes(b"The convoy left. " * 1000)  # 17 KB on disk
    inode = path.stat().st_ino
    real_fstat = os.fstat

    def fstat_says_small(fd):
        info = real_fstat(fd)
        if info.st_ino != inode:
            return info
        return os.stat_result((*info[:6], 10, *info[7:10]))

    monkeypatch.setattr(os, "fstat", fstat_says_small)
    got = []

    class Counting:
        def __init__(self, handle):
            self._handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

        def read(self, n=-1):
            assert n >= 0, "an unbounded read"
            data = self._handle.read(n)
            got.append(len(data))
            return data

    real_open = open
    monkeypatch.setattr(ingest, "open", lambda *a, **k: Counting(real_open(*a, **k)), raising=False)
    with pytest.raises(InputError) as caught:
        read_documents(path, max_bytes=1000)
    assert str(caught.value) == f"{path}: is over the 0.0 MB limit (raise it with --max-size-mb)"
    assert sum(got) == 1001


def test_files_are_checked_before_the_project_is_opened(tmp_path, seeds, monkeypatch):
    """A bad path anywhere in the batch is found before the store is opened (and locked)."""
    from annotator.core.session import importing

    os.mkfifo(tmp_path / "late.txt")
    opened = []
    monkeypatch.setattr(importing.Store, "open", lambda *a, **k: opened.append(a) or pytest.fail("store opened"))
    with pytest.raises(InputError, match=NOT_REGULAR.replace("(", r"\(").replace(")", r"\)")):
        import_files(tmp_path / "p.sqlite", [seeds["000"], seeds["001"], tmp_path / "late.txt"])
    assert not opened and not (tmp_path / "p.sqlite").exists()


# --------------------------------------------------------------------------- 2. JSONL numbers

def test_jsonl_number_over_python_digit_limit_is_one_line_naming_the_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"text": "First story."}) + "\n"
                    + '{"text": "Second story.", "views": ' + "9" * 5000 + "}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_documents(path)
    assert str(caught.value) == f"{path}:2: invalid JSON (a number with more than 4300 digits)"
    output = _one_line_error(_cli("import", tmp_path / "p.sqlite", path))
    assert output == f"error: {path}:2: invalid JSON (a number with more than 4300 digits)\n"


# --------------------------------------------------------------------------- 3. encodings

ENGLISH = "The convoy left the city at dawn, officials said on Monday. 12 trucks were seen."
RUSSIAN = "Колонна покинула город на рассвете, заявили в понедельник официальные лица."
GERMAN = "Schöne Grüße aus München: „Die Straße ist gesperrt“, sagte der Bürgermeister."
GREEK = "Οι φωτογραφίες ήταν ψεύτικες, είπε το υπουργείο."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, GERMAN, GREEK, ENGLISH + "\n\n" + RUSSIAN])
def test_bomless_utf16_is_detected_for_english_and_russian(text, encoding):
    decoded = decode_text(text.encode(encoding), "f.txt")
    assert decoded.text == text
    assert decoded.encoding == encoding


@pytest.mark.parametrize("raw", [
    b"text with a NUL\x00 in it!",  # even length, one NUL: not UTF-16
    b"ASCII text, then a NUL at an odd place\x00 and more text here.",
    bytes(range(256)) * 8,
    b"\x00\x01\x00\x02\x00\x03\x00\x04" * 64,  # small 16-bit numbers: control characters
    b"\x10\x00\x20\x00\x00\x00\x00\x00" * 64,  # NULs on both sides
])
def test_binary_with_nul_bytes_is_still_refused(raw):
    with pytest.raises(InputError):
        decode_text(raw, "f.txt")


def test_cli_imports_bomless_utf16_russian(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("utf-16-le"))
    result = _cli("import", tmp_path / "p.sqlite", path)
    assert result.exit_code == 0, result.output
    assert ", ru, " in result.output


def test_utf7_html_page_is_refused_in_one_line(tmp_path):
    page = ('<html><head><meta charset="utf-7"><title>Convoy</title></head><body>'
            "<p>The convoy left the city at dawn, officials said; 2+2 trucks were seen.</p>"
            "<p>A second paragraph that must not be dropped silently.</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("ascii"))
    with pytest.raises(InputError) as caught:
        read_documents(path)
    assert str(caught.value) == (f"{path}: declares the charset 'utf-7', which is not ASCII-compatible and "
                                 "is not supported; save the page as UTF-8")
    _one_line_error(_cli("import", tmp_path / "p.sqlite", path))


def test_html_declaring_utf16_without_bom_is_read_as_the_bytes_say(tmp_path):
    """A meta tag found in ASCII bytes cannot be right about UTF-16 (the HTML standard)."""
    page = ('<html><head><meta charset="utf-16"></head><body><article><p>Die Fotos waren gefälscht, '
            "sagte das Ministerium am Montag in Moskau.</p></article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    (doc,) = read_documents(path)
    assert "Die Fotos waren gefälscht" in doc.text


# --------------------------------------------------------------------------- 4. one line, always

@pytest.mark.parametrize("name", ["bad\nname.pdf", "tab\there.pdf", "esc\x1b[31mred.pdf", "cr\rreturn.pdf",
                                  "rlo\u202etxt.pdf"])
def test_file_names_with_control_characters_give_one_visible_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4")
    shown = ascii(str(path))[1:-1]  # \n, \t, \x1b, \r, \u202e
    with pytest.raises(InputError) as caught:
        read_documents(path)
    message = str(caught.value)
    assert message.startswith(shown + ": unsupported file type"), message
    assert message.isprintable(), message
    assert caught.value.source == str(path)  # the real name is kept for programs
    output = _one_line_error(_cli("import", tmp_path / "p.sqlite", path))
    assert output.startswith(f"error: {shown}: ")


def test_jsonl_line_errors_in_a_file_with_a_newline_in_its_name(tmp_path):
    path = tmp_path / "two\nlines.jsonl"
    path.write_text('{"title": "no text"}\n', encoding="utf-8")
    output = _one_line_error(_cli("import", tmp_path / "p.sqlite", path))
    assert output == f"error: {tmp_path}/two\\nlines.jsonl:1: has no \"text\" field\n"


# --------------------------------------------------------------------------- 5. unreadable files

def _deny(monkeypatch, path: Path) -> None:
    """Opening `path` fails as it does for a mode-000 file when not root (we may be root)."""
    real_open = os.open

    def denying_open(file, flags, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denying_open)


def test_unreadable_file_is_one_line_and_nothing_is_written(tmp_path, seeds, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("The convoy left the city at dawn.", encoding="utf-8")
    _deny(monkeypatch, path)
    with pytest.raises(InputError) as caught:
        read_documents(path)
    assert str(caught.value) == f"{path}: cannot be read: permission denied"
    project = tmp_path / "p.sqlite"
    with pytest.raises(InputError, match="cannot be read: permission denied"):
        import_files(project, [seeds["000"], path])
    assert not project.exists()
    output = _one_line_error(_cli("import", project, seeds["000"], path))
    assert output == f"error: {path}: cannot be read: permission denied\n"
    assert not project.exists()


def test_unreadable_file_as_a_non_root_user_sees_it(tmp_path, monkeypatch):
    """As a non-root user os.access says the file is unreadable, which click checks first."""
    path = tmp_path / "secret.txt"
    path.write_text("The convoy left the city at dawn.", encoding="utf-8")
    _deny(monkeypatch, path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if os.fspath(p) == str(path)
                        else real_access(p, mode, *a, **k))
    output = _one_line_error(_cli("import", tmp_path / "p.sqlite", path))
    assert output == f"error: {path}: cannot be read: permission denied\n"
