"""What is physically wrong with a figure, in sentences an author can act on.

``hepgen validate`` runs these over every figure: each declared contact rests on the floor,
nothing goes through the floor, no limb crosses the trunk, the motion arrow stays on the
figure, and a start and an end pose differ.
"""

from __future__ import annotations

import math

from .pose import (LIFT, LIMB_CONTACTS, SIDES, TRUNK, Body, Figure, contact_points, limb_points,
                   rest_height, solve)
from .scene import Scene, layout

TOLERANCE = 0.012  # in body heights: about 2 cm on a 1.7 m person
NEAR_ROOT = 0.05  # a limb may touch the trunk this close to the shoulder or hip it hangs from
ARROW_REACH = 0.15  # how far outside the bodies an arrow may run


def _words(name: str) -> str:
    return name.replace("_", " ").replace("toe", "toes").replace("ankle", "heel")


def _contact_problems(body: Body) -> list[str]:
    found = []
    for contact in body.pose.contacts:
        if contact == "seat":
            if body.pose.prop != "chair":
                found.append("contact 'seat' needs prop: chair")
            continue
        groups = ([contact_points(body, side + " " + LIMB_CONTACTS[contact][0]) for side in SIDES]
                  if contact in LIMB_CONTACTS else [contact_points(body, contact)])
        for points in groups:
            name, height = max(points, key=lambda p: body.points[p[0]][1] - p[1])
            above = body.points[name][1] - height
            if above > TOLERANCE * 1.5:
                verb = "do" if contact.endswith(("s", "feet")) else "does"
                found.append(f"the {contact} {verb} not reach the floor ({_words(name)} is {above:.2f} "
                             "body heights above it); change the angles")
                break
    return found


def _floor_problems(body: Body) -> list[str]:
    low = [(y - rest_height(n), n) for n, (x, y) in body.points.items()]
    low += [(y - TRUNK / 2, "back") for x, y in body.spine_points()]
    depth, name = min(low)
    if depth < -TOLERANCE:
        return [f"the {_words(name)} goes through the floor; change the angles or add it to contacts"]
    return []


def _crosses(a, b, c, d) -> bool:
    """Whether segments ab and cd cross."""
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (side(a, b, c) * side(a, b, d) < 0) and (side(c, d, a) * side(c, d, b) < 0)


def _trunk_problems(body: Body) -> list[str]:
    """Limbs that cross the back's line, except a support hand or foot resting on the floor
    beside the trunk (the hands of a press-up by the chest): drawn in front, it reads."""
    back = body.spine_points(16)
    trunk = list(zip(back, back[1:]))
    resting = {body.points[n] for side, contact in body.pose.limb_contacts()
               for n in limb_points(body, side, contact)}
    found = []
    for side in SIDES:
        for limb, segments in (("arm", ("upper arm", "forearm", "hand")),
                               ("leg", ("thigh", "shin", "foot"))):
            chain = body.chain(side, limb)
            root = chain[0]
            for i, (a, b) in enumerate(zip(chain, chain[1:])):
                if i and (a in resting or b in resting):
                    continue
                if i == 0:  # leave the joint it hangs from out
                    t = min(1.0, NEAR_ROOT / max(math.dist(a, b), 1e-9))
                    a = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                if any(_crosses(a, b, c, d) for c, d in trunk
                       if math.dist(c, root) > NEAR_ROOT and math.dist(d, root) > NEAR_ROOT):
                    found.append(f"the {side} {segments[i]} crosses the trunk; change the angles")
                    break
    return found


def arrow_problems(scene: Scene) -> list[str]:
    """The motion arrow must run on the figure, above the floor."""
    if not scene.arrows:
        return []
    xs0, ys0, xs1, ys1 = zip(*(b.bounds() for b in scene.bodies))
    x0, y0, x1, y1 = min(xs0), min(ys0), max(xs1), max(ys1)
    for x, y in (q for arrow in scene.arrows for q in arrow.points):
        if y < LIFT:
            return ["the motion arrow runs below the floor; change the end pose"]
        if not (x0 - ARROW_REACH <= x <= x1 + ARROW_REACH and y <= y1 + ARROW_REACH):
            return ["the motion arrow falls outside the figure; change the end pose"]
    return []


def problems(figure: Figure) -> list[tuple[int, str]]:
    """What is physically wrong with a figure: (pose index, sentence) pairs."""
    found: list[tuple[int, str]] = []
    bodies = [solve(pose) for pose in figure.poses]
    for i, body in enumerate(bodies):
        for sentence in _contact_problems(body) + _floor_problems(body) + _trunk_problems(body):
            found.append((i, sentence))
    if len(bodies) == 2:
        moved = max(math.dist(bodies[0].points[k], bodies[1].points[k]) for k in bodies[0].points)
        if moved < 0.03:
            found.append((1, "the end pose is the same as the start pose; change it or keep one pose"))
        else:
            found += [(1, sentence) for sentence in arrow_problems(layout(figure))]
    return found
