"""Entry point of the frozen app (PyInstaller): the same command line as `annotator`."""

from annotator.cli import main

main()
