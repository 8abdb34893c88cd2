"""Page Down / Page Up and Home / End move the sentence cursor, not only the scroll bar: the
cursor lands on a sentence of its column about a screen further on (or at the column's first or
last sentence), and the view follows it, as it does after j and k."""

from __future__ import annotations


def page_target(view, step: int) -> int:
    """The row about one viewport height from the cursor's row, `step` (+1, -1) being the
    direction: the farthest row whose rows in between still fit on the screen, at least one."""
    model, (row, _, _) = view.model(), view.cursor
    height, target, travelled = view.viewport().height(), row, 0
    while 0 <= target + step < model.rowCount():
        travelled += view.rowHeight(target + step)
        if travelled > height and target != row:
            break
        target += step
    return target


def move_page(view, step: int) -> None:
    """The cursor a screen down (`step` 1) or up (-1), on the nearest sentence of its column that
    way; at the column's end, on its last (or first) sentence."""
    row, column, _ = view.cursor
    target = page_target(view, step)
    if target == row or not view._settle_cursor(target, column, 0 if step > 0 else -1, step):
        move_to_end(view, step)


def move_to_end(view, step: int) -> None:
    """The cursor on the column's last sentence (`step` 1, End) or first (-1, Home)."""
    model, (_, column, _) = view.model(), view.cursor
    if step > 0:
        while model.canFetchMore():  # a long group's later rows are read on demand
            model.fetchMore()
        view._settle_cursor(model.rowCount() - 1, column, -1, -1)
    else:
        view._settle_cursor(0, column, 0, 1)
        if view.cursor[0] <= 1:
            view.scrollToTop()
