#!/usr/bin/env bash
# The scheme editor used as a person would, with real X keys under a keyboard layout: the app
# under Xvfb 1366x768 + openbox, `setxkbmap LAYOUT`, Edit > Label scheme… (Alt+E L), Label groups
# (Alt+O), Add group (Alt+G) "évidence" (fr; "evidence" otherwise), scale 1..4, key p; Span labels (Alt+N), Add span label
# (Alt+S) "citation" (key 4); OK; then in the view p and the 3 key answer the group, Shift+→ twice
# and the 4 key mark a span (under fr: the keys that give " and ' unshifted). A screenshot after
# each step goes to OUTDIR; the stored groups, span labels, answers and spans are printed.
#
#     scripts/scheme_editor_by_keys.sh fr|us OUTDIR    (needs xvfb-run, openbox, xdotool)
set -euo pipefail
layout=${1:?usage: scripts/scheme_editor_by_keys.sh LAYOUT OUTDIR}
out=$(realpath "${2:?usage: scripts/scheme_editor_by_keys.sh LAYOUT OUTDIR}")
cd "$(dirname "$0")/.."
project="$out/$layout.sqlite"
rm -f "$project"
QT_QPA_PLATFORM=offscreen python -m annotator demo "$project" --no-gui >/dev/null
export layout out project
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
shot() { sleep 0.8; python -c "import sys; from PySide6.QtGui import QGuiApplication; app = QGuiApplication(sys.argv[:1]); app.primaryScreen().grabWindow(0).save(sys.argv[1])" "$out/$layout-$1.png"; }
openbox >/dev/null 2>&1 &
sleep 1
setxkbmap "$layout"
XDG_CONFIG_HOME=$(mktemp -d) python -m annotator gui "$project" --annotator demo >/dev/null 2>&1 &
app=$!
win=$(xdotool search --sync --name annotator | head -1)
sleep 4
xdotool windowactivate --sync "$win"
xdotool key --delay 150 alt+e l; sleep 1.5; shot 1-labels
xdotool key alt+o; sleep 0.5
xdotool key alt+g; sleep 0.5          # a mnemonic clicks after 100 ms: wait before typing
if [ "$layout" = fr ]; then name=évidence; else name=evidence; fi  # xdotool types é only where the layout has it
xdotool type --delay 80 "$name"; xdotool key Return; sleep 0.3
xdotool key Tab Tab Tab F2 ctrl+a; xdotool type --delay 80 "1..4"; xdotool key Return
xdotool key Tab F2 p Return; shot 2-groups
xdotool key alt+n; sleep 0.5
xdotool key alt+s; sleep 0.5
xdotool type --delay 80 "citation"; xdotool key Return; shot 3-spans
xdotool key Return; sleep 2; shot 4-after
if [ "$layout" = fr ]; then three=quotedbl four=apostrophe; else three=3 four=4; fi
xdotool key --delay 200 p $three shift+Right shift+Right $four; sleep 1; shot 5-view
kill $app; wait $app 2>/dev/null || true
kill %1 2>/dev/null || true
'
python - "$project" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for sql in ("SELECT name, kind, options, key FROM label_groups WHERE id != 1", "SELECT name, key, color FROM span_labels",
            "SELECT g.name, v.sentence_id, v.value FROM group_values v JOIN label_groups g ON g.id = v.group_id",
            "SELECT sentence_id, start, end, label FROM spans"):
    print(sql.split(" FROM ")[1].split()[0], db.execute(sql).fetchall())
PY
