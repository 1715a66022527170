"""Everything that shapes one person's plan, from a plan file, a CSV row or the wizard.

:class:`Settings` is what the command line, ``--plan-file``, ``hepgen batch`` rows and
``hepgen new`` all produce, each value with the place it came from; :meth:`Settings.request`
turns it into the engine's :class:`~generator.request.PlanRequest`. Values are parsed and
checked by :mod:`generator.request` (one rule, one place), so every mistake is reported with
its option, file and line, or CSV line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Mapping

from . import schema
from .errors import ErrorList, HepgenError, Location, did_you_mean
from .i18n import languages
from .models import DEFAULT_PROGRAM, LEVELS, Library
from .options import PAPERS, SECTIONS, RenderOptions
from .request import (
    At, ExerciseChoice, InFile, Place, Places, PlanRequest, next_monday, parse_choice,
    parse_days, parse_flag, parse_names, parse_sections, parse_start, parse_whole, raise_all,
    weeks_problem, weeks_text_problem,
)
from .request import problems as request_problems
from .yamlload import load_file


@dataclass(frozen=True)
class Settings:
    program: str = DEFAULT_PROGRAM
    patient: str = ""
    clinician: str = ""
    clinic: str = ""
    contact: str = ""
    notes: str = ""
    start: date | None = None
    weeks: int | None = None
    level: str = "beginner"
    paper: str = PAPERS[0]
    large_print: bool = False
    sections: tuple[str, ...] = SECTIONS
    summary: bool = False
    logo: str | None = None
    days: tuple[int, ...] | None = None
    exclude: tuple[str, ...] = ()
    choices: dict[str, ExerciseChoice] = field(default_factory=dict)
    from_week: int = 1
    decisions: dict[str, str] = field(default_factory=dict)
    sessions: int | None = None
    lang: str = "en"
    libraries: tuple[str, ...] = ()
    """Extra library folders a plan file names (``library:``), relative to it."""
    places: Mapping[str, Place] = field(default_factory=dict, compare=False, repr=False)
    """Where each value given came from (see :class:`generator.request.Places`)."""

    def merged(self, places: Mapping[str, Place] | None = None, **overrides) -> "Settings":
        """These settings with *overrides* (say, options given on the command line)."""
        return replace(self, places={**self.places, **(places or {})}, **overrides)

    def problems(self, library: Library) -> list[HepgenError]:
        """Everything wrong with these settings for *library*, each with its place."""
        where = Places(self.places)
        if self.program not in library.programs:
            close = did_you_mean(self.program, library.programs)
            see = "(see 'hepgen list programs')"
            return [HepgenError(
                f"unknown program '{self.program}'{close} {see}" if close else
                f"unknown program '{self.program}' {see}; if it is in your own library "
                "folder, add --library FOLDER, or 'library: FOLDER' in a plan file",
                where("program"))]
        return request_problems(library.programs[self.program], library.exercises,
                                self.request(), where)

    def build(self, library: Library, warn=None):
        """The plan these settings ask for, from *library* in the plan's language; *warn*
        is told of texts printed in English for want of a translation."""
        from .engine import build_plan

        found = self.problems(library)
        if found:
            raise_all(found)
        library = self.localized(library)
        for warning in self.translation_warnings(library) if warn else ():
            warn(warning)
        return build_plan(library.programs[self.program], library.exercises, self.request(),
                          library.education)

    def localized(self, library: Library) -> Library:
        """*library* with its text in these settings' language."""
        from .library import localized

        return localized(library, self.lang)

    def translation_warnings(self, library: Library) -> list[HepgenError]:
        """Once per file this plan uses: texts printed in English, no translation given."""
        from .overlay import warnings

        return warnings(self.localized(library), self.program, self.exclude)

    def render_options(self) -> RenderOptions:
        """Paper, print size and the logo's bytes (read here, by the caller of a renderer)."""
        from .files import read_logo

        return RenderOptions(paper=self.paper, large_print=self.large_print,
                             logo=read_logo(self.logo), sections=self.sections,
                             summary=self.summary)

    def output(self, plan, fmt: str) -> bytes:
        """*plan* as *fmt*, with these settings' paper, print size and logo."""
        from .formats import render

        return render(plan, fmt, self.render_options() if fmt == "pdf"
                      else RenderOptions(large_print=self.large_print))

    def request(self, today: date | None = None) -> PlanRequest:
        return PlanRequest(
            weeks=self.weeks, start=self.start or next_monday(today or date.today()),
            level=self.level, exclude=self.exclude, patient=self.patient.strip(),
            clinician=self.clinician.strip(), clinic=self.clinic.strip(),
            contact=self.contact.strip(),
            notes=self.notes.strip(), days=self.days, choices=self.choices,
            from_week=self.from_week, decisions=self.decisions, sessions=self.sessions,
            lang=self.lang,
        )


PARSERS = {
    "program": str, "patient": str, "clinician": str, "clinic": str, "contact": str,
    "notes": str,
    "logo": str, "start": parse_start,
    "weeks": parse_whole, "from_week": parse_whole, "sessions": parse_whole,
    "level": lambda v: parse_choice(v, "level", LEVELS),
    "paper": lambda v: parse_choice(v, "paper", PAPERS),
    "lang": lambda v: parse_choice(v, "lang", languages()),
    "large_print": parse_flag, "summary": parse_flag, "sections": parse_sections,
    "days": parse_days, "exclude": parse_names,
}
"""How each setting is read from text or YAML: the one parser for each field."""


def parse(values: Mapping[str, object], places: Mapping[str, Place],
          base: "Settings | None" = None,
          library: Library | None = None) -> tuple[Settings, list[HepgenError]]:
    """Settings from raw *values* (text or YAML data) on top of *base*, and the values that
    could not be read, each at its place (those keep *base*'s value). With *library*, a
    number of weeks that is not a number is told the program's range."""
    typed: dict = {}
    found: list[HepgenError] = []
    failed = []
    for name, raw in values.items():
        try:
            typed[name] = PARSERS[name](raw)
        except HepgenError as exc:
            failed.append((name, raw, exc.message))
    settings = (base or Settings()).merged(places={k: places[k] for k in typed}, **typed)
    for name, raw, message in failed:
        if name == "weeks":
            program = library.programs.get(settings.program) if library else None
            message = weeks_text_problem(program, raw)
        elif name == "sessions":
            message = f"sessions must be a whole number, like 2 (you gave '{raw}')"
        found.append(HepgenError(message, places[name].at()))
    return settings, found


def from_plan_file(path: str | Path, library: Library, load=None) -> Settings:
    """Read a plan file; raises :class:`ErrorList` with every problem and its place.

    A ``library:`` key names extra library folders relative to the file; *load* (folders
    -> Library) loads them with *library*'s own, and the settings keep them in
    ``libraries``."""
    path = Path(path)
    return from_doc(load_file(path, str(path)), library, path.parent, load)


def plan_mapping(doc, library: Library | None = None) -> dict:
    """A loaded plan file's settings, checked against the plan schema (on disk or uploaded);
    with the *library*, weeks out of range are reported in the program's terms."""
    if not isinstance(doc.data, dict):
        raise HepgenError("a plan file is a mapping of settings, like 'patient: Ann Lee'",
                          doc.where())
    problems = schema.check(doc, "plan")
    if problems:
        raise ErrorList([_in_program_terms(e, doc, library) if library else e
                         for e in problems])
    return dict(doc.data)


def _in_program_terms(error: HepgenError, doc, library: Library) -> HepgenError:
    """The schema says 'weeks is 60; it must be at most 52' (any program's limit); the
    program's own range is what the person needs, as the command line says it."""
    weeks, name = doc.data.get("weeks"), doc.data.get("program") or DEFAULT_PROGRAM
    program = library.programs.get(name) if isinstance(name, str) else None
    if error.message.startswith("weeks is ") and type(weeks) is int and program \
            and (message := weeks_problem(program, weeks)):
        return HepgenError(message, error.where)
    return error


def from_doc(doc, library: Library, folder: Path | None, load=None) -> Settings:
    """Settings from a loaded plan file (or a web form shaped like one). A ``logo`` and a
    ``library`` are read relative to *folder*; with no folder (an uploaded file) they are
    ignored."""
    data = plan_mapping(doc, library)
    folders = data.pop("library", None)
    libraries = tuple(str(folder / f) for f in
                      ([folders] if isinstance(folders, str) else folders or [])) if folder else ()
    if libraries and load is not None:
        library = load(libraries)
    review = data.pop("review", {})
    exercises = data.pop("exercises", {})
    values = {k: v for k, v in data.items() if k in PARSERS}
    places: dict[str, Place] = {k: InFile(doc, (k,)) for k in values}
    if "from_week" in review:
        values["from_week"] = review["from_week"]
        places["from_week"] = InFile(doc, ("review", "from_week"))
    if values.get("logo") and folder is None:  # an upload: the path is someone else's disk
        del values["logo"], places["logo"]
    elif values.get("logo"):
        values["logo"] = str(folder / values["logo"])
    settings, unread = parse(values, places, library=library)
    extra: dict = {"libraries": libraries} if libraries else {}
    if exercises:
        extra["choices"] = {
            name: ExerciseChoice(pin=item.get("pin"), cap=dict(item.get("cap", {})),
                                 dose=dict(item.get("dose", {})), note=item.get("note", ""))
            for name, item in exercises.items()}
        places["choices"] = InFile(doc, ("exercises",))
    if review.get("decisions"):
        extra["decisions"] = dict(review["decisions"])
        places["decisions"] = InFile(doc, ("review", "decisions"))
    settings = settings.merged(places={k: places[k] for k in extra if k in places}, **extra)
    problems = unread + settings.problems(library)
    if problems:
        raise_all(sorted(problems, key=lambda e: (e.where.line, e.where.col)))
    return settings


# --- CSV rows (hepgen batch) ----------------------------------------------------------

CSV_FIELDS = ("patient", "program", "clinician", "clinic", "contact", "notes", "start", "weeks",
              "level", "paper", "large_print", "sections", "summary", "logo", "days", "exclude",
              "sessions", "lang")


def from_row(row: dict[str, str], library: Library, base: Settings, where: Location) -> Settings:
    """Settings from one CSV row (columns named like plan-file fields), on top of *base*;
    empty cells keep *base*'s value."""
    values = {column: (raw or "").strip() for column, raw in row.items()
              if (raw or "").strip()}
    places = {column: At(Location(where.file, where.line, column=column, label=where.label))
              for column in values}
    settings, problems = parse(values, places, base, library)
    problems += settings.problems(library)
    if problems:
        raise_all(problems)
    return settings
