"""The agreement report as the CLI prints it and the app shows it (core/dataset/agreement.py
computes the figures)."""

from __future__ import annotations

from annotator.core.dataset.agreement import OVERALL, LabelAgreement
from annotator.core.plural import counted
from annotator.errors import visible


def number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(report: dict[str, list[LabelAgreement]]) -> str:
    lines = []
    for key, results in report.items():
        lines.append(f"{visible(key)}:")  # names and keys as `visible` shows them (terminal-safe)
        for result in results:
            lines.append(f"  {visible(result.label)}: alpha {number(result.alpha)}"
                         f" over {counted(result.items, 'sentence')}")
            for pair in result.pairs:
                first, second = visible(pair.first), visible(pair.second)
                line = (f"    {first} / {second}: kappa {number(pair.kappa)}, "
                        f"raw agreement {number(pair.raw)}, {counted(pair.items, 'sentence')}")
                if result.label != OVERALL:  # the 2 x 2 confusion table, yes/no for each annotator
                    c = pair.confusion
                    line += (f"; both yes {c.get((True, True), 0)}, only {first} {c.get((True, False), 0)}, "
                             f"only {second} {c.get((False, True), 0)}, both no {c.get((False, False), 0)}")
                lines.append(line)
            if not result.pairs:
                lines.append("    (fewer than two annotators: nothing to compare)")
    return "\n".join(lines) if lines else "no judged sentences: nothing to compare"


def format_fitted(report) -> str:
    """The agreement that fits each group's kind (dataset/fitted_agreement.py) and on relations."""
    lines = []
    for group in report.groups:
        measure = f"{group.measure} {number(group.alpha)}, " if group.measure else ""
        lines.append(f"group {visible(group.group)} ({group.kind}): {measure}over {counted(group.items, 'unit')}")
        if group.nominal is not None:
            lines[-1] += f" (nominal alpha {number(group.nominal)})"
        for pair in group.pairs:
            kappa = f", kappa {number(pair.kappa)}" if pair.kappa is not None else ""
            lines.append(f"    {visible(pair.first)} / {visible(pair.second)}: {group.score_name}"
                         f" {number(pair.score)}{kappa}, {counted(pair.items, 'unit')}")
    if report.relations:
        lines.append("relations (F1 = 2 x both / (first + second), groups both worked in):")
    for pair in report.relations:
        first, second = visible(pair.first), visible(pair.second)
        lines.append(f"    {first} / {second}: typed F1 {number(pair.typed_f1)} ({pair.both} in both, "
                     f"{pair.first_count} by {first}, {pair.second_count} by {second}); linked F1 "
                     f"{number(pair.linked_f1)} ({pair.linked_both} same head and tail);"
                     f" {counted(pair.groups, 'group')}")
        for kind, (a, b, both, score) in pair.by_type.items():
            lines.append(f"      {kind}: F1 {number(score)} ({both} in both, {a} / {b})")
    return "\n".join(lines)
