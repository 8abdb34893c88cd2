"""A number with its noun, singular or plural as the number wants: "1 sentence", "2 sentences"
(English messages of the CLI and the core; one helper so none says "1 documents")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, the plural (`plural`, or the noun + "s") unless n is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
