"""Drawing posed figures: clean strokes that print in black and white.

Near-side limbs are dark, far-side limbs lighter and slightly offset; an overlaid start
pose is pale; a motion arrow follows the part that moves (or sits between two side-by-side
poses). Everything is scaled to fit the box with a margin, one scale for all poses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors

from .pose import LENGTH, LIMB, PILLOW, TRUNK, Body, Figure, solve

NEAR = colors.HexColor("#222222")
FAR = colors.HexColor("#8f8f8f")
GHOST = colors.HexColor("#cccccc")
PROP = colors.HexColor("#8a8a8a")
PROP_FILL = colors.HexColor("#e6e6e6")
FLOOR = colors.HexColor("#6f6f6f")
ARROW = colors.HexColor("#1d5c63")
FAR_SHIFT = (0.018, 0.006)  # far limbs sit a little behind and above the near ones

Point = tuple[float, float]


# --- layout in body units --------------------------------------------------------------


@dataclass
class Scene:
    bodies: list[Body]
    props: list[tuple[str, tuple]]  # (kind, geometry) in body units
    arrow: tuple | None  # ("curve", start, control, end, two_way) or ("line", start, end, two_way)
    bounds: tuple[float, float, float, float]
    ghost_first: bool


def _prop_shapes(body: Body) -> list[tuple[str, tuple]]:
    pose, p = body.pose, body.points
    if pose.prop == "pillow":
        x = p["hip"][0]
        return [("pillow", (x - 0.11, 0.0, 0.22, PILLOW))]
    if pose.prop == "towel":
        foot = ((p["near_ankle"][0] + p["near_toe"][0]) / 2, (p["near_ankle"][1] + p["near_toe"][1]) / 2)
        return [("towel", (p["near_wrist"], foot))]
    if pose.prop == "chair":
        seat = p["hip"][1] - TRUNK / 2
        x = p["hip"][0]
        return [("chair", (x - 0.13, x + 0.08, seat, seat + 0.22))]
    if pose.prop == "wall":
        foot = max((p["near_ankle"], p["near_toe"]), key=lambda q: q[1])
        x = min(p["near_ankle"][0], p["near_toe"][0]) - LIMB / 2 - 0.03  # the heel rests on it
        return [("wall", (x, 0.0, max(foot[1] + 0.12, 0.5)))]
    return []


def _prop_bounds(kind: str, geo: tuple) -> list[Point]:
    if kind == "pillow":
        x, y, w, h = geo
        return [(x, y), (x + w, y + h)]
    if kind == "towel":
        return list(geo)
    if kind == "chair":
        x0, x1, seat, back = geo
        return [(x0, 0.0), (x1, back)]
    x, y0, y1 = geo
    return [(x, y0), (x + 0.03, y1)]


@lru_cache(maxsize=512)
def layout(figure: Figure) -> Scene:
    """Solve and arrange a figure's poses (cached: figures are immutable values and the
    same ones recur on every card, in the glance table and across a batch)."""
    bodies = [solve(pose) for pose in figure.poses]
    arrow = None
    if len(bodies) == 2 and figure.show == "side-by-side":
        x0 = bodies[0].bounds()[2]
        gap = 0.22
        dx = x0 + gap - bodies[1].bounds()[0]
        bodies[1] = bodies[1].shifted(dx, 0.0)
        top = max(b.bounds()[3] for b in bodies)
        y = top * 0.55
        arrow = ("line", (x0 + 0.04, y), (x0 + gap - 0.04, y), figure.two_way)
    elif len(bodies) == 2:
        arrow = _motion_arrow(bodies[0], bodies[1], figure.two_way)
    props = [shape for body in bodies for shape in _prop_shapes(body)]
    xs, ys = [], []
    for body in bodies:
        x0, y0, x1, y1 = body.bounds()
        xs += [x0, x1]
        ys += [y0, y1]
    for kind, geo in props:
        for x, y in _prop_bounds(kind, geo):
            xs.append(x)
            ys.append(y)
    if arrow:
        pts = [q for q in arrow[1:-1]]
        xs += [q[0] for q in pts]
        ys += [q[1] for q in pts]
    bounds = (min(xs) - 0.04, min(0.0, min(ys)), max(xs) + 0.04, max(ys) + 0.03)
    return Scene(bodies, props, arrow, bounds, ghost_first=len(bodies) == 2 and figure.show != "side-by-side")


def _motion_arrow(start: Body, end: Body, two_way: bool) -> tuple | None:
    keys = ("near_hand", "far_hand", "near_toe", "far_toe", "head", "shoulder")
    moved = max(keys, key=lambda k: math.dist(start.points[k], end.points[k]))
    a, b = start.points[moved], end.points[moved]
    if math.dist(a, b) < 0.03:
        return None
    # bow the arrow away from the body's middle, clear of the limb
    centre = ((start.points["hip"][0] + start.points["shoulder"][0]) / 2,
              (start.points["hip"][1] + start.points["shoulder"][1]) / 2)
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    nx, ny = -dy / length, dx / length
    if (mx - centre[0]) * nx + (my - centre[1]) * ny < 0:
        nx, ny = -nx, -ny
    push = 0.05
    a2 = (a[0] + nx * push, a[1] + ny * push)
    b2 = (b[0] + nx * push, b[1] + ny * push)
    control = (mx + nx * (push + length * 0.3), my + ny * (push + length * 0.3))
    if control[1] < 0.02:  # keep the arrow above the floor
        control = (control[0], 0.02)
    return ("curve", a2, control, b2, two_way)


# --- drawing ---------------------------------------------------------------------------


def _arrowhead(tip: Point, back: Point, size: float) -> tuple:
    angle = math.atan2(tip[1] - back[1], tip[0] - back[0])
    left = (tip[0] - size * math.cos(angle - 0.45), tip[1] - size * math.sin(angle - 0.45))
    right = (tip[0] - size * math.cos(angle + 0.45), tip[1] - size * math.sin(angle + 0.45))
    return ("polygon", [tip, left, right], ARROW, 0.5, ARROW)


class _Painter:
    """Turns a scene into drawing primitives, in points:

    ("polyline", points, stroke, width), ("polygon", points, stroke, width, fill),
    ("circle", centre, radius, stroke, fill), ("rect", (x, y, w, h, corner), stroke,
    width, fill), ("line", a, b, stroke, width), ("curve", [a, c1, c2, b], stroke, width).
    """

    def __init__(self, scale: float, origin: Point):
        self.scale = scale
        self.origin = origin
        self.out: list[tuple] = []

    def xy(self, point: Point) -> Point:
        return (self.origin[0] + point[0] * self.scale, self.origin[1] + point[1] * self.scale)

    def polyline(self, points: list[Point], colour, width: float) -> None:
        self.out.append(("polyline", [self.xy(p) for p in points], colour, width * self.scale))

    def body(self, body: Body, ghost: bool) -> None:
        p = body.points
        near, far = (GHOST, GHOST) if ghost else (NEAR, FAR)
        shift = FAR_SHIFT
        def f(name):
            return (p[name][0] + shift[0], p[name][1] + shift[1])
        # far side first, behind the body
        self.polyline([f("hip"), f("far_knee"), f("far_ankle"), f("far_toe")], far, LIMB)
        self.polyline([f("shoulder"), f("far_elbow"), f("far_wrist"), f("far_hand")], far, LIMB)
        # trunk as a smooth curve, then neck and head
        self.polyline(body.spine_points(16), near, TRUNK)
        self.polyline([p["shoulder"], p["neck"]], near, LIMB * 0.9)
        self.out.append(("circle", self.xy(p["head"]), LENGTH["head"] * self.scale, near, near))
        # near side in front
        self.polyline([p["hip"], p["near_knee"], p["near_ankle"], p["near_toe"]], near, LIMB)
        self.polyline([p["shoulder"], p["near_elbow"], p["near_wrist"], p["near_hand"]], near, LIMB)

    def prop(self, kind: str, geo: tuple) -> None:
        s = self.scale
        if kind == "pillow":
            x, y, w, h = geo
            x0, y0 = self.xy((x, y))
            self.out.append(("rect", (x0, y0, w * s, h * s, h * s / 2), PROP,
                             max(0.6, 0.006 * s), PROP_FILL))
        elif kind == "towel":
            (a, b) = geo
            self.polyline([a, b], PROP, LIMB * 0.35)
        elif kind == "chair":
            x0, x1, seat, back = geo
            self.polyline([(x0, seat), (x1, seat)], PROP, 0.025)
            self.polyline([(x0 + 0.01, seat), (x0 + 0.01, 0.0)], PROP, 0.018)
            self.polyline([(x1 - 0.01, seat), (x1 - 0.01, 0.0)], PROP, 0.018)
            self.polyline([(x0 + 0.01, seat), (x0 - 0.01, back)], PROP, 0.018)
        elif kind == "wall":
            x, y0, y1 = geo
            x0, b0 = self.xy((x, y0))
            _, b1 = self.xy((x, y1))
            self.out.append(("rect", (x0, b0, 0.03 * s, b1 - b0, 0), PROP, max(0.6, 0.006 * s),
                             PROP_FILL))

    def arrow(self, arrow: tuple) -> None:
        width = max(1.0, 0.012 * self.scale)
        head = max(4.0, 0.045 * self.scale)
        if arrow[0] == "line":
            _, a, b, two_way = arrow
            A, B = self.xy(a), self.xy(b)
            self.out.append(("line", A, B, ARROW, width))
            self.out.append(_arrowhead(B, A, head))
            if two_way:
                self.out.append(_arrowhead(A, B, head))
            return
        _, a, c, b, two_way = arrow
        A, C, B = self.xy(a), self.xy(c), self.xy(b)
        # quadratic -> cubic Bezier
        c1 = (A[0] + 2 / 3 * (C[0] - A[0]), A[1] + 2 / 3 * (C[1] - A[1]))
        c2 = (B[0] + 2 / 3 * (C[0] - B[0]), B[1] + 2 / 3 * (C[1] - B[1]))
        self.out.append(("curve", [A, c1, c2, B], ARROW, width))
        self.out.append(_arrowhead(B, c2, head))
        if two_way:
            self.out.append(_arrowhead(A, c1, head))


def fit(scene: Scene, width: float, height: float, margin: float) -> tuple[float, Point]:
    """The scale and origin that fit a scene into a box, centred, with a margin."""
    x0, y0, x1, y1 = scene.bounds
    scale = min((width - 2 * margin) / (x1 - x0), (height - 2 * margin) / (y1 - y0))
    used_w, used_h = (x1 - x0) * scale, (y1 - y0) * scale
    origin = (margin + (width - 2 * margin - used_w) / 2 - x0 * scale,
              margin + (height - 2 * margin - used_h) / 2 - y0 * scale)
    return scale, origin


def default_margin(width: float, height: float) -> float:
    return min(width, height) * 0.06


@lru_cache(maxsize=256)
def paint(figure: Figure, width: float, height: float) -> tuple[tuple, ...]:
    """The figure as drawing primitives fitting a *width* x *height* box (points)."""
    scene = layout(figure)
    margin = default_margin(width, height)
    painter = _Painter(*fit(scene, width, height, margin))
    fy = painter.xy((0.0, 0.0))[1]
    painter.out.append(("line", (margin * 0.5, fy), (width - margin * 0.5, fy), FLOOR,
                        max(0.8, 0.01 * painter.scale)))
    for kind, geo in scene.props:
        if kind in ("pillow", "chair", "wall"):
            painter.prop(kind, geo)
    for i, body in enumerate(scene.bodies):
        painter.body(body, ghost=scene.ghost_first and i == 0)
    for kind, geo in scene.props:
        if kind == "towel":
            painter.prop(kind, geo)
    if scene.arrow:
        painter.arrow(scene.arrow)
    return tuple(painter.out)


def draw_on(canvas, primitives, x: float = 0.0, y: float = 0.0) -> None:
    """Draw primitives straight onto a PDF canvas (no reportlab.graphics needed)."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for item in primitives:
        kind = item[0]
        if kind in ("polyline", "polygon", "curve"):
            points, stroke, width = item[1], item[2], item[3]
            canvas.setStrokeColor(stroke)
            canvas.setLineWidth(width)
            path = canvas.beginPath()
            path.moveTo(*points[0])
            if kind == "curve":
                path.curveTo(*points[1], *points[2], *points[3])
            else:
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
    from reportlab.graphics.shapes import Circle, Drawing, Line, Path, PolyLine, Polygon, Rect

    drawing = Drawing(width, height)
    for item in paint(figure, width, height):
        kind = item[0]
        if kind == "polyline":
            drawing.add(PolyLine([c for p in item[1] for c in p], strokeColor=item[2],
                                 strokeWidth=item[3], strokeLineCap=1, strokeLineJoin=1))
        elif kind == "polygon":
            drawing.add(Polygon([c for p in item[1] for c in p], strokeColor=item[2],
                                strokeWidth=item[3], fillColor=item[4]))
        elif kind == "curve":
            a, c1, c2, b = item[1]
            path = Path(strokeColor=item[2], strokeWidth=item[3], fillColor=None, strokeLineCap=1)
            path.moveTo(*a)
            path.curveTo(*c1, *c2, *b)
            drawing.add(path)
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
