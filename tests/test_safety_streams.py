"""Standard output full or closed, and `hepgen init` onto folders that cannot take it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

FULL_DISK = (  # every write past 1 KB fails, as on a full disk
    "import resource, signal\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))\n"
)


def _hepgen(*args, stdout=subprocess.PIPE, prelude="", shell_suffix="", cwd=ROOT):
    env = dict(os.environ)
    code = prelude + "from generator.cli import main\nmain()\n"
    command = [sys.executable, "-c", code, *args]
    if shell_suffix:
        command = ["sh", "-c", 'exec "$@" ' + shell_suffix, "sh", *command]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True,
                          timeout=60, cwd=cwd, env=env)


def _one_error(done, words):
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hepgen: error: "), done.stderr
    assert words in lines[0]


@pytest.mark.parametrize("args", [("generate", "--format", "json", "-o", "-"),
                                  ("generate", "--format", "pdf", "-o", "/dev/stdout"),
                                  ("preview",), ("list",), ("schema",)])
def test_standard_output_full(args):
    with open("/dev/full", "wb") as full:
        done = _hepgen(*args, stdout=full)
    _one_error(done, "cannot write to standard output: No space left on device")


@pytest.mark.parametrize("args", [("generate", "--format", "json", "-o", "-"), ("preview",),
                                  ("list",), ("show", "plank"), ("list", "--languages")])
def test_standard_output_closed(args):
    """`hepgen list >&-` printed nothing and exited 0: the listing was lost unsaid."""
    done = _hepgen(*args, shell_suffix=">&-")
    _one_error(done, "cannot write to standard output: it is closed")


# --- init ----------------------------------------------------------------------------


def test_init_over_a_dangling_link(run, tmp_path):
    link = tmp_path / "clinic"
    link.symlink_to(tmp_path / "missing")
    result = run("init", str(link))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"hepgen: error: {link}: is a link to a folder that does not "
                                     "exist; remove the link or give another name")
    assert link.is_symlink() and not (tmp_path / "missing").exists()


def test_init_into_a_folder_that_cannot_be_written(run, tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    folder.chmod(0o555)
    locked = "chmod"
    if os.access(folder, os.W_OK):  # root: only an immutable folder stops it
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            pytest.skip("cannot make a folder unwritable here")
        locked = "chattr"
    try:
        result = run("init", str(folder))
    finally:
        if locked == "chattr":
            subprocess.run(["chattr", "-i", str(folder)])
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"hepgen: error: {folder}: cannot copy the library here: ")
    assert list(folder.iterdir()) == []


def test_init_onto_a_full_disk_leaves_nothing(tmp_path):
    done = _hepgen("init", str(tmp_path / "clinic"), prelude=FULL_DISK)
    _one_error(done, "cannot copy the library here: File too large")
    assert list(tmp_path.iterdir()) == []


def test_init_onto_a_full_disk_keeps_an_existing_empty_folder_empty(tmp_path):
    (tmp_path / "clinic").mkdir()
    done = _hepgen("init", str(tmp_path / "clinic"), prelude=FULL_DISK)
    _one_error(done, "cannot copy the library here")
    assert list((tmp_path / "clinic").iterdir()) == []
