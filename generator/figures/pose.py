"""Poses: joint angles in, body points out. Pure geometry, no drawing.

Units are fractions of standing height H; x grows forwards (the figure faces right), y grows
upwards. Angles are absolute, in degrees: 0 points forwards, 90 up, -90 straight down,
180 backwards. Segment lengths are Drillis and Contini's proportions as tabulated in
D. A. Winter, *Biomechanics and Motor Control of Human Movement* (4th ed., Wiley 2009),
table 4.1.

A pose declares what touches the floor (``contacts``). :func:`solve` tilts the trunk until
the supports at the shoulder end (hands, forearms, chest, shoulders, head) and those at the
hip end (knees, toes, feet, hips, back) are level, lifts the body so the lowest support rests
on the floor line (y = 0), then swings each support limb that still hangs in the air about
its shoulder or hip until it rests on the floor too (a heel reaching for the floor in a chair
stretch, the supporting knee of a bird dog).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

LENGTH = {
    "trunk": 0.288,  # shoulder joint to hip joint
    "neck": 0.045,
    "head": 0.062,  # radius of the head
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.075,  # wrist to knuckles, drawn shorter than the full 0.108 hand
    "thigh": 0.245,
    "shin": 0.246,
    "foot": 0.12,  # ankle to toes (the full foot is 0.152, heel included)
}
LIMB = 0.042  # drawn thickness of a limb
TRUNK = 0.075  # drawn thickness of the trunk
LIFT = LIMB / 2  # a limb joint resting on the floor sits half a limb's thickness above it
PELVIS = 0.045  # the back surface sits this far above the hip joint, on the back's side
PILLOW = 0.05

ARM = ("upper_arm", "forearm", "hand")
LEG = ("thigh", "shin", "foot")
SEGMENTS = ARM + LEG
SIDES = ("near", "far")
SPINE_DEGREES = 90  # the most a back may turn, either way (the schema says so too)

# A limb contact rests on the floor on both sides (plural) or on one ("near knee").
# Each names the joints that touch, the chain it belongs to, and how many of the chain's
# segments swing to bring it down (the rest keep their angles: a flat hand stays flat).
LIMB_CONTACTS = {
    # plural: (singular, joints, chain, segments that swing)
    "hands": ("hand", ("wrist", "hand"), "arm", 2),
    "forearms": ("forearm", ("elbow", "wrist"), "arm", 1),
    "elbows": ("elbow", ("elbow",), "arm", 1),
    "knees": ("knee", ("knee",), "leg", 1),
    "shins": ("shin", ("knee", "ankle"), "leg", 1),
    "toes": ("toes", ("toe",), "leg", 2),
    "feet": ("foot", ("ankle", "toe"), "leg", 2),
    "heels": ("heel", ("ankle",), "leg", 2),
}
TRUNK_CONTACTS = {"chest", "shoulders", "back", "hips", "head", "seat"}
SIDED = {f"{side} {singular}": (side, plural)
         for plural, (singular, *_) in LIMB_CONTACTS.items() for side in SIDES}
CONTACTS = tuple(sorted(set(LIMB_CONTACTS) | TRUNK_CONTACTS | set(SIDED)))
# the shoulder end moves when the trunk tilts about the hip; the hip end stays put
FRONT = {"hands", "forearms", "elbows", "chest", "shoulders", "head"}
PROPS = ("pillow", "towel", "chair", "wall")


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

    def swung(self, chain: str, count: int, degrees: float) -> "Limbs":
        """The same limbs with the first *count* segments of a chain turned by *degrees*;
        the segments after them keep their absolute angles."""
        names = ARM if chain == "arm" else LEG
        kept = {names[2]: self.angle(names[2])}
        if count == 1:
            kept[names[1]] = self.angle(names[1])
        turned = {n: self.angle(n) + degrees for n in names[:count]}
        return replace(self, **{**kept, **turned})


@dataclass(frozen=True)
class Pose:
    near: Limbs
    far: Limbs
    trunk: float = 0.0  # hip -> shoulder
    spine: float = 0.0  # degrees the back turns between pelvis and shoulders: + cat, - cow
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

    def limb_contacts(self) -> list[tuple[str, str]]:
        """(side, plural contact) for every limb that is declared to rest on the floor."""
        out = []
        for contact in self.contacts:
            if contact in LIMB_CONTACTS:
                out += [(side, contact) for side in SIDES]
            elif contact in SIDED:
                out.append(SIDED[contact])
        return out


@dataclass(frozen=True)
class Figure:
    """A variant's figure: one pose, or a start and an end pose."""

    poses: tuple[Pose, ...]
    show: str = "overlay"  # or "side-by-side"
    two_way: bool = False  # the arrow points both ways (cat and cow)
    hold: bool = False  # a pause mark at each end: the exercise stays in each position

    @classmethod
    def from_data(cls, data: dict) -> "Figure":
        return cls(poses=tuple(Pose.from_data(p) for p in data["poses"]),
                   show=data.get("show", "overlay"), two_way=data.get("two_way", False),
                   hold=data.get("hold", False))


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

    def chain(self, side: str, limb: str) -> list[tuple[float, float]]:
        """The joints of one limb from its root: shoulder or hip, then three more."""
        joints = ("elbow", "wrist", "hand") if limb == "arm" else ("knee", "ankle", "toe")
        root = self.points["shoulder" if limb == "arm" else "hip"]
        return [root] + [self.points[f"{side}_{j}"] for j in joints]

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
    # (either thigh: lifting one leg in line with the back does not make the hips sag)
    bend = max(abs(math.sin(math.radians(limbs.thigh - trunk))) for limbs in (pose.near, pose.far))
    offset = 0.0 if {"back", "shoulders"} & set(pose.contacts) else PELVIS * bend
    points["pelvis"] = step((0.0, 0.0), trunk + 90, offset)
    # a quadratic curve leaves its ends at half the angle between them either side of the
    # chord: a back that turns through `spine` degrees bows by a quarter of its length
    # times tan(spine / 2)
    mid = ((shoulder[0] + points["pelvis"][0]) / 2, (shoulder[1] + points["pelvis"][1]) / 2)
    chord = math.dist(shoulder, points["pelvis"])
    control = step(mid, trunk + 90, chord / 2 * math.tan(math.radians(pose.spine / 2)))
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


def rest_height(name: str) -> float:
    """How high a point sits when what surrounds it rests on the floor."""
    if name == "head":
        return LENGTH["head"]
    if name in ("hip", "shoulder", "pelvis"):
        return TRUNK / 2
    return LIFT


def limb_points(body: Body, side: str, contact: str) -> list[str]:
    """The joints of one side's limb that rest on the floor for a limb contact: for a
    hand or a foot, the lower of its two ends (a flat one rests on both)."""
    joints = [f"{side}_{j}" for j in LIMB_CONTACTS[contact][1]]
    if contact in ("hands", "feet"):
        lowest = min(body.points[n][1] for n in joints)
        return [n for n in joints if body.points[n][1] < lowest + 0.02]
    return joints


def contact_points(body: Body, contact: str) -> list[tuple[str, float]]:
    """The points that rest on something for a contact, with the height they rest at."""
    pillow = PILLOW if body.pose and body.pose.prop == "pillow" else 0.0
    if contact in LIMB_CONTACTS:
        return [(n, LIFT) for side in SIDES for n in limb_points(body, side, contact)]
    if contact in SIDED:
        side, plural = SIDED[contact]
        return [(n, LIFT) for n in limb_points(body, side, plural)]
    if contact == "hips":
        return [("hip", TRUNK / 2 + pillow)]
    if contact == "back":
        return [("hip", TRUNK / 2 + pillow), ("shoulder", TRUNK / 2)]
    if contact in ("chest", "shoulders"):
        return [("shoulder", TRUNK / 2)]
    if contact == "head":
        return [("head", LENGTH["head"])]
    return []  # seat: sits on a chair, not the floor


def _front(contact: str) -> bool:
    return (SIDED[contact][1] if contact in SIDED else contact) in FRONT


def _gap(pose: Pose, tilt: float) -> float:
    """How much higher the shoulder-end supports rest than the hip-end ones."""
    body = _place(pose, tilt)
    def lowest(front):
        return min(body.points[n][1] - h for c in pose.contacts if c != "seat" and _front(c) == front
                   for n, h in contact_points(body, c))
    return lowest(True) - lowest(False)


def _level(pose: Pose) -> float:
    """The trunk tilt (within 45 degrees) that levels the two ends' supports, by bisection."""
    ends = {_front(c) for c in pose.contacts if c != "seat"}
    if ends != {True, False}:
        return 0.0
    lo, hi = -45.0, 45.0
    g_lo, g_hi = _gap(pose, lo), _gap(pose, hi)
    if g_lo * g_hi > 0:
        return 0.0  # cannot be levelled; the checks will say so
    for _ in range(40):  # 90 degrees / 2**40: far finer than any printer
        mid = (lo + hi) / 2
        g_mid = _gap(pose, mid)
        if (g_mid <= 0) == (g_lo <= 0):
            lo, g_lo = mid, g_mid
        else:
            hi = mid
    return (lo + hi) / 2


def _swing(body: Body, side: str, contact: str, tilt: float, lift: float) -> Body:
    """Turn one side's support limb about its root so the contact comes down to the floor.

    Only limbs that hang in the air move, never more than 45 degrees, and the smaller of the
    two turns that reach is taken; a limb that cannot reach is left for the checks to report.
    """
    _, _, chain, count = LIMB_CONTACTS[contact]
    names = limb_points(body, side, contact)
    gap = min(body.points[n][1] - LIFT for n in names)
    if gap <= 1e-6:
        return body
    name = min(names, key=lambda n: body.points[n][1])
    root = body.chain(side, chain)[0]
    end = body.chain(side, chain)[count]  # the last joint that turns with the swing
    offset = body.points[name][1] - end[1]
    reach = math.dist(root, end)
    target = (LIFT - offset - root[1]) / reach
    if reach < 1e-9 or abs(target) > 1:
        return body
    now = math.atan2(end[1] - root[1], end[0] - root[0])
    turns = [math.degrees(a - now) for a in (math.asin(target), math.pi - math.asin(target))]
    turn = min(((t + 180) % 360 - 180 for t in turns), key=abs)
    if abs(turn) > 45:
        return body
    limbs = getattr(body.pose, side).swung(chain, count, turn)
    pose = replace(body.pose, **{side: limbs})
    return _place(pose, tilt).shifted(0.0, lift)


def solve(pose: Pose) -> Body:
    """Place the pose so every declared contact rests on the floor (y = 0)."""
    tilt = _level(pose)
    body = _place(pose, tilt)
    supported = [body.points[n][1] - h for c in pose.contacts for n, h in contact_points(body, c)]
    if supported:
        base = min(supported)
    else:  # nothing declared (or only a seat): stand the lowest point on the floor
        base = min(y - rest_height(n) for n, (x, y) in body.points.items())
    lift = -base
    body = body.shifted(0.0, lift)
    for side, contact in pose.limb_contacts():
        body = _swing(body, side, contact, tilt, lift)
    return body
