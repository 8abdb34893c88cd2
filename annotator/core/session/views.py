"""What the session hands the UI: a sentence as the view shows it, the detail panel's
view, and `Changes`, what an action changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.core.model import Annotation

# a long job: work(progress(done, total, text), cancelled()) -> result, run off the UI thread
Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]


@dataclass(frozen=True)
class SentenceView:
    id: int
    document_id: int
    text: str
    lang: str
    boilerplate: bool
    labels: tuple[str, ...]  # the current annotator's, in scheme order
    judged: bool = False  # the current annotator looked at it (labels, or "no label applies")
    noted: bool = False  # the current annotator left a note on it
    # the model's suggestions (label, probability >= SHOW) on a sentence you have not judged,
    # in scheme order; never counted as annotations until accepted
    suggested: tuple[tuple[str, float], ...] = ()
    related: bool = False  # the head or the tail of a relation (corrects, attributes-to, …)
    spans: tuple[tuple[int, int, str], ...] = ()  # the current annotator's: (start, end, label), code points
    related_spans: frozenset = frozenset()  # those of `spans` that are the head or tail of a relation
    # offered by the aligned sentences' spans and relations (session/projecting.py), never stored
    # until accepted (key a): (start, end, label); (type, this sentence is the head, the other's id,
    # this end's span, the other end's span), a span (start, end, label) or None for the whole sentence
    ghost_spans: tuple[tuple[int, int, str], ...] = ()
    ghost_relations: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class SentenceDetail:
    """Everything the detail panel shows about one sentence, read in three queries."""

    sentence: SentenceView
    annotations: list[Annotation]
    votes: dict[str, list[str]]  # who judged it and what they chose
    gold: list[str] | None  # the gold decision, if any


@dataclass(frozen=True)
class Changes:
    """What an action changed, for the views: repaint these sentences' rows; mark these
    sentences' rows confirmed, or not any more; lay the group out again (only when links or
    sentences changed); re-read the label scheme; refresh the navigator's counts; show the
    groups' names again (a group renamed)."""

    sentences: frozenset[int] = field(default_factory=frozenset)
    confirmed: frozenset[int] = field(default_factory=frozenset)
    unconfirmed: frozenset[int] = field(default_factory=frozenset)
    layout: bool = False
    scheme: bool = False
    progress: bool = False
    groups: bool = False
