"""The web app's pages and downloads (see "The web app" in DESIGN.md for the contract)."""

from __future__ import annotations

from datetime import date

from flask import Flask, Response, abort, current_app, render_template, request

from .. import intake, wizard
from ..errors import HepgenError, Location, did_you_mean
from ..files import MAX_LOGO_BYTES, check_logo
from ..models import LEVELS
from ..options import ALL_SECTIONS, PAPERS
from ..request import DAY_NAMES, most_sessions
from . import form as forms

DOWNLOADS = {
    "pdf": "application/pdf",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
}

SECTION_LABELS = {"cover": "Cover", "glance": "Plan at a glance", "summary": "One-page summary",
                  "cards": "Exercise cards", "logs": "Weekly logs",
                  "safety": "Warning signs (always)", "education": "Looking after your back"}
"""How the clinician form names the handout's sections (options.ALL_SECTIONS)."""


def library():
    """The library, its text in the page's language."""
    from ..i18n import current
    from ..library import localized

    return localized(current_app.extensions["hepgen.library"], current())


def _in_language(data: dict) -> dict:
    """The plan-file mapping with the page's language, unless the form chose one."""
    from ..i18n import SOURCE, current

    if current() != SOURCE and not data.get("lang"):
        data["lang"] = current()
    return data


# --- pages ----------------------------------------------------------------------------

def start_page():
    return render_template("start.html")


def healthz():
    return Response("ok", mimetype="text/plain")


def self_screening():
    """The warning-sign questions, each needing an explicit yes or no."""
    if request.method == "GET":
        return render_template("self_screen.html", questions=wizard.warning_questions(),
                               answers={}, missing=set())
    return _screen(request.form) or render_template("self_questions.html",
                                                    **_self_context({}, {}))


def _screen(form):
    """None when every screening question is answered no; else the page to show: the
    advice for the first "yes" (as ``hepgen new`` gives it), or the questions again with
    the unanswered ones marked. The questions page carries the answers on, so no plan is
    ever made without them."""
    answers, missing = {}, set()
    for i, question in enumerate(intake.SAFETY):
        value = form.get(f"_flag{i}", "")
        if value in ("yes", "no"):
            answers[question.key] = value == "yes"
        else:
            missing.add(i)
    stop = intake.stop_for(answers)  # the first "yes", in the order asked
    if stop is not None:
        return _stop(stop)
    if missing:
        return render_template("self_screen.html", questions=wizard.warning_questions(),
                               answers={i: form.get(f"_flag{i}", "") for i in
                                        range(len(intake.SAFETY))}, missing=missing), 400
    return None


def _stop(stop: intake.Stop):
    return render_template("self_stop.html", advice=stop.title, signs=stop.signs,
                           no_plan=stop.advice)


def _self_context(values: dict, problems: dict, general=()) -> dict:
    lib = library()
    programs = [(pid, text, lib.programs[pid]) for pid, text in wizard.PROGRAMS
                if pid in lib.programs]
    return dict(values=values, problems=problems, general=list(general), programs=programs,
                screening=[(f"_flag{i}", "no") for i in range(len(intake.SAFETY))],
                activity=wizard.ACTIVITY, days=DAY_NAMES, papers=PAPERS,
                next_monday=_next_monday().isoformat(), beginner_from=wizard.BEGINNER_FROM_PAIN,
                leg_question=intake.LEG.text, ask={
                    q.key: q.text for q in (intake.PAIN, intake.PROGRAM, intake.LEVEL,
                                            *intake.SETTINGS)})


def _next_monday() -> date:
    from ..request import next_monday

    return next_monday(date.today())


SELF_FIELDS = ("_pain", "_leg", "program", "level", "weeks", "sessions", "days", "start", "paper",
               "large_print", "patient")
"""The self-service page's fields: a problem with one is shown next to it."""


def _self_values(data: dict) -> dict:
    """The self-service questions' values as the page shows them: the plan's settings
    (lists as 'mon;thu') and the answers that only steer (pain, leg)."""
    values = dict(forms.fields(data))
    values.update({name: request.form.get(name, "") for name in ("_pain", "_leg")})
    return values


def self_plan():
    """The questions after the screening: pain first, then the plan's settings."""
    blocked = _screen(request.form)
    if blocked is not None:
        return blocked
    values = _self_values(forms.form_data(request.form))
    if request.form.get("_edit"):  # "Change my answers" from the preview
        return render_template("self_questions.html", **_self_context(values, {}))
    try:
        pain = intake.pain_score(values.get("_pain", ""))
    except HepgenError as exc:
        return render_template("self_questions.html", **_self_context(
            values, {"_pain": [exc.message]})), 400
    stop = intake.stop_for({"pain": pain})
    if stop is not None:
        return _stop(stop)
    leg = values.get("_leg", "")
    if leg not in ("yes", "no"):  # a screening question: an explicit answer, no default
        return render_template("self_questions.html", **_self_context(
            values, {"_leg": ["answer yes or no"]})), 400
    data = _in_language(forms.form_data(request.form))
    # the wizard's rules (generator.intake): leg pain -> sciatica-recovery, pain of 6 or
    # more -> the recovery plan at its gentlest start, whatever was chosen
    data["program"], data["level"], reasons, emphasis = intake.route(
        {"pain": pain, "leg": leg == "yes", "program": data.get("program"),
         "level": data.get("level")})
    try:
        settings = forms.settings(data, library())
        plan = settings.build(library())
    except HepgenError as error:
        problems = forms.Problems.of(error, SELF_FIELDS)
        return render_template("self_questions.html", **_self_context(
            values, problems.by_field, problems.general)), 400
    return render_template("self_preview.html", plan=plan, data=data, reasons=reasons,
                           emphasis=emphasis, hidden=forms.fields(data) + [
                               ("_form", "self"), ("_pain", str(pain)), ("_leg", leg)],
                           answers=[*request.form.items(multi=True), ("_edit", "yes")])


def clinician_page():
    """The clinician's form; a POST previews it, or re-opens an uploaded plan file."""
    data: dict = {}
    if request.method == "GET":
        program = request.args.get("program", "").strip()
        if program:
            data["program"] = program
            try:
                forms.settings(data, library())  # an unknown program is named as the CLI does
            except HepgenError as error:
                return _clinician(data, error, status=400)
        return _clinician(data)
    try:
        data = _submitted()
        settings = forms.settings(data, library())
        plan = settings.build(library())
    except HepgenError as error:
        return _clinician(data or forms.form_data(request.form), error, status=400)
    upload = request.files.get("plan_file")
    opened = _upload_name(upload.filename, "plan file") if upload and upload.filename else ""
    return _clinician(data, plan=plan, opened=opened)


def _clinician(data: dict, error: HepgenError | None = None, plan=None, status: int = 200,
               opened: str = ""):
    lib = library()
    program_id = data.get("program") if data.get("program") in lib.programs else \
        next(iter(p for p, _ in wizard.PROGRAMS if p in lib.programs), next(iter(lib.programs)))
    program = lib.programs[program_id]
    exercises = [lib.exercises[e] for e in program.exercise_ids]
    names = dict(forms.fields(data))
    known = forms.known_fields(e.id for e in exercises)
    problems = forms.Problems.of(error, known) if error else None
    preview = None
    if plan is not None:  # in the plan's language, which the form may set apart from the page's
        from markupsafe import Markup

        from ..i18n import using

        with using(plan.lang):
            preview = Markup(render_template("plan_body.html", plan=plan, heading_level=2))
    body = render_template(
        "clinician.html", preview=preview, program=program, programs=list(lib.programs.values()),
        exercises=exercises, values=names, levels=LEVELS, days=DAY_NAMES, papers=PAPERS,
        problems=problems.by_field if problems else {}, general=problems.general if problems else [],
        plan=plan, next_monday=_next_monday().isoformat(), fields=known,
        most_sessions=most_sessions(program), opened=opened, section_names=ALL_SECTIONS,
        section_labels=SECTION_LABELS)
    return body, status


def _submitted() -> dict:
    """The plan-file mapping of this request: an uploaded plan file, with the form on top."""
    data: dict = {}
    upload = request.files.get("plan_file")
    if upload is not None and upload.filename:
        name = _upload_name(upload.filename, "plan file")
        data = forms.read_plan_file(upload.read(), name, library())
    return _in_language(forms.merge(data, forms.form_data(request.form)))


def _upload_name(filename: str, default: str) -> str:
    from pathlib import PurePosixPath, PureWindowsPath

    from ..errors import one_line

    base = PureWindowsPath(PurePosixPath(filename).name).name
    return one_line(base)[:80] or default


def _logo() -> bytes | None:
    upload = request.files.get("logo")
    if upload is None or not upload.filename:
        return None
    return check_logo(upload.read(MAX_LOGO_BYTES + 1), "logo")


def download(fmt: str):
    """POST /plan.pdf|.ics|.json|.html|.yaml: the plan the form describes, as a file."""
    if fmt not in DOWNLOADS:
        abort(404)
    data: dict = {}
    try:
        data = _submitted()
        settings = forms.settings(data, library())
        plan = settings.build(library())  # also for the plan file: never keep a plan that fails
        if fmt == "yaml":
            body = forms.plan_file_text(data).encode("utf-8")
        else:
            from dataclasses import replace

            from ..formats import render

            # the plan file's render choices (paper, print size, sections, summary); a logo
            # only by upload: the form has no logo path, and an uploaded plan file's is dropped
            body = render(plan, fmt, replace(settings.render_options(),
                                             logo=_logo() if fmt == "pdf" else None))
    except HepgenError as error:
        return _form_again(data or forms.form_data(request.form), error)
    from ..batch import slug

    stem = slug(plan.patient) or "plan"
    response = Response(body, mimetype=DOWNLOADS[fmt].split(";")[0])
    response.headers["Content-Type"] = DOWNLOADS[fmt]
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _form_again(data: dict, error: HepgenError):
    """A 400: the form that was sent, with each problem next to its field."""
    if request.form.get("_form") == "self":
        values = _self_values(data)
        problems = forms.Problems.of(error, SELF_FIELDS)
        return render_template("self_questions.html", **_self_context(
            values, problems.by_field, problems.general)), 400
    return _clinician(data, error, status=400)


def library_page():
    lib = library()
    return render_template("library.html", programs=sorted(lib.programs.values(),
                                                              key=lambda p: p.title),
                           exercises=sorted(lib.exercises.values(), key=lambda e: e.name))


def library_item(ident: str):
    from ..describe import _window
    from ..htmlplan import figure_markup

    lib = library()
    if ident in lib.exercises:
        exercise = lib.exercises[ident]
        figures = [figure_markup(exercise, v, f"lib-{i}") for i, v in enumerate(exercise.variants)]
        return render_template("library_exercise.html", exercise=exercise, figures=figures,
                               window=_window)
    if ident in lib.programs:
        def variant_name(exercise: str, variant: str) -> str:
            ladder = lib.exercises[exercise]
            return ladder.variants[ladder.rung(variant)].name

        return render_template("library_program.html", program=lib.programs[ident],
                               exercises=lib.exercises, education=lib.education,
                               variant_name=variant_name)
    known = [*lib.exercises, *lib.programs]
    message = str(HepgenError(f"nothing called '{ident}'{did_you_mean(ident, known)}",
                              Location("library")))
    return render_template("error.html", title="Not in the library", message=message), 404


def plan_css():
    from ..htmlplan import stylesheet

    response = Response(stylesheet(), mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


FONT_FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic"}


def font(face: str):
    """The handout's font, Atkinson Hyperlegible, for the pages too (from its package)."""
    from pathlib import Path

    from flask import send_file
    import fontpkg_atkinson_hyperlegible as package

    if face not in FONT_FACES:
        abort(404)
    path = Path(package.__file__).resolve().parent / "files" / \
        f"AtkinsonHyperlegible-{FONT_FACES[face]}.ttf"
    return send_file(path, mimetype="font/ttf", max_age=86400)


# --- errors ---------------------------------------------------------------------------

def too_large(error):
    return render_template("error.html", title="Too big to upload", message=(
        f"The form is over {current_app.config['MAX_CONTENT_LENGTH'] // (1024 * 1024)} MB; "
        "the logo must be a PNG or JPEG under 5 MB.")), 413


def not_found(error):
    return render_template("error.html", title="Page not found",
                           message="There is no page here. Start again from the home page."), 404


def not_allowed(error):
    return render_template("error.html", title="Not here",
                           message="This address takes a form from one of hepgen's pages."), 405


def bad_request(error):
    return render_template("error.html", title="Something in the form is wrong",
                           message="The form could not be read; go back and send it again."), 400


def server_error(error):
    from .import LOG

    original = getattr(error, "original_exception", error)
    LOG.error("%s %s failed: %s", request.method, request.url_rule.rule if request.url_rule
              else "(no route)", type(original).__name__)  # the type only: no patient data
    return render_template("error.html", title="Something went wrong", message=(
        "hepgen could not make this page. Nothing you typed has been stored. Please try "
        "again; if it keeps happening, tell whoever runs this hepgen.")), 500


def register(app: Flask) -> None:
    app.add_url_rule("/", "start", start_page)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/favicon.ico", "favicon", lambda: Response(status=204))  # browsers ask
    app.add_url_rule("/self", "self", self_screening, methods=["GET", "POST"])
    app.add_url_rule("/self/plan", "self_plan", self_plan, methods=["POST"])
    app.add_url_rule("/clinician", "clinician", clinician_page, methods=["GET", "POST"])
    app.add_url_rule("/plan.<fmt>", "download", download, methods=["POST"])
    app.add_url_rule("/library", "library", library_page)
    app.add_url_rule("/library/<ident>", "library_item", library_item)
    app.add_url_rule("/static/plan.css", "plan_css", plan_css)
    app.add_url_rule("/static/fonts/<face>.ttf", "font", font)
    app.register_error_handler(413, too_large)
    app.register_error_handler(404, not_found)
    app.register_error_handler(405, not_allowed)
    app.register_error_handler(400, bad_request)
    app.register_error_handler(500, server_error)
