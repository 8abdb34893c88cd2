"""An `annotator` command whose writer's open of PROJECT waits on marker files in FOLDER, so
that two writers racing for a new project meet the same way every time (test only).

    race_child.py ROLE FOLDER PROJECT ARGS...

loser:  just before it opens PROJECT as a writer, writes FOLDER/checked and waits for
        FOLDER/locked (by then the other writer has made the project and holds its lock).
winner: starts once FOLDER/checked is there; once it has PROJECT open as a writer (the lock
        held), writes FOLDER/locked and waits for FOLDER/release.
"""

import sys
import time
from pathlib import Path

from annotator.cli import main
from annotator.core.store import Store


def _wait_for(marker: Path) -> None:
    deadline = time.monotonic() + 60
    while not marker.exists():
        if time.monotonic() > deadline:
            sys.exit(f"{marker} never came")
        time.sleep(0.01)


def run(role: str, folder: str, project: str, arguments: list[str]) -> None:
    markers = Path(folder)
    real_open = Store.open.__func__

    def open_with_a_pause(cls, path, *, readonly=False, create=True):
        mine = not readonly and Path(path) == Path(project)
        if mine and role == "loser":
            (markers / "checked").touch()
            _wait_for(markers / "locked")
        store = real_open(cls, path, readonly=readonly, create=create)
        if mine and role == "winner":
            (markers / "locked").touch()
            _wait_for(markers / "release")
        return store

    Store.open = classmethod(open_with_a_pause)
    if role == "winner":  # started beside the loser; it goes once the loser has looked
        _wait_for(markers / "checked")
    sys.argv = ["annotator", *arguments]
    main()


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
