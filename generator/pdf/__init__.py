"""The printable PDF handout: ``render_pdf(plan, ...) -> bytes``.

Sections in order: cover, plan at a glance, exercise cards, weekly log sheets, safety,
education. Imported only by commands that render, so reading the library stays fast.
"""

from __future__ import annotations

from ..plan import Plan
from .cards import cards
from .cover import cover
from .document import HandoutDoc, build
from .fonts import register
from .glance import glance
from .logs import logs
from .safety import education, safety
from .styles import make_styles

PAPERS = ("a4", "letter")


def render_pdf(plan: Plan, paper: str = "a4", large_print: bool = False,
               logo: bytes | None = None) -> bytes:
    """The whole handout as PDF bytes; the same input gives the same bytes."""
    register()
    styles = make_styles(large_print)
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
