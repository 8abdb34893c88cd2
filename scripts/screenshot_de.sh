#!/usr/bin/env bash
# Regenerates docs/screenshot-de.png: the demo project with the German UI, the window filling a
# 1366x768 screen, under a real X server (xvfb-run, Debian's xvfb), grabbed from the screen
# itself (what a user sees, first-run hint included).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
QT_QPA_PLATFORM=offscreen python -m annotator demo "$work/demo.sqlite" --no-gui >/dev/null
# a few labels, so the chips show
python -m annotator label "$work/demo.sqlite" 28 claim --annotator demo >/dev/null
python -m annotator label "$work/demo.sqlite" 28 attribution --annotator demo >/dev/null
cat > "$work/shot.py" <<'PY'
import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from annotator.ui import i18n
from annotator.ui.main_window import MainWindow

project, settings_file, out = sys.argv[1:4]
app = QApplication(sys.argv[:1])
assert i18n.install("de")
window = MainWindow("demo", QSettings(settings_file, QSettings.Format.IniFormat))
window.setGeometry(app.primaryScreen().geometry())  # the whole 1366x768 screen (no window manager)
window.show()
assert window.open_project(project) and window.go_to_sentence(28)


def shoot() -> None:
    window.view.fit_visible_rows()
    app.processEvents()
    app.primaryScreen().grabWindow(0).save(out)
    app.quit()


QTimer.singleShot(1500, shoot)
app.exec()
PY
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" \
    python "$work/shot.py" "$work/demo.sqlite" "$work/settings.ini" docs/screenshot-de.png 2>/dev/null
echo "docs/screenshot-de.png written"
