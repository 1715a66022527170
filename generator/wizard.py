"""``hepgen new``: a few questions for a person on their own, safety first.

The red-flag questions from the clinical guide come before anything else; any "yes"
stops the wizard with advice to get medical help, and no plan is written. The answers
then become :class:`~generator.settings.Settings`. Works with piped answers too.
"""

from __future__ import annotations

from datetime import date

import click

from . import clinical
from . import request as rules
from .errors import HepgenError
from .models import Library
from .options import PAPERS
from .settings import Settings

STOPPED = 3
"""Exit status when the wizard stops for safety: not an error, but no plan was written."""

PROGRAMS = (
    ("back-spasm-recovery", "I am getting over a back spasm or a bout of back pain"),
    ("back-care-maintenance", "My back has settled; I want to keep it strong"),
    ("desk-worker", "I sit at a desk most of the day"),
)
ACTIVITY = (
    ("beginner", "Mostly resting, or moving carefully because of pain"),
    ("intermediate", "Doing my usual day, with some care"),
    ("advanced", "Active; my back rarely stops me"),
)


def _stop(message: str, items: tuple[str, ...] = ()) -> None:
    click.echo("")
    click.secho(message, bold=True)
    for item in items:
        click.echo(f"  - {item}")
    click.echo("No plan has been written. Please get this checked first; your doctor or "
               "physiotherapist can then give you a plan that is safe for you.")
    raise SystemExit(STOPPED)


def _choose(question: str, options: tuple[tuple[str, str], ...], default: int = 1) -> str:
    click.echo(question)
    for number, (_, text) in enumerate(options, 1):
        click.echo(f"  {number}. {text}")
    answer = click.prompt("Your answer", type=click.IntRange(1, len(options)), default=default)
    return options[answer - 1][0]


def screen() -> None:
    """The red-flag questions; stops at the first "yes", returns if every answer is no."""
    click.echo("First, some questions to check it is safe for you to start. Answer y or n.\n")
    for question, sign in zip(clinical.EMERGENCY_QUESTIONS, clinical.EMERGENCY):
        if click.confirm(question, default=False):
            _stop("Please go to an emergency department now, or call your emergency number. "
                  "This can be a sign of a serious problem with the nerves in your back:",
                  (sign,))
    for question, sign in zip(clinical.SEE_DOCTOR_QUESTIONS, clinical.SEE_DOCTOR):
        if click.confirm(question, default=False):
            _stop("Please see a doctor before you start exercising, because of:", (sign,))


def ask(library: Library, today: date) -> Settings:
    """All the questions after the screening; returns the settings for the plan."""
    pain = click.prompt("\nHow bad is your back pain today, from 0 (none) to 10 (worst "
                        "imaginable)?", type=click.IntRange(0, 10))
    if pain >= 8:
        _stop("Pain this severe needs a doctor's advice before you start an exercise plan.")
    program = _choose("\nWhich fits you best?", PROGRAMS)
    level = "beginner" if pain >= 6 else _choose("\nHow active are you at the moment?", ACTIVITY)
    chosen = library.programs[program]
    weeks = click.prompt(f"\nHow many weeks? ({chosen.weeks_min} to {chosen.weeks_max})",
                         default=chosen.weeks_default, value_proc=_answer(
                             rules.parse_whole,
                             lambda value: rules.weeks_problem(chosen, value)))
    picked = click.prompt("\nWhich days suit you? (like mon,wed,fri; Enter for a spread "
                          "chosen for you)", default="", show_default=False, value_proc=_answer(
                              rules.parse_days, lambda value: rules.days_problem(chosen, value)))
    start = click.prompt("\nStart on which date?", default=rules.next_monday(today).isoformat(),
                         value_proc=_answer(rules.parse_start, rules.start_problem))
    paper = click.prompt("\nPaper size", type=click.Choice(PAPERS), default=PAPERS[0])
    large = click.confirm("Large print?", default=False)
    name = click.prompt("Your name, to print on the plan (Enter to leave it off)", default="",
                        show_default=False, value_proc=_answer(str, _name_problem))
    return Settings(program=program, patient=name.strip(), start=start, weeks=weeks,
                    level=level, paper=paper, large_print=large, days=picked)


def _answer(parse, problem):
    """A prompt's check: the request's own parser and rule; Enter on an empty answer is None."""
    def check(text):
        if isinstance(text, str) and not text.strip():
            return None if parse is not str else ""
        try:
            value = parse(text)
        except HepgenError as exc:
            raise click.BadParameter(exc.message) from None
        message = problem(value)
        if message:
            raise click.BadParameter(message)
        return value
    return check


def _name_problem(text: str) -> str | None:
    from .fonts import missing_glyphs

    missing = missing_glyphs(text)
    if missing:
        return (f"the handout cannot print {''.join(missing[:8])}; "
                "write your name with Latin letters, or leave it off")
    return rules.text_problem("name", text.strip(), rules.MAX_NAME)
