"""The handout's font: Atkinson Hyperlegible, designed for readers with low vision.

Its names, its registration with reportlab and the check of which characters it can print
live here, outside the PDF package, so the figures and the wizard use them without the
handout's code; reportlab is imported only when a function needs it. Every piece of text
in the PDF uses this family (reportlab's built-in Helvetica is never referenced), so all
glyphs are embedded and characters such as 'Łukasz Żółć' print correctly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FAMILY = "Atkinson"
REGULAR, BOLD, ITALIC = f"{FAMILY}", f"{FAMILY}-Bold", f"{FAMILY}-Italic"


def missing_glyphs(text: str) -> list[str]:
    """The characters of *text* the regular face has no glyph for (in order, once each)."""
    from reportlab.pdfbase import pdfmetrics

    if text.isascii():
        return []
    glyphs = pdfmetrics.getFont(register()).face.charToGlyph
    seen: list[str] = []
    for ch in text:
        if ch.isprintable() and not ch.isspace() and ord(ch) not in glyphs and ch not in seen:
            seen.append(ch)
    return seen


@lru_cache(maxsize=None)
def register() -> str:
    """Register the family with reportlab; returns the regular font's name."""
    import fontpkg_atkinson_hyperlegible as package
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = Path(package.__file__).resolve().parent / "files"
    # parsing a TTF file costs ~13 ms; the handout never sets text bold and italic at
    # once, so that face maps to bold rather than being read
    for name, stem in ((REGULAR, "Regular"), (BOLD, "Bold"), (ITALIC, "Italic")):
        pdfmetrics.registerFont(TTFont(name, str(files / f"AtkinsonHyperlegible-{stem}.ttf")))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD)
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD)
    return REGULAR
