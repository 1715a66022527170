"""The plan as one self-contained, accessible web page: ``--format html`` and the web app.

The page holds the same plan as the PDF (the renderers never recompute doses): headings,
lists and tables a screen reader can walk, the figures as inline SVG with a title and a
description, the pain rule and the warning signs. No script, no outside files; the CSS is
inline, so the file can be mailed or kept on a phone, and it prints sensibly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from . import clinical
from .i18n import _, current, ngettext, pgettext, speaking
from .models import Exercise, Variant
from .plan import Plan, Week, card_numbers
from .wording import week_range

FIGURE_WIDTH = 240


@dataclass(frozen=True)
class Stretch:
    """Weeks of the plan on one variant of an exercise, with its figure."""

    variant: Variant
    weeks: str
    doses: str
    figure: str  # inline SVG markup, or "" when the variant has no figure


@dataclass(frozen=True)
class ExercisePage:
    number: int  # as on the cards, in the table and the log of the PDF (see card_numbers)
    exercise: Exercise
    stretches: tuple[Stretch, ...]
    note: str
    easier: Variant | None
    harder: Variant | None


@lru_cache(maxsize=256)
def _figure_svg(figure, title: str, lang: str) -> str:
    """The figure's SVG (its description in *lang*, the language being rendered)."""
    from .figures.export import export

    return export(figure, FIGURE_WIDTH, "svg", title).decode("utf-8")


_STYLE = re.compile(r' style="([^"]*)"')


def _attributes(match: re.Match) -> str:
    """``style="stroke: red; fill: None"`` as presentation attributes, so the page's
    Content-Security-Policy needs no inline styles."""
    out = []
    for part in match.group(1).split(";"):
        if ":" in part:
            name, value = (s.strip() for s in part.split(":", 1))
            out.append(f' {name}="{escape(value.lower() if value == "None" else value)}"')
    return "".join(out)


def inline_svg(svg: str, title: str, description: str, uid: str) -> str:
    """A standalone SVG file made fit to sit inside an HTML page: no XML prologue, ids
    unique to *uid*, a title and description a screen reader announces, and a size that
    follows the page (the viewBox keeps the proportions).

    >>> out = inline_svg('<?xml version="1.0"?><!DOCTYPE svg><svg width="240" height="148" '
    ...     'viewBox="0 0 240 148"><title>...</title><desc>...</desc><clipPath id="clip"/>'
    ...     '<g style="clip-path: url(#clip)"><path style="fill: None"/></g></svg>',
    ...     "Knee plank", "A side view", "f1")
    >>> out.startswith('<svg role="img" aria-labelledby="f1-t f1-d"')
    True
    >>> 'id="f1-clip"' in out and 'url(#f1-clip)' in out and 'fill="none"' in out
    True
    >>> "<title id=\\"f1-t\\">Knee plank</title>" in out and "style=" in out
    False
    """
    body = svg[svg.index("<svg"):]
    body = re.sub(r'^<svg[^>]*?( viewBox="[^"]*")[^>]*>',
                  lambda m: f'<svg role="img" aria-labelledby="{uid}-t {uid}-d"{m.group(1)} '
                            'class="figure" xmlns="http://www.w3.org/2000/svg">', body, count=1)
    body = re.sub(r"<title>.*?</title>", f'<title id="{uid}-t">{escape(title)}</title>', body,
                  count=1, flags=re.S)
    body = re.sub(r"<desc>.*?</desc>", f'<desc id="{uid}-d">{escape(description)}</desc>', body,
                  count=1, flags=re.S)
    body = body.replace('id="clip"', f'id="{uid}-clip"').replace("url(#clip)", f"url(#{uid}-clip)")
    body = body.replace(' id="group"', "")
    return _STYLE.sub(_attributes, body)


def figure_markup(exercise: Exercise, variant: Variant, uid: str) -> str:
    """The variant's figure as inline SVG, or "" when it has none."""
    if not variant.figure:
        return ""
    from .figures.export import describe

    title = f"{exercise.name}: {variant.name}"
    return inline_svg(_figure_svg(variant.figure, title, current()), title,
                      describe(variant.figure, variant.name), uid)


def exercise_pages(plan: Plan, prefix: str = "fig") -> list[ExercisePage]:
    """Each exercise of the plan with the stretches of weeks it spends on each variant."""
    from .pdf.cards import stages

    pages = []
    numbers = card_numbers(plan)
    for exercise in sorted(plan.exercises, key=lambda e: numbers[e.id]):
        number = numbers[exercise.id]
        used = stages(plan, exercise)
        if not used:
            continue
        stretches = tuple(
            Stretch(s.variant, week_range(s.first, s.last, heading=True),
                    s.start_dose if s.start_dose == s.end_dose
                    else _("{dose}, rising to {end}").format(dose=s.start_dose, end=s.end_dose),
                    figure_markup(exercise, s.variant, f"{prefix}-{number}-{i}"))
            for i, s in enumerate(used))
        rungs = [exercise.variants.index(s.variant) for s in used]
        low, high = min(rungs), max(rungs)
        pages.append(ExercisePage(
            number, exercise, stretches, plan.exercise_notes.get(exercise.id, ""),
            exercise.variants[low - 1] if low > 0 else None,
            exercise.variants[high + 1] if high < len(exercise.variants) - 1 else None))
    return pages


def phases(plan: Plan) -> list[tuple[str, list[Week]]]:
    """The plan's weeks grouped by phase, in order: [(heading, weeks), ...]."""
    groups: list[tuple[str, list[Week]]] = []
    for week in plan.weeks:
        if not groups or groups[-1][1][0].phase != week.phase:
            groups.append((week.phase, []))
        groups[-1][1].append(week)
    return [(f"{week_range(ws[0].week, ws[-1].week, heading=True)}: {name}"
             + (f" · {ws[0].focus}" if ws[0].focus else ""), ws) for name, ws in groups]


def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("generator", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    add_globals(env.globals)
    return env


def add_globals(names: dict) -> None:
    """What the plan templates use, for this module's environment and the web app's."""
    from .wording import day, level, weekday, weekday_name, weeks_shown

    names.update(clinical=clinical, day=day, exercise_pages=exercise_pages, phases=phases,
                 Markup=_markup, _=_, ngettext=ngettext, pgettext=pgettext, level=level, weekday=weekday,
                 weekday_name=weekday_name, weeks_shown=weeks_shown, strong=strong)


def strong(text: str, **values):
    """*text* (a translated sentence) with each of *values* put in as bold markup, all of
    it escaped: 'Home exercise plan for <strong>Ann</strong>'."""
    from markupsafe import Markup, escape

    return Markup(escape(text)).format(
        **{name: Markup("<strong>{}</strong>").format(value) for name, value in values.items()})


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)


@lru_cache(maxsize=1)
def _template():
    return _environment().get_template("plan.html")


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The page's CSS (also served by the web app as /static/plan.css)."""
    from importlib.resources import files

    return files("generator").joinpath("templates", "plan.css").read_text("utf-8")


def style_hash() -> str:
    """The CSP source that allows this page's inline stylesheet and nothing else."""
    import base64

    digest = hashlib.sha256(stylesheet().encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@speaking
def render_html(plan: Plan, large_print: bool = False) -> bytes:
    """The whole plan as one HTML page (UTF-8 bytes), in the plan's language."""
    return _template().render(plan=plan, large_print=large_print, lang=plan.lang,
                              css=_markup(stylesheet())).encode("utf-8")
