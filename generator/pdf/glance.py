"""Plan at a glance: a weeks x exercises table of doses, with the minutes chart as a column.

The table's key (what '3 × 20 s' means) is part of its repeated heading, so every page of a
long plan's table carries it.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer

from ..growth import dose_notes
from ..i18n import N_, _
from ..plan import Change, Plan, card_numbers
from ..wording import span, week_range
from .common import nobreak, number_key
from .flowables import FigureFrame, MinutesBar, esc, grid, heading, para
from .styles import ACCENT, RULE, TINT, Styles

NEW = (Change.START, Change.NEXT_VARIANT, Change.EASIER_VARIANT)
KEY = N_("'3 × 20 s' means 3 holds of 20 seconds; '2 × 8' means 2 sets of 8; '/ side' means "
         "on each side. A name in bold is a new exercise or a new, harder version of it. The "
         "bar is the week's minutes of exercise (hollow: a lighter week).")


def _dose_cell(p, figures: dict, width: float, styles: Styles):
    if p.change not in NEW:  # most cells: a plain string, far cheaper than a paragraph
        return p.short() if stringWidth(p.short(), *_font(styles)) <= width else \
            p.short().replace(" / ", "\n/ ")
    cell = []
    if figures.get(p.variant):
        cell.append(FigureFrame(width, width * 0.45, p.variant_name, styles, figures[p.variant],
                                border=False))
    cell.append(para(p.variant_name, styles["cell_name"]))
    cell.append(para(nobreak(p.short()), styles["cell"]))
    return cell


def _font(styles: Styles) -> tuple[str, float]:
    return styles["cell"].fontName, styles["cell"].fontSize


def names_fit(names: list[str], style, width: float) -> bool:
    """Whether every word of every name fits a column of *width* (no word broken)."""
    return all(stringWidth(word, style.fontName, style.fontSize) <= width
               for name in names for word in name.split())


MIN_COLUMN = 62
"""The narrowest exercise column (points, scaled in large print); more columns than fit at
this width are printed as a second table below the first."""


def glance(plan: Plan, styles: Styles, width: float) -> list:
    intro = para(plan.program_summary, styles["body"])
    intro.keepWithNext = 1  # the heading and its first line go with the table's first rows
    story: list = [heading(_("Your plan at a glance"), styles["h1"], 0), intro]
    week_w, sessions_w = styles.size(64), styles.size(70)
    per_table = max(1, int((width - week_w - sessions_w) // styles.size(MIN_COLUMN)))
    numbers = card_numbers(plan)
    ids = sorted((e.id for e in plan.exercises), key=numbers.get)  # the cards' numbers
    groups = [ids[i:i + per_table] for i in range(0, len(ids), per_table)]
    per_table = -(-len(ids) // len(groups))  # as even as the groups allow
    groups = [ids[i:i + per_table] for i in range(0, len(ids), per_table)]
    for i, group in enumerate(groups):
        if i:
            story.append(Spacer(1, styles.size(10)))
        story.append(_table(plan, group, styles, width))
    return story


def _table(plan: Plan, names: list[str], styles: Styles, width: float):
    """The table for the exercises *names*, with its key and heading repeated on each page."""
    columns = len(names) + 2
    week_w, sessions_w = styles.size(64), styles.size(70)
    rest = (width - week_w - sessions_w) / max(1, len(names))
    pad_l, pad_r = styles.size(4), styles.size(3)
    picture_w = rest - pad_l - pad_r
    head = styles["cell_head"]
    numbers = card_numbers(plan)
    titles = {e.id: e.name for e in plan.exercises}
    numbered = not names_fit([titles[n] for n in names], head, picture_w)
    key = _(KEY) + "".join(" " + note for note in dose_notes(plan))
    if numbered:  # too narrow for the names: number the columns like the cards
        by_id = {e.id: e for e in plan.exercises}
        key = number_key(numbers, [by_id[n] for n in names]) + ". " + esc(key)
        header = [str(numbers[n]) for n in names]
    else:
        key = esc(key)
        header = [para(titles[n], head) for n in names]
    rows = [[Paragraph(key, styles["cell"])] + [""] * (columns - 1),
            [para(_("Week"), head), para(_("Sessions, minutes a week"), head)] + header]
    heads = len(rows)  # the key and the column heads, repeated on each page
    commands = [
        ("FONTNAME", (0, 2), (-1, -1), styles["cell"].fontName),
        ("FONTSIZE", (0, 2), (-1, -1), styles["cell"].fontSize),
        ("LEADING", (0, 2), (-1, -1), styles["cell"].leading),
        ("SPAN", (0, 0), (-1, 0)),
        ("FONTNAME", (2, 1), (-1, 1), head.fontName),
        ("FONTSIZE", (2, 1), (-1, 1), head.fontSize),
        ("TEXTCOLOR", (2, 1), (-1, 1), head.textColor),
        ("BACKGROUND", (0, 1), (-1, 1), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_l),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_r),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(1.5)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2)),
        ("LEFTPADDING", (0, 0), (-1, 0), 0),
    ]
    figures = {v.id: v.figure for e in plan.exercises for v in e.variants}
    peak = max((w.load + 30) // 60 for w in plan.weeks)
    phase = None
    for week in plan.weeks:
        if week.phase != phase:
            phase = week.phase
            last = max(w.week for w in plan.weeks if w.phase == phase)
            weeks = week_range(week.week, last, heading=True)
            text = f"<b>{weeks}: {esc(phase)}</b>" + (f" · {esc(week.focus)}" if week.focus else "")
            rows.append([Paragraph(text, styles["cell"])] + [""] * (columns - 1))
            row = len(rows) - 1
            commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), TINT),
                         # a phase's band never ends a page: it stays with its first week
                         # (and the first with the table's key and heading)
                         ("NOSPLIT", (0, 0 if row == heads else row), (-1, row + 1))]
        label = f"<b>{week.week}</b> · {nobreak(span(week.start, week.end, short=True))}"
        if week.deload:
            label += "<br/><i>" + esc(_("lighter week")) + "</i>"
        minutes = (week.load + 30) // 60  # the weekly load, in minutes
        cells = [Paragraph(label, styles["cell"]),
                 [Paragraph(f"{week.sessions} × ~{week.minutes} min", styles["cell"]),
                  MinutesBar(minutes, peak, week.deload, styles)]]
        by_name = {p.exercise: p for p in week.exercises}
        for name in names:
            cells.append(_dose_cell(by_name[name], figures, picture_w, styles) if name in by_name
                         else "–")
        rows.append(cells)
        if week.deload:
            commands.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), "#f2f2f2"))
    return grid(rows, [week_w, sessions_w] + [rest] * len(names), commands, repeatRows=heads)
