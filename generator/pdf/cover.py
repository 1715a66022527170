"""The cover: who the plan is for, when it runs, how to use it, and the pain rule."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Spacer

from .. import clinical
from ..errors import HepgenError
from ..growth import what_grows
from ..i18n import _
from ..plan import Plan
from ..wording import day, level, week_range
from .common import bullets, keep_numbers, pain_rule_box
from .flowables import grid, heading, para
from .styles import RULE, TINT, WARN, WARN_TINT, Styles


def logo_image(data: bytes, max_w: float, max_h: float) -> Image:
    try:
        reader = ImageReader(BytesIO(data))
        w, h = reader.getSize()
    except Exception:  # reportlab and Pillow raise many kinds for bad images
        raise HepgenError("cannot read the logo image; give a PNG or JPEG file") from None
    scale = min(max_w / w, max_h / h)
    return Image(BytesIO(data), width=w * scale, height=h * scale, hAlign="LEFT")


def _sessions(plan: Plan) -> str:
    first, last = plan.weeks[0].sessions, plan.weeks[-1].sessions
    text = (_("{n} a week").format(n=first) if first == last else
            _("{first} a week, rising to {last}").format(first=first, last=last))
    low = min(w.minutes for w in plan.weeks)
    high = max(w.minutes for w in plan.weeks)
    return (_("{sessions}, about {minutes} minutes each").format(sessions=text, minutes=low)
            if low == high else
            _("{sessions}, about {low} to {high} minutes each").format(sessions=text, low=low,
                                                                       high=high))


def _exercises(plan: Plan) -> str:
    """'From week 1: cat-cow stretch, bird dog. From week 3: plank.'"""
    starts: dict[int, list[str]] = {}
    for exercise in plan.exercises:
        week = next(w.week for w in plan.weeks if any(p.exercise == exercise.id for p in w.exercises))
        starts.setdefault(week, []).append(exercise.name.lower())
    if len(starts) == 1:
        return ", ".join(next(iter(starts.values()))).capitalize() + "."
    return " ".join(_("From week {week}: {names}.").format(week=week, names=", ".join(names))
                    for week, names in sorted(starts.items()))


def cover(plan: Plan, styles: Styles, width: float, logo: bytes | None,
          pain_rule: bool = True) -> list:
    """The cover; *pain_rule* False when the pain rule is printed on the safety page."""
    story: list = []
    if logo:
        story += [logo_image(logo, styles.size(170), styles.size(60)), Spacer(1, styles.size(10))]
    story.append(heading(plan.program_title, styles["title"], 0, _("Cover")))
    total = plan.total_weeks or len(plan.weeks)
    subtitle = (_("Your {total}-week home exercise plan").format(total=total)
                if plan.first_week == 1 else
                _("{weeks} of your {total}-week home exercise plan").format(
                    weeks=week_range(plan.first_week, plan.weeks[-1].week, heading=True),
                    total=total))
    story.append(para(_("{subtitle}, {level} level").format(subtitle=subtitle,
                                                            level=level(plan.level)),
                      styles["subtitle"]))

    rows = []  # (label, text, its style)
    if plan.patient:
        rows.append((_("For"), plan.patient, "body"))
    if plan.clinician:
        rows.append((_("Clinician"), plan.clinician, "body"))
    if plan.clinic:
        rows.append((_("Clinic"), plan.clinic, "body"))
    if plan.contact:
        rows.append((_("Contact"), keep_numbers(plan.contact), "label"))
    rows += [(_("Dates"), _("{start} to {end}").format(start=day(plan.start), end=day(plan.end)),
              "body"),
             (_("Sessions"), _sessions(plan), "body"),
             (_("Exercises"), _exercises(plan), "body"),
             (_("Week by week"), " ".join(what_grows(plan, starts=False)), "body")]
    label_w = styles.size(80)
    cells = [[para(k, styles["label"]), para(v, styles[style])] for k, v, style in rows]
    info = grid(cells, [label_w, width - label_w], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ], hAlign="LEFT")
    story += [info, Spacer(1, styles.size(8))]

    if plan.notes:
        cells = [[para(_("Notes from your clinician"), styles["label"])],
                 [para(plan.notes, styles["body"])]]
        note = grid(cells, [width], [
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
            ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(8)),
            ("TOPPADDING", (0, 0), (0, 0), styles.size(6)),
            ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(6)),
        ])
        story += [note, Spacer(1, styles.size(8))]

    if plan.cautions:
        cells = [[para(_("Take care"), styles["warn_title"])]] + [[b] for b in bullets(plan.cautions, styles)]
        story += [grid(cells, [width], [
            ("BACKGROUND", (0, 0), (-1, -1), WARN_TINT),
            ("LINEBEFORE", (0, 0), (0, -1), 3, WARN),
            ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (0, 0), styles.size(5)),
            ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(5)),
        ]), Spacer(1, styles.size(8))]

    story.append(KeepTogether([para(_("How to use this plan"), styles["h2"])]
                              + bullets([_(item) for item in clinical.HOW_TO_USE], styles,
                                        numbered=True, style="step")))
    if pain_rule:
        story += [Spacer(1, styles.size(6)), KeepTogether([pain_rule_box(styles, width)])]
    return story
