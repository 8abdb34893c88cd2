"""Corrections a person makes to what the import decided: a sentence's, a paragraph's or a
document's language, and boilerplate marks. Each is one transaction and returns exactly what
it replaced, so that undo puts it back.

The machine links that touch a sentence newly marked as boilerplate go in the same
transaction (the aligner never links boilerplate; manual links stay: a person made them). A
language change drops the changed sentences' cached embeddings, so the next alignment reads
them afresh."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.model import Link
from annotator.core.store.domain import Domain, chunks
from annotator.errors import NotFoundError, ProjectError

# ISO 639-1 or -3, with an optional region or script (langdetect's zh-cn, pt-BR, sr-Latn)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
SCOPES = ("sentence", "paragraph", "document")


def language_problem(code: str) -> str | None:
    if not _LANGUAGE_CODE.fullmatch(code):
        return f"{code!r} is not a language code (ISO 639-1 like de, or with a region like pt-BR)"
    return None


@dataclass(frozen=True)
class LanguageChange:
    """What a language change replaced: (id, lang) of the document (or None), (id, lang,
    lang_source) of each paragraph and (id, lang) of each sentence it touched."""

    document: tuple[int, str] | None
    paragraphs: list[tuple[int, str, str]]
    sentences: list[tuple[int, str]]

    def sentence_ids(self) -> list[int]:
        return [sentence_id for sentence_id, _ in self.sentences]


@dataclass(frozen=True)
class BoilerplateChange:
    """What a boilerplate mark replaced: (id, boilerplate, reason) of each sentence, and the
    machine links it removed."""

    sentences: list[tuple[int, int, str | None]]
    removed_links: list[Link]

    def sentence_ids(self) -> list[int]:
        return [sentence_id for sentence_id, _, _ in self.sentences]


class Corrections(Domain):
    # ------------------------------------------------------------------ language
    def set_language(self, sentence_id: int, lang: str, scope: str = "sentence") -> LanguageChange:
        """Give a sentence, its paragraph, or its document the language `lang`. A document's
        change moves the document and the paragraphs that had the document's old language
        (passages detected in a third language keep theirs)."""
        problem = language_problem(lang) if scope in SCOPES else f"unknown scope {scope!r}"
        if problem:
            raise ProjectError(self.where, problem)
        row = self.db.execute("SELECT s.document_id, s.paragraph_id, d.lang FROM sentences s JOIN documents d"
                              " ON d.id = s.document_id WHERE s.id = ?", [sentence_id]).fetchone()
        if row is None:
            raise NotFoundError(self.where, f"no sentence with id {sentence_id}")
        document_id, paragraph_id, document_lang = row
        with self.transaction():
            document = None
            if scope == "sentence":
                paragraphs = []
                sentences = self._sentences("id = ?", [sentence_id])
            else:
                if scope == "paragraph":
                    where, parameters = "id = ?", [paragraph_id]
                else:
                    where, parameters = "document_id = ? AND lang = ?", [document_id, document_lang]
                    document = (document_id, document_lang)
                    self.db.execute("UPDATE documents SET lang = ? WHERE id = ?", [lang, document_id])
                paragraphs = [tuple(r) for r in self.db.execute(
                    f"SELECT id, lang, lang_source FROM paragraphs WHERE {where} ORDER BY id", parameters)]
                self.db.conn.executemany("UPDATE paragraphs SET lang = ?, lang_source = 'manual' WHERE id = ?",
                                         [(lang, p[0]) for p in paragraphs])
                sentences = []
                for chunk, marks in chunks([p[0] for p in paragraphs]):
                    sentences += self._sentences(f"paragraph_id IN ({marks})", chunk)
            self.db.conn.executemany("UPDATE sentences SET lang = ? WHERE id = ?",
                                     [(lang, s[0]) for s in sentences])
            self._store.events.record_many("language", ((i, scope, old, lang) for i, old in sentences if old != lang))
            for chunk, marks in chunks([s[0] for s in sentences]):
                self.db.execute(f"DELETE FROM embeddings WHERE sentence_id IN ({marks})", chunk)
        return LanguageChange(document, paragraphs, sentences)

    def _sentences(self, where: str, parameters: list) -> list[tuple[int, str]]:
        return [tuple(r) for r in self.db.execute(f"SELECT id, lang FROM sentences WHERE {where} ORDER BY id",
                                                  parameters)]

    def undo_language(self, change: LanguageChange) -> None:
        with self.transaction():
            if change.document is not None:
                self.db.execute("UPDATE documents SET lang = ? WHERE id = ?", [change.document[1], change.document[0]])
            self.db.conn.executemany("UPDATE paragraphs SET lang = ?, lang_source = ? WHERE id = ?",
                                     [(lang, source, i) for i, lang, source in change.paragraphs])
            current = dict(self._sentences(" OR ".join(["id = ?"] * len(change.sentences)) or "0",
                                           change.sentence_ids()))
            self.db.conn.executemany("UPDATE sentences SET lang = ? WHERE id = ?",
                                     [(lang, i) for i, lang in change.sentences])
            self._store.events.record_many("language", ((i, None, current.get(i), lang) for i, lang in change.sentences
                                                        if current.get(i) != lang))

    # ------------------------------------------------------------------ boilerplate
    def set_boilerplate(self, sentence_ids: list[int], marked: bool) -> BoilerplateChange:
        """Mark (or unmark) sentences as boilerplate by hand; marking removes the machine links
        that touch them."""
        self._store.documents.of_sentences(sentence_ids)  # NotFoundError for an unknown id
        with self.transaction():
            before = []
            for chunk, marks in chunks(sentence_ids):
                before += [tuple(r) for r in self.db.execute(
                    f"SELECT id, boilerplate, boilerplate_reason FROM sentences WHERE id IN ({marks}) ORDER BY id",
                    chunk)]
            self.db.conn.executemany(
                "UPDATE sentences SET boilerplate = ?, boilerplate_reason = ? WHERE id = ?",
                [(int(marked), "manual" if marked else None, i) for i, _, _ in before])
            self._store.events.record_many("boilerplate", ((i, None, bool(flag), marked) for i, flag, _ in before
                                                           if bool(flag) != marked))
            self._store.layouts.changed("sentences", [i for i, _, _ in before])
            removed: list[Link] = []
            if marked:
                links = {link.id: link for i in sentence_ids for link in self._store.links.of_sentence(i)
                         if link.origin == "machine"}
                removed = [links[k] for k in sorted(links)]
                self._store.links.remove([link.id for link in removed])
        return BoilerplateChange(before, removed)

    def undo_boilerplate(self, change: BoilerplateChange) -> list[int]:
        """Put the marks and the removed links back; returns the links' new ids."""
        with self.transaction():
            self.db.conn.executemany("UPDATE sentences SET boilerplate = ?, boilerplate_reason = ? WHERE id = ?",
                                     [(flag, reason, i) for i, flag, reason in change.sentences])
            self._store.events.record_many("boilerplate", ((i, None, None, bool(flag)) for i, flag, _ in change.sentences))
            self._store.layouts.changed("sentences", [i for i, _, _ in change.sentences])
            return self._store.links.add_many([(link.source, link.target, link.score, link.origin)
                                               for link in change.removed_links])
