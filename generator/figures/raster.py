"""Figures as PNG images, for a quick look without an SVG viewer (``hepgen figure -o x.png``).

reportlab's own bitmap renderer needs pycairo, which has no wheels for Linux; Pillow comes
with reportlab everywhere, so the drawing primitives of :func:`draw.paint` are rasterised
here: drawn at four times the size, then scaled down, which smooths the edges.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

from .draw import paint
from .pose import Figure

SUPER = 4  # supersampling factor
LABEL = 11  # points: the variant names under a contact sheet's tiles


def _rgb(colour) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in colour.rgb())


class _Pen:
    """Draws primitives in points (y up) onto a Pillow image (y down) at *zoom* pixels a point."""

    def __init__(self, image: Image.Image, zoom: float, dx: float = 0.0, top: float = 0.0):
        self.ink = ImageDraw.Draw(image)
        self.zoom, self.dx, self.top = zoom, dx, top

    def xy(self, p):
        return ((p[0] + self.dx) * self.zoom, (self.top - p[1]) * self.zoom)

    def stroke(self, points, colour, width: float) -> None:
        pts = [self.xy(p) for p in points]
        w = max(1.0, width * self.zoom)
        rgb = _rgb(colour)
        if len(pts) > 1:
            self.ink.line(pts, fill=rgb, width=round(w))
        r = w / 2
        for x, y in pts if r > 1.5 else ():  # round caps and joins
            self.ink.ellipse((x - r, y - r, x + r, y + r), fill=rgb)

    def draw(self, item) -> None:
        kind = item[0]
        if kind == "polyline":
            self.stroke(item[1], item[2], item[3])
        elif kind == "polygon":
            self.ink.polygon([self.xy(p) for p in item[1]], fill=_rgb(item[4]), outline=_rgb(item[2]))
        elif kind == "circle":
            (cx, cy), r = self.xy(item[1]), item[2] * self.zoom
            self.ink.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_rgb(item[4]), outline=_rgb(item[3]))
        elif kind == "rect":
            x0, y0, w, h, corner = item[1]
            (ax, ay), (bx, by) = self.xy((x0, y0 + h)), self.xy((x0 + w, y0))
            self.ink.rounded_rectangle((ax, ay, bx, by), radius=corner * self.zoom,
                                       fill=_rgb(item[4]), outline=_rgb(item[2]),
                                       width=max(1, round(item[3] * self.zoom)))
        else:  # line
            self.stroke([item[1], item[2]], item[3], item[4])


def _finish(image: Image.Image, grey: bool) -> bytes:
    size = (image.width // SUPER, image.height // SUPER)
    image = image.resize(size, Image.LANCZOS)
    if grey:
        image = image.convert("L")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def png(figure: Figure, width: float, height: float, dpi: int = 144, grey: bool = False) -> bytes:
    """One figure as a PNG of *width* x *height* points at *dpi*."""
    zoom = dpi / 72 * SUPER
    image = Image.new("RGB", (math.ceil(width * zoom), math.ceil(height * zoom)), "white")
    pen = _Pen(image, zoom, top=height)
    for item in paint(figure, width, height):
        pen.draw(item)
    return _finish(image, grey)


def contact_sheet(tiles: list[tuple[str, Figure]], width: float, height: float, columns: int = 4,
                  dpi: int = 144, grey: bool = False) -> bytes:
    """Many figures on one PNG, each in a framed *width* x *height* box with its name under it."""
    zoom = dpi / 72 * SUPER
    label = LABEL * 1.8
    rows = max(1, math.ceil(len(tiles) / columns))
    cell_h = height + label
    image = Image.new("RGB", (math.ceil(columns * width * zoom), math.ceil(rows * cell_h * zoom)), "white")
    font = ImageFont.load_default(size=LABEL * zoom)
    for i, (name, figure) in enumerate(tiles):
        column, row = i % columns, i // columns
        pen = _Pen(image, zoom, dx=column * width, top=row * cell_h + height)
        x0, y0 = pen.xy((0, height))
        x1, y1 = pen.xy((width, 0))
        pen.ink.rectangle((x0 + zoom, y0 + zoom, x1 - zoom, y1 - zoom), outline=(200, 200, 200),
                          width=round(zoom))
        for item in paint(figure, width, height):
            pen.draw(item)
        pen.ink.text(((x0 + x1) / 2, y1 + label * zoom / 2), name, fill=(0, 0, 0), font=font,
                     anchor="mm")
    return _finish(image, grey)
