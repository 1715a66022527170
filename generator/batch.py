"""``hepgen batch``: one plan per CSV row, in parallel, for a clinic's morning list.

Rows are read and checked first (unknown columns stop everything before any work);
each good row is then rendered by a worker process. A bad row is reported with its line
number and reason, and every other row is still written. A file already in the folder is
never replaced unless asked: a plan takes the next free name (ann-lee-2.pdf), claimed
atomically, so two batches into one folder both keep their plans. Ctrl-C or SIGTERM
stops at once, kills the workers and removes their temporary files.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import HepgenError, Location, did_you_mean
from .settings import CSV_FIELDS, Settings, from_row

MAX_ROWS = 5000
OUT_OF_CALENDAR = ("a date in this plan falls outside the calendar (years 1 to 9999); give a "
                   "start date nearer today")
MAX_CSV_BYTES = 10 * 1024 * 1024  # 5,000 rows of about 2 KB each


@dataclass(frozen=True)
class Job:
    line: int
    settings: Settings
    filename: str
    label: str = ""  # the row's patient, to name it in messages


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
    first = text.split("\n", 1)[0]
    # Excel saves ';' in many locales, and tabs as "Text (Tab delimited)"; a tie is a comma
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
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
    header = [(c or "").strip().lower() for c in reader.fieldnames or []]
    reader.fieldnames = header  # a header typed as Patient or WEEKS is read all the same
    if not header:
        raise HepgenError("the file is empty; its first line names the columns, such as "
                          "patient,start,weeks", Location(str(path), 1, 1))
    for column in header:
        if column not in CSV_FIELDS:
            raise HepgenError(
                f"unknown column '{column}'{did_you_mean(column, CSV_FIELDS)} (the columns "
                f"can be: {', '.join(CSV_FIELDS)})", Location(str(path), 1, 1))
    rows = []
    for row in reader:  # a row with more cells than columns is kept, and refused on its own
        if any((v or "").strip() if isinstance(v, str) else v for v in row.values()):
            cells = [v for v in row.values() if isinstance(v, str)] + list(row.get(None) or ())
            breaks = sum(v.count("\n") for v in cells)  # a quoted cell may span lines
            rows.append((reader.line_num - breaks, row))  # the line the row starts on
    if len(rows) > MAX_ROWS:
        raise HepgenError(f"the file has {len(rows)} rows; split it into files of at most "
                          f"{MAX_ROWS}", Location(str(path)))
    return rows


def _label(row: dict) -> str:
    """The row's patient, to name it in messages (left out when it cannot be shown safely)."""
    from .request import MAX_NAME, text_problem

    name = (row.get("patient") or "").strip()
    if not isinstance(name, str) or text_problem("name", name, MAX_NAME):
        return ""
    return name if len(name) <= 40 else name[:39] + "…"


def plan_jobs(path: Path, rows, library, base: Settings, suffix: str, warn=lambda error: None):
    """Settings and a unique file name for each good row, and an error for each bad one;
    *warn* is told of rows that are made but may not be what was meant (no patient name)."""
    jobs: list[Job] = []
    failures: list[HepgenError] = []
    taken: set[str] = set()
    told: set[str] = set()  # a missing translation is told once, not once per row
    for line, row in rows:
        where = Location(str(path), line, 1, label=_label(row))
        if None in row:
            extra = row.pop(None)
            failures.append(HepgenError(
                f"this row has {len(extra)} more cell{'s' if len(extra) != 1 else ''} than the "
                f"header has columns (from cell {len(row) + 1}); is there a comma or semicolon "
                "inside a cell? Put that cell in quotes, or name the column in the header", where))
            continue
        try:
            settings = from_row(row, library, base, where)
            if settings.logo and not Path(settings.logo).is_absolute():
                settings = settings.merged(logo=str(path.parent / settings.logo))
        except HepgenError as exc:
            failures.append(exc)
            continue
        from datetime import date

        from .request import start_warning

        if settings.start and (past := start_warning(settings.start, date.today())):
            warn(HepgenError(past, Location(where.file, line, column="start", label=where.label)))
        for warning in settings.translation_warnings(library):
            if str(warning) not in told:
                told.add(str(warning))
                warn(warning)
        if not settings.patient:
            warn(HepgenError(f"this row has no patient name; its plan is row-{line}.{suffix} "
                             "and prints no name", Location(where.file, line, column="patient")))
        stem = slug(settings.patient) or f"row-{line}"
        name, n = stem, 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name)
        jobs.append(Job(line, settings, f"{name}.{suffix}", where.label))
    return jobs, failures


def logo_failure(job: Job, exc: HepgenError) -> str | None:
    """The message for a row whose logo cannot be used, naming the image; None when *exc*
    is about something else."""
    logo = job.settings.logo
    if logo and exc.where is not None and exc.where.file == logo:
        return f"{logo}: {exc.message}"
    return None


def row_error(path: Path, job: Job, message: str, column: str = "") -> HepgenError:
    """*message* placed at *job*'s row of the CSV file *path* (and at *column*, if given)."""
    return HepgenError(message, Location(str(path), job.line, 1, column, job.label))


def render_job(job: Job, libraries: tuple[str, ...], out_dir: str, fmt: str,
               overwrite: bool = False, tag: str = "") -> tuple:
    """Build and write one plan; returns (job, name written or None, error or None, the
    CSV column the error is about or "", whether the disk is full). Runs in a worker. Never
    replaces a file unless *overwrite*; *tag* starts the names of its temporary files."""
    from .files import DiskFull, write_atomic, write_new
    from .library import load_library

    try:
        settings = job.settings
        data = settings.output(settings.build(load_library(libraries)), fmt)
        if overwrite:
            write_atomic(os.path.join(out_dir, job.filename), data, prefix=tag)
            return job, job.filename, None, "", False
        stem, _, suffix = job.filename.rpartition(".")
        return job, write_new(out_dir, stem, suffix, data, prefix=tag), None, "", False
    except HepgenError as exc:
        about_logo = logo_failure(job, exc)
        return (job, None, about_logo or exc.message, "logo" if about_logo else "",
                isinstance(exc, DiskFull))
    except OverflowError as exc:
        if "date" not in str(exc):
            raise
        return job, None, OUT_OF_CALENDAR, "", False
    except Exception as exc:  # a bug in one row must not take the other rows with it
        return job, None, (f"could not make this plan ({type(exc).__name__}: {exc}); please "
                           "report this"), "", False


# --- running the rows ------------------------------------------------------------------


@dataclass
class Outcome:
    """What a batch did: plans written as (line, planned name, name used), failed rows, the
    signal that stopped it (0 when it ran to the end), and whether it stopped at a full disk."""

    written: list[tuple[int, str, str]] = field(default_factory=list)
    failures: list[HepgenError] = field(default_factory=list)
    stopped: int = 0
    disk_full: bool = False

    def record(self, path: Path, result: tuple) -> None:
        job, name, error, column, full = result
        self.disk_full = self.disk_full or full
        if error is None:
            self.written.append((job.line, job.filename, name))
        else:
            self.failures.append(row_error(path, job, error, column))


class _Stop(BaseException):  # not an Exception: a row's error handling must not catch it
    """A stop signal arrived (which one is in ``_received``: code that re-raises an
    exception with a new message, as reportlab does, loses its arguments)."""


_received: list[int] = []


def _raise_stop(signum, frame):
    for sig in _STOPS:  # a second Ctrl-C must not interrupt the clean-up
        signal.signal(sig, signal.SIG_IGN)
    _received.append(signum)
    raise _Stop()


_STOPS = (signal.SIGINT, signal.SIGTERM)
_MASKS = hasattr(signal, "pthread_sigmask")


def run_batch(path: Path, todo: list[Job], libraries: tuple[str, ...], out_dir: str, fmt: str,
              workers: int, overwrite: bool = False, progress=lambda: None) -> Outcome:
    """Make every job's plan, in *workers* processes; *progress()* after each one.

    Ctrl-C or SIGTERM stops it at once: workers are killed, temporary files removed, and
    the outcome says which signal stopped it. Workers die with this process, even when it
    is killed outright.
    """
    outcome = Outcome()
    _received.clear()
    _tidy_killed(out_dir)
    tag = f"hepgen-{os.getpid()}-"
    args = (libraries, out_dir, fmt, overwrite, tag)
    main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, _raise_stop) for sig in _STOPS} if main else {}
    try:
        if workers == 1:
            for job in todo:
                outcome.record(path, render_job(job, *args))
                progress()
                if _received:  # the stop was caught and turned into a row's error
                    raise _Stop()
                if outcome.disk_full:
                    break
        else:
            _pool(path, todo, workers, args, outcome, progress)
    except (_Stop, KeyboardInterrupt):
        outcome.stopped = int(_received[-1] if _received else signal.SIGINT)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for temp in Path(out_dir).glob(f".{tag}*.part"):
            temp.unlink(missing_ok=True)
    return outcome


def _tidy_killed(out_dir: str) -> None:
    """Remove temporary files left in *out_dir* by a batch that was killed outright (no
    clean-up runs after SIGKILL); a batch still running keeps its own."""
    for temp in Path(out_dir).glob(".hepgen-*-*.part"):
        pid = temp.name.split("-")[1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            temp.unlink(missing_ok=True)
        except (PermissionError, OverflowError):  # alive (someone else's), or no pid at all
            continue


def _start(context, conns: list, args: tuple):
    """One worker process and the parent's end of its pipe."""
    mine, theirs = context.Pipe()
    inherited = conns + [mine] if context.get_start_method() == "fork" else []
    # the child starts with the stop signals held, until it has its own handlers
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS) if _MASKS else None
    try:
        proc = context.Process(target=_worker, daemon=True,
                               args=(theirs, inherited, os.getpid(), *args))
        proc.start()
    finally:
        if held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    theirs.close()
    return proc, mine


def _pool(path: Path, todo: list[Job], workers: int, args: tuple, outcome: Outcome,
          progress) -> None:
    """Hand the jobs to worker processes one at a time over pipes; kill them on the way out
    unless every job is done."""
    import multiprocessing
    from multiprocessing.connection import wait

    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    procs, conns = [], []
    finished = False
    try:
        for _ in range(workers):
            proc, conn = _start(context, conns, args)
            procs.append(proc)
            conns.append(conn)
        pending = iter(todo)
        busy: dict = {}
        for conn in conns:
            job = next(pending, None)
            if job is None:
                break
            conn.send(job)
            busy[conn] = job
        while busy:
            for conn in wait(list(busy)):
                job = busy.pop(conn)
                try:
                    result = conn.recv()
                except (EOFError, OSError):  # the worker died; do not use it again
                    result = (job, None,
                              "the process making this plan stopped unexpectedly; try again", "",
                              False)
                    outcome.record(path, result)
                    progress()
                    continue
                outcome.record(path, result)
                progress()
                if _received:
                    raise _Stop()
                if outcome.disk_full:  # the other rows would fail the same way
                    return
                following = next(pending, None)
                if following is not None:
                    conn.send(following)
                    busy[conn] = following
        for job in pending:  # only when every worker died
            outcome.record(path, (job, None, "not made: the workers stopped", "", False))
        finished = True
    finally:
        if not finished:
            for proc in procs:
                if proc.is_alive():
                    proc.kill()
        for conn in conns:
            conn.close()  # a waiting worker reads the end and exits
        try:
            for proc in procs:
                proc.join(timeout=5)
        finally:
            for proc in procs:
                if proc.is_alive():
                    proc.kill()
                    proc.join(timeout=1)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux); elsewhere a
    worker notices its parent is gone when its pipe closes."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _worker(conn, others, parent: int, *args) -> None:
    """A worker process: make the plans it is sent until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    _die_with_parent(parent)
    for other in others:  # the parent's ends, inherited by fork: closed here, so that a
        other.close()     # worker reads the end of its pipe when the parent closes or dies
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(render_job(job, *args))
