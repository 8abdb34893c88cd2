"""The navigator: groups and their documents with language, sentence count and labeled share."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from annotator.core.session import Session

GROUP_ROLE = 0x0101
DOCUMENT_ROLE = 0x0102


class Navigator(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setModel(QStandardItemModel(self))
        self.setHeaderHidden(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)

    def refresh(self, session: Session) -> None:
        model: QStandardItemModel = self.model()
        model.clear()
        summaries = session.document_summaries()
        for group in session.groups():
            item = QStandardItem(f"{group['name']} ({group['documents']} documents)")
            item.setData(group["id"], GROUP_ROLE)
            for doc in (d for d in summaries if d.group == group["name"]):
                share = f"{100 * doc.labeled / doc.sentences:.0f}%" if doc.sentences else "-"
                confirmed = f" · {100 * doc.confirmed / doc.sentences:.0f}% aligned and confirmed" if doc.confirmed else ""
                child = QStandardItem(f"{doc.title} · {doc.lang} · {doc.sentences} sentences · {share} labeled"
                                      f"{confirmed}")
                child.setToolTip(f"{doc.title}\n{doc.source_path}")
                child.setData(doc.id, DOCUMENT_ROLE)
                child.setData(group["id"], GROUP_ROLE)
                item.appendRow(child)
            model.appendRow(item)
        self.expandAll()
