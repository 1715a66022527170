"""The printable PDF handout: ``render_pdf(plan, ...) -> bytes``.

Sections in order: cover, plan at a glance, (summary), exercise cards, log sheets, safety,
education; ``RenderOptions.sections`` chooses which (safety always), ``summary`` prints only
the one-page summary. Imported only by commands that render, so reading the library stays fast.
"""

from __future__ import annotations

from reportlab.platypus import PageBreak

from ..errors import HepgenError
from ..i18n import _, speaking
from ..options import ALL_SECTIONS, ALWAYS, RenderOptions
from ..plan import Plan
from .cards import card_heights, card_parts, cards, cards_heading, packed
from .cover import cover
from .document import HandoutDoc, build, room_left
from .flowables import stacked_height
from .fonts import missing_glyphs, register
from .glance import glance
from .logs import logs
from .safety import education, safety
from .styles import make_styles
from .summary import summary


def _check_printable(plan: Plan) -> None:
    """Refuse text the embedded font cannot print, rather than print empty boxes."""
    texts = [("patient name", "patient", plan.patient),
             ("clinician name", "clinician", plan.clinician),
             ("clinic name", "clinic", plan.clinic), ("clinic contact", "contact", plan.contact),
             ("notes", "notes", plan.notes)]
    texts += [(f"note for {name}", f"exercises.{name}.note", note)
              for name, note in plan.exercise_notes.items()]
    for label, field, text in texts:
        missing = missing_glyphs(text)
        if missing:
            raise HepgenError(
                f"the {label} has characters the handout's font cannot print "
                f"({''.join(missing[:8])}); write it with Latin letters", field=field)


FLOWING = ("glance", "cards", "logs", "safety", "education")
"""Sections that go on from where the one before ended, rather than on a new page: each
opens with its heading kept together with its first block, so a heading never ends a page."""


def room_after(flowables: list, width: float, height: float) -> float:
    """Roughly the height left on the last page after *flowables* (0 if none)."""
    if not flowables:
        return 0.0
    return max(0.0, height - stacked_height(flowables, width) % height)


def story_for(plan: Plan, options: RenderOptions, styles, width: float, height: float) -> list:
    """The flowables of the sections asked for, in their fixed order. Safety is always
    there; the pain rule is printed in full once, at the front (on the cover), or on the safety
    page when the cover is left out. Sections after the cover run on under the one before."""
    if options.summary:
        return summary(plan, styles, width, height)
    chosen = [name for name in ALL_SECTIONS if name in set(options.sections) | {ALWAYS}]
    on_cover = "cover" in chosen
    rule_at = _("at the front") if on_cover else _("on the safety page")
    parts, order = None, ()
    makers = {
        "cover": lambda: cover(plan, styles, width, options.logo),
        "glance": lambda: glance(plan, styles, width),
        "summary": lambda: summary(plan, styles, width, height),
        "cards": lambda: cards(plan, styles, width, height, rule_at, parts, order),
        "logs": lambda: logs(plan, styles, width, rule_at),
        "safety": lambda: safety(styles, width, plan.contact, pain_rule=not on_cover),
        "education": lambda: education(plan, styles),
    }

    made: dict[str, list] = {}  # the sections after the cards, made once: measured, then used

    def join(names) -> list:
        story: list = []
        for name in names:
            part = made[name] if name in made else makers[name]()
            if part and story and name not in FLOWING:
                story.append(PageBreak())
            story += part
        return story

    if "cards" not in chosen:
        return join(chosen)
    at = chosen.index("cards")
    parts = card_parts(plan, styles, width)
    opening = cards_heading(styles, rule_at)
    head = height - room_after(opening, width, height)
    # the cards are placed to fill the room the sections before them leave (measured by a
    # dry run), then whole pages; their numbers stay the program's. Where the heading opens
    # a page, its space before is dropped.
    room = room_left(join(chosen[:at]), options.paper, styles)
    layout = (plan, card_heights(plan, styles, width, height, parts), styles, height,
              max(0.0, room - head), head - opening[0].getSpaceBefore())
    best = packed(*layout)
    order = best.order
    after = chosen[at + 1:]
    if after:  # the cards in their numbers' order instead, where that costs no page and
        # leaves no card page less than half full
        in_order = packed(*layout, ordered=True)
        if in_order.order != order and in_order.thinnest >= 0.5:
            made.update((name, makers[name]()) for name in after)
            if no_page_lost([f for name in after for f in made[name]], best.room,
                            in_order.room, width, height):
                order = in_order.order
    return join(chosen)


NO_PAGE_MARGIN = 0.15
"""How much of a page must stay free on the last page, by the estimate, before the cards'
number order is taken at the cost of room under the last card (keeping headings with their
text and boxes whole wastes some room the estimate does not see)."""


def no_page_lost(tail: list, room: float, less: float, width: float, height: float) -> bool:
    """Whether the sections *tail* after the cards end on the same page, with room to spare,
    when *less* room than *room* is left under the last card. A section that must start a
    page unless its opening fits (a CondPageBreak) gets no room at all below less than it."""
    from math import ceil

    from reportlab.platypus import CondPageBreak

    total = stacked_height(tail, width)
    need = tail[0].height if tail and isinstance(tail[0], CondPageBreak) else 0.0

    def beyond(free: float) -> float:  # the tail's height past the last card's page
        return max(0.0, total - (free if free >= need else 0.0))

    pages, fewer = ceil(beyond(room) / height), ceil(beyond(less) / height)
    return fewer == pages and beyond(less) <= (pages - NO_PAGE_MARGIN) * height


@speaking
def render_pdf(plan: Plan, options: RenderOptions | None = None, **choices) -> bytes:
    """The whole handout as PDF bytes; the same input gives the same bytes.

    *options* says how it looks; ``render_pdf(plan, paper="letter", large_print=True,
    logo=png_bytes)`` still works and means the same as passing those as RenderOptions.
    """
    options = options or RenderOptions(**choices)
    paper = options.paper
    register()
    _check_printable(plan)
    styles = make_styles(options.large_print)
    frame = HandoutDoc(None, paper, styles)  # only measured: the frame every page offers
    story = story_for(plan, options, styles, frame.width, frame.height)
    footer = (plan.program_title, plan.patient)  # title · name, the name kept whole
    return build(
        story, paper, styles, footer,
        title=(_("{title}: home exercise plan for {name}").format(title=plan.program_title,
                                                                   name=plan.patient)
               if plan.patient else
               _("{title}: home exercise plan for you").format(title=plan.program_title)),
        author=plan.clinician or plan.clinic or "hepgen",
        subject=_("{weeks}-week home exercise plan from {start}").format(
            weeks=len(plan.weeks), start=plan.start.isoformat()),
        keywords=_("home exercise plan, back pain"),
    )
