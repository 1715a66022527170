"""One checker for every request: each problem names its place, whatever face it came from.

The command line names the option, a plan file its line and column, a CSV row its line and
column name, the library API ``request.FIELD``. Names and notes with control or invisible
characters, fixed doses past the program's session length, caps below a fixed dose and
start dates out of range are refused the same way everywhere.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import HepgenError, PlanRequest, build_plan, clinical
from generator.engine import ExerciseChoice
from test_workflows import _csv

PLAN = """\
program: back-spasm-recovery
patient: Ann Lee
clinician: Sam Patel
start: 2027-01-04
level: beginner
weeks: 8
exercises:
  plank:
    note: Keep it short.
"""


def plan_file(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = PLAN
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "ann.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors(result) -> list[str]:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert all(line.startswith("hepgen: error: ") for line in lines), lines
    return [line.removeprefix("hepgen: error: ") for line in lines]


def generate(run, *args, fmt="json"):
    return run("generate", *args, "--format", fmt, "-o", "-")


# --- places -------------------------------------------------------------------------------


def test_weeks_in_a_plan_file_name_the_line_not_the_option(run, tmp_path):
    path = plan_file(tmp_path, ("weeks: 8", "weeks: 20"))
    assert errors(generate(run, "--plan-file", str(path))) == [
        f"{path}:6:8: Back spasm recovery runs for 4 to 12 weeks (you asked for 20)"]


def test_every_problem_of_a_plan_file_at_once_in_file_order(run, tmp_path):
    path = plan_file(tmp_path, ("weeks: 8", "weeks: 20\nexclude: [plankk]"),
                     ("start: 2027-01-04", "start: 1999-12-27"))
    found = errors(generate(run, "--plan-file", str(path)))
    assert [line.split(": ")[0] for line in found] == [f"{path}:4:8", f"{path}:6:8",
                                                      f"{path}:7:11"]
    assert "'plankk' is not in back-spasm-recovery — did you mean 'plank'?" in found[2]


def test_the_command_line_names_the_option(run, tmp_path):
    path = plan_file(tmp_path)
    found = errors(generate(run, "--plan-file", str(path), "--exclude", "plankk",
                            "--from-week", "3", "--regress", "plonk"))
    assert found == ["--exclude: 'plankk' is not in back-spasm-recovery — did you mean 'plank'?",
                     "--regress: 'plonk' is not in back-spasm-recovery — did you mean 'plank'?"]


def test_the_library_api_names_the_request_field(library):
    program = library.programs["back-spasm-recovery"]
    request = PlanRequest(weeks=20, choices={"plank": ExerciseChoice(pin="forearm-plonk")})
    with pytest.raises(HepgenError) as caught:
        build_plan(program, library.exercises, request)
    assert [str(e) for e in caught.value.errors] == [
        "request.choices.plank.pin: 'forearm-plonk' is not a variant of plank — did you mean "
        "'forearm-plank'?",
        "request.weeks: Back spasm recovery runs for 4 to 12 weeks (you asked for 20)"]


def test_a_csv_row_names_its_line_and_column(run, tmp_path):
    path = _csv(tmp_path, [{"patient": "Ann", "weeks": "6", "start": "2027-01-04"},
                           {"patient": "Bob", "weeks": "20", "start": "2027-01-04"},
                           {"patient": "Cy\u202e", "weeks": "six", "start": "2101-01-04"}])
    result = run("batch", str(path), "--out-dir", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 1
    assert (f"{path}:3 (Bob), column weeks: Back spasm recovery runs for 4 to 12 weeks "
            "(you asked for 20)") in result.stderr
    assert f"{path}:4, column patient: the patient name has an invisible" in result.stderr
    assert f"{path}:4, column start: the start date 2101-01-04 is out of range" in result.stderr
    assert (f"{path}:4, column weeks: weeks must be a whole number, 4 to 12 for this program "
            "(you gave 'six')") in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ann.pdf"]


# --- #12: text a handout cannot show --------------------------------------------------------

BAD_TEXT = ["Ann\u202eLee", "Ann\u200dLee", "Ann\u2028Lee", "Ann\x01Lee", "Ann\x00Lee",
            "Ann\nLee", "Ann\tLee"]


@pytest.mark.parametrize("text", BAD_TEXT)
@pytest.mark.parametrize("option, label", [("--patient", "patient name"),
                                           ("--clinician", "clinician name"),
                                           ("--clinic", "clinic name"), ("--notes", "note")])
def test_control_and_invisible_characters_are_refused(run, option, label, text):
    found = errors(generate(run, option, text))
    assert len(found) == 1 and found[0].startswith(f"{option}: the {label} has ")
    assert "line break" in found[0] or "invisible or control character (U+" in found[0]


@pytest.mark.parametrize("fmt", ["pdf", "json", "txt", "ics"])
def test_every_format_refuses_them_and_writes_nothing(run, tmp_path, fmt):
    out = tmp_path / f"plan.{fmt}"
    result = run("generate", "--patient", "Ann\u202eLee", "-o", str(out))
    assert errors(result) == ["--patient: the patient name has an invisible or control "
                              "character (U+202E RIGHT-TO-LEFT OVERRIDE); type it again "
                              "without it"]
    assert not out.exists()


def test_an_exercise_note_in_a_plan_file(run, tmp_path):
    path = plan_file(tmp_path, ("note: Keep it short.", 'note: "Keep it\\u200b short."'))
    assert errors(generate(run, "--plan-file", str(path))) == [
        f"{path}:9:11: the note for plank has an invisible or control character "
        "(U+200B ZERO WIDTH SPACE); type it again without it"]


def test_ordinary_spaces_and_letters_are_fine(run):
    result = generate(run, "--patient", "Zoë  O'Brien", "--notes", "Walk daily, 10\u00a0min.")
    assert result.exit_code == 0, result.stderr


# --- #12: doses a plan file sets -------------------------------------------------------------


def test_a_fixed_dose_past_the_session_length_is_refused(run, tmp_path):
    path = plan_file(tmp_path, ("note: Keep it short.", "dose: {sets: 120, reps: 120, hold_s: 120}"))
    found = errors(generate(run, "--plan-file", str(path)))
    assert found == [f"{path}:9:11: plank: this dose takes about 32460 minutes a session, longer "
                     "than Back spasm recovery's sessions of at most 25 minutes; lower it"]


def test_a_fixed_dose_that_fits_is_kept(run, tmp_path):
    path = plan_file(tmp_path, ("note: Keep it short.", "dose: {reps: 4, hold_s: 15}"))
    result = generate(run, "--plan-file", str(path))
    assert result.exit_code == 0, result.stderr
    assert '"dose": "4 × 15 s"' in result.stdout


def test_a_cap_below_a_fixed_dose_is_refused(run, tmp_path):
    path = plan_file(tmp_path, ("note: Keep it short.", "dose: {reps: 4}\n    cap: {reps: 3}"))
    assert errors(generate(run, "--plan-file", str(path))) == [
        f"{path}:10:17: plank: the cap of 3 for reps is below the set dose of 4; a set dose is "
        "given every week, so drop the cap or lower the dose"]


# --- #12: start dates -----------------------------------------------------------------------


@pytest.mark.parametrize("start", ["9999-12-27", "9999-12-31", "1999-12-31", "2101-01-03"])
def test_starts_out_of_range_are_refused(run, start, tmp_path):
    for fmt in ("ics", "pdf"):
        assert errors(generate(run, "--start", start, fmt=fmt)) == [
            f"--start: the start date {start} is out of range; choose a date from 2000 to 2100"]


def test_the_last_allowed_start_makes_a_calendar(run):
    result = generate(run, "back-care-maintenance", "--weeks", "52", "--start", "2100-12-27",
                      fmt="ics")
    assert result.exit_code == 0, result.stderr


SCREENING = len(clinical.EMERGENCY_QUESTIONS) + len(clinical.SEE_DOCTOR_QUESTIONS)


@pytest.mark.parametrize("bad, shown", [
    ("2027-01-04\na4\nn\nAnn\x1b]0;x\x07\n", "invisible or control character (U+001B)"),
    ("9999-12-27\n2027-01-04\na4\nn\n", "the start date 9999-12-27 is out of range"),
])
def test_the_wizard_asks_again_after_a_rule_is_broken(run, tmp_path, bad, shown):
    out = tmp_path / "mine.pdf"
    answers = "n\n" * (SCREENING + 1) + "3\nn\n1\n2\n6\n\n\n" + bad + "Ann\ny\n"
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 0, result.output
    assert shown in result.output
    assert out.exists()


def test_library_api_start_out_of_range(library):
    program = library.programs["back-spasm-recovery"]
    with pytest.raises(HepgenError, match=r"^request.start: the start date 9999-12-27"):
        build_plan(program, library.exercises, PlanRequest(start=date(9999, 12, 27)))


# --- how a plan looks: RenderOptions ---------------------------------------------------------


def test_render_options_carry_the_logo_bytes_so_no_renderer_reads_the_disk(library):
    import io

    from PIL import Image
    from pypdf import PdfReader

    from generator.formats import render
    from generator.options import RenderOptions
    from generator.pdf import render_pdf

    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "#1d5c63").save(buffer, "PNG")
    png = buffer.getvalue()
    plan = build_plan(library.programs["back-spasm-recovery"], library.exercises,
                      PlanRequest(start=date(2027, 1, 4)), library.education)
    options = RenderOptions(paper="letter", large_print=True, logo=png)
    data = render(plan, "pdf", options)
    assert data == render_pdf(plan, paper="letter", large_print=True, logo=png)  # the old call
    assert float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width) == pytest.approx(612)


def test_the_published_schemas_keep_the_one_week_limit():
    """The JSON Schemas editors read state MAX_WEEKS too; they must say the same."""
    import json

    from generator.request import MAX_WEEKS
    from generator.schema import schema_text

    plan, program = (json.loads(schema_text(kind)) for kind in ("plan", "program"))
    weeks = program["properties"]["weeks"]["properties"]
    maxima = [plan["properties"]["weeks"]["maximum"],
              plan["properties"]["review"]["properties"]["from_week"]["maximum"],
              *(weeks[k]["maximum"] for k in ("default", "min", "max"))]
    assert maxima == [MAX_WEEKS] * 5
