"""Work packages for a team that works offline and exchanges files: the plan (plan.py), one
package file per annotator (packages.py), the progress read off the returned files without
merging them (progress.py) and its text (report.py), and the merge's check of the returns
against the plan (returns.py)."""
