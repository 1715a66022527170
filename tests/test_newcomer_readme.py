"""The README's examples run, so they cannot rot: every `hepgen` command in its ```sh
blocks runs in a folder holding the files the README itself describes (the plan file, the
CSV list, the side-plank exercise, a logo), and the README's own example files validate
without a warning."""

from __future__ import annotations

import re
import shlex
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import clinical
from generator.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
NOT_RUN = {"serve"}
"""Commands that run until stopped (a web server): their lines are checked by their own tests."""


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.S | re.M)


def commands() -> list[str]:
    """Each `hepgen ...` command of the README's sh blocks, continuation lines joined and
    comments dropped; a chain like `... && hepgen generate` gives its hepgen part."""
    found = []
    for block in blocks("sh"):
        for line in block.replace("\\\n", " ").splitlines():
            for part in line.split("&&"):
                words = shlex.split(part, comments=True)
                if words and words[0] == "hepgen" and not NOT_RUN & set(words[1:2]):
                    found.append(shlex.join(words) if ">" not in words else part.split("#")[0].strip())
    return found


def _file_block(first_line: str, language: str) -> str:
    return next(b for b in blocks(language) if b.startswith(first_line))


def _png(path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x80\x80\xff" * 8 for _ in range(8))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """What a reader of the README has made by the time they run its commands."""
    base = tmp_path_factory.mktemp("readme")
    (base / "ann-lee.yaml").write_text(_file_block("# ann-lee.yaml", "yaml"))
    table = blocks("csv")[0]
    (base / "patients.csv").write_text(table)
    (base / "monday.csv").write_text(table)
    for logo in ("clinic.png", "riverside.png"):
        _png(base / logo)
    exercise = base / "my-library" / "exercises" / "side-plank.yaml"
    exercise.parent.mkdir(parents=True)
    exercise.write_text(_file_block("# my-library/exercises/side-plank.yaml", "yaml"))
    return base


def test_the_readme_has_its_examples():
    assert len(commands()) >= 25
    assert "hepgen generate" in commands()  # from the quick start's chain


ANSWERS = "\n" + "n\n" * (len(clinical.EMERGENCY_QUESTIONS) + len(clinical.SEE_DOCTOR_QUESTIONS) + 1) \
    + "3\nn\n1\n1\n\n\n\n\na4\nn\nAnn\ny\n"


@pytest.mark.parametrize("command", commands())
def test_every_readme_command_runs(command, folder, tmp_path, monkeypatch):
    work = tmp_path / "work"
    shutil.copytree(folder, work)
    if command.startswith("hepgen init"):
        shutil.rmtree(work / "my-library")  # init makes the folder; the others use it
    monkeypatch.chdir(work)
    line, _, redirect = command.partition(">")
    words = shlex.split(line)[1:]
    result = CliRunner().invoke(cli, words, input=ANSWERS if words[:1] == ["new"] else None,
                                catch_exceptions=False)
    assert result.exit_code == 0, f"{command}\n{result.output}"
    if redirect:
        (work / redirect.strip()).write_text(result.stdout)
    assert "warning" not in result.stderr, f"{command}\n{result.stderr}"


def test_the_readme_exercise_example_validates_without_a_warning(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["validate", "my-library/exercises/side-plank.yaml"])
    assert result.exit_code == 0 and result.stderr == "", result.stderr


def test_validate_warns_about_a_list_item_split_at_a_comma(tmp_path):
    from tests.conftest import exercise_yaml

    path = tmp_path / "lib" / "exercises" / "side-plank.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(exercise_yaml(**{"  stop_if:\n    - Sharp pain.":
                                      "  stop_if: [Sharp pain, or pain spreading into a leg.]"}))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0
    assert "this item starts with 'or'" in result.stderr and str(path) in result.stderr
    path.write_text(exercise_yaml(**{"  stop_if:\n    - Sharp pain.":
                                      "  stop_if: [Sharp pain, numbness in a leg.]"}))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0 and "this item starts with a small letter" in result.stderr


def test_validate_checks_a_plan_file_and_a_csv_list_writing_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("ann.yaml").write_text("patient: Ann Lee\nweeks: 20\n")
    Path("list.csv").write_text("patient,weeks\nAnn Lee,6\nBo Chen,twenty\n")
    result = CliRunner().invoke(cli, ["validate", "ann.yaml", "list.csv"])
    assert result.exit_code == 1
    assert "ann.yaml:2:8: Back spasm recovery runs for 4 to 12 weeks" in result.stderr
    assert "list.csv:3 (Bo Chen), column weeks: weeks must be a whole number" in result.stderr
    assert "exercises/ folder" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.yaml", "list.csv"]
    Path("ann.yaml").write_text("patient: Ann Lee\nweeks: 8\n")
    Path("list.csv").write_text("patient,weeks\nAnn Lee,6\n")
    good = CliRunner().invoke(cli, ["validate", "ann.yaml", "list.csv"])
    assert good.exit_code == 0 and "2 files checked: all good." in good.stdout


def test_ci_runs_the_quick_start_exactly_as_written():
    """The Linux/macOS commands of the Quick start are lines of .ci/run, letter for letter,
    so the commands a newcomer copies are the ones CI proves on a clean clone."""
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    written = [line for block in re.findall(r"^```sh\n(.*?)^```", quick, re.S | re.M)
               for line in block.splitlines() if line.strip()]
    assert len(written) == 2
    assert [line for line in written if line not in ci] == []


def test_the_figure_section_names_every_contact_prop_and_length():
    """An author can only use what the README names; new contacts or props must be added."""
    from generator.figures import pose

    section = " ".join(README.split("### Drawing a figure", 1)[1].split("\n## ", 1)[0].split())
    names = [*pose.LIMB_CONTACTS, *pose.TRUNK_CONTACTS, *pose.PROPS]
    assert [n for n in names if f"`{n}`" not in section] == []
    assert [k for k in ("trunk", *pose.SEGMENTS) if f" {pose.LENGTH[k]}" not in section] == []
    assert f"-{pose.SPINE_DEGREES} to {pose.SPINE_DEGREES}" in section
