"""The one-page summary, for the fridge: every exercise's figure with its dose week by week
in a strip, the pain rule and the emergency signs."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer, Table

from .. import clinical
from ..plan import Plan
from .common import SIGNALS, WEIGHTS, PAIN_TINTS, bullets, nobreak
from .flowables import FigureFrame, esc, grid, heading, para
from .styles import INK, RULE, WARN, WARN_TINT, Styles


def segments(plan: Plan, exercise_id: str) -> list[tuple[int, int, str, str]]:
    """(first week, last week, dose, variant name) for each run of weeks with one dose."""
    runs: list[tuple[int, int, str, str]] = []
    for week in plan.weeks:
        p = next((p for p in week.exercises if p.exercise == exercise_id), None)
        if p is None:
            continue
        dose = p.short() + ("\nlighter" if week.deload else "")
        if runs and runs[-1][2] == dose and runs[-1][3] == p.variant_name \
                and runs[-1][1] == week.week - 1:
            runs[-1] = (runs[-1][0], week.week, dose, p.variant_name)
        else:
            runs.append((week.week, week.week, dose, p.variant_name))
    return runs


def _strip(plan: Plan, exercise_id: str, styles: Styles, width: float) -> Table:
    cells = []
    variant = None
    for first, last, dose, name in segments(plan, exercise_id):
        weeks = f"Wk {first}" if first == last else f"Wk {first}–{last}"
        text = f"<b>{weeks}</b><br/>" + "<br/>".join(esc(nobreak(line)) for line in dose.split("\n"))
        if name != variant and variant is not None:
            text += f"<br/><i>{esc(name)}</i>"
        variant = name
        cells.append(Paragraph(text, styles["cell"]))
    per_row = max(1, min(len(cells), int(width // styles.size(48))))
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows = [row + [""] * (per_row - len(row)) for row in rows]
    return grid(rows, [width / per_row] * per_row, [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(2)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(1.5)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2)),
    ])


def _rule(styles: Styles, width: float) -> Table:
    rows = [[Paragraph(f"<b>{signal}</b> {esc(zone)}", styles["cell"]), para(text, styles["cell"])]
            for signal, (zone, text) in zip(SIGNALS, clinical.PAIN_RULE)]
    label_w = styles.size(92)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 1, INK),
                ("TOPPADDING", (0, 0), (-1, -1), styles.size(2)),
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2.5))]
    for i, (tint, weight) in enumerate(zip(PAIN_TINTS, WEIGHTS)):
        commands += [("BACKGROUND", (0, i), (-1, i), tint),
                     ("LINEBEFORE", (0, i), (0, i), weight, INK),
                     ("LINEABOVE", (0, i), (-1, i), 0.5, INK)]
    return grid(rows, [label_w, width - label_w], commands)


def summary(plan: Plan, styles: Styles, width: float, height: float) -> list:
    """One page: the exercises with figures and doses, the pain rule, the emergency signs."""
    who = f" for {plan.patient}" if plan.patient else ""
    story: list = [heading(f"{plan.program_title}: your plan on one page", styles["h2"], 0,
                           "Summary"),
                   para(f"{len(plan.weeks)} weeks{who}. The dose for each week is in the strip "
                        "beside each exercise.", styles["cell"]), Spacer(1, styles.size(3))]
    figure_w = styles.size(72)
    text_w = width - figure_w - styles.size(8)
    rows, commands = [], [("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (0, -1), styles.size(8)),
                          ("TOPPADDING", (0, 0), (-1, -1), styles.size(3)),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(3))]
    for number, exercise in enumerate(plan.exercises, 1):
        first = next(p for w in plan.weeks for p in w.exercises if p.exercise == exercise.id)
        variant = exercise.variants[first.rung]
        picture = FigureFrame(figure_w, figure_w * 0.6, variant.name, styles, variant.figure)
        rows.append([picture, [Paragraph(f"<b>{number}. {esc(variant.name)}</b> · "
                                         f"{esc(exercise.name)}", styles["cell"]),
                               Spacer(1, styles.size(2)),
                               _strip(plan, exercise.id, styles, text_w)]])
    story.append(grid(rows, [figure_w + styles.size(8), text_w], commands))
    story += [Spacer(1, styles.size(5)), para(clinical.PAIN_RULE_TITLE, styles["label"]),
              _rule(styles, width), Spacer(1, styles.size(5))]
    signs = [[Paragraph(f"<b>EMERGENCY</b> · {esc(clinical.EMERGENCY_TITLE)}",
                        styles["cell_bold"])]]
    signs += [[b] for b in bullets(clinical.EMERGENCY, styles, style="cell_bullet")]
    if plan.contact:
        signs.append([Paragraph(f"<b>Your clinic:</b> {esc(plan.contact)}", styles["cell"])])
    story.append(grid(signs, [width], [
        ("BOX", (0, 0), (-1, -1), 2, WARN, None, None, None, 2, 2),
        ("BACKGROUND", (0, 0), (-1, -1), WARN_TINT),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(1)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(1)),
        ("TOPPADDING", (0, 0), (0, 0), styles.size(4)),
        ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(4)),
    ]))
    return story

