"""The side-by-side layout of a group: every sentence exactly once, columns in order."""

from __future__ import annotations

from annotator.core.align.group import align_group
from annotator.core.rows import group_layout
from annotator.core.store import Store


def _check_every_sentence_once_in_order(store, layout, include_boilerplate=False):
    for column, doc in enumerate(layout.columns):
        expected = [s.id for s in store.documents.sentences(doc.document_id) if include_boilerplate or not s.boilerplate]
        down_the_column = [i for row in layout.rows for i in row.cells[column].sentence_ids]
        assert sorted(down_the_column) == sorted(expected)  # each exactly once
    for row in layout.rows:
        assert row.sentence_ids(), "no empty rows"


def test_unaligned_group_is_the_pivot_then_each_other_sentence_alone(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        layout = group_layout(store, "seeds")
        assert [c.document_id for c in layout.columns] == [1, 2, 3, 4]  # pivot (first imported) first
        _check_every_sentence_once_in_order(store, layout)
        assert all(sum(1 for cell in row.cells if cell.sentence_ids) == 1 for row in layout.rows)


def test_aligned_seeds_share_rows_and_keep_column_order(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
        german = [s for s in store.documents.sentences(1) if not s.boilerplate]
        english = [s for s in store.documents.sentences(2) if not s.boilerplate]
        store.links.add([english[0].id, english[1].id], [german[0].id], score=None, origin="manual")
        layout = group_layout(store, "seeds")
        assert layout.columns[0].document_id == 2 and layout.columns[0].lang == "en"
        _check_every_sentence_once_in_order(store, layout)
        linked = {i for link in store.links.between(2, 1) + store.links.between(2, 3) + store.links.between(2, 4)
                  for i in link.other}
        for column in range(len(layout.columns)):
            # each column reads in document order, except where the aligner linked a moved
            # passage out of order: only a linked sentence can stand out of place
            ids = [i for row in layout.rows for i in row.cells[column].sentence_ids]
            for before, after in zip(ids, ids[1:]):
                assert before < after or before in linked or after in linked
            if column == 0:
                assert ids == sorted(ids)  # the pivot always reads in order
        (first,) = [row for row in layout.rows if english[0].id in row.cells[0].sentence_ids]
        assert first.cells[0].sentence_ids == [english[0].id, english[1].id]
        german_column = [c.document_id for c in layout.columns].index(1)
        assert first.cells[german_column].sentence_ids == [german[0].id] and first.cells[german_column].manual
        shared = [row for row in layout.rows if sum(1 for c in row.cells if c.sentence_ids) > 1]
        assert len(shared) >= 8
        french_column = [c.document_id for c in layout.columns].index(3)
        texts = {s.id: s.text for d in (2, 3) for s in store.documents.sentences(d)}
        assert any("15-km zone" in " ".join(texts[i] for i in row.cells[0].sentence_ids)
                   and "zone de 15 km" in " ".join(texts[i] for i in row.cells[french_column].sentence_ids)
                   for row in shared)
        machine_scores = [c.score for row in shared for c in row.cells[1:] if c.sentence_ids and not c.manual]
        assert machine_scores and all(0.5 <= s <= 1 for s in machine_scores)


def test_boilerplate_can_be_included(demo_project):
    with Store.open(demo_project, readonly=True) as store:
        layout = group_layout(store, "seeds", include_boilerplate=True)
        _check_every_sentence_once_in_order(store, layout, include_boilerplate=True)


def _reference_layout(store, group):
    """The layout rule written the plain way (every sentence placed one by one), to check the
    vectorised one against: same rows, same cells."""
    group_id = store.documents.group_id(group)
    pivot = next(g["pivot_document_id"] for g in store.documents.groups() if g["id"] == group_id)
    documents = sorted(store.documents.group_documents(group_id), key=lambda d: (d["id"] != pivot, d["position"]))
    ids = {d["id"]: store.documents.sentence_ids(d["id"], False) for d in documents}
    links = {d["id"]: store.links.between(pivot, d["id"]) for d in documents[1:]}
    row_of = {}  # pivot sentence -> unit number
    unit = -1
    spans = [set(link.pivot) for doc_links in links.values() for link in doc_links if len(link.pivot) > 1]
    previous = None
    for sentence in ids[pivot]:
        if not any(previous in span and sentence in span for span in spans):
            unit += 1
        row_of[sentence] = unit
        previous = sentence
    units = unit + 1
    cells = {}
    placed = {}
    for column, doc in enumerate(documents[1:], start=1):
        for link in links[doc["id"]]:
            targets = [row_of[i] for i in link.pivot if i in row_of]
            for other in link.other:
                if targets and other in ids[doc["id"]]:
                    placed[other] = min(placed.get(other, units), min(targets))
        for other in ids[doc["id"]]:
            if other in placed:
                cells.setdefault((placed[other], column), []).append(other)
    rows = []
    for u in range(units):
        rows.append([[i for i in ids[pivot] if row_of[i] == u]]
                    + [cells.get((u, c), []) for c in range(1, len(documents))])
    inserted = {}
    for column, doc in enumerate(documents[1:], start=1):
        anchor = -1
        for other in ids[doc["id"]]:
            if other in placed:
                anchor = max(anchor, placed[other])
            else:
                row = [[] for _ in documents]
                row[column] = [other]
                inserted.setdefault(anchor, []).append(row)
    result = list(inserted.get(-1, []))
    for u in range(units):
        result.append(rows[u])
        result += inserted.get(u, [])
    return result


def test_layout_matches_the_plain_rule_on_random_links(demo_project):
    import random

    chance = random.Random(7)
    with Store.open(demo_project) as store:
        store.documents.set_pivot(1, 2)
        pivot = [s.id for s in store.documents.sentences(2) if not s.boilerplate]
        for doc in (1, 3, 4):
            others = [s.id for s in store.documents.sentences(doc)]  # boilerplate too: hidden ends must be skipped
            p = o = 0
            links = []
            while p < len(pivot) and o < len(others):
                a, b = chance.choice([(1, 1), (1, 1), (1, 2), (2, 1), (2, 2)])
                if chance.random() < 0.3:
                    p, o = p + chance.randint(0, 2), o + chance.randint(0, 2)  # gaps: unmatched sentences
                    continue
                if p + a <= len(pivot) and o + b <= len(others):
                    links.append((pivot[p:p + a], others[o:o + b], chance.random(),
                                  chance.choice(["machine", "manual"])))
                p, o = p + a, o + b
            store.links.add_many(links)
        expected = _reference_layout(store, "seeds")
        layout = group_layout(store, "seeds")
        assert [[cell.sentence_ids for cell in row.cells] for row in layout.rows] == expected
        _check_every_sentence_once_in_order(store, layout)
