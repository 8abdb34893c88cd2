#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the demo project in the main window, under a real X server
# (xvfb-run, Debian's xvfb) when there is one, else rendered offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
annotator demo "$work/demo.sqlite" --no-gui >/dev/null
# a few labels, so the chips show
annotator label "$work/demo.sqlite" 28 claim --annotator demo >/dev/null
annotator label "$work/demo.sqlite" 28 attribution --annotator demo >/dev/null
gui=(annotator gui "$work/demo.sqlite" --annotator demo --sentence 28 --screenshot docs/screenshot.png --quit-after-load)
if command -v xvfb-run >/dev/null; then
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" "${gui[@]}" 2>/dev/null
else
    "${gui[@]}" 2>/dev/null
fi
echo "docs/screenshot.png written"
