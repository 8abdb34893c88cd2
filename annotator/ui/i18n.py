"""The app's language: Qt translators for the chosen language, chosen from (first that says)
$ANNOTATOR_LANG, the Language setting (View > Language, taking effect at the next start), and
the system locale's UI languages; English (the source strings) when nothing matches.

The translations are resources/translations/annotator_LANG.ts (sources, edited with Qt
Linguist or by hand) compiled to annotator_LANG.qm beside them (pyside6-lrelease); the
resources folder travels in the wheel and the frozen app (annotator/paths.py finds it). Qt's own
strings (the standard buttons: OK, Cancel, Close; the file dialogs) come from Qt's qtbase_LANG.qm
when the Qt installation has it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGE_SETTING = "language"  # "" or missing: the system's
ENVIRONMENT = "ANNOTATOR_LANG"
# each shipped language by its own name (a menu lists them so, whatever the UI language)
NAMES = {"en": "English", "de": "Deutsch", "fr": "Français"}


def translations_dir() -> Path:
    from annotator.paths import resource

    return resource("translations")


def shipped() -> list[str]:
    """The languages the app can show: English and every compiled translation."""
    folder = translations_dir()
    found = sorted(p.stem.removeprefix("annotator_") for p in folder.glob("annotator_*.qm")) if folder.is_dir() else []
    return ["en"] + [code for code in found if code != "en"]


def _match(wanted: str) -> str | None:
    """A shipped language for a locale name ("de_AT", "fr-CA", "de"), else None."""
    code = wanted.replace("-", "_").split("_")[0].lower()
    return code if code in shipped() else None


def chosen(settings: QSettings | None = None) -> str:
    """The language to start in: $ANNOTATOR_LANG, the setting, the system's UI languages, English."""
    for wanted in (os.environ.get(ENVIRONMENT), settings.value(LANGUAGE_SETTING) if settings is not None else None):
        if wanted and _match(str(wanted)):
            return _match(str(wanted))
    for wanted in QLocale.system().uiLanguages():
        if _match(wanted):
            return _match(wanted)
    return "en"


_installed: list[QTranslator] = []  # kept alive (a translator is only referenced by Qt)


def install(language: str) -> bool:
    """Translate the app into `language` from now on (widgets built after this call); an unknown
    language leaves the source words (English, plurals as "(s)"). English loads annotator_en.qm:
    only its plural forms. True when the app's own translation loaded."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in shipped() or not (translations_dir() / f"annotator_{language}.qm").is_file():
        return False
    ours = QTranslator()
    if not ours.load(str(translations_dir() / f"annotator_{language}.qm")):
        return False
    qt = QTranslator()  # Qt's own strings; optional (a Qt build may come without them)
    import PySide6

    if any(qt.load(f"qtbase_{language}", folder) for folder in (
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(Path(PySide6.__file__).parent / "Qt" / "translations"))):  # (the frozen app's copy)
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    return True


def add_language_menu(menu, settings: QSettings, say) -> None:
    """View > Language: the system's language or one of the shipped ones, remembered in the
    settings; the menus are built once, so the choice takes effect at the next start (`say`
    tells the user so)."""
    from PySide6.QtGui import QActionGroup

    group = QActionGroup(menu)
    saved = str(settings.value(LANGUAGE_SETTING) or "")
    for code in ["", *shipped()]:
        text = QCoreApplication.translate("Language", "&System language") if not code else NAMES.get(code, code)
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(code == saved)
        action.setData(code)
        group.addAction(action)

    def choose(action) -> None:
        settings.setValue(LANGUAGE_SETTING, action.data())
        say(QCoreApplication.translate("Language", "The language changes when the app starts again."))

    group.triggered.connect(choose)


def current() -> str:
    """The language of the installed translation ("en" when none)."""
    for translator in _installed:
        name = Path(translator.filePath()).stem
        if name.startswith("annotator_"):
            return name.removeprefix("annotator_")
    return "en"
