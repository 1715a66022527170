"""Finding, loading and checking the YAML library: exercises, programs, education.

A library is a folder with ``exercises/``, ``programs/`` and ``education/`` inside. The
built-in one ships in the wheel as ``generator/data`` and, in a checkout, is the repository's
own top-level folders. Extra libraries (``--library DIR``) are loaded on top: a file there
replaces a built-in one with the same id, so a clinic can adapt a copy.

Loading checks each file against its JSON Schema, then builds its value with the checks
within one file (:mod:`generator.builders`), then checks what no single file can: ids
unique across files and libraries, and references between files.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .builders import BUILDERS
from .errors import ErrorList, HepgenError, Location, did_you_mean
from .models import EducationSection, Exercise, Library, Program

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


_KIND_OF_VALUE = {Exercise: "exercise", Program: "program", EducationSection: "education"}


def load_one(path: Path, kind: str | None = None) -> tuple[object, Doc]:
    """Load and check one file; raises :class:`ErrorList` with every problem in it."""
    from . import schema
    from .yamlload import hidden_characters, load_file

    doc = load_file(path, display_name(path))
    if hidden := hidden_characters(doc):
        raise ErrorList(hidden)
    kind = kind or kind_of(path, doc)
    if not isinstance(doc.data, dict):
        raise ErrorList([doc.error(
            f"the file must be a mapping of keys (like 'id: ...'), not {type(doc.data).__name__}"
        )])
    problems = schema.check(doc, kind)
    if problems:
        raise ErrorList(problems)
    value = BUILDERS[kind](doc, path.stem, problems)
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
                    if (message := exercises[name].not_a_variant(variant_id)):
                        problems.append(doc.error(message, ("start", name, level)))
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
                if item.up_to is not None and (
                        message := exercises[item.exercise].not_a_variant(item.up_to)):
                    problems.append(doc.error(message, path + ("up_to",)))
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
                        f"{name} starts at {level} level on '{variant_id}', which is harder than "
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
        if all(path.resolve() != root.resolve() for root in roots):  # the same one twice
            roots.append(path)
    return roots


@lru_cache(maxsize=8)
def load_library(extra: tuple[str, ...] = (), lang: str = "en") -> Library:
    """The built-in library plus extra library folders, its text in *lang* (English where
    a translation is missing, see :mod:`generator.overlay`); raises on any problem.

    Cached within the process, and on disk while no file changes (see ``cache.py``).
    """
    from .cache import cached

    roots = _roots(extra)
    files = [path for root in roots for path in library_files(root)]
    if lang != "en":
        from .overlay import overlay_files

        files += [path for root in roots for path in overlay_files(root, lang)]
    return cached(roots, files, lambda: _load_checked(roots, extra, lang), Library, tag=lang)


def localized(library: Library, lang: str) -> Library:
    """*library* with its text in *lang*: the same folders loaded with their overlays."""
    return library if lang == library.lang else load_library(library.extra, lang)


def _load_checked(roots: list[Path], extra: tuple[str, ...] = (), lang: str = "en") -> Library:
    values, docs, problems = _load(roots)
    _cross_check(values, docs, problems)
    if problems:
        raise ErrorList(problems)
    missing: dict[str, tuple[str, ...]] = {}
    if lang != "en":
        from .overlay import translate

        missing = translate(values, docs, lang, problems)
        if problems:
            raise ErrorList(problems)
    good = _good(values)
    return Library(good["exercise"], good["program"], good["education"], extra=tuple(extra),
                   lang=lang, missing=missing)


def check_paths(paths: tuple[str, ...], extra: tuple[str, ...] = (),
                lang: str | None = None) -> tuple[int, list[HepgenError]]:
    """Validate files or library folders; with no paths, the whole library, translations
    (overlays) included.

    Given files are checked on their own and against the library around them: a program
    may name exercises from the built-in library, and a given file replaces a built-in one
    with the same id. With *lang*, every text without a *lang* translation is a problem too,
    at its line in the English file. Returns how many files were checked and every problem.
    """
    from .overlay import check_overlay_file, check_translations, is_overlay, overlay_languages

    roots = _roots(extra)
    if not paths:
        values, docs, problems = _load(roots)
        _cross_check(values, docs, problems)
        langs = [lang] if lang else sorted({c for r in roots for c in overlay_languages(r)})
        count, found = check_translations(docs, roots, langs, report_missing=bool(lang))
        return sum(len(library_files(r)) for r in roots) + count, problems + found

    overlays = [Path(name) for name in paths if is_overlay(Path(name))]
    overlays += [p for name in paths if Path(name).is_dir() and is_overlay(Path(name) / "x.yaml")
                 for p in sorted(Path(name).iterdir()) if p.suffix in (".yaml", ".yml")]
    paths = tuple(name for name in paths if not is_overlay(Path(name))
                  and not (Path(name).is_dir() and is_overlay(Path(name) / "x.yaml")))
    translated: list[HepgenError] = []
    for path in overlays:
        if not path.exists():
            raise HepgenError("no such file or folder", Location(str(path)))
        translated += check_overlay_file(path, lang)
    if not paths:
        return len(overlays), translated

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
    if lang:  # the given English files: what is left in English
        from .overlay import missing_problems, overlay_path

        for kind, ident in sorted(mine):
            english = docs[(kind, ident)]
            target = overlay_path(english.file, lang)
            problems += (check_overlay_file(target, lang) if target.is_file()
                         else missing_problems(english, lang, [()]))
    return len(files) + len(overlays), problems + translated


def translation_coverage(extra: tuple[str, ...] = ()) -> list[dict]:
    """For each language: its code and name, and how many of the fixed texts (the catalog)
    and of the library's texts (the overlays) are translated, of how many."""
    from .catalogs import completeness
    from .i18n import languages, name
    from .overlay import library_coverage

    roots = _roots(extra)
    _, docs, _ = _load(roots)
    rows = []
    for code in languages():
        fixed = completeness(code)
        text = library_coverage(docs, code)
        rows.append({"lang": code, "name": name(code), "fixed": list(fixed), "library": list(text)})
    return rows
