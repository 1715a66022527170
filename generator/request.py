"""What a person asks for, and every rule it must keep: one home, whatever the face.

The command line, plan files, CSV rows (``hepgen batch``), the wizard, the library API and
the coming web form all pass their values through the parsers and :func:`problems` here.
Each value carries its :class:`Place` (an option like ``--weeks``, a plan file's
``file:line:col``, a CSV ``file:line`` and column, a form field), so every problem comes
back as a :class:`~generator.errors.HepgenError` saying where to fix it. The library API,
which has no places, is told ``request.weeks`` and the like.

Nothing here imports the engine, click or reportlab: the engine imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Mapping

from . import progression as rules
from .errors import HepgenError, Location, did_you_mean, hidden_character
from .i18n import languages
from .models import LEVELS, Exercise, Program

MAX_WEEKS = 52
"""No plan, and so no program, runs longer than this (a program sets its own range inside)."""
MAX_NAME = 80
MAX_NOTES = 600
DOSE_KEYS = ("hold_s", "reps", "sets")
MAX_DOSE = 120
"""A clinician's cap or set dose: whole numbers from 1 to this, for each of DOSE_KEYS."""
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""A plan starts in these years: far enough either way for any real patient."""
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DECISIONS = ("progress", "hold", "regress")
TEXTS = (("patient", "patient name", MAX_NAME), ("clinician", "clinician name", MAX_NAME),
         ("clinic", "clinic name", MAX_NAME), ("contact", "clinic contact", MAX_NAME),
         ("notes", "note", MAX_NOTES))
"""The free text a person types: field, what to call it, longest allowed."""


def next_monday(today: date) -> date:
    """The coming Monday (today, if today is a Monday).

    >>> next_monday(date(2026, 11, 24)), next_monday(date(2026, 11, 30))
    (datetime.date(2026, 11, 30), datetime.date(2026, 11, 30))
    """
    return today + timedelta(days=(7 - today.weekday()) % 7)


@dataclass(frozen=True)
class ExerciseChoice:
    """A clinician's choices for one exercise: pin a variant, cap or set its dose, a note."""

    pin: str | None = None
    cap: Mapping[str, int] = field(default_factory=dict)  # hold_s/reps/sets -> ceiling
    dose: Mapping[str, int] = field(default_factory=dict)  # a fixed dose for the whole plan
    note: str = ""


@dataclass(frozen=True)
class PlanRequest:
    """What a person asks for. ``weeks=None`` means the program's default.

    ``from_week`` and ``decisions`` re-issue a plan after a review: weeks before
    ``from_week`` are taken as done, and in that week each named exercise progresses,
    holds at last week's dose, or goes back a step, before the plan carries on.
    """

    weeks: int | None = None
    start: date = field(default_factory=lambda: next_monday(date.today()))
    level: str = "beginner"
    exclude: tuple[str, ...] = ()
    patient: str = ""
    clinician: str = ""
    clinic: str = ""
    contact: str = ""  # how to reach the clinic, printed where a patient looks for it
    notes: str = ""
    days: tuple[int, ...] | None = None  # weekdays, 0 = Monday
    choices: Mapping[str, ExerciseChoice] = field(default_factory=dict)
    from_week: int = 1
    decisions: Mapping[str, str] = field(default_factory=dict)
    sessions: int | None = None  # a clinician's cap on sessions a week; None: the program's
    lang: str = "en"  # the language the plan is printed in (see generator.i18n)


# --- where a value came from ------------------------------------------------------------


@dataclass(frozen=True)
class At:
    """One place for a value and every part of it: an option, a CSV cell, a form field."""

    location: Location | None

    def at(self, *keys, key: bool = False) -> Location | None:
        return self.location


@dataclass(frozen=True)
class InFile:
    """A value in a loaded YAML file (a :class:`~generator.yamlload.Doc`) at *path*."""

    doc: Any
    path: tuple = ()

    def at(self, *keys, key: bool = False) -> Location:
        return self.doc.where(self.path + keys, key)


@dataclass(frozen=True)
class ByKey:
    """Parts of one value given in different places (``--hold plank --regress cat-cow``)."""

    places: Mapping[str, Location]

    def at(self, *keys, key: bool = False) -> Location | None:
        return self.places.get(keys[0]) if keys else None


Place = At | InFile | ByKey


class Places:
    """Where each field of a request came from; fields with no place say ``request.FIELD``."""

    def __init__(self, by_field: Mapping[str, Place] | None = None):
        self.by_field = dict(by_field or {})

    def __call__(self, name: str, *keys, key: bool = False) -> Location | None:
        place = self.by_field.get(name)
        if place is None:
            return Location(".".join(["request", name, *map(str, keys)]))
        return place.at(*keys, key=key)


# --- parsing: text or YAML values into typed ones -----------------------------------------


def parse_start(value) -> date:
    """A start date from '2027-01-04' (or a date YAML already read).

    >>> parse_start("2027-01-04")
    datetime.date(2027, 1, 4)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    problem = date_problem(str(value))
    if problem:
        raise HepgenError(f"'{value}' {problem}")
    return date.fromisoformat(str(value).strip())


def date_problem(text: str) -> str | None:
    """What is wrong with *text* as a date, or None (for plan files, options and CSV cells).

    >>> date_problem("2027-01-04"), date_problem("2027-02-30"), date_problem("4/1/2027")
    (None, 'is not a day of the calendar', 'is not a date; write it as YYYY-MM-DD, for example 2027-01-04')
    """
    import re

    try:
        date.fromisoformat(text.strip())
        return None
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            return "is not a day of the calendar"
        return "is not a date; write it as YYYY-MM-DD, for example 2027-01-04"


FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday")


def parse_days(value, local: dict[str, int] | None = None) -> tuple[int, ...]:
    """'mon,wed,fri' (or a list; or 'mon;wed;fri' as in a CSV cell; or 'Monday Thursday')
    -> (0, 2, 4). A day is its three-letter or its full English name, in any case; *local*
    adds the names of another language (the wizard's: 'lun, mié, vie').

    >>> parse_days("Mon, thu"), parse_days(["fri", "tue"]), parse_days("monday;Wednesday fri")
    ((0, 3), (1, 4), (0, 2, 4))
    >>> parse_days("lun, jue", {"lun": 0, "jue": 3})
    (0, 3)
    """
    import re

    words = (value if isinstance(value, (list, tuple))
             else re.split(r"[\s,;]+", str(value)))
    days = []
    for word in (str(w).strip().lower() for w in words if str(w).strip()):
        if word in FULL_DAY_NAMES:
            word = word[:3]
        elif local and word in local:
            word = DAY_NAMES[local[word]]
        if word not in DAY_NAMES:
            raise HepgenError(f"'{word}' is not a day; use mon, tue, wed, thu, fri, sat, sun"
                              f"{did_you_mean(word[:3], DAY_NAMES)}")
        if DAY_NAMES.index(word) in days:
            raise HepgenError(f"'{word}' is given twice in the days")
        days.append(DAY_NAMES.index(word))
    if not days:
        raise HepgenError("no days given; write them like mon,wed,fri")
    return tuple(sorted(days))


def parse_whole(value) -> int:
    """A whole number from a number or from text such as '8'."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text.isdecimal():  # not isdigit: '²' is a digit that int() refuses
        raise HepgenError(f"'{value}' is not a whole number")
    return int(text)


def parse_choice(value, what: str, options: tuple[str, ...]) -> str:
    """One of *options*, in any case.

    >>> parse_choice("Advanced", "level", LEVELS)
    'advanced'
    """
    text = str(value).strip().lower()
    if text not in options:
        raise HepgenError(unknown(what, value, options))
    return text


def unknown(what: str, value, options) -> str:
    """'unknown level 'expert'; use one of: ...', then a did-you-mean where one is close.

    >>> unknown("level", "advancd", LEVELS)
    "unknown level 'advancd'; use one of: beginner, intermediate, advanced — did you mean 'advanced'?"
    """
    return (f"unknown {what} '{value}'; use one of: {', '.join(options)}"
            f"{did_you_mean(str(value).lower(), options)}")


def parse_flag(value) -> bool:
    """yes/no, true/false, 1/0 (a YAML boolean passes as it is)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "true", "1", "y"):
        return True
    if text in ("no", "false", "0", "n", ""):
        return False
    raise HepgenError(f"'{value}' is not yes or no")


def parse_sections(value) -> tuple[str, ...]:
    """Handout sections from a list or 'cover,cards' / 'cover;cards', in print order; the
    safety page is always among them (it holds the warning signs).

    >>> parse_sections("cards, Cover")
    ('cover', 'cards', 'safety')
    """
    from .options import ALL_SECTIONS, ALWAYS

    names = [name.lower() for name in parse_names(value)]
    for name in names:
        if name not in ALL_SECTIONS:
            raise HepgenError(unknown("section", name, ALL_SECTIONS)
                              + f" ({ALWAYS} is always printed)")
    if not names:
        raise HepgenError(f"no sections given; use some of: {', '.join(ALL_SECTIONS)}")
    return tuple(name for name in ALL_SECTIONS if name in names or name == ALWAYS)


def parse_names(value) -> tuple[str, ...]:
    """Exercise ids from a list, or from 'a;b' or 'a,b' in one cell."""
    items = value if isinstance(value, (list, tuple)) else str(value).replace(",", ";").split(";")
    return tuple(str(item).strip() for item in items if str(item).strip())


# --- the rules ------------------------------------------------------------------------------


def text_problem(label: str, text: str, limit: int) -> str | None:
    """What is wrong with a typed name or note, or None.

    Ordinary spaces are fine; line breaks, control characters and invisible formatting
    characters (which print as empty boxes, or reorder text) are not.

    >>> text_problem("patient name", "Ann\\u202eLee", 80)
    'the patient name has an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE); type it again without it'
    >>> text_problem("note", "Walk daily.", 600) is None
    True
    """
    for ch in text:
        if ch in "\n\r\u2028\u2029\x85\x0b\x0c":
            return (f"the {label} has a line break; keep it to one line (in a plan file, "
                    "'>' folds lines into one)")
    hidden = hidden_character(text)
    if hidden:
        return (f"the {label} has an invisible or control character ({hidden}); type it again "
                "without it")
    if len(text) > limit:
        return f"the {label} is {len(text)} characters; keep it to {limit}"
    return None


def start_problem(start: date) -> str | None:
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        return (f"the start date {start.isoformat()} is out of range; choose a date from "
                f"{FIRST_YEAR} to {LAST_YEAR}")
    return None


def weeks_problem(program: Program, weeks: int) -> str | None:
    if not program.weeks_min <= weeks <= program.weeks_max:
        return (f"{program.title} runs for {program.weeks_min} to {program.weeks_max} weeks "
                f"(you asked for {weeks})")
    return None


def weeks_text_problem(program: Program | None, value) -> str:
    """What to say for weeks that are not a whole number.

    >>> weeks_text_problem(None, "six")
    "weeks must be a whole number (you gave 'six')"
    """
    span = f", {program.weeks_min} to {program.weeks_max} for this program" if program else ""
    return f"weeks must be a whole number{span} (you gave '{value}')"


def most_sessions(program: Program) -> int:
    return max(program.sessions_start, program.sessions_end)


def sessions_problem(program: Program, sessions) -> str | None:
    """A cap on sessions a week: a whole number from 1 to the program's own most."""
    most = most_sessions(program)
    if isinstance(sessions, bool) or not isinstance(sessions, int):
        return (f"sessions must be a whole number, 1 to {most} for this program "
                f"(you gave '{sessions}')")
    if not 1 <= sessions <= most:
        return f"sessions a week can be 1 to {most} for this program (you asked for {sessions})"
    return None


def with_sessions(program: Program, cap: int | None) -> Program:
    """*program* with its sessions a week capped at *cap* (a clinician's choice), so the
    plan keeps, say, two sessions a week where the program would grow to three."""
    from dataclasses import replace

    if cap is None:
        return program
    return replace(program, sessions_start=min(program.sessions_start, cap),
                   sessions_end=min(program.sessions_end, cap))


def days_problem(program: Program, days: tuple[int, ...], cap: int | None = None,
                 how: str = "") -> str | None:
    """Too few days for the sessions a week; *how* says how to cap the sessions where the
    days were given (``--sessions 2``, a plan file's ``sessions: 2``)."""
    most = most_sessions(with_sessions(program, cap))
    if len(days) < most:
        hint = f", or set sessions a week to {len(days)} ({how})" if how and cap is None else ""
        return (f"this plan has up to {most} sessions a week; give at least {most} days "
                f"(you gave {len(days)}){hint}")
    return None


def _sessions_how(place: Location | None, count: int) -> str:
    """How to set sessions a week where *place* is: an option, a CSV column, a plan file."""
    if place is not None and place.file.startswith("--"):
        return f"--sessions {count}"
    if place is not None and place.column:
        return f"{count} in a sessions column"
    if place is not None and place.line:
        return f"'sessions: {count}' in the plan file"
    return f"sessions {count}"


def start_warning(start: date, today: date) -> str | None:
    """A start in the past is allowed (a re-print of an old plan) but worth a word."""
    if start < today:
        return (f"the start date {start.isoformat()} is in the past; the plan's dates begin "
                "then (fine for a re-print of an old plan)")
    return None


def merge_decisions(given) -> tuple[dict[str, str], dict[str, str]]:
    """Review decisions from (exercise, decision, option) triples; a second, different
    decision for one exercise is refused (``--hold plank --regress plank``).

    >>> merge_decisions([("plank", "hold", "--hold"), ("cat-cow", "regress", "--regress")])[0]
    {'plank': 'hold', 'cat-cow': 'regress'}
    """
    decisions: dict[str, str] = {}
    options: dict[str, str] = {}
    for name, decision, option in given:
        if name in decisions and decisions[name] != decision:
            raise HepgenError(f"{name} is given both {options[name]} and {option}; choose one "
                              "decision for it", Location(option))
        decisions[name], options[name] = decision, option
    return decisions, options


def not_started(name: str, first: int | None, review: int) -> str:
    """A review decision for an exercise that starts after the review week."""
    when = f"until week {first}" if first else "in these weeks"
    return f"{name} is not in the plan {when}; a review decision applies to week {review}"


def _not_in(name: str, program: Program, used) -> str:
    hint = did_you_mean(name, used)
    return f"'{name}' is not in {program.id}" + (hint or f"; it has: {', '.join(used)}")


def _fixed_dose(window, dose: Mapping[str, int]) -> rules.Dose:
    """The dose a clinician set, with the variant's start for numbers not given."""
    start = rules.start_dose(window)
    given = {k: v for k, v in dose.items() if window.window(k) is not None}
    return rules.Dose(given.get("sets", start.sets), given.get("reps", start.reps),
                      given.get("hold_s", start.hold_s))


def _choice_problems(program, exercises, request, name, choice, where, add) -> None:
    used = program.exercise_ids
    if name not in used:
        add(_not_in(name, program, used), where("choices", name, key=True))
        return
    if name in request.exclude:
        add(f"'{name}' is excluded, so its choices have nothing to apply to; "
            "remove one or the other", where("choices", name, key=True))
        return
    exercise = exercises[name]
    if choice.pin is not None and (message := exercise.not_a_variant(choice.pin)):
        add(message, where("choices", name, "pin"))
        return
    for label, values in (("cap", choice.cap), ("dose", choice.dose)):
        for key, value in values.items():
            if key in DOSE_KEYS and exercise.kind == "activity":
                add(f"{name} is done in minutes a day, so {key} does not apply to it; "
                    f"remove its {label}", where("choices", name, label, key, key=True))
            elif key in DOSE_KEYS and all(v.dose.window(key) is None for v in exercise.variants):
                add(f"{name} has no {key} in its dose, so a {label} of it would not apply; "
                    "remove it", where("choices", name, label, key, key=True))
            elif key not in DOSE_KEYS:
                add(f"{name} {label}: '{key}' is not hold_s, reps or sets"
                    f"{did_you_mean(key, DOSE_KEYS)}", where("choices", name, label, key, key=True))
            elif (not isinstance(value, int) or isinstance(value, bool)
                  or not 1 <= value <= MAX_DOSE):
                add(f"{name} {label}: {key} must be a whole number from 1 to {MAX_DOSE} "
                    f"(it is {value})", where("choices", name, label, key))
            elif key in choice.dose and label == "cap" and value < choice.dose[key]:
                add(f"{name}: the cap of {value} for {key} is below the set dose of "
                    f"{choice.dose[key]}; a set dose is given every week, so drop the cap "
                    "or lower the dose", where("choices", name, "cap", key))
    if choice.dose and program.max_minutes and request.level in LEVELS and all(
            k in DOSE_KEYS and isinstance(v, int) and 1 <= v <= MAX_DOSE
            for k, v in choice.dose.items()):
        variant = exercise.variants[exercise.rung(
            choice.pin or program.start_variant(name, request.level))]
        seconds = rules.exercise_seconds(variant.dose, _fixed_dose(variant.dose, choice.dose),
                                         variant.per_side)
        if seconds > program.max_minutes * 60:
            add(f"{name}: this dose takes about {rules.minutes(seconds)} minutes a session, "
                f"longer than {program.title}'s sessions of at most {program.max_minutes} "
                "minutes; lower it", where("choices", name, "dose"))
    text = text_problem(f"note for {name}", choice.note, MAX_NOTES)
    if text:
        add(text, where("choices", name, "note"))


def problems(program: Program, exercises: Mapping[str, Exercise], request: PlanRequest,
             where: Places | None = None) -> list[HepgenError]:
    """Every rule a request for *program* must keep; each problem with its place."""
    where = where or Places()
    found: list[HepgenError] = []
    def add(message: str, location: Location | None) -> None:
        found.append(HepgenError(message, location))

    weeks = program.weeks_default if request.weeks is None else request.weeks
    if (message := weeks_problem(program, weeks)):
        add(message, where("weeks"))
    if request.level not in LEVELS:
        add(unknown("level", request.level, LEVELS), where("level"))
    if request.lang not in (codes := languages()):
        add(unknown("lang", request.lang, codes), where("lang"))
    if (message := start_problem(request.start)):
        add(message, where("start"))
    for name, label, limit in TEXTS:
        if (message := text_problem(label, getattr(request, name), limit)):
            add(message, where(name))
    if request.sessions is not None and (message := sessions_problem(program,
                                                                     request.sessions)):
        add(message, where("sessions"))
    elif request.days is not None and (message := days_problem(
            program, request.days, request.sessions,
            _sessions_how(where("days"), len(request.days)))):
        add(message, where("days"))

    used = program.exercise_ids
    for i, name in enumerate(request.exclude):
        if name not in used:
            add(_not_in(name, program, used), where("exclude", i))
    if set(used) <= set(request.exclude):
        add("every exercise of the program is excluded; leave at least one in",
            where("exclude"))
    else:
        for phase in program.phases:
            names = [item.exercise for item in phase.items]
            if phase.from_week <= weeks and set(names) <= set(request.exclude):
                add(f"with these exclusions the phase '{phase.name}' (from week "
                    f"{phase.from_week}) has no exercises left; keep at least one of: "
                    f"{', '.join(names)}", where("exclude"))
    for name, choice in request.choices.items():
        _choice_problems(program, exercises, request, name, choice, where, add)

    if program.weeks_min <= weeks <= program.weeks_max and not 1 <= request.from_week <= weeks:
        add(f"a review re-issues a week from 1 to {weeks}, the plan's length "
            f"(you asked for {request.from_week})", where("from_week"))
    for name, decision in request.decisions.items():
        if name not in used or name in request.exclude:
            add(_not_in(name, program, [u for u in used if u not in request.exclude]),
                where("decisions", name, key=True))
        elif decision not in DECISIONS:
            add(f"the decision for {name} must be progress, hold or regress",
                where("decisions", name))
        elif request.from_week < 2:
            add("review decisions need a review week (from week 2 on); give --from-week "
                "or 'review: from_week'", where("decisions", name))
        else:
            first = next(p.from_week for p in program.phases
                         if name in {i.exercise for i in p.items})
            if first > request.from_week:
                add(not_started(name, first, request.from_week), where("decisions", name))
    found.sort(key=lambda e: (e.where.file, e.where.line, e.where.col) if e.where else ("", 0, 0))
    return found


def check(program: Program, exercises: Mapping[str, Exercise], request: PlanRequest,
          where: Places | None = None) -> int:
    """Raise every problem of *request* at once; return the plan's length in weeks."""
    found = problems(program, exercises, request, where)
    if found:
        raise_all(found)
    return program.weeks_default if request.weeks is None else request.weeks


def raise_all(found: list[HepgenError]) -> None:
    from .errors import ErrorList

    raise found[0] if len(found) == 1 else ErrorList(found)
