"""The printable PDF handout: ``render_pdf(plan, ...) -> bytes``.

Sections in order: cover, plan at a glance, exercise cards, weekly log sheets, safety,
education. Imported only by commands that render, so reading the library stays fast.
"""

from __future__ import annotations

from ..errors import HepgenError
from ..options import RenderOptions
from ..plan import Plan
from .cards import cards
from .cover import cover
from .document import HandoutDoc, build
from .fonts import missing_glyphs, register
from .glance import glance
from .logs import logs
from .safety import education, safety
from .styles import make_styles


def _check_printable(plan: Plan) -> None:
    """Refuse text the embedded font cannot print, rather than print empty boxes."""
    texts = [("patient name", plan.patient), ("clinician name", plan.clinician),
             ("clinic name", plan.clinic), ("notes", plan.notes)]
    texts += [(f"note for {name}", note) for name, note in plan.exercise_notes.items()]
    for label, text in texts:
        missing = missing_glyphs(text)
        if missing:
            raise HepgenError(
                f"the {label} has characters the handout's font cannot print "
                f"({''.join(missing[:8])}); write it with Latin letters")


def render_pdf(plan: Plan, options: RenderOptions | None = None, **choices) -> bytes:
    """The whole handout as PDF bytes; the same input gives the same bytes.

    *options* says how it looks; ``render_pdf(plan, paper="letter", large_print=True,
    logo=png_bytes)`` still works and means the same as passing those as RenderOptions.
    """
    options = options or RenderOptions(**choices)
    paper, logo = options.paper, options.logo
    register()
    _check_printable(plan)
    styles = make_styles(options.large_print)
    frame = HandoutDoc(None, paper, styles)  # only measured: the frame every page offers
    width, height = frame.width, frame.height
    story = (cover(plan, styles, width, logo) + glance(plan, styles, width)
             + cards(plan, styles, width, height) + logs(plan, styles, width)
             + safety(styles, width) + education(plan, styles))
    footer = f"{plan.program_title} · {plan.patient}" if plan.patient else plan.program_title
    return build(
        story, paper, styles, footer,
        title=f"{plan.program_title}: home exercise plan for {plan.patient or 'you'}",
        author=plan.clinician or plan.clinic or "hepgen",
        subject=f"{len(plan.weeks)}-week home exercise plan from {plan.start.isoformat()}",
        keywords="home exercise plan, back pain",
    )
