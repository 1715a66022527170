"""Building the library's values from checked YAML documents, one file at a time.

Each builder takes a document that passed its JSON Schema and returns an
:class:`~generator.models.Exercise`, :class:`~generator.models.Program` or
:class:`~generator.models.EducationSection`, adding to *problems* what a schema cannot say
within one file: ids that match file names, ranges in order, doses that can grow, phases in
order. Finding files and the checks between files are :mod:`generator.library`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import (
    LEVELS,
    DoseWindow,
    EducationSection,
    Exercise,
    Phase,
    PhaseItem,
    Program,
    Variant,
    Window,
)

if TYPE_CHECKING:
    from .yamlload import Doc


def _check_id(doc: Doc, stem: str, problems: list) -> None:
    """A file's id is its file name, so that ids can be found and replaced by file."""
    given = doc.data["id"]
    if given != stem:
        problems.append(doc.error(
            f"id '{given}' does not match the file name; rename the file to "
            f"{given}.yaml or set id: {stem}", ("id",)))


def _window(value, path: tuple, doc: Doc, problems: list) -> Window | None:
    if value is None:
        return None
    if isinstance(value, int):
        return Window(value, 0, value)
    window = Window(value["start"], value["step"], value["max"])
    if window.start > window.max:
        problems.append(doc.error(
            f"{path[-1]} starts at {window.start} but its max is {window.max}; "
            "start must not be above max", path))
    elif window.start < window.max and window.step == 0:
        problems.append(doc.error(
            f"{path[-1]} grows from {window.start} to {window.max} but its step is 0; "
            "give a step of at least 1", path + ("step",)))
    elif window.step > window.max - window.start and window.start < window.max:
        problems.append(doc.error(
            f"{path[-1]} step {window.step} jumps past max {window.max} in one go; "
            "use a smaller step", path + ("step",)))
    return window


def _dose(data: dict, path: tuple, doc: Doc, problems: list, kind: str = "") -> DoseWindow:
    if kind == "activity":  # minutes a day, nothing else
        extra = [k for k in ("hold_s", "reps", "sets", "drop") if k in data]
        if "minutes" not in data:
            problems.append(doc.error("an activity's dose needs minutes a day, like "
                                      "minutes: {start: 10, step: 2, max: 30}", path))
        elif extra:
            problems.append(doc.error(f"an activity's dose is minutes a day only; remove "
                                      f"{', '.join(extra)}", path))
        data = {"reps": 1, "sets": 1, "rest_s": 0, "progress": ["minutes"], **data}
    else:
        missing = [k for k in ("reps", "sets", "rest_s") if k not in data]
        if missing or "minutes" in data:
            problems.append(doc.error(
                "minutes is for exercises of kind: activity; give reps, sets and rest_s"
                if "minutes" in data else f"missing required key '{missing[0]}'", path))
            data = {"reps": 1, "sets": 1, "rest_s": 0, **data}
            data.pop("minutes", None)
    windows = {
        name: _window(data.get(name), path + (name,), doc, problems)
        for name in ("hold_s", "reps", "sets", "minutes")
    }
    progress = tuple(data.get("progress", ("hold_s", "reps", "sets")))
    if windows["hold_s"] is None:
        if "hold_s" in data.get("progress", ()):
            problems.append(doc.error(
                "progress names hold_s, but this dose has no hold_s", path + ("progress",)))
        progress = tuple(p for p in progress if p != "hold_s")
    for name, window in windows.items():
        if window is not None and not window.fixed and name not in progress:
            problems.append(doc.error(
                f"{name} grows from {window.start} to {window.max} but is not listed in "
                "progress; add it there or make it a fixed number", path + ("progress",)))
    return DoseWindow(
        reps=windows["reps"], sets=windows["sets"], hold_s=windows["hold_s"],
        rest_s=data["rest_s"], tempo_s=data.get("tempo_s", 4), progress=progress,
        drop=data.get("drop", 0), minutes=windows["minutes"],
    )


def _exercise(doc: Doc, stem: str, problems: list) -> Exercise:
    data = doc.data
    _check_id(doc, stem, problems)
    variants = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data["variants"]):
        path = ("variants", i)
        if item["id"] in seen:
            problems.append(doc.error(
                f"variant id '{item['id']}' is used twice in this file; ids must be unique",
                path + ("id",)))
        seen[item["id"]] = i
        figure = None
        if "figure" in item:
            from .figures.checks import problems as figure_problems
            from .figures.pose import Figure

            figure = Figure.from_data(item["figure"])
            for pose_index, sentence in figure_problems(figure):
                problems.append(doc.error(f"figure: {sentence}",
                                          path + ("figure", "poses", pose_index)))
        variants.append(Variant(
            id=item["id"], name=item["name"], steps=tuple(item["steps"]),
            cues=tuple(item["cues"]), mistakes=tuple(item["mistakes"]),
            dose=_dose(item["dose"], path + ("dose",), doc, problems, data["kind"]),
            per_side=item.get("per_side", data.get("per_side", False)),
            summary=item.get("summary", ""), video=item.get("video"), figure=figure,
            stop_if=tuple(item.get("safety", {}).get("stop_if", ())),
            cautions=tuple(item.get("safety", {}).get("cautions", ())),
        ))
    safety = data["safety"]
    return Exercise(
        id=data["id"], name=data["name"], kind=data["kind"], purpose=data["purpose"],
        variants=tuple(variants), stop_if=tuple(safety["stop_if"]),
        cautions=tuple(safety.get("cautions", ())), also_daily=data.get("also_daily", False),
        sources=tuple(data.get("sources", ())), file=doc.file,
    )


def _pyramid(data: dict | None, path: tuple, doc: Doc, problems: list) -> tuple | None:
    if data is None:
        return None
    if data["start"] > data["max"]:
        problems.append(doc.error(f"pyramid starts at {data['start']} but its max is "
                                  f"{data['max']}; start must not be above max", path + ("pyramid",)))
    return data["start"], data["drop"], data["max"]


def _program(doc: Doc, stem: str, problems: list) -> Program:
    data = doc.data
    _check_id(doc, stem, problems)
    weeks = data["weeks"]
    if not weeks["min"] <= weeks["default"] <= weeks["max"]:
        problems.append(doc.error(
            f"weeks must satisfy min ≤ default ≤ max (they are {weeks['min']}, "
            f"{weeks['default']}, {weeks['max']})", ("weeks",)))
    sessions = data["sessions_per_week"]
    if sessions["start"] > sessions["end"]:
        problems.append(doc.error(
            f"sessions_per_week starts at {sessions['start']} but ends at {sessions['end']}; "
            "sessions grow, so start must not be above end", ("sessions_per_week",)))
    phases = []
    previous = 0
    for i, item in enumerate(data["phases"]):
        path = ("phases", i, "from_week")
        if i == 0 and item["from_week"] != 1:
            problems.append(doc.error("the first phase must start at from_week: 1", path))
        elif item["from_week"] <= previous:
            problems.append(doc.error(
                f"phase '{item['name']}' starts at week {item['from_week']}, not after the "
                f"phase before it (week {previous}); phases must be in order", path))
        elif item["from_week"] > weeks["min"]:
            problems.append(doc.error(
                f"phase '{item['name']}' starts at week {item['from_week']}, after the "
                f"shortest allowed plan (weeks.min = {weeks['min']}); start it earlier or "
                "raise weeks.min", path))
        previous = item["from_week"]
        names = [e["exercise"] for e in item["exercises"]]
        for j, name in enumerate(names):
            if name in names[:j]:
                problems.append(doc.error(
                    f"'{name}' is listed twice in this phase; keep one",
                    ("phases", i, "exercises", j, "exercise")))
        phases.append(Phase(
            name=item["name"], from_week=item["from_week"], focus=item.get("focus", ""),
            items=tuple(PhaseItem(e["exercise"], e.get("up_to"), tuple(e.get("cap", {}).items()),
                              _pyramid(e.get("pyramid"), ("phases", i, "exercises", j), doc, problems))
                        for j, e in enumerate(item["exercises"]))
            + tuple(PhaseItem(e) for e in item.get("daily", ())),
        ))
    start = tuple(
        (exercise, tuple((level, levels[level]) for level in LEVELS))
        for exercise, levels in data["start"].items()
    )
    return Program(
        id=data["id"], title=data["title"], summary=data["summary"],
        weeks_default=weeks["default"], weeks_min=weeks["min"], weeks_max=weeks["max"],
        sessions_start=sessions["start"], sessions_end=sessions["end"], start=start,
        phases=tuple(phases), deload_every=data.get("deload", {}).get("every"),
        max_minutes=data.get("max_minutes"), education=tuple(data.get("education", ())),
        sources=tuple(data.get("sources", ())), file=doc.file,
        cautions=tuple(data.get("cautions", ())),
    )


def _education(doc: Doc, stem: str, problems: list) -> EducationSection:
    data = doc.data
    _check_id(doc, stem, problems)
    return EducationSection(
        id=data["id"], title=data["title"], points=tuple(data["points"]),
        intro=data.get("intro", ""), sources=tuple(data.get("sources", ())), file=doc.file,
    )


BUILDERS = {"exercise": _exercise, "program": _program, "education": _education}
