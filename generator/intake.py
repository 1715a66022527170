"""The questions a person on their own answers, and what their answers decide.

One home for the self-service rules, whatever the face: the terminal wizard (``hepgen
new``, :mod:`generator.wizard`) and the web app's self-service page ask the same
questions, in the same order, and call :func:`decide` with the answers. It returns a
:class:`Decision`: either a :class:`Stop` (get help first; no plan) or the plan's
:class:`~generator.settings.Settings`, with the reasons for any choice made for the person
and the lines to show emphasised.

The rules (from the red-flag framework and the pain-monitoring model cited in
:mod:`generator.clinical`):

- every warning sign has an explicit yes or no (never a default); any "yes" stops;
- pregnancy stops too: exercises in pregnancy need a clinician's choice;
- pain of 8 or more out of 10 stops; pain of 6 or more gets a recovery plan at the
  gentlest start, whatever program the person picked;
- pain travelling below the knee on one side gets ``sciatica-recovery`` (no forward-bending
  stretches early), with the leg rule of the pain rule emphasised.

Pure: no click, no files; answers are plain values (``True``/``False``, numbers, text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from . import clinical
from .i18n import N_, _
from .options import PAPER_NAMES

RECOVERY = "back-spasm-recovery"
SCIATICA = "sciatica-recovery"
STOP_PAIN = 8
"""Pain from this score up stops the wizard: a doctor first."""
RECOVERY_PAIN = 6
"""Pain from this score up gets the recovery plan at the gentlest start."""

NO_PLAN = N_("No plan has been written. Please get this checked first; a physiotherapist or "
             "doctor can then give you a plan that is safe for you.")


@dataclass(frozen=True)
class Stop:
    """Get help first: *title* says where, *signs* why; no plan is made."""

    title: str
    signs: tuple[str, ...] = ()
    advice: str = NO_PLAN


@dataclass(frozen=True)
class Question:
    """One question: *key* names its answer; *kind* is ``yes-no`` (explicit, no default),
    ``score`` (0 to 10), ``choice`` (one of *options*, (value, label) pairs) or ``text``
    (settings such as weeks, checked by the request's rules)."""

    key: str
    text: str
    kind: str
    options: tuple[tuple[str, str], ...] = ()
    stop: Stop | None = None  # what a "yes" means, for a warning sign


EMERGENCY_STOP = N_("Please go to an emergency department now, or call your emergency number. "
                    "This can be a sign of a serious problem with the nerves in your back:")
DOCTOR_STOP = N_("Please see a doctor before you start exercising, because of:")
PREGNANCY_STOP = Stop(
    N_("Please see a physiotherapist, midwife or doctor before you start."),
    (N_("you are pregnant: the exercises, and how you lie for them, need to be chosen for you "
        "and your baby"),),
    N_("No plan has been written. A physiotherapist, midwife or doctor can give you exercises "
       "that are safe in pregnancy."))
PAIN_STOP = Stop(N_("Pain this severe needs a doctor's advice before you start an exercise plan."))

SAFETY = (
    tuple(Question(f"emergency-{i}", text, "yes-no", stop=Stop(EMERGENCY_STOP, (sign,)))
          for i, (text, sign) in enumerate(zip(clinical.EMERGENCY_QUESTIONS, clinical.EMERGENCY), 1))
    + tuple(Question(f"doctor-{i}", text, "yes-no", stop=Stop(DOCTOR_STOP, (sign,)))
            for i, (text, sign) in enumerate(zip(clinical.SEE_DOCTOR_QUESTIONS,
                                                 clinical.SEE_DOCTOR), 1))
    + (Question("pregnant", N_("Are you pregnant?"), "yes-no", stop=PREGNANCY_STOP),)
)
"""The warning signs, then pregnancy: each needs an explicit yes or no; a yes stops."""

PAIN = Question("pain", N_("How bad is your back pain today, from 0 (none) to 10 (worst "
                   "imaginable)?"), "score")
LEG = Question("leg", N_("Does pain travel down one leg, below the knee?"), "yes-no")
PROGRAMS = (
    (RECOVERY, N_("I am getting over a back spasm or a bout of back pain")),
    ("back-care-maintenance", N_("My back has settled; I want to keep it strong")),
    ("desk-worker", N_("I sit at a desk most of the day")),
)
ACTIVITY = (
    ("beginner", N_("Mostly resting, or moving carefully because of pain")),
    ("intermediate", N_("Doing my usual day, with some care")),
    ("advanced", N_("Active; my back rarely stops me")),
)
PROGRAM = Question("program", N_("Which fits you best?"), "choice", PROGRAMS)
LEVEL = Question("level", N_("How active are you at the moment?"), "choice", ACTIVITY)
SETTINGS = (
    Question("weeks", N_("How many weeks?"), "text"),
    Question("sessions", N_("How many sessions a week can you do, at most?"), "text"),
    Question("days", N_("Which days suit you?"), "text"),
    Question("start", N_("Start on which date?"), "text"),
    Question("paper", N_("Paper size"), "choice", tuple(PAPER_NAMES.items())),
    Question("large_print", N_("Large print?"), "yes-no"),
    Question("patient", N_("Your name, to print on the plan"), "text"),
)
"""The plan's settings, asked last; an empty answer takes the plan's own default. Texts
are in English, marked for the catalogs: a face shows them with ``_()``."""

LEG_RULE = next(text for zone, text in clinical.PAIN_RULE if zone == "Spreads down a leg")


def pain_score(value) -> int:
    """The pain score, a whole number from 0 to 10, from an answer or a form field.

    >>> pain_score(" 7 ")
    7
    >>> pain_score("11")
    Traceback (most recent call last):
    generator.errors.HepgenError: give your pain today as a whole number from 0 to 10
    """
    from .errors import HepgenError
    from .request import parse_whole

    try:
        score = parse_whole(value)
    except HepgenError:
        score = None
    if score is None or not 0 <= score <= 10:
        raise HepgenError(_("give your pain today as a whole number from 0 to 10"))
    return score


def stop_for(answers: Mapping[str, Any]) -> Stop | None:
    """The first reason in *answers* to stop before any plan (a warning sign, pregnancy,
    severe pain), or None. Safe to call after each answer: unanswered questions are
    skipped."""
    for question in SAFETY:
        if answers.get(question.key) is True:
            return question.stop
    pain = answers.get("pain")
    if isinstance(pain, int) and pain >= STOP_PAIN:
        return PAIN_STOP
    return None


def asked(question: Question, answers: Mapping[str, Any]) -> bool:
    """Whether *question* is asked, given the earlier *answers*: the program is chosen for
    a person with leg pain or pain of 6 or more, the activity level for pain of 6 or more."""
    pain = answers.get("pain")
    strong = isinstance(pain, int) and pain >= RECOVERY_PAIN
    if question.key == "program":
        return not (strong or answers.get("leg") is True)
    if question.key == "level":
        return not strong
    return True


def unanswered(answers: Mapping[str, Any]) -> list[Question]:
    """The safety and routing questions still without an explicit answer."""
    needed = list(SAFETY) + [PAIN, LEG]
    return [q for q in needed if not isinstance(answers.get(q.key), bool if q.kind == "yes-no"
                                                 else int)]


@dataclass(frozen=True)
class Decision:
    """What the answers decide: a *stop*, or the plan's *settings* (with the *reasons* for
    any choice made for the person, and *emphasis*: lines to show in bold)."""

    stop: Stop | None = None
    settings: Any = None  # generator.settings.Settings when there is no stop
    reasons: tuple[str, ...] = ()
    emphasis: tuple[str, ...] = ()


def route(answers: Mapping[str, Any]) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """(program, level, reasons, emphasis) from the pain score, the leg and the choices.

    >>> route({"pain": 7, "leg": False, "program": "back-care-maintenance", "level": "advanced"})[:2]
    ('back-spasm-recovery', 'beginner')
    >>> route({"pain": 3, "leg": True, "program": "desk-worker", "level": "intermediate"})[:2]
    ('sciatica-recovery', 'intermediate')
    """
    pain = answers.get("pain") or 0
    program = answers.get("program") or RECOVERY
    level = answers.get("level") or "beginner"
    reasons: list[str] = []
    emphasis: tuple[str, ...] = ()
    if answers.get("leg") is True:
        program = SCIATICA
        reasons.append(_("Your pain goes down one leg, so your plan is the one for back and "
                         "leg pain (sciatica). It leaves out stretches that bend your back "
                         "forward."))
        emphasis = (_("Important: {rule}").format(rule=_(LEG_RULE)),)
    if pain >= RECOVERY_PAIN:
        if program != SCIATICA:
            program = RECOVERY
        level = "beginner"
        reasons.append(_("Your pain is {pain} out of 10, so your plan is a recovery plan at "
                         "its gentlest start.").format(pain=pain))
    return program, level, tuple(reasons), emphasis


def decide(answers: Mapping[str, Any]) -> Decision:
    """The decision for a full set of *answers* (keys as the questions' keys).

    A stop when any warning sign, pregnancy or pain says so; a stop too when a safety
    question has no explicit answer (a form sent half filled in). Otherwise the
    :class:`~generator.settings.Settings` for the plan; the settings' values are checked
    by the request's rules when the plan is built (``Settings.build``), so a bad week
    count or day list is reported like any other. Settings may be given as text (a web
    form) or as values; text is read by the request's parsers, and a value that cannot be
    read raises :class:`~generator.errors.HepgenError` placed at its question's key.
    """
    from .errors import Location
    from .request import At, raise_all
    from .settings import Settings, parse

    stop = stop_for(answers)
    if stop is not None:
        return Decision(stop=stop)
    missing = unanswered(answers)
    if missing:
        return Decision(stop=Stop(N_("Please answer every safety question with yes or no first."),
                                  tuple(q.text for q in missing), N_("No plan has been written.")))
    program, level, reasons, emphasis = route(answers)
    values = {key: answers[key] for key in ("weeks", "sessions", "days", "start", "paper",
                                             "large_print", "lang")
              if answers.get(key) not in (None, "")}
    values["patient"] = str(answers.get("patient") or "").strip()
    settings, unread = parse(values, {key: At(Location(key)) for key in values},
                             Settings(program=program, level=level))
    if unread:
        raise_all(unread)
    return Decision(settings=settings, reasons=reasons, emphasis=emphasis)
