"""A figure laid out in body units: solved bodies, props, the motion arrow and pause marks.

Pure geometry (no reportlab), so ``validate`` can check what will be drawn without drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .pose import LENGTH, LIFT, LIMB, PILLOW, TRUNK, Body, Figure, contact_points, solve

Point = tuple[float, float]

GAP = 0.26  # between two poses drawn side by side
CLEAR = 0.06  # how far an arrow runs outside the part it follows
FLOOR_CLEAR = LIFT + 0.035  # the lowest an arrow may run
MIN_ARROW = 0.14  # the shortest arrow, so a small lift still shows
WALL = 0.09  # thickness of a wall (about 15 cm)
MOVERS = (("near_hand", "near_elbow"), ("far_hand", "far_elbow"), ("near_toe", "near_knee"),
          ("far_toe", "far_knee"), ("head",), ("hip",))
# what each moving part swings about: the trunk rises about the hips (a press-up, a curl-up)
# or the hips about the shoulders (a bridge, a side plank's hip dip)
PIVOT = {"hand": "shoulder", "elbow": "shoulder", "toe": "hip", "knee": "hip", "head": "hip",
         "hip": "shoulder"}
TRUNK_PARTS = ("head", "hip")


@dataclass(frozen=True)
class Arrow:
    points: tuple[Point, ...]  # along the motion; the head is at the last point
    two_way: bool = False


@dataclass
class Scene:
    bodies: list[Body]
    props: list[tuple[str, tuple]]  # (kind, geometry) in body units
    arrows: tuple[Arrow, ...]
    holds: tuple[Point, ...]  # centres of pause marks
    bounds: tuple[float, float, float, float]
    ghost_first: bool


def prop_shapes(body: Body) -> list[tuple[str, tuple]]:
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
        return [("chair", (x - 0.13, x + 0.08, seat, seat + 0.24))]
    if pose.prop == "wall":  # the wall beside a doorway, seen end on: the raised heel rests
        # against its edge (the door frame), the other leg passes through the opening
        heel = max((p["near_ankle"], p["near_toe"]), key=lambda q: q[1])
        x = min(p["near_ankle"][0], p["near_toe"][0]) - LIMB / 2 - WALL
        return [("door", (x, max(heel[1] + 0.15, 0.55)))]
    return []


def _prop_bounds(kind: str, geo: tuple) -> list[Point]:
    if kind == "pillow":
        x, y, w, h = geo
        return [(x, y), (x + w, y + h)]
    if kind == "towel":
        return list(geo)
    if kind == "chair":
        x0, x1, seat, back = geo
        return [(x0 - 0.02, 0.0), (x1, back)]
    x, top = geo  # door
    return [(x, 0.0), (x + WALL, top)]


def _arc(centre: Point, radius: float, a0: float, a1: float, n: int = 24) -> list[Point]:
    return [(centre[0] + radius * math.cos(a0 + (a1 - a0) * i / n),
             centre[1] + radius * math.sin(a0 + (a1 - a0) * i / n)) for i in range(n + 1)]


def _trim(points: list[Point], low: float) -> list[Point]:
    """The longest run of points that stays above *low*."""
    runs, run = [], []
    for q in points:
        if q[1] >= low:
            run.append(q)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    return max(runs, key=len)


def _length(points: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(points, points[1:]))


def motion_arrows(start: Body, end: Body, two_way: bool = False) -> tuple[Arrow, ...]:
    """Arrows for the parts that move (a bird dog's arm and leg: two), each along its path.

    A part that swings about its shoulder or hip (an arm reaching, a leg lifting, the trunk
    of a press-up rising about the hips) gets an arc about that joint a little beyond the part;
    one that slides (a leg sliding back) a straight arrow just above it. Either way the arrow
    runs above the floor and its head points the way the part moves.
    """
    def travel(k: str) -> float:
        return math.dist(start.points[k], end.points[k])
    # one point for each part: its end (hand, toes), or the knee or elbow when that moves
    # much further (a leg sliding back straightens at the knee; the toes barely move)
    parts = [max(group, key=lambda k: travel(k) * (1.4 if k == group[0] else 1.0)) for group in MOVERS]
    most = max(travel(k) for k in parts)
    movers = [k for k in parts if travel(k) >= max(0.04, most * 0.4)]
    trunk = [k for k in movers if k in TRUNK_PARTS]
    if trunk and len(movers) > 1:  # the trunk moves: one arrow says it, on the end that moves
        best = max(trunk, key=travel)
        movers = [best] if travel(best) == most else [k for k in movers if k not in TRUNK_PARTS]
    arrows = (_arrow(start, end, k, two_way) for k in movers[:2])
    return tuple(a for a in arrows if a)


def _arrow(start: Body, end: Body, moved: str, two_way: bool) -> Arrow | None:
    a, b = start.points[moved], end.points[moved]
    if moved == "hip":  # the hips lift (a bridge): the thigh and trunk fill the path, so the
        # arrow stands just beyond the hips where they end up, pointing the way they went
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        tail = (b[0] + ux * (TRUNK / 2 + CLEAR / 2), b[1] + uy * (TRUNK / 2 + CLEAR / 2))
        reach = max(length, MIN_ARROW)
        return Arrow((tail, (tail[0] + ux * reach, tail[1] + uy * reach)), two_way)
    pivot_name = PIVOT[moved.split("_")[-1]]
    p0, p1 = start.points[pivot_name], end.points[pivot_name]
    r0, r1 = math.dist(p0, a), math.dist(p1, b)
    a0 = math.atan2(a[1] - p0[1], a[0] - p0[0])
    a1 = math.atan2(b[1] - p1[1], b[0] - p1[0])
    sweep = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
    slides = max(a[1], b[1]) < 0.08  # along the floor at both ends
    if (not slides and math.dist(p0, p1) < 0.03 and abs(r0 - r1) < 0.3 * max(r0, r1)
            and abs(sweep) > math.radians(15)):
        centre = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
        radius = max(r0, r1) + CLEAR + (LENGTH["head"] if moved == "head" else 0.0)
        points = _arc(centre, radius, a0, a0 + sweep)
        if _length(_trim(points, FLOOR_CLEAR)) < 0.6 * _length(points):
            radius = min(r0, r1) * 0.75  # too near the floor outside: run inside the swing
            points = _arc(centre, radius, a0, a0 + sweep)
    else:
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        nx, ny = -dy / length, dx / length
        if ny < 0 or (abs(ny) < 1e-6 and nx > 0):  # above the path, or behind a lift
            nx, ny = -nx, -ny
        lift = CLEAR + LIMB
        reach = max(0.4 * length, MIN_ARROW / 2)
        mx, my = (a[0] + b[0]) / 2 + nx * lift, (a[1] + b[1]) / 2 + ny * lift
        points = [(mx - dx / length * reach, my - dy / length * reach),
                  (mx + dx / length * reach, my + dy / length * reach)]
        up = max(0.0, FLOOR_CLEAR - min(y for _, y in points))  # a short lift: raise it whole
        points = [(x, y + up) for x, y in points]
    points = _trim(points, FLOOR_CLEAR)
    if len(points) < 2:
        return None
    return Arrow(tuple(points), two_way)


def resting(body: Body) -> dict[str, tuple[float, float]]:
    """The points of a solved body that rest on the floor (or a pillow), by name."""
    return {n: body.points[n] for c in body.pose.contacts for n, _ in contact_points(body, c)}


def aligned(start: Body, end: Body) -> Body:
    """The end pose moved along the floor so the supports both poses share stay where they
    were (the shoulders of a bridge, the hips of a press-up; the hands and knees of a bird
    dog): only the parts that move appear to move. Without shared supports, the hips stay put."""
    first, last = resting(start), resting(end)
    shared = sorted(set(first) & set(last))
    trunk = [n for n in shared if n in ("hip", "shoulder", "head")]
    shared = trunk or shared  # the body's own weight holds it in place; hands may shift a little
    if not shared:
        return end
    dx = sum(first[n][0] - last[n][0] for n in shared) / len(shared)
    return end.shifted(dx, 0.0)


def _between(left: Body, right: Body, two_way: bool) -> Arrow:
    """The arrow between two poses drawn side by side, at the height of their backs."""
    x0, x1 = left.bounds()[2], right.bounds()[0]
    y = (left.points["shoulder"][1] + right.points["pelvis"][1]) / 2
    inset = (x1 - x0) * 0.12
    return Arrow(((x0 + inset, y), (x1 - inset, y)), two_way)


def _hold_mark(body: Body) -> Point:
    """Where a pause mark sits: above the middle of the back."""
    back = body.spine_points()
    x = back[len(back) // 2][0]
    top = max(y for _, y in body.all_points()) + LENGTH["head"]
    return (x, max(top, body.points["head"][1] + LENGTH["head"]) + 0.05)


@lru_cache(maxsize=512)
def layout(figure: Figure) -> Scene:
    """Solve and arrange a figure's poses (cached: figures are immutable values and the
    same ones recur on every card, in the glance table and across a batch)."""
    bodies = [solve(pose) for pose in figure.poses]
    arrows: tuple[Arrow, ...] = ()
    side_by_side = len(bodies) == 2 and figure.show == "side-by-side"
    if side_by_side:
        dx = bodies[0].bounds()[2] + GAP - bodies[1].bounds()[0]
        bodies[1] = bodies[1].shifted(dx, 0.0)
        arrows = (_between(bodies[0], bodies[1], figure.two_way),)
    elif len(bodies) == 2:
        bodies[1] = aligned(bodies[0], bodies[1])
        arrows = motion_arrows(bodies[0], bodies[1], figure.two_way)
    holds = tuple(_hold_mark(b) for b in bodies) if figure.hold else ()
    props = [shape for body in bodies for shape in prop_shapes(body)]
    xs, ys = [], []
    for body in bodies:
        x0, y0, x1, y1 = body.bounds()
        xs += [x0, x1]
        ys += [y0, y1]
    for kind, geo in props:
        for x, y in _prop_bounds(kind, geo):
            xs.append(x)
            ys.append(y)
    for x, y in [q for a in arrows for q in a.points] + list(holds):
        xs += [x - 0.04, x + 0.04]
        ys += [y - 0.04, y + 0.04]
    bounds = (min(xs), min(0.0, min(ys)), max(xs), max(ys))
    return Scene(bodies, props, arrows, holds, bounds,
                 ghost_first=len(bodies) == 2 and not side_by_side)
