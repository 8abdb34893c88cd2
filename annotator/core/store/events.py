"""History: the append-only log of every change a person or command made (migration 14).

The domain writers record an event inside the transaction of the change itself, so a change that
rolls back leaves none, and an undo (which runs the writers again) leaves its own. Who and why
come from the writer's arguments where it has them (an annotator's label), else from `acting`:
the session names its annotator once, and undo, merge and label imports say what they are for
as long as they run. Event ids are 128 random bits: unique across machines, so a merge takes
each event of a returned package once (`restore`)."""

from __future__ import annotations

import contextlib
import getpass
import json
import math
import os
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from annotator.core.store.connection import now
from annotator.core.store.domain import Domain
from annotator.errors import ProjectError

ORIGINS = ("person", "suggestion", "undo", "redo", "merge", "import-labels")
_COLUMNS = "id, at, who, origin, kind, sentence_id, subject, before, after, seconds"
_INSERT = f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


class Event(NamedTuple):
    id: str
    at: str  # UTC, ISO 8601
    who: str
    origin: str
    kind: str  # add, remove, note, judgement, done, undone, gold, link, unlink, reject, unreject, confirm, ...
    sentence_id: int | None
    subject: str | None  # what in the sentence: a label's name, a link's sentences, the scheme
    before: object  # JSON values (None: nothing)
    after: object
    seconds: float | None  # time on item: cursor on the sentence -> this judgement (the app only)


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _parsed(value) -> tuple[bool, object]:
    """(whether it is JSON, its value) of a stored before or after value."""
    try:
        return True, json.loads(value, parse_constant=_not_json, parse_float=_finite)
    except (ValueError, TypeError, RecursionError):
        return False, value if isinstance(value, str) else repr(value)


def _not_json(constant: str):
    raise ValueError(f"{constant} is not JSON")  # NaN, Infinity: Python's json reads them, JSON has none


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):  # 1e999: read as infinity, which JSON has not
        raise ValueError(f"{text} is not a finite number")
    return number


def _loaded(value):
    """A stored before or after value; one that is not JSON (a hostile or damaged row: events
    cannot be deleted, so it must not make the history unreadable) is shown as it is stored."""
    return None if value is None else _parsed(value)[1]


def _event(row) -> Event:
    seconds = row[9] if isinstance(row[9], (int, float)) else None
    return Event(*(str(v) if isinstance(v, bytes) else v for v in row[:7]), _loaded(row[7]), _loaded(row[8]), seconds)


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return "unknown"


class Events(Domain):
    def __init__(self, store):
        super().__init__(store)
        self.actor: str | None = None  # the session's annotator: who made changes that name nobody
        self._origin = "person"

    @contextlib.contextmanager
    def acting(self, origin: str) -> Iterator[None]:
        """Events recorded meanwhile carry `origin` ("undo", "merge", "import-labels", ...)."""
        previous, self._origin = self._origin, origin
        try:
            yield
        finally:
            self._origin = previous

    @property
    def origin(self) -> str:
        return self._origin

    def record(self, kind: str, sentence_id: int | None = None, subject: str | None = None, before=None,
               after=None, *, who: str | None = None, origin: str | None = None,
               seconds: float | None = None) -> None:
        """Append one event; call it inside the writer's transaction."""
        self.db.conn.execute(_INSERT, [os.urandom(16).hex(), now(), who or self.actor or _default_actor(),
                                       origin or self._origin, kind, sentence_id, subject, _json(before),
                                       _json(after), seconds])

    def record_many(self, kind: str, rows: Iterable[tuple], *, who: str | None = None) -> None:
        """Append one event per (sentence id, subject, before, after)."""
        stamp, actor, origin = now(), who or self.actor or _default_actor(), self._origin
        self.db.conn.executemany(_INSERT, ((os.urandom(16).hex(), stamp, actor, origin, kind, sentence_id, subject,
                                            _json(before), _json(after), None)
                                           for sentence_id, subject, before, after in rows))

    # ------------------------------------------------------------------ reading
    def of_sentence(self, sentence_id: int, limit: int | None = None) -> list[Event]:
        """A sentence's events, newest first."""
        return [_event(row) for row in self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE sentence_id = ? ORDER BY at DESC, rowid DESC LIMIT ?",
            [sentence_id, -1 if limit is None else limit])]

    def recent(self, limit: int | None = None) -> list[Event]:
        """The project's events, newest first."""
        return [_event(row) for row in self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM events ORDER BY at DESC, rowid DESC LIMIT ?", [-1 if limit is None else limit])]

    def count(self) -> int:
        return self.db.conn.execute("SELECT count(*) FROM events").fetchone()[0]

    def records(self, held: "Events | None" = None) -> list[tuple]:
        """Every event as stored, oldest first (for merging). An event annotator could not have
        written is refused in one line: one without an id (a merge could not take it once) or
        whose before or after is not JSON (the history would show it raw for good); unless the
        project merged into (`held`) holds that very event already: a team project that took it
        in before merges refused such events hands it out in its packages, and their return
        brings nothing new by it (it is left out)."""
        rows = self.db.conn.execute(f"SELECT {_COLUMNS} FROM events ORDER BY rowid").fetchall()
        kept = []
        for row in rows:
            problem = ("an event without an id" if not isinstance(row[0], str) or not row[0] else
                       f"event {row[0]}: its before or after value is not JSON"
                       if any(value is not None and not _parsed(value)[0] for value in row[7:9]) else None)
            if problem and row[0] and held is not None and held.holds(row):
                continue
            if problem:
                raise ProjectError(self.where, f"holds {problem}: the file may be hostile or damaged; refusing to"
                                               " read it")
            kept.append(row)
        return kept

    def holds(self, row: tuple) -> bool:
        """This project has the event `row` (as `records` reads it), the same in every column."""
        found = self.db.conn.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", [row[0]]).fetchone()
        return found is not None and tuple(found) == tuple(row)

    def times_on_item(self) -> dict[str, list[float]]:
        """Per annotator, the seconds each judgement made in the app took (oldest first)."""
        found: dict[str, list[float]] = {}
        for _, who, seconds in self.timed():
            found.setdefault(who, []).append(seconds)
        return found

    def timed(self) -> list[tuple[str, str, float]]:
        """(event id, who, seconds) of every judgement with a time on item, oldest first."""
        return self.db.conn.execute("SELECT id, who, seconds FROM events WHERE seconds IS NOT NULL ORDER BY rowid").fetchall()

    # ------------------------------------------------------------------ merging
    def restore(self, records: Iterable[tuple], sentence_map: dict[int, list[int]]) -> int:
        """Take another project's events (`records()`), their sentences mapped to this one's (an
        event of a sentence that maps to none is kept without it); one already here (by id) is
        not taken again. Returns how many were added."""
        added = 0
        with self.transaction():
            for row in records:
                sentence_id = row[5]
                if sentence_id is not None:
                    mapped = sentence_map.get(sentence_id)
                    sentence_id = mapped[0] if mapped else None
                before, after = ((_mapped(row[4], value, sentence_map) for value in row[7:9])
                                 if row[4] in _IDS_INSIDE else row[7:9])
                added += self.db.conn.execute(f"INSERT OR IGNORE INTO events ({_COLUMNS}) VALUES"
                                              " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                              [*row[:5], sentence_id, row[6], before, after, row[9]]).rowcount
        return added


# kinds whose before and after name sentences by id: link sides, a relation's or a rejected
# link's two sentences, a split's or merge's texts by sentence
_IDS_INSIDE = ("link", "unlink", "reject", "unreject", "relate", "unrelate", "split", "merge")


def _mapped(kind: str, stored, sentence_map: dict[int, list[int]]):
    """A before or after value of another project's event with its sentence ids made this
    project's (one that maps to no sentence here: null), so that the history names the
    sentences it shows the event on."""
    is_json, value = _parsed(stored) if stored is not None else (False, None)
    if not is_json:
        return stored

    def here(sentence_id):
        if isinstance(sentence_id, int) and not isinstance(sentence_id, bool):
            mapped = sentence_map.get(sentence_id)
            return mapped[0] if mapped else None
        return sentence_id

    if isinstance(value, list):
        value = [here(i) for i in value]
    elif isinstance(value, dict) and kind in ("split", "merge"):
        value = {str(here(int(k))) if k.isdigit() else k: text for k, text in value.items()}
    elif isinstance(value, dict):
        value = {side: [here(i) for i in ids] if isinstance(ids, list) else ids for side, ids in value.items()}
    return _json(value)
