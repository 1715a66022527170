"""Small building blocks drawn as shapes: check boxes, the pain scale, cards, the chart.

Text from YAML or the user always goes through :func:`para`, which escapes it; markup
comes only from the templates in this package.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..figures.pose import Figure
from .fonts import BOLD, REGULAR
from .styles import ACCENT, INK, MUTED, RULE, TINT, Styles


def esc(text: str) -> str:
    """Escape user or YAML text for reportlab's paragraph markup."""
    return escape(str(text))


def para(text: str, style, markup: str = "{}") -> Paragraph:
    """A paragraph of *text*, escaped, optionally placed into a markup *template*."""
    return Paragraph(markup.format(esc(text)), style)


def grid(rows: list, col_widths: list, commands: list, **kwargs) -> Table:
    """A table whose plain-string cells (even empty ones) use the embedded font; reportlab
    would otherwise reference Helvetica for them."""
    table = Table(rows, colWidths=col_widths, **kwargs)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
    return table


def heading(text: str, style, level: int, outline: str | None = None) -> Paragraph:
    """A heading that also becomes an entry of the PDF outline (bookmarks) at *level*."""
    paragraph = para(text, style)
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

    def __init__(self, content: list[Flowable], styles: Styles, header: Flowable | None = None,
                 border=RULE, band=ACCENT, gap: float = 0, framed: bool = True):
        super().__init__()
        self.spaceBefore = gap  # dropped at the top of a page, unlike a Spacer
        self.content = content
        self.header = header
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
            h = _height(self.header, inner)
            self._head_h = h + 2 * self.pad * 0.7
            total = self._head_h + self.pad * 0.8
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
            _, h = self.header.wrap(self.width - 2 * self.pad, 10_000)
            self.header.drawOn(c, self.pad, top - self._head_h + (self._head_h - h) / 2)
            y = bottom - self.pad * 0.8
        else:
            y -= self.pad
        c.restoreState()
        for item, h, before in self._laid:
            y -= before + h
            item.drawOn(c, self.pad, y)
            y -= item.getSpaceAfter()


class LoadChart(Flowable):
    """Bars, one per week, of total minutes of exercise; lighter weeks drawn paler."""

    def __init__(self, values: list[int], deloads: list[bool], width: float, styles: Styles,
                 caption: str):
        super().__init__()
        self.values, self.deloads, self.caption = values, deloads, caption
        self.font = styles.size(7.5)
        self.width, self.height = width, styles.size(120)
        self.left, self.bottom, self.top = styles.size(26), styles.size(16), styles.size(16)
        self.bar_max = styles.size(28)
        self.right = styles.size(4)

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c, font = self.canv, self.font
        plot_w = self.width - self.left - self.right
        plot_h = self.height - self.bottom - self.top
        peak = max(self.values) or 1
        c.setFillColor(INK)
        c.setFont(BOLD, font * 1.15)
        c.drawString(0, self.height - font, self.caption)
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.6)
        c.line(self.left, self.bottom, self.left + plot_w, self.bottom)
        slot = plot_w / len(self.values)
        bar = max(1.5, min(slot * 0.7, self.bar_max))
        every = 1 if slot >= font * 2.2 else (2 if slot * 2 >= font * 2.2 else 4)
        c.setFont(REGULAR, font)
        for i, (value, light) in enumerate(zip(self.values, self.deloads)):
            x = self.left + i * slot + (slot - bar) / 2
            h = plot_h * value / peak
            c.setStrokeColor(ACCENT)
            c.setFillColor(TINT if light else ACCENT)
            c.rect(x, self.bottom, bar, h, stroke=1, fill=1)
            if (i + 1) % every == 0 or i == 0:
                c.setFillColor(MUTED)
                c.drawCentredString(x + bar / 2, self.bottom - font * 1.3, str(i + 1))
                if slot >= font * 2.2:
                    c.setFillColor(INK)
                    c.drawCentredString(x + bar / 2, self.bottom + h + font * 0.4, str(value))
        c.setFillColor(MUTED)
        c.drawRightString(self.left - font / 2, self.bottom - font * 1.3, "week")
