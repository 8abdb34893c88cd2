"""The team's progress and a merge's check against the plan, as the CLI prints them and the app
shows them (core/team computes them)."""

from __future__ import annotations

from annotator.core.dataset.agreement import OVERALL
from annotator.core.plural import counted
from annotator.core.team.progress import TeamProgress
from annotator.core.team.returns import MergeCheck
from annotator.errors import visible
from annotator.present.agreement import number
from annotator.present.stats import time_on_item_lines


def format_progress(report: TeamProgress) -> str:
    plan = report.plan
    # names, groups, labels and files come from the packages: shown with `visible`, so that a
    # name holding escape sequences or bidi overrides cannot act on the terminal
    lines = [f"plan {visible(plan.uid[:8])} revision {plan.revision}: {counted(len(plan.annotators), 'annotator')},"
             f" {counted(len(plan.assignments), 'group')} ({len(plan.shared)} shared by {plan.copies}),"
             f" seed {plan.seed};"
             f" {counted(len(report.files), 'file')} read", "", "per annotator:"]
    width = max([len(visible(a.name)) for a in report.annotators] + [9])
    for a in report.annotators:
        span = f"{minute(a.first)} .. {minute(a.last)}" if a.first else "not started"
        lines.append(f"  {visible(a.name):<{width}}  {counted(a.groups, 'group'):>10}"
                     f"  {f'{a.judged}/{a.sentences}':>13} judged"
                     f" {100 * a.share:5.1f}%  {a.labels:7d} labels  {span}")
    lines += ["", "per group:"]
    for g in report.groups:
        who = ", ".join(f"{visible(name)} {count}/{g.sentences}" for name, count in g.judged.items())
        span = f"; {counted(g.labels, 'label')}, {minute(g.first)} .. {minute(g.last)}" if g.first else ""
        lines.append(f"  {visible(g.name)}{' (shared)' if g.shared else ''}: {who}{span}")
    return "\n".join(lines + [""] + time_on_item_lines(report.time_on_item) + [""] + agreement_and_problem_lines(report))


def agreement_and_problem_lines(report: TeamProgress) -> list[str]:
    """The agreement on the shared groups so far, then what does not match the plan (the end of
    `format_progress`; the app shows it in a tab of its own)."""
    lines = ["agreement on the shared groups so far (sentences judged by two or more):"]
    results = sorted(report.agreement.get("all", []), key=lambda r: r.label != OVERALL)  # all labels first
    if not results:
        lines.append("  nothing to compare yet")
    for result in results:
        name = "all labels" if result.label == OVERALL else visible(result.label)
        lines.append(f"  {name}: alpha {number(result.alpha)} over {counted(result.items, 'sentence')}")
    pairs = [p for p in results[0].pairs if p.items] if results else []
    if pairs:  # per pair on the whole label set; per label in --json, and in `agreement` once merged
        lines.append("  per pair (all labels):")
        lines += [f"    {visible(p.first)} / {visible(p.second)}: kappa {number(p.kappa)},"
                  f" raw agreement {number(p.raw)},"
                  f" {counted(p.items, 'sentence')}" for p in pairs]
    lines += problem_lines(report.missing, report.twice, [], [(n, f) for n, f, _ in report.strangers])
    return lines


def minute(stamp: str) -> str:
    return visible(stamp[:16].replace("T", " "))


def problem_lines(missing, twice, again, strangers) -> list[str]:
    """What does not match the plan, one line each (progress and merge say it alike); names
    and files as `visible` shows them."""
    lines = []
    if missing:
        lines.append("missing packages: " + ", ".join(f"{visible(name)} ({visible(file)})" for name, file in missing))
    for name, files in twice:
        lines.append(f"returned twice: {visible(name)}'s package, in {visible(', '.join(files))}")
    for name, file, when in again:
        lines.append(f"merged before: {visible(name)}'s package ({visible(file)}, on {visible(when)});"
                     " merged again, nothing is counted twice")
    for name, file in strangers:
        lines.append(f"not in the plan: {visible(name)} ({visible(file)})")
    return lines


def merge_problems(check: MergeCheck) -> list[str]:
    """One line per kind of problem (the app's status bar); `merge_lines` adds the detail."""
    lines = problem_lines(check.missing, check.twice, check.again, check.strangers)
    lines += [f"not from this plan: {visible(file)} {visible(why)}" for file, why in check.foreign]
    if check.short:
        lines.append(f"groups labeled by fewer people than planned: {len(check.short)}")
    return lines


def merge_lines(check: MergeCheck, most: int = 10) -> list[str]:
    lines = [f"plan {visible(check.plan.uid[:8])} revision {check.plan.revision}: {check.merged} of {check.planned}"
             " packages merged so far"]
    lines += merge_problems(check)
    if check.short:
        for group, planned, judged, size in check.short[:most]:
            done = sum(1 for name in planned if judged[name] >= size)
            lines.append(f"  {visible(group)}: {done} of {len(planned)} finished ("
                         + ", ".join(f"{visible(name)} {judged[name]}/{size}" for name in planned) + ")")
        if len(check.short) > most:
            lines.append(f"  ... and {len(check.short) - most} more (annotator progress lists them all)")
    return lines
