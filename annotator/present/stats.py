"""The project's figures as `annotator stats` prints them (core/dataset/stats.py counts them)."""

from __future__ import annotations

from annotator.core.dataset.stats import ProjectStats
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
    return "\n".join(lines)
