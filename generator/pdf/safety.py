"""The safety page (always present) and the program's education pages."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from .. import clinical
from ..i18n import _
from ..plan import Plan
from .common import EMERGENCY_LINE, bullets, keep_numbers, pain_rule_box, set_in
from .flowables import Balanced, Card, bold, esc, grid, heading, para
from .styles import ACCENT, INK, WARN, WARN_TINT, Styles


def _box(title: str, items, styles: Styles, width: float, title_style: str, colour, fill,
         border: tuple) -> Table:
    """A box of warning signs, the list read down two columns to keep it short."""
    rows = [[Paragraph(title, styles[title_style])],
            [Balanced(bullets(items, styles), styles.size(14))]]
    return grid(rows, [width], [
        ("BOX", (0, 0), (-1, -1), *border),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(10)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(10)),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, 0), styles.size(6)),
        ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(6)),
    ])


SOON_BORDER = (1.2, ACCENT, None, (4, 3))
"""A thin dashed line for 'see a doctor soon'."""


def contact_box(contact: str, styles: Styles, width: float) -> Table:
    return grid([[Paragraph(bold(_("Your clinic:")) + f" {esc(keep_numbers(contact))}",
                            styles["body"])]],
                [width], [
        ("BOX", (0, 0), (-1, -1), 1, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(10)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(4)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(5)),
    ])


def safety(styles: Styles, width: float, contact: str = "", pain_rule: bool = False) -> list:
    """When to get help: the emergency signs, when to see a doctor soon, the clinic's contact;
    the pain rule too when the cover (its usual place) is left out."""
    gap = Spacer(1, styles.size(8))
    # the section may start under the log: its heading, the emergency signs and what to do
    # about them stay together, and no box is split over two pages
    story = [
        KeepTogether([
            heading(_("When to get help"), styles["h1"], 0),
            para(_("Exercise is safe for most back pain. These warning signs are rare, but "
                   "they need a doctor quickly. Keep them where you can find them."),
                 styles["body"]),
            gap,
            Card([set_in(lambda inner: _box(
                      esc(_("EMERGENCY")) + " · " + esc(_(clinical.EMERGENCY_TITLE)),
                      [_(x) for x in clinical.EMERGENCY],
                      styles, inner, "warn_title", WARN, WARN_TINT, EMERGENCY_LINE), width),
                  Spacer(1, styles.size(3)),
                  para(_("Or call your emergency number. Do not wait to see if it gets "
                         "better."), styles["label"])], styles, framed=False)]),
        gap,
        # whom to call goes with the signs to see a doctor soon, on the same page
        KeepTogether([_box(esc(_("SOON")) + " · " + esc(_(clinical.SEE_DOCTOR_TITLE)),
                           [_(x) for x in clinical.SEE_DOCTOR],
                           styles, width, "box_title", ACCENT, colors.white, SOON_BORDER)]
                     + ([Spacer(1, styles.size(4)), contact_box(contact, styles, width)]
                        if contact else [])),
        Spacer(1, styles.size(4)),
        Card([para(_(clinical.SEEK_HELP_TITLE), styles["h3"]),
              Balanced(bullets([_(x) for x in clinical.SEEK_HELP], styles), styles.size(14))],
             styles, framed=False),
    ]
    if pain_rule:
        story += [gap, Card([pain_rule_box(styles, width)], styles, framed=False)]
    return story


def education(plan: Plan, styles: Styles) -> list:
    if not plan.education:
        return []
    story: list = []
    for section in plan.education:
        block = [para(section.intro, styles["body"])] if section.intro else []
        block += bullets(section.points, styles)
        # the heading (its own flowable: it makes the bookmark) keeps with its first two
        # paragraphs; the rest flows on to the next page rather than leave half a page blank
        opening = [heading(section.title, styles["h2"], 1)] + block[:KEEP_WITH_HEADING]
        if not story:  # the section's own heading goes with the first part's opening
            opening.insert(0, heading(_("Looking after your back"), styles["h1"], 0))
        if story:  # a little room between two sections (none after the last: no blank page)
            story.append(Spacer(1, styles.size(4)))
        story += [KeepTogether(opening)] + block[KEEP_WITH_HEADING:]
    return story


KEEP_WITH_HEADING = 2
"""Paragraphs an education heading keeps with it, so it never ends a page over one line."""
