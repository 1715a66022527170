"""Poses: joint angles in, body points out. Pure geometry, no drawing.

Units are fractions of standing height H; x grows forwards (the figure faces right), y grows
upwards. Angles are absolute, in degrees: 0 points forwards, 90 up, -90 straight down,
180 backwards. Segment lengths follow ../shared/FIGURES.md (Drillis and Contini).

A pose declares what touches the floor (``contacts``). :func:`solve` tilts the trunk until
the front supports (hands, forearms, chest, head) and the back supports (knees, toes,
hips, back) are level, then lifts the whole body so they rest on the floor line (y = 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

LENGTH = {
    "trunk": 0.288,  # shoulder joint to hip joint
    "neck": 0.045,
    "head": 0.062,  # radius of the head
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.075,  # wrist to knuckles, drawn shorter than the full 0.108 hand
    "thigh": 0.245,
    "shin": 0.246,
    "foot": 0.12,  # ankle to toes
}
LIMB = 0.042  # drawn thickness of a limb
TRUNK = 0.075  # drawn thickness of the trunk
LIFT = LIMB / 2  # joints sit half a limb's thickness above what they rest on
PELVIS = 0.045  # the back surface sits this far above the hip joint, on the back's side

ARM = ("upper_arm", "forearm", "hand")
LEG = ("thigh", "shin", "foot")
SEGMENTS = ARM + LEG

FRONT = {"hands", "forearms", "elbows", "chest", "shoulders", "head"}
BACK = {"knees", "shins", "toes", "feet", "heels", "hips", "back", "seat"}
CONTACTS = tuple(sorted(FRONT | BACK))
PROPS = ("pillow", "towel", "chair", "wall")
PILLOW = 0.05


def direction(degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees)
    return math.cos(radians), math.sin(radians)


def step(point: tuple[float, float], degrees: float, length: float) -> tuple[float, float]:
    dx, dy = direction(degrees)
    return point[0] + dx * length, point[1] + dy * length


@dataclass(frozen=True)
class Limbs:
    """Absolute angles of one side's arm and leg segments."""

    upper_arm: float
    forearm: float
    thigh: float
    shin: float
    hand: float | None = None  # default: in line with the forearm
    foot: float | None = None  # default: at right angles to the shin, toes forward

    def angle(self, name: str) -> float:
        if name == "hand":
            return self.forearm if self.hand is None else self.hand
        if name == "foot":
            return self.shin + 90 if self.foot is None else self.foot
        return getattr(self, name)


@dataclass(frozen=True)
class Pose:
    near: Limbs
    far: Limbs
    trunk: float = 0.0  # hip -> shoulder
    spine: float = 0.0  # bend of the back: + rounds it up (cat), - lets it dip (cow)
    head: float | None = None  # neck direction; default in line with the trunk
    contacts: tuple[str, ...] = ()
    prop: str | None = None
    name: str = ""

    @classmethod
    def from_data(cls, data: dict) -> "Pose":
        near = Limbs(**data["near"])
        far = Limbs(**{**data["near"], **data.get("far", {})})
        return cls(near=near, far=far, trunk=data.get("trunk", 0.0), spine=data.get("spine", 0.0),
                   head=data.get("head"), contacts=tuple(data.get("contacts", ())),
                   prop=data.get("prop"), name=data.get("name", ""))


@dataclass
class Body:
    """Where every joint of a posed figure is, after solving its contacts."""

    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    spine_control: tuple[float, float] = (0.0, 0.0)
    pose: Pose | None = None

    def shifted(self, dx: float, dy: float) -> "Body":
        return Body({k: (x + dx, y + dy) for k, (x, y) in self.points.items()},
                    (self.spine_control[0] + dx, self.spine_control[1] + dy), self.pose)

    def spine_points(self, n: int = 12) -> list[tuple[float, float]]:
        """Points along the curved back (quadratic Bezier pelvis -> shoulder).

        The drawn back starts at the top of the pelvis, not at the hip joint below it, so
        on all fours the back reads level although the arms are longer than the thighs.
        """
        (x0, y0), (cx, cy), (x1, y1) = self.points["pelvis"], self.spine_control, self.points["shoulder"]
        out = []
        for i in range(n + 1):
            t = i / n
            out.append(((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x1,
                        (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y1))
        return out

    def all_points(self) -> list[tuple[float, float]]:
        return list(self.points.values()) + self.spine_points()

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) including stroke thickness and the head circle."""
        xs, ys = zip(*self.all_points())
        hx, hy = self.points["head"]
        r = LENGTH["head"]
        pad = TRUNK / 2
        return (min(min(xs) - pad, hx - r), min(min(ys) - pad, hy - r),
                max(max(xs) + pad, hx + r), max(max(ys) + pad, hy + r))


def _place(pose: Pose, tilt: float) -> Body:
    """Joint positions with the hip at the origin and the trunk tilted by *tilt* degrees."""
    points: dict[str, tuple[float, float]] = {"hip": (0.0, 0.0)}
    trunk = pose.trunk + tilt
    shoulder = step((0.0, 0.0), trunk, LENGTH["trunk"])
    points["shoulder"] = shoulder
    # the pelvis shows above the hip joint where the thigh turns away from the trunk (all
    # fours, sitting); in a straight line (plank) or lying on the back it does not
    bend = abs(math.sin(math.radians(pose.near.thigh - trunk)))
    offset = 0.0 if "back" in pose.contacts else PELVIS * bend
    points["pelvis"] = step((0.0, 0.0), trunk + 90, offset)
    mid = ((shoulder[0] + points["pelvis"][0]) / 2, (shoulder[1] + points["pelvis"][1]) / 2)
    control = step(mid, trunk + 90, pose.spine * LENGTH["trunk"] * 2)
    head_angle = (trunk if pose.head is None else pose.head + tilt)
    neck = step(shoulder, head_angle, LENGTH["neck"])
    points["neck"] = neck
    points["head"] = step(neck, head_angle, LENGTH["head"])
    for side, limbs in (("near", pose.near), ("far", pose.far)):
        elbow = step(shoulder, limbs.angle("upper_arm"), LENGTH["upper_arm"])
        wrist = step(elbow, limbs.angle("forearm"), LENGTH["forearm"])
        hand = step(wrist, limbs.angle("hand"), LENGTH["hand"])
        knee = step((0.0, 0.0), limbs.angle("thigh"), LENGTH["thigh"])
        ankle = step(knee, limbs.angle("shin"), LENGTH["shin"])
        toe = step(ankle, limbs.angle("foot"), LENGTH["foot"])
        points.update({f"{side}_elbow": elbow, f"{side}_wrist": wrist, f"{side}_hand": hand,
                       f"{side}_knee": knee, f"{side}_ankle": ankle, f"{side}_toe": toe})
    return Body(points, control, pose)


def contact_points(body: Body, contact: str) -> list[tuple[str, float]]:
    """The points that rest on something for a contact, with the height they rest at."""
    p = body.points
    pillow = PILLOW if body.pose and body.pose.prop == "pillow" else 0.0
    sides = ("near", "far")
    if contact == "hands":
        names = [f"{s}_{j}" for s in sides for j in ("wrist", "hand")]
    elif contact in ("forearms", "elbows"):
        names = [f"{s}_{j}" for s in sides for j in ("elbow", "wrist")]
    elif contact == "knees":
        names = [f"{s}_knee" for s in sides]
    elif contact == "shins":
        names = [f"{s}_{j}" for s in sides for j in ("knee", "ankle")]
    elif contact == "toes":
        names = [f"{s}_toe" for s in sides]
    elif contact in ("feet", "heels"):
        names = [f"{s}_{j}" for s in sides for j in ("ankle", "toe")]
    elif contact == "hips":
        return [("hip", pillow)]
    elif contact == "back":
        return [("hip", pillow), ("shoulder", 0.0)]
    elif contact in ("chest", "shoulders"):  # lying face down, or on the back (a bridge)
        return [("shoulder", 0.0)]
    elif contact == "head":
        return [("head", LENGTH["head"] - LIFT)]
    else:  # seat: sits on a chair, not the floor
        return []
    # a limb rests on the floor only where it is lowest: take the lower of each pair
    lowest = min(p[n][1] for n in names)
    return [(n, 0.0) for n in names if p[n][1] <= lowest + 1e-6 or abs(p[n][1] - lowest) < 0.02]


def _gap(pose: Pose, tilt: float, front: set, back: set) -> float:
    body = _place(pose, tilt)
    def lowest(group):
        return min(body.points[n][1] - h for c in group for n, h in contact_points(body, c))
    return lowest(front) - lowest(back)


def _exact_tilt(pose: Pose, front: set, back: set) -> float:
    """The trunk tilt that levels the front and back supports, in closed form.

    Limb angles are absolute, so tilting the trunk by d moves every front support by the
    same height, T * (sin(a + d) - sin(a)), while the back supports stay put. Of the two
    solutions, the one nearest no tilt (within 45 degrees) is the pose meant.
    """
    gap = _gap(pose, 0.0, front, back)
    trunk = math.radians(pose.trunk)
    target = math.sin(trunk) - gap / LENGTH["trunk"]
    if abs(target) > 1:
        return 0.0  # cannot be levelled; the checks will say so
    tilts = [math.degrees(angle - trunk) for angle in (math.asin(target), math.pi - math.asin(target))]
    tilts = [(t + 180) % 360 - 180 for t in tilts]
    best = min(tilts, key=abs)
    return best if abs(best) <= 45 else 0.0


def solve(pose: Pose) -> Body:
    """Place the pose so every declared contact rests on the floor (y = 0)."""
    front = {c for c in pose.contacts if c in FRONT}
    back = {c for c in pose.contacts if c in BACK and c != "seat"}
    tilt = 0.0
    if front and back and "head" not in front:
        tilt = _exact_tilt(pose, front, back)
    elif front and back:
        lo, hi = -45.0, 45.0
        g_lo, g_hi = _gap(pose, lo, front, back), _gap(pose, hi, front, back)
        if g_lo * g_hi <= 0:
            for _ in range(30):  # 90 degrees / 2**30: far finer than any printer
                mid = (lo + hi) / 2
                g_mid = _gap(pose, mid, front, back)
                if (g_mid <= 0) == (g_lo <= 0):
                    lo, g_lo = mid, g_mid
                else:
                    hi = mid
            tilt = (lo + hi) / 2
    body = _place(pose, tilt)
    supported = [body.points[n][1] - h for c in pose.contacts for n, h in contact_points(body, c)]
    if supported:
        base = min(supported)
    else:  # nothing declared (or only a seat): stand the lowest point on the floor
        base = min(y for _, y in body.all_points())
    return body.shifted(0.0, LIFT - base)


@dataclass(frozen=True)
class Figure:
    """A variant's figure: one pose, or a start and an end pose."""

    poses: tuple[Pose, ...]
    show: str = "overlay"  # or "side-by-side"
    two_way: bool = False

    @classmethod
    def from_data(cls, data: dict) -> "Figure":
        return cls(poses=tuple(Pose.from_data(p) for p in data["poses"]),
                   show=data.get("show", "overlay"), two_way=data.get("two_way", False))


TOLERANCE = 0.012  # in body heights: about 2 cm on a 1.7 m person


def problems(figure: Figure) -> list[tuple[int, str]]:
    """What is physically wrong with a figure: (pose index, sentence) pairs.

    Every declared contact must end on the floor, nothing may go through the floor, and
    a start and an end pose must differ.
    """
    found: list[tuple[int, str]] = []
    bodies = [solve(pose) for pose in figure.poses]
    for i, body in enumerate(bodies):
        for contact in body.pose.contacts:
            if contact == "seat":
                if body.pose.prop != "chair":
                    found.append((i, "contact 'seat' needs prop: chair"))
                continue
            for name, height in floor_contacts_of(body, contact):
                y = body.points[name][1]
                if abs(y - height) > TOLERANCE * 3:
                    found.append((i, f"the {contact} do not reach the floor ({name.replace('_', ' ')} "
                                     f"is {y - height:.2f} body heights above it); change the angles"))
                    break
        heights = {n: y for n, (x, y) in body.points.items()}
        heights["head"] -= LENGTH["head"] - LIFT  # the head is a circle, not a point
        low_name, low = min(heights.items(), key=lambda t: t[1])
        if low < LIFT - TOLERANCE:
            found.append((i, f"the {low_name.replace('_', ' ')} goes through the floor; change the "
                             "angles or add it to contacts"))
    if len(bodies) == 2:
        moved = max(math.dist(bodies[0].points[k], bodies[1].points[k]) for k in bodies[0].points)
        if moved < 0.03:
            found.append((1, "the end pose is the same as the start pose; change it or keep one pose"))
    return found


def floor_contacts_of(body: Body, contact: str) -> list[tuple[str, float]]:
    return [(n, h + LIFT) for n, h in contact_points(body, contact)]
