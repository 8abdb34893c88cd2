"""The app's translations (resources/translations): every word the UI shows is translated in
each shipped language, the compiled .qm files say what their .ts sources say, the translations
keep the placeholders, plural forms and menu accelerators right, and the app starts in German
with German menus, dialogs and plurals."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator  # noqa: E402
from PySide6.QtWidgets import QMenu  # noqa: E402

from annotator.ui import i18n  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ["de", "fr"]  # translated in full; "en" holds the English plural forms only
FIELD = re.compile(r"\{[^{}]*\}")


def sources() -> list[Path]:
    """The files whose words the app shows: the Qt layer, and the Qt-free modules that mark
    theirs with QT_TRANSLATE_NOOP (annotator/translatable.py)."""
    ui = sorted((ROOT / "annotator" / "ui").rglob("*.py"))
    marked = sorted(p for p in (ROOT / "annotator").rglob("*.py")
                    if "ui" not in p.relative_to(ROOT / "annotator").parts[:1] and p.name != "translatable.py"
                    and "QT_TRANSLATE_NOOP(" in p.read_text(encoding="utf-8"))
    return ui + marked


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(context.findtext("name"), message.findtext("source")): message
            for context in root.iter("context") for message in context.iter("message")}


def finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = [form.text for form in translation.findall("numerusform")]
    if message.get("numerus") == "yes":
        return len(forms) == 2 and all(forms)  # German, French and English have two forms
    return bool(translation.text)


def literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


# the calls whose text is not a literal, on purpose: the words were marked where they are written
DYNAMIC = {("keymap", "row.shown"), ("keymap", "row.help"), ("actions", "action.wording")}


def words_in_code() -> tuple[set[tuple[str, str]], list[str]]:
    """(context, text) of every self.tr / translate / QT_TRANSLATE_NOOP call with literal words,
    found by Python's own parser (also inside f-strings, where pyside6-lupdate does not look),
    and the calls whose words are not a literal (an f-string is translated after it is filled
    in, so it never matches)."""
    found, problems = set(), []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = {}  # node -> the class it is written in (lupdate's context for self.tr)
        for node in ast.walk(tree):  # outer classes come first: an inner class's name wins
            if isinstance(node, ast.ClassDef):
                for inner in ast.walk(node):
                    if inner is not node:
                        classes[id(inner)] = node.name
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name == "tr" and isinstance(function, ast.Attribute) and node.args:
                context, text = classes.get(id(node)), literal(node.args[0])
                if context is None or text is None:
                    problems.append(f"{where}: tr() of {ast.unparse(node.args[0])}")
                else:
                    found.add((context, text))
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
                context, text = literal(node.args[0]), literal(node.args[1])
                if name == "translate" and context is None and path.name == "base.py":
                    continue  # Controller.tr itself
                if context is None or text is None:
                    if (context, ast.unparse(node.args[1])) not in DYNAMIC:
                        problems.append(f"{where}: {name}() of {ast.unparse(node.args[1])}")
                else:
                    found.add((context, text))
    return found, problems


def test_every_word_in_the_code_is_translated_in_each_shipped_language():
    found, problems = words_in_code()
    assert not problems, "words that no translation can match:\n" + "\n".join(problems)
    assert len(found) > 250  # (the parser found the app's words)
    for language in LANGUAGES:
        shipped = messages(FOLDER / f"annotator_{language}.ts")
        missing = sorted(key for key in found if key not in shipped)
        assert not missing, f"{language}: not in annotator_{language}.ts (run scripts/update_translations.sh): {missing}"
        unfinished = sorted(key for key in found if not finished(shipped[key]))
        assert not unfinished, f"{language}: unfinished translations: {unfinished}"
        stale = sorted(key for key in shipped if key not in found)
        assert not stale, f"{language}: words the code no longer has: {stale}"


def _lupdate() -> str | None:
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lupdate"  # pyside6-essentials ships it
    return str(bundled) if bundled.is_file() else shutil.which("pyside6-lupdate")


def test_lupdate_finds_nothing_the_shipped_translations_lack(tmp_path):
    """Qt's own extractor, run on the sources now, agrees with the shipped files: a new word
    (or one changed) shows up as missing here until the .ts files are updated and translated."""
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("no lupdate in this PySide6 (the parser test above still checks every word)")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, "-silent", "-locations", "none", *map(str, sources()), "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    extracted = messages(fresh)
    assert len(extracted) > 250
    for language in LANGUAGES:
        shipped = messages(FOLDER / f"annotator_{language}.ts")
        assert sorted(set(extracted) - set(shipped)) == [], language
        assert all(finished(shipped[key]) for key in extracted), language
        numerus = {key for key, m in extracted.items() if m.get("numerus") == "yes"}
        assert numerus == {key for key, m in shipped.items() if m.get("numerus") == "yes"}, language
    english = messages(FOLDER / "annotator_en.ts")  # the English plural forms, every one of them
    assert set(english) == {key for key, m in extracted.items() if m.get("numerus") == "yes"}
    assert all(finished(m) for m in english.values())


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    return [f.text for f in translation.findall("numerusform")] or [translation.text]


def _accelerators(text: str) -> list[str]:
    return re.findall(r"(?<!&)&([^&\s])", text.replace("&&", ""))


@pytest.mark.parametrize("language", LANGUAGES + ["en"])
def test_translations_keep_placeholders_plurals_and_accelerators(language):
    for (context, source), message in messages(FOLDER / f"annotator_{language}.ts").items():
        forms = _forms(message)
        for form in forms:
            assert sorted(FIELD.findall(form)) == sorted(FIELD.findall(source)), (context, source, form)
            assert len(_accelerators(form)) == len(_accelerators(source)), (context, source, form)
        if message.get("numerus") == "yes":
            assert "%n" in forms[-1], (context, source)  # the general plural says the number


@pytest.mark.parametrize("language", LANGUAGES + ["en"])
def test_the_compiled_translation_says_what_its_source_says(qapp, language):
    """The .qm the app loads was compiled from the .ts as it is now (checked by loading it, so
    no lrelease is needed to run this)."""
    translator = QTranslator()
    assert translator.load(str(FOLDER / f"annotator_{language}.qm"))
    for (context, source), message in messages(FOLDER / f"annotator_{language}.ts").items():
        forms = _forms(message)
        if message.get("numerus") == "yes":
            assert translator.translate(context, source, None, 1) == forms[0], (context, source)
            assert translator.translate(context, source, None, 5) == forms[1], (context, source)
        elif forms[0] != source:
            assert translator.translate(context, source) == forms[0], (context, source)


def test_the_language_comes_from_the_environment_then_the_setting(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert set(i18n.shipped()) >= {"en", "de", "fr"}
    settings.setValue(i18n.LANGUAGE_SETTING, "fr")
    monkeypatch.setenv(i18n.ENVIRONMENT, "de_AT.UTF-8")
    assert i18n.chosen(settings) == "de"
    monkeypatch.delenv(i18n.ENVIRONMENT)
    assert i18n.chosen(settings) == "fr"
    monkeypatch.setenv(i18n.ENVIRONMENT, "xx")  # not shipped: the next source decides
    assert i18n.chosen(settings) == "fr"


def _menus(window) -> list[QMenu]:
    found, todo = [], [a.menu() for a in window.menuBar().actions() if a.menu()]
    while todo:
        menu = todo.pop()
        menu.aboutToShow.emit()  # (menus filled when shown: recent projects, columns)
        found.append(menu)
        todo += [a.menu() for a in menu.actions() if a.menu()]
    return found


def _new_window(qtbot, settings_path, project):
    from annotator.ui.main_window import MainWindow

    window = MainWindow("tester", QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_project(project)
    return window


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_menu_accelerators_are_unique_within_each_menu(qtbot, aligned_project, tmp_path, language):
    assert i18n.install(language)
    window = _new_window(qtbot, tmp_path / "settings.ini", aligned_project)
    bar = [_accelerators(a.text()) for a in window.menuBar().actions()]
    assert all(len(keys) == 1 for keys in bar) and len({k[0].lower() for k in bar}) == len(bar), bar
    for menu in _menus(window):
        keys = [key.lower() for action in menu.actions() for key in _accelerators(action.text())]
        assert len(keys) == len(set(keys)), (language, menu.title(), [a.text() for a in menu.actions()])
    window.close()


def test_the_app_in_german(qtbot, aligned_project, tmp_path, monkeypatch):
    """$ANNOTATOR_LANG=de as `annotator gui` reads it: the menus, the F1 list, the label bar,
    Qt's own buttons and the plural forms are German."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    monkeypatch.setenv(i18n.ENVIRONMENT, "de")
    assert i18n.install(i18n.chosen(None)) and i18n.current() == "de"
    window = _new_window(qtbot, tmp_path / "settings.ini", aligned_project)
    window.activateWindow()
    qtbot.waitActive(window)
    assert [a.text() for a in window.menuBar().actions()] == [
        "&Datei", "&Bearbeiten", "&Ansicht", "&Prüfung", "&Vorschläge", "A&usrichtung", "&Hilfe"]
    edit = window.menuBar().actions()[1].menu()
    assert "Satz &teilen… (S)" in [a.text() for a in edit.actions()]
    assert [b.text() for b in window.label_bar.buttons][-1] == "0 kein Label"
    assert window.label_bar.hint.text().startswith("↓ ↑ oder j k: bewegen · 1 … 9: Label an/aus")
    # plural forms: the navigator's group of four documents, and one imported document
    group = window.navigator.model().index(0, 0)
    assert window.navigator.model().data(group).endswith("(4 Dokumente)")
    dropped = tmp_path / "eins.txt"
    dropped.write_text("Die Fotos stammten aus einem Videospiel, berichtete die Zeitung.", encoding="utf-8")
    window.import_export.import_paths([str(dropped)])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "1 Dokument importiert", timeout=30000)
    assert window.navigator.model().data(window.navigator.model().index(0, 0)).endswith("(5 Dokumente)")
    # F1: the key map in German, Qt's Close button too
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    dialog = window.keys_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Tasten"
    lines = dialog.text.toPlainText().splitlines()
    assert lines[0].startswith("↓ ↑ oder j k") and lines[0].endswith("nächster / vorheriger Satz in der Spalte")
    assert any(line.startswith("Strg+U") and "Verknüpfung des Satzes lösen" in line for line in lines)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "Schließen"
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    # an undo entry names the core's action in German
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    assert window.undo_stack.undoText() == "als Boilerplate markieren"
    assert window.statusBar().currentMessage().startswith("Als Boilerplate markiert: Strg+R richtet die Gruppe neu aus")
    window.close()


def test_choosing_a_language_in_the_view_menu_is_remembered_for_the_next_start(qtbot, window):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    languages = next(a.menu() for a in view.actions() if a.text() == "&Language")
    entries = {a.text(): a for a in languages.actions()}
    assert list(entries) == ["&System language", "English", "Deutsch", "Français"]
    assert entries["&System language"].isChecked()
    entries["Français"].trigger()
    assert window.settings.value(i18n.LANGUAGE_SETTING) == "fr"
    assert window.statusBar().currentMessage() == "The language changes when the app starts again."
    assert i18n.chosen(window.settings) == "fr"
    assert QCoreApplication.translate("Menus", "&File") == "&File"  # this run keeps its language


@pytest.mark.parametrize("environment, expected", [
    ({"LANG": "de_DE.UTF-8"}, "de"), ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANG": "es_ES.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en")])
def test_without_a_choice_the_system_locale_decides(environment, expected):
    """QLocale.system() is read once per process from the environment: each case runs in its own."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES",
                                                             i18n.ENVIRONMENT)}
    env.update(environment, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    code = ("from PySide6.QtCore import QCoreApplication\napp = QCoreApplication([])\n"
            "from annotator.ui import i18n\nprint(i18n.chosen(None))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert shown.stdout.strip() == expected, shown.stderr


def test_annotator_gui_starts_in_the_language_asked_for(qapp, aligned_project, tmp_path, monkeypatch, capsys):
    """`annotator gui` (app.run) installs the language before building the window; the setting
    is read when $ANNOTATOR_LANG says nothing."""
    import sys

    from annotator.ui.app import run

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # (run installs the crash dialog's: undone after)
    settings = tmp_path / "settings.ini"
    QSettings(str(settings), QSettings.Format.IniFormat).setValue(i18n.LANGUAGE_SETTING, "de")
    monkeypatch.setenv(i18n.ENVIRONMENT, "fr")
    assert run(str(aligned_project), "tester", quit_after_load=True, settings_file=str(settings)) == 0
    assert i18n.current() == "fr" and QCoreApplication.translate("Menus", "&File") == "&Fichier"
    monkeypatch.delenv(i18n.ENVIRONMENT)
    assert run(str(aligned_project), "tester", quit_after_load=True, settings_file=str(settings)) == 0
    assert i18n.current() == "de" and "translation" not in capsys.readouterr().err
