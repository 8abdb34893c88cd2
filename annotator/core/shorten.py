"""A long text cut for a list line: at a word boundary near the limit, with "…" (one helper for
the CLI's listings and the app's panels, so a 7,000-character sentence is not repeated whole)."""

from __future__ import annotations


def shortened(text: str, limit: int) -> str:
    """`text` when it has at most `limit` characters, else its start up to the last space
    within the limit (or the limit itself when there is none near it) and "…": at most `limit`
    characters in all."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    space = head.rfind(" ")
    if space >= limit * 2 // 3:  # a word boundary not too far back
        head = head[:space]
    return head.rstrip() + "…"
