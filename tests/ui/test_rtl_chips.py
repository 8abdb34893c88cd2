"""The label chips of a right-to-left sentence run from the cell's right edge leftwards, and
its link's edge is on the right (the start side); a left-to-right cell keeps its look."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.ui.aligned.cell_layout import PADDING, layout_blocks  # noqa: E402
from annotator.ui.aligned.colors import cell_colors  # noqa: E402
from tests.ui.test_cell_direction_colors import ARABIC, ENGLISH, LABELS, _paint, _view  # noqa: E402

LABELED = ["claim", "pale"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "storm"  # also docs/screenshot-arabic.png's story


def _labeled_view(qtbot):
    view = _view(qtbot, [ARABIC, ENGLISH], labels=LABELED)
    view.resizeRowToContents(0)  # room for the chips under the text
    return view


def _chips(view, column):
    model = view.model()
    sentences = model.sentences(0, column)
    return layout_blocks(view.font(), view.columnWidth(column), sentences, [[] for _ in sentences])[0].chips


def test_an_arabic_sentence_s_chips_start_at_the_right_edge_and_run_leftwards(qtbot):
    view = _labeled_view(qtbot)
    width = view.columnWidth(0)
    first, second = _chips(view, 0)
    assert first.right() == width - PADDING - 1  # against the right edge, inside the padding
    assert second.right() < first.left()  # the second label to the left of the first
    assert first.top() == second.top()
    english_first, english_second = _chips(view, 1)  # a left-to-right cell as before
    assert english_first.left() == PADDING and english_second.left() > english_first.right()
    assert (first.width(), second.width()) == (english_first.width(), english_second.width())


def _columns_of(image, color, rows):
    """The x of the pixels of `color` in `rows`, the cell's edges left out (the manual edge
    shares the first label's blue)."""
    color = QColor(color)
    return sorted({x for x in range(8, image.width() - 8) for y in rows if image.pixelColor(x, y) == color})


def test_the_painted_chips_and_the_manual_edge_are_mirrored_in_an_arabic_cell(qtbot):
    view = _labeled_view(qtbot)
    view.model().cell = lambda row, column: SimpleNamespace(score=None, manual=True)  # linked by hand
    view.set_cursor(0, 1)  # no cursor fill on the Arabic cell
    width = view.columnWidth(0)
    first, second = _chips(view, 0)
    image = _paint(view, 0)
    chip_rows = range(first.top() + 4, first.bottom() - 4)
    claim = _columns_of(image, LABELS["claim"], chip_rows)
    pale = _columns_of(image, LABELS["pale"], chip_rows)
    assert claim and pale
    assert max(claim) > width - 20 and min(claim) > width / 2  # the first label at the right
    assert max(pale) < min(claim)  # the second one left of it
    edge = QColor(cell_colors(view.palette()).manual_edge)
    middle = image.height() // 2
    assert image.pixelColor(width - 2, middle) == edge  # the start side of a right-to-left cell
    assert image.pixelColor(1, middle) != edge
    english = _paint(view, 1)  # the English cell: chips from the left, the edge on the left
    colors = cell_colors(view.palette(), cursor=True)
    assert english.pixelColor(0, middle) == QColor(colors.manual_edge)  # (the cursor's frame from x = 1)
    assert min(_columns_of(english, LABELS["claim"], chip_rows)) < 20


def test_a_click_on_a_mirrored_chip_finds_its_label(qtbot):
    view = _labeled_view(qtbot)
    first, second = _chips(view, 0)
    origin = view.visualRect(view.model().index(0, 0)).topLeft()
    assert view._hit(origin + first.center())[3] == "claim"
    assert view._hit(origin + second.center())[3] == "pale"
    assert view._hit(origin + QPoint(PADDING + 2, first.center().y()))[3] is None  # where LTR chips were


def test_labeling_an_imported_arabic_story_by_key_mirrors_its_chips_and_says_arabic(qtbot, tmp_path):
    """The story of docs/screenshot-arabic.png, imported as a user does; keys 2 and 1 on an
    Arabic sentence: both labels in the file, the chips from the right edge, the cell read
    as Arabic with its labels."""
    from click.testing import CliRunner
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAccessible

    from annotator.cli import main
    from annotator.core.store import Store
    from annotator.ui.main_window import MainWindow
    from tests.ui.test_accessible import spoken

    project = tmp_path / "storm.sqlite"
    files = [str(FIXTURES / f"storm-{lang}.txt") for lang in ("en", "fr", "ar")]
    result = CliRunner().invoke(main, ["import", str(project), *files, "--group", "Beirut storm", "--no-align"])
    assert result.exit_code == 0, result.output
    window = MainWindow("tester", QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    assert window.open_project(project)
    with Store.open(project, readonly=True) as store:
        arabic = next(s.id for s in store.documents.sentences(3) if "أمواج" in s.text)
    assert window.go_to_sentence(arabic)
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, "2")
    qtbot.keyClick(view, "1")
    with Store.open(project, readonly=True) as store:
        assert sorted(a.label for a in store.annotations.of_sentence(arabic)) == ["attribution", "claim"]
    row, column, k = view.cursor
    rect = view.visualRect(view.model().index(row, column))
    model = view.model()
    sentences = model.sentences(row, column)
    block = layout_blocks(view.font(), rect.width(), sentences, [model.suggestions(row, column, s) for s in sentences])[k]
    claim, attribution = block.chips  # scheme order: claim first, against the right edge
    assert block.rtl and claim.right() == rect.width() - PADDING - 1 and attribution.right() < claim.left()
    name, description = spoken(view, row, column)
    assert "Language: Arabic." in name and "Labels: claim, attribution." in name
    assert description.startswith("Arabic document")
    assert QAccessible.queryAccessibleInterface(view).focusChild().text(QAccessible.Text.Name) == name
