"""Arrow arrays built straight from numpy arrays and buffers of UTF-8 bytes, for the Hugging
Face export (hf_batches.py): numbers go in as they are, strings as one buffer and each value's
length (as SQLite's group_concat gives them), with no Python object per value. Rows are put in
order, or picked, in numpy (`gather`). (pyarrow's `pa.array` is not used: it imports pandas, a
third of a second; nor `take`/`cast`, which import pyarrow.compute.)"""

from __future__ import annotations

import warnings
from itertools import chain

import numpy as np


def _buffer(pa, array: np.ndarray):
    return pa.py_buffer(np.ascontiguousarray(array))


def _validity(pa, valid: np.ndarray | None):
    return None if valid is None or valid.all() else _buffer(pa, np.packbits(valid, bitorder="little"))


def numbers(pa, values, pa_type, valid: np.ndarray | None = None):
    """An Arrow array of numbers (a numpy array, or ints and floats; `valid` marks the non-nulls)."""
    dtype = {pa.int64(): np.int64, pa.int32(): np.int32, pa.int8(): np.int8, pa.float64(): np.float64}[pa_type]
    array = values.astype(dtype, copy=False) if isinstance(values, np.ndarray) else np.fromiter(values, dtype=dtype)
    return pa.Array.from_buffers(pa_type, len(array), [_validity(pa, valid), _buffer(pa, array)])


def booleans(pa, values):
    array = np.asarray(values, dtype=bool) if isinstance(values, np.ndarray) else np.fromiter(values, dtype=bool)
    return pa.Array.from_buffers(pa.bool_(), len(array), [None, _buffer(pa, np.packbits(array, bitorder="little"))])


def ends(lengths: np.ndarray) -> np.ndarray:
    """Offsets (0, then the end of each value) of values of these lengths."""
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets


def joined_strings(pa, data, lengths: np.ndarray, valid: np.ndarray | None = None):
    """An Arrow string array of values given as one buffer of UTF-8 bytes (bytes or a uint8
    array) and their lengths; bytes that are not UTF-8 (stored by another tool) become U+FFFD."""
    offsets = ends(lengths)
    if offsets[-1] < 2**31:
        array = pa.StringArray.from_buffers(len(lengths), _buffer(pa, offsets.astype(np.int32)),
                                            pa.py_buffer(data) if isinstance(data, bytes) else _buffer(pa, data),
                                            _validity(pa, valid))
        try:
            array.validate(full=True)
            return array
        except pa.ArrowInvalid:
            pass
    values = pieces(bytes(data), lengths)
    return strings(pa, values if valid is None else [v if ok else None for v, ok in zip(values, valid.tolist())])


def strings(pa, values: list):
    """UTF-8 bytes (or None) as an Arrow string array; bytes that are not UTF-8 become U+FFFD."""
    count = len(values)
    valid = None
    given = values
    if None in values:
        valid = np.fromiter((v is not None for v in values), dtype=bool, count=count)
        values = [b"" if v is None else v for v in values]
    offsets = ends(np.fromiter(map(len, values), dtype=np.int64, count=count))
    data = pa.py_buffer(b"".join(values))
    if offsets[-1] < 2**31:
        array = pa.StringArray.from_buffers(count, _buffer(pa, offsets.astype(np.int32)), data, _validity(pa, valid))
    else:
        array = pa.LargeStringArray.from_buffers(count, _buffer(pa, offsets), data, _validity(pa, valid))
    try:
        array.validate(full=True)
    except pa.ArrowInvalid:
        return strings(pa, [None if v is None else v.decode("utf-8", "replace").encode("utf-8") for v in given])
    return array if offsets[-1] < 2**31 else array.cast(pa.string())


def gather(data, lengths: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values at `index` of strings given as one buffer and their lengths: (their buffer,
    their lengths)."""
    picked = lengths[index]
    if len(index) > 1 and (index[1:] > index[:-1]).all():  # some left out, the rest in order: a mask
        keep = np.zeros(len(lengths), dtype=bool)
        keep[index] = True
        return np.frombuffer(data, dtype=np.uint8)[np.repeat(keep, lengths)], picked
    starts = ends(lengths)[:-1]
    offsets = ends(picked)
    positions = np.arange(offsets[-1], dtype=np.int64) + np.repeat(starts[index] - offsets[:-1], picked)
    return np.frombuffer(data, dtype=np.uint8)[positions], picked


def pieces(data: bytes, lengths: np.ndarray) -> list[bytes]:
    """The values of strings given as one buffer and their lengths, as bytes each."""
    offsets = ends(lengths)
    return [data[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]


def named(pa, names: list[bytes], index: np.ndarray):
    """names[i] for each i of `index` (an annotator's name on each annotation)."""
    lengths = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
    return joined_strings(pa, *gather(b"".join(names), lengths, index))


def repeated(pa, values: list[bytes], counts: np.ndarray):
    """Each value `count` times in turn (a document's title on each of its sentences)."""
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    return joined_strings(pa, b"".join([v * n for v, n in zip(values, counts.tolist())]), np.repeat(lengths, counts))


def integers(text: str | None) -> np.ndarray:
    """The numbers of json_group_array's (or group_concat's) text; ValueError if one is no whole
    number."""
    text = (text or "").strip("[]")
    if not text:
        return np.zeros(0, dtype=np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # numpy's, for text it stopped reading
        array = np.fromstring(text, dtype=np.int64, sep=",")
    if len(array) != text.count(",") + 1:
        raise ValueError(text)
    return array


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: np.unique's answer without its import of numpy.ma (20-70 ms
    the first time, for one call)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def out_of_order(*keys: np.ndarray) -> np.ndarray | None:
    """None when the rows are in the order of `keys` (the first one first), else the order that
    puts them in it."""
    if len(keys[0]) < 2:
        return None
    later, same = np.zeros(len(keys[0]) - 1, dtype=bool), np.ones(len(keys[0]) - 1, dtype=bool)
    for key in keys:
        later |= same & (key[1:] > key[:-1])
        same &= key[1:] == key[:-1]
    return None if (later | same).all() else np.lexsort(keys[::-1])


def arranged(keep: np.ndarray, keys: list[np.ndarray], values: list[np.ndarray], texts: list[tuple]):
    """The rows marked by `keep`, in the order of `keys` (the first one first): (keys + values,
    texts as (buffer, lengths)); nothing is copied when they are all kept and in order."""
    index = None if keep.all() else np.flatnonzero(keep)
    order = out_of_order(*(keys if index is None else [key[index] for key in keys]))
    if order is not None:
        index = order if index is None else index[order]
    if index is None:
        return keys + values, texts
    return [v[index] for v in keys + values], [gather(data, lengths, index) for data, lengths in texts]


def list_offsets(pa, rows: np.ndarray, count: int):
    """List offsets for items that belong to `rows` (sorted), `count` rows in all."""
    offsets = np.zeros(count + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=count), out=offsets[1:])
    return numbers(pa, offsets, pa.int32())


def table(rows: list[tuple], width: int) -> np.ndarray:
    """Rows of integers as a (rows, width) array."""
    return np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width).reshape(-1, width)
