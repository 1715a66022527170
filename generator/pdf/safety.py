"""The safety page (always present) and the program's education pages."""

from __future__ import annotations

from reportlab.platypus import PageBreak, Spacer, Table

from .. import clinical
from ..plan import Plan
from .common import bullets, pain_rule_box
from .flowables import Card, grid, heading, para
from .styles import ACCENT, TINT, WARN, WARN_TINT, Styles


def _box(title: str, items, styles: Styles, width: float, title_style: str, colour, fill) -> Table:
    rows = [[para(title, styles[title_style])]] + [[b] for b in bullets(items, styles)]
    box = grid(rows, [width], [
        ("BOX", (0, 0), (-1, -1), 2, colour),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(10)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(10)),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, 0), styles.size(8)),
        ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(8)),
    ])
    return box


def safety(styles: Styles, width: float) -> list:
    gap = Spacer(1, styles.size(12))
    return [
        heading("When to get help", styles["h1"], 0),
        para("Exercise is safe for most back pain. These warning signs are rare, but they need "
             "a doctor quickly. Keep this page where you can find it.", styles["body"]),
        gap,
        _box(clinical.EMERGENCY_TITLE, clinical.EMERGENCY, styles, width, "warn_title", WARN,
             WARN_TINT),
        Spacer(1, styles.size(4)),
        para("Or call your emergency number. Do not wait to see if it gets better.",
             styles["label"]),
        gap,
        _box(clinical.SEE_DOCTOR_TITLE, clinical.SEE_DOCTOR, styles, width, "box_title", ACCENT,
             TINT),
        gap,
        Card([para(clinical.SEEK_HELP_TITLE, styles["h3"])] + bullets(clinical.SEEK_HELP, styles),
             styles, framed=False),
        gap,
        Card([pain_rule_box(styles, width)], styles, framed=False),
        PageBreak(),
    ]


def education(plan: Plan, styles: Styles) -> list:
    if not plan.education:
        return []
    story: list = [heading("Looking after your back", styles["h1"], 0)]
    for section in plan.education:
        block = [para(section.intro, styles["body"])] if section.intro else []
        block += bullets(section.points, styles)
        # the heading stays its own flowable (it makes the bookmark) and keeps with its text
        story += [heading(section.title, styles["h2"], 1),
                  Card(block, styles, framed=False, gap=0), Spacer(1, styles.size(4))]
    return story
