#!/usr/bin/env bash
# Regenerates docs/screenshot-groups.png: the README's worked example of label groups (a verdict,
# check-worthiness 1..5, a document-level yes/no) and a flag for discussion, answered with the keys
# e 2, o 4, y 2, f on the English claim of the demo project, under a real X server (xvfb-run) when
# there is one, else rendered offscreen; 1366x768.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
QT_QPA_PLATFORM=offscreen annotator demo "$work/demo.sqlite" --no-gui >/dev/null
if command -v xvfb-run >/dev/null; then
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot_groups.py "$work/demo.sqlite" docs/screenshot-groups.png 2>/dev/null
else
    QT_QPA_PLATFORM=offscreen python scripts/screenshot_groups.py "$work/demo.sqlite" docs/screenshot-groups.png
fi
