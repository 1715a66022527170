"""One figure on its own, as SVG or PDF (``hepgen figure``)."""

from __future__ import annotations

from reportlab.graphics import renderPDF, renderSVG

from .draw import render
from .pose import Figure

ASPECT = 0.62  # height / width, as on the exercise cards


def export(data: dict, width: float, fmt: str) -> bytes:
    drawing = render(Figure.from_data(data), width, width * ASPECT)
    if fmt == "svg":
        return renderSVG.drawToString(drawing).encode("utf-8")
    from ..fonts import REGULAR, register

    register()
    drawing.initialFontName = REGULAR  # no unembedded Helvetica in the file
    return renderPDF.drawToString(drawing, title="hepgen figure", invariant=1)
