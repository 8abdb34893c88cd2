"""The team plan: which annotator gets which groups (whole groups, balanced by sentence count,
a share of them given to several annotators so that agreement can be measured), re-planning
when someone drops out, and the names that may become package files."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence

from annotator.core.model import Plan
from annotator.errors import AnnotatorError

_NAME = re.compile(r"^[^\W_][\w .@+-]*$")  # the characters a new annotator's name may have
# Names Windows keeps for devices, with or without an extension ("nul.sqlite" is the device too).
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                      *(f"{port}{n}" for port in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3")})
_UNPORTABLE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"|?*\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069'
                         r"\ud800-\udfff]")



def file_name_problem(name: str) -> str | None:
    """Why `name` (an annotator's, or a package file's) cannot be a file name, by itself and
    on every system, or None when it can: no folder separator, not . or .., no control, bidi
    or Windows-reserved character, no trailing dot or space, not a Windows device name
    (CON, NUL, COM1... with any extension), at most 100 characters and 200 bytes (room for
    ".r12.sqlite" and the -wal beside it). Checked wherever a name becomes a path."""
    if not isinstance(name, str) or not name:
        return "it is empty"
    if "/" in name or "\\" in name:
        return "it holds a folder separator"
    if name in (".", ".."):
        return "it names a folder"
    if _UNPORTABLE.search(name):
        return "it holds a control character or one of < > : \" | ? *"
    if name[-1] in ". ":
        return "it ends in a dot or a space"
    if name.split(".")[0].rstrip(" ").upper() in _DEVICES:
        return "it is a device name on Windows"
    if len(name) > 100 or len(name.encode("utf-8")) > 200:
        return "it is longer than 100 characters (or 200 bytes)"
    return None



def check_team(annotators: Sequence[str], overlap: float, copies: int) -> None:
    """Refuse, in one line, a team that cannot be planned (before any file is touched)."""
    if not annotators:
        raise AnnotatorError(None, "--annotators names nobody: give names separated by commas, e.g. alice,bob")
    seen: dict[str, str] = {}
    for name in annotators:
        problem = file_name_problem(name)
        if problem is not None:
            raise AnnotatorError(None, f"annotator name {name!r} cannot be a file name: {problem}")
        if not _NAME.match(name):
            raise AnnotatorError(None, f"annotator name {name!r} cannot be a file name: use letters, digits,"
                                       " spaces and . @ + - (not first), at most 100 characters")
        if name.casefold() in seen:
            raise AnnotatorError(None, f"annotator {name!r} is named twice (as {seen[name.casefold()]!r})")
        seen[name.casefold()] = name
    if not 0 <= overlap <= 1 or math.isnan(overlap):
        raise AnnotatorError(None, f"--overlap is a share of the groups, from 0 to 1, not {overlap:g}")
    if overlap > 0 and not 2 <= copies <= len(annotators):
        raise AnnotatorError(None, f"--copies {copies}: a shared group goes to 2 to {len(annotators)} annotators"
                                   f" here (there are {len(annotators)})" if len(annotators) > 1 else
                             "--overlap needs at least two annotators to share groups")


def plan_groups(sizes: dict[str, int], annotators: Sequence[str], overlap: float, copies: int,
                seed: int) -> tuple[dict[str, tuple[str, ...]], frozenset]:
    """Each group (name -> content sentences) to one annotator, or to `copies` of them for the
    share `overlap` of the groups (at least one group when overlap > 0), chosen at random by
    `seed`. Shared groups are placed first, then the rest, largest first, each to the
    annotators with the fewest sentences so far (ties broken in a seeded order), so the load
    is balanced to within about one group. The same inputs give the same plan."""
    chance = random.Random(seed)
    order = list(sizes)
    chance.shuffle(order)
    wanted = 0 if overlap == 0 or copies < 2 else max(1, round(overlap * len(order)))
    shared = frozenset(order[:min(wanted, len(order))])
    rank = {name: k for k, name in enumerate(chance.sample(list(annotators), len(annotators)))}
    load = dict.fromkeys(annotators, 0)
    together: dict[frozenset, int] = {}
    assignments: dict[str, tuple[str, ...]] = {}
    for group in sorted(order, key=lambda g: (g not in shared, -sizes[g])):  # stable: seeded ties
        chosen: list[str] = []
        for _ in range(copies if group in shared else 1):
            best = min((a for a in annotators if a not in chosen),
                       key=lambda a: (load[a], sum(together.get(frozenset((a, c)), 0) for c in chosen), rank[a]))
            for other in chosen:
                together[frozenset((best, other))] = together.get(frozenset((best, other)), 0) + 1
            chosen.append(best)
            load[best] += sizes[group]
        assignments[group] = tuple(sorted(chosen, key=list(annotators).index))
    return {group: assignments[group] for group in sizes}, shared


def replan_without(plan: Plan, who: str, started: set[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, str],
                                                                     list[str]]:
    """`who`'s groups they have not started, to the others: each (largest first) to the
    annotator with the fewest sentences who does not have it yet, so a shared group stays
    shared by as many as before where anyone is left to take it. Returns the new assignments,
    the moved groups (group -> new annotator) and the shared groups that lost a copy."""
    others = [a for a in plan.annotators if a != who]
    load = {a: plan.load(a) for a in others}
    rank = {a: k for k, a in enumerate(others)}
    assignments = dict(plan.assignments)
    moved: dict[str, str] = {}
    fewer: list[str] = []
    for group in sorted((g for g in plan.groups_of(who) if g not in started), key=lambda g: (-plan.sizes[g], g)):
        remaining = [a for a in assignments[group] if a != who]
        free = [a for a in others if a not in remaining]
        if not free:
            fewer.append(group)
            assignments[group] = tuple(remaining)
            continue
        best = min(free, key=lambda a: (load[a], rank[a]))
        load[best] += plan.sizes[group]
        moved[group] = best
        assignments[group] = tuple(a for a in plan.annotators if a in remaining or a == best)
    return assignments, moved, fewer
