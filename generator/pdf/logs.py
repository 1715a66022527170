"""Log sheets: a compact grid to fill in with a pen, a row per session.

One table for the whole plan: the column heads (with the key to the numbered columns, the
cards' numbers) once at the top of each page, then each week as a band with its dates and a
row per session: a box per exercise, pain before and after, and room for notes. Activities
done every day (such as walking) get a row of day boxes. A week is never split.
"""

from __future__ import annotations

from datetime import timedelta

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from ..i18n import _, pgettext
from ..plan import Plan, card_numbers, daily_ids
from ..wording import day as day_name
from ..wording import span, weekday
from .common import number_key
from .flowables import CheckBox, Wide, grid, heading, para, stacked_height
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


class DayBoxes(Flowable):
    """'Walking, 10 min a day:' and a box for each day of the week, each with its name; the
    boxes go on a line of their own when the label leaves them too little room."""

    def __init__(self, label: str, days: list[str], styles: Styles):
        super().__init__()
        self.label, self.days = label, days
        self.font = styles["cell"].fontSize
        self.box = styles.size(12)
        self.line = self.box + styles.size(2)

    def _start(self) -> float:
        """Where the first day's name begins: after the label, or 0 on a line below it."""
        after = stringWidth(self.label, BOLD, self.font) + self.font
        widest = max(stringWidth(name, REGULAR, self.font) for name in self.days)
        need = widest + self.font * 0.3 + self.box + self.font * 0.8  # name, box, a gap
        return after if (self.width - after) / len(self.days) >= need else 0.0

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.line * (1 if self._start() else 2)
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(INK)
        c.setFont(BOLD, self.font)
        c.drawString(0, self.height - self.line + self.font * 0.2, self.label)
        x = self._start()
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


class WeekBand(Wide):
    """The band that opens a week of the log, on one line: 'Week 3' in bold, then its dates,
    its sessions and minutes (and 'lighter week')."""

    def __init__(self, title: str, rest: str, styles: Styles):
        super().__init__()
        self.title, self.rest = title, rest
        self.font = styles["cell"].fontSize
        self.height = styles["cell"].leading

    def draw(self):
        c = self.canv
        y = self.height - self.font
        c.setFillColor(INK)
        c.setFont(BOLD, self.font)
        c.drawString(0, y, self.title)
        c.setFont(REGULAR, self.font)
        c.drawString(stringWidth(self.title, BOLD, self.font), y, self.rest)


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
    return number_key(card_numbers(plan), _boxed(plan))


def _boxed(plan: Plan) -> list:
    """The exercises that get a box in the session rows (not those done every day)."""
    daily = daily_ids(plan)
    return [e for e in plan.exercises if e.id not in daily]


def log_table(plan: Plan, styles: Styles, width: float, weeks=None) -> Table:
    """The log of *weeks* (all the plan's by default) as one table: the column heads (and the
    key to the numbered columns) once, repeated at the top of each page; then per week a band
    with its dates and a row per session. A week is never split between pages."""
    boxed = _boxed(plan)
    numbers = card_numbers(plan)
    n = len(boxed)
    cell = styles["cell"]
    pad = styles.size(5)
    # the pain columns are as wide as their heads' longest word ('después'), never narrower
    # than the score box: a word too long for its column would run into the next
    heads = (_("Pain before"), _("Pain after"))
    widest = max(stringWidth(word, BOLD, cell.fontSize) for h in heads for word in h.split())
    day_w, pain_w = styles.size(60), max(styles.size(38), widest + pad + styles.size(1))
    named = styles.size(60)  # a column wide enough to print the names (most words fit)
    names = names_fit([e.name for e in boxed], styles["cell_bold"], named - pad) and \
        width - day_w - n * named - 2 * pain_w >= styles.size(80)
    box_w = named if names else styles.size(34)
    notes_w = width - day_w - n * box_w - 2 * pain_w
    # plain strings split by hand: far cheaper than paragraphs, and a plan has 52 weeks
    def lines(text: str, column: float) -> str:
        return "\n".join(simpleSplit(text, BOLD, cell.fontSize, column - pad))

    blank = [""] * (n + 3)
    rows: list = []
    if not names:  # numbered columns: their key, at the top of every page
        rows.append([Paragraph(columns_key(plan), cell)] + blank)
    head = len(rows)
    rows.append([lines(_("Day"), day_w)]
                + [lines(e.name, box_w) if names else str(numbers[e.id]) for e in boxed]
                + [lines(heads[0], pain_w), lines(heads[1], pain_w), _("Notes")])
    commands = [
        ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), cell.leading),
        ("FONTNAME", (0, head), (-1, head), BOLD),
        ("ALIGN", (1, head), (n, head), "LEFT" if names else "CENTER"),
        ("VALIGN", (0, head), (-1, head), "BOTTOM"),
        ("VALIGN", (0, head + 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, head + 1), (n, -1), "CENTER"),
        ("LINEBELOW", (0, head), (-1, -1), 0.5, RULE),
        ("LINEBELOW", (0, head), (-1, head), 1, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(2)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(2)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2)),
    ]
    if not names:
        commands.append(("SPAN", (0, 0), (-1, 0)))
    box = styles.size(13)
    for week in weeks or plan.weeks:
        first = len(rows)
        about = f" · {span(week.start, week.end)} · {week.sessions} × ~{week.minutes} min"
        if week.deload:
            about += " · " + pgettext("log", "lighter week")
        rows.append([[Bookmark(_("Week {week} log").format(week=week.week), 1),
                      WeekBand(_("Week {week}").format(week=week.week), about, styles)]]
                    + blank)
        commands += [("SPAN", (0, first), (-1, first)),
                     ("BACKGROUND", (0, first), (-1, first), TINT),
                     ("LINEABOVE", (0, first), (-1, first), 1.5, ACCENT)]
        doing = {p.exercise for p in week.exercises}
        for s, day in enumerate(week.days or [None] * week.sessions, 1):
            label = day_name(day, year=False) if day else _("Session {n}").format(n=s)
            rows.append([label]
                        + [CheckBox(box) if e.id in doing else "–" for e in boxed]
                        + [ScoreBox(styles), ScoreBox(styles), ""])
        for p in (p for p in week.exercises if p.daily):
            days = [weekday(week.start + timedelta(days=i)) for i in range(7)]
            rows.append([DayBoxes(f"{p.exercise_name}, {p.short()}:", days, styles)] + blank)
            commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        commands.append(("NOSPLIT", (0, first), (-1, len(rows) - 1)))
    return grid(rows, [day_w] + [box_w] * n + [pain_w, pain_w, notes_w], commands,
                repeatRows=head + 1)


def logs(plan: Plan, styles: Styles, width: float, rule_at: str | None = None) -> list:
    opening = [
        heading(_("Your log"), styles["h1"], 0),
        para(_("Tick each exercise when done, and score your pain from 0 to 10 before and "
               "after (see the pain rule {where}). Moved a session? Write its day in the notes. "
               "Bring this log to your next appointment.").format(
                   where=rule_at or _("at the front")), styles["body"]),
    ]
    # the section may start under the cards: its heading starts a page unless the column
    # heads and the first week fit under it
    need = stacked_height(opening + [log_table(plan, styles, width, plan.weeks[:1])], width)
    return [CondPageBreak(need)] + opening + [log_table(plan, styles, width)]
