"""The desktop app's use of a project, driven line by line from stdin: its writer connection,
and the read-only connections it opens beside it (the navigator's recount after every label).

    summary        document_summaries_of(project, [1]), as the navigator does
    read           a read-only Store opened, read and closed
    commit NAME    one write on the writer, then `committed NAME` (acknowledged)

Used by the multi-process test: whatever it acknowledged must survive a SIGKILL although other
processes opened, read and closed the file meanwhile.
"""

import sys

from annotator.core.session import document_summaries_of
from annotator.core.store import Store


def main(project: str) -> None:
    store = Store.open(project)
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, name = line.strip().partition(" ")
        if command == "summary":
            document_summaries_of(project, [1])
        elif command == "read":
            with Store.open(project, readonly=True) as reader:
                reader.stats.document_summaries()
        elif command == "commit":
            with store.transaction():
                store.db.execute("INSERT INTO settings (key, value) VALUES (?, 'acknowledged')", [name])
            print(f"committed {name}", flush=True)
            continue
        print(f"done {command}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
