"""The one-page summary, for the fridge: every exercise's figure with its dose week by week
in a strip, the pain rule and the emergency signs."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer, Table

from .. import clinical
from ..i18n import _, ngettext, pgettext
from ..plan import Plan, card_numbers
from .common import (BUTT, EMERGENCY_LINE, PAIN_TINTS, SIGNALS, WEIGHTS, bullets, keep_numbers,
                     nobreak, set_in)
from .flowables import Columns, FigureFrame, bold, esc, grid, heading, para
from .styles import INK, RULE, SUMMARY, WARN, WARN_TINT, Styles, make_styles


def segments(plan: Plan, exercise_id: str) -> list[tuple[int, int, str, str]]:
    """(first week, last week, dose, variant name) for each run of weeks with one dose."""
    runs: list[tuple[int, int, str, str]] = []
    for week in plan.weeks:
        p = next((p for p in week.exercises if p.exercise == exercise_id), None)
        if p is None:
            continue
        dose = p.short() + ("\n" + pgettext("week", "lighter") if week.deload else "")
        if runs and runs[-1][2] == dose and runs[-1][3] == p.variant_name \
                and runs[-1][1] == week.week - 1:
            runs[-1] = (runs[-1][0], week.week, dose, p.variant_name)
        else:
            runs.append((week.week, week.week, dose, p.variant_name))
    return runs


def stretches(plan: Plan, exercise) -> list[tuple[int, int, str, str]]:
    """Coarser than :func:`segments`, for long plans: a run per variant, from its first
    dose to its last (lighter weeks are in the table at a glance)."""
    from .cards import stages

    return [(s.first, s.last, s.start_dose if s.start_dose == s.end_dose
             else s.start_dose + UP_TO() + s.end_dose, s.variant.name)
            for s in stages(plan, exercise)]


def UP_TO() -> str:
    """Between a first and a last dose: ' up to ' (its spaces included)."""
    # Translators: between two doses, '3 × 10 s up to 5 × 20 s'; keep the spaces.
    return _(" up to ")


def _weeks(first: int, last: int) -> str:
    """'Wk 3' or 'Wk 1–6', as markup."""
    return esc(_("Wk {week}").format(week=first) if first == last else
               _("Wk {first}–{last}").format(first=first, last=last))


def _dose(line: str) -> str:
    """A dose as markup, each dose of '10 × 3 s up to 12 × 3 s' kept on one line."""
    return esc(UP_TO()).join(esc(nobreak(part)) for part in line.split(UP_TO()))


def _strip(runs: list, styles: Styles, width: float, inline: bool = False) -> Table:
    """The runs as a strip of cells; *inline* puts the weeks on the dose's line."""
    cells = []
    variant = None
    for first, last, dose, name in runs:
        text = f"<b>{_weeks(first, last)}</b>" + (" " if inline else "<br/>") + "<br/>".join(
            _dose(line) for line in dose.split("\n"))
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


def _run_on(runs: list) -> str:
    """The runs as one line of text: 'Wk 1–6 10 × 3 s up to 12 × 3 s; Wk 7–8 ...'."""
    parts, variant = [], None
    for first, last, dose, name in runs:
        text = f"<b>{nobreak(_weeks(first, last))}</b> "
        if name != variant and variant is not None:  # a harder version: its name first
            text += f"<i>{esc(name)}</i>: "
        text += _dose(dose.replace("\n", " "))
        variant = name
        parts.append(text)
    return "; ".join(parts)


def _rule(styles: Styles, width: float) -> Table:
    """The pain rule's zones, a row each with the zone in bold at its start."""
    rows = [[Paragraph(f"<b>{esc(_(signal))} {esc(_(zone))}:</b> {esc(_(text))}", styles["cell"])]
            for signal, (zone, text) in zip(SIGNALS, clinical.PAIN_RULE)]
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 1, INK),
                ("TOPPADDING", (0, 0), (-1, -1), styles.size(2)),
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2.5))]
    for i, (tint, weight) in enumerate(zip(PAIN_TINTS, WEIGHTS)):
        commands += [("BACKGROUND", (0, i), (-1, i), tint),
                     ("LINEBEFORE", (0, i), (0, i), weight, INK, BUTT),
                     ("LINEABOVE", (0, i), (-1, i), 0.5, INK)]
    return grid(rows, [width], commands)


def summary(plan: Plan, styles: Styles, width: float, height: float) -> list:
    """One page: the exercises with figures and doses, the pain rule, the emergency signs.
    A plan too long for a strip of every week's dose gets a strip per variant instead; in
    standard print each layout is tried in larger type first (12 pt, then 11)."""
    # 12 pt tables, else 11 pt (a Spanish summary fell back to 10 pt with 45 mm to spare)
    larger = [make_styles(False, scale) for scale in (SUMMARY, (SUMMARY + 1) / 2)
              if styles.scale < scale]
    for coarse, side, inline in ((False, False, False), (True, False, False),
                                 (True, True, False), (True, True, True)):
        for each in larger + [styles]:
            story = _summary(plan, each, width, coarse, side, inline)
            if sum(f.wrap(width, height)[1] + f.getSpaceAfter() for f in story) <= height:
                return story
    return story


def _summary(plan: Plan, styles: Styles, width: float, coarse: bool, side: bool,
             inline: bool = False) -> list:
    """The summary; *coarse* for a strip per variant, *side* for the pain rule and the
    emergency signs side by side (large print), *inline* for each exercise's doses on the
    lines after its name rather than in a strip of boxes (large print in Spanish, or with
    a contact line on Letter)."""
    weeks = ngettext("{n} week", "{n} weeks", len(plan.weeks)).format(n=len(plan.weeks))
    if plan.patient:
        weeks = _("{weeks} for {name}").format(weeks=weeks, name=plan.patient)
    intro = esc(f"{weeks}." + ("" if inline else " " + (  # inline: the doses need no key
        _("Each strip gives the doses as they change over the weeks.") if coarse
        else _("The dose for each week is in the strip beside each exercise."))))
    story: list = [heading(_("{title}: your plan on one page").format(title=plan.program_title),
                           styles["h2"], 0, _("Summary")), Paragraph(intro, styles["cell"])]
    if plan.contact:  # at the top, apart from the emergency signs: not a number for those
        story.append(Paragraph(f"{bold(_('Your clinic:'))} {esc(keep_numbers(plan.contact))}",
                               styles["cell"]))
    story.append(Spacer(1, styles.size(3)))
    figure_w = styles.size(44 if inline else 56 if side else 72)  # a row is as tall as it
    text_w = width - figure_w - styles.size(8)
    rows, commands = [], [("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (0, -1), styles.size(8)),
                          ("TOPPADDING", (0, 0), (-1, -1), styles.size(3)),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(3))]
    numbers = card_numbers(plan)
    for exercise in sorted(plan.exercises, key=lambda e: numbers[e.id]):
        number = numbers[exercise.id]
        first = next(p for w in plan.weeks for p in w.exercises if p.exercise == exercise.id)
        variant = exercise.variants[first.rung]
        picture = FigureFrame(figure_w, figure_w * 0.6, variant.name, styles, variant.figure)
        name = f"<b>{number}. {esc(variant.name)}</b>" + ("" if inline else  # the card has it
                                                          f" · {esc(exercise.name)}")
        runs = stretches(plan, exercise) if coarse else segments(plan, exercise.id)
        rows.append([picture, [Paragraph(name + "<br/>" + _run_on(runs), styles["cell"])]
                     if inline else
                     [Paragraph(name, styles["cell"]), Spacer(1, styles.size(2)),
                      _strip(runs, styles, text_w, inline=coarse)]])
    story.append(grid(rows, [figure_w + styles.size(8), text_w], commands))
    gap = styles.size(10)
    half = (width - gap) / 2 if side else width
    rule = [para(_(clinical.PAIN_RULE_TITLE), styles["label"]), _rule(styles, half)]
    signs = [[Paragraph(bold(_("EMERGENCY")) + " · " + esc(_(clinical.EMERGENCY_TITLE)),
                        styles["cell_bold"])]]
    signs += [[b] for b in bullets([_(x) for x in clinical.EMERGENCY], styles,
                                   style="cell_bullet")]
    # what to do about them, inside the box (the clinic is at the top: not for emergencies)
    signs.append([Paragraph(bold(esc(_("Or call your emergency number. Do not wait to see if "
                                       "it gets better."))), styles["cell"])])
    box = set_in(lambda inner: grid(signs, [inner], [
        ("BOX", (0, 0), (-1, -1), *EMERGENCY_LINE),
        ("BACKGROUND", (0, 0), (-1, -1), WARN_TINT),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(1)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(1)),
        ("TOPPADDING", (0, 0), (0, 0), styles.size(4)),
        ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(4)),
    ]), half)
    story.append(Spacer(1, styles.size(4)))
    if side:
        story.append(Columns(rule, [box], half, gap))
    else:
        story += rule + [Spacer(1, styles.size(5)), box]
    return story

