"""Small building blocks drawn as shapes: check boxes, the pain scale, cards, the chart.

Text from YAML or the user always goes through :func:`para`, which escapes it; markup
comes only from the templates in this package.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, ImageAndFlowables, Paragraph, Table, TableStyle

from ..figures.pose import Figure
from .fonts import REGULAR
from .styles import ACCENT, INK, MUTED, RULE, TINT, Styles


def esc(text: str) -> str:
    """Escape user or YAML text for reportlab's paragraph markup."""
    return escape(str(text))


def bold(text: str) -> str:
    """Plain *text* (escaped) as bold paragraph markup."""
    return f"<b>{esc(text)}</b>"


def para(text: str, style, markup: str = "{}") -> Paragraph:
    """A paragraph of *text*, escaped, optionally placed into a markup *template*."""
    return Paragraph(markup.format(esc(text)), style)


def grid(rows: list, col_widths: list, commands: list, **kwargs) -> Table:
    """A table whose plain-string cells (even empty ones) use the embedded font; reportlab
    would otherwise reference Helvetica for them."""
    table = Table(rows, colWidths=col_widths, **kwargs)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
    return table


class SectionHeading(Paragraph):
    """A section's heading on a tinted band as wide as the page, with a bar at its left
    (like the cards' dose strips): the sections run on one under another, and the band
    marks where each begins ("Your log", "When to get help")."""

    def draw(self):
        c = self.canv
        bar = self.style.fontSize / 4
        c.saveState()
        c.setFillColor(TINT)
        c.rect(0, -bar / 4, self.width, self.height + bar / 2, stroke=0, fill=1)
        c.setFillColor(self.style.textColor)
        c.rect(0, -bar / 4, bar, self.height + bar / 2, stroke=0, fill=1)
        c.restoreState()
        super().draw()


def heading(text: str, style, level: int, outline: str | None = None) -> Paragraph:
    """A heading that also becomes an entry of the PDF outline (bookmarks) at *level*;
    a section's heading (style h1) carries a rule above it."""
    paragraph = (SectionHeading if style.name == "h1" else Paragraph)(esc(text), style)
    paragraph.outline_level = level
    paragraph.outline_text = outline or text
    return paragraph


class CheckBox(Flowable):
    """An empty square to tick with a pen."""

    def __init__(self, size: float):
        super().__init__()
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width, avail_height):
        return self.size, self.size

    def draw(self):
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1.2)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class FigureFrame(Flowable):
    """An exercise figure in a light frame; without a figure, a neutral frame naming the
    position (never a made-up picture)."""

    def __init__(self, width: float, height: float, label: str, styles: Styles,
                 figure: Figure | None = None, border: bool = True):
        super().__init__()
        self.width, self.height = width, height
        self.label = label
        self.font = styles.size(8)
        self.figure = figure
        self.border = border

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        if self.border:
            c.setStrokeColor(RULE)
            c.setFillColor(colors.white if self.figure else TINT)
            c.setLineWidth(0.8)
            c.roundRect(0, 0, self.width, self.height, 6, stroke=1, fill=1)
        if self.figure:
            from ..figures.draw import draw_on, paint

            draw_on(c, paint(self.figure, self.width, self.height))
            return
        c.setFillColor(MUTED)
        c.setFont(REGULAR, self.font)
        c.drawCentredString(self.width / 2, self.height / 2 - self.font / 3, self.label[:40])


class Columns(Flowable):
    """Two stacks of flowables side by side, top-aligned; lighter than a nested Table."""

    def __init__(self, left: list, right: list, left_width: float, gap: float):
        super().__init__()
        self.left, self.right = left, right
        self.left_width, self.gap = left_width, gap

    def _stack(self, items: list, width: float) -> tuple[float, list]:
        placed, total = [], 0.0
        for i, item in enumerate(items):
            before = item.getSpaceBefore() if i else 0.0
            height = _height(item, width)
            placed.append((item, total + before, height))
            total += before + height + item.getSpaceAfter()
        return total, placed

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        right_width = avail_width - self.left_width - self.gap
        left_h, self._left = self._stack(self.left, self.left_width)
        right_h, self._right = self._stack(self.right, right_width)
        self.height = max(left_h, right_h)
        return self.width, self.height

    def draw(self):
        for x, placed in ((0.0, self._left), (self.left_width + self.gap, self._right)):
            for item, top, height in placed:
                item.drawOn(self.canv, x, self.height - top - height)


class Balanced(Columns):
    """Flowables read down one column and on into the next, split where the two columns
    come out nearest in height (each flowable stays whole)."""

    def __init__(self, items: list, gap: float):
        super().__init__([], [], 0.0, gap)
        self.items = items

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        column = (avail_width - self.gap) / 2
        sizes = [(item.getSpaceBefore(), _height(item, column), item.getSpaceAfter())
                 for item in self.items]

        def tall(part) -> float:  # a column's height: no space above its first item
            return sum(b + h + a for b, h, a in part) - (part[0][0] if part else 0.0)
        k = min(range(1, len(sizes) + 1),
                key=lambda k: (round(max(tall(sizes[:k]), tall(sizes[k:])), 2), k))
        left_h, self._left = self._stack(self.items[:k], column)
        right_h, self._right = self._stack(self.items[k:], column)
        self.height, self.left_width = max(left_h, right_h), column
        return self.width, self.height


class Beside(ImageAndFlowables):
    """A picture at the left with text running down beside it, then on under it across the
    whole width: no blank strip beside a picture narrower than half the card."""

    canv = None  # measured before any page exists (reportlab's class reads it while wrapping)

    def __init__(self, picture: Flowable, items: list, gap: float, below: float):
        picture._restrictSize = picture.wrap  # reportlab asks a picture its size this way
        super().__init__(picture, items, imageLeftPadding=0, imageRightPadding=gap,
                         imageTopPadding=0, imageBottomPadding=below, imageSide="left")


def stacked_height(flowables: list, width: float) -> float:
    """The height *flowables* take one under another, with their spaces, measured without
    a page: a KeepTogether by its parts (it wraps only on a page), a CondPageBreak as none."""
    from reportlab.platypus import CondPageBreak, KeepTogether

    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):
            total += stacked_height(f._content, width)
        elif not isinstance(f, CondPageBreak):
            total += f.getSpaceBefore() + f.wrap(width, 1e6)[1] + f.getSpaceAfter()
    return total


def _height(item: Flowable, width: float) -> float:
    """A flowable's height at *width*, wrapping it only the first time at that width.

    Packing cards tries the same blocks in several trial cards; re-wrapping every
    paragraph each time was most of the cost of a handout.
    """
    cached = getattr(item, "_wrapped_at", None)
    if cached is not None and cached[0] == width:
        return cached[1]
    _, height = item.wrap(width, 10_000)
    item._wrapped_at = (width, height)
    return height


class Card(Flowable):
    """A rounded box holding flowables; it is drawn whole on one page, never split.

    Callers check :meth:`fits` first and break very long content into several cards.
    """

    def __init__(self, content: list[Flowable], styles: Styles,
                 header: Flowable | list[Flowable] | None = None,
                 border=RULE, band=ACCENT, gap: float = 0, framed: bool = True):
        super().__init__()
        self.spaceBefore = gap  # dropped at the top of a page, unlike a Spacer
        self.content = content
        self.header = header if header is None or isinstance(header, list) else [header]
        self.framed = framed
        self.pad = styles.size(9) if framed else 0.0
        self.border = border
        self.band = band
        self._laid: list[tuple[Flowable, float, float]] = []
        self._head_h = 0.0

    def _layout(self, width: float) -> float:
        inner = width - 2 * self.pad
        self._laid = []
        total = self.pad
        if self.header is not None:
            h = sum(_height(item, inner) for item in self.header)
            self._head_h = h + 2 * self.pad * 0.6
            total = self._head_h + self.pad * 0.7
        for item in self.content:
            h = _height(item, inner)
            before = item.getSpaceBefore() if self._laid else 0
            total += before
            self._laid.append((item, h, before))
            total += h + item.getSpaceAfter()
        return total + self.pad * 0.6 if self.framed else total

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self._layout(avail_width)
        return self.width, self.height

    def fits(self, width: float, height: float) -> bool:
        return self._layout(width) <= height

    def split(self, avail_width, avail_height):
        return []  # never split: platypus moves the whole card to the next page

    def draw(self):
        c = self.canv
        c.saveState()
        if self.framed:
            c.setStrokeColor(self.border)
            c.setLineWidth(1.2)
            c.roundRect(0, 0, self.width, self.height, 8, stroke=1, fill=0)
        y = self.height
        if self.header is not None:
            path = c.beginPath()
            r = 8
            top, bottom = self.height, self.height - self._head_h
            path.moveTo(0, bottom)
            path.lineTo(0, top - r)
            path.arcTo(0, top - 2 * r, 2 * r, top, startAng=180, extent=-90)
            path.lineTo(self.width - r, top)
            path.arcTo(self.width - 2 * r, top - 2 * r, self.width, top, startAng=90, extent=-90)
            path.lineTo(self.width, bottom)
            path.close()
            c.setFillColor(self.band)
            c.drawPath(path, stroke=0, fill=1)
            heights = [item.wrap(self.width - 2 * self.pad, 10_000)[1] for item in self.header]
            y = top - (self._head_h - sum(heights)) / 2
            for item, h in zip(self.header, heights):
                y -= h
                item.drawOn(c, self.pad, y)
            y = bottom - self.pad * 0.7
        else:
            y -= self.pad
        c.restoreState()
        for item, h, before in self._laid:
            y -= before + h
            item.drawOn(c, self.pad, y)
            y -= item.getSpaceAfter()


class Wide(Flowable):
    """A flowable as wide as the room it is given, and as tall as it says."""

    height: float = 0.0

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return self.width, self.height


class MinutesBar(Wide):
    """One week of the load chart, drawn in a table cell: a bar as long as the week's minutes
    of exercise (against the plan's busiest week) and the number after it. A lighter week's
    bar is hollow, so it reads in black and white too."""

    def __init__(self, minutes: int, peak: int, light: bool, styles: Styles):
        super().__init__()
        self.minutes, self.peak, self.light = minutes, max(1, peak), light
        self.font = styles["cell"].fontSize
        self.height = self.font * 1.05

    def draw(self):
        c = self.canv
        label = f"{self.minutes}"
        room = self.width - stringWidth("999", REGULAR, self.font) - self.font * 0.3
        bar = max(1.0, room * self.minutes / self.peak)
        c.setStrokeColor(ACCENT)
        c.setLineWidth(0.8)
        c.setFillColor(colors.white if self.light else ACCENT)
        c.rect(0, self.font * 0.1, bar, self.font * 0.75, stroke=1, fill=1)
        c.setFillColor(INK)
        c.setFont(REGULAR, self.font)
        c.drawString(bar + self.font * 0.3, self.font * 0.12, label)
