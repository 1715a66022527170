"""Weekly log sheets: a row per session to date, tick and score, to fill in with a pen."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from ..plan import Plan, Week
from ..wording import day as day_name
from .common import nobreak, pain_rule_box, span
from .flowables import Card, CheckBox, esc, grid, heading, para
from .fonts import REGULAR
from .styles import ACCENT, INK, MUTED, RULE, TINT, Styles


class ScoreBox(Flowable):
    """A box to write a pain score in, followed by '/10'."""

    def __init__(self, styles: Styles):
        super().__init__()
        self.box = styles.size(20)
        self.font = styles["cell"].fontSize
        self.width, self.height = self.box + styles.size(22), self.box

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(1.2)
        c.rect(0, 0, self.box, self.box, stroke=1, fill=0)
        c.setFont(REGULAR, self.font)
        c.setFillColor(INK)
        c.drawString(self.box + 2, self.box / 2 - self.font / 3, "/10")


class DoneLine(Flowable):
    """'Done' and a line to write the date on, in case the session moved."""

    def __init__(self, width: float, styles: Styles):
        super().__init__()
        self.font = styles["cell"].fontSize
        self.width, self.height = width - styles.size(8), self.font * 2.2

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFont(REGULAR, self.font * 0.85)
        c.setFillColor(MUTED)
        c.drawString(0, self.font * 0.45, "Done")
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.line(self.font * 2.4, self.font * 0.3, self.width, self.font * 0.3)


def daily_boxes(week: Week, styles: Styles, width: float) -> list:
    """A box a day for each activity (such as walking), done outside the sessions."""
    out = []
    for p in (p for p in week.exercises if p.daily):
        label = Paragraph(f"<b>{esc(p.exercise_name)}</b>: {esc(p.short())}. Tick each day.",
                          styles["cell"])
        days = [f"{week.start + timedelta(days=i):%a}" for i in range(7)]
        label_w = width * 0.3
        out += [Spacer(1, styles.size(8)), grid(
            [[label] + days, [""] + [CheckBox(styles.size(16)) for _ in days]],
            [label_w] + [(width - label_w) / 7] * 7,
            [("SPAN", (0, 0), (0, 1)), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 1, INK),
             ("BACKGROUND", (0, 0), (0, 1), TINT),
             ("FONTNAME", (1, 0), (-1, 0), styles["cell_head"].fontName),
             ("FONTSIZE", (1, 0), (-1, 0), styles["cell"].fontSize)])]
    return out


def week_log(week: Week, numbers: dict[str, int], styles: Styles, width: float) -> list:
    title = heading(f"Week {week.week} log · {span(week.start, week.end)} · {week.phase}",
                    styles["sheet_title"], 1, f"Week {week.week} log")
    intro = (f"{week.sessions} sessions this week, about {week.minutes} minutes each. "
             "Tick each exercise when done, and score your pain from 0 to 10. If you move a "
             "session, write the day you did it.")
    if week.deload:
        intro = "A lighter week: a little less to do, to let your body catch up. " + intro
    daily = daily_boxes(week, styles, width)
    week = replace(week, exercises=tuple(p for p in week.exercises if not p.daily))
    n = len(week.exercises)
    date_w, pain_w = styles.size(86), styles.size(50)
    ex_w = (width - date_w - 2 * pain_w) / n
    head = styles["cell_head"]
    padding = styles.size(7)
    fits = all(stringWidth(word, head.fontName, head.fontSize) + padding <= ex_w
               for p in week.exercises
               for word in p.exercise_name.split() + nobreak(p.short()).split(" "))
    # header cells are plain strings split by hand: much cheaper than paragraphs
    def lines(text: str, width: float) -> str:
        return "\n".join(simpleSplit(text, head.fontName, head.fontSize, width))
    inner = ex_w - padding
    header = ["Session"]
    legend = None
    if fits:
        def dose(text: str) -> str:  # one line, or broken only before '/ side'
            if stringWidth(text, head.fontName, head.fontSize) <= inner:
                return text
            return text.replace(" / ", "\n/ ")
        header += [lines(p.exercise_name, inner) + "\n" + dose(p.short()) for p in week.exercises]
    else:  # too narrow for names: number the columns like the cards, and list them above
        header += [str(numbers[p.exercise]) for p in week.exercises]
        legend = [Paragraph(f"<b>{numbers[p.exercise]}</b>  {esc(p.exercise_name)}: "
                            f"{esc(nobreak(p.short()))}", styles["body"]) for p in week.exercises]
    header += [lines("Pain before", pain_w - padding), lines("Pain after", pain_w - padding)]
    rows = [header]
    commands = [
        ("FONTNAME", (0, 0), (-1, 0), head.fontName),
        ("FONTSIZE", (0, 0), (-1, 0), head.fontSize),
        ("LEADING", (0, 0), (-1, 0), head.leading),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("ALIGN", (1, 0), (n, 0), "LEFT" if fits else "CENTER"),
        ("FONTNAME", (0, 1), (-1, -1), styles["cell"].fontName),
        ("FONTSIZE", (0, 1), (-1, -1), styles["cell"].fontSize),
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
                      DoneLine(date_w, styles)]]
                    + [CheckBox(box) for _ in week.exercises]
                    + [ScoreBox(styles), ScoreBox(styles)])
        rows.append(["Notes:"] + [""] * (n + 2))
        commands += [
            ("SPAN", (1, first + 1), (-1, first + 1)),
            ("LINEABOVE", (0, first), (-1, first), 1, INK),
            ("LINEBELOW", (1, first + 1), (-1, first + 1), 0.6, RULE),
            ("BACKGROUND", (0, first), (0, first + 1), TINT),
            ("TOPPADDING", (0, first + 1), (-1, first + 1), styles.size(14)),
        ]
    table = grid(rows, [date_w] + [ex_w] * n + [pain_w, pain_w], commands, repeatRows=1)
    parts = [para(intro, styles["body"])] + (legend or []) + [Spacer(1, styles.size(4)), table]
    parts += daily
    # kept together like KeepTogether, but measured once (the log tables were most of the
    # wrapping work); the heading stays a separate flowable so it still makes a bookmark
    block = Card(parts, styles, framed=False)
    title.keepWithNext = 1
    return [title, block]


def logs(plan: Plan, styles: Styles, width: float) -> list:
    story: list = [heading("Weekly log sheets", styles["h1"], 0),
                   para("Bring these sheets to your next appointment.", styles["body"]),
                   Spacer(1, styles.size(6)), KeepTogether([pain_rule_box(styles, width)]),
                   Spacer(1, styles.size(6))]
    numbers = {exercise.id: n for n, exercise in enumerate(plan.exercises, 1)}
    for week in plan.weeks:
        story += week_log(week, numbers, styles, width)
    story.append(PageBreak())
    return story
