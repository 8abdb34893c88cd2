"""What the desktop app needs from a project, as plain Python: the small API between the Qt
layer and the core. The UI holds no data of its own and never touches the store; every change
goes through here, is committed before the call returns, and comes back as `Changes`, which
tells the views what to repaint (in the manner of Anki's OpChanges) instead of re-reading
everything.

Long work (import, re-alignment, merge) is handed to the UI as a `work(progress, cancelled)`
function that opens its own connection in the thread that runs it (the thread rule in
store/connection.py)."""

from __future__ import annotations

from annotator.core.session.align_methods import AlignMethods
from annotator.core.session.alignment import Aligning
from annotator.core.session.corrections import Correcting
from annotator.core.session.grouping import Grouping
from annotator.core.session.jobs import Jobs, document_summaries_of, team_progress_work
from annotator.core.session.labeling import Labeling
from annotator.core.session.projecting import Projecting
from annotator.core.session.reading import Reading
from annotator.core.session.relating import Relating, RelationView
from annotator.core.session.searching import Searching
from annotator.core.session.spanning import Spanning
from annotator.core.session.suggestions import ENCODE_PER_TRAINING, Suggesting
from annotator.core.session.views import Changes, SentenceDetail, SentenceView, Work
from annotator.core.store import SchemeChange, SchemeRow, scheme_problem
from annotator.core.store.corrections import BoilerplateChange, LanguageChange, language_problem
from annotator.core.store.links import NewLink, Rejection
from annotator.core.store.resegment import Resegmentation
from annotator.core.store.scheme_structure import GroupRow, Loss, SpanLabelRow, structure_problem, values_of, values_text

__all__ = ["BoilerplateChange", "Changes", "ENCODE_PER_TRAINING", "GroupRow", "LanguageChange", "Loss", "NewLink", "Rejection",
           "RelationView", "Resegmentation", "SchemeChange", "SchemeRow", "SentenceDetail", "SentenceView", "Session",
           "SpanLabelRow", "Work", "document_summaries_of", "language_problem", "scheme_problem", "structure_problem",
           "team_progress_work", "values_of", "values_text"]


class Session(Projecting, Reading, Labeling, Suggesting, Correcting, Aligning, AlignMethods, Relating, Spanning, Grouping,
              Searching, Jobs):
    """The app's API on one open project: each domain's calls live in the module named for it
    (reading, labeling, suggestions, corrections, alignment, relating, spanning, grouping, searching, jobs); this class
    joins them. Projecting comes first: it adds the ghosts to `sentence` and widens the changes of spans and relations."""
