"""Real workflows: plan files, review and re-issue, days, the wizard, batch, calendar, init."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import clinical

PLAN_FILE = """\
program: back-spasm-recovery
patient: Ann Lee
clinician: Sam Patel
start: 2027-01-04
weeks: 8
days: [tue, thu, sat]
exclude: [plank]
exercises:
  bird-dog:
    pin: leg-slide
    note: Keep the movement small for now.
  hamstring-stretch:
    cap: {hold_s: 25}
  cat-cow:
    dose: {reps: 10}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def as_json(run, *args) -> dict:
    result = run("generate", *args, "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def doses(plan: dict, exercise: str) -> list:
    return [(w["week"], e["variant"], e["sets"], e["reps"], e["hold_s"])
            for w in plan["weeks"] for e in w["exercises"] if e["exercise"] == exercise]


# --- plan files -------------------------------------------------------------------------


def test_plan_file_shapes_the_plan(run, tmp_path):
    plan = as_json(run, "--plan-file", str(write(tmp_path, "ann.yaml", PLAN_FILE)))
    assert plan["patient"] == "Ann Lee" and plan["clinician"] == "Sam Patel"
    assert len(plan["weeks"]) == 8 and plan["start"] == "2027-01-04"
    names = {e["exercise"] for w in plan["weeks"] for e in w["exercises"]}
    assert "plank" not in names
    assert {v for _, v, *_ in doses(plan, "bird-dog")} == {"leg-slide"}  # pinned
    assert max(h for *_, h in doses(plan, "hamstring-stretch")) <= 25  # capped
    assert {(s, r) for _, _, s, r, _ in doses(plan, "cat-cow")} == {(1, 10)}  # set
    assert plan["exercise_notes"] == {"bird-dog": "Keep the movement small for now."}
    for week in plan["weeks"]:
        days = {Path(d).name for d in week["days"]}
        assert len(days) == week["sessions"]
    from datetime import date

    weekdays = {date.fromisoformat(d).strftime("%a") for w in plan["weeks"] for d in w["days"]}
    assert weekdays == {"Tue", "Thu", "Sat"}


def test_plan_file_pdf_carries_note_and_dates(run, tmp_path):
    out = tmp_path / "ann.pdf"
    result = run("generate", "--plan-file", str(write(tmp_path, "ann.yaml", PLAN_FILE)), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(out).pages).replace("\xa0", " ").split())
    assert "Note from your clinician: Keep the movement small for now." in text
    assert "Tue 5 Jan" in text and "Sat 9 Jan" in text
    assert "Ann Lee" in text and "Leg slide back" in text
    assert "Week 8 · 22 to 28 Feb" in text and "5. Plank" not in text


def test_command_line_wins_over_the_plan_file(run, tmp_path):
    path = write(tmp_path, "ann.yaml", PLAN_FILE)
    plan = as_json(run, "--plan-file", str(path), "--weeks", "5", "--patient", "A. Lee")
    assert len(plan["weeks"]) == 5 and plan["patient"] == "A. Lee"
    assert plan["clinician"] == "Sam Patel"  # not given on the command line: from the file


@pytest.mark.parametrize("change, message, line", [
    (("weeks: 8", "weks: 8"), "unknown key 'weks' — did you mean 'weeks'?", 5),
    (("  bird-dog:\n", "  bird-dogg:\n"), "'bird-dogg' is not in back-spasm-recovery — did you mean 'bird-dog'?", 9),
    (("pin: leg-slide", "pin: leg-slid"), "'leg-slid' is not a variant of bird-dog", 10),
    (("start: 2027-01-04", "start: 4/1/2027"), "YYYY-MM-DD", 4),
    (("days: [tue, thu, sat]", "days: [tue, thurs]"), "use one of: mon", 6),
    (("program: back-spasm-recovery", "program: back-spasm"), "unknown program 'back-spasm'", 1),
    (("cap: {hold_s: 25}", "cap: {hold_s: -1}"), "hold_s must be a whole number from 1 to 120", 13),
])
def test_plan_file_errors_name_the_line(run, tmp_path, change, message, line):
    path = write(tmp_path, "ann.yaml", PLAN_FILE.replace(*change))
    result = run("generate", "--plan-file", str(path), "--format", "json", "-o", "-")
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"hepgen: error: {path}:{line}:"), first
    assert message in first


def test_plan_schema_is_published(run):
    schema = json.loads(run("schema", "plan").stdout)
    assert "exercises" in schema["properties"] and "review" in schema["properties"]


# --- review and re-issue ------------------------------------------------------------------


def test_reissue_from_week_4_with_hold_and_regress(run):
    full = as_json(run, "--start", "2027-01-04")
    again = as_json(run, "--start", "2027-01-04", "--from-week", "4", "--hold", "plank",
                    "--regress", "back-extension", "--progress", "bird-dog")
    assert [w["week"] for w in again["weeks"]] == [4, 5, 6]
    assert again["from_week"] == 4 and again["start"] == "2027-01-25"
    full_plank, new_plank = dict((w, d) for w, *d in doses(full, "plank")), dict((w, d) for w, *d in doses(again, "plank"))
    assert new_plank[4] == full_plank[3]  # held at last week's dose
    full_ext, new_ext = dict((w, d) for w, *d in doses(full, "back-extension")), dict((w, d) for w, *d in doses(again, "back-extension"))
    assert full_ext[3] == full_ext[2]  # week 3 held week 2's dose while the plank started
    assert new_ext[4] == full_ext[1]  # back a step from week 3's dose
    assert new_ext[5] == new_ext[4]  # the week after a lighter week takes no step
    assert new_ext[6] == full_ext[3]  # then on again one step at a time
    # "progress" means as planned: the same doses as the original plan from week 4 on
    assert doses(again, "bird-dog") == [d for d in doses(full, "bird-dog") if d[0] >= 4]


def test_reissue_in_the_plan_file_and_pdf_omits_done_weeks(run, tmp_path):
    text = PLAN_FILE + "review:\n  from_week: 3\n  decisions: {back-extension: regress}\n"
    out = tmp_path / "again.pdf"
    result = run("generate", "--plan-file", str(write(tmp_path, "ann.yaml", text)), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    whole = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Week 3\n" in whole and "Week 1\n" not in whole and "Week 2\n" not in whole


@pytest.mark.parametrize("lang, first, last", [
    ("en", "Weeks 4 to 6 of your 6-week", "Week 6 of your 6-week"),
    ("es", "Semanas 4 a 6 de su plan", "Semana 6 de su plan")])
def test_reissue_cover_names_the_weeks_it_holds(run, tmp_path, lang, first, last):
    for week, expected in ((4, first), (6, last)):
        out = tmp_path / f"{lang}{week}.pdf"
        result = run("generate", "--start", "2027-01-04", "--from-week", str(week),
                     "--lang", lang, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        cover = " ".join(PdfReader(out).pages[0].extract_text().split())
        assert expected in cover and "Weeks 6 to 6" not in cover and "6 a 6" not in cover


def test_decisions_need_from_week(run):
    result = run("generate", "--hold", "plank", "--format", "json", "-o", "-")
    assert result.exit_code == 2 and "--from-week" in result.output


def test_the_issue_example_plank_starting_at_the_review(run):
    """Plank starts in week 3: 'hold' starts it as planned, 'regress' one step easier."""
    full = as_json(run, "--start", "2027-01-04")
    held = as_json(run, "--start", "2027-01-04", "--from-week", "3", "--hold", "plank",
                   "--regress", "back-extension")
    assert doses(held, "plank")[0] == doses(full, "plank")[0]  # week 3, knee plank 3 x 10 s
    full_ext = dict((w, d) for w, *d in doses(full, "back-extension"))
    assert dict((w, d) for w, *d in doses(held, "back-extension"))[3] == full_ext[1]
    advanced = as_json(run, "--start", "2027-01-04", "--level", "advanced", "--from-week", "3",
                       "--regress", "plank")
    first = doses(advanced, "plank")[0]
    forearm = doses(as_json(run, "--start", "2027-01-04", "--level", "advanced"), "plank")[0]
    assert forearm[1] == "forearm-plank" and forearm[3:] == (3, 10)
    # the easier variant at its start dose (its middle would take longer), never its top
    assert first[1] == "knee-plank" and first[3:] == (3, 10)


def test_decision_on_an_exercise_that_starts_later(run):
    result = run("generate", "--from-week", "2", "--hold", "plank",
                 "--format", "json", "-o", "-")
    assert result.exit_code == 1 and "not in the plan until week 3" in result.stderr


def test_decision_on_an_exercise_that_waits_a_week_in_its_phase(run):
    """Desk plans begin bird dog and plank's phase in week 2, but the plank starts in week
    3 (one new exercise a week): a decision for it in week 2 is refused, not ignored."""
    result = run("generate", "desk-worker", "--from-week", "2", "--hold", "plank",
                 "--format", "json", "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "plank is not in the plan until week 3; a review decision applies to week 2")


# --- days ---------------------------------------------------------------------------------


def test_default_days_are_spread(run):
    plan = as_json(run, "--start", "2027-01-04")
    assert plan["weeks"][0]["days"] == ["2027-01-04", "2027-01-07"]  # Mon, Thu
    assert plan["weeks"][-1]["days"] == ["2027-02-08", "2027-02-10", "2027-02-12"]  # Mon, Wed, Fri


def test_too_few_days(run):
    result = run("generate", "--days", "mon,thu", "--format", "json", "-o", "-")
    assert result.exit_code == 1 and "give at least 3 days" in result.stderr


def test_bad_day_is_one_line_naming_the_option(run):
    result = run("generate", "--days", "mon,thrusday,fri")
    assert result.exit_code == 2
    assert result.stderr == ("hepgen: error: --days: 'thrusday' is not a day; use mon, tue, wed, "
                             "thu, fri, sat, sun — did you mean 'thu'?\n")


# --- the wizard -----------------------------------------------------------------------------

NO_FLAGS = "n\n" * (len(clinical.EMERGENCY_QUESTIONS) + len(clinical.SEE_DOCTOR_QUESTIONS) + 1)


@pytest.mark.parametrize("answers, shown", [
    ("n\ny\n", "emergency department"),
    ("n\n" * 5 + "y\n", "see a doctor"),
    (NO_FLAGS + "9\n", "severe"),
])
def test_wizard_stops_for_safety_and_writes_nothing(run, tmp_path, answers, shown):
    out = tmp_path / "plan.pdf"
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 3, result.output
    assert shown in result.output and "No plan has been written" in result.output
    assert not out.exists()


def test_wizard_writes_a_plan(run, tmp_path):
    out = tmp_path / "mine.pdf"
    answers = NO_FLAGS + "3\nn\n1\n2\n6\n\ntue,thu,sat\n2027-01-05\nletter\ny\nZoë\ny\n"
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 0, result.output
    assert "Week 6" in result.output and "Wrote" in result.output
    reader = PdfReader(out)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612)
    assert "Zoë" in reader.pages[0].extract_text()


def test_wizard_asks_again_after_a_bad_answer(run, tmp_path):
    out = tmp_path / "mine.pdf"
    answers = NO_FLAGS + "eleven\n2\nn\n1\n1\n\n\nmon,tue\nmon,wed,fri\n2027-01-04\na4\nn\n王\nAnn\ny\n"
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 0, result.output
    assert "give at least 3 days" in result.output
    assert "cannot print 王" in result.output
    assert out.exists()


# --- batch ----------------------------------------------------------------------------------


def _csv(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "patients.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_batch_40_rows_one_bad(run, tmp_path):
    rows = [{"patient": f"Patient {i}", "start": "2027-01-04", "weeks": str(4 + i % 5),
             "level": ("beginner", "advanced")[i % 2], "days": "mon;wed;fri" if i % 3 else "",
             "exclude": "plank" if i % 7 == 0 else ""} for i in range(40)]
    rows[12]["level"] = "expert"
    rows[30]["patient"] = "Patient 1"  # the same name twice: both written
    path = _csv(tmp_path, rows)
    out = tmp_path / "out"
    result = run("batch", str(path), "--out-dir", str(out), "--jobs", "2")
    assert result.exit_code == 1
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 39
    assert (out / "patient-1.pdf").exists() and (out / "patient-1-2.pdf").exists()
    assert f"{path}:14 (Patient 12), column level: unknown level 'expert'" in result.stderr  # header is line 1
    assert "Wrote 39 plans" in result.stderr and "1 row failed" in result.stderr
    assert PdfReader(pdfs[0]).pages[0].extract_text()


def test_batch_unknown_column_stops_before_anything(run, tmp_path):
    path = _csv(tmp_path, [{"patient": "A", "wekes": "6"}])
    result = run("batch", str(path), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1 and "unknown column 'wekes' — did you mean 'weeks'?" in result.stderr
    assert not (tmp_path / "out").exists()


def test_batch_safe_file_names(run, tmp_path):
    path = _csv(tmp_path, [{"patient": "../../etc/passwd", "weeks": ""},
                           {"patient": "Zoë O'Brien & <Sons>", "weeks": ""},
                           {"patient": "", "weeks": "6"}])
    out = tmp_path / "out"
    result = run("batch", str(path), "--out-dir", str(out), "--jobs", "1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["etc-passwd.json", "row-4.json", "zoe-obrien-sons.json"]


# --- calendar --------------------------------------------------------------------------------


def test_ics_one_event_per_session(run, tmp_path):
    import icalendar

    out = tmp_path / "plan.ics"
    result = run("generate", "--plan-file", str(write(tmp_path, "ann.yaml", PLAN_FILE)), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    plan = as_json(run, "--plan-file", str(tmp_path / "ann.yaml"))
    expected = [d for w in plan["weeks"] for d in w["days"]]
    assert len(events) == len(expected) == sum(w["sessions"] for w in plan["weeks"])
    assert [e.decoded("dtstart").isoformat() for e in events] == expected
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert "Bird dog, Leg slide back" in str(events[0]["description"])
    again = run("generate", "--plan-file", str(tmp_path / "ann.yaml"), "--format", "ics", "-o", "-")
    assert again.stdout_bytes == out.read_bytes()


# --- init ------------------------------------------------------------------------------------


def test_init_copies_the_library_and_it_works(run, tmp_path):
    folder = tmp_path / "clinic"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.stderr
    assert (folder / "exercises" / "plank.yaml").exists()
    plank = folder / "exercises" / "plank.yaml"
    plank.write_text(plank.read_text().replace("name: Plank\n", "name: Front plank\n"))
    assert run("validate", "--library", str(folder)).exit_code == 0
    plan = as_json(run, "--library", str(folder), "--start", "2027-01-04")
    assert "Front plank" in {e["name"] for w in plan["weeks"] for e in w["exercises"]}
    again = run("init", str(folder))
    assert again.exit_code == 1 and "already exists" in again.stderr
