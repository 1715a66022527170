"""`hepgen new` as a person on their own meets it: safety first, explicit answers, routing."""

from __future__ import annotations

import json

import pytest

from generator import clinical, intake

FLAGS = len(clinical.EMERGENCY_QUESTIONS) + len(clinical.SEE_DOCTOR_QUESTIONS)
SAFE = "n\n" * (FLAGS + 1)  # every warning sign, then pregnancy
REST = "\n\n\n2027-01-04\na4\nn\nAnn\ny\n"  # weeks, sessions, days, start, paper, print, name, write


def words(output: str) -> str:
    """The output with its lines joined: questions are broken to fit the terminal."""
    return " ".join(output.split())


def test_enter_alone_does_not_clear_a_warning_sign(run, tmp_path):
    """Pressing Enter on every question must never get a person past the screening."""
    out = tmp_path / "plan.pdf"
    result = run("new", "-o", str(out), input="\n" + "\n" * 40)
    assert result.exit_code != 0 and not out.exists()
    assert "please answer y (yes) or n (no)" in result.output
    assert "How bad is your back pain" not in result.output


def test_a_safety_question_asks_again_on_anything_but_yes_or_no(run, tmp_path):
    out = tmp_path / "plan.pdf"
    result = run("new", "-o", str(out), input="\n" + "maybe\nn\ny\n")
    assert result.exit_code == 3 and not out.exists()
    assert words(result.output).count(clinical.EMERGENCY_QUESTIONS[0]) == 2
    assert "emergency department" in result.output


def test_the_output_folder_is_checked_before_the_first_question(run, tmp_path):
    result = run("new", "-o", str(tmp_path / "nofolder" / "my.pdf"), input="\n" + SAFE)
    assert result.exit_code == 1
    assert "the folder for the output does not exist" in result.stderr
    assert clinical.EMERGENCY_QUESTIONS[0] not in result.output


def test_piped_answers_that_run_out_name_the_question(run, tmp_path):
    result = run("new", "-o", str(tmp_path / "plan.pdf"), input="\n" + SAFE)
    assert result.exit_code == 1
    assert "Aborted!" not in result.output
    assert "no answer to the question 'How bad is your back pain today" in result.stderr


def test_pregnancy_stops_with_advice_and_no_plan(run, tmp_path):
    out = tmp_path / "plan.pdf"
    result = run("new", "-o", str(out), input="\n" + "n\n" * FLAGS + "y\n")
    assert result.exit_code == 3 and not out.exists()
    assert "Are you pregnant?" in result.output
    assert "midwife" in result.output and "No plan has been written" in result.output


def test_pain_of_7_gets_the_recovery_plan_whatever_is_chosen(run, tmp_path):
    """Before: 7/10 could pick "My back has settled" and got a knee plank in week 1."""
    out = tmp_path / "mine.json"
    answers = SAFE + "7\nn\n" + "2\n" + REST  # "2" would be the maintenance plan
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 0, result.output
    assert "Which fits you best?" not in result.output
    assert "Your pain is 7 out of 10" in result.output
    plan = json.loads(out.read_text())
    assert plan["program"]["id"] == "back-spasm-recovery" and plan["level"] == "beginner"
    first = {e["variant"] for e in plan["weeks"][0]["exercises"]}
    assert not first & {"knee-plank", "prone-on-elbows"}


def test_pain_down_one_leg_gets_the_sciatica_plan_and_the_leg_rule_in_bold(run, tmp_path):
    out = tmp_path / "mine.json"
    answers = SAFE + "3\ny\n" + "1\n" + REST  # leg pain; then the activity question
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 0, result.output
    assert "Does pain travel down one leg, below the knee?" in result.output
    assert json.loads(out.read_text())["program"]["id"] == "sciatica-recovery"
    assert f"Important: {intake.LEG_RULE}" in words(result.output)
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["new", "-o", str(tmp_path / "again.json")],
                                input="\n" + answers, color=True)
    assert f"\x1b[1mImportant: {intake.LEG_RULE}" in words(result.output)  # bold on a terminal


def test_the_wizard_asks_for_sessions_so_two_days_work(run, tmp_path):
    out = tmp_path / "mine.json"
    answers = SAFE + "3\nn\n1\n1\n\n5\n2\nmon,tue\n2027-01-04\na4\nn\n\ny\n"  # 5: asked again
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 0, result.output
    assert {w["sessions"] for w in json.loads(out.read_text())["weeks"]} == {2}
    assert "sessions a week can be 1 to 3 for this program (you asked for 5)" in words(result.output)


# --- the decision, shared with the web app's self-service page ------------------------------


def _answers(**changes):
    answers = {q.key: False for q in intake.SAFETY}
    answers.update(pain=2, leg=False, program="back-care-maintenance", level="advanced")
    answers.update(changes)
    return answers


def test_decide_is_one_function_for_every_face():
    assert intake.decide(_answers()).settings.program == "back-care-maintenance"
    strong = intake.decide(_answers(pain=6)).settings
    assert (strong.program, strong.level) == ("back-spasm-recovery", "beginner")
    assert intake.decide(_answers(pain=8)).stop is intake.PAIN_STOP
    leg = intake.decide(_answers(leg=True, pain=7))
    assert (leg.settings.program, leg.settings.level) == ("sciatica-recovery", "beginner")
    assert leg.emphasis == (f"Important: {intake.LEG_RULE}",)
    assert intake.decide(_answers(pregnant=True)).stop is intake.PREGNANCY_STOP
    assert "emergency" in intake.decide(_answers(**{"emergency-1": True})).stop.title


def test_decide_refuses_a_form_with_a_safety_question_left_blank():
    answers = _answers()
    del answers["doctor-3"]
    decision = intake.decide(answers)
    assert decision.settings is None
    assert clinical.SEE_DOCTOR_QUESTIONS[2] in decision.stop.signs


def test_decide_reads_form_text_with_the_request_rules(library):
    from generator.errors import HepgenError

    decision = intake.decide(_answers(weeks="8", days="Monday; thu", sessions="2",
                                      start="2027-01-04", large_print="yes"))
    plan = decision.settings.build(library)
    assert len(plan.weeks) == 8 and plan.weeks[0].days[1].isoformat() == "2027-01-07"
    with pytest.raises(HepgenError, match="^days: 'someday' is not a day"):
        intake.decide(_answers(days="someday"))


def test_a_pain_score_out_of_range_is_asked_again_in_plain_words(run, tmp_path):
    out = tmp_path / "mine.json"
    result = run("new", "-o", str(out), input="\n" + SAFE + "11\n3\nn\n1\n1\n" + REST)
    assert result.exit_code == 0, result.output
    assert "give your pain today as a whole number from 0 to 10" in result.output
    assert "0<=x<=10" not in result.output and "is not in the range" not in result.output


# --- the web app's self-service page follows the same rules --------------------------------


@pytest.fixture(scope="module")
def web():
    pytest.importorskip("flask")
    from generator.web import create_app

    return create_app(testing=True).test_client()


def test_the_web_screening_asks_about_pregnancy_and_stops(web):
    from generator import wizard

    answers = {f"_flag{i}": "no" for i in range(len(wizard.warning_questions()))}
    page = web.get("/self").get_data(as_text=True)
    assert "Are you pregnant?" in page
    last = len(wizard.warning_questions()) - 1
    body = web.post("/self", data={**answers, f"_flag{last}": "yes"}).get_data(as_text=True)
    assert "midwife" in body and "at a glance" not in body


def test_the_web_routes_pain_and_leg_pain_as_the_wizard_does(web):
    screened = {f"_flag{i}": "no" for i in range(len(intake.SAFETY))}
    strong = web.post("/self/plan", data={**screened, "_pain": "7", "_leg": "no",
                                          "program": "back-care-maintenance",
                                          "level": "advanced", "start": "2027-01-04"})
    body = strong.get_data(as_text=True)
    assert strong.status_code == 200 and 'name="program" value="back-spasm-recovery"' in body
    leg = web.post("/self/plan", data={**screened, "_pain": "3", "_leg": "yes",
                                       "program": "desk-worker", "start": "2027-01-04"}
                   ).get_data(as_text=True)
    assert 'name="program" value="sciatica-recovery"' in leg
    assert f"<strong>Important: {intake.LEG_RULE}</strong>" in leg.replace("&#39;", "'")
    missing = web.post("/self/plan", data={**screened, "_pain": "3", "program": "desk-worker"})
    assert missing.status_code == 400 and "answer yes or no" in missing.get_data(as_text=True)


@pytest.mark.parametrize("columns", [60, 80])
def test_every_question_fits_the_terminal(run, tmp_path, monkeypatch, columns):
    """Before: the warning signs ran past the edge and broke inside a word ("saddle" / ")?")."""
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.chdir(tmp_path)
    answers = SAFE + "3\ny\n1\n" + REST  # pain down a leg: the leg rule is printed in bold too
    result = run("new", "-o", "plan.pdf", input="\n" + answers)
    assert result.exit_code == 0, result.output
    too_long = [line for line in result.output.splitlines() if len(line) > columns]
    assert too_long == []
    assert "saddle)? [y/n]: n" in result.output  # the answer stays on its question's line
