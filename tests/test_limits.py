"""Every limit has a clear error: weeks, name and note lengths, file sizes, aliases, rows, logos."""

from __future__ import annotations

import csv

import pytest

from conftest import ROOT



@pytest.mark.parametrize("weeks", ["0", "53"])
def test_weeks_outside_1_to_52_on_the_command_line(run, weeks):
    result = run("generate", "--weeks", weeks)
    assert result.exit_code == 1
    assert result.stderr == (f"hepgen: error: --weeks: Back spasm recovery runs for 4 to 12 "
                             f"weeks (you asked for {weeks})\n")


def test_weeks_outside_the_program(run):
    result = run("generate", "--weeks", "52", "--format", "json", "-o", "-")
    assert result.exit_code == 1 and "4 to 12 weeks" in result.stderr


def test_year_long_maintenance_plan(run):
    result = run("generate", "back-care-maintenance", "--weeks", "52", "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.stderr


def test_weeks_in_a_plan_file(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("weeks: 60\n")
    result = run("generate", "--plan-file", str(path), "--format", "json", "-o", "-")
    assert result.exit_code == 1 and (f"{path}:1:8: Back spasm recovery runs for 4 to 12 weeks "
                                      "(you asked for 60)") in result.stderr  # not 'at most 52'


@pytest.mark.parametrize("option, limit", [("--patient", 80), ("--clinician", 80), ("--clinic", 80),
                                           ("--notes", 600)])
def test_name_and_note_lengths(run, option, limit):
    ok = run("generate", option, "x" * limit, "--format", "json", "-o", "-")
    assert ok.exit_code == 0
    too_long = run("generate", option, "x" * (limit + 1), "--format", "json", "-o", "-")
    assert too_long.exit_code == 1 and f"keep it to {limit}" in too_long.stderr


def test_plan_file_note_length(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("exercises:\n  plank:\n    note: " + "x" * 601 + "\n")
    result = run("generate", "--plan-file", str(path), "--format", "json", "-o", "-")
    assert result.exit_code == 1 and "is 601 characters; keep it to 600" in result.stderr


def test_oversized_plan_file(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("notes: " + "x" * 300_000 + "\n")
    result = run("generate", "--plan-file", str(path))
    assert result.exit_code == 1 and "far too big" in result.stderr


def test_alias_bomb_in_a_plan_file(run, tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefg"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{'abcdefg'[i]}"] * 10) + "]")
    path = tmp_path / "p.yaml"
    path.write_text("\n".join(lines) + "\n")
    result = run("generate", "--plan-file", str(path))
    assert result.exit_code == 1 and "too many aliases" in result.stderr


def test_deeply_nested_yaml(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    result = run("generate", "--plan-file", str(path))
    assert result.exit_code == 1 and result.stderr.startswith("hepgen: error:")


def test_too_many_batch_rows(run, tmp_path):
    path = tmp_path / "many.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient"])
        writer.writerows([[f"P{i}"] for i in range(5001)])
    result = run("batch", str(path), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1 and "at most 5000" in result.stderr
    assert not (tmp_path / "out").exists()


def test_huge_logo(run, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024 + 1))
    result = run("generate", "--logo", str(logo), "-o", str(tmp_path / "plan.pdf"))
    assert result.exit_code == 1 and "over 5 MB" in result.stderr


def test_library_file_limit(run, tmp_path):
    (tmp_path / "exercises").mkdir()
    path = tmp_path / "exercises" / "big.yaml"
    path.write_text("# " + "x" * 300_000 + "\n")
    result = run("validate", str(path))
    assert result.exit_code == 1 and "far too big" in result.stderr


def test_the_readme_states_the_limits_in_force():
    """README "Speed and limits" promises these numbers; each is the code's own."""
    from generator import batch, files, request, yamlload
    from generator.web import MAX_REQUEST_BYTES

    text = " ".join((ROOT / "README.md").read_text().split("## Speed and limits")[1]
                    .split("\n## ")[0].split())
    promised = [
        f"plans of 1 to {request.MAX_WEEKS} weeks",
        f"the years {request.FIRST_YEAR} to {request.LAST_YEAR}",
        f"names of at most {request.MAX_NAME} characters",
        f"notes of at most {request.MAX_NOTES}",
        f"fixed dose or cap of 1 to {request.MAX_DOSE} each",
        f"YAML files under {yamlload.MAX_FILE_BYTES // 1024} KB",
        f"at most {yamlload.MAX_NODES:,} values",
        f"CSV files under {batch.MAX_CSV_BYTES // 2 ** 20} MB",
        f"at most {batch.MAX_ROWS:,} rows",
        f"logos under {files.MAX_LOGO_BYTES // 2 ** 20} MB and "
        f"{files.MAX_LOGO_PIXELS // 10 ** 6} million pixels",
        f"under {MAX_REQUEST_BYTES // 2 ** 20} MB",
    ]
    assert [p for p in promised if p not in text] == []
