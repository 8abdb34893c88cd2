"""Work packages for a team: the plan (who labels which group, which groups are shared, the
package files written for it), the package a file is, the packages merged into a project, a
package's contents copied from its source project, and the figures `progress` reads from a
returned package. Groups are named here, not numbered: ids differ from file to file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from annotator.core.model import PackageId, Plan
from annotator.core.store.annotations import _JUDGED_LABELS
from annotator.core.store.connection import now
from annotator.core.store.domain import Domain
from annotator.core.store.errors import translate
from annotator.errors import ProjectError

# What a package carries of its source, table by table, in an order foreign keys accept: the
# WHERE clause picks the rows of the package's groups (`chosen`, a temporary table of group ids).
_CONTENT = (
    ("groups", "id IN (SELECT id FROM temp.chosen)"),
    ("documents", "group_id IN (SELECT id FROM temp.chosen)"),
    ("paragraphs", "document_id IN (SELECT id FROM main.documents)"),
    ("sentences", "document_id IN (SELECT id FROM main.documents)"),
    ("links", "group_id IN (SELECT id FROM temp.chosen)"),
    ("link_sentences", "link_id IN (SELECT id FROM main.links)"),
    ("confirmations", "sentence_id IN (SELECT id FROM main.sentences)"),
    ("rejected_links", "sentence_id IN (SELECT id FROM main.sentences)"),  # (the other sentence: same group)
    ("relations", "head_id IN (SELECT id FROM main.sentences)"),  # (the tail: same group)
    ("embeddings", "sentence_id IN (SELECT id FROM main.sentences)"),
    ("settings", "1"),
)
_IN_PACKAGE = "sentence_id IN (SELECT id FROM main.sentences)"
_BY_ANNOTATOR = f"{_IN_PACKAGE} AND annotator_id = (SELECT id FROM src.annotators WHERE name = ?)"
_ANSWERS_IN_PACKAGE = f"{_IN_PACKAGE} OR document_id IN (SELECT id FROM main.documents)"  # label groups' answers

# The type each plan column must hold when read (bool is not an int here: SQLite has none).
_TEXT, _INT, _NUMBER = (str,), (int,), (int, float)
_TYPE_WORDS = {_TEXT: "text", _INT: "a whole number", _NUMBER: "a number"}
_PLAN_TYPES = (("uid", _TEXT), ("revision", _INT), ("created_at", _TEXT), ("seed", _INT), ("overlap", _NUMBER),
               ("copies", _INT), ("labels", _TEXT), ("carried", _TEXT), ("annotators", _TEXT))
_GROUP_TYPES = (("group_name", _TEXT), ("annotator", _TEXT), ("shared", _INT), ("sentences", _INT))
_PACKAGE_TYPES = (("annotator", _TEXT), ("file", _TEXT), ("groups", _INT))
_PACKAGE_ID_TYPES = (("uid", _TEXT), ("revision", _INT), ("annotator", _TEXT))


def _shown(value) -> str:
    """A stored value as a message shows it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Plans(Domain):
    # ------------------------------------------------------------------ reading
    def latest(self, uid: str | None = None) -> Plan | None:
        """The newest revision of the plan `uid` (of the newest plan when None), or None."""
        row = self.db.execute("SELECT id FROM plans WHERE ? IS NULL OR uid = ? ORDER BY id DESC LIMIT 1",
                              [uid, uid]).fetchone()
        return self._plan(row[0]) if row else None

    def history(self, uid: str) -> list[Plan]:
        """Every revision of a plan this file holds, oldest first."""
        return [self._plan(row[0]) for row in self.db.execute(
            "SELECT id FROM plans WHERE uid = ? ORDER BY revision", [uid])]

    def _plan(self, plan_id: int) -> Plan:
        row = self.db.execute(
            "SELECT uid, revision, created_at, seed, overlap, copies, labels, carried, annotators FROM plans"
            " WHERE id = ?", [plan_id]).fetchone()
        self._check("plans", row, _PLAN_TYPES)
        (uid, revision, created_at, seed, overlap, copies, labels, carried, annotators) = row
        names = self._names("plans.annotators", annotators, revision)
        assignments: dict[str, list[str]] = {}
        shared, sizes = set(), {}
        order = {name: k for k, name in enumerate(names)}
        for row in self.db.execute(
                "SELECT group_name, annotator, shared, sentences FROM plan_groups WHERE plan_id = ?"
                " ORDER BY rowid", [plan_id]):
            self._check("plan_groups", row, _GROUP_TYPES)
            group, annotator, is_shared, sentences = row
            assignments.setdefault(group, []).append(annotator)
            sizes[group] = sentences
            if is_shared:
                shared.add(group)
        packages = {}
        for row in self.db.execute(
                "SELECT annotator, file, groups FROM plan_packages WHERE plan_id = ? ORDER BY rowid", [plan_id]):
            self._check("plan_packages", row, _PACKAGE_TYPES)
            packages[row[0]] = (row[1], row[2])
        return Plan(uid, revision, created_at, seed, overlap, copies, labels,
                    tuple(self._names("plans.carried", carried, revision)),
                    tuple(order), {g: tuple(sorted(names, key=lambda n: order.get(n, len(order))))
                                   for g, names in assignments.items()}, frozenset(shared), sizes, packages)

    def _check(self, table: str, row, types: tuple[tuple[str, tuple[type, ...]], ...]) -> None:
        """Refuse, in one line naming the file, a plan row whose values are not of their
        column's type (a damaged or hand-edited file: the plan code would fail on them)."""
        for value, (column, allowed) in zip(row, types):
            if type(value) not in allowed:
                raise ProjectError(self.where, f"damaged team plan: {table}.{column} holds {_shown(value)},"
                                               f" not {_TYPE_WORDS[allowed]}")

    def _names(self, column: str, text: str, revision: int) -> list[str]:
        try:
            names = json.loads(text)
        except (ValueError, RecursionError):
            names = None
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ProjectError(self.where, f"damaged team plan: {column} of revision {revision} is not a JSON list"
                                           f" of names ({_shown(text)})")
        return names

    def package(self) -> PackageId | None:
        """Which package this file is, or None for a project that is not one."""
        row = self.db.execute("SELECT uid, revision, annotator FROM package").fetchone()
        if row is None:
            return None
        self._check("package", row, _PACKAGE_ID_TYPES)
        return PackageId(*row)

    def returns(self, uid: str) -> dict[tuple[int, str], tuple[str, str]]:
        """The packages of plan `uid` merged into this project: (revision, annotator) -> (file, when)."""
        return {(revision, annotator): (file, merged_at) for revision, annotator, file, merged_at in self.db.execute(
            "SELECT revision, annotator, file, merged_at FROM plan_returns WHERE uid = ?", [uid])}

    def group_sizes(self) -> dict[str, int]:
        """Every group's name and content sentences, in the project's order."""
        return dict(self.db.execute(
            "SELECT g.name, (SELECT count(*) FROM documents d JOIN sentences s ON s.document_id = d.id"
            " WHERE d.group_id = g.id AND s.boilerplate = 0) FROM groups g ORDER BY g.id"))

    def judged_per_group(self) -> list[tuple[str, str, int, str, str, int]]:
        """(annotator, group, content sentences judged, first, last judgement time, labels given
        on content sentences) for each annotator and group with a judgement."""
        return self.db.execute(
            "SELECT a.name, g.name, count(*), min(j.created_at), max(j.created_at),"
            " sum((SELECT count(*) FROM annotations an WHERE an.sentence_id = j.sentence_id"
            " AND an.annotator_id = j.annotator_id)) FROM judgements j"
            " JOIN annotators a ON a.id = j.annotator_id JOIN sentences s ON s.id = j.sentence_id"
            " JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id"
            " WHERE s.boilerplate = 0 GROUP BY a.id, g.id ORDER BY a.name, g.id").fetchall()

    def judgements_in(self, groups: Iterable[str]) -> list[tuple[int, int, int, str, str]]:
        """(document id, start, end, annotator, labels joined by '|') of every judged content
        sentence of the named groups (with document_hashes: sentences as every copy names them)."""
        names = list(groups)
        if not names:
            return []
        return self.db.execute(  # json_each: a read-only connection cannot fill a temporary table
            f"SELECT s.document_id, s.start, s.end, a.name, {_JUDGED_LABELS} FROM judgements j"
            f" JOIN annotators a ON a.id = j.annotator_id JOIN sentences s ON s.id = j.sentence_id"
            f" JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id"
            f" WHERE s.boilerplate = 0 AND g.name IN (SELECT value FROM json_each(?))",
            [json.dumps(names, ensure_ascii=False)]).fetchall()

    def document_hashes(self) -> dict[int, str]:
        return dict(self.db.execute("SELECT id, sha256 FROM documents"))

    # ------------------------------------------------------------------ writing
    def record(self, plans: Iterable[Plan]) -> None:
        """Store plan revisions (one transaction); a revision already here is kept as it is."""
        with self.transaction():
            for plan in plans:
                cursor = self.db.conn.execute(
                    "INSERT OR IGNORE INTO plans (uid, revision, created_at, seed, overlap, copies, labels, carried,"
                    " annotators) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [plan.uid, plan.revision, plan.created_at, plan.seed, plan.overlap, plan.copies, plan.labels,
                     json.dumps(list(plan.carried), ensure_ascii=False),
                     json.dumps(list(plan.annotators), ensure_ascii=False)])
                if cursor.rowcount == 0:  # this revision is here already
                    continue
                plan_id = cursor.lastrowid
                self.db.conn.executemany(
                    "INSERT INTO plan_groups (plan_id, group_name, annotator, shared, sentences) VALUES (?,?,?,?,?)",
                    [(plan_id, group, name, int(group in plan.shared), plan.sizes[group])
                     for group, names in plan.assignments.items() for name in names])
                self.db.conn.executemany(
                    "INSERT INTO plan_packages (plan_id, annotator, file, groups) VALUES (?, ?, ?, ?)",
                    [(plan_id, name, file, groups) for name, (file, groups) in plan.packages.items()])

    def mark_package(self, package: PackageId) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO package (id, uid, revision, annotator) VALUES (1, ?, ?, ?)",
                            [package.uid, package.revision, package.annotator])

    def record_returns(self, packages: Iterable[tuple[PackageId, str]]) -> None:
        """Packages merged into this project, with the file each came from (one transaction);
        a package merged again keeps its first record."""
        with self.transaction():
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO plan_returns (uid, revision, annotator, file, merged_at) VALUES (?,?,?,?,?)",
                [(p.uid, p.revision, p.annotator, file, now()) for p, file in packages])

    def fill(self, source: Path, groups: list[str], labels: str) -> int:
        """Copy the named groups of the project `source` into this (new, empty) package, ids
        kept: their documents, paragraphs, sentences, links, rejected links, confirmations and cached
        embeddings, the label scheme (label groups too) and the settings; and of the source's labels
        (with the label groups' answers and flags for discussion), `labels`:
        "none", "gold" (the gold layer), "all" (every annotation, judgement and the gold layer)
        or an annotator's name (theirs). Returns the content sentences copied."""
        conn = self.db.conn
        try:
            conn.execute("ATTACH DATABASE ? AS src", [str(source)])
        except sqlite3.Error as error:
            raise translate(error, str(source)) from None
        try:
            with self.transaction():
                conn.execute("PRAGMA defer_foreign_keys = ON")
                conn.execute("CREATE TEMP TABLE chosen (id INTEGER PRIMARY KEY)")
                conn.executemany("INSERT OR IGNORE INTO temp.chosen SELECT id FROM src.groups WHERE name = ?",
                                 [(name,) for name in groups])
                conn.execute("DELETE FROM main.labels")  # the source's scheme, not the default one
                self._copy("labels", "1")
                conn.execute("DELETE FROM main.span_labels")  # (the same for the span labels)
                self._copy("span_labels", "1")
                conn.execute("DELETE FROM main.label_groups")  # and its label groups (keys included)
                self._copy("label_groups", "1")
                self._copy("annotators", "1")
                for table, where in _CONTENT:
                    self._copy(table, where)
                if labels in ("all", "gold"):
                    self._copy("gold", _IN_PACKAGE)
                if labels == "all":
                    self._copy("annotations", _IN_PACKAGE)
                    self._copy("judgements", _IN_PACKAGE)
                    self._copy("spans", _IN_PACKAGE)
                    self._copy("events", _IN_PACKAGE)  # the labels' history travels with them
                    self._copy("group_values", _ANSWERS_IN_PACKAGE)
                    self._copy("discussion_flags", _IN_PACKAGE)
                elif labels != "none" and labels != "gold":
                    self._copy("annotations", _BY_ANNOTATOR, [labels])
                    self._copy("judgements", _BY_ANNOTATOR, [labels])
                    self._copy("spans", _BY_ANNOTATOR, [labels])
                    self._copy("events", f"{_IN_PACKAGE} AND who = ?", [labels])
                    self._copy("group_values", f"({_ANSWERS_IN_PACKAGE}) AND annotator_id = (SELECT id FROM"
                                               " src.annotators WHERE name = ?)", [labels])
                    self._copy("discussion_flags", _BY_ANNOTATOR, [labels])
                conn.execute("DELETE FROM main.relations WHERE (head_span_id IS NOT NULL AND head_span_id NOT IN"
                             " (SELECT id FROM main.spans)) OR (tail_span_id IS NOT NULL AND tail_span_id NOT IN"
                             " (SELECT id FROM main.spans))")  # (their spans not carried)
                conn.execute("DROP TABLE temp.chosen")
                copied = conn.execute("SELECT count(*) FROM main.sentences WHERE boilerplate = 0").fetchone()[0]
        finally:
            conn.execute("DETACH DATABASE src")
        return copied

    def _copy(self, table: str, where: str, parameters=()) -> None:
        columns = ", ".join(f'"{row[1]}"' for row in self.db.conn.execute(f"PRAGMA main.table_info({table})"))
        self.db.conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table} WHERE {where}",
                             parameters)

    def carried_by(self, labels: str) -> list[str]:
        """The annotators whose labels a package carries under `labels` (see `fill`)."""
        if labels in ("none", "gold"):
            return []
        if labels == "all":
            return [row[0] for row in self.db.execute(
                "SELECT name FROM annotators a WHERE EXISTS (SELECT 1 FROM judgements j WHERE j.annotator_id = a.id)"
                " ORDER BY name")]
        if self.db.execute("SELECT 1 FROM annotators WHERE name = ?", [labels]).fetchone() is None:
            raise ProjectError(self.where, f"--labels {labels!r}: no annotator of that name in the project"
                                           " (none, gold, all, or an annotator's name)")
        return [labels]
