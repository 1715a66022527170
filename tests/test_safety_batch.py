"""`hepgen batch` keeps every plan, survives a bad row, and stops cleanly when told to."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT


def _csv(tmp_path, lines, name="list.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_second_run_keeps_the_first_runs_plans(run, tmp_path):
    out = tmp_path / "out"
    first = _csv(tmp_path, ["patient,clinician", "Ann Lee,Sam Patel"], "a.csv")
    second = _csv(tmp_path, ["patient,clinician", "Ann Lee,Jo Park"], "b.csv")
    assert run("batch", str(first), "--out-dir", str(out), "--format", "json").exit_code == 0
    result = run("batch", str(second), "--out-dir", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "1 under a new name" in result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["ann-lee-2.json", "ann-lee.json"]
    assert json.loads((out / "ann-lee.json").read_text())["clinician"] == "Sam Patel"
    assert json.loads((out / "ann-lee-2.json").read_text())["clinician"] == "Jo Park"


def test_overwrite_replaces(run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ann-lee.json").write_text("old")
    path = _csv(tmp_path, ["patient", "Ann Lee"])
    result = run("batch", str(path), "--out-dir", str(out), "--format", "json", "--overwrite")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["ann-lee.json"]
    assert (out / "ann-lee.json").read_text().startswith("{")


def test_the_csv_itself_is_never_replaced(run, tmp_path):
    path = _csv(tmp_path, ["patient", "List"], "list.json")
    result = run("batch", str(path), "--out-dir", str(tmp_path), "--format", "json", "--overwrite")
    assert result.exit_code == 1 and "is one of this run's inputs" in result.stderr
    assert path.read_text() == "patient\nList\n"


def _hepgen(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_two_batches_at_once_both_keep_their_plans(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    csvs = [_csv(tmp_path, ["patient,clinician"] + [f"Ann Lee,Clinician {k}{i}" for i in range(6)],
                 f"{k}.csv") for k in "ab"]
    runs = [_hepgen("batch", str(c), "--out-dir", str(out), "--format", "json", "--jobs", "2")
            for c in csvs]
    for proc in runs:
        proc.communicate(timeout=120)
        assert proc.returncode == 0
    written = sorted(json.loads(p.read_text())["clinician"] for p in out.glob("*.json"))
    assert written == sorted(f"Clinician {k}{i}" for k in "ab" for i in range(6))
    assert not [p for p in out.iterdir() if p.suffix != ".json"]


def test_a_row_that_breaks_does_not_take_the_others(run, tmp_path, monkeypatch):
    from generator import batch

    real = batch.Settings.output

    def flaky(self, plan, fmt):
        if self.patient == "Bo Chen":
            raise AssertionError("a bug in a renderer")
        return real(self, plan, fmt)

    monkeypatch.setattr(batch.Settings, "output", flaky)
    path = _csv(tmp_path, ["patient", "Ann Lee", "Bo Chen", "Cy Diaz"])
    out = tmp_path / "out"
    result = run("batch", str(path), "--out-dir", str(out), "--format", "json", "--jobs", "1")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["ann-lee.json", "cy-diaz.json"]
    assert (f"hepgen: error: {path}:3 (Bo Chen): could not make this plan (AssertionError"
            in result.stderr)
    assert "Wrote 2 plans" in result.stderr


# --- stopping --------------------------------------------------------------------------

pytestmark_signals = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                        reason="reads the process table from /proc")


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def busy_batch(tmp_path):
    """A batch of 300 PDFs in its own process group, started and writing."""
    path = _csv(tmp_path, ["patient"] + [f"Patient {i}" for i in range(300)])
    out = tmp_path / "out"
    procs = []

    def start(jobs):
        proc = _hepgen("batch", str(path), "--out-dir", str(out), "--jobs", str(jobs),
                       start_new_session=True)
        procs.append(proc)
        assert _wait(lambda: out.is_dir() and any(out.glob("*.pdf")), 60), "the batch never started"
        return proc, out

    yield start
    for proc in procs:
        for pid in _group(proc.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(timeout=10)


def _stopped_cleanly(proc, out, status):
    stdout, stderr = proc.communicate(timeout=10)
    assert proc.returncode == status, stderr
    assert "Traceback" not in stderr and "Aborted" not in stderr
    written = len(list(out.glob("*.pdf")))
    reported = int(stderr.split("Stopped: wrote ")[1].split()[0])
    # a worker killed between writing its plan and saying so is not counted
    assert reported <= written <= reported + 2 and 0 < written < 300
    assert not [p.name for p in out.iterdir() if p.suffix != ".pdf"]
    assert _wait(lambda: not _group(proc.pid), 3), "workers were left behind"


@pytestmark_signals
def test_ctrl_c_stops_at_once(busy_batch):
    proc, out = busy_batch(2)
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches every process of the group
    _stopped_cleanly(proc, out, 130)
    assert time.monotonic() - sent < 8


@pytestmark_signals
def test_sigterm_stops_at_once(busy_batch):
    proc, out = busy_batch(2)
    proc.send_signal(signal.SIGTERM)  # the parent alone, as a service manager does
    _stopped_cleanly(proc, out, 143)


@pytestmark_signals
def test_sigterm_with_one_job(busy_batch):
    proc, out = busy_batch(1)
    proc.send_signal(signal.SIGTERM)
    _stopped_cleanly(proc, out, 143)


@pytestmark_signals
def test_workers_die_with_a_killed_parent(busy_batch):
    proc, out = busy_batch(2)
    proc.kill()
    proc.wait(timeout=10)
    assert _wait(lambda: not _group(proc.pid), 3), "workers outlived their parent"


def test_a_date_past_the_calendar_in_a_row(run, tmp_path):
    path = _csv(tmp_path, ["patient,start", "Ann Lee,9999-12-27", "Bo Chen,2027-01-04"])
    out = tmp_path / "out"
    result = run("batch", str(path), "--out-dir", str(out), "--format", "ics", "--jobs", "1")
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["bo-chen.ics"]
    assert f"hepgen: error: {path}:2 (Ann Lee), column start: " in result.stderr and "Traceback" not in result.stderr


def test_a_date_past_the_calendar_on_the_command_line(run):
    result = run("generate", "--start", "9999-12-27", "--format", "json", "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.startswith("hepgen: error: ") and len(result.stderr.splitlines()) == 1


def test_a_row_with_two_problems_reports_each_on_its_own_line(run, tmp_path):
    path = _csv(tmp_path, ["patient,weeks,level", "Ann Lee,99,expert", "Bo Chen,6,beginner"])
    out = tmp_path / "out"
    result = run("batch", str(path), "--out-dir", str(out), "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if f"{path}:2" in line]
    assert len(errors) == 2 and all(line.startswith("hepgen: error: ") for line in errors)


def test_temporary_files_of_a_killed_batch_are_tidied_by_the_next(run, tmp_path):
    """SIGKILL leaves no chance to clean up: the next batch into the folder removes what a
    dead batch left, and leaves a running batch's files and the user's own alone."""
    out = tmp_path / "out"
    out.mkdir()
    dead = 4_000_000 + 123  # above Linux's largest process id: never a running process
    stale = out / f".hepgen-{dead}-ann-lee.pdf.k2j4.part"
    live = out / f".hepgen-{os.getppid()}-bo-chen.pdf.x8q1.part"  # a running process
    mine = out / ".hepgen-notes.part"
    for path in (stale, live, mine):
        path.write_bytes(b"%PDF-1.4 half")
    path = _csv(tmp_path, ["patient,start", "Ann Lee,2027-01-04"])
    result = run("batch", str(path), "--out-dir", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert not stale.exists() and live.exists() and mine.exists()


def test_a_row_is_named_by_the_line_it_starts_on(run, tmp_path):
    """A quoted cell with a line break spans two lines; the row's error names its first."""
    path = _csv(tmp_path, ["patient,start", '"Ann', 'Lee",2027-01-04', "", "Bo Chen,1999-01-04"])
    result = run("batch", str(path), "--out-dir", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 1
    assert f"hepgen: error: {path}:2, column patient: the patient name has a line break" \
        in result.stderr
    assert f"hepgen: error: {path}:5 (Bo Chen), column start: " in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_stops_the_batch_with_one_message(tmp_path, jobs):
    """Every row after the disk filled failed with the same error, one line per row."""
    rows = ["patient,start"] + [f"Pat {i},2027-01-04" for i in range(12)]
    path = _csv(tmp_path, rows)
    out = tmp_path / "out"
    out.mkdir()
    full = ("import resource, signal\n"  # every write past 1 KB fails, as on a full disk
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))\n"
            "from generator.cli import main\nmain()\n")
    done = subprocess.run([sys.executable, "-c", full, "batch", str(path), "--out-dir", str(out),
                           "--jobs", jobs], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("hepgen: error:")]
    assert 1 <= len(errors) <= int(jobs), done.stderr  # a row or two, not twelve
    assert done.stderr.strip().endswith("Stopped: the disk is full; wrote 0 plans to "
                                        f"{out}, the other rows were not made. Free some "
                                        "space, then make the rows not made.")
    assert list(out.iterdir()) == []
