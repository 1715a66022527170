"""The ``hepgen`` command line: parses options, calls the library, reports errors.

Nothing here computes a plan or draws a page. Problems with input become one line
``hepgen: error: FILE:LINE:COL: ...`` and exit status 1; misuse of the command line is
click's exit status 2.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import ErrorList, HepgenError, Location, did_you_mean
from .formats import FORMATS
from .models import DEFAULT_PROGRAM, LEVELS



def _fail(error: HepgenError) -> None:
    for item in error.errors:
        click.echo(f"hepgen: error: {item}", err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turns every :class:`HepgenError` into one line per problem and exit 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except HepgenError as error:
            _fail(error)
        except BrokenPipeError:  # `hepgen preview | head`
            sys.stderr.close()
            sys.exit(0)


def _library(ctx_library: tuple[str, ...]):
    from .library import load_library

    return load_library(tuple(ctx_library))


library_option = click.option(
    "--library", "libraries", multiple=True, metavar="DIR",
    help="Extra library folder with exercises/, programs/, education/ (repeatable).",
)


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD, "
                                 "for example 2027-01-04") from None


def _parse_days(ctx, param, value):
    if value is None:
        return None
    from .engine import parse_days

    try:
        return parse_days(value)
    except HepgenError as exc:
        raise click.BadParameter(exc.message) from None


def plan_options(command):
    """The options that shape a plan, shared by generate and preview."""
    options = [
        click.argument("program", required=False, default=DEFAULT_PROGRAM),
        click.option("--plan-file", metavar="FILE",
                     help="A YAML file with these settings and per-exercise choices; "
                          "options given here win."),
        click.option("--weeks", type=click.IntRange(1, 52), help="Length of the plan in weeks."),
        click.option("--start", callback=_parse_date, metavar="YYYY-MM-DD",
                     help="First day of week 1 (default: the coming Monday)."),
        click.option("--level", type=click.Choice(LEVELS), default="beginner", show_default=True,
                     help="Chooses the starting variants."),
        click.option("--days", callback=_parse_days, metavar="mon,wed,fri",
                     help="Days for the sessions (default: spread out, e.g. Mon/Thu)."),
        click.option("--exclude", multiple=True, metavar="EXERCISE",
                     help="Leave an exercise out (repeatable)."),
        click.option("--patient", default="", help="The patient's name, printed on the plan."),
        click.option("--clinician", default="", help="The clinician's name."),
        click.option("--clinic", default="", help="The clinic's name."),
        click.option("--notes", default="", help="A note printed on the plan."),
        click.option("--from-week", type=click.IntRange(2, 52), metavar="N",
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


_SIMPLE = ("program", "patient", "clinician", "clinic", "notes", "start", "weeks", "level",
           "paper", "large_print", "logo", "days", "from_week")


def _settings(params: dict):
    """Settings from the plan file (if any), with what was typed on the command line on top."""
    from click.core import ParameterSource

    from .settings import Settings, from_plan_file

    ctx = click.get_current_context()
    library = _library(params["libraries"])
    base = from_plan_file(params["plan_file"], library) if params.get("plan_file") else Settings()
    typed = {name for name in params
             if ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE,
                                                   ParameterSource.ENVIRONMENT)}
    overrides = {name: params[name] for name in _SIMPLE if name in typed}
    if "exclude" in typed:
        overrides["exclude"] = tuple(params["exclude"])
    decisions = dict(base.decisions)
    for option, decision in (("progress_", "progress"), ("hold", "hold"), ("regress", "regress")):
        for name in params.get(option, ()):
            decisions[name] = decision
    if decisions and not overrides.get("from_week", base.from_week) > 1:
        raise click.UsageError("--progress, --hold and --regress need --from-week")
    overrides["decisions"] = decisions
    return base.merged(**overrides), library


def _build(params: dict):
    settings, library = _settings(params)
    return settings.build(library), settings


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="hepgen")
def cli():
    """hepgen: printable home exercise plans from YAML.

    \b
    Quick start:
      hepgen generate                      # plan.pdf for back spasm recovery
      hepgen preview --weeks 8             # the weeks in the terminal
      hepgen list                          # what the library holds
    """


@cli.command()
@plan_options
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Where to write (default plan.pdf); '-' writes to standard output.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the file name, else pdf).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper size of the PDF.")
@click.option("--large-print", is_flag=True, help="Bigger type and spacing, for easier reading.")
@click.option("--logo", metavar="FILE", help="A PNG or JPEG logo for the cover.")
def generate(output, fmt, **params):
    """Write a plan for PROGRAM (default: back-spasm-recovery).

    \b
    Examples:
      hepgen generate
      hepgen generate --patient "Ann Lee" --weeks 8 --start 2027-01-04
      hepgen generate desk-worker --level intermediate -o desk.pdf
      hepgen generate --large-print --paper letter --logo clinic.png
      hepgen generate --plan-file ann-lee.yaml
      hepgen generate --plan-file ann-lee.yaml --from-week 3 --hold plank --regress back-extension
      hepgen generate --days tue,thu,sat -o plan.ics
      hepgen generate --format json -o -
    """
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    fmt = fmt or (suffix if suffix in FORMATS else "pdf")
    output = output or f"plan.{fmt}"
    plan, settings = _build(params)
    data = settings.output(plan, fmt)
    from .files import write_atomic

    write_atomic(output, data)
    if output != "-":
        from .text import day

        span = (f"{len(plan.weeks)} weeks" if plan.first_week == 1
                else f"weeks {plan.first_week} to {plan.weeks[-1].week}")
        click.echo(f"Wrote {output}: {plan.program_title}, {span} from {day(plan.start)}.",
                   err=True)


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
    from .text import preview as render

    click.echo(render(_build(params)[0]), nl=False)


@cli.command()
@click.option("-o", "--output", default="plan.pdf", show_default=True, metavar="FILE",
              help="Where to write the plan.")
@library_option
def new(output, libraries):
    """Answer a few questions and get a plan; safety questions come first.

    Any "yes" to a warning sign stops here with advice, and no plan is written (exit
    status 3). Answers can be piped in, one per line.

    \b
    Examples:
      hepgen new
      hepgen new -o my-plan.pdf
    """
    from .text import preview as render_preview
    from .wizard import ask, screen

    library = _library(libraries)
    click.echo("hepgen: a home exercise plan for your back.\n")
    screen()
    settings = ask(library, date.today())
    plan = settings.build(library)
    click.echo("\n" + render_preview(plan))
    if not click.confirm(f"Write this plan to {output}?", default=True):
        click.echo("Nothing written.")
        return
    from .files import write_atomic

    write_atomic(output, settings.output(plan, "pdf"))
    first = plan.weeks[0].days[0] if plan.weeks[0].days else plan.start
    click.echo(f"Wrote {output}. Print it, read the safety page, and start on "
               f"{first:%A} {first.day} {first:%B}.")


@cli.command()
@click.argument("csv_file", metavar="FILE.csv")
@click.option("--out-dir", required=True, metavar="DIR", help="Folder for the plans (created if needed).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Plans made at once (default: one per CPU core).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "json", "ics"]), default="pdf",
              show_default=True, help="What to write for each row.")
@library_option
def batch(csv_file, out_dir, jobs, fmt, libraries):
    """Make one plan per row of a CSV file, in parallel.

    Columns are plan-file fields: patient, program, clinician, clinic, notes, start,
    weeks, level, paper, large_print, logo, days (mon;wed;fri), exclude (a;b). Empty
    cells take the defaults. A bad row is reported by its line and skipped; the others
    are written, and the exit status is 1 if any row failed.

    \b
    Examples:
      hepgen batch monday.csv --out-dir handouts
      hepgen batch monday.csv --out-dir handouts --jobs 2 --format ics
    """
    import os

    from .batch import plan_jobs, read_rows, render_job
    from .settings import Settings

    path = Path(csv_file)
    library = _library(libraries)
    rows = read_rows(path)
    todo, failures = plan_jobs(path, rows, library, Settings(), fmt)
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise HepgenError(f"cannot create the folder: {exc.strerror}", Location(out_dir)) from None
    workers = min(jobs or os.cpu_count() or 1, max(1, len(todo)))
    done = 0
    with click.progressbar(length=len(todo), label="Making plans", file=sys.stderr) as bar:
        if workers == 1:
            results = (render_job(job, tuple(libraries), out_dir, fmt) for job in todo)
            for line, error in results:
                bar.update(1)
                done, failures = _count(path, line, error, done, failures)
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(render_job, job, tuple(libraries), out_dir, fmt)
                           for job in todo]
                for future in as_completed(futures):
                    line, error = future.result()
                    bar.update(1)
                    done, failures = _count(path, line, error, done, failures)
    for error in sorted(failures, key=lambda e: e.where.line if e.where else 0):
        click.echo(f"hepgen: error: {error}", err=True)
    click.echo(f"Wrote {done} plan{'s' if done != 1 else ''} to {out_dir}"
               + (f"; {len(failures)} row{'s' if len(failures) != 1 else ''} failed." if failures
                  else "."), err=True)
    if failures:
        sys.exit(1)


def _count(path, line, error, done, failures):
    if error is None:
        return done + 1, failures
    return done, failures + [HepgenError(error, Location(str(path), line, 1))]


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
    import shutil

    from .library import FOLDERS, builtin_root

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise HepgenError("exists and is not a folder; choose another name", Location(folder))
    clashes = [target / sub for sub in FOLDERS if (target / sub).exists()]
    if clashes:
        raise HepgenError(f"{clashes[0]} already exists; choose an empty folder so nothing "
                          "of yours is overwritten", Location(folder))
    source = builtin_root()
    count = 0
    for sub in FOLDERS:
        shutil.copytree(source / sub, target / sub,
                        ignore=lambda _, names: [n for n in names if not n.endswith(".yaml")])
        count += len(list((target / sub).glob("*.yaml")))
    click.echo(f"Copied {count} files into {folder}. Edit them, check them with "
               f"'hepgen validate --library {folder}', and use them with "
               f"'hepgen generate --library {folder}'.")


@cli.command(name="list")
@click.argument("what", type=click.Choice(["all", "exercises", "programs", "education"]),
                default="all")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@library_option
def list_(what, as_json, libraries):
    """List what the library holds.

    \b
    Examples:
      hepgen list
      hepgen list exercises --json
    """
    library = _library(libraries)
    groups = {
        "programs": [(p.id, p.title, f"{p.weeks_default} weeks") for p in library.programs.values()],
        "exercises": [(e.id, e.name, f"{len(e.variants)} variants: "
                       + ", ".join(v.id for v in e.variants)) for e in library.exercises.values()],
        "education": [(s.id, s.title, "") for s in library.education.values()],
    }
    chosen = list(groups) if what == "all" else [what]
    if as_json:
        click.echo(json.dumps({k: [{"id": i, "name": n} for i, n, _ in sorted(groups[k])]
                               for k in chosen}, indent=2, ensure_ascii=False))
        return
    for key in chosen:
        click.echo(f"{key.capitalize()}:")
        rows = sorted(groups[key])
        width = max((len(r[0]) for r in rows), default=0)
        for ident, name, extra in rows:
            click.echo(f"  {ident:<{width}}  {name}" + (f"  ({extra})" if extra else ""))


@cli.command()
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

    click.echo(describe(_library(libraries), ident))


@cli.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@library_option
def validate(paths, libraries):
    """Check YAML files or library folders (default: the whole library).

    \b
    Examples:
      hepgen validate
      hepgen validate my-library/exercises/side-plank.yaml
      hepgen validate --library my-library
    """
    from .library import check_paths

    count, problems = check_paths(tuple(paths), tuple(libraries))
    if problems:
        _fail(ErrorList(problems))
    click.echo(f"{count} file{'s' if count != 1 else ''} checked: all good.")


@cli.command()
@click.argument("variant", required=False)
@click.option("-o", "--output", metavar="FILE.svg|.pdf|.png",
              help="Where to write the drawing; the format follows the suffix.")
@click.option("--png", "as_png", is_flag=True, help="Write VARIANT.png here (a quick look, no SVG viewer needed).")
@click.option("--all", "every", is_flag=True,
              help="Every variant of the library on one contact sheet (with --out-dir).")
@click.option("--out-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for --all's contact-sheet.png.")
@click.option("--size", type=click.IntRange(60, 2000), default=360, show_default=True,
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
    from .files import write_atomic

    if every:
        if variant or output or as_png or not out_dir:
            raise click.UsageError("--all takes --out-dir DIR and no VARIANT, -o or --png")
        from .figures.raster import contact_sheet

        library = _library(libraries)
        variants = [v for e in library.exercises.values() for v in e.variants]
        tiles = [(v.id, v.figure) for v in variants if v.figure]
        target = Path(out_dir) / "contact-sheet.png"
        target.parent.mkdir(parents=True, exist_ok=True)
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
    click.echo(f"Wrote {output}: {exercise.name}, {chosen.name}.", err=True)


@cli.command()
@click.argument("kind", type=click.Choice(["exercise", "program", "education", "plan"]),
                default="exercise")
def schema(kind):
    """Print the JSON Schema for a kind of file, for editors.

    \b
    Example (yaml-language-server):
      hepgen schema exercise > exercise.schema.json
      # then, first line of a YAML file:
      # yaml-language-server: $schema=exercise.schema.json
    """
    from .schema import schema_text

    click.echo(schema_text(kind), nl=False)


def main() -> None:
    cli(prog_name="hepgen")
