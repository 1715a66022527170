"""``hepgen batch``: one plan per CSV row, in parallel, for a clinic's morning list.

Rows are read and checked first (unknown columns stop everything before any work);
each good row is then rendered by a worker process. A bad row is reported with its line
number and reason, and every other row is still written.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import HepgenError, Location, did_you_mean
from .settings import CSV_FIELDS, Settings, from_row

MAX_ROWS = 5000
MAX_CSV_BYTES = 10 * 1024 * 1024  # 5,000 rows of about 2 KB each


@dataclass(frozen=True)
class Job:
    line: int
    settings: Settings
    filename: str


def slug(name: str) -> str:
    """A safe file-name stem from a person's name.

    >>> slug("Zoë O'Brien & <Sons>"), slug("Łukasz Żółć"), slug("../../etc")
    ('zoe-obrien-sons', 'lukasz-zolc', 'etc')
    """
    text = name.replace("Ł", "L").replace("ł", "l").replace("Ø", "O").replace("ø", "o")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60]


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with their line numbers; checks the header first."""
    from .files import read_input

    raw = read_input(path, MAX_CSV_BYTES)  # a regular file only: a pipe cannot hang us
    if len(raw) > MAX_CSV_BYTES:
        raise HepgenError(f"the file is over {MAX_CSV_BYTES // (1024 * 1024)} MB; split it into "
                          f"files of at most {MAX_ROWS} rows", Location(str(path)))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise HepgenError("the file is UTF-16 text; save it as CSV UTF-8", Location(str(path)))
    if b"\x00" in raw:
        raise HepgenError("this is a binary file, not a CSV table", Location(str(path)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HepgenError("the file is not UTF-8 text; save it as CSV UTF-8",
                          Location(str(path))) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _rows(reader, path)
    except csv.Error as exc:
        where = Location(str(path), reader.line_num + 1 if "field larger" in str(exc)
                         else reader.line_num, 1)
        if "field larger" in str(exc):
            raise HepgenError(f"a cell is too long (over {csv.field_size_limit():,} characters); "
                              "is this the right file?", where) from None
        raise HepgenError(f"cannot read this row: {exc}", where) from None


def _rows(reader: csv.DictReader, path: Path) -> list[tuple[int, dict[str, str]]]:
    header = reader.fieldnames or []
    if not header:
        raise HepgenError("the file is empty; its first line names the columns, such as "
                          "patient,start,weeks", Location(str(path), 1, 1))
    for column in header:
        if column not in CSV_FIELDS:
            raise HepgenError(
                f"unknown column '{column}'{did_you_mean(column, CSV_FIELDS)}; the columns "
                f"can be: {', '.join(CSV_FIELDS)}", Location(str(path), 1, 1))
    rows = []
    for row in reader:
        if None in row:
            raise HepgenError("this row has more cells than the header has columns",
                              Location(str(path), reader.line_num, 1))
        if any((v or "").strip() for v in row.values()):
            rows.append((reader.line_num, row))
    if len(rows) > MAX_ROWS:
        raise HepgenError(f"the file has {len(rows)} rows; split it into files of at most "
                          f"{MAX_ROWS}", Location(str(path)))
    return rows


def plan_jobs(path: Path, rows, library, base: Settings, suffix: str):
    """Settings and a unique file name for each good row, and an error for each bad one."""
    jobs: list[Job] = []
    failures: list[HepgenError] = []
    taken: set[str] = set()
    for line, row in rows:
        where = Location(str(path), line, 1)
        try:
            settings = from_row(row, library, base, where)
            if settings.logo and not Path(settings.logo).is_absolute():
                settings = settings.merged(logo=str(path.parent / settings.logo))
        except HepgenError as exc:
            failures.append(exc)
            continue
        stem = slug(settings.patient) or f"row-{line}"
        name, n = stem, 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name)
        jobs.append(Job(line, settings, f"{name}.{suffix}"))
    return jobs, failures


def render_job(job: Job, libraries: tuple[str, ...], out_dir: str, fmt: str) -> tuple[int, str | None]:
    """Build and write one plan; returns (line, error message or None). Runs in a worker."""
    from .files import write_atomic
    from .library import load_library

    try:
        settings = job.settings
        plan = settings.build(load_library(libraries))
        write_atomic(str(Path(out_dir) / job.filename), settings.output(plan, fmt))
        return job.line, None
    except HepgenError as exc:
        return job.line, exc.message
