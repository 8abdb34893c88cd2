"""The Qt-free core, one folder per job. Layers, top to bottom; a module imports only from its
own layer or those below it (tests/test_layering.py checks every import):

    session/   the app's API on an open project (Session), by domain: reading, labeling,
               suggestions, corrections, alignment, jobs
    dataset/   export (rows, pairs, splits), round trip, merge, agreement, adjudication, stats
    team/      the team plan, its work packages, progress, the merge's check of returns
    suggest.py label suggestions: a classifier per label trained on the project's labels
    align/     sentence alignment (engines, the group aligner) and the side-by-side layout
    store/     the only SQLite code: project.py is the front door, one manager per domain,
               the schema's migrations
    text/      the text pipeline: decode, ingest, language, segment, boilerplate, titles,
               analyze, and reading files into documents (importer)
    model.py   the plain data types every layer shares

dataset, team and suggest are one layer (they may use each other); above the core,
annotator/present words its reports for people (agreement, stats, team progress, a merge's
check), and the Qt app (annotator/ui) and the command line (annotator/cli.py) sit on top;
annotator/errors.py and paths.py below."""
