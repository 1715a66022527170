"""The PDF handout, checked in the file itself: text, fonts, pages, bytes, metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MONDAY, ROOT, exercise_yaml
from generator import PlanRequest, build_plan
from generator.library import load_library
from generator.pdf import render_pdf
from generator.pdf.cards import beyond_pain_rule, exercise_cards, stages
from generator.pdf.document import HandoutDoc
from generator.pdf.styles import make_styles

LIB = load_library()
PATIENT = "Zoë O'Brien & <Sons>"
CLINICIAN = "Łukasz Żółć"


def plan_for(program="back-spasm-recovery", **kwargs):
    request = PlanRequest(start=MONDAY, **kwargs)
    return build_plan(LIB.programs[program], LIB.exercises, request, LIB.education)


@pytest.fixture(scope="module")
def default_pdf() -> bytes:
    return render_pdf(plan_for(patient=PATIENT, clinician=CLINICIAN, clinic="Riverside Physio",
                               notes="Walk for 10 minutes every day {even on bad days}."))


def text_of(data: bytes) -> list[str]:
    return [page.extract_text().replace("\xa0", " ") for page in PdfReader(io.BytesIO(data)).pages]


def test_every_section_is_there(default_pdf):
    pages = text_of(default_pdf)
    whole = " ".join("\n".join(pages).split())
    for expected in ("Back spasm recovery", "Your 6-week home exercise plan", "How to use this plan",
                     "The pain rule", "Your plan at a glance", "Sessions, minutes",
                     "Your exercises", "Your log", "Week 6 · 8 to 14 Feb", "When to get help",
                     "Go to an emergency department straight away", "See a doctor soon",
                     "Looking after your back", "Easing pain and spasms", "Lifting and carrying",
                     "Walk for 10 minutes every day {even on bad days}.", "Riverside Physio",
                     "Mon 4 Jan 2027", "Sun 14 Feb 2027"):
        assert expected in whole, expected
    for name in LIB.programs["back-spasm-recovery"].exercise_ids:
        exercise = LIB.exercises[name]
        assert exercise.name in whole
        stop = beyond_pain_rule(exercise.stop_if[0])  # what the pain rule does not say
        assert stop is None or stop.split()[0] in whole
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_names_print_literally(default_pdf):
    pages = text_of(default_pdf)
    assert PATIENT in pages[0] and CLINICIAN in pages[0]
    assert all(PATIENT in page for page in pages), "the footer names the patient on every page"
    assert "&amp;" not in "".join(pages) and "&lt;" not in "".join(pages)


def test_fonts_are_all_embedded_and_never_helvetica(default_pdf):
    reader = PdfReader(io.BytesIO(default_pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(font["/BaseFont"])
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            assert descriptor is not None, font["/BaseFont"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    assert seen and not any("Helvetica" in name for name in seen)
    assert any("Atkinson" in name for name in seen)


def test_every_character_of_the_library_is_in_the_font():
    """No missing-glyph boxes: all text we print is covered by the embedded font."""
    import fontpkg_atkinson_hyperlegible as package
    from reportlab.pdfbase.ttfonts import TTFontFile

    from generator import clinical

    font = TTFontFile(str(Path(package.__file__).parent / "files" / "AtkinsonHyperlegible-Regular.ttf"))
    text = "".join(p.read_text() for p in ROOT.glob("*/*.yaml"))
    text += "".join(str(v) for v in vars(clinical).values() if isinstance(v, (str, tuple)))
    text += PATIENT + CLINICIAN + "×–·•"
    missing = {c for c in text if c.isprintable() and c != " " and ord(c) not in font.charToGlyph}
    assert not missing, missing


def test_no_replacement_characters(default_pdf):
    assert "\ufffd" not in "".join(text_of(default_pdf))


@pytest.mark.parametrize("paper, size", [("a4", (595.28, 841.89)), ("letter", (612, 792))])
def test_page_size(paper, size):
    reader = PdfReader(io.BytesIO(render_pdf(plan_for(), paper=paper)))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size, abs=0.1)


def test_large_print_has_more_pages_and_bigger_type(default_pdf):
    normal = PdfReader(io.BytesIO(render_pdf(plan_for())))
    large = PdfReader(io.BytesIO(render_pdf(plan_for(), large_print=True)))
    assert len(large.pages) > len(normal.pages)
    assert make_styles(True)["body"].fontSize >= 1.3 * make_styles(False)["body"].fontSize


def test_identical_bytes_for_identical_input(default_pdf):
    again = render_pdf(plan_for(patient=PATIENT, clinician=CLINICIAN, clinic="Riverside Physio",
                                notes="Walk for 10 minutes every day {even on bad days}."))
    assert again == default_pdf


def test_metadata_and_outline(default_pdf):
    reader = PdfReader(io.BytesIO(default_pdf))
    meta = reader.metadata
    assert meta.title == f"Back spasm recovery: home exercise plan for {PATIENT}"
    assert meta.author == CLINICIAN
    assert "6-week home exercise plan" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["Cover", "Your plan at a glance", "Your exercises"]
    assert "When to get help" in titles and "Looking after your back" in titles
    nested = [i.title for group in reader.outline if isinstance(group, list) for i in group]
    # the cards are numbered in the order they pack best, so card 1 need not be cat-cow
    assert "Week 1 log" in nested and any(t.startswith("1. ") for t in nested)
    assert any(t.endswith(". Cat-cow stretch") for t in nested)


CONFIGS = [(program, weeks, paper, large)
           for program, weeks in (("back-spasm-recovery", 4), ("back-spasm-recovery", 12),
                                  ("back-care-maintenance", 8), ("desk-worker", 6))
           for paper in ("a4", "letter") for large in (False, True)]


@pytest.mark.parametrize("program, weeks, paper, large", CONFIGS)
def test_no_blank_pages_and_every_week_logged(program, weeks, paper, large):
    plan = plan_for(program, weeks=weeks, level="advanced" if large else "beginner")
    pages = text_of(render_pdf(plan, paper=paper, large_print=large))
    for number, page in enumerate(pages, 1):
        body = page.replace(f"Page {number} of {len(pages)}", "").replace(plan.program_title, "")
        assert len(body.split()) > 5, f"page {number} is empty"
    whole = "\n".join(pages)
    for week in range(1, weeks + 1):
        assert f"Week {week}\n" in whole  # the log's week, above its dates


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_card_fits_on_one_page(paper, large):
    styles = make_styles(large)
    doc = HandoutDoc(None, paper, styles)
    plan = plan_for("back-care-maintenance", weeks=16, level="intermediate")
    for number, exercise in enumerate(plan.exercises, 1):
        for card in exercise_cards(number, exercise, stages(plan, exercise), styles, doc.width, doc.height):
            assert card.wrap(doc.width, doc.height)[1] <= doc.height
            assert card.split(doc.width, doc.height) == []


def test_card_shows_the_dose_range_and_options(default_pdf):
    whole = " ".join("\n".join(text_of(default_pdf)).split())
    assert "Weeks 3 to 6: 3 reps, up to 4 · hold 10 s · 2 to 3 sessions a week" \
        in whole  # plank: short holds, as the card's dose strip
    assert "Finding it easy? Ask a physiotherapist about Forearm plank" in whole
    assert "Too hard today?" not in whole  # a beginner starts on the easiest variants
    advanced = " ".join("\n".join(text_of(render_pdf(plan_for(level="advanced")))).split())
    assert "Too hard today? Do Knee plank instead" in advanced
    longer = " ".join("\n".join(text_of(render_pdf(plan_for(level="advanced", weeks=8)))).split())
    assert "From week 7: Doorway stretch" in longer


def test_qr_code_for_a_video(tmp_path):
    (tmp_path / "exercises").mkdir()
    video = exercise_yaml(**{"      rest_s: 30\n": "      rest_s: 30\n    video: https://example.org/side-plank\n"})
    (tmp_path / "exercises" / "side-plank.yaml").write_text(video)
    (tmp_path / "programs").mkdir()
    (tmp_path / "programs" / "sides.yaml").write_text(
        "id: sides\ntitle: Side work\nsummary: Side planks.\nweeks: {default: 4, min: 4, max: 6}\n"
        "sessions_per_week: {start: 2, end: 2}\nstart:\n  side-plank: {beginner: side-plank-knees, "
        "intermediate: side-plank-knees, advanced: side-plank-knees}\nphases:\n  - name: One\n"
        "    from_week: 1\n    exercises:\n      - exercise: side-plank\n")
    library = load_library((str(tmp_path),))
    plan = build_plan(library.programs["sides"], library.exercises, PlanRequest(start=MONDAY))
    data = render_pdf(plan)
    whole = "\n".join(text_of(data))
    assert "Scan with a phone camera" in whole and "https://example.org/side-plank" in whole
    assert "Looking after your back" not in whole  # this program has no education


# --- through the command line -----------------------------------------------------------


def test_generate_writes_plan_pdf_by_default(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("generate")
    assert result.exit_code == 0, result.stderr
    data = (tmp_path / "plan.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-50:]
    assert "Wrote plan.pdf" in result.stderr


def test_generate_pdf_to_stdout(run):
    result = run("generate", "-o", "-", "--start", "2027-01-04")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")


def test_cli_options_reach_the_pdf(run, tmp_path):
    out = tmp_path / "big.pdf"
    result = run("generate", "desk-worker", "--paper", "letter", "--large-print", "--patient", PATIENT,
                 "--start", "2027-01-04", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(out)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612)
    assert PATIENT in reader.pages[0].extract_text()


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (300, 100), "#1d5c63").save(path)
    return path


@pytest.mark.parametrize("suffix", ["png", "jpg"])
def test_logo(run, tmp_path, suffix):
    from PIL import Image

    logo = tmp_path / f"logo.{suffix}"
    Image.new("RGB", (300, 100), "#1d5c63").save(logo)
    result = run("generate", "--logo", str(logo), "-o", str(tmp_path / "plan.pdf"))
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(tmp_path / "plan.pdf")
    assert reader.pages[0].images, "the logo is on the cover"


def test_bad_logo_keeps_the_existing_pdf(run, tmp_path):
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF- the old plan")
    fake = tmp_path / "logo.png"
    fake.write_text("not really a picture")
    result = run("generate", "--logo", str(fake), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"hepgen: error: {fake}: the logo must be a PNG or JPEG image"
    assert out.read_bytes() == b"%PDF- the old plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logo.png", "plan.pdf"]


def test_corrupt_png_logo_is_a_clean_error(run, tmp_path):
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 10)
    result = run("generate", "--logo", str(broken), "-o", str(tmp_path / "plan.pdf"))
    assert result.exit_code == 1 and "cannot read the logo image" in result.stderr
    assert not (tmp_path / "plan.pdf").exists()


def test_text_the_font_cannot_print_is_a_clear_error(run, tmp_path):
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF- old")
    result = run("generate", "--patient", "王小明", "-o", str(out))
    assert result.exit_code == 1
    assert "patient name has characters the handout's font cannot print (王小明)" in result.stderr
    assert out.read_bytes() == b"%PDF- old"
    ok = run("generate", "--patient", "Zoë Łukasz Żółć Ångström Çelik", "-o", str(out))
    assert ok.exit_code == 0, ok.stderr
