"""The navigator: groups and their documents with language, sentence count and labeled share.

A lazy model: opening a project reads the groups (one query); a group's documents are read
when its row is expanded, and a document's counts (sentences, labeled and confirmed shares)
are counted off the UI thread, on a connection of their own, only for the documents painted.
A project of 10,000 documents opens as fast as the demo; a million-sentence document's counts
arrive a moment after the first paint instead of delaying it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QTreeView

from annotator.core.model import DocumentSummary
from annotator.core.session import Session, document_summaries_of
from annotator.ui import accessible
from annotator.ui.plain import tooltip
from annotator.ui.jobs import Job, run_in_background

GROUP_ROLE = 0x0101
DOCUMENT_ROLE = 0x0102
EXPAND_ALL_UP_TO = 200  # groups: a larger project opens with only the current group expanded
_GROUP = 0  # internal id of a group's index; a document's is its group's row + 1
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


def _percent(count: int, summary: DocumentSummary) -> str:
    """`count` as a share of the document's sentences ("-" for a document without any)."""
    return f"{100 * count / summary.sentences:.0f}%" if summary.sentences else "-"


def document_text(document: dict, summary: DocumentSummary | None) -> str:
    """Progress first, then the language and the title: a narrow panel elides a line at its end,
    and it cut the figures away when they came after the title (the tooltip has it all)."""
    if summary is None:
        return f"… · {document['lang']} · {document['title']}"
    confirmed = f" ✓{_percent(summary.confirmed, summary)}" if summary.confirmed else ""
    return f"{_percent(summary.labeled, summary)}{confirmed} · {summary.lang} · {summary.title}"


class NavigatorModel(QAbstractItemModel):
    def document_tooltip(self, document: dict, summary: DocumentSummary | None) -> str:
        if summary is None:
            return f"{document['title']}\n{document['source_path']}\n" + self.tr("counting…")
        confirmed = (self.tr(", {share} aligned and confirmed").format(share=_percent(summary.confirmed, summary))
                     if summary.confirmed else "")
        return (f"{summary.title}\n{document['source_path']}\n{summary.lang}, "
                + self.tr("%n sentence(s)", "", summary.sentences) + ", "
                + self.tr("{share} labeled").format(share=_percent(summary.labeled, summary)) + confirmed)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self._groups: list[dict] = []  # id, name, documents (count)
        self._documents: dict[int, list[dict]] = {}  # group row -> its documents, read on expansion
        self._summaries: dict[int, DocumentSummary] = {}  # document id -> counts, kept until recounted
        self._wanted: set[int] = set()  # documents painted without current counts
        self._counting: set[int] = set()  # the documents the running job counts
        self._job: Job | None = None
        self._ask = QTimer(self, singleShot=True, interval=0, timeout=self._count_wanted)

    # ------------------------------------------------------------------ filling
    def reset(self, session: Session | None, groups: list[dict] | None = None) -> None:
        """Show the project's groups (read again unless given) after opening it, an import, a merge."""
        self.beginResetModel()
        self.session = session
        self._groups = groups if groups is not None else session.groups() if session is not None else []
        self._documents.clear()
        self._summaries.clear()
        self._wanted.clear()
        self._counting.clear()
        self.endResetModel()

    def recount(self, document_ids: set[int] | None = None) -> None:
        """Count these documents (None: every document) again; the old counts stay in view
        until the new ones arrive."""
        for documents in self._documents.values():
            for document in documents:
                known = document["id"] in self._summaries or document["id"] in self._counting
                if known and (document_ids is None or document["id"] in document_ids):
                    self._wanted.add(document["id"])  # (a count under way may predate the change)
        if self._wanted:
            self._ask.start()

    def _count_wanted(self) -> None:
        if self._job is not None or not self._wanted or self.session is None:
            return
        ids, self._wanted = sorted(self._wanted), set()
        self._counting = set(ids)
        path = self.session.path
        self._job = run_in_background(lambda progress, cancelled: document_summaries_of(path, ids),
                                      lambda counts: self._counted(path, counts),
                                      lambda message: self._counted(path, {}), quiet=False)

    def _counted(self, path, counts: dict[int, DocumentSummary]) -> None:
        self._job = None
        self._counting = set()
        if self.session is None or self.session.path != path:  # another project opened meanwhile
            return
        self._summaries.update(counts)
        for group_row, documents in self._documents.items():
            for row, document in enumerate(documents):
                if document["id"] in counts:
                    index = self.index(row, 0, self.index(group_row, 0))
                    self.dataChanged.emit(index, index, [_DISPLAY, _TOOLTIP])
        if self._wanted:
            self._ask.start()

    def _documents_of(self, group_row: int) -> list[dict]:
        documents = self._documents.get(group_row)
        if documents is None:
            documents = self._documents[group_row] = (
                self.session.group_documents(self._groups[group_row]["id"]) if self.session else [])
        return documents

    # ------------------------------------------------------------------ the model
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _GROUP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() == _GROUP and row < len(self._documents_of(parent.row())):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: D401 (Qt's name)
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._documents_of(parent.row()))
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:
        if not parent.isValid():
            return bool(self._groups)
        return parent.internalId() == _GROUP and self._groups[parent.row()]["documents"] > 0

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            group = self._groups[index.row()]
            if role == _DISPLAY:
                return f"{group['name']} (" + self.tr("%n document(s)", "", group["documents"]) + ")"
            return group["id"] if role == GROUP_ROLE else None
        group_row = index.internalId() - 1
        document = self._documents_of(group_row)[index.row()]
        if role == _DISPLAY:
            summary = self._summaries.get(document["id"])
            if summary is None and document["id"] not in self._wanted and document["id"] not in self._counting:
                self._wanted.add(document["id"])  # painted: count it, off this thread
                self._ask.start()
            return document_text(document, summary)
        if role == _TOOLTIP:
            return tooltip(self.document_tooltip(document, self._summaries.get(document["id"])))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible.document_text(document, self._summaries.get(document["id"]))
        if role == DOCUMENT_ROLE:
            return document["id"]
        if role == GROUP_ROLE:
            return self._groups[group_row]["id"]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def documents_of_group(self, group_id: int) -> set[int]:
        row = self.group_row(group_id)
        return {d["id"] for d in self._documents.get(row, [])} if row is not None else set()

    def group_row(self, group_id: int) -> int | None:
        return next((row for row, group in enumerate(self._groups) if group["id"] == group_id), None)

    def text(self, group_row: int, row: int | None = None) -> str:
        """What the navigator shows for a group (row None) or one of its documents."""
        parent = self.index(group_row, 0)
        return (parent if row is None else self.index(row, 0, parent)).data()

    def counting(self) -> bool:
        return self._job is not None or bool(self._wanted)

    def forget(self) -> Job | None:
        """The window closes: no project shown, no count started, the one under way abandoned;
        returns that job, to wait for, if any."""
        job, self._job = self._job, None
        if job is not None:
            job.abandon()
        self._ask.stop()
        self.reset(None)
        return job


class Navigator(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setModel(NavigatorModel(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # rows are measured once, not each
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)

    def refresh(self, session: Session, group_id: int | None = None) -> None:
        """Show the project's groups again (opened, imported into, merged into), keeping the
        expanded groups expanded; a small project is shown fully expanded."""
        model: NavigatorModel = self.model()
        groups = session.groups()
        if model.session is session and groups == model._groups:
            model.recount()  # the same groups and documents: only the counts may have changed
            return
        expanded = {model._groups[row]["id"] for row in range(model.rowCount()) if self.isExpanded(model.index(row, 0))}
        model.reset(session, groups)
        if model.rowCount() <= EXPAND_ALL_UP_TO:
            self.expandAll()
            return
        for group in expanded | ({group_id} if group_id is not None else set()):
            row = model.group_row(group)
            if row is not None:
                self.expand(model.index(row, 0))

    def recount(self, group_id: int | None = None) -> None:
        """Count again the documents of a group (None: of every group shown)."""
        model: NavigatorModel = self.model()
        model.recount(None if group_id is None else model.documents_of_group(group_id))

    def show_group(self, group_id: int) -> None:
        """Expand the open group and bring it into view."""
        model: NavigatorModel = self.model()
        row = model.group_row(group_id)
        if row is not None:
            index = model.index(row, 0)
            self.expand(index)
            self.scrollTo(index, QTreeView.ScrollHint.EnsureVisible)
