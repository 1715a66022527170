"""Finding, loading and checking the YAML library: exercises, programs, education.

A library is a folder with ``exercises/``, ``programs/`` and ``education/`` inside. The
built-in one ships in the wheel as ``generator/data`` and, in a checkout, is the repository's
own top-level folders. Extra libraries (``--library DIR``) are loaded on top: a file there
replaces a built-in one with the same id, so a clinic can adapt a copy.

Loading checks each file against its JSON Schema, then what a schema cannot say: ranges
that must be in order, ids that must be unique, and references between files.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from .errors import ErrorList, HepgenError, Location, did_you_mean
from .models import (
    LEVELS,
    DoseWindow,
    EducationSection,
    Exercise,
    Library,
    Phase,
    PhaseItem,
    Program,
    Variant,
    Window,
)

if TYPE_CHECKING:  # parsing modules load only when files are read, not from the cache
    from .yamlload import Doc

FOLDERS = {"exercises": "exercise", "programs": "program", "education": "education"}


def builtin_root() -> Path:
    """The built-in library: inside the installed package, or the checkout's folders."""
    package = Path(__file__).resolve().parent
    packaged = package / "data"
    if (packaged / "exercises").is_dir():
        return packaged
    return package.parent


def display_name(path: Path) -> str:
    """How messages name a file: relative to the working folder when it is inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def kind_of(path: Path, doc: Doc | None = None) -> str:
    """Which kind of file this is: by its folder, else by its content."""
    folder = path.parent.name
    if folder in FOLDERS:
        return FOLDERS[folder]
    if doc is not None and isinstance(doc.data, dict):
        if "variants" in doc.data:
            return "exercise"
        if "phases" in doc.data:
            return "program"
        if "points" in doc.data:
            return "education"
    raise HepgenError(
        "cannot tell what kind of file this is; put it in an exercises/, programs/ or "
        "education/ folder",
        Location(display_name(path)),
    )


# --- building values from checked documents -------------------------------------------


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
    if data["id"] != stem:
        problems.append(doc.error(
            f"id '{data['id']}' does not match the file name; rename the file to "
            f"{data['id']}.yaml or set id: {stem}", ("id",)))
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
    if data["id"] != stem:
        problems.append(doc.error(
            f"id '{data['id']}' does not match the file name; rename the file to "
            f"{data['id']}.yaml or set id: {stem}", ("id",)))
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
    if data["id"] != stem:
        problems.append(doc.error(
            f"id '{data['id']}' does not match the file name; rename the file to "
            f"{data['id']}.yaml or set id: {stem}", ("id",)))
    return EducationSection(
        id=data["id"], title=data["title"], points=tuple(data["points"]),
        intro=data.get("intro", ""), sources=tuple(data.get("sources", ())), file=doc.file,
    )


_BUILDERS = {"exercise": _exercise, "program": _program, "education": _education}
_KIND_OF_VALUE = {Exercise: "exercise", Program: "program", EducationSection: "education"}


def load_one(path: Path, kind: str | None = None) -> tuple[object, Doc]:
    """Load and check one file; raises :class:`ErrorList` with every problem in it."""
    from . import schema
    from .yamlload import load_file

    doc = load_file(path, display_name(path))
    kind = kind or kind_of(path, doc)
    if not isinstance(doc.data, dict):
        raise ErrorList([doc.error(
            f"the file must be a mapping of keys (like 'id: ...'), not {type(doc.data).__name__}"
        )])
    problems = schema.check(doc, kind)
    if problems:
        raise ErrorList(problems)
    value = _BUILDERS[kind](doc, path.stem, problems)
    if problems:
        raise ErrorList(problems)
    return value, doc


# --- whole libraries ------------------------------------------------------------------


def library_files(root: Path) -> list[Path]:
    """The YAML files of a library folder, in a stable order."""
    files = []
    for folder in FOLDERS:
        sub = root / folder
        if sub.is_dir():
            files.extend(sorted(p for p in sub.iterdir() if p.suffix in (".yaml", ".yml")))
    return files


def _cross_check(values: dict, docs: dict[tuple[str, str], Doc], problems: list) -> None:
    """References between files: programs name exercises, variants and education."""
    exercises: dict[str, Exercise | None] = values["exercise"]  # None: the file is broken
    owners: dict[str, str] = {}
    for exercise in (e for e in exercises.values() if e is not None):
        for i, variant in enumerate(exercise.variants):
            if variant.id in owners and owners[variant.id] != exercise.id:
                other = exercises[owners[variant.id]]
                problems.append(docs[("exercise", exercise.id)].error(
                    f"variant id '{variant.id}' is also used in {other.file}; "
                    "variant ids must be unique across the library", ("variants", i, "id")))
            owners.setdefault(variant.id, exercise.id)

    for program in (p for p in values["program"].values() if p is not None):
        doc = docs[("program", program.id)]
        starts = dict(program.start)
        used = set(program.exercise_ids)
        for name in starts:
            if name not in exercises:
                problems.append(doc.error(
                    f"unknown exercise '{name}'{did_you_mean(name, exercises)}",
                    ("start", name), key=True))
            elif exercises[name] is None:
                continue  # its own file's errors say what is wrong
            elif name not in used:
                problems.append(doc.error(
                    f"'{name}' has a start but is in no phase; add it to a phase or remove it",
                    ("start", name), key=True))
            else:
                for level, variant_id in starts[name]:
                    if variant_id not in {v.id for v in exercises[name].variants}:
                        hint = did_you_mean(variant_id, [v.id for v in exercises[name].variants])
                        problems.append(doc.error(
                            f"'{variant_id}' is not a variant of {name}{hint}",
                            ("start", name, level)))
        first_cap: dict[str, tuple[str | None, tuple]] = {}
        for i, phase in enumerate(program.phases):
            listed = len(doc.data["phases"][i]["exercises"])
            for j, item in enumerate(phase.items):
                path = ("phases", i, "exercises", j)
                if item.exercise not in exercises:
                    where = path + ("exercise",) if j < listed else ("phases", i, "daily", j - listed)
                    problems.append(doc.error(
                        f"unknown exercise '{item.exercise}'"
                        f"{did_you_mean(item.exercise, exercises)}", where))
                    continue
                if exercises[item.exercise] is None:
                    continue
                if item.exercise not in starts:
                    problems.append(doc.error(
                        f"'{item.exercise}' has no starting variant; add it under start:",
                        path + ("exercise",)))
                ids = [v.id for v in exercises[item.exercise].variants]
                if item.up_to is not None and item.up_to not in ids:
                    problems.append(doc.error(
                        f"'{item.up_to}' is not a variant of {item.exercise}"
                        f"{did_you_mean(item.up_to, ids)}", path + ("up_to",)))
                first_cap.setdefault(item.exercise, (item.up_to, path))
            listed = len(doc.data["phases"][i]["exercises"])  # then its daily activities
            for j, item in enumerate(phase.items):
                exercise = exercises.get(item.exercise)
                if exercise is None or (exercise.kind == "activity") == (j >= listed):
                    continue
                problems.append(doc.error(
                    f"'{item.exercise}' is an activity, done every day; list it under daily:"
                    if j < listed else
                    f"'{item.exercise}' is not an activity; list it under exercises:",
                    ("phases", i, "exercises", j, "exercise") if j < listed else
                    ("phases", i, "daily", j - listed)))
        for name, (cap, path) in first_cap.items():
            if cap is None or name not in starts or exercises.get(name) is None:
                continue
            ids = [v.id for v in exercises[name].variants]
            for level, variant_id in starts[name]:
                if variant_id in ids and cap in ids and ids.index(variant_id) > ids.index(cap):
                    problems.append(doc.error(
                        f"{name} starts {level}s on '{variant_id}', which is harder than "
                        f"up_to '{cap}' of the phase it first appears in", path + ("up_to",)))
        for k, section in enumerate(program.education):
            if section not in values["education"]:
                problems.append(doc.error(
                    f"unknown education section '{section}'"
                    f"{did_you_mean(section, values['education'])}", ("education", k)))


def _load(roots: list[Path]) -> tuple[dict, dict, list[HepgenError]]:
    """Load library folders in order; the first is the built-in one.

    A file in a later folder replaces the built-in one with the same id; two extra folders
    defining the same id is an error. Returns the good values by kind, their documents and
    every problem found.
    """
    values: dict[str, dict] = {kind: {} for kind in FOLDERS.values()}
    docs: dict[tuple[str, str], Doc] = {}
    origin: dict[tuple[str, str], tuple[int, Path]] = {}
    problems: list[HepgenError] = []
    for depth, root in enumerate(roots):
        for path in library_files(root):
            kind = FOLDERS[path.parent.name]
            try:
                value, doc = load_one(path, kind)
            except HepgenError as exc:
                problems.extend(exc.errors)
                values[kind].setdefault(path.stem, None)  # known, but broken
                continue
            earlier = origin.get((kind, value.id))
            if earlier is not None and (earlier[0] == depth or earlier[0] > 0):
                problems.append(doc.error(
                    f"{kind} id '{value.id}' is already used by {display_name(earlier[1])}; "
                    "ids must be unique across libraries"))
                continue
            origin[(kind, value.id)] = (depth, path)
            values[kind][value.id] = value
            docs[(kind, value.id)] = doc
    return values, docs, problems


def _good(values: dict) -> dict:
    """Only the files that loaded; broken ones stay in *values* so that references to
    them are not reported a second time as unknown."""
    return {kind: {k: v for k, v in items.items() if v is not None} for kind, items in values.items()}


def _roots(extra: tuple[str, ...]) -> list[Path]:
    roots = [builtin_root()]
    for folder in extra:
        path = Path(folder)
        if not path.is_dir():
            raise HepgenError("library folder not found; give a folder that holds exercises/ "
                              "or programs/", Location(folder))
        if not any((path / sub).is_dir() for sub in FOLDERS):
            raise HepgenError("this folder has no exercises/, programs/ or education/ inside; "
                              "is it a hepgen library?", Location(folder))
        roots.append(path)
    return roots


@lru_cache(maxsize=8)
def load_library(extra: tuple[str, ...] = ()) -> Library:
    """The built-in library plus extra library folders; raises on any problem.

    Cached within the process, and on disk while no file changes (see ``cache.py``).
    """
    from .cache import cached

    roots = _roots(extra)
    files = [path for root in roots for path in library_files(root)]
    return cached(roots, files, lambda: _load_checked(roots))


def _load_checked(roots: list[Path]) -> Library:
    values, docs, problems = _load(roots)
    _cross_check(values, docs, problems)
    if problems:
        raise ErrorList(problems)
    good = _good(values)
    return Library(good["exercise"], good["program"], good["education"])


def check_paths(paths: tuple[str, ...], extra: tuple[str, ...] = ()) -> tuple[int, list[HepgenError]]:
    """Validate files or library folders; with no paths, the whole library.

    Given files are checked on their own and against the library around them: a program
    may name exercises from the built-in library, and a given file replaces a built-in one
    with the same id. Returns how many files were checked and every problem found.
    """
    roots = _roots(extra)
    if not paths:
        values, docs, problems = _load(roots)
        _cross_check(values, docs, problems)
        return sum(len(library_files(r)) for r in roots), problems

    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = library_files(path) or sorted(
                p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            if not found:
                raise HepgenError("no .yaml files in this folder", Location(name))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise HepgenError("no such file or folder", Location(name))

    values, docs, _ = _load(roots)  # the surrounding library, for references
    problems: list[HepgenError] = []
    mine: set[tuple[str, str]] = set()
    for path in files:
        try:
            value, doc = load_one(path)
        except HepgenError as exc:
            problems.extend(exc.errors)
            continue
        kind = _KIND_OF_VALUE[type(value)]
        values[kind][value.id] = value
        docs[(kind, value.id)] = doc
        mine.add((kind, value.id))
    cross: list[HepgenError] = []
    _cross_check(values, docs, cross)
    names = {docs[key].file for key in mine}
    problems += [p for p in cross if p.where is not None and p.where.file in names]
    return len(files), problems
