"""The command line as a user meets it."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from generator.cli import cli

FIVE = {"plank", "bird-dog", "back-extension", "cat-cow", "hamstring-stretch"}


def test_every_command_is_documented_with_examples():
    for name, command in cli.commands.items():
        assert command.help and "Example" in command.help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.name}"


def test_generate_json_contract(run, tmp_path):
    out = tmp_path / "plan.json"
    result = run("generate", "back-spasm-recovery", "--weeks", "6", "--start", "2027-01-04",
                 "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    plan = json.loads(out.read_text())
    assert plan["program"] == {"id": "back-spasm-recovery", "title": "Back spasm recovery"}
    assert plan["start"] == "2027-01-04" and plan["level"] == "beginner"
    weeks = plan["weeks"]
    assert [w["week"] for w in weeks] == [1, 2, 3, 4, 5, 6]
    assert weeks[0]["sessions"] == 2 and weeks[-1]["sessions"] == 3
    assert {e["exercise"] for w in weeks for e in w["exercises"]} == FIVE | {"walking"}
    for week in weeks:
        assert set(week) >= {"week", "start", "phase", "sessions", "deload", "minutes", "exercises"}
        for item in week["exercises"]:
            assert set(item) >= {"exercise", "variant", "sets", "reps", "hold_s", "per_side", "rest_s"}
    plank = [e for w in weeks for e in w["exercises"] if e["exercise"] == "plank"]
    holds = [e["hold_s"] for e in plank]
    assert set(holds) == {10}  # recovery: short holds that grow by repetitions
    assert max(e["reps"] for e in plank) > plank[0]["reps"]
    bird = next(e for e in weeks[0]["exercises"] if e["exercise"] == "bird-dog")
    assert bird["hold_s"] == 5
    press = [e for w in weeks for e in w["exercises"] if e["variant"] == "partial-press-up"]
    assert all(e["hold_s"] is None for e in press)


def test_generate_to_stdout(run):
    result = run("generate", "--format", "json", "-o", "-", "--start", "2027-01-04")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["weeks"]


def test_format_from_the_file_name(run, tmp_path):
    out = tmp_path / "plan.txt"
    result = run("generate", "-o", str(out), "--patient", "Zoë O'Brien", "--start", "2027-01-04")
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert "For: Zoë O'Brien" in text and "Week 6" in text
    assert "THE PAIN RULE" in text and "emergency department" in text


def test_preview(run):
    result = run("preview", "desk-worker", "--weeks", "8", "--level", "advanced", "--start", "2027-01-04")
    assert result.exit_code == 0, result.stderr
    assert "Back care for desk workers: 8 weeks, Mon 4 Jan 2027" in result.stdout
    assert result.stdout.count("\nWeek ") == 8
    assert "LIGHTER WEEK" in result.stdout


def test_exclude(run):
    result = run("generate", "--format", "json", "-o", "-", "--exclude", "plank")
    names = {e["exercise"] for w in json.loads(result.stdout)["weeks"] for e in w["exercises"]}
    assert names == FIVE - {"plank"} | {"walking"}


def test_list_and_show(run):
    result = run("list", "exercises", "--json")
    assert {e["id"] for e in json.loads(result.stdout)["exercises"]} >= FIVE
    shown = run("show", "bird-dog")
    assert "Bird dog" in shown.stdout and "Stop if" in shown.stdout
    variant = run("show", "knee-plank")
    assert "A variant of Plank" in variant.stdout
    assert "rest" not in variant.stdout.split("Dose:")[1].split("\n")[0]  # one set: no rest
    assert "rest 45 s between sets" in " ".join(run("show", "bird-dog").stdout.split())
    program = run("show", "back-spasm-recovery")
    assert "From week 3: Build strength" in program.stdout


def test_schema_is_json(run):
    for kind in ("exercise", "program", "education"):
        result = run("schema", kind)
        assert json.loads(result.stdout)["title"].startswith("hepgen")


def test_validate_the_whole_library(run):
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "all good" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["generate", "plankk-program"], "unknown program 'plankk-program'"),
    (["generate", "--weeks", "20", "--format", "json"],
     "--weeks: Back spasm recovery runs for 4 to 12 weeks (you asked for 20)"),
    (["generate", "--exclude", "plankk", "--format", "json"], "did you mean 'plank'"),
    (["show", "plonk"], "did you mean 'plank'"),
])
def test_user_errors_are_one_line_exit_1(run, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith("hepgen: error: ")


@pytest.mark.parametrize("args", [
    ["generate", "--start", "4/1/2027"],
    ["generate", "--level", "expert"],
    ["generate", "--weeks", "zero"],
    ["generate", "--format", "doc"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_failed_run_keeps_an_existing_file(run, tmp_path):
    out = tmp_path / "plan.json"
    out.write_text("precious")
    result = run("generate", "--weeks", "30", "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_output_folder_must_exist(run, tmp_path):
    result = run("generate", "--format", "json", "-o", str(tmp_path / "nope" / "plan.json"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


def _python(code: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, **kwargs)


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "--version"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0 and "hepgen, version" in result.stdout


def test_commands_that_do_not_render_do_not_import_reportlab():
    code = (
        "import sys\n"
        "from generator.cli import cli\n"
        "for args in (['list'], ['show', 'plank'], ['validate'], ['preview'],\n"
        "             ['generate', '--format', 'json', '-o', '-']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('REPORTLAB' if 'reportlab' in sys.modules else 'CLEAN')\n"
    )
    result = _python(code)
    assert result.stdout.strip().endswith("CLEAN"), result.stderr


def test_the_command_list_is_whole_sentences(run):
    """`hepgen --help` cut four commands' help at "..." ("safety questions come...")."""
    result = run("--help")
    commands = result.stdout.split("Commands:")[1]
    assert "..." not in commands and len(commands.strip().splitlines()) == len(cli.commands)
    assert "hepgen new" in result.stdout and "hepgen serve" in result.stdout


@pytest.mark.parametrize("variant, said", [
    ("bird-dog-arm-leg", "Bird dog, opposite arm and leg."),  # was "Bird dog, Bird dog, ..."
    ("seated-pelvic-tilt", "Cat-cow stretch, seated pelvic tilt."),
])
def test_figure_names_the_variant_once(run, tmp_path, variant, said):
    result = run("figure", variant, "-o", str(tmp_path / "f.svg"))
    assert result.exit_code == 0 and result.stderr.endswith(f"f.svg: {said}\n"), result.stderr


def test_hepgen_alone_shows_the_help_not_an_error(run):
    result = run()
    assert "Commands:" in result.output and "error" not in result.output
