"""Outputs never replace an input or a device, keep modes, and bad inputs are refused clearly."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import date

import pytest

from conftest import ROOT, exercise_yaml

PLAN = "patient: Ann Lee\nstart: 2027-01-04\nweeks: 4\n"


def _png(path, size=(40, 20)):
    from PIL import Image

    Image.new("RGB", size, (20, 90, 160)).save(path, format="PNG")
    return path


# --- never over an input ---------------------------------------------------------------


def test_the_plan_file_is_never_overwritten(run, tmp_path):
    plan = tmp_path / "ann.yaml"
    plan.write_text(PLAN)
    (tmp_path / "link.yaml").symlink_to(plan)
    for target in (plan, tmp_path / "link.yaml"):
        result = run("generate", "--plan-file", str(plan), "-o", str(target), "--format", "pdf")
        assert result.exit_code == 1
        assert f"{target}: is one of this run's inputs" in result.stderr
        assert plan.read_text() == PLAN


def test_the_logo_is_never_overwritten(run, tmp_path):
    logo = _png(tmp_path / "logo.png")
    before = logo.read_bytes()
    result = run("generate", "--logo", str(logo), "-o", str(logo))
    assert result.exit_code == 1 and "is one of this run's inputs" in result.stderr
    assert logo.read_bytes() == before


def test_a_library_file_is_never_overwritten(run, tmp_path):
    folder = tmp_path / "lib" / "exercises"
    folder.mkdir(parents=True)
    exercise = folder / "side-plank.yaml"
    exercise.write_text(exercise_yaml())
    result = run("generate", "--library", str(tmp_path / "lib"), "-o", str(exercise), "--format", "json")
    assert result.exit_code == 1 and "is one of this run's inputs" in result.stderr
    assert exercise.read_text() == exercise_yaml()


# --- devices and pipes -------------------------------------------------------------------


def test_a_device_is_written_in_place_never_replaced(run, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    except PermissionError:
        pytest.skip("making a device needs root")
    result = run("generate", "-o", str(device), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_fifo_is_written_in_place(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    handle = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there from the start
    received = []

    def read():
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                chunk = os.read(handle, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                received.append(chunk)
            elif chunk == b"" and received:
                return  # the writer is done
            else:
                time.sleep(0.01)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = run("generate", "-o", str(fifo), "--format", "json", "--start", "2027-01-04")
    reader.join(timeout=20)
    os.close(handle)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert b"".join(received).startswith(b"{") and b"".join(received).rstrip().endswith(b"}")


def test_a_fifo_nobody_reads_is_refused_not_waited_on(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("generate", "-o", str(fifo), "--format", "json")
    assert result.exit_code == 1 and "nobody is reading" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# --- file modes ----------------------------------------------------------------------


@pytest.fixture
def umask():
    def set_mask(mask):
        os.umask(mask)

    old = os.umask(0o022)
    os.umask(old)
    yield set_mask
    os.umask(old)


def test_a_new_output_respects_the_umask(run, tmp_path, umask):
    umask(0o077)
    out = tmp_path / "private.json"
    assert run("generate", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    umask(0o022)
    shared = tmp_path / "shared.json"
    assert run("generate", "-o", str(shared)).exit_code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_an_overwritten_output_keeps_its_mode(run, tmp_path, umask):
    umask(0o022)
    out = tmp_path / "plan.json"
    out.write_text("old")
    out.chmod(0o600)
    assert run("generate", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text().startswith("{")


# --- output names ----------------------------------------------------------------------


def test_an_empty_output_name_is_an_error(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("generate", "-o", "")
    assert result.exit_code == 1 and "output file name is empty" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_used_as_a_folder_is_named(run, tmp_path):
    good = tmp_path / "good.pdf"
    good.write_bytes(b"%PDF- keep")
    result = run("generate", "-o", str(good / "x"))
    assert result.exit_code == 1
    assert f"{good} is a file, not a folder" in result.stderr
    assert good.read_bytes() == b"%PDF- keep"


# --- logos -----------------------------------------------------------------------------


def _bomb_png(path, width, height):
    """A small PNG whose header promises width × height pixels (the data stops early: the
    size must be refused before any of it is unpacked)."""
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    data = zlib.compress(b"\x00" * (width * 3 + 1) * 4)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
                     + chunk(b"IEND", b""))
    return path


def test_a_pixel_bomb_logo_is_refused_by_name(run, tmp_path):
    logo = _bomb_png(tmp_path / "bomb.png", 12000, 12000)
    assert logo.stat().st_size < 5 * 1024 * 1024
    result = run("generate", "--logo", str(logo), "-o", str(tmp_path / "plan.pdf"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"hepgen: error: {logo}: the logo is 12000×12000 pixels, over "
                                     "the limit of 25 million; scale it down (a logo needs about "
                                     "600 pixels across)")
    assert not (tmp_path / "plan.pdf").exists()


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_truncated_logo_is_refused_by_name(run, tmp_path, kind):
    from PIL import Image

    whole = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(whole, format=kind)
    logo = tmp_path / f"logo.{kind.lower()}"
    logo.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    result = run("generate", "--logo", str(logo), "-o", str(tmp_path / "plan.pdf"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"hepgen: error: {logo}: the logo image is damaged or cut "
                                     "short; save it again as a PNG or JPEG")


def test_a_truncated_logo_fails_only_its_row_in_a_batch(run, tmp_path):
    from PIL import Image

    whole = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(whole, format="PNG")
    (tmp_path / "bad.png").write_bytes(whole.getvalue()[:2000])
    csv = tmp_path / "list.csv"
    csv.write_text("patient,logo\nAnn Lee,bad.png\nBo Chen,\n")
    out = tmp_path / "out"
    result = run("batch", str(csv), "--out-dir", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert (f"hepgen: error: {csv}:2 (Ann Lee), column logo: {tmp_path / 'bad.png'}: the logo "
            "image is damaged or cut short") in result.stderr  # the row, and the image named
    assert [p.name for p in out.iterdir()] == ["bo-chen.pdf"]


# --- inputs that are not files, or not the right text -----------------------------------


def _hepgen(*args, timeout=60, **kwargs):
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=kwargs.pop("cwd", ROOT), **kwargs)


@pytest.mark.parametrize("where", ["plan", "library", "csv", "zero"])
def test_a_fifo_as_an_input_is_refused_at_once(tmp_path, where):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    if where == "plan":
        args = ["generate", "--plan-file", str(fifo), "-o", str(tmp_path / "p.pdf")]
    elif where == "csv":
        args = ["batch", str(fifo), "--out-dir", str(tmp_path / "out")]
    elif where == "zero":
        args = ["batch", "/dev/zero", "--out-dir", str(tmp_path / "out")]
    else:
        (tmp_path / "lib" / "exercises").mkdir(parents=True)
        os.mkfifo(tmp_path / "lib" / "exercises" / "side-plank.yaml")
        fifo = tmp_path / "lib" / "exercises" / "side-plank.yaml"
        args = ["validate", "--library", str(tmp_path / "lib")]
    done = _hepgen(*args, timeout=30)
    assert done.returncode == 1
    assert "is not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_a_utf16_yaml_file_is_called_utf16(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN, encoding="utf-16")
    result = run("generate", "--plan-file", str(path), "--format", "json", "-o", "-")
    assert result.exit_code == 1
    assert "UTF-16" in result.stderr and "save it as UTF-8" in result.stderr
    assert "binary" not in result.stderr


def test_a_csv_field_over_the_csv_limit(run, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text('patient,notes\nAnn,"' + "x" * 140_000 + '"\n')
    result = run("batch", str(path), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"hepgen: error: {path}:2:") and "too long" in result.stderr


def test_a_huge_csv_is_refused_before_reading_it_all(run, tmp_path):
    path = tmp_path / "list.csv"
    with path.open("w") as handle:
        handle.write("patient\n")
        handle.write(("x" * 70 + "\n") * 300_000)
    result = run("batch", str(path), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1 and "MB" in result.stderr and "split it" in result.stderr


# --- text where a date was read ----------------------------------------------------------


@pytest.mark.parametrize("line", ["patient: 2027-01-04", "clinician: 2027-01-04",
                                  "clinic: 2027-01-04", "notes: 2027-01-04", "logo: 2027-01-04",
                                  "exercises:\n  plank:\n    note: 2027-01-04"])
def test_a_date_in_a_plan_file_where_text_belongs(run, tmp_path, line):
    path = tmp_path / "p.yaml"
    path.write_text(line + "\n")
    result = run("generate", "--plan-file", str(path), "--format", "json", "-o", "-")
    assert result.exit_code == 1
    assert "must be text, not the date 2027-01-04; put it in quotes" in result.stderr


@pytest.mark.parametrize("change", [{"name: Side plank\n": "name: 2027-01-04\n"},
                                    {"- Lie on your side": "- 2027-01-04\n      - Lie on your side"}])
def test_a_date_in_a_library_file_where_text_belongs(run, tmp_path, change):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "side-plank.yaml").write_text(exercise_yaml(**change))
    result = run("validate", str(folder / "side-plank.yaml"))
    assert result.exit_code == 1 and "not the date 2027-01-04" in result.stderr


# --- the calendar ----------------------------------------------------------------------


def _plan(library, **changes):
    from generator.engine import PlanRequest, build_plan

    request = PlanRequest(weeks=4, start=date(2027, 1, 4), **changes)
    return build_plan(library.programs["back-spasm-recovery"], library.exercises, request,
                      library.education)


def test_an_ics_plan_ending_on_the_last_day_there_is(library):
    import icalendar

    from generator.calendar import render_ics

    plan = _plan(library)
    last = replace(plan.weeks[-1], days=plan.weeks[-1].days[:-1] + (date(9999, 12, 31),))
    plan = replace(plan, weeks=plan.weeks[:-1] + (last,))
    events = list(icalendar.Calendar.from_ical(render_ics(plan)).walk("VEVENT"))
    assert events[-1].decoded("dtstart") == date(9999, 12, 31)


def test_an_ics_with_line_breaks_in_the_name(library):
    import icalendar

    from generator.calendar import render_ics

    from dataclasses import replace

    # The request checker refuses such names; the calendar must still not break on a Plan
    # made some other way (the library API).
    plan = replace(_plan(library), patient="Ann\nLee\r\x01", clinician="Sam\u2028Patel")
    calendar = icalendar.Calendar.from_ical(render_ics(plan))
    assert str(calendar["x-wr-calname"]).endswith("Ann Lee")


# --- libraries -------------------------------------------------------------------------


def test_the_same_library_twice_is_not_a_clash(run, tmp_path):
    folder = tmp_path / "lib" / "exercises"
    folder.mkdir(parents=True)
    (folder / "side-plank.yaml").write_text(exercise_yaml())
    lib = str(tmp_path / "lib")
    result = run("validate", "--library", lib, "--library", lib + "/")
    assert result.exit_code == 0, result.stderr


def test_a_quoted_date_that_is_no_day(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("start: '1900-02-29'\n")
    result = run("generate", "--plan-file", str(path), "--format", "json", "-o", "-")
    assert result.exit_code == 1
    assert f"{path}:1:8: start '1900-02-29' is not a day of the calendar" in result.stderr


def test_an_output_through_a_link_keeps_the_link(run, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = run("generate", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and real.read_text().startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


@pytest.mark.parametrize("where", ["library", "csv"])
def test_a_folder_named_like_an_input_file_is_refused(tmp_path, where):
    if where == "library":
        (tmp_path / "lib" / "exercises" / "side-plank.yaml").mkdir(parents=True)
        args = ["list", "--library", str(tmp_path / "lib")]
    else:
        (tmp_path / "monday.csv").mkdir()
        args = ["batch", str(tmp_path / "monday.csv"), "--out-dir", str(tmp_path / "out")]
    done = _hepgen(*args, timeout=30)
    assert done.returncode in (1, 2), done.stderr
    assert "Traceback" not in done.stderr
    assert "folder" in done.stderr and "side-plank.yaml" in done.stderr or where == "csv"


def test_read_input_of_a_folder_names_it(tmp_path):
    from generator.errors import HepgenError
    from generator.files import read_input

    with pytest.raises(HepgenError, match="is a folder, not a file"):
        read_input(tmp_path, 100, "lib/exercises/x.yaml")


@pytest.mark.parametrize("command", ["batch", "figure"])
@pytest.mark.parametrize("place", ["", "file", "file/sub"])
def test_an_output_folder_that_cannot_be_one_is_named(tmp_path, command, place):
    (tmp_path / "file").write_text("mine")
    (tmp_path / "a.csv").write_text("patient,start\nAnn Lee,2027-01-04\n")
    out = str(tmp_path / place) if place else ""
    if command == "batch":
        args = ["batch", str(tmp_path / "a.csv"), "--out-dir", out, "--jobs", "1"]
    else:
        args = ["figure", "--all", "--out-dir", out]
    done = _hepgen(*args, timeout=120)
    assert done.returncode in (1, 2), done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hepgen: error: "), done.stderr
    if place:
        assert "is a file" in lines[0], lines[0]
    else:
        assert "folder name is empty" in lines[0], lines[0]
    assert (tmp_path / "file").read_text() == "mine"


@pytest.mark.parametrize("label", ["dose", "cap"])
def test_a_dose_for_an_activity_is_refused_not_ignored(run, tmp_path, label):
    """Walking is dosed in minutes a day: reps, sets or a hold given for it were dropped
    without a word, so the plan printed something other than what the clinician wrote."""
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN + f"exercises:\n  walking:\n    {label}: {{reps: 3}}\n")
    result = run("generate", "--plan-file", str(plan), "-o", str(tmp_path / "p.txt"))
    assert result.exit_code == 1
    assert f"p.yaml:6:" in result.stderr and "walking is done in minutes a day" in result.stderr
    assert not (tmp_path / "p.txt").exists()


def test_validate_checks_the_logo_of_a_plan_file_and_of_each_csv_row(run, tmp_path,
                                                                      monkeypatch):
    """validate said "all good" for a plan file or CSV list whose logo was missing, a pixel
    bomb or cut short; generate and batch then stopped at it."""
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    Image.new("1", (6000, 5000)).save("bomb.png", optimize=True)  # 30 megapixels, small file
    _png(tmp_path / "good.png")
    (tmp_path / "cut.png").write_bytes((tmp_path / "good.png").read_bytes()[:60])
    Path = type(tmp_path)
    Path("ann.yaml").write_text("patient: Ann Lee\nlogo: bomb.png\n")
    Path("bo.yaml").write_text("patient: Bo Chen\nlogo: good.png\n")
    Path("monday.csv").write_text("patient,logo\nAnn Lee,missing.png\nBo Chen,good.png\n"
                                  "Cy Diaz,cut.png\n")
    result = run("validate", "ann.yaml", "bo.yaml", "monday.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "hepgen: error: ann.yaml:2:7: bomb.png: the logo is 6000×5000 pixels, over the limit "
        "of 25 million; scale it down (a logo needs about 600 pixels across)",
        "hepgen: error: monday.csv:2 (Ann Lee), column logo: missing.png: cannot read the "
        "logo: No such file or directory",
        "hepgen: error: monday.csv:4 (Cy Diaz), column logo: cut.png: the logo image is "
        "damaged or cut short; save it again as a PNG or JPEG"]


def test_dev_stderr_and_dev_fd_are_written_through_never_replaced(tmp_path):
    """`-o /dev/stderr 2>>log.txt` replaced the log file with the plan (a new file, the old
    lines gone); a descriptor's name is written through, as /dev/stdout is."""
    log = tmp_path / "log.txt"
    log.write_text("yesterday's lines\n")
    inode = log.stat().st_ino
    with log.open("ab") as stream:
        done = subprocess.run([sys.executable, "-m", "generator", "generate", "--format", "txt",
                               "-o", "/dev/stderr"], stderr=stream, stdout=subprocess.PIPE,
                              cwd=ROOT, timeout=60)
    assert done.returncode == 0
    assert log.stat().st_ino == inode
    text = log.read_text()
    assert text.startswith("yesterday's lines\n") and "Back spasm recovery" in text
    fd3 = tmp_path / "fd3.txt"
    done = subprocess.run(["sh", "-c", 'exec "$@" 3>>' + str(fd3), "sh", sys.executable, "-m",
                           "generator", "generate", "--format", "txt", "-o", "/dev/fd/3"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Back spasm recovery" in fd3.read_text()
    done = subprocess.run([sys.executable, "-m", "generator", "generate", "--format", "txt",
                           "-o", "/dev/fd/7"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == "hepgen: error: /dev/fd/7: is not open; give a file name " \
        "such as plan.pdf"


@pytest.mark.parametrize("old, new, where, hidden", [
    ("\nname: Side plank\n", '\nname: "Side plank\\e]0;owned\\a"\n', "2:7", "U+001B"),
    ("\nname: Side plank\n", "\nname: Side\u202eplank\n", "2:7",
     "U+202E RIGHT-TO-LEFT OVERRIDE"),
])
def test_a_library_file_with_hidden_characters_is_refused(run, tmp_path, old, new, where,
                                                           hidden):
    """A shared library file could send a terminal escape through show, list, preview and
    the text plan, or print empty boxes in the PDF; it passed validate."""
    folder = tmp_path / "lib" / "exercises"
    folder.mkdir(parents=True)
    path = folder / "side-plank.yaml"
    path.write_text(exercise_yaml(**{old: new}), encoding="utf-8")
    for args in (("validate", str(path)), ("show", "--library", str(tmp_path / "lib"),
                                           "side-plank")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.strip() == (f"hepgen: error: {path}:{where}: this text has an "
                                         f"invisible or control character ({hidden}); type it "
                                         "again without it")
        assert "\x1b" not in result.output and "\u202e" not in result.output
