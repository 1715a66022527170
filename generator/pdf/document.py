"""The document: page size and margins, the footer with 'Page X of Y', metadata, outline."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ..i18n import _, current
from .fonts import REGULAR
from .styles import MUTED, RULE, Styles

PAPER = {"a4": A4, "letter": LETTER}
MARGIN = 10 * mm
FOOTER_Y = 7 * mm
TOP = 8 * mm  # a little less than the sides: nothing but the page number sits below


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """*text*, shortened with an ellipsis if it is wider than *width*.

    >>> from .fonts import register; _ = register()
    >>> fit_text("Back spasm recovery · " + "A" * 80, REGULAR, 10, 200).endswith("…")
    True
    >>> fit_text("Short", REGULAR, 10, 200)
    'Short'
    """
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text.rstrip() + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ·") + "…"


def footer_text(title: str, name: str, font: str, size: float, width: float) -> str:
    """'Title · Name' in *width*: the title is shortened first, so the patient's name stays
    whole, unless the name alone would take most of the line.

    >>> from .fonts import register; _ = register()
    >>> footer_text("Recuperación del dolor de espalda y pierna (ciática)",
    ...             "María José Fernández", REGULAR, 10, 250)
    'Recuperación del dolor de esp… · María José Fernández'
    """
    whole = f"{title} · {name}" if name else title
    if not name or stringWidth(whole, font, size) <= width:
        return fit_text(whole, font, size, width)
    kept = stringWidth(f" · {name}", font, size)
    if kept > width * 0.6:
        return fit_text(whole, font, size, width)
    return f"{fit_text(title, font, size, width - kept)} · {name}"


def _footer_canvas(left: tuple[str, str], styles: Styles):
    """A canvas class that holds pages back until the end, when the total is known."""
    size = styles["footer"].fontSize

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, number: int, total: int) -> None:
            width, _height = self._pagesize
            margin, y = MARGIN, FOOTER_Y
            right = _("Page {page} of {pages}").format(page=number, pages=total)
            room = width - 2 * margin - stringWidth(right, REGULAR, size) - 3 * size
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(margin, y + size * 1.4, width - margin, y + size * 1.4)
            self.setFont(REGULAR, size)
            self.setFillColor(MUTED)
            self.drawString(margin, y, footer_text(*left, REGULAR, size, room))
            self.drawRightString(width - margin, y, right)
            self.restoreState()

    return FooterCanvas


class HandoutDoc(BaseDocTemplate):
    """One page template; headings h1/h2 become bookmarks in the PDF outline."""

    def __init__(self, buffer: BytesIO, paper: str, styles: Styles, frame_class=Frame, **info):
        pagesize = PAPER[paper]
        margin = MARGIN
        footer_room = FOOTER_Y + styles["footer"].fontSize * 2
        super().__init__(
            buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin,
            topMargin=TOP, bottomMargin=footer_room + 1 * mm, invariant=1,
            initialFontName=REGULAR, initialFontSize=styles["body"].fontSize, lang=current(),
            creator="hepgen",
            **info,
        )
        frame = frame_class(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._outline_count = 0

    def afterFlowable(self, flowable):
        """Headings made with :func:`flowables.heading` become outline entries."""
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        self._outline_count += 1
        key = f"h{self._outline_count}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.outline_text, key, level=level, closed=False)


def room_left(story: list, paper: str, styles: Styles) -> float:
    """The height left on the last page once *story* is laid out (0 for no story): a dry
    run on a scratch document, so what follows can be chosen to fill that room."""
    if not story:
        return 0.0
    doc = HandoutDoc(BytesIO(), paper, styles, frame_class=_MeasuringFrame)
    left = [doc.height]

    def after(flowable):  # no frame: a page break, so the next page is empty
        left[0] = doc.height if doc.frame is None else doc.frame._y - doc.frame._y1

    doc.afterFlowable = after
    doc.build(story, canvasmaker=_Scratch)
    return max(0.0, left[0])


class _MeasuringFrame(Frame):
    """A frame that places flowables (wraps and splits them) without drawing them."""

    def _add(self, flowable, canv, trySplit=0):
        flowable.drawOn = _skip  # this object is thrown away after the dry run
        return super()._add(flowable, canv, trySplit)

    add = _add


def _skip(*args, **kwargs):
    return None


class _Scratch(Canvas):
    """A canvas that keeps nothing: pages are dropped and no file is written."""

    def showPage(self):
        self._startPage()

    def save(self):
        pass


def build(story: list, paper: str, styles: Styles, footer: tuple[str, str], **info) -> bytes:
    buffer = BytesIO()
    doc = HandoutDoc(buffer, paper, styles, **info)
    doc.build(story, canvasmaker=_footer_canvas(footer, styles))
    return buffer.getvalue()
