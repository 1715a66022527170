"""Plans in the patient's language: catalogs, overlays, --lang and its fallbacks (issue #15)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator import catalogs
from generator.i18n import LOCALE_DIR, languages, using
from generator.wording import day, long_day, span
from conftest import MONDAY

ROOT = Path(__file__).resolve().parent.parent
START = ("--start", "2027-01-04")

ENGLISH_FIXED = ("The pain rule", "THE PAIN RULE", "WARNING SIGNS", "What grows when",
                 "Week 1", "sessions", "How to read the numbers", "emergency department",
                 "See a doctor soon", "Level:", "For:", "min each", " to Sun ", "Mon 4 Jan")
"""English fixed text (not library text) that must not be left in a Spanish plan."""


# --- the catalogs ----------------------------------------------------------------------------


def _fresh_template_ids() -> set:
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    return {message for _, _, message, _, _ in
            extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords)}


def test_the_template_holds_every_marked_string_and_no_stale_one():
    wanted = {m if isinstance(m, str) else tuple(m) for m in _fresh_template_ids()}
    stored = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogs.template() if m.id}
    assert wanted == stored, ("run pybabel extract (README 'Adding a language'):",
                              wanted - stored, stored - wanted)


@pytest.mark.parametrize("lang", languages()[1:])
def test_every_catalog_string_is_translated_with_the_same_placeholders(lang):
    done, total = catalogs.completeness(lang)
    assert done == total > 100
    for message in catalogs.read_po(lang):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        names = {name for text in ids for name in re.findall(r"\{(\w*)\}", text)}
        for text in strings:
            assert set(re.findall(r"\{(\w*)\}", text)) <= names, (message.id, text)
            assert set(re.findall(r"\{(\w*)\}", text)) or not names or len(ids) > 1, message.id


@pytest.mark.parametrize("lang", languages()[1:])
def test_the_committed_mo_is_a_fresh_compile_of_the_po(lang):
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo"
    assert mo.read_bytes() == catalogs.compiled(lang), "run pybabel compile -d generator/locale"


def test_dates_follow_the_language_through_babel():
    from datetime import date

    monday = date(2027, 1, 4)
    assert (day(monday), long_day(monday)) == ("Mon 4 Jan 2027", "Monday 4 January")
    with using("es"):
        assert day(monday) == "lun 4 ene 2027"
        assert long_day(monday) == "lunes 4 de enero"
        assert span(monday, date(2027, 1, 10)) == "del 4 al 10 ene"


# --- Spanish outputs ---------------------------------------------------------------------------


def test_the_text_plan_in_spanish_has_no_english_fixed_text(run):
    result = run("generate", "--lang", "es", "--format", "txt", "-o", "-", "--patient", "Ana",
                 "--clinician", "Luis", *START)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for english in ENGLISH_FIXED:
        assert english not in text, english
    for spanish in ("LA REGLA DEL DOLOR", "SEÑALES DE ALARMA", "Vaya a urgencias de inmediato si",
                    "Semana 1", "Para: Ana", "Nivel: principiante", "lun 4 ene 2027",
                    "Qué aumenta y cuándo"):
        assert spanish in text, spanish


def test_the_calendar_in_spanish(run):
    result = run("generate", "--lang", "es", "--format", "ics", "-o", "-", *START)
    assert result.exit_code == 0, result.stderr
    text = re.sub(r"\r?\n ", "", result.stdout)  # unfold the lines, however they end
    assert "SUMMARY:Ejercicios de espalda: semana 1\\, sesión 1" in text
    assert "La regla del dolor" in text and "Vaya ahora mismo a urgencias" in text
    assert "Back exercises" not in text and "The pain rule" not in text


def test_json_plans_say_their_language(run):
    result = run("generate", "--lang", "ES", "--format", "json", "-o", "-", *START)
    data = json.loads(result.stdout)
    assert data["lang"] == "es" and data["weeks"][0]["start"] == "2027-01-04"
    english = json.loads(run("generate", "--format", "json", "-o", "-", *START).stdout)
    assert english["lang"] == "en"


def test_an_unknown_language_is_refused_with_the_choices(run):
    result = run("generate", "--lang", "fr", *START)
    assert result.exit_code == 2
    assert "--lang: unknown lang 'fr'; use one of: en, es" in result.stderr


def test_a_plan_file_with_lang_es(run, tmp_path):
    plan = tmp_path / "ana.yaml"
    plan.write_text("patient: Ana\nlang: es\nstart: 2027-01-04\n")
    result = run("generate", "--plan-file", str(plan), "--format", "txt", "-o", "-")
    assert result.exit_code == 0 and "LA REGLA DEL DOLOR" in result.stdout
    english = run("generate", "--plan-file", str(plan), "--lang", "en", "--format", "txt", "-o", "-")
    assert "THE PAIN RULE" in english.stdout  # the command line wins
    plan.write_text("patient: Ana\nlang: fr\n")
    bad = run("generate", "--plan-file", str(plan))
    assert bad.exit_code == 1 and f"{plan}:2:7: unknown lang 'fr'" in bad.stderr


def test_csv_rows_with_a_lang_column(run, tmp_path):
    rows = tmp_path / "list.csv"
    rows.write_text("patient,lang,start\nAna,es,2027-01-04\nBen,,2027-01-04\nCy,xx,2027-01-04\n")
    out = tmp_path / "out"
    result = run("batch", str(rows), "--out-dir", str(out), "--format", "ics")
    assert result.exit_code == 1
    assert f"{rows}:4 (Cy), column lang: unknown lang 'xx'" in result.stderr
    assert "Ejercicios de espalda" in (out / "ana.ics").read_text()
    assert "Back exercises" in (out / "ben.ics").read_text()
    spanish = run("batch", str(rows), "--out-dir", str(tmp_path / "es"), "--format", "ics",
                  "--lang", "es")
    assert "Ejercicios de espalda" in (tmp_path / "es" / "ben.ics").read_text()
    assert spanish.exit_code == 1


def test_list_languages_says_how_complete_each_is(run):
    result = run("list", "--languages")
    assert result.exit_code == 0
    assert re.search(r"en\s+English\s+fixed text 100%", result.stdout)
    assert re.search(r"es\s+Español\s+fixed text 100%", result.stdout)
    rows = json.loads(run("list", "--languages", "--json").stdout)
    assert [row["lang"] for row in rows] == ["en", "es"]
    assert rows[1]["fixed"][0] == rows[1]["fixed"][1] and rows[1]["library"][1] > 100


# --- overlays: a clinic's library ---------------------------------------------------------------

OVERLAY = """\
id: plank
name: Plancha
variants:
  - id: knee-plank
    name: Plancha con rodillas
    steps:
      - Uno.
      - Dos.
      - Tres.
      - Cuatro.
      - Cinco.
safety:
  stop_if:
    - El dolor de espalda pasa de 5 sobre 10, o es punzante.
    - Dolor, adormecimiento u hormigueo que se extiende a una pierna.
    - Se marea o le falta el aire.
"""


@pytest.fixture
def clinic(tmp_path):
    """A clinic's library with its own plank and a Spanish overlay that leaves some out."""
    (tmp_path / "lib" / "exercises" / "es").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "plank.yaml", tmp_path / "lib" / "exercises" / "plank.yaml")
    overlay = tmp_path / "lib" / "exercises" / "es" / "plank.yaml"
    overlay.write_text(OVERLAY)
    return tmp_path / "lib"


def test_an_overlay_is_used_and_missing_texts_fall_back_to_english_with_one_warning(run, clinic):
    result = run("generate", "--library", str(clinic), "--lang", "es", "--format", "txt",
                 "-o", "-", *START)
    assert result.exit_code == 0, result.stderr
    assert "Plancha con rodillas" in result.stdout  # translated
    warnings = [line for line in result.stderr.splitlines() if "plank.yaml" in line]
    assert len(warnings) == 1, warnings
    assert "printed in English, no 'es' translation in" in warnings[0]
    assert "purpose" in warnings[0] and "variants 'forearm-plank' name" in warnings[0]
    cards = run("generate", "--library", str(clinic), "--lang", "es", "--format", "json",
                "-o", "-", "--weeks", "12", "--level", "advanced", *START)
    names = {e["variant_name"] for w in json.loads(cards.stdout)["weeks"] for e in w["exercises"]}
    assert "Forearm plank" in names  # no translation given: English, per string


def test_english_plans_never_read_the_overlays(run, clinic):
    (clinic / "exercises" / "es" / "plank.yaml").write_text("id: plank\ndose: 3\n")
    result = run("generate", "--library", str(clinic), "--format", "txt", "-o", "-", *START)
    assert result.exit_code == 0 and "Knee plank" in result.stdout and not result.stderr


@pytest.mark.parametrize("change, message", [
    (("name: Plancha\n", "name: Plancha\ndose: {reps: 3}\n"),
     ":3:1: unknown key 'dose'"),
    (("      - Cinco.\n", ""),
     ":7:7: variants 'knee-plank' steps has 4 entries here but 5 in English; translate each"),
    (("  - id: knee-plank\n", "  - id: knee-plankk\n"),
     ":4:9: no variant 'knee-plankk' in the English file — did you mean 'knee-plank'?"),
    (("id: plank\n", "id: planck\n"),
     ":1:5: id 'planck' does not match the file name"),
    (("id: plank\n", "id: plank\nlang: fr\n"),
     ":2:7: lang 'fr' does not match the folder the file is in (es)"),
])
def test_a_broken_overlay_is_refused_with_its_place(run, clinic, change, message):
    overlay = clinic / "exercises" / "es" / "plank.yaml"
    overlay.write_text(OVERLAY.replace(*change))
    checked = run("validate", "--library", str(clinic))
    assert checked.exit_code == 1
    assert f"{overlay}{message}" in checked.stderr, checked.stderr
    alone = run("validate", str(overlay))
    assert f"{overlay}{message}" in alone.stderr
    built = run("generate", "--library", str(clinic), "--lang", "es", "-o", "-", "--format", "txt")
    assert built.exit_code == 1 and f"{overlay}{message}" in built.stderr


def test_validate_lang_lists_every_untranslated_text_at_its_english_line(run, clinic):
    english = clinic / "exercises" / "plank.yaml"
    result = run("validate", str(english), "--lang", "es")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"hepgen: error: {english}:6:10: purpose has no 'es' translation in" in lines[0]
    assert any(f"{english}:12:14: variants 'knee-plank' summary has no 'es'" in line
               for line in lines)
    assert not any("variants 'knee-plank' steps" in line for line in lines)  # translated
    assert run("validate", str(english)).exit_code == 0  # without --lang: all good
    (clinic / "exercises" / "es" / "plank.yaml").unlink()
    whole = run("validate", str(english), "--lang", "es")
    assert f"{english}:3:1: no 'es' translation; add" in whole.stderr


def test_an_english_only_clinic_library_still_makes_spanish_plans(run, tmp_path):
    (tmp_path / "lib" / "exercises").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "plank.yaml", tmp_path / "lib" / "exercises")
    result = run("generate", "--library", str(tmp_path / "lib"), "--lang", "es",
                 "--format", "txt", "-o", "-", *START)
    assert result.exit_code == 0
    assert "Knee plank" in result.stdout and "LA REGLA DEL DOLOR" in result.stdout
    assert f"no 'es' translation ({tmp_path}/lib/exercises/es/plank.yaml); printed in English" \
        in result.stderr


def test_the_overlay_schema_is_derived_from_the_english_one():
    from generator.overlay import overlay_schema

    exercise = overlay_schema("exercise")
    variant = exercise["properties"]["variants"]["items"]
    assert set(variant["properties"]) == {"id", "name", "summary", "steps", "cues", "mistakes",
                                          "safety"}
    assert variant["required"] == ["id"] and exercise["required"] == ["id"]
    phase = overlay_schema("program")["properties"]["phases"]["items"]
    assert set(phase["properties"]) == {"name", "focus"}


# --- the wizard ---------------------------------------------------------------------------------


def test_the_wizard_asks_in_spanish_and_makes_a_spanish_plan(run, tmp_path):
    from generator import intake

    out = tmp_path / "plan.txt"
    answers = "es\n" + "n\n" * len(intake.SAFETY) + "3\nn\n1\n1\n\n\n\n2027-01-04\na4\nn\nAna\ns\n"
    result = run("new", "-o", str(out), input=answers)
    assert result.exit_code == 0, result.output
    assert "¿Está embarazada?" in result.output and "Su respuesta" in result.output
    assert "Are you pregnant?" not in result.output
    assert "LA REGLA DEL DOLOR" in out.read_text()


def test_the_wizard_takes_the_days_in_spanish(run, tmp_path):
    from generator import intake

    import json

    out = tmp_path / "plan.json"
    answers = ("es\n" + "n\n" * len(intake.SAFETY)
               + "3\nn\n1\n1\n\n\nlun, Mie,VIERNES\n2027-01-04\na4\nn\nAna\ns\n")
    result = run("new", "-o", str(out), input=answers)
    assert result.exit_code == 0, result.output
    assert "lun,mié,vie" in result.output  # the prompt's example is in Spanish
    week5 = json.loads(out.read_text())["weeks"][4]
    assert week5["days"] == ["2027-02-01", "2027-02-03", "2027-02-05"]  # Mon, Wed, Fri


def test_the_wizard_stops_in_spanish(run, tmp_path):
    result = run("new", "--lang", "es", "-o", str(tmp_path / "p.pdf"), input="s\n")
    assert result.exit_code == 3
    assert "Por favor, vaya a urgencias ahora" in result.output
    assert "No se ha hecho ningún plan" in result.output


def test_listing_the_library_loads_neither_babel_nor_reportlab():
    import subprocess
    import sys

    code = ("import sys\nfrom generator.cli import cli\n"
            "for args in (['list'], ['list', 'programs', '--json'], ['show', 'plank']):\n"
            "    try:\n        cli.main(args, standalone_mode=False)\n"
            "    except SystemExit:\n        pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'babel', 'reportlab'}))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_the_translation_schemas_are_published_and_valid_json_schema(run):
    from jsonschema import Draft202012Validator

    for kind in ("exercise", "program", "education"):
        result = run("schema", f"{kind}-translation")
        schema = json.loads(result.stdout)
        Draft202012Validator.check_schema(schema)
        assert "dose" not in json.dumps(schema["properties"])
    overlay = {"id": "plank", "name": "Plancha", "variants": [{"id": "knee-plank", "name": "x"}]}
    assert not list(Draft202012Validator(json.loads(run("schema", "exercise-translation").stdout))
                    .iter_errors(overlay))


def test_an_edited_overlay_is_read_again_not_taken_from_the_disk_cache(run, clinic):
    from generator.library import load_library

    def plan() -> str:
        load_library.cache_clear()  # as a new process would: only the disk cache is left
        return run("generate", "--library", str(clinic), "--lang", "es", "--format", "txt",
                   "-o", "-", *START).stdout

    assert "Plancha con rodillas" in plan() and "Plancha con rodillas" in plan()
    overlay = clinic / "exercises" / "es" / "plank.yaml"
    overlay.write_text(OVERLAY.replace("Plancha con rodillas", "Plancha de rodillas"))
    assert "Plancha de rodillas" in plan()
    overlay.unlink()
    assert "Knee plank" in plan()


def test_init_copies_the_translations_with_the_library(run, tmp_path):
    from generator.library import builtin_root

    assert run("init", str(tmp_path / "mine")).exit_code == 0
    wanted = sorted(p.relative_to(builtin_root()).as_posix()
                    for p in builtin_root().glob("*/*/*.yaml") if p.parent.name == "es")
    copied = sorted(p.relative_to(tmp_path / "mine").as_posix()
                    for p in (tmp_path / "mine").glob("*/*/*.yaml"))
    assert copied == wanted
    result = run("generate", "--library", str(tmp_path / "mine"), "--lang", "es", "--format",
                 "txt", "-o", "-", *START)
    assert result.exit_code == 0
    builtin = run("generate", "--lang", "es", "--format", "txt", "-o", "-", *START)
    assert result.stdout == builtin.stdout and result.stderr.count("warning") == \
        builtin.stderr.count("warning")


def test_a_translation_without_its_english_file_is_reported(run, clinic):
    orphan = clinic / "exercises" / "es" / "planck.yaml"
    orphan.write_text("id: planck\nname: Plancha\n")
    result = run("validate", "--library", str(clinic))
    assert result.exit_code == 1
    assert f"{orphan}: no English file exercises/planck.yaml beside this translation" \
        in result.stderr
    assert result.stderr.count("error") == 1  # the clinic's plank replaces the built-in one,
    # and the built-in's own translation (if any) is not an orphan for it


def test_the_built_in_library_has_no_text_left_untranslated(run):
    result = run("validate", "--lang", "es")
    assert result.exit_code == 0, result.stderr
    spanish = run("generate", "--lang", "es", "--format", "txt", "-o", "-", *START)
    assert spanish.stderr.count("warning") == 0, spanish.stderr  # no English fallback used


# --- the Spanish handout ------------------------------------------------------------------------

PDF_ENGLISH = ("Your plan at a glance", "Your exercises", "Your log", "When to get help",
               "How to use this plan", "The pain rule", "Page 1 of", "Pain before",
               "Pain after", "Notes", "Tips:", "Avoid:", "Take care", "STOP and ask",
               "Finding it easy", "Too hard today", "EMERGENCY", "SOON", "Looking after your back",
               "lighter week", "sessions a week", "Week 1", "hold ", " reps", "each side",
               "Mon ", " Jan", "Session", "Sessions", "Dates", "Week by week", "Clinician",
               "Contact", "Your clinic", "Summary", "your plan on one page", "/ side", "min a day")
FUNCTION_WORDS = {"the", "and", "your", "you", "with", "week", "weeks", "each", "if", "of", "to",
                  "is", "it", "on", "or", "for", "from", "this", "up", "at"}


def _spanish_pdf(run, tmp_path, *extra) -> bytes:
    out = tmp_path / "plan.pdf"
    result = run("generate", "--lang", "es", "-o", str(out), "--patient", "Ana Núñez",
                 "--clinician", "Luis Peña", "--contact", "Centro Sur 912 345 678", *START, *extra)
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    return out.read_bytes()


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).replace("\xa0", " ").split())


@pytest.mark.parametrize("extra", [(), ("--summary",), ("--large-print", "--paper", "letter")])
def test_the_spanish_handout_has_no_english_fixed_text(run, tmp_path, extra):
    text = _pdf_text(_spanish_pdf(run, tmp_path, *extra))
    left = [english for english in PDF_ENGLISH
            if re.search(rf"(?<![\w]){re.escape(english.strip())}(?![\w])", text)]
    assert left == []
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    assert words & FUNCTION_WORDS == set()
    for spanish in ("La regla del dolor", "URGENCIA", "Vaya a urgencias de inmediato si"):
        assert spanish in text
    if not extra:
        for spanish in ("Su plan de un vistazo", "Sus ejercicios", "Su registro",
                        "Cuándo pedir ayuda", "Página 1 de", "Dolor antes", "del lun 4 ene 2027",
                        "¿Le resulta fácil?", "Tenga cuidado:", "Perro de caza"):
            assert spanish in text, spanish


def test_spanish_accents_print_in_the_embedded_font(run, tmp_path):
    import io

    from pypdf import PdfReader

    data = _spanish_pdf(run, tmp_path)
    text = _pdf_text(data)
    for accented in ("Núñez", "Peña", "Cómo usar este plan", "¿Está", "sesión", "Página"):
        assert accented in text or accented == "¿Está", accented
    assert all(ch in text for ch in "áéíóúñ¿«»")
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts and all("Atkinson" in name or "AtkinsonHyperlegible" in name
                         for name in fonts), sorted(fonts)
    for font in fonts.values():  # embedded, with a map back to the accented text
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
            if "/DescendantFonts" in font else font["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object() and "/ToUnicode" in font
    assert reader.trailer["/Root"]["/Lang"] == "es"


def test_the_handout_bytes_are_the_same_twice_per_language(run, tmp_path):
    first = _spanish_pdf(run, tmp_path)
    assert _spanish_pdf(run, tmp_path) == first
    english = tmp_path / "en.pdf"
    run("generate", "-o", str(english), "--patient", "Ana Núñez", "--clinician", "Luis Peña",
        "--contact", "Centro Sur 912 345 678", *START)
    again = tmp_path / "en2.pdf"
    run("generate", "-o", str(again), "--patient", "Ana Núñez", "--clinician", "Luis Peña",
        "--contact", "Centro Sur 912 345 678", *START)
    assert english.read_bytes() == again.read_bytes() != first


@pytest.mark.parametrize("program", ["back-spasm-recovery", "sciatica-recovery", "desk-worker",
                                     "back-care-maintenance", "mcgill-core"])
def test_spanish_handouts_stay_within_the_handouts_page_bounds(library, program):
    """Spanish (about a fifth longer) keeps the handout's A4 target of 8 pages for every
    6-week program at every level; the 8-week ones 11 (their cards hold several variants).
    Letter and large print may run a page over the English targets (9 and 15)."""
    import io

    from pypdf import PdfReader

    from generator.engine import PlanRequest, build_plan
    from generator.library import localized
    from generator.pdf import render_pdf

    spanish = localized(library, "es")
    for level in ("beginner", "intermediate", "advanced"):
        plan = build_plan(spanish.programs[program], spanish.exercises,
                          PlanRequest(start=MONDAY, level=level, lang="es"), spanish.education)
        a4 = len(PdfReader(io.BytesIO(render_pdf(plan))).pages)
        letter = len(PdfReader(io.BytesIO(render_pdf(plan, paper="letter"))).pages)
        large = len(PdfReader(io.BytesIO(render_pdf(plan, large_print=True))).pages)
        most = {6: (8, 10, 16), 8: (11, 11, 21)}[len(plan.weeks)]
        assert a4 <= most[0] and letter <= most[1] and large <= most[2], \
            (program, level, a4, letter, large)



def test_a_twelve_week_spanish_handout_runs_at_most_a_page_over_the_target(library):
    """12 weeks: 11 A4 pages in English (the handout's target), 12 in Spanish. Each card holds
    two variants (about 600 pt in Spanish, one card a page); the walking card goes under
    the plan at a glance, where it fits."""
    import io

    from pypdf import PdfReader

    from generator.engine import PlanRequest, build_plan
    from generator.library import localized
    from generator.pdf import render_pdf

    spanish = localized(library, "es")
    plan = build_plan(spanish.programs["back-spasm-recovery"], spanish.exercises,
                      PlanRequest(start=MONDAY, weeks=12, lang="es"), spanish.education)
    assert len(PdfReader(io.BytesIO(render_pdf(plan))).pages) <= 12

def test_the_html_plan_in_spanish(run):
    import html

    result = run("generate", "--lang", "es", "--format", "html", "-o", "-", "--patient", "Ana",
                 "--notes", "Camine.", *START)
    page = result.stdout
    assert '<html lang="es">' in page
    visible = re.sub(r"<style>.*?</style>|<svg.*?</svg>", "", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", visible))
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    assert words & FUNCTION_WORDS == set(), words & FUNCTION_WORDS
    for spanish in ("Plan de ejercicios en casa para", "Cómo usar este plan", "Sus ejercicios",
                    "Cuándo pedir ayuda", "no esta semana", "visto de lado"):
        assert spanish in page, spanish
    assert "seen from the side" not in page and "Home exercise plan" not in page


# --- the web app --------------------------------------------------------------------------------


def test_the_web_app_speaks_spanish_from_the_questions_to_the_pdf():
    import html
    import io

    from pypdf import PdfReader

    from generator import intake
    from generator.web import create_app

    client = create_app(testing=True).test_client()

    def text(page: str) -> str:
        page = re.sub(r"<style>.*?</style>|<svg.*?</svg>", "", page, flags=re.S)
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())

    start = client.get("/?lang=es").get_data(as_text=True)
    assert '<html lang="es">' in start and 'href="/self?lang=es"' in start
    assert "Un plan de ejercicios en casa para su espalda" in text(start)
    screen = text(client.get("/self?lang=es").get_data(as_text=True))
    assert "¿Está embarazada?" in screen and "Are you pregnant?" not in screen
    answers = {f"_flag{i}": "no" for i in range(len(intake.SAFETY))}
    stop = text(client.post("/self?lang=es", data={**answers, "_flag0": "yes"})
                .get_data(as_text=True))
    assert "Por favor, vaya a urgencias ahora" in stop and "No se ha hecho ningún plan" in stop
    answers.update({"_pain": "3", "_leg": "no", "program": "back-spasm-recovery",
                    "level": "beginner", "start": "2027-01-04", "paper": "a4", "patient": "Ana"})
    preview = client.post("/self/plan?lang=es", data=answers).get_data(as_text=True)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text(preview))}
    assert words & FUNCTION_WORDS == set(), words & FUNCTION_WORDS
    hidden = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', preview)
    assert ("lang", "es") in hidden
    pdf = client.post("/plan.pdf", data=dict(hidden))  # the language travels with the form
    first = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "La regla del dolor" in first and "Recuperación tras espasmos de espalda" in first
    english = client.get("/self").get_data(as_text=True)
    assert '<html lang="en">' in english and "Are you pregnant?" in english


def test_the_clinician_form_chooses_the_plan_language():
    import io

    from pypdf import PdfReader

    from generator.web import create_app

    client = create_app(testing=True).test_client()
    form = client.get("/clinician").get_data(as_text=True)
    assert '<select id="f-lang" name="lang">' in form
    pdf = client.post("/plan.pdf", data={"program": "back-spasm-recovery", "lang": "es",
                                         "start": "2027-01-04"})
    assert pdf.status_code == 200
    assert "La regla del dolor" in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    plan_file = client.post("/plan.yaml", data={"program": "back-spasm-recovery", "lang": "es",
                                                "start": "2027-01-04"}).get_data(as_text=True)
    assert "lang: es" in plan_file


def test_a_spanish_plan_as_json_has_its_doses_in_spanish_whoever_renders_it(library):
    from generator.formats import render
    from generator.settings import Settings

    plan = Settings(lang="es", start=MONDAY).build(library)
    doses = {e["dose"] for w in json.loads(render(plan, "json"))["weeks"] for e in w["exercises"]}
    assert any("/ lado" in d for d in doses) and not any("side" in d for d in doses)


def test_batch_warns_once_per_untranslated_file_not_once_per_row(run, tmp_path):
    (tmp_path / "lib" / "exercises").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "plank.yaml", tmp_path / "lib" / "exercises")
    rows = tmp_path / "list.csv"
    rows.write_text("patient,start\nAna,2027-01-04\nBea,2027-01-04\nCiro,2027-01-04\n")
    result = run("batch", str(rows), "--out-dir", str(tmp_path / "out"), "--format", "ics",
                 "--lang", "es", "--library", str(tmp_path / "lib"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("no 'es' translation") == 1
    assert "Ejercicios de espalda" in (tmp_path / "out" / "bea.ics").read_text()


def test_the_clinician_preview_is_in_the_plans_language_on_an_english_page():
    from generator.web import create_app

    client = create_app(testing=True).test_client()
    page = client.post("/clinician", data={"program": "back-spasm-recovery", "lang": "es",
                                           "start": "2027-01-04"}).get_data(as_text=True)
    preview = page[page.index('id="preview"'):]
    assert '<div lang="es">' in preview and "Cómo usar este plan" in preview
    assert "How to use this plan" not in preview
    assert "Preview of the plan" in page and '<html lang="en">' in page  # the page: English


def test_the_self_service_days_are_named_in_the_pages_language():
    from generator import intake
    from generator.web import create_app

    client = create_app(testing=True).test_client()
    answers = {f"_flag{i}": "no" for i in range(len(intake.SAFETY))}
    page = client.post("/self?lang=es", data=answers).get_data(as_text=True)
    labels = re.findall(r'name="days" value="(\w+)"[^>]*> (\S+)</label>', page)
    assert labels == [("mon", "Lun"), ("tue", "Mar"), ("wed", "Mié"), ("thu", "Jue"),
                      ("fri", "Vie"), ("sat", "Sáb"), ("sun", "Dom")]


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("lang", sorted(languages()))
def test_every_word_of_the_log_heads_fits_its_column(library, lang, large):
    """'Dolor después' ran into 'Notas': a head's longest word sets its column's width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from generator.engine import PlanRequest, build_plan
    from generator.library import localized
    from generator.pdf import HandoutDoc, make_styles, register
    from generator.pdf.fonts import BOLD
    from generator.pdf.logs import log_table

    register()
    styles = make_styles(large)
    width = HandoutDoc(None, "a4", styles).width
    spoken = localized(library, lang)
    for program in ("back-spasm-recovery", "desk-worker"):
        plan = build_plan(spoken.programs[program], spoken.exercises,
                          PlanRequest(start=MONDAY, lang=lang), spoken.education)
        with using(lang):
            table = log_table(plan, styles, width)
        table.wrap(width, 800)
        heads = next(row for row in table._cellvalues if isinstance(row[0], str))
        for text, column in zip(heads, table._colWidths):
            for word in str(text).split():
                room = column - styles.size(5)  # the cell's padding
                assert stringWidth(word, BOLD, styles["cell"].fontSize) <= room, \
                    (program, word, column)
