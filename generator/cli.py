"""The ``hepgen`` command line: parses options, calls the library, reports errors.

Nothing here computes a plan or draws a page. Problems with input become one line
``hepgen: error: FILE:LINE:COL: ...`` and exit status 1; misuse of the command line is
click's exit status 2.
"""

from __future__ import annotations

import functools
import json
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import ErrorList, HepgenError, Location, did_you_mean
from .models import LEVELS

DEFAULT_PROGRAM = "back-spasm-recovery"
FORMATS = ("pdf", "json", "txt")


def _fail(error: HepgenError) -> None:
    lines = error.errors if isinstance(error, ErrorList) else [error]
    for item in lines:
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


def plan_options(command):
    """The options that shape a plan, shared by generate and preview."""
    options = [
        click.argument("program", required=False, default=DEFAULT_PROGRAM),
        click.option("--weeks", type=click.IntRange(1, 52), help="Length of the plan in weeks."),
        click.option("--start", callback=_parse_date, metavar="YYYY-MM-DD",
                     help="First day of week 1 (default: the coming Monday)."),
        click.option("--level", type=click.Choice(LEVELS), default="beginner", show_default=True,
                     help="Chooses the starting variants."),
        click.option("--exclude", multiple=True, metavar="EXERCISE",
                     help="Leave an exercise out (repeatable)."),
        click.option("--patient", default="", help="The patient's name, printed on the plan."),
        click.option("--clinician", default="", help="The clinician's name."),
        click.option("--clinic", default="", help="The clinic's name."),
        click.option("--notes", default="", help="A note printed on the plan."),
        library_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _build(program, weeks, start, level, exclude, patient, clinician, clinic, notes, libraries):
    from .engine import PlanRequest, build_plan, next_monday

    library = _library(libraries)
    if program not in library.programs:
        raise HepgenError(
            f"unknown program '{program}'{did_you_mean(program, library.programs)} "
            "(see 'hepgen list programs')"
        )
    request = PlanRequest(
        weeks=weeks, start=start or next_monday(date.today()), level=level,
        exclude=tuple(exclude), patient=patient.strip(), clinician=clinician.strip(),
        clinic=clinic.strip(), notes=notes.strip(),
    )
    return build_plan(library.programs[program], library.exercises, request, library.education)


MAX_LOGO_BYTES = 5 * 1024 * 1024


def _read_logo(path: str | None) -> bytes | None:
    """The logo's bytes, after checking it is a PNG or JPEG of sane size."""
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise HepgenError(f"cannot read the logo: {exc.strerror}", Location(path)) from None
    if len(data) > MAX_LOGO_BYTES:
        raise HepgenError("the logo is over 5 MB; use a smaller image", Location(path))
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise HepgenError("the logo must be a PNG or JPEG image", Location(path))
    return data


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
def generate(output, fmt, paper, large_print, logo, **plan_args):
    """Write a plan for PROGRAM (default: back-spasm-recovery).

    \b
    Examples:
      hepgen generate
      hepgen generate --patient "Ann Lee" --weeks 8 --start 2027-01-04
      hepgen generate desk-worker --level intermediate -o desk.pdf
      hepgen generate --large-print --paper letter --logo clinic.png
      hepgen generate --format json -o -
    """
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    fmt = fmt or (suffix if suffix in FORMATS else "pdf")
    output = output or f"plan.{fmt}"
    plan = _build(**plan_args)
    if fmt == "json":
        data = (json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    elif fmt == "txt":
        from .text import render_text

        data = render_text(plan).encode()
    else:
        from .pdf import render_pdf

        data = render_pdf(plan, paper=paper, large_print=large_print, logo=_read_logo(logo))
    from .output import write_atomic

    write_atomic(output, data)
    if output != "-":
        from .text import day

        click.echo(f"Wrote {output}: {plan.program_title}, {len(plan.weeks)} weeks "
                   f"from {day(plan.start)}.", err=True)


@cli.command()
@plan_options
def preview(**plan_args):
    """Show the plan week by week in the terminal.

    \b
    Examples:
      hepgen preview
      hepgen preview desk-worker --weeks 8 --level advanced
    """
    from .text import preview as render

    click.echo(render(_build(**plan_args)), nl=False)


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
@click.argument("variant")
@click.option("-o", "--output", required=True, metavar="FILE.svg|FILE.pdf",
              help="Where to write the drawing; the format follows the suffix.")
@click.option("--size", type=click.IntRange(60, 2000), default=360, show_default=True,
              help="Width of the drawing in points (1/72 inch).")
@library_option
def figure(variant, output, size, libraries):
    """Draw one variant's figure, to check a pose while writing its YAML.

    \b
    Examples:
      hepgen figure knee-plank -o knee-plank.svg
      hepgen figure side-plank-knees --library my-library -o side.pdf
    """
    suffix = Path(output).suffix.lower()
    if suffix not in (".svg", ".pdf"):
        raise click.BadParameter("give a file name ending in .svg or .pdf", param_hint="'-o'")
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

    from .output import write_atomic

    write_atomic(output, export(chosen.figure, size, suffix[1:]))
    click.echo(f"Wrote {output}: {exercise.name}, {chosen.name}.", err=True)


@cli.command()
@click.argument("kind", type=click.Choice(["exercise", "program", "education"]),
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
