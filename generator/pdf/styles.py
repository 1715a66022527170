"""Paragraph styles and colours, kept as data. Large print scales every size and space."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from .fonts import BOLD, ITALIC, REGULAR

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1d5c63")  # dark teal: headings, bands; prints as dark grey
TINT = colors.HexColor("#e3eff0")  # light teal fill
RULE = colors.HexColor("#9fb9bc")
MUTED = colors.HexColor("#555555")
FAINT = colors.HexColor("#bdbdbd")
WARN = colors.HexColor("#8f1d1d")  # red flags
WARN_TINT = colors.HexColor("#f5dcdc")
# the pain rule's zones, lighter to darker as they get more serious, so a greyscale print
# tells them apart by shade as well as by their words and bars
GREEN_TINT = colors.HexColor("#f0f8ee")  # grey about 246 (steps of about 20)
AMBER_TINT = colors.HexColor("#f6df9f")  # about 223
STOP_TINT = colors.HexColor("#ebbcbc")  # about 202

# name: (font, size, leading, space before, space after, colour, alignment)
SPEC = {
    "body": (REGULAR, 12, 13.6, 0, 2, INK, TA_LEFT),
    "small": (REGULAR, 10, 12, 0, 2, MUTED, TA_LEFT),
    "cell": (REGULAR, 10, 12, 0, 0, INK, TA_LEFT),
    "cell_bold": (BOLD, 10, 12, 0, 0, INK, TA_LEFT),
    "cell_head": (BOLD, 10, 12, 0, 0, colors.white, TA_LEFT),
    "cell_center": (REGULAR, 10, 12, 0, 0, INK, TA_CENTER),
    "cell_head_center": (BOLD, 10, 12, 0, 0, colors.white, TA_CENTER),
    "title": (BOLD, 24, 29, 0, 4, ACCENT, TA_LEFT),
    "subtitle": (REGULAR, 14, 18, 0, 8, INK, TA_LEFT),
    "h1": (BOLD, 18, 22, 8, 4, ACCENT, TA_LEFT),
    "h2": (BOLD, 14, 17, 6, 2, ACCENT, TA_LEFT),
    "h3": (BOLD, 12.5, 15, 4, 2, INK, TA_LEFT),
    "sheet_title": (BOLD, 13, 16, 10, 4, ACCENT, TA_LEFT),
    "card_title": (BOLD, 15, 18, 0, 0, colors.white, TA_LEFT),
    "card_family": (REGULAR, 12, 14.2, 0, 0, colors.white, TA_LEFT),
    "card_purpose": (ITALIC, 12, 14.2, 0, 0, INK, TA_LEFT),
    "dose": (BOLD, 12.5, 15, 0, 0, INK, TA_LEFT),
    "label": (BOLD, 12, 14.2, 0, 1, INK, TA_LEFT),
    "warn_title": (BOLD, 13, 16, 0, 3, WARN, TA_LEFT),
    "box_title": (BOLD, 13, 16, 0, 3, ACCENT, TA_LEFT),
    "footer": (REGULAR, 10, 12, 0, 0, MUTED, TA_LEFT),
}
"""Standard print: body 12 pt (NHS leaflet guidance), tables and small print at least 10 pt."""


@dataclass(frozen=True)
class Styles:
    """The styles for one document; ``scale`` > 1 for large print."""

    scale: float
    sheet: dict

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.sheet[name]

    def size(self, points: float) -> float:
        """A length (padding, box size, gap) scaled like the type."""
        return points * self.scale


LARGE_PRINT = 1.4
"""Large print scales every size by this: body 16.8 pt (RNIB: at least 16), tables 14 pt."""


SUMMARY = 1.2
"""The one-page summary's type in standard print when the page has room: tables at 12 pt,
as easy to read on a fridge door as the handout's body text."""


def make_styles(large_print: bool, scale: float | None = None) -> Styles:
    """The styles for standard or large print (or any *scale* of standard print)."""
    scale = scale or (LARGE_PRINT if large_print else 1.0)
    sheet = {}
    for name, (font, size, leading, before, after, colour, align) in SPEC.items():
        sheet[name] = ParagraphStyle(
            name, fontName=font, fontSize=size * scale, leading=leading * scale,
            spaceBefore=before * scale, spaceAfter=after * scale, textColor=colour,
            alignment=align, allowWidows=0, allowOrphans=0,
        )
    # a wrapped line starts under the first line's text: reportlab puts that text after the
    # bullet and a gap of 0.6 em, so the indent is the widest number ('8.') and that gap
    for name, indent, bullet_at in (("bullet", 14, 1.5), ("step", 18, 0)):
        base = sheet["body"]
        sheet[name] = ParagraphStyle(
            name, parent=base, leftIndent=indent * scale, bulletIndent=bullet_at * scale,
            spaceAfter=1 * scale, bulletFontName=BOLD, bulletFontSize=base.fontSize,
        )
    sheet["cell_bullet"] = ParagraphStyle(
        "cell_bullet", parent=sheet["cell"], leftIndent=10.5 * scale, bulletIndent=0,
        bulletFontName=BOLD, bulletFontSize=sheet["cell"].fontSize)
    # a long paragraph beside a card's figure may go on below it from any line
    sheet["run_on"] = ParagraphStyle("run_on", parent=sheet["body"], allowWidows=1,
                                     allowOrphans=1)
    # a variant's name in a narrow table cell may break after a hyphen ('Gato-' 'camello'),
    # never inside a word
    sheet["cell_name"] = ParagraphStyle("cell_name", parent=sheet["cell_bold"],
                                        embeddedHyphenation=1)
    sheet["h1"].leftIndent = 10 * scale  # clear of the bar at the left of its band
    for name in ("h1", "h2", "h3", "sheet_title", "label", "box_title", "warn_title"):
        sheet[name].keepWithNext = 1  # a heading never ends a page on its own
    return Styles(scale, sheet)
