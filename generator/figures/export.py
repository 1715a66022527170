"""One figure on its own, as SVG, PDF or PNG (``hepgen figure``), named and described so a
screen reader or a file browser says what it shows."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from .pose import SIDED, Figure, Pose

ASPECT = 0.62  # height / width, as on the exercise cards
AUTHOR = "hepgen"


def position(pose: Pose) -> str:
    """The position a pose shows, in a few plain words ("on hands and knees"), in the
    language being rendered."""
    from ..i18n import _

    c = {SIDED[n][1] if n in SIDED else n for n in pose.contacts}
    forearms = bool(c & {"forearms", "elbows"})
    arms = forearms or "hands" in c
    if "seat" in c:
        return _("sitting on a chair")
    if "shoulders" in c:
        return _("lying on the back, hips lifted")
    if "back" in c:
        return _("lying on the back")
    if c & {"chest", "hips"}:
        if arms and "chest" not in c:
            return (_("lying face down, propped on the forearms") if forearms else
                    _("lying face down, propped on the hands"))
        return _("lying face down")
    if arms and c & {"knees", "shins"}:
        return _("on forearms and knees") if forearms else _("on hands and knees")
    if arms and c & {"toes", "feet"}:
        return _("on forearms and toes") if forearms else _("on hands and toes")
    return _("standing") if c & {"feet", "heels", "toes"} else _("side view")


def describe(figure: Figure, name: str) -> str:
    """A one-sentence text alternative for a figure."""
    from ..i18n import _

    first = position(figure.poses[0])
    text = _("{name}, seen from the side: {position}").format(name=name, position=first)
    if len(figure.poses) == 2:
        last = position(figure.poses[1])
        text = (_("{text}, moving to {position}").format(text=text, position=last)
                if last != first else
                _("{text}, with an arrow showing the movement").format(text=text))
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
