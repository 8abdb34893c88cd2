"""Project-wide search and "more like this", for the CLI's `search` and the app's Search panel.

The query language is text/search_query.py's; the store reads it (store/search.py). A search
first indexes the sentences added since the last one (one statement; a large import's first
search pays for the import's indexing; the app indexes an import in the background). "More like
this" scans a compact copy of the aligner's cached sentence vectors and re-ranks the best by the
vectors themselves (core/align/similar.py): every sentence that has a vector, in every language,
nearest first.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Work
from annotator.core.store.search import Hit
from annotator.core.store.write_gate import Yielded
from annotator.core.text.search_query import Query, QueryError, in_context, parse
from annotator.errors import AnnotatorError


# seconds without a key before the search index's catch-up takes its next transaction: the
# pause of the typing the model's training waits for too (ui/controllers/suggestions.py)
INDEX_REST = 1.5


class SearchError(AnnotatorError):
    """A query the search language does not read (one line)."""


@dataclass(frozen=True)
class SearchHit:
    """A found sentence with its keyword-in-context line (left, match, right)."""

    hit: Hit
    left: str
    match: str
    right: str
    score: float | None = None  # more like this: the cosine similarity

    @property
    def sentence_id(self) -> int:
        return self.hit.sentence_id

    def line(self) -> str:
        return f"{self.left}[{self.match}]{self.right}" if self.match else self.right

    def to_dict(self) -> dict:
        found = {"sentence_id": self.hit.sentence_id, "group": self.hit.group, "group_id": self.hit.group_id,
                 "document": self.hit.document, "document_id": self.hit.document_id, "lang": self.hit.lang,
                 "text": self.hit.text, "left": self.left, "match": self.match, "right": self.right}
        if self.score is not None:
            found["score"] = round(self.score, 4)
        return found


def parsed(query: str) -> Query:
    """The query parsed, or SearchError naming the problem."""
    try:
        found = parse(query)
    except QueryError as error:
        raise SearchError(None, f"search query: {error}") from None
    if found.empty:
        raise SearchError(None, "search query: empty (give words, \"a phrase\" or filters such as lang:de)")
    return found


class Searching(SessionBase):
    def search(self, query: str, limit: int | None = 200) -> list[SearchHit]:
        """The sentences the query finds, in project order, each with its keyword-in-context line."""
        found = parsed(query)
        hits = self._store.search.hits(found, limit)
        return [SearchHit(hit, *in_context(hit.text, found)) for hit in hits]

    def search_work(self, query: str, limit: int | None = 200) -> Work:
        """`search` as a job on a connection of its own (the app's Search panel: indexing a large
        import's sentences takes seconds); a bad query is refused at once, here."""
        found = parsed(query)

        def work(progress, cancelled):
            with self._store.worker() as store:
                return [SearchHit(hit, *in_context(hit.text, found)) for hit in store.search.hits(found, limit)]
        return work

    def more_like_this_work(self, sentence_id: int, limit: int = 50) -> Work:
        """`more_like_this` as a job on a connection of its own (the first one reads the vectors' compact copy)."""
        def work(progress, cancelled):
            with self._store.worker() as store:
                return Searching(store, self.annotator).more_like_this(sentence_id, limit)
        return work

    def search_ids(self, query: str) -> list[int]:
        """Every sentence the query finds (what a bulk action acts on)."""
        return self._store.search.ids(parsed(query))

    def index_work(self, step: int = 100, pause: float = 0.2, rest: float | None = None) -> Work:
        """Index the sentences not indexed yet, `step` ids per transaction, on a connection of
        its own (the app starts it after an import and on opening: the next search is then
        quick; 100 sentences take about 6 ms, 100,000 about 3 minutes). It yields to the
        annotator (store/write_gate.py): each transaction waits until no label was written and
        no key moved the cursor for `rest` seconds, and a label pressed meanwhile goes before
        it, or interrupts the one running (rolled back, done again later). Between two transactions it
        rests `pause` seconds, so that it takes a small share of the CPU. Returns how many were
        indexed."""
        rest = INDEX_REST if rest is None else rest

        def work(progress, cancelled):
            done = 0
            with self._store.worker(yielding="interruptible") as store:
                while not store.readonly and store.search.behind():
                    if not store.gate.wait_for_rest(rest, cancelled):
                        break
                    with contextlib.suppress(Yielded):  # a label went first; the next round redoes it
                        done += store.search.catch_up(step)
                    time.sleep(pause)
            return done
        return work

    def annotator_active(self) -> None:
        """The annotator is at the keys (the cursor moved): background work that yields to
        them (the search index's catch-up) keeps waiting; a written label counts by itself."""
        self._store.gate.touch()

    def unindexed(self) -> int:
        """Sentences the next search indexes first."""
        return self._store.search.unindexed()

    def more_like_this(self, sentence_id: int, limit: int = 20) -> list[SearchHit]:
        """The sentences nearest to this one by the aligner's cached vectors, in the whole
        project and every language, nearest first (the sentence itself left out). Empty when
        the sentence has no vector yet (its group was never aligned)."""
        from annotator.core.align.similar import nearest_in_project

        found = nearest_in_project(self._store, sentence_id, limit)
        hits = {hit.sentence_id: hit for hit in self._store.search.by_ids([i for i, _ in found])}
        return [SearchHit(hits[i], "", "", _short(hits[i].text), score) for i, score in found if i in hits]


def _short(text: str, width: int = 120) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"
