"""hepgen in the browser: a Flask app over the same library, engine and renderers.

``create_app()`` is the WSGI application factory: ``hepgen serve`` runs it under waitress,
and a clinic can run it with ``waitress-serve --call generator.web:create_app`` (or
gunicorn). The app is stateless: nothing a person types is stored on disk or written to
the log; the log holds each request's method, route and status only.
"""

from __future__ import annotations

import logging
from typing import Iterable

LOG = logging.getLogger("hepgen.web")

MAX_REQUEST_BYTES = 6 * 1024 * 1024
"""A whole request: the logo (at most 5 MB, as on the command line) plus a plan file."""
MAX_FORM_TEXT_BYTES = 64 * 1024
"""The form's text fields together; names and notes are short (80 and 600 characters)."""


def speak(app) -> None:
    """Every page in the language asked for with ``?lang=`` (kept in every link and form
    the pages make), English otherwise; plans made there too, unless a form's own ``lang``
    field (the clinician's choice for the plan) says otherwise."""
    from flask import g, request

    from ..i18n import SOURCE, current, languages, name, using

    @app.before_request
    def choose_language():
        asked = str(request.args.get("lang") or "").strip().lower()
        g.hepgen_language = using(asked if asked in languages() else SOURCE)
        g.hepgen_language.__enter__()

    @app.teardown_request
    def forget_language(_error=None):
        language = g.pop("hepgen_language", None)
        if language is not None:
            language.__exit__(None, None, None)

    @app.url_defaults
    def keep_language(endpoint, values):
        if current() != SOURCE and endpoint != "static":
            values.setdefault("lang", current())

    app.jinja_env.globals.update(current_lang=current, languages=languages, language_name=name)


def create_app(libraries: Iterable[str] = (), testing: bool = False):
    """The web app. *libraries* are extra library folders, as ``--library`` gives them."""
    from io import BytesIO

    from flask import Flask, Request, request

    from ..htmlplan import add_globals, style_hash
    from ..library import load_library

    class InMemory(Request):
        def _get_file_stream(self, *args, **kwargs):
            """Uploads stay in memory (a request is at most MAX_REQUEST_BYTES): werkzeug
            would spool one over 500 KB to a temporary file on disk."""
            return BytesIO()

    class App(Flask):
        request_class = InMemory

        def log_exception(self, exc_info) -> None:
            """Flask would log the traceback, whose message may quote what a person typed;
            the 500 handler logs the route and the exception's type instead."""

    app = App(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_FORM_TEXT_BYTES,
        MAX_FORM_PARTS=400,
        TESTING=testing,
    )
    app.extensions["hepgen.library"] = load_library(tuple(libraries))
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    from jinja2 import ChoiceLoader, PackageLoader

    app.jinja_loader = ChoiceLoader([PackageLoader("generator.web", "templates"),
                                     PackageLoader("generator", "templates")])
    add_globals(app.jinja_env.globals)
    speak(app)
    from .. import request as rules

    app.jinja_env.globals["limits"] = {"name": rules.MAX_NAME, "notes": rules.MAX_NOTES,
                                       "dose": rules.MAX_DOSE, "weeks": rules.MAX_WEEKS}
    policy = ("default-src 'none'; style-src 'self' " + style_hash() + "; img-src 'self' data:; font-src 'self'; "
              "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        if request.method == "POST":  # answers and plans are nobody else's business
            response.headers["Cache-Control"] = "no-store"
        LOG.info("%s %s %s", request.method, request.url_rule.rule if request.url_rule
                 else "(no route)", response.status_code)
        return response

    from .views import register

    register(app)
    return app
