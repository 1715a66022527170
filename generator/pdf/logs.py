"""Weekly log sheets: a row per session to date, tick and score, to fill in with a pen."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table

from ..plan import Plan, Week
from .common import day as day_name
from .common import nobreak, span
from .flowables import CheckBox, esc, grid, heading, new_drawing, para
from .fonts import REGULAR
from .styles import ACCENT, INK, MUTED, RULE, TINT, Styles


def _score_box(styles: Styles) -> Table:
    """A box to write a number in, followed by '/10'."""
    box = styles.size(20)
    table = grid([["", Paragraph("/10", styles["cell"])]], [box, styles.size(22)], [
        ("BOX", (0, 0), (0, 0), 1.2, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(2)),
    ], rowHeights=[box])
    return table


def _date_line(width: float, styles: Styles) -> Drawing:
    """'Done' and a line to write the date on, in case the session moved."""
    font = styles["cell"].fontSize
    line_w = width - styles.size(8)
    drawing = new_drawing(line_w, font * 2.2)
    drawing.add(String(0, font * 0.45, "Done", fontName=REGULAR, fontSize=font * 0.85,
                       fillColor=MUTED))
    drawing.add(Line(font * 2.4, font * 0.3, line_w, font * 0.3, strokeColor=INK,
                     strokeWidth=0.6))
    return drawing


def week_log(week: Week, numbers: dict[str, int], styles: Styles, width: float) -> list:
    title = heading(f"Week {week.week} log · {span(week.start, week.end)} · {week.phase}",
                    styles["sheet_title"], 1, f"Week {week.week} log")
    intro = (f"{week.sessions} sessions this week, about {week.minutes} minutes each. "
             "Tick each exercise when done, and score your pain from 0 to 10. If you move a "
             "session, write the day you did it.")
    if week.deload:
        intro = "A lighter week: easier doses to let your body catch up. " + intro
    n = len(week.exercises)
    date_w, pain_w = styles.size(86), styles.size(50)
    ex_w = (width - date_w - 2 * pain_w) / n
    head = styles["cell_head"]
    padding = styles.size(7)
    fits = all(stringWidth(word, head.fontName, head.fontSize) + padding <= ex_w
               for p in week.exercises
               for word in p.exercise_name.split() + nobreak(p.short()).split(" "))
    header = [para("Session", head)]
    legend = None
    if fits:
        for p in week.exercises:
            header.append(Paragraph(
                f"{esc(p.exercise_name)}<br/><font size={head.fontSize * 0.95:.1f}>"
                f"{esc(nobreak(p.short()))}</font>", head))
    else:  # too narrow for names: number the columns like the cards, and list them above
        header += [para(str(numbers[p.exercise]), styles["cell_head_center"])
                   for p in week.exercises]
        legend = [Paragraph(f"<b>{numbers[p.exercise]}</b>  {esc(p.exercise_name)}: "
                            f"{esc(nobreak(p.short()))}", styles["body"]) for p in week.exercises]
    header += [para("Pain before", head), para("Pain after", head)]
    rows = [header]
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("BOX", (0, 0), (-1, -1), 1, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(4)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(4)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(4)),
    ]
    box = styles.size(16)
    for s, day in enumerate(week.days or [None] * week.sessions, 1):
        first = len(rows)
        when = f"<br/>{esc(day_name(day, year=False))}" if day else ""
        rows.append([[Paragraph(f"<b>Session {s}</b>{when}", styles["cell"]),
                      _date_line(date_w, styles)]]
                    + [CheckBox(box) for _ in week.exercises]
                    + [_score_box(styles), _score_box(styles)])
        rows.append([Paragraph("Notes:", styles["cell"])] + [""] * (n + 2))
        commands += [
            ("SPAN", (1, first + 1), (-1, first + 1)),
            ("LINEABOVE", (0, first), (-1, first), 1, INK),
            ("LINEBELOW", (1, first + 1), (-1, first + 1), 0.6, RULE),
            ("BACKGROUND", (0, first), (0, first + 1), TINT),
            ("TOPPADDING", (0, first + 1), (-1, first + 1), styles.size(14)),
        ]
    table = grid(rows, [date_w] + [ex_w] * n + [pain_w, pain_w], commands, repeatRows=1)
    parts = [title, para(intro, styles["body"])] + (legend or []) + [Spacer(1, styles.size(4)), table]
    return [KeepTogether(parts)]


def logs(plan: Plan, styles: Styles, width: float) -> list:
    story: list = [heading("Weekly log sheets", styles["h1"], 0), para(
        "Pain scores: 0 to 3, carry on. 4 to 5, stay at this week's dose if it settles by the "
        "next morning. Above 5, or worse the next day, go back to last week's dose. Bring "
        "these sheets to your next appointment.", styles["body"])]
    numbers = {exercise.id: n for n, exercise in enumerate(plan.exercises, 1)}
    for week in plan.weeks:
        story += week_log(week, numbers, styles, width)
    story.append(PageBreak())
    return story
