"""The command line and a clinic's files as a newcomer meets them (issue #13)."""

from __future__ import annotations

import json
from datetime import date

import pytest

JSON = ("--format", "json", "-o", "-", "--start", "2027-01-04")


def batch(run, tmp_path, text: str):
    """A CSV list holding *text*, made into JSON plans in out/: (the list, the run)."""
    sheet = tmp_path / "list.csv"
    sheet.write_text(text)
    return sheet, run("batch", str(sheet), "--out-dir", str(tmp_path / "out"), "--format", "json")


def _weeks(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["weeks"]


def test_hold_and_regress_of_one_exercise_is_refused(run):
    result = run("generate", *JSON, "--from-week", "3", "--hold", "bird-dog",
                 "--regress", "bird-dog")
    assert result.exit_code == 1
    assert result.stderr == ("hepgen: error: --regress: bird-dog is given both --hold and "
                             "--regress; choose one decision for it\n")


def test_sessions_caps_the_plan_so_two_days_work(run):
    refused = run("generate", *JSON, "--days", "mon,tue")
    assert refused.exit_code == 1 and "(--sessions 2)" in refused.stderr
    weeks = _weeks(run("generate", *JSON, "--days", "mon,tue", "--sessions", "2"))
    assert {w["sessions"] for w in weeks} == {2}
    assert all(len(w["exercises"]) for w in weeks)


def test_sessions_in_a_plan_file_and_a_csv_column(run, tmp_path):
    plan = tmp_path / "ann.yaml"
    plan.write_text("patient: Ann\nsessions: 2\ndays: [mon, tue]\nstart: 2027-01-04\n")
    assert {w["sessions"] for w in _weeks(run("generate", "--plan-file", str(plan),
                                              "--format", "json", "-o", "-"))} == {2}
    sheet = tmp_path / "list.csv"
    sheet.write_text("patient,sessions,days,start\nAnn,2,mon;tue,2027-01-04\nBo,9,,2027-01-04\n")
    result = run("batch", str(sheet), "--out-dir", str(tmp_path / "out"), "--format", "json",
                 "--jobs", "1")
    assert result.exit_code == 1
    assert {w["sessions"] for w in json.loads((tmp_path / "out" / "ann.json").read_text())
            ["weeks"]} == {2}
    assert (f"{sheet}:3 (Bo), column sessions: sessions a week can be 1 to 3 for this program "
            "(you asked for 9)") in result.stderr


@pytest.mark.parametrize("given", ["0", "4"])
def test_sessions_outside_the_program_are_refused(run, given):
    result = run("generate", *JSON, "--sessions", given)
    assert result.exit_code == 1
    assert result.stderr == ("hepgen: error: --sessions: sessions a week can be 1 to 3 for this "
                             f"program (you asked for {given})\n")


@pytest.mark.parametrize("days, shown", [
    ("mon;wed;fri", "Mon/Wed/Fri"), ("mon wed fri", "Mon/Wed/Fri"),
    ("Monday, Wednesday, Friday", "Mon/Wed/Fri"), ("TUE,thu,Sat", "Tue/Thu/Sat"),
])
def test_day_names_in_every_way_people_write_them(run, days, shown):
    result = run("preview", "--days", days, "--start", "2027-01-04")
    assert result.exit_code == 0, result.stderr
    assert f"3 sessions ({shown})" in result.stdout


@pytest.mark.parametrize("days", ["monkey,wedge,frisbee", "mond,wed,fri"])
def test_words_that_only_start_like_a_day_are_refused(run, days):
    result = run("preview", "--days", days)
    assert result.exit_code == 2 and "is not a day" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_choices_in_any_case(run, tmp_path):
    out = tmp_path / "plan.pdf"
    result = run("generate", "--paper", "A4", "--level", "Beginner", "--format", "PDF",
                 "-o", str(out))
    assert result.exit_code == 0, result.stderr
    sheet, result = batch(run, tmp_path, "Patient,Weeks,Level\nAnn Lee,6,Advanced\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "out" / "ann-lee.json").read_text())["level"] == "advanced"


def test_a_plan_file_takes_choices_in_any_case_and_lists_on_one_line(run, tmp_path):
    """Before: 'level: Beginner' and 'days: mon, wed, fri' were refused in a plan file although
    --level Beginner and --days mon,wed,fri work."""
    plan = tmp_path / "ann.yaml"
    plan.write_text("level: Intermediate\npaper: Letter\ndays: Tue, Thu, Sat\n"
                    "exclude: plank, bird-dog\nweeks: 8\n")
    result = run("generate", "--plan-file", str(plan), *JSON)
    weeks = _weeks(result)
    assert json.loads(result.stdout)["level"] == "intermediate"
    assert {date.fromisoformat(d).strftime("%a") for w in weeks for d in w["days"]} <= {"Tue", "Thu", "Sat"}
    assert not {"plank", "bird-dog"} & {e["exercise"] for w in weeks for e in w["exercises"]}
    assert run("validate", str(plan)).exit_code == 0
    plan.write_text("days: [Tue, THU, sat]\n")
    assert run("validate", str(plan)).exit_code == 0


@pytest.mark.parametrize("args, line", [
    (("--weeks", "six"), "--weeks: weeks must be a whole number, 4 to 12 for this program "
                         "(you gave 'six')"),
    (("--weeks", "11", "--from-week", "eleven", "--hold", "plank"),
     "--from-week: 'eleven' is not a whole number"),
    (("--start", "4/1/2027"), "--start: '4/1/2027' is not a date; write it as YYYY-MM-DD, "
                              "for example 2027-01-04"),
    (("--start", "2027-02-30"), "--start: '2027-02-30' is not a day of the calendar"),
    (("--level", "expert"), "--level: unknown level 'expert'; use one of: beginner, "
                            "intermediate, advanced"),
    (("--format", "docx"), "--format: unknown format 'docx'; use one of: pdf, json, txt, ics, "
                           "html (see 'hepgen generate --help')"),
    (("--level", "advancd"), "--level: unknown level 'advancd'; use one of: beginner, "
                             "intermediate, advanced — did you mean 'advanced'?"),
    (("--hold", "plank"), "--progress, --hold and --regress need --from-week "
                          "(see 'hepgen generate --help')"),
    (("--nope",), "no such option '--nope' (did you mean one of: '--notes', '--paper'?) "
                  "(see 'hepgen generate --help')"),
    (("--weeks",), "option '--weeks' requires an argument (see 'hepgen generate --help')"),
])
def test_errors_are_one_line_in_a_persons_words(run, args, line):
    result = run("generate", *args)
    assert result.exit_code == 2
    assert result.stderr == f"hepgen: error: {line}\n"


@pytest.mark.parametrize("args, line", [
    (("batch", "x.csv", "--out-dir", "out", "--jobs", "0"),
     "--jobs: give a whole number from 1 to 64 (you gave '0') (see 'hepgen batch --help')"),
    (("batch", "x.csv", "--out-dir", "out", "--jobs", "two"),
     "--jobs: give a whole number from 1 to 64 (you gave 'two') (see 'hepgen batch --help')"),
    (("batch", "x.csv"), "--out-dir is needed (see 'hepgen batch --help')"),
    (("batch",), "FILE.csv is needed (see 'hepgen batch --help')"),
    (("list", "exercise"), "unknown list 'exercise'; use one of: all, exercises, programs, "
                           "education — did you mean 'exercises'? (see 'hepgen list --help')"),
    (("frobnicate",), "no such command 'frobnicate' (see 'hepgen --help')"),
    (("figure", "knee-plank", "-o", "x.jpg"),
     "-o: give a file name ending in .svg, .pdf or .png (see 'hepgen figure --help')"),
    (("--nope",), "no such option '--nope' (see 'hepgen --help')"),
])
def test_every_misused_command_line_is_one_line(run, args, line):
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, f"hepgen: error: {line}\n")


def test_choices_of_every_command_take_any_case(run):
    assert run("list", "Exercises").exit_code == 0
    assert run("schema", "Program").exit_code == 0
    assert run("generate", "--format", "JSON", "-o", "-").stdout.startswith("{")


def test_help_says_weeks_as_a_person_would(run):
    result = run("generate", "--help")
    assert "INTEGER RANGE" not in result.stdout and "1<=x<=52" not in result.stdout
    assert "--weeks N" in result.stdout and "4 to 12" in result.stdout


@pytest.mark.parametrize("args, shown", [
    (("-o", "plan.docx"), "plan.docx: hepgen does not write .docx files"),
    (("--format", "txt", "-o", "x.pdf"), "x.pdf: the file name ends in .pdf but the format is txt"),
])
def test_suffix_and_format_must_agree(run, tmp_path, monkeypatch, args, shown):
    monkeypatch.chdir(tmp_path)
    result = run("generate", *args)
    assert result.exit_code == 1 and shown in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_start_in_the_past_warns_but_writes(run, tmp_path):
    out = tmp_path / "old.txt"
    result = run("generate", "--start", "2020-01-06", "-o", str(out))
    assert result.exit_code == 0 and out.exists()
    assert ("hepgen: warning: --start: the start date 2020-01-06 is in the past"
            in result.stderr)
    today = run("generate", "--start", date.today().isoformat(), "-o", str(out))
    assert "warning" not in today.stderr


def test_an_unknown_program_hints_at_library(run):
    result = run("generate", "my-own-program")
    assert result.exit_code == 1
    assert result.stderr == ("hepgen: error: unknown program 'my-own-program' (see 'hepgen list "
                             "programs'); if it is in your own library folder, add --library "
                             "FOLDER, or 'library: FOLDER' in a plan file\n")


def test_a_plan_file_names_its_library_relative_to_itself(run, tmp_path):
    run("init", str(tmp_path / "clinic" / "lib"))
    programs = tmp_path / "clinic" / "lib" / "programs"
    text = (programs / "desk-worker.yaml").read_text().replace("id: desk-worker", "id: our-desk")
    (programs / "our-desk.yaml").write_text(text)
    plan = tmp_path / "clinic" / "ann.yaml"
    plan.write_text("program: our-desk\nlibrary: lib\nstart: 2027-01-04\n")
    result = run("generate", "--plan-file", str(plan), "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["program"]["id"] == "our-desk"


# --- a clinic's CSV files ---------------------------------------------------------------------


def test_an_excel_csv_with_semicolons_bom_and_crlf(run, tmp_path):
    sheet = tmp_path / "monday.csv"
    sheet.write_bytes("\ufeffpatient;start;weeks;level;days\r\n"
                      'Ann Lee;2027-01-04;6;beginner;"mon;wed;fri"\r\n'
                      "Zoë O'Brien;2027-01-05;8;intermediate;\r\n".encode())
    result = run("batch", str(sheet), "--out-dir", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ann-lee.json",
                                                                    "zoe-obrien.json"]


def test_a_tab_separated_list_and_an_unknown_column(run, tmp_path):
    sheet, result = batch(run, tmp_path, "Patient\tWeeks\nAnn Lee\t6\n")  # Excel's "Text"
    assert result.exit_code == 0, result.stderr
    sheet, result = batch(run, tmp_path, "patient,start date\nAnn Lee,2027-01-04\n")
    assert result.stderr == (f"hepgen: error: {sheet}:1:1: unknown column 'start date' — did you "
                             "mean 'start'? (the columns can be: patient, program, clinician, "
                             "clinic, contact, notes, start, weeks, level, paper, large_print, "
                             "sections, summary, logo, days, exclude, sessions, lang)\n")


def test_a_row_with_an_extra_cell_is_skipped_like_any_bad_row(run, tmp_path):
    sheet, result = batch(run, tmp_path, "patient,weeks\nAnn Lee,6\nLee, Bo,6\nCy,6\n")
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ann-lee.json", "cy.json"]
    assert f"{sheet}:3 (Lee): this row has 1 more cell than the header has columns" in result.stderr


def test_a_bad_row_names_the_patient_line_and_column(run, tmp_path):
    sheet, result = batch(run, tmp_path, "patient,weeks\nAnn Lee,6\nBo Chen,20\n")
    assert result.exit_code == 1
    assert (f"hepgen: error: {sheet}:3 (Bo Chen), column weeks: Back spasm recovery runs for "
            "4 to 12 weeks (you asked for 20)") in result.stderr
    assert "--weeks" not in result.stderr


def test_a_row_without_a_patient_name_warns(run, tmp_path):
    sheet, result = batch(run, tmp_path, "patient,weeks\nAnn Lee,6\n,8\n")
    assert result.exit_code == 0
    assert (f"hepgen: warning: {sheet}:3, column patient: this row has no patient name; its "
            "plan is row-3.json and prints no name") in result.stderr


def test_a_note_too_long_is_said_in_plain_words(run):
    result = run("generate", *JSON, "--notes", "x" * 649)
    assert result.exit_code == 1
    assert result.stderr == "hepgen: error: --notes: the note is 649 characters; keep it to 600\n"


# --- what every output keeps ------------------------------------------------------------------


def test_the_calendar_keeps_the_leg_rule_and_the_clinicians_notes(run, tmp_path):
    from icalendar import Calendar

    from generator.clinical import PAIN_RULE

    plan = tmp_path / "ann.yaml"
    plan.write_text("start: 2027-01-04\nnotes: Walk for 10 minutes every day.\n"
                    "exercises:\n  bird-dog:\n    note: Keep the movement small for now.\n")
    out = tmp_path / "ann.ics"
    assert run("generate", "--plan-file", str(plan), "-o", str(out)).exit_code == 0
    events = [e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    leg = next(text for zone, text in PAIN_RULE if zone == "Spreads down a leg")
    for event in events:
        text = " ".join(str(event["description"]).split())
        assert leg in text
        assert "Notes from your clinician: Walk for 10 minutes every day." in text
        assert "Note on Bird dog: Keep the movement small for now." in text


@pytest.mark.parametrize("columns", ["80", "60"])
def test_preview_fits_the_terminal(run, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    result = run("preview", "sciatica-recovery", "--weeks", "8", "--level", "advanced",
                 "--patient", "Ann Lee", "--clinician", "Sam Patel", "--clinic", "Riverside")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
    assert "Lying face down" in result.stdout or "Resting on" in result.stdout


@pytest.mark.parametrize("args", [("list",), ("show", "bird-dog"), ("show", "back-spasm-recovery")])
def test_list_and_show_fit_the_terminal_and_keep_ids_whole(run, monkeypatch, args):
    monkeypatch.setenv("COLUMNS", "80")
    result = run(*args)
    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if len(line) > 80] == []
    if args == ("list",):
        assert "prone-on-elbows" in result.stdout  # an id is never broken at its hyphen


def test_show_says_a_phase_cap_in_words(run):
    result = run("show", "back-spasm-recovery")
    assert "Plank (holds of at most 10 s)" in result.stdout and "hold_s" not in result.stdout


def test_list_counts_variants_in_words(run, tmp_path):
    folder = tmp_path / "lib" / "exercises"
    folder.mkdir(parents=True)
    (folder / "side-plank.yaml").write_text(
        (__import__("pathlib").Path(__file__).parent / "data" / "side-plank.yaml").read_text())
    result = run("list", "exercises", "--library", str(tmp_path / "lib"))
    assert result.exit_code == 0, result.stderr
    assert "(1 variant: side-plank-knees)" in result.stdout and "1 variants" not in result.stdout


def test_too_few_days_says_how_to_cap_sessions_where_the_days_were_given(run, tmp_path):
    plan = tmp_path / "ann.yaml"
    plan.write_text("days: [mon, tue]\n")
    sheet = tmp_path / "list.csv"
    sheet.write_text("patient,days\nAnn,mon;tue\n")
    assert "('sessions: 2' in the plan file)" in run("generate", "--plan-file", str(plan)).stderr
    assert "(2 in a sessions column)" in run("validate", str(sheet)).stderr
    assert "--sessions" not in run("validate", str(sheet)).stderr


def test_a_csv_row_starting_in_the_past_warns(run, tmp_path):
    sheet, result = batch(run, tmp_path, "patient,start\nAnn Lee,2020-01-06\nBo Chen,\n")
    assert result.exit_code == 0
    assert (f"hepgen: warning: {sheet}:2 (Ann Lee), column start: the start date 2020-01-06 "
            "is in the past") in result.stderr
    assert "Bo Chen" not in result.stderr


def test_batch_help_names_every_column_a_row_may_have(run):
    from generator.settings import CSV_FIELDS

    shown = " ".join(run("batch", "--help").stdout.split())
    assert [c for c in CSV_FIELDS if c not in shown] == []


def test_a_review_of_the_last_week_says_week_6_not_weeks_6_to_6(run, tmp_path):
    result = run("generate", "--start", "2027-01-04", "--from-week", "6", "-o", str(tmp_path / "p.txt"))
    assert result.exit_code == 0, result.stderr
    assert "Back spasm recovery, week 6 from Mon 8 Feb 2027." in result.stderr
    assert (tmp_path / "p.txt").read_text().startswith("Back spasm recovery: week 6, ")
