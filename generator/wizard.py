"""``hepgen new``: the self-service questions in a terminal, safety first.

The questions, their order and what the answers decide live in :mod:`generator.intake`
(the web app's self-service page asks the same ones); this module only asks them: each
warning sign needs an explicit yes or no, any "yes" stops with advice and no plan is
written. Works with piped answers too: when they run out, it says which question had no
answer.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from . import clinical  # noqa: F401 - the warning signs, read through here by the web tests
from . import intake
from . import request as rules
from .errors import HepgenError
from .i18n import _, languages, name, using
from .models import Library
from .options import PAPERS
from .wording import day_words

STOPPED = 3
"""Exit status when the wizard stops for safety: not an error, but no plan was written."""

# The same rules under the names the web app's self-service page first used (see intake).
PROGRAMS, ACTIVITY, NO_PLAN = intake.PROGRAMS, intake.ACTIVITY, intake.NO_PLAN
PAIN_STOPS_AT, BEGINNER_FROM_PAIN = intake.STOP_PAIN, intake.RECOVERY_PAIN
PAIN_STOP = intake.PAIN_STOP.title
EMERGENCY_STOP, SEE_DOCTOR_STOP = intake.EMERGENCY_STOP, intake.DOCTOR_STOP


def warning_questions() -> tuple[tuple[str, str, str], ...]:
    """Each screening question (warning signs, then pregnancy) with its sign and the advice
    a "yes" gets, in the order they are asked."""
    return tuple((q.text, q.stop.signs[0], q.stop.title) for q in intake.SAFETY)


def show_stop(stop: intake.Stop) -> None:
    """Print *stop*'s advice and exit with :data:`STOPPED`."""
    click.echo("")
    say(_(stop.title), bold=True)
    for item in stop.signs:
        say(f"  - {_(item)}")
    say(_(stop.advice))
    raise SystemExit(STOPPED)


def _wrap(text: str, room: int = 0) -> str:
    """*text* broken between words to fit the terminal, *room* columns kept free at the end
    of its last line (for the default and the answer a prompt adds)."""
    import textwrap

    from .terminal import width

    columns = width()
    lines = [textwrap.fill(line, columns, break_long_words=False, break_on_hyphens=False,
                           subsequent_indent=" " * (len(line) - len(line.lstrip("- "))))
             for line in text.split("\n")]
    last = lines[-1].rsplit("\n", 1)
    if len(last[-1]) + room > columns and " " in last[-1]:
        head, tail = last[-1].rsplit(" ", 1)
        lines[-1] = "\n".join(last[:-1] + [head, tail])
    return "\n".join(lines)


def say(text: str = "", bold: bool = False) -> None:
    """Print *text* fitted to the terminal."""
    click.secho(_wrap(text), bold=bold or None)


def _prompt(text: str, **kwargs):
    """click.prompt, fitted to the terminal; piped answers that run out name the question
    left unanswered."""
    default = kwargs.get("default")
    shown = f" [{default}]" if default not in (None, "") and kwargs.get("show_default", True) else ""
    try:
        return click.prompt(_wrap(text, len(shown) + 4), **kwargs)
    except click.Abort:
        if sys.stdin is not None and sys.stdin.isatty():
            raise
        question = " ".join(text.split())
        raise HepgenError(f"no answer to the question '{question}': the answers given ran out "
                          "(give one answer per line)") from None


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.strip().lower() for word in text.split(","))


def _yes_no(text: str) -> str:
    # Translators: the answers taken as yes, then as no, separated by commas; English ones
    # are always taken too.
    yes, no = _words(_("y,yes")) + ("y", "yes"), _words(_("n,no")) + ("n", "no")
    if text.strip().lower() in yes:
        return True
    if text.strip().lower() in no:
        return False
    raise click.BadParameter(_("please answer y (yes) or n (no)"))


def yes_no(question: str, default: bool | None = None) -> bool:
    """An explicit yes or no to *question* (already in the language being spoken); with no
    *default*, Enter alone asks again."""
    y, n = _words(_("y,yes"))[0], _words(_("n,no"))[0]
    suffix = (f" [{y}/{n}]" if default is None else
              f" [{y.upper()}/{n}]" if default else f" [{y}/{n.upper()}]")
    return _prompt(question + suffix, value_proc=_yes_no, show_default=False,
                   default="" if default is None else (y if default else n))


def _choose(question: intake.Question, default: int = 1) -> str:
    say("\n" + _(question.text))
    for number, (_value, text) in enumerate(question.options, 1):
        click.echo(f"  {number}. {_(text)}")
    answer = _prompt(_("Your answer"), default=default, value_proc=_answer(
        rules.parse_whole, lambda n: None if 1 <= n <= len(question.options)
        else _("answer with a number from 1 to {n}").format(n=len(question.options))))
    return question.options[answer - 1][0]


def screen(answers: dict) -> None:
    """The warning signs and pregnancy, each an explicit yes or no; stops at the first yes."""
    say(_("First, some questions to check it is safe for you to start. Answer y or n.") + "\n")
    for question in intake.SAFETY:
        answers[question.key] = yes_no(_(question.text))
        stop = intake.stop_for(answers)
        if stop:
            show_stop(stop)


def language() -> str:
    """The language of the questions and the plan: asked first, in every language."""
    codes = languages()
    if len(codes) == 1:
        return codes[0]
    names = ", ".join(f"{code} ({name(code)})" for code in codes)
    return _prompt(f"Language / Idioma: {names}", default=codes[0], value_proc=_answer(
        lambda v: rules.parse_choice(v, "lang", codes), lambda v: None))


def run(library: Library, today: date, lang: str | None = None) -> intake.Decision:
    """Every question, the language first (unless given as *lang*), then the screening;
    returns the decision (a stop exits with :data:`STOPPED`). Everything after the language
    question is asked in that language."""
    lang = lang or language()
    with using(lang):
        answers: dict = {"lang": lang}
        screen(answers)
        return ask(library, today, answers)


def ask(library: Library, today: date, answers: dict) -> intake.Decision:
    """The questions after the screening, added to its *answers*."""
    answers["pain"] = _prompt("\n" + _(intake.PAIN.text),
                              value_proc=_answer(intake.pain_score, lambda n: None))
    if (stop := intake.stop_for(answers)):
        show_stop(stop)
    answers["leg"] = yes_no("\n" + _(intake.LEG.text))
    for question in (intake.PROGRAM, intake.LEVEL):
        if intake.asked(question, answers):
            answers[question.key] = _choose(question)
    program, _level, reasons, _emphasis = intake.route(answers)
    for reason in reasons:
        say("\n" + reason)
    chosen = library.programs[program]
    text = {q.key: _(q.text) for q in intake.SETTINGS}
    answers["weeks"] = _prompt(
        f"\n{text['weeks']} " + _("({low} to {high})").format(low=chosen.weeks_min,
                                                            high=chosen.weeks_max),
        default=chosen.weeks_default, value_proc=_answer(
            rules.parse_whole, lambda value: rules.weeks_problem(chosen, value)))
    most = rules.most_sessions(chosen)
    grows = (_("{start} growing to {end}").format(start=chosen.sessions_start, end=most)
             if chosen.sessions_start < most else str(most))
    answers["sessions"] = _prompt(
        f"\n{text['sessions']} "
        + _("(1 to {most}; Enter for the plan's own: {grows})").format(most=most, grows=grows),
        default="", show_default=False,
        value_proc=_answer(rules.parse_whole, lambda n: rules.sessions_problem(chosen, n)))
    answers["days"] = _prompt(
        f"\n{text['days']} " + _("(like mon,wed,fri; Enter for a spread chosen for you)"),
        default="", show_default=False, value_proc=_answer(
            lambda value: rules.parse_days(value, day_words()),
            lambda value: rules.days_problem(chosen, value, answers["sessions"] or None)))
    if answers["days"]:
        answers["days"] = ",".join(rules.DAY_NAMES[d] for d in answers["days"])
    answers["start"] = _prompt(f"\n{text['start']}",
                               default=rules.next_monday(today).isoformat(),
                               value_proc=_answer(rules.parse_start, rules.start_problem))
    if (warning := rules.start_warning(answers["start"], today)):
        say(f"Note: {warning}.")
    answers["paper"] = _prompt(f"\n{text['paper']} ({' / '.join(PAPERS)})", default=PAPERS[0],
                               value_proc=_answer(lambda v: rules.parse_choice(v, "paper", PAPERS),
                                                  lambda v: None))
    answers["large_print"] = yes_no(text["large_print"], default=False)
    answers["patient"] = _prompt(f"{text['patient']} " + _("(Enter to leave it off)"),
                                 default="", show_default=False,
                                 value_proc=_answer(str, _name_problem))
    return intake.decide({k: v for k, v in answers.items() if v is not None})


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
