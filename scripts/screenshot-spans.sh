#!/usr/bin/env bash
# Regenerates docs/screenshot-spans.png: the README's worked example of spans (the sources and
# cues of the attributions on the English page, and a corrects relation), made with the keys on the demo project, under a
# real X server (xvfb-run) when there is one, else rendered offscreen; 1366x768.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
QT_QPA_PLATFORM=offscreen annotator demo "$work/demo.sqlite" --no-gui >/dev/null
if command -v xvfb-run >/dev/null; then
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot_spans.py "$work/demo.sqlite" docs/screenshot-spans.png 2>/dev/null
else
    QT_QPA_PLATFORM=offscreen python scripts/screenshot_spans.py "$work/demo.sqlite" docs/screenshot-spans.png
fi
