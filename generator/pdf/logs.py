"""Log sheets: a compact grid to fill in with a pen, a row per session.

Each week is a small block that is never split: its title, the key to the numbered columns
(the cards' numbers), then a row per session with a box per exercise, pain before and after,
and room for notes. Activities done every day (such as walking) get a row of day boxes.
"""

from __future__ import annotations

from datetime import timedelta

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from ..i18n import _, pgettext
from ..plan import Plan, Week
from ..wording import day as day_name
from ..wording import weekday
from .common import span
from .flowables import Card, CheckBox, Wide, esc, grid, heading, para
from .glance import names_fit
from .fonts import BOLD, REGULAR
from .styles import ACCENT, INK, MUTED, RULE, TINT, Styles


class ScoreBox(Flowable):
    """A box to write a pain score in, followed by '/10'."""

    def __init__(self, styles: Styles):
        super().__init__()
        self.box = styles.size(15)
        self.font = styles["cell"].fontSize
        self.width, self.height = self.box + styles.size(20), self.box

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(1.1)
        c.rect(0, 0, self.box, self.box, stroke=1, fill=0)
        c.setFont(REGULAR, self.font)
        c.setFillColor(INK)
        c.drawString(self.box + 2, self.box / 2 - self.font / 3, "/10")


class DayBoxes(Wide):
    """'Walking, 10 min a day:' and a box for each day of the week, each with its name."""

    def __init__(self, label: str, days: list[str], styles: Styles):
        super().__init__()
        self.label, self.days = label, days
        self.font = styles["cell"].fontSize
        self.box = styles.size(12)
        self.height = self.box + styles.size(2)

    def draw(self):
        c = self.canv
        c.setFillColor(INK)
        c.setFont(BOLD, self.font)
        c.drawString(0, self.font * 0.2, self.label)
        x = stringWidth(self.label, BOLD, self.font) + self.font
        slot = (self.width - x) / len(self.days)
        c.setFont(REGULAR, self.font)
        for i, name in enumerate(self.days):
            left = x + i * slot
            c.setFillColor(MUTED)
            c.drawString(left, self.font * 0.2, name)
            c.setStrokeColor(INK)
            c.setLineWidth(1.1)
            c.rect(left + stringWidth(name, REGULAR, self.font) + self.font * 0.3, 0,
                   self.box, self.box, stroke=1, fill=0)


class DayLabel(Wide):
    """'Week 3' in bold over its dates (and 'lighter week'), drawn straight on the page."""

    def __init__(self, title: str, dates: str, styles: Styles):
        super().__init__()
        self.title, self.dates = title, dates.split("\n")
        self.font, self.leading = styles["cell"].fontSize, styles["cell"].leading
        self.height = self.leading * (1 + len(self.dates))

    def draw(self):
        c = self.canv
        c.setFillColor(INK)
        y = self.height - self.font
        c.setFont(BOLD, self.font)
        c.drawString(0, y, self.title)
        c.setFont(REGULAR, self.font)
        for line in self.dates:
            y -= self.leading
            c.drawString(0, y, line)


class Bookmark(Flowable):
    """An outline entry (bookmark) where it is drawn, with no size of its own."""

    def __init__(self, text: str, level: int):
        super().__init__()
        self.text, self.level = text, level
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        key = f"log-{self.text}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.text, key, level=self.level, closed=False)


def columns_key(plan: Plan) -> str:
    """What the numbered columns stand for: the cards' numbers and names."""
    numbers = {e.id: n for n, e in enumerate(plan.exercises, 1)}
    return " · ".join(f"<b>{numbers[e.id]}</b> {esc(e.name)}" for e in _boxed(plan))


def _boxed(plan: Plan) -> list:
    """The exercises that get a box in the session rows (not those done every day)."""
    daily = {p.exercise for w in plan.weeks for p in w.exercises if p.daily}
    return [e for e in plan.exercises if e.id not in daily]


def week_log(week: Week, plan: Plan, styles: Styles, width: float) -> Card:
    boxed = _boxed(plan)
    numbers = {e.id: n for n, e in enumerate(plan.exercises, 1)}
    n = len(boxed)
    cell, bold = styles["cell"], styles["cell_bold"]
    day_w, pain_w = styles.size(60), styles.size(38)
    pad = styles.size(5)
    named = styles.size(60)  # a column wide enough to print the names (most words fit)
    names = names_fit([e.name for e in boxed], bold, named - pad) and \
        width - day_w - n * named - 2 * pain_w >= styles.size(80)
    box_w = named if names else styles.size(24)
    notes_w = width - day_w - n * box_w - 2 * pain_w
    # plain strings split by hand: far cheaper than paragraphs, and a plan has 52 of these
    def lines(text: str, column: float) -> str:
        return "\n".join(simpleSplit(text, BOLD, cell.fontSize, column - pad))

    title = _("Week {week}").format(week=week.week)
    blank = [""] * (n + 3)
    rows = []
    if not names:  # numbered columns: their key, on every week (so on every page)
        rows.append([Paragraph(columns_key(plan), cell)] + blank)
    head = len(rows)
    dates = (f"{span(week.start, week.end)}\n{week.sessions} × ~{week.minutes} min"
             + ("\n" + pgettext("log", "lighter week") if week.deload else ""))
    rows.append([[Bookmark(_("Week {week} log").format(week=week.week), 1),
                  DayLabel(title, dates, styles)]]
                + [lines(e.name, box_w) if names else str(numbers[e.id]) for e in boxed]
                + [lines(_("Pain before"), pain_w), lines(_("Pain after"), pain_w), _("Notes")])
    doing = {p.exercise for p in week.exercises}
    commands = [
        ("SPAN", (0, 0), (-1, 0)) if not names else ("SPAN", (0, 0), (0, 0)),
        ("BACKGROUND", (0, head), (-1, head), TINT),
        ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
        ("FONTNAME", (1, head), (-1, head), BOLD),
        ("FONTNAME", (1, head + 1), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), cell.leading),
        ("ALIGN", (1, head + 1), (n, -1), "CENTER"),
        ("ALIGN", (1, head), (n, head), "LEFT" if names else "CENTER"),
        ("VALIGN", (0, head), (-1, head), "BOTTOM"),
        ("VALIGN", (0, head + 1), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, head), (-1, -1), 0.5, RULE),
        ("LINEBELOW", (0, head), (-1, head), 1, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(2)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(2)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2)),

    ]
    box = styles.size(13)
    for s, day in enumerate(week.days or [None] * week.sessions, 1):
        label = day_name(day, year=False) if day else _("Session {n}").format(n=s)
        rows.append([label]
                    + [CheckBox(box) if e.id in doing else "–" for e in boxed]
                    + [ScoreBox(styles), ScoreBox(styles), ""])
    for p in (p for p in week.exercises if p.daily):
        days = [weekday(week.start + timedelta(days=i)) for i in range(7)]
        rows.append([DayBoxes(f"{numbers[p.exercise]} {p.exercise_name}, {p.short()}:", days,
                              styles)] + blank)
        commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    table = grid(rows, [day_w] + [box_w] * n + [pain_w, pain_w, notes_w], commands)
    return Card([table], styles, framed=False, gap=styles.size(5))


def logs(plan: Plan, styles: Styles, width: float, rule_at: str | None = None) -> list:
    opening = [
        heading(_("Your log"), styles["h1"], 0),
        para(_("Tick each exercise when you have done it, and score your pain from 0 to 10 "
               "before and after (the pain rule {where} says what the score means). If you "
               "move a session, write the day in the notes. Bring this log to your next "
               "appointment.").format(where=rule_at or _("on the cover")), styles["body"]),
    ]
    weeks = [week_log(week, plan, styles, width) for week in plan.weeks]
    # the section may start under the cards: its heading goes with the first week's block
    return [KeepTogether(opening + weeks[:1])] + weeks[1:]
