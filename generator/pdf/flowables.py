"""Small building blocks drawn as shapes: check boxes, the pain scale, cards, the chart.

Text from YAML or the user always goes through :func:`para`, which escapes it; markup
comes only from the templates in this package.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from .fonts import BOLD, REGULAR
from .styles import ACCENT, FAINT, INK, MUTED, RULE, TINT, Styles


def esc(text: str) -> str:
    """Escape user or YAML text for reportlab's paragraph markup."""
    return escape(str(text))


def para(text: str, style, markup: str = "{}") -> Paragraph:
    """A paragraph of *text*, escaped, optionally placed into a markup *template*."""
    return Paragraph(markup.format(esc(text)), style)


def new_drawing(width: float, height: float, **kwargs) -> Drawing:
    """A reportlab Drawing that starts in the embedded font (its default is Helvetica)."""
    canvas = Drawing(width, height, **kwargs)
    canvas.initialFontName = REGULAR
    return canvas


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


def pain_scale(styles: Styles) -> Drawing:
    """Boxes numbered 0 to 10, to circle or tick the pain score."""
    box = styles.size(15)
    gap = styles.size(2.5)
    font = styles.size(8.5)
    drawing = new_drawing(11 * box + 10 * gap, box)
    for n in range(11):
        x = n * (box + gap)
        drawing.add(Rect(x, 0, box, box, strokeColor=INK, strokeWidth=0.8, fillColor=None))
        drawing.add(String(x + box / 2, box / 2 - font * 0.35, str(n), fontName=REGULAR,
                           fontSize=font, fillColor=MUTED, textAnchor="middle"))
    return drawing


def write_line(width: float, styles: Styles) -> Drawing:
    """A line to write on."""
    height = styles.size(14)
    drawing = new_drawing(width, height)
    drawing.add(Line(0, 1, width, 1, strokeColor=FAINT, strokeWidth=0.8))
    return drawing


class FigureFrame(Flowable):
    """An exercise figure in a light frame; without a figure, a neutral frame naming the
    position (never a made-up picture)."""

    def __init__(self, width: float, height: float, label: str, styles: Styles,
                 figure: dict | None = None, border: bool = True):
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
            from reportlab.graphics import renderPDF

            from ..figures.draw import render
            from ..figures.pose import Figure

            drawing = render(Figure.from_data(self.figure), self.width, self.height)
            drawing.initialFontName = REGULAR
            renderPDF.draw(drawing, c, 0, 0)
            return
        c.setFillColor(MUTED)
        c.setFont(REGULAR, self.font)
        c.drawCentredString(self.width / 2, self.height / 2 - self.font / 3, self.label[:40])


class Card(Flowable):
    """A rounded box holding flowables; it is drawn whole on one page, never split.

    Callers check :meth:`fits` first and break very long content into several cards.
    """

    def __init__(self, content: list[Flowable], styles: Styles, header: Flowable | None = None,
                 border=RULE, band=ACCENT, gap: float = 0):
        super().__init__()
        self.spaceBefore = gap  # dropped at the top of a page, unlike a Spacer
        self.content = content
        self.header = header
        self.pad = styles.size(9)
        self.border = border
        self.band = band
        self._laid: list[tuple[Flowable, float, float]] = []
        self._head_h = 0.0

    def _layout(self, width: float) -> float:
        inner = width - 2 * self.pad
        self._laid = []
        total = self.pad
        if self.header is not None:
            _, h = self.header.wrap(inner, 10_000)
            self._head_h = h + 2 * self.pad * 0.7
            total = self._head_h + self.pad * 0.8
        for item in self.content:
            _, h = item.wrap(inner, 10_000)
            before = item.getSpaceBefore() if self._laid else 0
            total += before
            self._laid.append((item, h, before))
            total += h + item.getSpaceAfter()
        return total + self.pad * 0.6

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


def load_chart(values: list[int], deloads: list[bool], width: float, styles: Styles,
               caption: str) -> Drawing:
    """Bars, one per week, of total minutes of exercise; lighter weeks drawn paler."""
    font = styles.size(7.5)
    height = styles.size(120)
    left, bottom, top = styles.size(26), styles.size(16), styles.size(16)
    drawing = new_drawing(width, height)
    plot_w, plot_h = width - left - styles.size(4), height - bottom - top
    peak = max(values) or 1
    drawing.add(String(0, height - font, caption, fontName=BOLD, fontSize=font * 1.15,
                       fillColor=INK))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=MUTED, strokeWidth=0.6))
    slot = plot_w / len(values)
    bar = max(1.5, min(slot * 0.7, styles.size(28)))
    label_every = 1 if slot >= font * 2.2 else (2 if slot * 2 >= font * 2.2 else 4)
    for i, (value, light) in enumerate(zip(values, deloads)):
        x = left + i * slot + (slot - bar) / 2
        h = plot_h * value / peak
        drawing.add(Rect(x, bottom, bar, h, strokeColor=ACCENT, strokeWidth=0.6,
                         fillColor=TINT if light else ACCENT))
        if (i + 1) % label_every == 0 or i == 0:
            drawing.add(String(x + bar / 2, bottom - font * 1.3, str(i + 1), fontName=REGULAR,
                               fontSize=font, fillColor=MUTED, textAnchor="middle"))
            if slot >= font * 2.2:
                drawing.add(String(x + bar / 2, bottom + h + font * 0.4, str(value),
                                   fontName=REGULAR, fontSize=font, fillColor=INK,
                                   textAnchor="middle"))
    drawing.add(String(left - styles.size(4), bottom - font * 1.3, "week", fontName=REGULAR,
                       fontSize=font, fillColor=MUTED, textAnchor="end"))
    return drawing
