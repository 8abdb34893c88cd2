#!/usr/bin/env bash
# Regenerates docs/screenshot-relation.png: the README's worked example of a relation (a German
# correction corrects an English claim), made with the keys m, r, 2 on the demo project, under a
# real X server (xvfb-run) when there is one, else rendered offscreen; 1366x768.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
QT_QPA_PLATFORM=offscreen annotator demo "$work/demo.sqlite" --no-gui >/dev/null
if command -v xvfb-run >/dev/null; then
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot_relation.py "$work/demo.sqlite" docs/screenshot-relation.png 2>/dev/null
else
    QT_QPA_PLATFORM=offscreen python scripts/screenshot_relation.py "$work/demo.sqlite" docs/screenshot-relation.png
fi
