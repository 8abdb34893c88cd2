"""Alignment links between two documents."""

from __future__ import annotations

import pytest

from annotator.core.store import Store
from annotator.errors import ProjectError


def test_links_join_two_documents(demo_project):
    with Store.open(demo_project) as store:
        german, english = store.documents.sentences(1), store.documents.sentences(2)
        link = store.links.add([german[0].id], [english[1].id, english[2].id], score=0.9)
        assert link > 0
        with pytest.raises(ProjectError, match="two different documents"):
            store.links.add([german[0].id], [german[1].id], score=None)
        with pytest.raises(ProjectError, match="both sides"):
            store.links.add([], [english[0].id], score=None)
