"""The library's content: the new exercises and programs load and render, and every patient
output (PDF, text, calendar) carries the same pain rule and warning signs."""

from __future__ import annotations

import io
import re

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from conftest import MONDAY
from generator import PlanRequest, build_plan, clinical
from generator.calendar import render_ics
from generator.library import load_library
from generator.pdf import render_pdf
from generator.pdf.cards import beyond_pain_rule
from generator.text import render_text
from test_readability import patient_texts

LIB = load_library()
NEW = ("side-plank", "curl-up", "glute-bridge", "dead-bug", "knee-to-chest", "childs-pose")
FLEXION_STRETCHES = ("hamstring-stretch", "knee-to-chest")
# what the red flags added this session say, in the words a patient reads
NEW_FLAGS = ("you cannot tell if your bladder is full or empty", "get seen the same day",
             "under 20 or over 50", "you inject drugs", "your upper back")


def plan_for(program: str, **kwargs):
    return build_plan(LIB.programs[program], LIB.exercises,
                      PlanRequest(start=MONDAY, **kwargs), LIB.education)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def pdf_text(data: bytes) -> str:
    return flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.parametrize("name", NEW)
def test_new_exercise_is_a_full_ladder(name):
    exercise = LIB.exercises[name]
    assert len(exercise.variants) >= 3
    assert exercise.sources and exercise.stop_if
    for variant in exercise.variants:
        assert variant.figure, f"{variant.id} has no figure"
        assert len(variant.steps) >= 3 and variant.cues and variant.mistakes


def _program_using(tmp_path, exercises):
    """A one-phase program in an extra library folder that uses *exercises* from week 1."""
    folder = tmp_path / "lib" / "programs"
    folder.mkdir(parents=True)
    starts = "\n".join(
        f"  {name}: {{beginner: {LIB.exercises[name].variants[0].id}, "
        f"intermediate: {LIB.exercises[name].variants[0].id}, "
        f"advanced: {LIB.exercises[name].variants[0].id}}}" for name in exercises)
    items = "\n".join(f"      - exercise: {name}" for name in exercises)
    (folder / "trial.yaml").write_text(
        "id: trial\ntitle: Trial\nsummary: A trial.\nweeks: {default: 12, min: 4, max: 12}\n"
        "sessions_per_week: {start: 2, end: 3}\nstart:\n" + starts + "\nphases:\n"
        "  - name: All\n    from_week: 1\n    exercises:\n" + items + "\n")
    return str(tmp_path / "lib")


@pytest.mark.parametrize("names", [NEW[:3], NEW[3:]])
def test_new_exercises_render_on_cards(tmp_path, names):
    library = load_library((_program_using(tmp_path, names),))
    plan = build_plan(library.programs["trial"], library.exercises,
                      PlanRequest(start=MONDAY, weeks=12, level="advanced"), library.education)
    text = pdf_text(render_pdf(plan))
    for name in names:
        exercise = library.exercises[name]
        assert exercise.name in text
        first = exercise.variants[0]
        stop = beyond_pain_rule(first.stop_if[0] if first.stop_if else exercise.stop_if[0])
        assert flat(first.steps[0]) in text and (stop is None or flat(stop) in text)


def test_variant_safety_prints_only_with_its_variant():
    """Kneeling advice is on the kneeling cat-cow cards, not on the seated one."""
    kneel = "Kneel on a folded towel if your knees are sore."
    cat_cow = LIB.exercises["cat-cow"]
    assert kneel not in cat_cow.cautions + cat_cow.variants[0].cautions
    assert all(kneel in v.cautions for v in cat_cow.variants[1:])
    for program, level in (("desk-worker", "beginner"), ("back-spasm-recovery", "advanced")):
        plan = plan_for(program, weeks=4, level=level)
        used = {p.variant for w in plan.weeks for p in w.exercises if p.exercise == "cat-cow"}
        kneeling = used - {"seated-pelvic-tilt"}
        assert (kneel in pdf_text(render_pdf(plan))) == bool(kneeling), (program, used)


def test_sciatica_program_leaves_out_flexion_stretches_and_says_why():
    program = LIB.programs["sciatica-recovery"]
    assert not set(FLEXION_STRETCHES) & set(program.exercise_ids)
    assert program.cautions
    plan = plan_for("sciatica-recovery")
    cover = flat(PdfReader(io.BytesIO(render_pdf(plan))).pages[0].extract_text())
    assert "Take care" in cover
    for line in program.cautions:
        assert flat(line) in cover
    assert "How to use this plan" in cover, "the cover stays on one page"
    text = render_text(plan)
    assert all(line in text for line in program.cautions)


def test_the_sciatica_handout_expects_sciatica_not_a_spasm():
    """Its education said 'Most back spasms get better... within a few days to a week', and
    its see-a-doctor box 'if your spasms': not what a person with sciatica has."""
    pdf = PdfReader(io.BytesIO(render_pdf(plan_for("sciatica-recovery"))))
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    assert "What to expect with sciatica" in text and "4 to 6 weeks" in text
    assert "Most back spasms" not in text and "if your spasms" not in text
    assert "if your pain or spasms" in text  # back or leg


@pytest.mark.parametrize("program", sorted(LIB.programs))
def test_every_program_keeps_to_five_and_teaches_the_basics(program):
    value = LIB.programs[program]
    assert all(len([i for i in phase.items if LIB.exercises[i.exercise].kind != "activity"]) <= 5
               for phase in value.phases)  # an activity such as walking is done outside sessions
    assert {"relief", "floor"} <= set(value.education)
    assert any(name.startswith("expectations") for name in value.education)  # sciatica's own


@pytest.mark.parametrize("program", sorted(LIB.programs))
def test_every_output_carries_the_pain_rule_and_red_flags(program):
    plan = plan_for(program)
    pdf = pdf_text(render_pdf(plan))
    text = flat(render_text(plan))
    for output in (pdf, text):
        for flag in NEW_FLAGS + clinical.EMERGENCY + clinical.SEE_DOCTOR:
            assert flat(flag) in output, flag
        for _, rule in clinical.PAIN_RULE:
            assert flat(rule) in output
        assert flat(clinical.BACK_ON_PLAN) in output
    calendar = Calendar.from_ical(render_ics(plan))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == sum(w.sessions for w in plan.weeks)
    for event in events:
        description = flat(str(event.get("description")))
        assert flat(clinical.PAIN_RULE[3][1]) in description  # the leg rule
        assert flat(clinical.GET_HELP_NOW) in description
        assert "you cannot tell if your bladder is full or empty" in description


def test_the_pain_rule_is_printed_once_and_the_log_points_to_it():
    pdf = PdfReader(io.BytesIO(render_pdf(plan_for("back-spasm-recovery"))))
    pages = [flat(p.extract_text()) for p in pdf.pages]
    whole = " ".join(pages)
    for zone, rule in clinical.PAIN_RULE:
        assert whole.count(flat(rule)) == 1, zone
    assert whole.count(flat(clinical.BACK_ON_PLAN)) == 1
    logs = next(p for p in pages if "Your log" in p)
    assert "the pain rule at the front" in logs  # the cover, or page 2 in large print


def test_patient_text_avoids_jargon():
    words = re.compile(r"\b(dose|doses|variant|variants|clinician|legumes?|lidocaine|stenosis|"
                       r"spondylolisthesis|facet|turmeric|chocolate|inflamm\w*)\b", re.I)
    found = [(file, t) for file, texts in patient_texts().items() for t in texts
             if words.search(t)]
    assert not found
    for program in sorted(LIB.programs):
        plan = plan_for(program)
        output = pdf_text(render_pdf(plan)) + render_text(plan)
        assert not re.search(r"\b(dose|doses|variants?)\b", output, re.I), program


@pytest.mark.parametrize("flag", ["same day", "under 20", "upper back", "inject drugs"])
def test_the_wizard_asks_the_new_warning_questions(run, tmp_path, flag):
    """A "yes" to one of the new warning questions stops the wizard and names the sign."""
    index = next(i for i, sign in enumerate(clinical.SEE_DOCTOR) if flag in sign)
    answers = "n\n" * (len(clinical.EMERGENCY_QUESTIONS) + index) + "y\n"
    out = tmp_path / "plan.pdf"
    result = run("new", "-o", str(out), input="\n" + answers)
    assert result.exit_code == 3 and not out.exists()
    assert clinical.SEE_DOCTOR[index] in " ".join(result.output.split())  # lines fit the terminal


def test_the_wizard_uses_the_nhs_bladder_question(run, tmp_path):
    answers = "n\n" + "y\n"
    result = run("new", "-o", str(tmp_path / "plan.pdf"), input="\n" + answers)
    assert "Can you not tell if your bladder is full or empty" in result.output
    assert result.exit_code == 3 and "emergency department" in result.output


def test_cat_cow_reads_as_slow_rounds_not_holds(run):
    """'12 × 5 s' means holds for a plank but slow rounds for the cat-cow: the plan says so
    beside the table, in the text plan, and on the card's dose sentence."""
    plan = plan_for("back-spasm-recovery")
    cat = next(p for p in plan.weeks[0].exercises if p.exercise == "cat-cow")
    assert cat.sentence() == "10 slow rounds, pausing 3 seconds at each end"
    note = "For the cat-cow stretch, '10 × 3 s' means 10 slow rounds, pausing 3 seconds at each end."
    assert note in pdf_text(render_pdf(plan))
    text = run("generate", "--start", MONDAY.isoformat(), "--format", "txt", "-o", "-").stdout
    assert note in text
    plank = next(p for p in plan.weeks[2].exercises if p.exercise == "plank")
    assert plank.sentence() == "3 times, holding 10 seconds each time"


def test_the_rest_between_plank_holds_is_stated_and_counted():
    """Each plank card says how long to rest between holds, and a session's minutes count
    that rest: more than 10 s a hold besides the hold itself (the rest, then getting up)."""
    from generator.progression import SETUP_S, Dose, exercise_seconds

    for variant in LIB.exercises["plank"].variants:
        assert any("rest for about 10 seconds before the next hold" in step
                   for step in variant.steps), variant.id
        three = Dose(1, 3, 10)
        assert exercise_seconds(variant.dose, three, False) > SETUP_S + 3 * (10 + 10)
    pdf = pdf_text(render_pdf(plan_for("back-spasm-recovery")))
    assert "rest for about 10 seconds before the next hold" in pdf


def test_kneeling_advice_is_on_every_kneeling_card_and_no_other():
    """A variant that puts the knees on the floor says what to do if kneeling hurts; one
    that does not (a seated tilt, a plank on the toes) never does."""
    def kneels(variant) -> bool:
        return any(re.search(r"\bkneel\b|knees on the floor|child's pose", step, re.I)
                   for step in variant.steps)

    def advice(exercise, variant) -> bool:
        return any("kneel" in line.lower() and "towel" in line
                   for line in exercise.cautions + variant.cautions)

    for exercise in LIB.exercises.values():
        for variant in exercise.variants:
            assert advice(exercise, variant) == kneels(variant), variant.id


# Words the pain rule already says: a stop line made only of these may be left off a card.
_PAIN_RULE_WORDS = set("""pain numbness tingling or and spreads spreading moves runs travels goes
gets worse into down in a an the your leg legs above over more than 5 out of 10 is sharp causes
movement""".split())


def test_a_stop_line_left_off_a_card_says_nothing_the_pain_rule_does_not():
    """A card leaves off the stop lines the pain rule already covers; a line that also warns of
    something else (weak legs, say) must reach the card, not vanish with its covered half."""
    lines = {line for e in LIB.exercises.values()
             for line in e.stop_if + tuple(x for v in e.variants for x in v.stop_if)}
    for line in lines:
        if beyond_pain_rule(line) is None:
            rest = set(re.findall(r"[a-z0-9]+", line.lower())) - _PAIN_RULE_WORDS
            assert not rest, f"{line!r} is left off the cards but also says {sorted(rest)}"
