"""Everything that shapes one person's plan, from a plan file, a CSV row or the wizard.

:class:`Settings` is what the command line, ``--plan-file``, ``hepgen batch`` rows and
``hepgen new`` all produce; :meth:`Settings.request` turns it into the engine's
:class:`~generator.engine.PlanRequest`. Plan files are checked against the ``plan`` JSON
Schema and against the library, so every mistake is reported with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import schema
from .engine import DAY_NAMES, ExerciseChoice, PlanRequest, next_monday, parse_days
from .errors import ErrorList, HepgenError, Location, did_you_mean
from .models import DEFAULT_PROGRAM, LEVELS, Library
from .yamlload import load_file

PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Settings:
    program: str = DEFAULT_PROGRAM
    patient: str = ""
    clinician: str = ""
    clinic: str = ""
    notes: str = ""
    start: date | None = None
    weeks: int | None = None
    level: str = "beginner"
    paper: str = "a4"
    large_print: bool = False
    logo: str | None = None
    days: tuple[int, ...] | None = None
    exclude: tuple[str, ...] = ()
    choices: dict[str, ExerciseChoice] = field(default_factory=dict)
    from_week: int = 1
    decisions: dict[str, str] = field(default_factory=dict)

    def merged(self, **overrides) -> "Settings":
        """These settings with *overrides* (say, options given on the command line)."""
        return replace(self, **overrides)

    def build(self, library: Library):
        """The plan these settings ask for, from *library*."""
        from .engine import build_plan

        if self.program not in library.programs:
            raise HepgenError(
                f"unknown program '{self.program}'{did_you_mean(self.program, library.programs)} "
                "(see 'hepgen list programs')")
        return build_plan(library.programs[self.program], library.exercises, self.request(),
                          library.education)

    def output(self, plan, fmt: str) -> bytes:
        """*plan* as *fmt*, with these settings' paper, print size and logo."""
        from .formats import render

        return render(plan, fmt, paper=self.paper, large_print=self.large_print, logo=self.logo)

    def request(self, today: date | None = None) -> PlanRequest:
        return PlanRequest(
            weeks=self.weeks, start=self.start or next_monday(today or date.today()),
            level=self.level, exclude=self.exclude, patient=self.patient.strip(),
            clinician=self.clinician.strip(), clinic=self.clinic.strip(),
            notes=self.notes.strip(), days=self.days, choices=self.choices,
            from_week=self.from_week, decisions=self.decisions,
        )


def check_references(settings: Settings, library: Library, where) -> list[HepgenError]:
    """Names in the settings that the library does not know; *where(key...)* locates them."""
    problems = []
    if settings.program not in library.programs:
        problems.append(HepgenError(
            f"unknown program '{settings.program}'{did_you_mean(settings.program, library.programs)}",
            where("program")))
        return problems
    used = library.programs[settings.program].exercise_ids
    for i, name in enumerate(settings.exclude):
        if name not in used:
            problems.append(HepgenError(
                f"'{name}' is not in {settings.program}{did_you_mean(name, used)}",
                where("exclude", i)))
    for name, choice in settings.choices.items():
        if name not in used:
            problems.append(HepgenError(
                f"'{name}' is not in {settings.program}{did_you_mean(name, used)}",
                where("exercises", name, key=True)))
            continue
        ids = [v.id for v in library.exercises[name].variants]
        if choice.pin is not None and choice.pin not in ids:
            problems.append(HepgenError(
                f"'{choice.pin}' is not a variant of {name}{did_you_mean(choice.pin, ids)}",
                where("exercises", name, "pin")))
    for name in settings.decisions:
        if name not in used:
            problems.append(HepgenError(
                f"'{name}' is not in {settings.program}{did_you_mean(name, used)}",
                where("review", "decisions", name, key=True)))
    return problems


def from_plan_file(path: str | Path, library: Library) -> Settings:
    """Read a plan file; raises :class:`ErrorList` with every problem and its place."""
    path = Path(path)
    return from_doc(load_file(path, str(path)), library, path.parent)


def from_doc(doc, library: Library, folder: Path | None) -> Settings:
    """Settings from a loaded plan file (or a web form shaped like one). A ``logo`` is read
    relative to *folder*; with no folder (an uploaded file) it is ignored."""
    if not isinstance(doc.data, dict):
        raise HepgenError("a plan file is a mapping of settings, like 'patient: Ann Lee'",
                          doc.where())
    problems = schema.check(doc, "plan")
    if problems:
        raise ErrorList(problems)
    data = doc.data
    choices = {
        name: ExerciseChoice(pin=item.get("pin"), cap=dict(item.get("cap", {})),
                             dose=dict(item.get("dose", {})), note=item.get("note", ""))
        for name, item in data.get("exercises", {}).items()
    }
    review = data.get("review", {})
    start = data.get("start")
    if start and not isinstance(start, date):
        try:
            start = date.fromisoformat(start)
        except ValueError:  # matches YYYY-MM-DD but is no date, like 2027-02-30
            raise HepgenError(f"start '{start}' is not a date on the calendar", doc.where(("start",)))
    logo = data.get("logo") if folder is not None else None
    settings = Settings(
        program=data.get("program", DEFAULT_PROGRAM), patient=data.get("patient", ""),
        clinician=data.get("clinician", ""), clinic=data.get("clinic", ""),
        notes=data.get("notes", ""),
        start=start or None,
        weeks=data.get("weeks"), level=data.get("level", "beginner"),
        paper=data.get("paper", "a4"), large_print=data.get("large_print", False),
        logo=str((folder / logo)) if logo else None,
        days=tuple(sorted(DAY_NAMES.index(d) for d in data["days"])) if "days" in data else None,
        exclude=tuple(data.get("exclude", ())), choices=choices,
        from_week=review.get("from_week", 1), decisions=dict(review.get("decisions", {})),
    )
    problems = check_references(settings, library, lambda *keys, key=False: doc.where(keys, key))
    if problems:
        raise ErrorList(problems)
    return settings


# --- CSV rows (hepgen batch) ----------------------------------------------------------

CSV_FIELDS = ("patient", "program", "clinician", "clinic", "notes", "start", "weeks", "level",
              "paper", "large_print", "logo", "days", "exclude")
_TRUE = {"yes", "true", "1", "y"}
_FALSE = {"no", "false", "0", "n", ""}


def from_row(row: dict[str, str], library: Library, base: Settings, where: Location) -> Settings:
    """Settings from one CSV row (columns named like plan-file fields), on top of *base*."""
    values: dict = {}
    def fail(message: str) -> HepgenError:
        return HepgenError(message, where)
    for column, raw in row.items():
        text = (raw or "").strip()
        if column in ("patient", "clinician", "clinic", "notes") and text:
            values[column] = text
        elif column == "program" and text:
            values["program"] = text
        elif column == "start" and text:
            try:
                values["start"] = date.fromisoformat(text)
            except ValueError:
                raise fail(f"start '{text}' is not a date; write it as YYYY-MM-DD") from None
        elif column == "weeks" and text:
            if not text.isdigit() or not 1 <= int(text) <= 52:
                raise fail(f"weeks '{text}' must be a whole number from 1 to 52")
            values["weeks"] = int(text)
        elif column == "level" and text:
            if text.lower() not in LEVELS:
                raise fail(f"level '{text}' must be one of: {', '.join(LEVELS)}"
                           f"{did_you_mean(text.lower(), LEVELS)}")
            values["level"] = text.lower()
        elif column == "paper" and text:
            if text.lower() not in PAPERS:
                raise fail(f"paper '{text}' must be a4 or letter")
            values["paper"] = text.lower()
        elif column == "large_print":
            if text.lower() not in _TRUE | _FALSE:
                raise fail(f"large_print '{text}' must be yes or no")
            values["large_print"] = text.lower() in _TRUE
        elif column == "logo" and text:
            values["logo"] = text
        elif column == "days" and text:
            try:
                values["days"] = parse_days(text.replace(";", ","))
            except HepgenError as exc:
                raise fail(exc.message) from None
        elif column == "exclude" and text:
            values["exclude"] = tuple(t.strip() for t in text.replace(",", ";").split(";") if t.strip())
    settings = base.merged(**values)
    problems = check_references(settings, library, lambda *keys, key=False: where)
    if problems:
        raise problems[0]
    return settings
