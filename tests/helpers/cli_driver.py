"""Runs `annotator` commands one after another in this one process, through the real command
line entry point: each stdin line is a JSON list of arguments; after each, `rc N` on stdout.
(A command per line without a new interpreter each time, so that a test can interleave many
commands with another process's work in a few seconds.)"""

import contextlib
import io
import json
import sys

from annotator.cli import main


def run() -> None:
    print("ready", flush=True)
    for line in sys.stdin:
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            try:
                code = main(json.loads(line), standalone_mode=False)
            except SystemExit as exit_:
                code = exit_.code
        print(f"rc {code or 0} {json.dumps(output.getvalue())}", flush=True)


if __name__ == "__main__":
    run()
