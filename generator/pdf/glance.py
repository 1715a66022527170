"""Plan at a glance: a weeks x exercises table of doses, and a chart of the load."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from ..growth import dose_notes
from ..plan import Change, Plan
from .common import nobreak, span
from .flowables import FigureFrame, LoadChart, esc, grid, heading, para
from .styles import ACCENT, RULE, TINT, Styles

NEW = (Change.START, Change.NEXT_VARIANT, Change.EASIER_VARIANT)


def _dose_cell(p, figures: dict, width: float, styles: Styles):
    if p.change not in NEW:  # most cells: a plain string, far cheaper than a paragraph
        return p.short() if stringWidth(p.short(), *_font(styles)) <= width else \
            p.short().replace(" / ", "\n/ ")
    cell = []
    if figures.get(p.variant):
        cell.append(FigureFrame(width, width * 0.55, p.variant_name, styles, figures[p.variant],
                                border=False))
    cell.append(para(p.variant_name, styles["cell_bold"]))
    cell.append(para(nobreak(p.short()), styles["cell"]))
    return cell


def _font(styles: Styles) -> tuple[str, float]:
    return styles["cell"].fontName, styles["cell"].fontSize


def glance(plan: Plan, styles: Styles, width: float) -> list:
    story: list = [heading("Your plan at a glance", styles["h1"], 0),
                   para(plan.program_summary, styles["body"])]
    names = [e.id for e in plan.exercises]
    header = [para("Week", styles["cell_head"]), para("Sessions", styles["cell_head"])]
    header += [para(e.name, styles["cell_head"]) for e in plan.exercises]
    rows = [header]
    commands = [
        ("FONTNAME", (0, 1), (-1, -1), styles["cell"].fontName),
        ("FONTSIZE", (0, 1), (-1, -1), styles["cell"].fontSize),
        ("LEADING", (0, 1), (-1, -1), styles["cell"].leading),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(4)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(4)),
    ]
    figures = {v.id: v.figure for e in plan.exercises for v in e.variants}
    week_w, sessions_w = styles.size(62), styles.size(58)
    rest = (width - week_w - sessions_w) / max(1, len(names))
    picture_w = rest - styles.size(7)
    phase = None
    for week in plan.weeks:
        if week.phase != phase:
            phase = week.phase
            last = max(w.week for w in plan.weeks if w.phase == phase)
            weeks = f"Week {week.week}" if last == week.week else f"Weeks {week.week} to {last}"
            text = f"<b>{weeks}: {esc(phase)}</b>" + (f" · {esc(week.focus)}" if week.focus else "")
            rows.append([Paragraph(text, styles["cell"])] + [""] * (len(header) - 1))
            row = len(rows) - 1
            commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), TINT)]
        label = f"<b>{week.week}</b><br/>{span(week.start, week.end)}"
        if week.deload:
            label += "<br/><i>lighter week</i>"
        cells = [Paragraph(label, styles["cell"]), f"{week.sessions} × ~{week.minutes} min"]
        by_name = {p.exercise: p for p in week.exercises}
        for name in names:
            cells.append(_dose_cell(by_name[name], figures, picture_w, styles) if name in by_name
                         else "–")
        rows.append(cells)
        if week.deload:
            commands.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), "#f2f2f2"))
    table = grid(rows, [week_w, sessions_w] + [rest] * len(names), commands, repeatRows=1)
    story += [Spacer(1, styles.size(4)), table, Spacer(1, styles.size(6))]
    story.append(para(
        "'3 × 20 s' means 3 holds of 20 seconds; '2 × 8' means 2 sets of 8; '/ side' means "
        "on each side. A name in bold is a new exercise or a new, harder version of it."
        + "".join(" " + note for note in dose_notes(plan)),
        styles["small"]))
    minutes = [(w.load + 30) // 60 for w in plan.weeks]  # the weekly load, in minutes
    chart = LoadChart(minutes, [w.deload for w in plan.weeks], width, styles,
                      "Minutes of exercise each week (paler bars: lighter weeks)")
    story += [CondPageBreak(chart.height + styles.size(20)), Spacer(1, styles.size(14)),
              KeepTogether([chart]), PageBreak()]
    return story

