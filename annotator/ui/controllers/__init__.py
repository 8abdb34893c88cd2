"""The main window's work, one controller per domain; the window (ui/main_window.py) builds
the widgets, opens projects and groups, and runs actions; the menus (ui/menus.py) and the
view's keys call these:

- labeling.py: label keys, "no label applies", notes, the label menu, the scheme, suggested labels
  of the aligned sentences, marking a document done
- corrections.py: corrections of the import (boilerplate, splitting and merging sentences, language),
  a group's name
- alignment.py: alignment editing (mark and link, unlink, confirm rows, reject links, merge and split
  rows, candidates, re-align the group)
- review.py: disagreements, accepting a judge's choice into gold, the agreement report
- suggestions.py: the model (training in the background, its suggestions, uncertain and likely sentences)
- import_export.py: importing files (then aligning, policy in core/session/importing.py), exporting
- team.py: merging annotators' projects, the team's progress
- finding.py: the find box and the Show filter
- columns.py: hiding and showing the documents' columns (remembered per group)

Each reads the view's cursor and the session, and changes the project only through actions
(core/session/actions.py) pushed by the window."""
