#!/usr/bin/env bash
# Regenerates the screenshots under docs/ at 1366x768, as a user sees the window: maximized
# under a real X server (xvfb-run) with a window manager (openbox) when they are installed,
# else rendered offscreen. docs/screenshot-light.png and -dark.png: the demo project (the dark
# palette is Qt's own for a desktop in dark mode, through the GTK theme); docs/screenshot-arabic.png:
# an Arabic news story beside its English and French versions (tests/fixtures/storm).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
annotator demo "$work/demo.sqlite" --no-gui >/dev/null
# a few labels, so the chips show
annotator label "$work/demo.sqlite" 28 claim --annotator demo >/dev/null
annotator label "$work/demo.sqlite" 28 attribution --annotator demo >/dev/null
annotator import "$work/storm.sqlite" tests/fixtures/storm/storm-{en,fr,ar}.txt --group "Beirut storm" >/dev/null
# sentences 1-7 are the English text's, 8-13 the French, 14-20 the Arabic
for sentence in 2 15; do
    annotator label "$work/storm.sqlite" $sentence attribution --annotator demo >/dev/null
    annotator label "$work/storm.sqlite" $sentence claim --annotator demo --note "check the date" >/dev/null
done
annotator label "$work/storm.sqlite" 17 claim --annotator demo >/dev/null
annotator confirm-row "$work/storm.sqlite" 17 >/dev/null

shoot() {  # shoot OUT PROJECT SENTENCE GTK_THEME
    local out=$1 project=$2 sentence=$3 theme=$4
    local run=(python scripts/screenshot.py "$project" "$out" --sentence "$sentence")
    if command -v xvfb-run >/dev/null; then
        local wm=""
        command -v openbox >/dev/null && wm="openbox & sleep 1;"
        QT_QPA_PLATFORM=xcb QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=$theme NO_AT_BRIDGE=1 \
            xvfb-run -a -s "-screen 0 1366x768x24" bash -c "$wm ${run[*]@Q}" 2>/dev/null
    else
        "${run[@]}" 2>/dev/null
    fi
    echo "$out written"
}
shoot docs/screenshot-light.png "$work/demo.sqlite" 28 Adwaita
shoot docs/screenshot-dark.png "$work/demo.sqlite" 28 Adwaita:dark
shoot docs/screenshot-arabic.png "$work/storm.sqlite" 15 Adwaita
