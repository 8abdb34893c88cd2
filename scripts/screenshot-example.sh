#!/usr/bin/env bash
# Regenerates docs/screenshot-NAME.png, one of the README's worked examples made with the keys
# on a fresh demo project by scripts/screenshot_NAME.py, under a real X server (xvfb-run) when
# there is one, else rendered offscreen; 1366x768. NAME:
#   relation  a German correction corrects an English claim (the keys m, r, 2);
#   spans     the sources and cues of the attributions on the English page, and the relation;
#   projection  the spans and the relation offered on their aligned sentences (ghosts);
#   groups    label groups (a verdict, check-worthiness 1..5, a document-level yes/no) and a
#             flag for discussion, answered with e 2, o 4, y 2, f on the English claim.
set -euo pipefail
name=${1:?usage: scripts/screenshot-example.sh relation|spans|projection|groups}
cd "$(dirname "$0")/.."
script=scripts/screenshot_$name.py
[[ -f $script ]] || { echo "error: no worked example named '$name' ($script)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
QT_QPA_PLATFORM=offscreen annotator demo "$work/demo.sqlite" --no-gui >/dev/null
if command -v xvfb-run >/dev/null; then
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" python "$script" "$work/demo.sqlite" "docs/screenshot-$name.png" 2>/dev/null
else
    QT_QPA_PLATFORM=offscreen python "$script" "$work/demo.sqlite" "docs/screenshot-$name.png"
fi
