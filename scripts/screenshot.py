"""One screenshot of the main window as a user sees it: maximized on the display it runs on
(scripts/screenshot.sh starts Xvfb at 1366x768 with a window manager), the whole screen grabbed
(title bar included); offscreen, the window alone at 1366x768.

    python scripts/screenshot.py PROJECT OUT.png [--sentence ID] [--annotator NAME]

The palette is the platform's: screenshot.sh asks for a dark one through the GTK theme
(QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark), as a desktop in dark mode does."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from annotator.ui.main_window import MainWindow

SETTLE_MS = 1500  # the window manager maps and maximizes the window, the navigator counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("out")
    parser.add_argument("--sentence", type=int)
    parser.add_argument("--annotator", default="demo")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"  # a first launch: nothing remembered
    window = MainWindow(args.annotator, QSettings(str(settings_file), QSettings.Format.IniFormat))
    if not window.open_project(args.project):
        return 2
    if args.sentence is not None:
        window.go_to_sentence(args.sentence)
    offscreen = QGuiApplication.platformName() == "offscreen"
    if offscreen:
        window.resize(1366, 768)
        window.show()
    else:
        window.showMaximized()

    def shoot() -> None:
        window.view.fit_visible_rows()
        window.view.reveal_cursor()
        app.processEvents()
        picture = window.grab() if offscreen else window.screen().grabWindow(0)
        picture.save(args.out)
        window.close()
        app.quit()

    QTimer.singleShot(SETTLE_MS, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
