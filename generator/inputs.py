"""``hepgen validate`` for what a clinician writes besides the library: plan files and CSV
lists, checked as ``generate`` and ``batch`` would check them, writing nothing; and the
warnings about library text that reads wrongly once printed.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import HepgenError

LIST_KEYS = ("steps", "cues", "mistakes", "stop_if", "cautions", "points", "tips")
"""Lists of sentences in library files: each item prints as a bullet or a numbered step."""


def kind(path: Path) -> str | None:
    """'csv' for a CSV list, 'plan' for a plan file, None for a library file (or a folder)."""
    from .library import FOLDERS

    if path.suffix.lower() == ".csv":
        return "csv"
    if path.is_dir() or path.suffix.lower() not in (".yaml", ".yml"):
        return None
    if path.parent.name in FOLDERS:
        return None
    from .yamlload import load_file

    try:
        data = load_file(path, str(path)).data
    except HepgenError:
        return None  # the library check reports it
    if isinstance(data, dict) and not {"variants", "phases", "points"} & set(data):
        return "plan"
    return None


def validate(paths: tuple[str, ...], libraries: tuple[str, ...], lang: str | None = None
             ) -> tuple[int, list[HepgenError], list[HepgenError]]:
    """``hepgen validate``: (files checked, problems, warnings) for *paths* (library files
    or folders, plan files, CSV lists; none: the whole library, extra *libraries* too);
    with *lang*, also every library text with no translation into it."""
    from .library import check_paths, library_files

    given = {name: kind(Path(name)) for name in paths}
    library_paths = tuple(name for name, found in given.items() if found is None)
    count, problems = (check_paths(library_paths, libraries, lang)
                       if library_paths or not paths else (0, []))
    for name, found in given.items():
        if found == "plan":
            count, problems = count + 1, problems + check_plan_file(Path(name), libraries)
        elif found == "csv":
            count, problems = count + 1, problems + check_csv(Path(name), libraries)[1]
    files = ([Path(p) for p in library_paths if Path(p).is_file()]
             + [f for p in library_paths if Path(p).is_dir() for f in library_files(Path(p))]
             + [f for p in (libraries if not paths else ()) for f in library_files(Path(p))])
    return count, problems, list_warnings(files)


def check_plan_file(path: Path, libraries: tuple[str, ...]) -> list[HepgenError]:
    """Every problem ``generate --plan-file`` would report; nothing is made or written."""
    from .files import read_logo
    from .library import load_library
    from .settings import from_plan_file

    settings = None
    try:
        settings = from_plan_file(path, load_library(libraries),
                                  lambda extra: load_library(libraries + extra))
        read_logo(settings.logo)  # missing, too big or damaged: generate would stop there
    except HepgenError as exc:
        place = settings.places.get("logo") if settings is not None else None
        if place is not None and exc.where is not None and exc.where.file == settings.logo:
            return [HepgenError(f"{settings.logo}: {exc.message}", place.at())]
        return exc.errors
    return []


def check_csv(path: Path, libraries: tuple[str, ...]) -> tuple[int, list[HepgenError]]:
    """(rows, problems) for a CSV list, row by row as ``batch`` reads it; nothing written."""
    from .batch import logo_failure, plan_jobs, read_rows, row_error
    from .files import read_logo
    from .library import load_library
    from .settings import Settings

    rows = read_rows(path)
    jobs, failures = plan_jobs(path, rows, load_library(libraries), Settings(), "pdf")
    for job in jobs:  # missing, too big or damaged: batch would fail the row there
        try:
            read_logo(job.settings.logo)
        except HepgenError as exc:
            failures.append(row_error(path, job, logo_failure(job, exc) or exc.message, "logo"))
    failures.sort(key=lambda error: error.where.line if error.where else 0)
    return len(rows), [item for error in failures for item in error.errors]


def list_warnings(files: list[Path]) -> list[HepgenError]:
    """List items that look like half a sentence: a YAML flow list ``[a, or b]`` splits at
    every comma, so "Sharp pain, or pain in a leg." becomes two bullets."""
    from .yamlload import load_file

    found: list[HepgenError] = []
    for path in files:
        try:
            doc = load_file(path, str(path))
        except HepgenError:
            continue
        for where, text in _items(doc.data, ()):
            match = re.match(r"(or|and)\b|[a-z]", text)
            if match:
                start = match.group(0)
                what = f"'{start}'" if len(start) > 1 else "a small letter"
                found.append(HepgenError(
                    f"this item starts with {what}, so it may be half of a sentence split at "
                    "a comma (in [a, b] every comma starts a new item); write the item on "
                    "its own line ('- Sharp pain, or ...') or put it in quotes",
                    doc.where(where)))
    return found


def _items(data, path):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LIST_KEYS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield path + (key, i), item.strip()
            else:
                yield from _items(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _items(value, path + (i,))
