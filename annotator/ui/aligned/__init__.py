"""The side-by-side table, by job: model.py (rows of aligned sentences, fetched in batches),
cell_layout.py (where sentences and chips go in a cell), delegate.py (painting a cell),
colors.py (the cell's colours from the palette), view.py (the widget: cursor and keys)."""

from annotator.ui.aligned.delegate import SentenceDelegate
from annotator.ui.aligned.model import AlignedModel
from annotator.ui.aligned.view import AlignedView

__all__ = ["AlignedModel", "AlignedView", "SentenceDelegate"]
