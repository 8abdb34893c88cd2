"""The project's figures as `annotator stats` prints them (core/dataset/stats.py counts them)."""

from __future__ import annotations

from annotator.core.dataset.stats import ProjectStats
from annotator.core.dataset.timing import TimeOnItem
from annotator.core.plural import counted
from annotator.errors import visible


def _percent(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "    -"


def format_stats(stats: ProjectStats) -> str:
    lines = [
        f"documents: {len(stats.documents)}",
        f"sentences: {stats.sentences} (+{stats.boilerplate} boilerplate)",
        f"labeled:   {stats.labeled} {_percent(stats.labeled, stats.sentences).strip()}",
        "languages: " + (", ".join(f"{visible(lang)} {n}" for lang, n in stats.languages.items()) or "-"),
        "",
        "per label:",
    ]
    width = max((len(visible(name)) for name in stats.labels), default=5)
    for name, n in stats.labels.items():
        lines.append(f"  {visible(name):<{width}}  {n:6d}  {_percent(n, stats.sentences)}")
    lines += ["", "per document:"]
    for d in stats.documents:
        # titles, languages and groups come from the imported files: `visible` keeps their
        # escape sequences and bidi overrides from acting on the terminal
        lines.append(f"  [{d.id}] {visible(d.title)} ({visible(d.lang)}, group {visible(d.group)}): "
                     f"{d.labeled}/{d.sentences} labeled {_percent(d.labeled, d.sentences).strip()}")
    return "\n".join(lines + [""] + time_on_item_lines(stats.time_on_item))


def time_on_item_lines(summary: list[TimeOnItem]) -> list[str]:
    """Per annotator, the median and 90th percentile of the time from the cursor reaching a
    sentence to its judgement (made in the app; the CLI's and imports' judgements have none)."""
    lines = ["time on item (cursor on the sentence to its judgement, in the app):"]
    if not summary:
        return lines + ["  no timed judgements yet"]
    width = max(len(visible(t.annotator)) for t in summary)
    return lines + [f"  {visible(t.annotator):<{width}}  {counted(t.judgements, 'judgement'):>15}"
                    f"  median {t.median:.1f} s  p90 {t.p90:.1f} s" for t in summary]
