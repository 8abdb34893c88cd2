"""Starting the desktop app."""

from __future__ import annotations

import os
import sys

from annotator.errors import AnnotatorError
from annotator.user import default_annotator


def display_available() -> bool:
    """Qt aborts the process when it cannot reach a display: check first and say so."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# The Debian/Ubuntu packages of the libraries Qt's xcb platform plugin needs beyond the X
# client libraries every desktop has (Qt 6.5+ loads libxcb-cursor at run time, so ldd misses it).
XCB_PACKAGES = {"libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
                "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
                "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
                "libxcb-xkb.so.1": "libxcb-xkb1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
                "libxkbcommon.so.0": "libxkbcommon0", "libxcb-randr.so.0": "libxcb-randr0"}


def missing_xcb_libraries() -> list[str]:
    """The libraries that Qt's xcb plugin would fail to load on this Linux machine (it aborts
    the process with a multi-line message when one is missing), found before Qt starts."""
    import ctypes.util
    import importlib.util
    import subprocess

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] != "xcb":
        return []
    missing = [] if ctypes.util.find_library("xcb-cursor") else ["libxcb-cursor.so.0"]
    spec = importlib.util.find_spec("PySide6")
    plugin = None
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            candidate = os.path.join(folder, "Qt", "plugins", "platforms", "libqxcb.so")
            if os.path.exists(candidate):
                plugin = candidate
    if plugin is not None:
        try:
            listing = subprocess.run(["ldd", plugin], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        missing += [line.split()[0] for line in listing.splitlines() if "not found" in line]
    return sorted(set(missing))


def _peak_memory_mb() -> float:
    """This process's peak resident memory (Linux; NaN elsewhere), for the start-up benchmarks."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return float("nan")


def run(project: str | None, annotator: str | None = None, screenshot: str | None = None,
        quit_after_load: bool = False, sentence: int | None = None, settings_file: str | None = None) -> int:
    """Open the main window; `settings_file` keeps the remembered state in an INI file instead of
    the user's settings (tests, portable use)."""
    if not display_available():
        raise AnnotatorError(None, "no display to open the window on: set DISPLAY, or QT_QPA_PLATFORM=offscreen "
                                   "for a screenshot, or use the command-line tools")
    missing = missing_xcb_libraries()
    if missing:
        packages = " ".join(sorted({XCB_PACKAGES.get(name, name) for name in missing}))
        raise AnnotatorError(None, f"the desktop app cannot open a window: Qt's xcb plugin needs {', '.join(missing)}; "
                                   f"on Debian or Ubuntu: sudo apt-get install {packages}")
    try:
        from PySide6.QtCore import QCoreApplication, QSettings, QTimer
        from PySide6.QtWidgets import QApplication, QInputDialog
    except ImportError as error:
        raise AnnotatorError(None, f"the desktop app needs the Qt binding PySide6 ({error}): "
                                   "pip install 'pyside6>=6.8,<6.12'; the command-line tools work without it") from None

    from annotator.ui.main_window import MainWindow

    from PySide6.QtGui import QIcon

    from annotator.paths import resource

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setWindowIcon(QIcon(str(resource("annotator.png"))))
    settings = (QSettings(settings_file, QSettings.Format.IniFormat) if settings_file
                else QSettings("annotator", "annotator"))
    from annotator.ui import i18n

    language = i18n.chosen(settings)
    if not i18n.install(language):  # before any widget is made: each translates its words once
        print(f"warning: the {language} translation was not found in {i18n.translations_dir()}: English words",
              file=sys.stderr)
    name = annotator or os.environ.get("ANNOTATOR_NAME") or settings.value("annotator")
    if not name and not quit_after_load:
        name, ok = QInputDialog.getText(None, "annotator",
                                        QCoreApplication.translate("App", "Your name (recorded with every label):"),
                                        text=default_annotator())
        if not ok or not name.strip():
            return 1
    name = (name or "annotator").strip()
    settings.setValue("annotator", name)
    window = MainWindow(name, settings)
    from annotator.ui import crash

    crash.install(lambda: window)
    project = project or settings.value("last_project")
    if project and not window.open_project(project):
        return 2
    if sentence is not None and not window.go_to_sentence(sentence):
        print(f"warning: the project has no sentence {sentence} (or it is hidden boilerplate)", file=sys.stderr)
    if screenshot or quit_after_load:
        window.resize(1400, 850)  # a reproducible picture, whatever size was remembered
    if os.environ.get("ANNOTATOR_REPORT_PAINT"):
        # for the start-up benchmark: say when the table first reached the screen
        def report() -> None:
            print("painted", flush=True)
            window.view.painted.disconnect(report)
        window.view.painted.connect(report)
    window.show()
    if screenshot or quit_after_load:
        def finish() -> None:
            window.view.fit_visible_rows()
            app.processEvents()
            if screenshot:
                window.grab().save(screenshot)
            if os.environ.get("ANNOTATOR_REPORT_PAINT"):
                print(f"peak {_peak_memory_mb():.0f} MB", flush=True)
            window.close()
            app.quit()
        QTimer.singleShot(300, finish)
    code = app.exec()
    if window.jobs_left:
        # a background job did not stop when the window closed (MainWindow.closeEvent): Qt would
        # wait for its thread at exit, and the project is transactional, so the process ends here
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
