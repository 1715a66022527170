"""The web app through Flask's test client: every route, every error, the red-flag stop."""

from __future__ import annotations

import io
import json
import logging
import re
from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="the web extra is not installed (pip install '.[web]')")

from pypdf import PdfReader  # noqa: E402

from generator import clinical, intake, wizard  # noqa: E402
from generator.web import create_app  # noqa: E402

DATA = Path(__file__).parent / "data"
QUESTIONS = wizard.warning_questions()
PAGES = ["/", "/self", "/clinician", "/clinician?program=desk-worker", "/library",
         "/library/bird-dog", "/library/back-spasm-recovery"]


@pytest.fixture(scope="module")
def client():
    return create_app(testing=True).test_client()


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def field_errors(response, name: str) -> list[str]:
    """The problems shown next to the field called *name*."""
    ident = "err-" + name.replace(".", "-")
    return [unescape(m) for m in re.findall(rf'<p class="error" id="{re.escape(ident)}">(.*?)</p>',
                                            response.get_data(as_text=True))]


def all_no() -> dict:
    return {f"_flag{i}": "no" for i in range(len(QUESTIONS))}


# --- pages, headers, privacy ------------------------------------------------------------

@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_with_security_headers_and_no_inline_code(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "script-src" not in policy  # no script at all
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    body = response.get_data(as_text=True)
    assert '<html lang="en">' in body and "<script" not in body and ' style="' not in body
    assert "Nothing you type here is stored" in body


def test_start_page_offers_the_three_ways_in(client):
    body = text(client.get("/"))
    for link in ('href="/self"', 'href="/clinician"', 'href="/library"'):
        assert link in body


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_data(as_text=True) == "ok"


def test_the_icon_browsers_ask_for_is_no_error(client):
    assert client.get("/favicon.ico").status_code == 204


def test_stylesheets_and_the_handout_font_are_served(client):
    assert client.get("/static/site.css").status_code == 200
    for face in ("regular", "bold", "italic"):
        response = client.get(f"/static/fonts/{face}.ttf")
        assert response.status_code == 200 and response.mimetype == "font/ttf"
        response.close()
    assert client.get("/static/fonts/..%2Fsecret.ttf").status_code == 404
    css = client.get("/static/plan.css")
    assert css.status_code == 200 and css.mimetype == "text/css"


def test_the_log_holds_routes_and_statuses_never_what_was_typed(client, caplog):
    with caplog.at_level(logging.INFO, logger="hepgen.web"):
        client.post("/plan.json", data={"patient": "Priya Secret", "notes": "knee op 2020"})
        client.post("/plan.json", data={"patient": "Priya Secret", "weeks": "99"})
    lines = [r.getMessage() for r in caplog.records if r.name == "hepgen.web"]
    assert lines == ["POST /plan.<fmt> 200", "POST /plan.<fmt> 400"]
    assert "Secret" not in caplog.text and "knee" not in caplog.text


# --- self-service: screening first -------------------------------------------------------

def test_screening_asks_every_warning_question_with_no_answer_chosen(client):
    body = client.get("/self").get_data(as_text=True)
    for i, (question, _, _) in enumerate(QUESTIONS):
        assert unescape(body).count(question) == 1
        assert f'name="_flag{i}" value="yes"' in body and f'name="_flag{i}" value="no"' in body
    assert "checked" not in body  # an explicit yes or no for each; nothing pre-chosen


def test_an_unanswered_question_is_a_400_next_to_it(client):
    answers = all_no()
    del answers["_flag3"]
    response = client.post("/self", data=answers)
    assert response.status_code == 400
    assert field_errors(response, "q3") == ["Answer yes or no."]
    assert "How bad is your back pain" not in text(response)


@pytest.mark.parametrize("index", [0, len(clinical.EMERGENCY_QUESTIONS),
                                   len(QUESTIONS) - 1])
def test_any_yes_stops_with_the_wizards_advice_and_no_plan(client, index):
    response = client.post("/self", data={**all_no(), f"_flag{index}": "yes"})
    assert response.status_code == 200
    body = text(response)
    stop = intake.SAFETY[index].stop  # the wizard's own words for this sign
    assert stop.title in body and stop.signs[0] in body and stop.advice in body
    assert "How bad is your back pain" not in body and "<form" not in body


def test_all_no_leads_to_the_questions(client):
    body = text(client.post("/self", data=all_no()))
    assert "How bad is your back pain today" in body
    for _, text_ in wizard.PROGRAMS:
        assert text_ in body


def test_no_plan_without_the_screening_answered_even_sent_straight_to_the_questions(client):
    answers = {"_pain": "2", "_leg": "no", "start": "2027-01-04"}
    skipped = client.post("/self/plan", data=answers)
    assert skipped.status_code == 400 and "at a glance" not in text(skipped)
    assert field_errors(skipped, "q0") == ["Answer yes or no."]
    flagged = client.post("/self/plan", data={**answers, **all_no(), "_flag2": "yes"})
    assert intake.SAFETY[2].stop.title in text(flagged) and "at a glance" not in text(flagged)
    assert "at a glance" in text(client.post("/self/plan", data={**answers, **all_no()}))


def test_severe_pain_stops_without_a_plan(client):
    body = text(client.post("/self/plan", data={**all_no(), "_pain": str(wizard.PAIN_STOPS_AT)}))
    assert wizard.PAIN_STOP in body and "at a glance" not in body


@pytest.mark.parametrize("pain", ["", "eleven", "11", "-1"])
def test_pain_must_be_0_to_10(client, pain):
    response = client.post("/self/plan", data={**all_no(), "_pain": pain})
    assert response.status_code == 400
    assert field_errors(response, "_pain") == ["give your pain today as a whole number from 0 to 10"]


def test_self_service_preview_shows_the_plan_and_its_downloads(client):
    response = client.post("/self/plan", data={**all_no(), 
        "_pain": "3", "_leg": "no", "program": "desk-worker", "level": "intermediate", "weeks": "6",
        "days": ["mon", "wed", "fri"], "start": "2027-01-04", "paper": "letter",
        "patient": "Zoë O'Brien"})
    assert response.status_code == 200
    body = text(response)
    assert "Your plan at a glance" in body and "Zoë O'Brien" in body
    assert 'role="img"' in body and "<title id=" in body  # figures with text alternatives
    for fmt in ("pdf", "html", "ics"):
        assert f'action="/plan.{fmt}"' in body
    assert 'name="level" value="intermediate"' in body and 'name="paper" value="letter"' in body


def test_high_pain_starts_at_the_beginner_level_as_in_the_wizard(client):
    body = text(client.post("/self/plan", data={**all_no(), "_pain": str(wizard.BEGINNER_FROM_PAIN),
                                                "_leg": "no", "level": "advanced"}))
    assert "Beginner" in body and 'name="level" value="beginner"' in body


def test_self_service_asks_the_wizards_questions_and_caps_sessions(client):
    body = text(client.post("/self", data=all_no()))
    from generator import intake

    for question in (intake.PAIN, intake.LEG, intake.PROGRAM, intake.LEVEL, *intake.SETTINGS):
        if question.kind != "yes-no" or question.key == "leg":  # large print: a tick box
            assert question.text in body, question.key
    response = client.post("/self/plan", data={**all_no(), "_pain": "2", "_leg": "no", "sessions": "2",
                                               "days": "mon;thu", "start": "2027-01-04"})
    assert response.status_code == 200, field_errors(response, "sessions")
    plan = json.loads(client.post("/plan.json", data={"_form": "self", "sessions": "2"}).data)
    assert {w["sessions"] for w in plan["weeks"]} == {2}
    response = client.post("/self/plan", data={**all_no(), "_pain": "2", "_leg": "no", "sessions": "6"})
    assert response.status_code == 400 and "1 to 3" in field_errors(response, "sessions")[0]


def test_a_self_service_form_sent_back_keeps_every_ticked_day(client):
    from werkzeug.datastructures import MultiDict

    response = client.post("/self/plan", data=MultiDict([
        *all_no().items(), ("_pain", "2"), ("_leg", "no"), ("days", "mon"), ("days", "thu"), ("days", "sat"),
        ("weeks", "99"), ("large_print", "yes")]))
    assert response.status_code == 400 and field_errors(response, "weeks")
    ticked = FormFields("self-questions")
    ticked.feed(response.get_data(as_text=True))
    assert [v for k, v in ticked.fields if k == "days"] == ["mon", "thu", "sat"]
    assert ("large_print", "yes") in ticked.fields and ("_leg", "no") in ticked.fields


def test_change_my_answers_brings_back_the_questions_as_answered(client):
    from werkzeug.datastructures import MultiDict

    answers = [("_pain", "7"), ("_leg", "no"), ("program", "desk-worker"), ("level", "advanced"),
               ("weeks", "5"), ("days", "tue"), ("days", "thu"), ("days", "sat"),
               ("start", "2027-01-05"),
               ("paper", "letter"), ("patient", "Ann Lee")]
    preview = client.post("/self/plan", data=MultiDict([*all_no().items(), *answers]))
    assert preview.status_code == 200
    back = FormFields("change")
    back.feed(preview.get_data(as_text=True))
    again = client.post("/self/plan", data=MultiDict(back.fields))
    assert again.status_code == 200
    shown = FormFields("self-questions")
    shown.feed(again.get_data(as_text=True))
    # the person's own choices, not the recovery plan chosen for their pain of 7
    assert sorted(f for f in shown.fields if f[1]) == sorted([*all_no().items(), *answers])


def test_self_service_errors_are_shown_next_to_the_field(client):
    response = client.post("/self/plan", data={**all_no(), "_pain": "2", "_leg": "no", "days": "mon;funday"})
    assert response.status_code == 400
    assert field_errors(response, "days") and "funday" in field_errors(response, "days")[0]


# --- downloads ----------------------------------------------------------------------------

CLINICIAN = {"program": "back-spasm-recovery", "patient": "Zoë O'Brien", "clinician": "Sam Patel",
             "clinic": "Riverside Physio", "start": "2027-01-04", "weeks": "8",
             "level": "intermediate", "days": ["tue", "thu", "sat"], "exclude": "plank",
             "exercises.bird-dog.pin": "leg-slide",
             "exercises.bird-dog.note": "Keep the movement small for now.",
             "exercises.hamstring-stretch.cap.hold_s": "25", "notes": "Walk every day."}


@pytest.mark.parametrize("fmt,kind", [("pdf", "application/pdf"), ("ics", "text/calendar"),
                                      ("json", "application/json"), ("html", "text/html"),
                                      ("yaml", "application/yaml")])
def test_each_download_has_its_type_and_a_file_name_from_the_patient(client, fmt, kind):
    response = client.post(f"/plan.{fmt}", data=CLINICIAN)
    assert response.status_code == 200
    assert response.mimetype == kind
    assert response.headers["Content-Disposition"] == f'attachment; filename="zoe-obrien.{fmt}"'
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("name,stem", [("../../etc/passwd", "etc-passwd"),
                                       ('Ann"; filename="evil.exe', "ann-filename-evil-exe"),
                                       ("Zoë Ødegård-Łukasz", "zoe-odegard-lukasz"),
                                       ("—", "plan")])
def test_the_file_name_is_safe_whatever_the_name(client, name, stem):
    response = client.post("/plan.json", data={"patient": name})
    assert response.headers["Content-Disposition"] == f'attachment; filename="{stem}.json"'


def test_a_plan_without_a_name_is_called_plan(client):
    response = client.post("/plan.json", data={})
    assert response.headers["Content-Disposition"] == 'attachment; filename="plan.json"'


def test_the_pdf_holds_the_form_s_choices(client):
    reader = PdfReader(io.BytesIO(client.post("/plan.pdf", data=CLINICIAN).data))
    words = " ".join(page.extract_text() for page in reader.pages)
    assert "Zoë O'Brien" in words and "Keep the movement small for now." in words
    assert "Riverside Physio" in words and "Leg slide back" in words


def test_the_clinic_contact_from_the_form_is_on_the_pdf_and_the_web_page(client):
    form = {**CLINICIAN, "contact": "01234 567890"}
    reader = PdfReader(io.BytesIO(client.post("/plan.pdf", data=form).data))
    assert "01234 567890" in reader.pages[0].extract_text()
    assert "01234 567890" in text(client.post("/plan.html", data=form))


def test_the_json_follows_the_form(client):
    plan = json.loads(client.post("/plan.json", data=CLINICIAN).data)
    assert plan["patient"] == "Zoë O'Brien" and plan["start"] == "2027-01-04"
    assert len(plan["weeks"]) == 8 and plan["level"] == "intermediate"
    bird = [e for w in plan["weeks"] for e in w["exercises"] if e["exercise"] == "bird-dog"]
    assert {e["variant"] for e in bird} == {"leg-slide"}
    assert "plank" not in {e["exercise"] for w in plan["weeks"] for e in w["exercises"]}
    holds = [e["hold_s"] for w in plan["weeks"] for e in w["exercises"]
             if e["exercise"] == "hamstring-stretch"]
    assert max(holds) <= 25
    assert {d for w in plan["weeks"] for d in w["days"]} and all(
        __import__("datetime").date.fromisoformat(d).strftime("%a") in ("Tue", "Thu", "Sat")
        for w in plan["weeks"] for d in w["days"])


def test_lists_may_be_repeated_or_separated(client):
    one = json.loads(client.post("/plan.json", data={"days": "mon;wed;fri"}).data)
    two = json.loads(client.post("/plan.json", data={"days": ["mon", "wed", "fri"]}).data)
    assert one == two


def test_the_calendar_and_web_page(client):
    ics = client.post("/plan.ics", data=CLINICIAN).get_data(as_text=True).replace("\r\n ", "")
    assert ics.startswith("BEGIN:VCALENDAR") and "Leg slide back" in ics
    page = client.post("/plan.html", data=CLINICIAN).get_data(as_text=True)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "Keep the movement small for now." in page


def test_review_fields_reissue_the_plan(client):
    plan = json.loads(client.post("/plan.json", data={
        **CLINICIAN, "review.from_week": "3", "review.decisions.back-extension": "regress"}).data)
    assert plan["from_week"] == 3 and plan["weeks"][0]["week"] == 3


def test_the_plan_file_round_trips_through_upload(client):
    kept = client.post("/plan.yaml", data=CLINICIAN).data
    again = client.post("/plan.json", data={"plan_file": (io.BytesIO(kept), "zoe.yaml")},
                        content_type="multipart/form-data")
    assert again.status_code == 200
    assert json.loads(again.data) == json.loads(client.post("/plan.json", data=CLINICIAN).data)


def test_the_plan_file_download_is_the_same_as_the_cli_reads(client, tmp_path, run):
    path = tmp_path / "kept.yaml"
    path.write_bytes(client.post("/plan.yaml", data=CLINICIAN).data)
    out = tmp_path / "cli.json"
    result = run("generate", "--plan-file", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text()) == json.loads(client.post("/plan.json", data=CLINICIAN).data)


def test_an_uploaded_plan_file_reopens_the_clinician_form(client):
    response = client.post("/clinician", data={"plan_file": (open(DATA / "plan.yaml", "rb"),
                                                             "ann-lee.yaml")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'name="patient" value="Ann Lee"' in body
    assert '<option value="leg-slide" selected>' in body
    assert 'value="Keep the movement small for now."' in body
    assert 'name="exercises.hamstring-stretch.cap.hold_s" value="25"' in body
    assert "Preview" in body and "Your plan at a glance" in body
    assert "Opened <strong>ann-lee.yaml</strong>" in body


class FormFields(__import__("html.parser").parser.HTMLParser):
    """What a browser sends for the form with class *cls*: each control's value as shown
    (ticked boxes only, the selected option); file inputs left empty."""

    def __init__(self, cls: str):
        super().__init__()
        self.cls, self.inside, self.fields = cls, False, []
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.cls in (attrs.get("class") or "").split()
        if not self.inside or "name" not in attrs and tag != "option":
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind != "file" and (kind not in ("checkbox", "radio")
                                                  or "checked" in attrs):
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self.select, self.options = attrs["name"], []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields.append((self.textarea, ""))

    def handle_data(self, data):
        if self.textarea:
            self.fields[-1] = (self.textarea, self.fields[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            chosen = [v for v, on in self.options if on] or [self.options[0][0]]
            self.fields.append((self.select, chosen[0]))
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False


EVERY_FIELD = b"""program: back-spasm-recovery
patient: Ann Lee
clinician: Sam Patel
clinic: Riverside Physio
contact: 01234 567890, desk@riverside.example
notes: Walk every day.
start: 2027-01-04
weeks: 8
sessions: 2
level: intermediate
paper: letter
large_print: true
lang: es
days: [tue, fri]
exclude: [plank]
sections: [cover, cards, safety]
summary: true
exercises:
  bird-dog: {pin: leg-slide, note: Keep the movement small for now.}
  hamstring-stretch: {cap: {hold_s: 25}}
  cat-cow: {dose: {reps: 6, sets: 2}}
review:
  from_week: 3
  decisions: {back-extension: regress, bird-dog: hold}
"""


def test_a_reopened_plan_file_sent_again_as_the_form_stands_makes_the_same_plan(client):
    """Every plan-file field has its control: re-open a file, press a download, same plan."""
    upload = {"plan_file": (io.BytesIO(EVERY_FIELD), "ann.yaml")}
    page = client.post("/clinician", data=upload, content_type="multipart/form-data")
    assert page.status_code == 200
    parser = FormFields("clinician")
    parser.feed(page.get_data(as_text=True))
    from werkzeug.datastructures import MultiDict

    sent = MultiDict(parser.fields)
    assert sent["sessions"] == "2" and sent["paper"] == "letter" and sent["summary"] == "yes"
    assert sent["contact"] == "01234 567890, desk@riverside.example"
    assert sent.getlist("sections") == ["cover", "cards", "safety"]
    from_form = client.post("/plan.yaml", data=sent)
    assert from_form.status_code == 200, text(from_form)
    import yaml

    assert yaml.safe_load(from_form.data) == yaml.safe_load(EVERY_FIELD)
    direct = client.post("/plan.json", data={"plan_file": (io.BytesIO(EVERY_FIELD), "a.yaml")},
                         content_type="multipart/form-data")
    assert json.loads(client.post("/plan.json", data=sent).data) == json.loads(direct.data)
    assert max(w["sessions"] for w in json.loads(direct.data)["weeks"]) == 2


def test_sessions_is_a_number_in_the_form_as_in_a_plan_file(client):
    plan = json.loads(client.post("/plan.json", data={"sessions": "2"}).data)
    assert {w["sessions"] for w in plan["weeks"]} == {2}
    response = client.post("/plan.json", data={"_form": "clinician", "sessions": "5"})
    assert response.status_code == 400
    assert "1 to 3 for this program" in field_errors(response, "sessions")[0]


def test_form_fields_win_over_an_uploaded_plan_file(client):
    plan = json.loads(client.post("/plan.json", data={
        "plan_file": (open(DATA / "plan.yaml", "rb"), "ann-lee.yaml"), "weeks": "10"},
        content_type="multipart/form-data").data)
    assert plan["patient"] == "Ann Lee" and plan["total_weeks"] == 10


def test_a_logo_path_in_an_uploaded_plan_file_is_never_read(client):
    upload = b"patient: Ann Lee\nlogo: /etc/passwd\n"
    response = client.post("/plan.pdf", data={"plan_file": (io.BytesIO(upload), "a.yaml")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_logo_upload_is_printed_on_the_cover(client):
    response = client.post("/plan.pdf", data={**CLINICIAN, "logo": (io.BytesIO(_png()), "l.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    assert reader.pages[0].images, "the logo is on the cover"


def _png(width: int = 8, height: int = 8) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x1d\x4e\x89" * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# --- errors: 400 with the command line's message, never a 500 ------------------------------

def test_400_next_to_the_field_with_the_same_message_as_a_plan_file(client, tmp_path, run):
    cases = [
        ({"weeks": "six"}, "weeks", "weeks: six"),
        ({"level": "expert"}, "level", "level: expert"),
        ({"weeks": "40"}, "weeks", "weeks: 40"),
        ({"start": "2027-02-30"}, "start", "start: '2027-02-30'"),
        ({"exercises.bird-dog.pin": "leg-slid"}, "exercises.bird-dog.pin",
         "exercises:\n  bird-dog:\n    pin: leg-slid"),
        ({"exercises.plank.cap.reps": "500"}, "exercises.plank.cap.reps",
         "exercises:\n  plank:\n    cap:\n      reps: 500"),
        ({"review.decisions.plank": "jump", "review.from_week": "3"},
         "review.decisions.plank",
         "review:\n  from_week: 3\n  decisions:\n    plank: jump"),
    ]
    for form, field, yaml_text in cases:
        response = client.post("/plan.pdf", data={"_form": "clinician", **form})
        assert response.status_code == 400, form
        shown = field_errors(response, field)
        assert len(shown) == 1, (form, shown)
        path = tmp_path / "p.yaml"
        path.write_text(yaml_text + "\n")
        cli = run("generate", "--plan-file", str(path), "-o", str(tmp_path / "x.pdf"))
        assert cli.exit_code == 1
        assert cli.stderr.strip().endswith(shown[0]), (cli.stderr, shown)


@pytest.mark.parametrize("name", ["weeks", "sessions", "review.from_week",
                                  "exercises.plank.cap.reps"])
def test_a_digit_that_is_not_a_number_is_a_400_not_a_crash(client, name):
    response = client.post("/plan.json", data={"_form": "clinician", name: "²"})
    assert response.status_code == 400 and field_errors(response, name)


def test_a_pain_score_of_a_superscript_is_asked_again(client):
    response = client.post("/self/plan", data={**all_no(), "_pain": "²", "_leg": "no"})
    assert response.status_code == 400 and field_errors(response, "_pain")


def test_the_command_line_refuses_the_same_digit_in_one_line(run, tmp_path):
    result = run("generate", "--weeks", "²", "-o", str(tmp_path / "plan.json"))
    assert result.exit_code == 2 and "Traceback" not in result.stderr  # a misused option
    assert "weeks must be a whole number" in result.stderr


def test_every_problem_is_listed_at_the_top_too(client):
    response = client.post("/plan.pdf", data={"_form": "clinician", "weeks": "40",
                                              "exercises.plank.note": "x" * 700})
    assert response.status_code == 400
    summary = re.search(r'<div class="problems" role="alert".*?</div>',
                        response.get_data(as_text=True), re.S).group(0)
    assert 'href="#f-weeks"' in summary and 'href="#f-exercises-plank-note"' in summary


def test_an_unknown_field_gets_a_did_you_mean(client):
    response = client.post("/plan.json", data={"pateint": "Ann"})
    assert response.status_code == 400
    assert "unknown key 'pateint' — did you mean 'patient'?" in text(response)


def test_errors_from_the_self_service_downloads_reopen_that_form(client):
    response = client.post("/plan.pdf", data={"_form": "self", "_pain": "2", "patient": "王小明"})
    assert response.status_code == 400
    body = text(response)
    assert "How bad is your back pain" in body and "cannot print" in body


def test_a_logo_that_is_not_an_image_is_a_400_at_the_logo_field(client):
    response = client.post("/plan.pdf", data={"_form": "clinician",
                                              "logo": (io.BytesIO(b"GIF89a..."), "x.gif")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert field_errors(response, "logo") == ["the logo must be a PNG or JPEG image"]


def test_a_logo_of_too_many_pixels_is_a_400_at_the_logo_field(client):
    response = client.post("/plan.pdf", data={"_form": "clinician",
                                              "logo": (io.BytesIO(_png(12000, 12000)), "x.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "12000×12000 pixels" in field_errors(response, "logo")[0]


@pytest.mark.parametrize("upload,expected", [
    (b"patient: [unclosed\n", "bad.yaml:2:1: YAML syntax error"),
    (b"\x00\x01binary", "this is a binary file"),
    (b"- a list\n", "a plan file is a mapping"),
    (b"weeks: 99\n", "bad.yaml:1:8: Back spasm recovery runs for 4 to 12 weeks (you asked for 99)"),
    (b"a: &a [1]\n" + b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" * 1, "bad.yaml"),
])
def test_a_bad_plan_file_upload_is_a_400_with_file_and_line(client, upload, expected):
    response = client.post("/clinician", data={"plan_file": (io.BytesIO(upload), "bad.yaml")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert expected in text(response)


def test_uploads_are_never_written_to_disk(client, monkeypatch):
    import tempfile

    def no_disk(*args, **kwargs):
        raise AssertionError("an upload was spooled to a temporary file")
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    monkeypatch.setattr("werkzeug.formparser.SpooledTemporaryFile", no_disk)
    big = _png() + b"\0" * (2 << 20)  # a 2 MB logo, over werkzeug's 500 KB spool limit
    response = client.post("/plan.pdf", data={**CLINICIAN, "logo": (io.BytesIO(big), "l.png")},
                           content_type="multipart/form-data")
    assert response.status_code in (200, 400)


def test_a_huge_upload_is_refused_not_a_500(client):
    response = client.post("/plan.pdf", data={"logo": (io.BytesIO(b"\x89PNG" + b"0" * (7 << 20)),
                                                       "big.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "under 5 MB" in text(response)


def test_too_much_form_text_is_refused(client):
    response = client.post("/plan.json", data={"notes": "x" * (100 * 1024)})
    assert response.status_code == 400
    assert len(field_errors(response, "notes")) == 1 and "600" in field_errors(response, "notes")[0]
    response = client.post("/plan.json", data={"notes": "x" * (100 * 1024),
                                               "logo": (io.BytesIO(b""), "")},
                           content_type="multipart/form-data")
    assert response.status_code == 413


@pytest.mark.parametrize("method,url,status", [("get", "/plan.pdf", 405), ("post", "/plan.exe", 404),
                                               ("get", "/nowhere", 404),
                                               ("get", "/self/plan", 405)])
def test_wrong_addresses_get_a_page_not_a_traceback(client, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert "Traceback" not in text(response) and "hepgen" in text(response)


def test_an_unexpected_failure_is_a_plain_500_page_that_logs_no_detail(caplog, monkeypatch):
    app = create_app()
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken(*args, **kwargs):
        raise RuntimeError("secret patient detail")
    monkeypatch.setattr("generator.formats.render", broken)
    with caplog.at_level(logging.INFO, logger="hepgen.web"):
        response = app.test_client().post("/plan.pdf", data={"patient": "Ann"})
    assert response.status_code == 500 and "Nothing you typed has been stored" in text(response)
    assert "secret patient detail" not in caplog.text and "RuntimeError" in caplog.text


# --- the library ------------------------------------------------------------------------------

def test_the_library_lists_every_program_and_exercise(client, library):
    body = text(client.get("/library"))
    for item in [*library.programs.values()]:
        assert item.title in body and f'href="/library/{item.id}"' in body
    for item in library.exercises.values():
        assert item.name in body and f'href="/library/{item.id}"' in body


def test_an_exercise_page_shows_its_ladder_with_figures(client, library):
    body = text(client.get("/library/bird-dog"))
    exercise = library.exercises["bird-dog"]
    positions = [body.index(v.name) for v in exercise.variants]
    assert positions == sorted(positions)  # easiest first
    assert body.count('role="img"') == sum(1 for v in exercise.variants if v.figure)


def test_a_program_page_shows_its_phases(client, library):
    program = library.programs["back-spasm-recovery"]
    body = text(client.get("/library/back-spasm-recovery"))
    for phase in program.phases:
        assert phase.name in body
    assert 'href="/clinician?program=back-spasm-recovery"' in body
    for exercise, levels in program.start:  # variants by their names, linked to their ladder
        for _, variant in levels:
            name = library.exercises[exercise].variants[library.exercises[exercise].rung(variant)].name
            assert f'href="/library/{exercise}#v-{variant}">{name}</a>' in body
            assert f">{variant}<" not in body


def test_an_unknown_library_id_is_a_404_with_a_hint(client):
    response = client.get("/library/brid-dog")
    assert response.status_code == 404
    assert "did you mean 'bird-dog'?" in text(response)


def test_the_clinician_form_offers_every_exercise_of_the_chosen_program(client, library):
    body = text(client.get("/clinician?program=desk-worker"))
    for name in library.programs["desk-worker"].exercise_ids:
        assert f'name="exercises.{name}.pin"' in body and f'name="review.decisions.{name}"' in body
    for field in ("patient", "clinician", "clinic", "contact", "notes", "start", "weeks",
                  "sessions", "sections", "summary", "level", "paper",
                  "large_print", "days", "exclude", "logo", "plan_file", "review.from_week"):
        assert f'name="{field}"' in body, field


# --- whatever is posted, a page or a 400, never a 500 ----------------------------------------

NAMES = ["program", "patient", "weeks", "start", "level", "paper", "large_print", "days",
         "exclude", "notes", "exercises", "exercises.plank", "exercises.plank.pin",
         "exercises.plank.cap.reps", "exercises.plank.dose.hold_s", "exercises.nope.note",
         "exercises.plank.cap", "review", "review.from_week", "review.decisions.plank",
         "review.decisions", "_form", "_pain", "a.b.c.d.e", "", "."]


def test_random_forms_get_a_plan_or_a_400(client):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    values = st.one_of(st.sampled_from(["", "8", "0", "-3", "yes", "mon;wed", "plank",
                                        "leg-slide", "2027-01-04", "99999999", "hold"]),
                       st.text(max_size=12))
    form = st.lists(st.tuples(st.sampled_from(NAMES), values), max_size=6)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(form, st.sampled_from(["/plan.json", "/clinician", "/self/plan"]))
    def post(fields, url):
        from werkzeug.datastructures import MultiDict

        response = client.post(url, data=MultiDict(fields))
        assert response.status_code in (200, 400), (fields, response.status_code)
    post()


class Labels(__import__("html.parser").parser.HTMLParser):
    """Form controls, and the ids that a <label for> names or that sit inside a <label>."""

    def __init__(self):
        super().__init__()
        self.controls: list[dict] = []
        self.labelled: set[str] = set()
        self.described: set[str] = set()
        self.ids: set[str] = set()
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.add(attrs.get("id"))
        if tag == "label":
            self.depth += 1
            self.labelled.add(attrs.get("for"))
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden",):
            self.controls.append({**attrs, "_wrapped": self.depth > 0})
        for ref in (attrs.get("aria-describedby") or "").split():
            self.described.add(ref)

    def handle_endtag(self, tag):
        if tag == "label":
            self.depth -= 1


@pytest.mark.parametrize("method,url,data", [
    ("get", "/self", None), ("post", "/self", "all_no"), ("get", "/clinician", None),
    ("post", "/clinician", {"weeks": "99", "exercises.plank.cap.reps": "0"}),
    ("post", "/self/plan", {**all_no(), "_pain": "x", "weeks": "99"})])
def test_every_control_has_a_label_and_every_description_exists(client, method, url, data):
    data = all_no() if data == "all_no" else data
    parser = Labels()
    parser.feed(getattr(client, method)(url, data=data).get_data(as_text=True))
    assert parser.controls
    for control in parser.controls:
        assert control["_wrapped"] or control.get("id") in parser.labelled, control
    assert parser.described <= parser.ids, "aria-describedby names elements that exist"


@pytest.mark.parametrize("form", [
    {"weeks": "99", "sessions": "9", "exercises.plank.cap.reps": "0", "days": "funday"},
    {"review.decisions.plank": "hold"}, {"exercises.plank.pin": "nope", "level": "x"},
    {"exercises.plank": "x"}, {"start": "soon", "paper": "a5", "large_print": "maybe"},
    {"exercises.plank.dose.reps": "100"}, {"sections": "cover;nope", "summary": "maybe"},
    {"contact": "x" * 200}])
def test_every_problem_at_the_top_links_to_its_place_in_the_form(client, form):
    response = client.post("/clinician", data={"_form": "clinician", **form})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    parser = Labels()
    parser.feed(body)
    links = re.findall(r'<li><a href="#([^"]+)">', body)
    assert links and set(links) <= parser.ids


def test_the_browser_is_not_asked_to_remember_one_patient_for_the_next(client):
    body = client.get("/clinician").get_data(as_text=True)
    for name in ("patient", "notes", "exercises.plank.note"):
        tag = re.search(rf'<(?:input|textarea)[^>]* name="{re.escape(name)}"[^>]*>', body).group(0)
        assert 'autocomplete="off"' in tag, name


def test_an_unknown_program_in_the_address_is_named(client):
    response = client.get("/clinician?program=desk-workr")
    assert response.status_code == 400
    assert "unknown program 'desk-workr' — did you mean 'desk-worker'?" in text(response)


def test_pdfs_made_at_once_by_the_server_s_threads_are_the_same_as_one_alone():
    """waitress serves requests on several threads; the renderers must not share state."""
    import threading

    app = create_app()
    alone = app.test_client().post("/plan.pdf", data=CLINICIAN).data
    made: list[bytes] = []

    def client():
        local = app.test_client()
        made.extend(local.post("/plan.pdf", data=CLINICIAN).data for _ in range(2))
    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 8 and all(pdf == alone for pdf in made)


@pytest.mark.parametrize("weeks", ["60", "2"])
def test_weeks_out_of_range_are_reported_in_the_programs_terms_beside_the_field(client, weeks):
    """The field's hint says '4 to 12' for this program; 60 weeks was refused with the
    schema's 'it must be at most 52', a limit of no program."""
    response = client.post("/clinician", data={"program": "back-spasm-recovery",
                                               "level": "beginner", "weeks": weeks})
    assert response.status_code == 400
    assert field_errors(response, "weeks") == [
        f"Back spasm recovery runs for 4 to 12 weeks (you asked for {weeks})"]


@pytest.mark.parametrize("form", [{}, {"_form": "self", "_pain": "2"}])
def test_a_name_the_font_cannot_print_is_reported_beside_the_name(client, form):
    """It was shown at the top of the form, apart from the field to change."""
    response = client.post("/plan.pdf", data={**form, "patient": "王小明"})
    assert response.status_code == 400
    assert field_errors(response, "patient") == [
        "the patient name has characters the handout's font cannot print (王小明); write it "
        "with Latin letters"]
