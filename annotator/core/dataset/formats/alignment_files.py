"""Sentence alignments as other tools write them: TMX (LF Aligner, our own export), hunalign
ladders and Vecalign/Bertalign bead files. Parsed into units with both sides' sentences (by
index into sentence-per-line files, or by text for TMX), with a score when the file has one.

- Beads: one per line, `[0]:[0, 1]`, `[]:[5]`, optionally `:score` after (Vecalign writes it).
- Ladder (hunalign): rungs `x y [score]`, the numbers of source and target sentences consumed so
  far; consecutive rungs (x0, y0) -> (x1, y1) make the bead [x0..x1-1]:[y0..y1-1], with the
  score on the first rung.
- TMX: one `<tu>` per unit, a `<tuv xml:lang>` per side with its `<seg>` text; `x-score`
  (annotator's) as the score."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from annotator.errors import InputError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INDICES = r"\[\s*(\d+(?:\s*,\s*\d+)*)?\s*\]"
_BEAD = re.compile(rf"\s*{_INDICES}\s*:\s*{_INDICES}\s*(?::\s*(\S+))?\s*")
_RUNG = re.compile(r"\s*(\d+)\s+(\d+)(?:\s+(\S+))?\s*")


@dataclass(frozen=True)
class IndexBead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float | None = None


@dataclass(frozen=True)
class TextUnit:
    """A TMX translation unit: (language, text) for each side, in the file's order."""
    sides: tuple[tuple[str, str], ...]
    score: float | None = None


def _score(text: str | None, where: str) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(where, f"the score {text!r} is not a number") from None
    if not math.isfinite(value):
        raise InputError(where, f"the score {text!r} is not a finite number")
    return value


def _indices(text: str | None) -> tuple[int, ...]:
    return tuple(int(n) for n in text.split(",")) if text else ()


def kind_of(text: str) -> str:
    """"tmx", "beads" or "ladder", from the content; InputError when it is none of them."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        return "tmx"
    first = next((line for line in stripped.split("\n") if line.strip()), "")
    if _BEAD.fullmatch(first):
        return "beads"
    if _RUNG.fullmatch(first):
        return "ladder"
    raise InputError(None, "is not a TMX file, a bead file ([0]:[0, 1]) or a hunalign ladder (x y per line)")


def parse_beads(text: str, source: str) -> list[IndexBead]:
    beads = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _BEAD.fullmatch(line)
        if match is None:
            raise InputError(f"{source}:{number}", "is not a bead such as [0]:[0, 1]")
        bead = IndexBead(_indices(match[1]), _indices(match[2]), _score(match[3], f"{source}:{number}"))
        if not bead.source and not bead.target:
            raise InputError(f"{source}:{number}", "a bead with no sentence on either side")
        beads.append(bead)
    return beads


def parse_ladder(text: str, source: str) -> list[IndexBead]:
    rungs = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _RUNG.fullmatch(line)
        if match is None:
            raise InputError(f"{source}:{number}", "is not a ladder rung (two sentence counts and a score)")
        rung = (int(match[1]), int(match[2]), _score(match[3], f"{source}:{number}"))
        if rungs and (rung[0] < rungs[-1][0] or rung[1] < rungs[-1][1]):
            raise InputError(f"{source}:{number}", f"the rung {rung[0]} {rung[1]} goes back (after "
                                                   f"{rungs[-1][0]} {rungs[-1][1]})")
        rungs.append(rung)
    return [IndexBead(tuple(range(x0, x1)), tuple(range(y0, y1)), score)
            for (x0, y0, score), (x1, y1, _) in zip(rungs, rungs[1:]) if (x0, y0) != (x1, y1)]


def parse_tmx(text: str, source: str) -> list[TextUnit]:
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as error:
        line, column = error.position
        raise InputError(f"{source}:{line}", f"is not well-formed XML (column {column + 1})") from None
    if root.tag != "tmx":
        raise InputError(source, f"is XML but not TMX (its root is <{root.tag}>, not <tmx>)")
    units = []
    for number, tu in enumerate(root.iter("tu"), start=1):
        sides = tuple((tuv.get(_XML_LANG) or tuv.get("lang") or "", "".join(tuv.find("seg").itertext())
                       if tuv.find("seg") is not None else "") for tuv in tu.findall("tuv"))
        if len(sides) != 2:
            raise InputError(source, f"translation unit {number} has {len(sides)} variants; two are needed")
        score = next((prop.text for prop in tu.findall("prop") if prop.get("type") == "x-score"), None)
        units.append(TextUnit(sides, _score(score, f"{source}: translation unit {number}")))
    return units
