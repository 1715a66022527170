"""The compact handout (issue #9): pages, type sizes, the footer, sections, summary, contact."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pypdf import PdfReader

from generator.engine import build_plan
from generator.library import load_library
from generator.options import RenderOptions
from generator.pdf import render_pdf
from generator.request import PlanRequest

LIB = load_library(())
MONDAY = date(2027, 1, 4)
LONG_NAME = "Bartholomew Alexander Montgomery-Fitzwilliam Throckmorton-Smythe of Whitby Bay R"


def plan_for(program="back-spasm-recovery", level="beginner", weeks=None, **extra):
    return build_plan(LIB.programs[program], LIB.exercises,
                      PlanRequest(start=MONDAY, level=level, weeks=weeks, **extra), LIB.education)


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def flat_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in reader(data).pages)
                    .replace("\xa0", " ").split())


def sizes(data: bytes) -> Counter:
    """Characters printed at each font size (points), from the pages' text operators."""
    found: Counter = Counter()
    for page in reader(data).pages:
        def visit(text, cm, tm, font, size):
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            if text.strip():
                found[round(size * scale, 1)] += len(text.strip())
        page.extract_text(visitor_text=visit)
    return found


# --- paper --------------------------------------------------------------------------------

BEFORE = {"a4": 18, "letter": 21, "large": 31}  # the default plan before issue #9


TARGETS = {6: (8, 9, 15), 8: (10, 11, 20)}
"""Pages (A4, Letter, large print A4) by a program's default length. The issue's targets for
a 6-week plan hold for every program and level; the 8-week programs (more variants per card,
no target in the issue) are held to what they measure."""


@pytest.mark.parametrize("program", sorted(LIB.programs))
def test_every_program_and_level_fits_in_fewer_pages(program):
    """Far fewer pages than before for every program and level at its default length."""
    for level in ("beginner", "intermediate", "advanced"):
        plan = plan_for(program, level)
        a4 = len(reader(render_pdf(plan)).pages)
        letter = len(reader(render_pdf(plan, paper="letter")).pages)
        large = len(reader(render_pdf(plan, large_print=True)).pages)
        most = TARGETS[len(plan.weeks)]
        assert a4 <= most[0] and letter <= most[1] and large <= most[2], \
            (program, level, a4, letter, large)


def pages(plan, **choices) -> int:
    return len(reader(render_pdf(plan, **choices)).pages)


def test_issue_page_target_for_the_default_plan_on_letter():
    assert pages(plan_for(), paper="letter") <= 9


def test_issue_page_target_for_the_default_plan_on_a4():
    assert pages(plan_for()) <= 8


def test_issue_page_target_for_the_default_plan_in_large_print():
    assert pages(plan_for(), large_print=True) <= 15


def test_issue_page_target_for_twelve_weeks():
    assert pages(plan_for(weeks=12)) <= 11


def test_sections_run_on_under_the_one_before():
    """The log starts under the last card, and safety under the log, where there is room."""
    plan = plan_for(weeks=12)
    texts = [page.extract_text() for page in reader(render_pdf(plan)).pages]
    log = next(t for t in texts if "Your log" in t)
    before = log.split("Your log")[0]
    assert "STOP and ask" in before, "a card ends above the log's heading on its page"
    safety = next(t for t in texts if "When to get help" in t)
    assert "Week 12" in safety.split("When to get help")[0]


def test_the_cards_heading_is_never_alone_on_a_page():
    """A first card taller than the room under its heading is broken between its variants;
    the heading does not sit alone on a page (52 weeks: the first card has three variants)."""
    data = render_pdf(plan_for("back-care-maintenance", weeks=52))
    texts = [p.extract_text() for p in reader(data).pages]
    page = next(text for text in texts if "Your exercises" in text)
    assert "1. " in page.split("Your exercises", 1)[1]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_plan_at_a_glance_heading_starts_a_page_with_its_table(paper):
    """Its heading and first lines never end a page without the table's first rows (in
    large print the pain rule then has a page of its own, more than half full)."""
    for large in (False, True):
        for page in reader(render_pdf(plan_for(), paper=paper, large_print=large)).pages:
            text = page.extract_text()
            if "Your plan at a glance" in text:
                assert "Sessions," in text.split("Your plan at a glance")[1]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("large", [False, True])
def test_a_heading_never_ends_a_page(large, paper):
    """Each heading keeps at least its first two lines of text on its page, and a warning box
    is never split from its title."""
    plan = plan_for()
    titles = ["Your plan at a glance", "Your exercises", "Your log", "When to get help",
              "Looking after your back"] + [s.title for s in plan.education]
    for page in reader(render_pdf(plan, paper=paper, large_print=large)).pages:
        lines = [line.strip() for line in page.extract_text().split("\n") if line.strip()]
        body = lines[:-1]  # the footer is last
        for title in titles:
            if title in body:
                assert len(body) - body.index(title) > 3, (title, body[-4:])
        if any(line.startswith("EMERGENCY") for line in body):
            assert "Or call your emergency number" in " ".join(body)


@pytest.mark.parametrize("large", [False, True])
def test_the_log_has_its_column_heads_once_a_page_and_never_splits_a_week(large):
    """The log is one table: the heads (and the key to numbered columns) at the top of each
    page it runs over, not above every week; a week's band and its sessions share a page."""
    plan = plan_for(weeks=12)
    texts = [page.extract_text() for page in reader(render_pdf(plan, large_print=large)).pages]
    log = [t for t in texts if re.search(r"^Week \d+$", t, re.M)]
    assert len(log) >= 2  # twelve weeks run over more than one page
    for text in log:
        assert text.count("Notes") == 1, text  # the heads, once
    for week in plan.weeks:
        where = [i for i, t in enumerate(texts) if re.search(rf"^Week {week.week}$", t, re.M)]
        assert len(where) == 1
        page = texts[where[0]]
        for day in week.days:
            assert f"{day.day} {day:%b}" in page, (week.week, day)


def test_a_phase_band_never_ends_a_page_in_the_plan_at_a_glance():
    for large in (False, True):
        for text in (p.extract_text() for p in reader(render_pdf(
                plan_for(weeks=12), large_print=large)).pages):
            lines = [line for line in text.splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith(("Back spasm recovery", "Page "))]
            assert not re.match(r"Weeks? \d+( to \d+)?: ", body[-1]), body[-3:]


def test_every_dose_of_every_week_is_printed():
    for program in sorted(LIB.programs):
        plan = plan_for(program, "intermediate")
        text = flat_text(render_pdf(plan))
        for week in plan.weeks:
            for p in week.exercises:
                assert p.short() in text, (program, week.week, p.exercise, p.short())


def test_every_step_of_every_card_is_printed():
    plan = plan_for(level="advanced")
    text = flat_text(render_pdf(plan))
    used = {(p.exercise, p.rung) for w in plan.weeks for p in w.exercises}
    for exercise_id, rung in used:
        for step in LIB.exercises[exercise_id].variants[rung].steps:
            assert " ".join(step.split()) in text, step


def test_slow_rounds_say_their_pause_on_the_card_and_no_step_is_an_example():
    """The cat-cow card's step 5 read "For example, '12 × 5 s' means..." under a strip of
    '10 reps · hold 3 s': an example that disagreed with the patient's own dose. The strip
    now says it in words, and the steps are only what to do."""
    plan = plan_for()
    text = flat_text(render_pdf(plan))
    assert "Weeks 1 to 6: 10 rounds, up to 12 · 3 s at each end" in text
    for exercise in LIB.exercises.values():
        for variant in exercise.variants:
            assert not any(step.startswith("For example") for step in variant.steps), variant.id
    for variant in LIB.exercises["cat-cow"].variants:  # what a round is, and where to pause
        steps = " ".join(variant.steps)
        assert "one round" in steps and ("at each end" in steps or "stay there" in steps), \
            variant.id


def test_a_warning_sign_is_listed_once_at_its_most_urgent():
    """'Started after an injury' was a see-a-doctor-soon sign (be seen the same day) and
    again among the less urgent 'also ask' signs."""
    from generator import clinical

    assert any("injury" in line for line in clinical.SEE_DOCTOR)
    assert not any("injury" in line for line in clinical.SEEK_HELP)


@pytest.mark.parametrize("lang, weeks", [("es", 12), ("es", None), ("en", 12)])
def test_walking_is_numbered_after_the_session_exercises_wherever_its_card_is(library, lang,
                                                                              weeks):
    """In Spanish over 12 weeks the walking card fits only under the plan at a glance, so it
    is printed first. It was numbered 1: the table opened on a column of '–' (walking starts
    in week 5) and the log's boxes ran '2 3 4 5 6'. Numbers now put it last everywhere."""
    from generator.library import localized

    spoken = localized(library, lang)
    plan = build_plan(spoken.programs["back-spasm-recovery"], spoken.exercises,
                      PlanRequest(start=MONDAY, weeks=weeks, lang=lang), spoken.education)
    text = flat_text(render_pdf(plan))
    walk = {"es": "Paseo tranquilo", "en": "Easy walk"}[lang]
    assert f"6. {walk}" in text
    assert "1. " + walk not in text
    if lang == "es":  # numbered columns: the key and the log's heads run 1 to 5
        assert "Día 1 2 3 4 5 Dolor" in text
        assert "· 6 Caminar" in text


def _numbered_cards(data: bytes) -> list[str]:
    """The cards' bookmarks ('3. Gentle back extension'), in the order they are printed."""
    found: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif re.match(r"\d+\. ", item.title):
                found.append(item.title)
    walk(reader(data).outline)
    return found


@pytest.mark.parametrize("program", ["back-spasm-recovery", "sciatica-recovery"])
def test_a_plans_card_numbers_are_the_same_on_every_paper_and_on_the_summary(program):
    """Numbered by where packing put them, the same plan's bird dog was card 4 on A4 and 5
    in large print, and the standalone summary numbered them another way again. Numbers
    now follow the program (what is done every day last); packing only chooses where a
    card is printed."""
    plan = plan_for(program)
    daily = {p.exercise for w in plan.weeks for p in w.exercises if p.daily}
    ordered = sorted(plan.exercises, key=lambda e: e.id in daily)
    expected = {f"{n}. {e.name}" for n, e in enumerate(ordered, 1)}
    for choices in ({}, {"paper": "letter"}, {"large_print": True}):
        assert set(_numbered_cards(render_pdf(plan, **choices))) == expected, choices
    summary = flat_text(render_pdf(plan, RenderOptions(summary=True)))
    for n, e in enumerate(ordered, 1):
        first = next(p for w in plan.weeks for p in w.exercises if p.exercise == e.id)
        assert f"{n}. {e.variants[first.rung].name}" in summary
    from generator.htmlplan import render_html  # the clinician's screen, the same numbers

    html = render_html(plan).decode("utf-8")
    assert {f"{n}. {e.name}" for n, e in enumerate(ordered, 1)} == set(
        re.findall(r'<h\d id="ex-[^"]+">(\d+\. [^<]+)</h\d>', html))


def test_the_default_handout_prints_its_cards_in_number_order():
    """With numbers fixed by the program, packing for room printed the default A4 handout's
    cards 1, 2, 3, 5, 4, 6. Number order is taken where the estimate of the pages after the
    cards says it costs none (measured over 240 plans: none cost a page)."""
    for large in (False, True):
        printed = [title.split(".")[0] for title in _numbered_cards(
            render_pdf(plan_for(), large_print=large))]
        assert printed == ["1", "2", "3", "4", "5", "6"], large


# --- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize("large, body, least", [(False, 12, 10), (True, 16, 14)])
def test_type_sizes_on_the_page(large, body, least):
    """Body text at 12 pt (16 in large print); nothing, not even tables, under 10 (14)."""
    found = sizes(render_pdf(plan_for(), large_print=large))
    assert min(found) >= least, sorted(found)
    most_used = found.most_common(1)[0][0]
    assert most_used >= body, found.most_common(3)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("large", [False, True])
def test_a_long_name_is_shortened_before_the_page_number(paper, large):
    assert len(LONG_NAME) == 80
    data = render_pdf(plan_for(patient=LONG_NAME), paper=paper, large_print=large)
    for page in reader(data).pages:
        width = float(page.mediabox.width)
        runs = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                runs.append((text, tm[4], tm[5], size * tm[0]))
        page.extract_text(visitor_text=visit)
        footer = [r for r in runs if r[0].startswith("Back spasm recovery ·")]
        number = [r for r in runs if r[0].startswith("Page ")]
        assert footer and number
        text, x, y, size = footer[0]
        assert text.rstrip().endswith("…") and LONG_NAME not in text
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from generator.pdf.fonts import REGULAR
        right = x + stringWidth(text.rstrip(), REGULAR, size)
        assert right < number[0][1] < width, (text, right, number[0][1])


def test_the_footer_shortens_a_long_title_before_the_patients_name(library):
    """The Spanish sciatica title left room for 'María José…' of the patient's name."""
    from generator.library import localized

    spoken = localized(library, "es")
    plan = build_plan(spoken.programs["sciatica-recovery"], spoken.exercises,
                      PlanRequest(start=MONDAY, lang="es", patient="María José Fernández"),
                      spoken.education)
    for paper in ("a4", "letter"):
        data = render_pdf(plan, RenderOptions(paper=paper, large_print=True, summary=True))
        assert "… · María José Fernández" in flat_text(data), paper

def test_greyscale_words_tell_the_zones_and_boxes_apart():
    text = flat_text(render_pdf(plan_for()))
    for word in ("GO 0 to 3", "CAUTION 4 to 5", "STOP Above 5", "STOP Spreads down a leg",
                 "EMERGENCY · Go to an emergency department", "SOON · See a doctor soon"):
        assert word in text, word


def test_greyscale_shades_grow_darker_with_the_pain_rules_zones():
    """GO, CAUTION and STOP printed as three near-identical greys (237, 240, 233); now each
    zone is at least 10 levels darker than the one before, and a card's STOP box is darker
    than its dose strip."""
    from generator.pdf.common import PAIN_TINTS
    from generator.pdf.styles import TINT, WARN_TINT

    def grey(colour) -> float:  # as a greyscale printer sees it (ITU-R 601 luma)
        return 255 * (0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue)

    go, caution, stop = (grey(c) for c in PAIN_TINTS[:3])
    assert go - caution >= 18 and caution - stop >= 18, (go, caution, stop)
    assert grey(TINT) - grey(WARN_TINT) >= 5

@pytest.mark.parametrize("large", [False, True])
def test_a_numbered_steps_wrapped_lines_start_under_its_first_lines_text(large):
    """'2.  Cada semana...' then ' puntúe su dolor' a few points further left: reportlab
    puts the first line after the number and a gap of 0.6 em, so the indent must hold both."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from generator.pdf import make_styles, register
    from generator.pdf.fonts import BOLD

    register()
    for name, widest in (("step", "8."), ("bullet", "•"), ("cell_bullet", "•")):
        style = make_styles(large)[name]
        after_bullet = (style.bulletIndent + stringWidth(widest, BOLD, style.bulletFontSize)
                        + 0.6 * style.bulletFontSize)
        assert after_bullet <= style.leftIndent, (name, after_bullet, style.leftIndent)

def test_card_title_is_the_variant_with_the_family_below():
    text = flat_text(render_pdf(plan_for()))
    assert "Seated pelvic tilt Cat-cow stretch ·" in text


# --- choosing what to print ----------------------------------------------------------------


def test_sections_leave_out_parts_but_never_safety(run, tmp_path):
    out = tmp_path / "back.pdf"
    result = run("generate", "--sections", "cards,logs", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = flat_text(out.read_bytes())
    assert "Your exercises" in text and "Your log" in text and "When to get help" in text
    assert "Your plan at a glance" not in text and "Looking after your back" not in text
    assert "How to use this plan" not in text
    assert "The pain rule Score your pain" in text  # no cover: the rule moves to safety
    full = len(reader(render_pdf(plan_for())).pages)
    assert len(reader(out.read_bytes()).pages) < full


def test_an_unknown_section_is_a_one_line_error(run, tmp_path):
    result = run("generate", "--sections", "cover,educaton", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "unknown section 'educaton'" in result.stderr and "education" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()


def test_plan_file_and_csv_take_sections_summary_and_contact(run, tmp_path):
    (tmp_path / "p.yaml").write_text("patient: Ann Lee\nsections: [cover, safety]\n"
                                     "contact: Riverside Physio 01234 567890\n")
    out = tmp_path / "p.pdf"
    result = run("generate", "--plan-file", str(tmp_path / "p.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = flat_text(out.read_bytes())
    assert "Your exercises" not in text and "When to get help" in text
    assert text.count("Riverside Physio 01234 567890") == 2  # cover and safety page
    (tmp_path / "bad.yaml").write_text("sections: [cover, fridge]\n")
    result = run("generate", "--plan-file", str(tmp_path / "bad.yaml"), "-o", str(out))
    assert result.exit_code == 1 and "bad.yaml:1" in result.stderr
    (tmp_path / "rows.csv").write_text(
        "patient,summary,contact\nAnn Lee,yes,Riverside Physio 01234 567890\n")
    result = run("batch", str(tmp_path / "rows.csv"), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    [pdf] = list((tmp_path / "out").glob("*.pdf"))
    assert len(reader(pdf.read_bytes()).pages) == 1
    assert "Riverside Physio" in flat_text(pdf.read_bytes())


@pytest.mark.parametrize("paper, large", [("a4", False), ("letter", False), ("a4", True)])
@pytest.mark.parametrize("program", sorted(LIB.programs))
def test_summary_is_one_page_with_every_exercise(program, paper, large):
    plan = plan_for(program)
    data = render_pdf(plan, RenderOptions(paper=paper, large_print=large, summary=True))
    assert len(reader(data).pages) == 1
    text = flat_text(data)
    for exercise in plan.exercises:
        assert exercise.name in text
    assert "GO 0 to 3" in text and "EMERGENCY" in text and "Wk " in text


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("program", sorted(LIB.programs))
def test_a_large_print_summary_with_a_contact_line_is_one_page(library, program, paper, lang):
    """In Spanish, or on Letter with a contact line, the large-print summary ran to a second
    page with half the first empty. Its last layout puts each exercise's doses on the line
    under its name, beside a smaller figure."""
    from generator.library import localized

    spoken = localized(library, lang)
    plan = build_plan(spoken.programs[program], spoken.exercises,
                      PlanRequest(start=MONDAY, lang=lang, patient="María José Fernández",
                                  contact="Centro Sur 912 345 678"), spoken.education)
    data = render_pdf(plan, RenderOptions(paper=paper, large_print=True, summary=True))
    assert len(reader(data).pages) == 1

def test_the_summary_says_to_call_the_emergency_number_and_keeps_the_clinic_apart():
    plan = plan_for(contact="Riverside Physio 01234 567890")
    text = flat_text(render_pdf(plan, RenderOptions(summary=True)))
    assert "Or call your emergency number. Do not wait to see if it gets better." in text
    # the clinic's number is at the top, not among the emergency signs
    assert text.index("Riverside Physio") < text.index("EMERGENCY")


@pytest.mark.parametrize("paper, large, lang", [("a4", False, "en"), ("letter", False, "en"),
                                               ("a4", True, "en"), ("a4", False, "es")])
def test_the_clinic_contact_is_on_the_page_with_the_see_a_doctor_signs(paper, large, lang):
    from generator.library import localized

    library = localized(LIB, lang)
    plan = build_plan(library.programs["back-spasm-recovery"], library.exercises,
                      PlanRequest(start=MONDAY, level="advanced", lang=lang,
                                  contact="Riverside Physio 01234 567890"), library.education)
    soon = "SOON" if lang == "en" else "PRONTO"
    pages = [p.extract_text() for p in reader(render_pdf(plan, paper=paper,
                                                         large_print=large)).pages]
    assert [i for i, t in enumerate(pages) if soon in t] == \
        [i for i, t in enumerate(pages) if "Riverside Physio" in t][1:]  # [0]: the cover


@pytest.mark.parametrize("program", ["back-spasm-recovery", "desk-worker", "mcgill-core"])
def test_the_summary_is_in_12_pt_type_where_the_page_has_room(program):
    """A fridge page in body-size type: every week's dose at 12 pt when it fits (only the
    footer stays at 10)."""
    data = render_pdf(plan_for(program), RenderOptions(summary=True))
    found = sizes(data)
    assert sum(n for size, n in found.items() if size < 12) < 60, found
    assert "The dose for each week is in the strip" in flat_text(data)  # not one per variant


def test_a_summary_too_long_for_12_pt_is_in_11_pt_before_table_size(library):
    """The Spanish summary with a contact line fell back to 10 pt with 45 mm of the page
    empty; 11 pt fits."""
    from generator.library import localized

    spoken = localized(library, "es")
    plan = build_plan(spoken.programs["back-spasm-recovery"], spoken.exercises,
                      PlanRequest(start=MONDAY, lang="es", contact="Centro Sur 912 345 678"),
                      spoken.education)
    data = render_pdf(plan, RenderOptions(summary=True))
    found = sizes(data)
    assert len(reader(data).pages) == 1
    assert sum(n for size, n in found.items() if size < 11) < 100, found

def test_a_year_long_summary_still_fits_one_page():
    plan = plan_for("back-care-maintenance", weeks=52)
    data = render_pdf(plan, RenderOptions(summary=True))
    assert len(reader(data).pages) == 1
    assert "Wk 1–" in flat_text(data)


def test_contact_in_pdf_text_and_html(run, tmp_path):
    contact = "Riverside Physio 01234 567890"
    for suffix in ("pdf", "txt", "html"):
        out = tmp_path / f"plan.{suffix}"
        result = run("generate", "--contact", contact, "--clinician", "Sam Patel", "-o", str(out))
        assert result.exit_code == 0, result.stderr
        data = out.read_bytes()
        text = flat_text(data) if suffix == "pdf" else data.decode()
        assert contact in text, suffix
    pdf = reader((tmp_path / "plan.pdf").read_bytes())
    pages = [i for i, p in enumerate(pdf.pages) if contact in p.extract_text()]
    soon = next(i for i, p in enumerate(pdf.pages) if "SOON" in p.extract_text())
    assert pages[0] == 0 and soon in pages  # the cover, and with the see-a-doctor signs


def test_same_bytes_twice_and_fonts_embedded():
    plan = plan_for(contact="Riverside Physio")
    first = render_pdf(plan, RenderOptions(sections=("cards", "safety"), large_print=True))
    assert first == render_pdf(plan, RenderOptions(sections=("cards", "safety"), large_print=True))
    for page in reader(first).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "Helvetica" not in str(font["/BaseFont"])


SECTION_STARTS = ("Your plan at a glance", "Your exercises", "Your log", "When to get help",
                  "Looking after your back")


def page_fill(page) -> tuple[float, str]:
    """How far down the page its text reaches (0 to 1, the footer left out), and its first line."""
    height = float(page.mediabox.height)
    lowest = [height]

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5] if cm[3] else tm[5]
        if text.strip() and y > height * 0.06:  # the footer sits lower
            lowest[0] = min(lowest[0], y)
    page.extract_text(visitor_text=visit)
    return 1 - lowest[0] / height, page.extract_text().lstrip().split("\n")[0]


UNDER_HALF: set = {("back-care-maintenance", "a4", True)}
"""Known misses: in large print a back-care card holds two variants and is taller than a
page, so it breaks between them; the first part of its leg-slide card fills just under half
a page (0.495)."""


@pytest.mark.parametrize("program, paper, large", [
    pytest.param(program, paper, large, marks=pytest.mark.xfail(
        strict=True, reason="a card broken between its variants, its first part short")
                 if (program, paper, large) in UNDER_HALF else ())
    for program in sorted(LIB.programs)
    for paper, large in (("a4", False), ("letter", False), ("a4", True))])
def test_no_page_is_less_than_half_full_but_a_sections_last(program, paper, large):
    pages = reader(render_pdf(plan_for(program), paper=paper, large_print=large)).pages
    fills = [page_fill(page) for page in pages]
    for number, ((fill, _), (_, following)) in enumerate(zip(fills, fills[1:]), 1):
        if following.startswith(SECTION_STARTS):
            continue  # the last page of a section
        assert fill >= 0.5, (program, paper, large, number, round(fill, 2))


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("program", sorted(LIB.programs))
def test_table_headings_never_break_inside_a_word(program, large):
    """No exercise name is cut mid-word ('Hamstrin / g') in the table or the log."""
    plan = plan_for(program)
    words = {w.strip(",") for e in plan.exercises for w in e.name.split()}
    for page in reader(render_pdf(plan, large_print=large)).pages:
        text = page.extract_text()
        if "Your plan at a glance" not in text and "Pain before" not in text \
                and "Sessions, minutes" not in text:
            continue
        tokens = text.split()
        for first, second in zip(tokens, tokens[1:]):  # a word cut over two lines
            assert first.endswith("-") or first + second not in words, (first, second)


def test_the_web_form_takes_sections_summary_and_contact():
    from generator.web import create_app

    client = create_app().test_client()
    response = client.post("/plan.pdf", data={"sections": "cards;logs",
                                              "contact": "Riverside Physio 01234 567890"})
    assert response.status_code == 200
    text = flat_text(response.data)
    assert "Riverside Physio 01234 567890" in text and "When to get help" in text
    assert "Your plan at a glance" not in text
    response = client.post("/plan.pdf", data={"summary": "on"})
    assert response.status_code == 200 and len(reader(response.data).pages) == 1
    assert client.post("/plan.pdf", data={"sections": "fridge"}).status_code == 400



def _next_fit(order, tall, gap, below, first, page) -> int:
    """New pages used putting the cards of *order* one after another, up to three a page,
    below the plan at a glance first (a reference for the packing)."""
    groups, room = [[]], below
    for card in order:
        need = tall[card.id] + (gap if groups[-1] else 0)
        if len(groups[-1]) < 3 and need <= room:
            groups[-1].append(card)
            room -= need
            continue
        room = (first if len(groups) == 1 and not groups[0] else page) - tall[card.id]
        groups.append([card])
    return len(groups) - 1


@given(st.lists(st.integers(20, 70), min_size=1, max_size=6), st.integers(0, 80),
       st.integers(70, 100))
@example([44, 33, 55, 20, 37, 60], 76, 93)  # filling each page most in turn takes 3 pages
@example([60, 37, 36, 61, 60], 31, 77)  # and here 4, where 3 do
def test_card_packing_takes_no_more_pages_than_any_order(heights, below, first):
    """The packing tries every way: never more pages than the cards in any order take, and
    each page's cards fit it. (Every card fits a page under the heading, as built-in cards
    do; one that does not is broken, see exercise_cards.)"""
    from itertools import permutations
    from types import SimpleNamespace

    from generator.pdf.cards import _fewest_pages

    cards = [SimpleNamespace(id=str(i)) for i in range(len(heights))]
    tall = {c.id: h for c, h in zip(cards, heights)}
    under, *pages = _fewest_pages(cards, tall, 2, below, first, 100)
    assert sorted(c.id for group in [under, *pages] for c in group) == sorted(tall)
    for group, room in zip([under, *pages], [below, first if not under else 100] + [100] * 9):
        assert sum(tall[c.id] for c in group) + 2 * (len(group) - 1) <= room or not group
    assert len(pages) <= min(_next_fit(order, tall, 2, below, first, 100)
                             for order in permutations(cards))
