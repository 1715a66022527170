"""Drawing posed figures: clean strokes that print in black and white.

Near-side limbs are dark, far-side limbs lighter and slightly offset; in an overlay the parts
that move are also shown pale where they start; a motion arrow follows the part that moves
(or sits between two side-by-side poses). Every figure fills the box it is given, one scale
for all its poses, so a larger box (large print) draws it larger.
"""

from __future__ import annotations

import math
from functools import lru_cache

from reportlab.lib import colors

from .pose import LENGTH, LIMB, TRUNK, Body, Figure
from .scene import WALL, Arrow, Scene, layout

NEAR = colors.HexColor("#222222")
FAR = colors.HexColor("#8f8f8f")
GHOST = colors.HexColor("#c8c8c8")
PROP = colors.HexColor("#8a8a8a")
PROP_FILL = colors.HexColor("#e6e6e6")
FLOOR = colors.HexColor("#6f6f6f")
ARROW = colors.HexColor("#1d5c63")
FAR_SHIFT = (0.018, 0.006)  # far limbs sit a little behind and above the near ones

Point = tuple[float, float]
MOVED = 0.02  # a joint that moves less than this between the poses is not shown twice


# --- drawing ---------------------------------------------------------------------------


def _arrowhead(tip: Point, back: Point, size: float) -> tuple:
    angle = math.atan2(tip[1] - back[1], tip[0] - back[0])
    left = (tip[0] - size * math.cos(angle - 0.45), tip[1] - size * math.sin(angle - 0.45))
    right = (tip[0] - size * math.cos(angle + 0.45), tip[1] - size * math.sin(angle + 0.45))
    return ("polygon", [tip, left, right], ARROW, 0.5, ARROW)


def _moved(a: Body, b: Body, names) -> bool:
    return any(math.dist(a.points[n], b.points[n]) > MOVED for n in names)


class _Painter:
    """Turns a scene into drawing primitives, in points:

    ("polyline", points, stroke, width), ("polygon", points, stroke, width, fill),
    ("circle", centre, radius, stroke, fill), ("rect", (x, y, w, h, corner), stroke,
    width, fill), ("line", a, b, stroke, width).
    """

    def __init__(self, scale: float, origin: Point):
        self.scale = scale
        self.origin = origin
        self.out: list[tuple] = []

    def xy(self, point: Point) -> Point:
        return (self.origin[0] + point[0] * self.scale, self.origin[1] + point[1] * self.scale)

    def polyline(self, points: list[Point], colour, width: float) -> None:
        self.out.append(("polyline", [self.xy(p) for p in points], colour, width * self.scale))

    def body(self, body: Body, other: Body | None = None) -> None:
        """One pose; with *other* (the end pose), only the parts that move, pale."""
        p = body.points
        near, far = (GHOST, GHOST) if other else (NEAR, FAR)
        def f(name):
            return (p[name][0] + FAR_SHIFT[0], p[name][1] + FAR_SHIFT[1])
        def shown(*names):
            return other is None or _moved(body, other, names)
        trunk = shown("hip", "shoulder", "pelvis")
        # far side first, behind the body
        if shown("far_knee", "far_ankle", "far_toe") or trunk:
            self.polyline([f("hip"), f("far_knee"), f("far_ankle"), f("far_toe")], far, LIMB)
        if shown("far_elbow", "far_wrist", "far_hand") or trunk:
            self.polyline([f("shoulder"), f("far_elbow"), f("far_wrist"), f("far_hand")], far, LIMB)
        if trunk:  # the back as a smooth curve, then neck and head
            self.polyline(body.spine_points(16), near, TRUNK)
        if trunk or shown("head"):
            self.polyline([p["shoulder"], p["neck"]], near, LIMB * 0.9)
            self.out.append(("circle", self.xy(p["head"]), LENGTH["head"] * self.scale, near, near))
        # near side in front
        if shown("near_knee", "near_ankle", "near_toe") or trunk:
            self.polyline([p["hip"], p["near_knee"], p["near_ankle"], p["near_toe"]], near, LIMB)
        if shown("near_elbow", "near_wrist", "near_hand") or trunk:
            self.polyline([p["shoulder"], p["near_elbow"], p["near_wrist"], p["near_hand"]], near, LIMB)

    def prop(self, kind: str, geo: tuple) -> None:
        s = self.scale
        edge = max(0.6, 0.006 * s)
        if kind == "pillow":
            x, y, w, h = geo
            x0, y0 = self.xy((x, y))
            self.out.append(("rect", (x0, y0, w * s, h * s, h * s / 2), PROP, edge, PROP_FILL))
        elif kind == "towel":
            (a, b) = geo
            self.polyline([a, b], PROP, LIMB * 0.35)
        elif kind == "chair":
            x0, x1, seat, back = geo
            self.polyline([(x0, seat), (x1, seat)], PROP, 0.025)
            self.polyline([(x0 + 0.01, seat), (x0 + 0.01, 0.0)], PROP, 0.018)
            self.polyline([(x1 - 0.01, seat), (x1 - 0.01, 0.0)], PROP, 0.018)
            self.polyline([(x0 + 0.01, seat), (x0 - 0.01, back)], PROP, 0.018)
        elif kind == "door":  # a wall cut through, hatched as on a plan, ending at the frame
            x, top = geo
            x0, y0 = self.xy((x, 0.0))
            _, y1 = self.xy((x, top))
            self.out.append(("rect", (x0, y0, WALL * s, y1 - y0, 0), PROP, edge, PROP_FILL))
            y = -WALL
            while y < top:  # 45-degree hatching, clipped to the wall
                a = (x + max(0.0, -y), max(0.0, y))
                b = (x + min(WALL, top - y), min(top, y + WALL))
                if b[0] > a[0]:
                    self.polyline([a, b], PROP, 0.006)
                y += 0.05
            self.polyline([(x + WALL, 0.0), (x + WALL, top)], NEAR, 0.01)  # the frame's edge

    def arrow(self, arrow: Arrow) -> None:
        points = [self.xy(q) for q in arrow.points]
        length = sum(math.dist(a, b) for a, b in zip(points, points[1:]))
        width = max(0.9, 0.014 * self.scale)
        # the head never takes more than a third of a short arrow (nor both heads two thirds)
        head = min(max(3.5, 0.05 * self.scale), length / 3)
        tip, back = points[-1], self._back(points, head)
        self.out.append(("polyline", self._shorten(points, head * 0.6), ARROW, width))
        self.out.append(_arrowhead(tip, back, head))
        if arrow.two_way:
            self.out.append(_arrowhead(points[0], self._back(points[::-1], head), head))

    @staticmethod
    def _back(points: list[Point], head: float) -> Point:
        """The point on the path one head length before its end, to aim the head."""
        run = 0.0
        for a, b in zip(points[::-1], points[-2::-1]):
            run += math.dist(a, b)
            if run >= head:
                return b
        return points[0]

    @staticmethod
    def _shorten(points: list[Point], cut: float) -> list[Point]:
        """The path without its last *cut* points, so the line stops inside the head."""
        (ax, ay), (bx, by) = points[-2], points[-1]
        d = math.dist(points[-2], points[-1])
        if d <= cut:
            return points[:-1] if len(points) > 2 else points
        t = (d - cut) / d
        return points[:-1] + [(ax + (bx - ax) * t, ay + (by - ay) * t)]

    def hold(self, centre: Point) -> None:
        """A pause mark: two short upright bars."""
        for dx in (-0.018, 0.018):
            x, y = centre[0] + dx, centre[1]
            self.polyline([(x, y - 0.03), (x, y + 0.03)], ARROW, 0.018)


def fit(scene: Scene, width: float, height: float, margin: float) -> tuple[float, Point]:
    """The scale and origin that fill a box with a scene: centred across, standing low
    (the floor a margin above the box's bottom, spare height shared a third below)."""
    x0, y0, x1, y1 = scene.bounds
    scale = min((width - 2 * margin) / (x1 - x0), (height - 2 * margin) / (y1 - y0))
    used_w, used_h = (x1 - x0) * scale, (y1 - y0) * scale
    origin = (margin + (width - 2 * margin - used_w) / 2 - x0 * scale,
              margin + (height - 2 * margin - used_h) / 3 - y0 * scale)
    return scale, origin


def default_margin(width: float, height: float) -> float:
    return min(width, height) * 0.05


@lru_cache(maxsize=256)
def paint(figure: Figure, width: float, height: float) -> tuple[tuple, ...]:
    """The figure as drawing primitives filling a *width* x *height* box (points)."""
    scene = layout(figure)
    margin = default_margin(width, height)
    painter = _Painter(*fit(scene, width, height, margin))
    fy = painter.xy((0.0, 0.0))[1]
    painter.out.append(("line", (margin * 0.5, fy), (width - margin * 0.5, fy), FLOOR,
                        max(0.8, 0.01 * painter.scale)))
    for kind, geo in scene.props:
        if kind != "towel":
            painter.prop(kind, geo)
    if scene.ghost_first:
        painter.body(scene.bodies[0], other=scene.bodies[1])
        painter.body(scene.bodies[1])
    else:
        for body in scene.bodies:
            painter.body(body)
    for kind, geo in scene.props:
        if kind == "towel":
            painter.prop(kind, geo)
    for arrow in scene.arrows:
        painter.arrow(arrow)
    for centre in scene.holds:
        painter.hold(centre)
    return tuple(painter.out)


def draw_on(canvas, primitives, x: float = 0.0, y: float = 0.0) -> None:
    """Draw primitives straight onto a PDF canvas (no reportlab.graphics needed)."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for item in primitives:
        kind = item[0]
        if kind in ("polyline", "polygon"):
            points, stroke, width = item[1], item[2], item[3]
            canvas.setStrokeColor(stroke)
            canvas.setLineWidth(width)
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            if kind == "polygon":
                path.close()
                canvas.setFillColor(item[4])
            canvas.drawPath(path, stroke=1, fill=kind == "polygon")
        elif kind == "circle":
            _, (cx, cy), r, stroke, fill = item
            canvas.setStrokeColor(stroke)
            canvas.setFillColor(fill)
            canvas.setLineWidth(0.5)
            canvas.circle(cx, cy, r, stroke=1, fill=1)
        elif kind == "rect":
            _, (x0, y0, w, h, corner), stroke, width, fill = item
            canvas.setStrokeColor(stroke)
            canvas.setFillColor(fill)
            canvas.setLineWidth(width)
            canvas.roundRect(x0, y0, w, h, corner, stroke=1, fill=1)
        else:  # line
            _, a, b, stroke, width = item
            canvas.setStrokeColor(stroke)
            canvas.setLineWidth(width)
            canvas.line(a[0], a[1], b[0], b[1])
    canvas.restoreState()


def render(figure: Figure, width: float, height: float):
    """The figure as a reportlab Drawing (for SVG and PDF files of one figure)."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Polygon, Rect

    drawing = Drawing(width, height)
    for item in paint(figure, width, height):
        kind = item[0]
        if kind == "polyline":
            drawing.add(PolyLine([c for p in item[1] for c in p], strokeColor=item[2],
                                 strokeWidth=item[3], strokeLineCap=1, strokeLineJoin=1))
        elif kind == "polygon":
            drawing.add(Polygon([c for p in item[1] for c in p], strokeColor=item[2],
                                strokeWidth=item[3], fillColor=item[4]))
        elif kind == "circle":
            drawing.add(Circle(*item[1], item[2], strokeColor=item[3], fillColor=item[4],
                               strokeWidth=0.5))
        elif kind == "rect":
            x0, y0, w, h, corner = item[1]
            drawing.add(Rect(x0, y0, w, h, rx=corner, ry=corner, strokeColor=item[2],
                             strokeWidth=item[3], fillColor=item[4]))
        else:
            _, a, b, stroke, width_ = item
            drawing.add(Line(a[0], a[1], b[0], b[1], strokeColor=stroke, strokeWidth=width_,
                             strokeLineCap=1))
    return drawing
