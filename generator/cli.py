"""The ``hepgen`` command line: parses options, calls the library, reports errors.

Nothing here computes a plan or draws a page. Problems with input become one line
``hepgen: error: FILE:LINE:COL: ...`` and exit status 1; misuse of the command line is
click's exit status 2.
"""

from __future__ import annotations

import errno
import io
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import ErrorList, HepgenError, Location, did_you_mean
from .formats import FORMATS
from .models import DEFAULT_PROGRAM, LEVELS
from .options import PAPERS


def _fail(error: HepgenError) -> None:
    for item in error.errors:
        click.echo(f"hepgen: error: {item}", err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turns every :class:`HepgenError` into one line per problem and exit 1, and every
    misuse of the command line into one line and exit 2."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:  # `hepgen --nope`
            _misuse(exc)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except HepgenError as error:
            _fail(error)
        except click.UsageError as exc:
            _misuse(exc, " ".join(filter(None, ("hepgen", ctx.invoked_subcommand))))
        except BrokenPipeError:  # `hepgen preview | head`
            _quiet_stdout()
            sys.stderr.close()
            sys.exit(0)
        except OverflowError as exc:  # a date past year 9999 or before year 1
            if "date" not in str(exc):
                raise
            from .batch import OUT_OF_CALENDAR

            _fail(HepgenError(OUT_OF_CALENDAR))
        except OSError as exc:  # standard output full (`> /dev/full`) or broken
            if not _stdout_broken(exc):
                raise
            _quiet_stdout()
            _fail(HepgenError(f"cannot write to standard output: {exc.strerror or exc}"))


def usage_line(exc: click.UsageError, command: str = "hepgen") -> str:
    """A misused command line as one line a person can act on, with where to read more.

    >>> usage_line(click.UsageError("No such option '--nope'. (Did you mean '--notes'?)"))
    "hepgen: error: no such option '--nope' (did you mean '--notes'?) (see 'hepgen --help')"
    """
    param = exc.param if isinstance(exc, click.BadParameter) else None
    where = ""
    if isinstance(exc, click.MissingParameter):
        name = (param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
                ) if param else "a value"
        message = f"{name} is needed"
    else:
        message = exc.format_message()
        if isinstance(exc, click.BadParameter):  # said at its option; an argument says itself
            hint = exc.param_hint or (param.opts[0] if isinstance(param, click.Option) else None)
            where = f"{str(hint).strip(chr(39) + chr(34))}: " if isinstance(hint, str) else ""
            message = exc.message
        message = (message.replace(". (", " (").replace("(Did you", "(did you").rstrip(".")
                   .removeprefix("Got "))
        message = message[:1].lower() + message[1:]
    if exc.ctx:  # named "hepgen" however it was started (python -m generator, a test)
        command = " ".join(["hepgen", *exc.ctx.command_path.split()[1:]])
    return f"hepgen: error: {where}{message} (see '{command} --help')"


def _misuse(exc: click.UsageError, command: str = "hepgen") -> None:
    if type(exc).__name__ == "NoArgsIsHelpError":  # `hepgen` alone: click shows the help
        raise exc
    click.echo(usage_line(exc, command), err=True)
    sys.exit(2)


class Whole(click.ParamType):
    """A whole number from *lowest* to *highest*, said as a person would when it is not."""

    name = "whole number"

    def __init__(self, lowest: int, highest: int):
        self.lowest, self.highest = lowest, highest

    def get_metavar(self, param, ctx=None) -> str:
        return "N"

    def convert(self, value, param, ctx):
        from .request import parse_whole

        try:
            number = parse_whole(value)
        except HepgenError:
            number = None
        if number is None or not self.lowest <= number <= self.highest:
            self.fail(f"give a whole number from {self.lowest} to {self.highest} "
                      f"(you gave '{value}')", param, ctx)
        return number


class OneOf(click.ParamType):
    """One of *options*, in any case, refused in the words the plan settings use."""

    name = "choice"

    def __init__(self, options, what: str):
        self.options, self.what = tuple(options), what

    def get_metavar(self, param, ctx=None) -> str:
        return "|".join(self.options)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(o) for o in self.options if o.startswith(incomplete.lower())]

    def convert(self, value, param, ctx):
        from .request import parse_choice

        try:
            return parse_choice(value, self.what, self.options)
        except HepgenError as exc:
            self.fail(exc.message, param, ctx)


def _stdout_broken(exc: OSError) -> bool:
    """Whether *exc* came from printing (click.echo) or standard output fails to flush."""
    import traceback

    last = traceback.extract_tb(exc.__traceback__)[-1]
    if isinstance(sys.stdout, _ClosedStdout) or \
            last.name == "echo" and Path(last.filename).parent.name == "click":
        return True
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        return True
    return False


def _quiet_stdout() -> None:
    """Point standard output at nothing, so leftovers are not written again at exit."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _library(ctx_library: tuple[str, ...]):
    from .library import load_library

    return load_library(tuple(ctx_library))


library_option = click.option(
    "--library", "libraries", multiple=True, metavar="DIR",
    help="Extra library folder with exercises/, programs/, education/ (repeatable).",
)


lang_option = click.option(
    "--lang", default="en", show_default=True, metavar="en|es",
    help="Language of the plan (see 'hepgen list --languages').")


def plan_options(command):
    """The options that shape a plan, shared by generate and preview."""
    options = [
        click.argument("program", required=False, default=DEFAULT_PROGRAM),
        click.option("--plan-file", metavar="FILE",
                     help="A YAML file with these settings and per-exercise choices; "
                          "options given here win."),
        click.option("--weeks", metavar="N",
                     help="Length of the plan in weeks (each program has its range: 4 to 12 "
                          "for the default)."),
        click.option("--sessions", metavar="N",
                     help="Most sessions a week (default: the program's, e.g. 2 growing to 3)."),
        click.option("--start", metavar="YYYY-MM-DD",
                     help="First day of week 1 (default: the coming Monday)."),
        click.option("--level", default="beginner", show_default=True, metavar="|".join(LEVELS),
                     help="Chooses the starting exercises (any case)."),
        click.option("--days", metavar="mon,wed,fri",
                     help="Days for the sessions (default: spread out, e.g. Mon/Thu)."),
        click.option("--exclude", multiple=True, metavar="EXERCISE",
                     help="Leave an exercise out (repeatable)."),
        click.option("--patient", default="", help="The patient's name, printed on the plan."),
        click.option("--clinician", default="", help="The clinician's name."),
        click.option("--clinic", default="", help="The clinic's name."),
        click.option("--contact", default="",
                     help="How to reach the clinic, printed on the cover and the safety page: "
                          "'Riverside Physio 01234 567890'."),
        click.option("--notes", default="", help="A note printed on the plan."),
        lang_option,
        click.option("--from-week", metavar="N",
                     help="Re-issue after a review: print weeks N onwards."),
        click.option("--progress", "progress_", multiple=True, metavar="EXERCISE",
                     help="With --from-week: this exercise moves up as planned (repeatable)."),
        click.option("--hold", multiple=True, metavar="EXERCISE",
                     help="With --from-week: repeat last week's dose for a week (repeatable)."),
        click.option("--regress", multiple=True, metavar="EXERCISE",
                     help="With --from-week: one step below last week's dose (repeatable)."),
        library_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _settings(params: dict):
    """Settings from the plan file (if any), with what was typed on the command line on top;
    each value remembers its option, so a problem names it."""
    from click.core import ParameterSource

    from .request import At, ByKey, merge_decisions
    from .settings import PARSERS, Settings, from_plan_file, parse

    ctx = click.get_current_context()
    libraries = tuple(params["libraries"])
    library = _library(libraries)
    base = (from_plan_file(params["plan_file"], library, lambda extra: _library(libraries + extra))
            if params.get("plan_file") else Settings())
    if base.libraries:
        library = _library(libraries + base.libraries)
    typed = {name for name in params
             if ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE,
                                                   ParameterSource.ENVIRONMENT)}
    overrides = {name: params[name] for name in PARSERS if name in typed}
    if "exclude" in overrides:
        overrides["exclude"] = tuple(overrides["exclude"])
    places = {name: At(None if name == "program" else Location("--" + name.replace("_", "-")))
              for name in overrides}
    given = [(name, decision, f"--{decision}") for option, decision in
             (("progress_", "progress"), ("hold", "hold"), ("regress", "regress"))
             for name in params.get(option, ())]
    typed_decisions, options = merge_decisions(given)
    decisions = {**base.decisions, **typed_decisions}
    asked = {name: Location(option) for name, option in options.items()}
    settings, unread = parse(overrides, places, base, library)
    for error in unread:  # a value that cannot be read is command-line misuse: exit 2
        click.echo(f"hepgen: error: {error}", err=True)
    if unread:
        sys.exit(2)
    if asked and not settings.from_week > 1:
        raise click.UsageError("--progress, --hold and --regress need --from-week")
    if asked:
        old = base.places.get("decisions")
        settings = settings.merged(places={"decisions": ByKey(
            {**{n: old.at(n) for n in base.decisions if old}, **asked})}, decisions=decisions)
    return settings, library


def _warn(warning: HepgenError) -> None:
    click.echo(f"hepgen: warning: {warning}", err=True)


def _build(params: dict):
    from .request import Places, start_warning

    settings, library = _settings(params)
    plan = settings.build(library, _warn)
    warning = start_warning(settings.request().start, date.today())
    if warning and "start" in settings.places:
        click.echo(f"hepgen: warning: {Places(settings.places)('start')}: {warning}", err=True)
    return plan, settings


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="hepgen")
def cli():
    """hepgen: printable home exercise plans from YAML.

    \b
    Quick start:
      hepgen generate                      # plan.pdf for back spasm recovery
      hepgen preview --weeks 8             # the weeks in the terminal
      hepgen new                           # on your own: a few questions, safety first
      hepgen serve                         # the same in your web browser
      hepgen list                          # what the library holds
    """


def render_options(command):
    """The options that shape how the handout looks (see :class:`generator.options.RenderOptions`)."""
    options = [
        click.option("--paper", default=PAPERS[0], show_default=True, metavar="|".join(PAPERS),
                     help="Paper size of the PDF (any case)."),
        click.option("--large-print", is_flag=True,
                     help="Bigger type and spacing, for easier reading."),
        click.option("--logo", metavar="FILE", help="A PNG or JPEG logo for the cover."),
        click.option("--sections", metavar="LIST",
                     help="Parts to print, from cover,glance,summary,cards,logs,safety,education "
                          "(default: all but summary; safety is always printed)."),
        click.option("--summary", is_flag=True,
                     help="Print only the one-page summary: figures, doses, pain rule, "
                          "warning signs."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@plan_options
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Where to write (default plan.pdf); '-' writes to standard output.")
@click.option("--format", "fmt", type=OneOf(FORMATS, "format"),
              help="Output format (default: from the file name, else pdf).")
@render_options
def generate(output, fmt, **params):
    """Write a plan for PROGRAM (default: back-spasm-recovery).

    \b
    Examples:
      hepgen generate
      hepgen generate --patient "Ann Lee" --weeks 8 --start 2027-01-04
      hepgen generate desk-worker --level intermediate -o desk.pdf
      hepgen generate --large-print --paper letter --logo clinic.png
      hepgen generate --contact "Riverside Physio 01234 567890"
      hepgen generate --sections cover,cards,logs,safety
      hepgen generate --summary -o fridge.pdf
      hepgen generate --plan-file ann-lee.yaml
      hepgen generate --plan-file ann-lee.yaml --from-week 3 --hold plank --regress back-extension
      hepgen generate --days tue,thu,sat -o plan.ics
      hepgen generate --format json -o -
      hepgen generate --lang es -o plan-es.pdf
    """
    from .files import check_target, write_atomic
    from .formats import check_suffix, choose
    from .wording import day, weeks_shown

    fmt, output = choose(fmt, output)
    plan, settings = _build(params)
    data = settings.output(plan, fmt)
    check_target(output)  # an input given as the output says so first, whatever its suffix
    check_suffix(fmt, output)
    write_atomic(output, data)
    if output != "-":
        click.echo(f"Wrote {output}: {plan.program_title}, {weeks_shown(plan)} from "
                   f"{day(plan.start)}.", err=True)


@cli.command()
@plan_options
def preview(**params):
    """Show the plan week by week in the terminal.

    \b
    Examples:
      hepgen preview
      hepgen preview desk-worker --weeks 8 --level advanced
      hepgen preview --plan-file ann-lee.yaml --from-week 4 --hold plank
    """
    from .terminal import fit, width
    from .text import preview as render

    click.echo(fit(render(_build(params)[0]), width()), nl=False)


@cli.command(short_help="Answer a few questions, safety first, and get a plan.")
@click.option("-o", "--output", default="plan.pdf", show_default=True, metavar="FILE",
              help="Where to write the plan.")
@click.option("--lang", metavar="en|es",
              help="Ask in this language, and print the plan in it (default: asked first).")
@library_option
def new(output, lang, libraries):
    """Answer a few questions and get a plan; safety questions come first.

    The first question is the language (Enter: English), unless --lang gives it. Any
    "yes" to a warning sign stops here with advice, and no plan is written (exit status
    3). Answers can be piped in, one per line.

    \b
    Examples:
      hepgen new
      hepgen new -o my-plan.pdf
      hepgen new --lang es -o mi-plan.pdf
    """
    from .files import check_target
    from .formats import check_suffix, choose
    from .wizard import run

    from .i18n import languages, using
    from .request import parse_choice

    if lang is not None:
        try:
            lang = parse_choice(lang, "lang", languages())
        except HepgenError as exc:
            raise click.BadParameter(exc.message, param_hint="'--lang'") from None
    fmt, output = choose(None, output)
    check_suffix(fmt, output)
    check_target(output)  # before the first question, not after the last
    library = _library(libraries)
    click.echo("hepgen: a home exercise plan for your back.\n")
    decision = run(library, date.today(), lang)
    settings = decision.settings
    with using(settings.lang if settings else "en"):
        _finish_new(decision, library, output, fmt)


def _finish_new(decision, library, output: str, fmt: str) -> None:
    """The wizard's plan: shown, then written if the person says so (in their language)."""
    from .files import write_atomic
    from .i18n import _
    from .terminal import fit, width
    from .text import preview as render_preview
    from .wizard import say, show_stop, yes_no
    from .wording import long_day

    if decision.stop:
        show_stop(decision.stop)
    settings = decision.settings
    plan = settings.build(library, _warn)
    click.echo("\n" + fit(render_preview(plan), width()))
    for line in decision.emphasis:
        say(line, bold=True)
    if not yes_no(_("Write this plan to {file}?").format(file=output), default=True):
        click.echo(_("Nothing written."))
        return
    write_atomic(output, settings.output(plan, fmt))
    first = plan.weeks[0].days[0] if plan.weeks[0].days else plan.start
    say(_("Wrote {file}. Print it, read the safety page, and start on {day}.").format(
        file=output, day=long_day(first)))


@cli.command()
@click.argument("csv_file", metavar="FILE.csv")
@click.option("--out-dir", required=True, metavar="DIR", help="Folder for the plans (created if needed).")
@click.option("--jobs", type=Whole(1, 64), default=None,
              help="Plans made at once (default: one per CPU core).")
@click.option("--format", "fmt", type=OneOf(["pdf", "json", "ics"], "format"),
              default="pdf",
              show_default=True, help="What to write for each row.")
@click.option("--overwrite", is_flag=True,
              help="Replace files already in the folder (default: a plan takes the next free name).")
@click.option("--lang", default="en", show_default=True, metavar="en|es",
              help="Language of the plans; a lang column overrides it for its row.")
@library_option
def batch(csv_file, out_dir, jobs, fmt, overwrite, lang, libraries):
    """Make one plan per row of a CSV file, in parallel.

    Columns are plan-file fields, in any case: patient, program, clinician, clinic,
    contact, notes, start, weeks, level, paper, large_print, sections (cover;cards),
    summary, logo, days (mon;wed;fri), exclude (a;b), sessions, lang. Empty cells
    take the defaults. Commas, semicolons or tabs (as Excel saves it) all work. A bad row is
    reported by its line, patient and column and skipped; the others are written, and
    the exit status is 1 if any row failed. A file already in the
    folder is never replaced: the plan takes the next free name (ann-lee-2.pdf) unless
    --overwrite is given. Ctrl-C stops at once and says how many plans were written.

    \b
    Examples:
      hepgen batch monday.csv --out-dir handouts
      hepgen batch monday.csv --out-dir handouts --jobs 2 --format ics
      hepgen batch lunes.csv --out-dir folletos --lang es
    """
    import os

    from .batch import plan_jobs, read_rows, run_batch
    from .files import make_folder
    from .request import At
    from .settings import parse

    path = Path(csv_file)
    library = _library(libraries)
    base, unread = parse({"lang": lang}, {"lang": At(Location("--lang"))})
    for error in unread:  # as generate: a value that cannot be read is misuse, exit 2
        click.echo(f"hepgen: error: {error}", err=True)
        sys.exit(2)
    todo, failures = plan_jobs(path, read_rows(path), library, base, fmt, _warn)
    make_folder(out_dir)
    workers = min(jobs or os.cpu_count() or 1, max(1, len(todo)))
    with click.progressbar(length=len(todo), label="Making plans", file=sys.stderr) as bar:
        outcome = run_batch(path, todo, tuple(libraries), out_dir, fmt, workers, overwrite,
                            lambda: bar.update(1))
    failures += outcome.failures
    problems = [item for error in failures for item in error.errors]  # a row may have several
    for error in sorted(problems, key=lambda e: e.where.line if e.where else 0):
        click.echo(f"hepgen: error: {error}", err=True)
    done = len(outcome.written)
    plans = f"{done} plan{'s' if done != 1 else ''}"
    if outcome.stopped:
        click.echo(f"Stopped: wrote {plans} to {out_dir}; the other rows were not made.", err=True)
        sys.exit(128 + outcome.stopped)
    if outcome.disk_full:
        click.echo(f"Stopped: the disk is full; wrote {plans} to {out_dir}, the other rows were "
                   "not made. Free some space, then make the rows not made.", err=True)
        sys.exit(1)
    renamed = sum(1 for _, planned, name in outcome.written if name != planned)
    click.echo(f"Wrote {plans} to {out_dir}"
               + (f" ({renamed} under a new name, as the file was already there; --overwrite "
                  "replaces it)" if renamed else "")
               + (f"; {len(failures)} row{'s' if len(failures) != 1 else ''} failed." if failures
                  else "."), err=True)
    if failures:
        sys.exit(1)


@cli.command()
@click.argument("folder", metavar="DIR")
def init(folder):
    """Copy the built-in library into DIR, to adapt it for your clinic.

    Then use it with --library DIR: a file there replaces the built-in one with the
    same id, and new files add exercises, programs and education.

    \b
    Example:
      hepgen init my-library
      hepgen validate --library my-library
      hepgen generate --library my-library
    """
    from .library_copy import copy_builtin

    count = copy_builtin(folder)
    click.echo(f"Copied {count} files into {folder}. Edit them, check them with "
               f"'hepgen validate --library {folder}', and use them with "
               f"'hepgen generate --library {folder}'.")


@cli.command(name="list")
@click.argument("what", type=OneOf(["all", "exercises", "programs", "education"], "list"),
                default="all")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--languages", is_flag=True,
              help="The languages plans can be printed in, and how complete each is.")
@library_option
def list_(what, as_json, languages, libraries):
    """List what the library holds.

    \b
    Examples:
      hepgen list
      hepgen list exercises --json
      hepgen list --languages
    """
    if languages:
        from .describe import languages_json, languages_table
        from .library import translation_coverage

        rows = translation_coverage(tuple(libraries))
        click.echo(languages_json(rows) if as_json else languages_table(rows), nl=False)
        return
    from .describe import listing, listing_json
    from .terminal import fit, width

    library = _library(libraries)
    chosen = ("programs", "exercises", "education") if what == "all" else (what,)
    click.echo(listing_json(library, chosen) if as_json else fit(listing(library, chosen), width()),
               nl=False)


@cli.command(short_help="Show one exercise, variant, program or section in full.")
@click.argument("ident", metavar="ID")
@library_option
def show(ident, libraries):
    """Show one exercise, variant, program or education section in full.

    \b
    Examples:
      hepgen show plank
      hepgen show back-spasm-recovery
    """
    from .describe import describe
    from .terminal import fit, width

    click.echo(fit(describe(_library(libraries), ident), width()))


@cli.command(short_help="Check library files, plan files and CSV lists.")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--lang", metavar="es",
              help="Also list every text with no translation into this language, with the "
                   "English file:line.")
@library_option
def validate(paths, lang, libraries):
    """Check YAML files or library folders (default: the whole library and its
    translations), plan files and CSV lists (row by row, as batch reads them; nothing is
    written).

    \b
    Examples:
      hepgen validate
      hepgen validate my-library/exercises/side-plank.yaml
      hepgen validate ann-lee.yaml monday.csv
      hepgen validate --library my-library
      hepgen validate --lang es
      hepgen validate exercises/es/plank.yaml
    """
    from .inputs import validate as check

    if lang is not None:
        from .i18n import languages
        from .request import parse_choice

        try:
            lang = parse_choice(lang, "lang", languages()[1:])
        except HepgenError as exc:
            raise click.BadParameter(exc.message, param_hint="'--lang'") from None
    count, problems, warnings = check(tuple(paths), tuple(libraries), lang)
    for warning in warnings:
        click.echo(f"hepgen: warning: {warning}", err=True)
    if problems:
        _fail(ErrorList(problems))
    click.echo(f"{count} file{'s' if count != 1 else ''} checked: all good.")


@cli.command(short_help="Draw one variant's figure, to check a pose.")
@click.argument("variant", required=False)
@click.option("-o", "--output", metavar="FILE.svg|.pdf|.png",
              help="Where to write the drawing; the format follows the suffix.")
@click.option("--png", "as_png", is_flag=True, help="Write VARIANT.png here (a quick look, no SVG viewer needed).")
@click.option("--all", "every", is_flag=True,
              help="Every variant of the library on one contact sheet (with --out-dir).")
@click.option("--out-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for --all's contact-sheet.png.")
@click.option("--size", type=Whole(60, 2000), default=360, show_default=True,
              help="Width of the drawing in points (1/72 inch).")
@library_option
def figure(variant, output, as_png, every, out_dir, size, libraries):
    """Draw one variant's figure, to check a pose while writing its YAML.

    \b
    Examples:
      hepgen figure knee-plank -o knee-plank.svg
      hepgen figure knee-plank --png
      hepgen figure side-plank-knees --library my-library -o side.pdf
      hepgen figure --all --out-dir review
    """
    from .files import make_folder, write_atomic

    if every:
        if variant or output or as_png or out_dir is None:
            raise click.UsageError("--all takes --out-dir DIR and no VARIANT, -o or --png")
        from .figures.raster import contact_sheet

        library = _library(libraries)
        variants = [v for e in library.exercises.values() for v in e.variants]
        tiles = [(v.id, v.figure) for v in variants if v.figure]
        target = make_folder(out_dir) / "contact-sheet.png"
        write_atomic(str(target), contact_sheet(tiles, size * 0.5, size * 0.5 * 0.62))
        missing = [v.id for v in variants if not v.figure]
        note = f"; no figure yet: {', '.join(missing)}" if missing else ""
        click.echo(f"Wrote {target}: {len(tiles)} figures{note}.", err=True)
        return
    if not variant:
        raise click.UsageError("name a VARIANT (see 'hepgen list exercises'), or use --all")
    if as_png and output:
        raise click.UsageError("give -o FILE or --png, not both")
    output = f"{variant}.png" if as_png else output
    if not output:
        raise click.UsageError("give -o FILE.svg|.pdf|.png, or --png")
    suffix = Path(output).suffix.lower()
    if suffix not in (".svg", ".pdf", ".png"):
        raise click.BadParameter("give a file name ending in .svg, .pdf or .png", param_hint="'-o'")
    library = _library(libraries)
    try:
        exercise, chosen = library.variant(variant)
    except KeyError:
        known = [v.id for e in library.exercises.values() for v in e.variants]
        raise HepgenError(f"no variant called '{variant}'{did_you_mean(variant, known)} "
                          "(see 'hepgen list exercises')") from None
    if not chosen.figure:
        raise HepgenError(f"{chosen.name} has no figure yet; add one under 'figure:' in "
                          f"{exercise.file}")
    from .figures.export import export

    title = f"{exercise.name}: {chosen.name}"
    write_atomic(output, export(chosen.figure, size, suffix[1:], title))
    named = (chosen.name if exercise.name.lower() in chosen.name.lower()
             else f"{exercise.name}, {chosen.name.lower()}")
    click.echo(f"Wrote {output}: {named}.", err=True)


@cli.command()
@click.argument("kind", type=OneOf(["exercise", "program", "education", "plan",
                                    "exercise-translation", "program-translation",
                                    "education-translation"], "kind of file"),
                default="exercise")
def schema(kind):
    """Print the JSON Schema for a kind of file, for editors. A translation is an overlay
    such as exercises/es/plank.yaml (see README "Languages").

    \b
    Example (yaml-language-server):
      hepgen schema exercise > exercise.schema.json
      # then, first line of a YAML file:
      # yaml-language-server: $schema=exercise.schema.json
    """
    if kind.endswith("-translation"):
        import json

        from .overlay import overlay_schema

        click.echo(json.dumps(overlay_schema(kind.removesuffix("-translation")), indent=2,
                              ensure_ascii=False))
        return
    from .schema import schema_text

    click.echo(schema_text(kind), nl=False)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default is this computer only.")
@click.option("--port", type=Whole(1, 65535), default=8080, show_default=True,
              help="Port to listen on.")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the app in your web browser.")
@click.option("--threads", type=Whole(1, 64), default=4, show_default=True,
              help="Requests handled at once.")
@library_option
def serve(host, port, open_browser, threads, libraries):
    """Run hepgen in your web browser, for patients and clinics. Nothing is stored.

    \b
    Examples:
      hepgen serve
      hepgen serve --no-open --port 9000
      hepgen serve --host 0.0.0.0 --threads 8     # a clinic's network (no login!)
    """
    from .web.serve import run

    run(host, port, open_browser, threads, tuple(libraries))


class _ClosedStdout(io.TextIOBase):
    """Standard output when it was closed before hepgen started (`hepgen list >&-`): Python
    leaves it None and click would print nothing and exit 0. Writing fails instead, so the
    command says it cannot write there and exits 1."""

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        raise OSError(errno.EBADF, "it is closed")

    @property
    def buffer(self):  # a PDF written to standard output goes through here too
        return self


def main() -> None:
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    cli(prog_name="hepgen")
