"""One figure on its own, as SVG, PDF or PNG (``hepgen figure``), named and described so a
screen reader or a file browser says what it shows."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from .pose import SIDED, Figure, Pose

ASPECT = 0.62  # height / width, as on the exercise cards
AUTHOR = "hepgen"


def position(pose: Pose) -> str:
    """The position a pose shows, in a few plain words ("on hands and knees")."""
    c = {SIDED[n][1] if n in SIDED else n for n in pose.contacts}
    arms = "forearms" if c & {"forearms", "elbows"} else "hands" if "hands" in c else ""
    if "seat" in c:
        return "sitting on a chair"
    if "shoulders" in c:
        return "lying on the back, hips lifted"
    if "back" in c:
        return "lying on the back"
    if c & {"chest", "hips"}:
        if arms and "chest" not in c:
            return f"lying face down, propped on the {arms}"
        return "lying face down"
    if arms and c & {"knees", "shins"}:
        return f"on {arms} and knees"
    if arms and c & {"toes", "feet"}:
        return f"on {arms} and toes"
    return "standing" if c & {"feet", "heels", "toes"} else "side view"


def describe(figure: Figure, name: str) -> str:
    """A one-sentence text alternative for a figure."""
    first = position(figure.poses[0])
    text = f"{name}, seen from the side: {first}"
    if len(figure.poses) == 2:
        last = position(figure.poses[1])
        text += f", moving to {last}" if last != first else ", with an arrow showing the movement"
    return text + "."


def export(figure: Figure, width: float, fmt: str, title: str = "hepgen figure") -> bytes:
    """The figure in a file of its own: *fmt* is svg, pdf or png; *title* names it."""
    height = width * ASPECT
    desc = describe(figure, title)
    if fmt == "png":
        from .raster import png

        return png(figure, width, height)
    if fmt == "svg":
        from reportlab.graphics import renderSVG

        from .draw import render

        svg = renderSVG.drawToString(render(figure, width, height))
        svg = svg.replace("<title>...</title>", f"<title>{escape(title)}</title>", 1)
        svg = svg.replace("<desc>...</desc>", f"<desc>{escape(desc)}</desc>", 1)
        return svg.encode("utf-8")
    from reportlab.pdfgen.canvas import Canvas

    from ..fonts import REGULAR, register
    from .draw import draw_on, paint

    register()
    out = io.BytesIO()
    # the handout font as the page's initial font: no unembedded Helvetica in the file
    canvas = Canvas(out, pagesize=(width, height), invariant=1, initialFontName=REGULAR)
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setSubject(desc)
    canvas.setCreator(AUTHOR)
    draw_on(canvas, paint(figure, width, height))
    canvas.showPage()
    canvas.save()
    return out.getvalue()
