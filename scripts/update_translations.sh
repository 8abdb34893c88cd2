#!/usr/bin/env bash
# Refreshes the translations after the app's words changed: pyside6-lupdate (from PySide6, in
# pyside6-essentials) extracts every tr()/translate() of annotator/ui and every
# QT_TRANSLATE_NOOP of the Qt-free modules into resources/translations/annotator_LANG.ts (new
# words come in "unfinished", gone ones are dropped), then pyside6-lrelease compiles each .ts to
# the .qm the app loads. annotator_en.ts holds only the plural forms ("%n document(s)" ->
# "1 document", "2 documents"). Translate the unfinished entries (Qt Linguist: pyside6-linguist,
# or any editor), run this again, and commit the .ts and .qm files;
# tests/ui/test_translations.py fails while a shipped language has an unfinished word.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=$(find annotator/ui -name '*.py' | sort; grep -rl --include='*.py' 'QT_TRANSLATE_NOOP(' annotator | grep -v '^annotator/ui/' | grep -v translatable.py | sort)
for ts in resources/translations/annotator_*.ts; do
    plural=()
    [[ $ts == *_en.ts ]] && plural=(-pluralonly)
    pyside6-lupdate -silent -no-obsolete -locations none "${plural[@]}" $sources -ts "$ts"
    pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
ls -l resources/translations
