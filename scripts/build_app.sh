#!/usr/bin/env bash
# Builds the desktop app with PyInstaller (one folder, windowed): dist/annotator/annotator.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "pyinstaller>=6.5"
python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build_app.spec
du -sh dist/annotator | awk '{print "dist/annotator: " $1}'
