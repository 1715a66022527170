"""The web app in a real browser: the system's chromium, driven by Playwright.

Never a downloaded browser: the tests use /usr/bin/chromium (Debian's ``chromium``
package, which ``.ci/run`` installs) and skip with the reason when it is missing.
"""

from __future__ import annotations

import io
import os
import threading

import pytest

CHROMIUM = os.environ.get("HEPGEN_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium chromium-driver)",
                allow_module_level=True)
pytest.importorskip("flask", reason="the web extra is not installed (pip install '.[web]')")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from pypdf import PdfReader  # noqa: E402

from generator import wizard  # noqa: E402


@pytest.fixture(scope="module")
def base_url():
    from waitress.server import create_server

    from generator.web import create_app

    server = create_server(create_app(), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def answer_screening(page, base_url, yes: int | None = None) -> None:
    page.goto(f"{base_url}/self")
    for i in range(len(wizard.warning_questions())):
        page.check(f"input[name=_flag{i}][value={'yes' if i == yes else 'no'}]")
    page.click("button:text('Next')")
    page.wait_for_load_state()


def pdf_text(download) -> str:
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    return " ".join(p.extract_text() for p in reader.pages)


def test_a_red_flag_stops_with_advice_and_no_plan(page, base_url):
    answer_screening(page, base_url, yes=len(wizard.clinical.EMERGENCY_QUESTIONS))
    body = page.inner_text("main")
    assert "Please get this checked first" in body
    assert wizard.SEE_DOCTOR_STOP in body and wizard.clinical.SEE_DOCTOR[0] in body
    assert page.locator("form").count() == 0 and "at a glance" not in body


def test_self_service_to_a_printed_pdf(page, base_url):
    answer_screening(page, base_url)
    page.fill("#f-_pain", "3")
    page.check("input[name=_leg][value=no]")
    page.check("input[name=program][value=desk-worker]")
    page.check("input[name=days][value=tue]")
    page.check("input[name=days][value=thu]")
    page.check("input[name=days][value=sat]")
    page.fill("#f-patient", "Zoë O'Brien")
    page.click("button:text('Show my plan')")
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your plan at a glance").is_visible()
    assert page.locator("svg[role=img]").count() > 0
    with page.expect_download() as info:
        page.click("button:text('PDF to print')")
    download = info.value
    assert download.suggested_filename == "zoe-obrien.pdf"
    text = pdf_text(download)
    assert "Zoë O'Brien" in text and "Back care for desk workers" in text


def test_clinician_pins_a_variant_and_adds_a_note(page, base_url):
    page.goto(f"{base_url}/clinician")
    page.fill("#f-patient", "Ann Lee")
    page.fill("#f-clinic", "Riverside Physio")
    page.select_option("#f-exercises-bird-dog-pin", "leg-slide")
    page.fill("#f-exercises-bird-dog-note", "Keep the movement small for now.")
    page.click("button:text-is('Preview')")
    page.wait_for_load_state()
    preview = page.inner_text("section.preview")
    top = page.locator("#preview").evaluate("e => e.getBoundingClientRect().top")
    assert -5 <= top < 100, "the page opens at the preview, not at the top of the long form"
    assert "Note from your clinician: Keep the movement small for now." in preview
    stays_on = page.locator("article[aria-labelledby=ex-bird-dog] .variant > :first-child")
    assert stays_on.all_inner_texts() == ["Leg slide back"]
    # the form comes back filled in, so the PDF is one click away
    assert page.input_value("#f-exercises-bird-dog-pin") == "leg-slide"
    with page.expect_download() as info:
        page.click("button:text-is('PDF')")
    text = pdf_text(info.value)
    assert "Keep the movement small for now." in text and "Riverside Physio" in text


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_button_s_words_can_be_read(page, base_url):
    seen = 0
    for path in ("/", "/self", "/clinician", "/library", "/library/bird-dog",
                 "/library/back-spasm-recovery"):
        page.goto(base_url + path)
        buttons = page.locator("button, a.button")
        for i in range(buttons.count()):
            colours = buttons.nth(i).evaluate(
                "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
            assert contrast(*colours) >= 4.5, (path, buttons.nth(i).inner_text(), colours)
            seen += 1
    assert seen > 5


def test_no_page_is_wider_than_a_phone(page, base_url):
    """At 390 pixels nothing makes the page scroll sideways; a wide table scrolls in its
    own box."""
    for path in ("/", "/self", "/clinician", "/library", "/library/bird-dog",
                 "/library/back-spasm-recovery", "/library/nothing"):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    answer_screening(page, base_url)
    page.fill("#f-_pain", "3")
    page.check("input[name=_leg][value=no]")
    page.click("button:text('Show my plan')")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the plan preview"


def test_the_web_page_plan_prints_with_its_safety_text(browser, tmp_path, library):
    from datetime import date

    from generator import clinical
    from generator.htmlplan import render_html
    from generator.settings import Settings

    plan = Settings(patient="Ann Lee", start=date(2027, 1, 4)).build(library)
    path = tmp_path / "plan.html"
    path.write_bytes(render_html(plan))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(path.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
    context.close()
    reader = PdfReader(str(tmp_path / "printed.pdf"))
    words = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Ann Lee" in words and clinical.PAIN_RULE_TITLE in words
    assert clinical.EMERGENCY_TITLE in words
    for exercise in plan.exercises:  # the table is printed whole, not cut at a scroll box
        assert exercise.name in words
    assert len(reader.pages) < 20
