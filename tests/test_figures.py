"""Exercise figures: every variant has one, it is physically right, and it draws inside its box."""

from __future__ import annotations

import copy
import math
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from conftest import exercise_yaml
from generator.figures.checks import TOLERANCE, arrow_problems, problems
from generator.figures.draw import default_margin, fit
from generator.figures.pose import LIFT, TRUNK, Figure, rest_height, solve
from generator.figures.scene import Arrow, layout
from generator.library import load_library

LIB = load_library()
VARIANTS = [(e.id, v) for e in LIB.exercises.values() for v in e.variants]
IDS = [v.id for _, v in VARIANTS]


def angle_of(a, b) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


@pytest.mark.parametrize("variant", [v for _, v in VARIANTS], ids=IDS)
def test_every_variant_has_a_sound_figure(variant):
    assert variant.figure, f"{variant.id} has no figure"
    assert problems(variant.figure) == []


@pytest.mark.parametrize("variant", [v for _, v in VARIANTS], ids=IDS)
@pytest.mark.parametrize("box", [(170, 105), (64, 35), (400, 248)])
def test_drawing_stays_in_its_box_and_on_the_floor(variant, box):
    width, height = box
    scene = layout(variant.figure)
    margin = default_margin(width, height)
    scale, (ox, oy) = fit(scene, width, height, margin)
    x0, y0, x1, y1 = scene.bounds
    # it fills the box one way: across, or from the floor to the top
    assert max((x1 - x0) * scale / (width - 2 * margin), (y1 - y0) * scale / (height - 2 * margin)) \
        == pytest.approx(1.0)
    for body in scene.bodies:
        for name, (x, y) in body.points.items():
            px, py = ox + x * scale, oy + y * scale
            assert 0 <= px <= width and 0 <= py <= height, (variant.id, px, py)
            assert y >= rest_height(name) - TOLERANCE, f"{variant.id}: {name} is below the floor"
        if body.pose.contacts != ("seat",):  # something rests on the floor line
            assert min(y - rest_height(n) for n, (x, y) in body.points.items()) == \
                pytest.approx(0, abs=TOLERANCE)


def _body(variant_id: str, index: int = -1):
    _, variant = LIB.variant(variant_id)
    return solve(variant.figure.poses[index])


@pytest.mark.parametrize("variant_id", ["four-point-brace", "cat-cow-full"])
def test_all_fours_hands_under_shoulders_knees_under_hips(variant_id):
    body = _body(variant_id, 0)
    p = body.points
    assert p["near_wrist"][0] == pytest.approx(p["shoulder"][0], abs=0.02)
    assert p["near_knee"][0] == pytest.approx(p["hip"][0], abs=0.02)
    for name in ("near_wrist", "near_knee"):
        assert p[name][1] == pytest.approx(LIFT, abs=TOLERANCE)


def test_all_fours_back_reads_level():
    body = _body("four-point-brace")
    back = body.spine_points()
    assert abs(angle_of(back[0], back[-1])) < 10


@pytest.mark.parametrize("variant_id, far_end", [("knee-plank", "near_knee"),
                                                 ("forearm-plank", "near_ankle")])
def test_plank_is_a_straight_line(variant_id, far_end):
    p = _body(variant_id).points
    trunk = angle_of(p["hip"], p["shoulder"])
    legs = angle_of(p[far_end], p["hip"])
    assert trunk == pytest.approx(legs, abs=4)
    assert p["near_elbow"][0] == pytest.approx(p["shoulder"][0], abs=0.02)  # elbows under shoulders


def test_bird_dog_reaches_level_with_the_back():
    p = _body("bird-dog-arm-leg").points
    assert abs(angle_of(p["shoulder"], p["near_hand"])) < 12
    assert abs(abs(angle_of(p["hip"], p["far_ankle"])) - 180) < 12
    # the raised leg is straight (no hanging shin), the supports stay under shoulder and hip
    assert angle_of(p["hip"], p["far_knee"]) == pytest.approx(angle_of(p["far_knee"], p["far_ankle"]), abs=5)
    assert p["far_wrist"][0] == pytest.approx(p["shoulder"][0], abs=0.03)
    assert p["near_knee"][0] == pytest.approx(p["hip"][0], abs=0.03)


def test_press_up_keeps_the_hips_down_and_rises():
    start, end = _body("full-press-up", 0), _body("full-press-up", 1)
    assert end.points["hip"][1] == pytest.approx(TRUNK / 2, abs=TOLERANCE)
    assert end.points["shoulder"][1] > start.points["shoulder"][1] + 0.15
    half = _body("partial-press-up", 1)
    assert start.points["shoulder"][1] < half.points["shoulder"][1] < end.points["shoulder"][1]


@pytest.mark.parametrize("variant", [v for _, v in VARIANTS if len(v.figure.poses) == 2],
                         ids=lambda v: v.id)
def test_two_poses_differ_and_an_arrow_follows_the_moving_part(variant):
    figure = variant.figure
    scene = layout(figure)
    start, end = scene.bodies
    assert max(math.dist(start.points[k], end.points[k]) for k in start.points) > 0.05
    assert scene.arrows
    for arrow in scene.arrows:
        assert min(y for _, y in arrow.points) > LIFT  # above the floor
        if figure.show == "side-by-side":  # between the two poses
            assert start.bounds()[2] < arrow.points[0][0] < arrow.points[-1][0] < end.bounds()[0]
            continue
        # it runs from where a part starts to where that part ends, head at the end
        tail, tip = arrow.points[0], arrow.points[-1]
        part = min(start.points, key=lambda k: math.dist(start.points[k], tail) + math.dist(end.points[k], tip))
        assert math.dist(start.points[part], end.points[part]) > 0.05, part
        assert math.dist(tip, end.points[part]) < math.dist(tip, start.points[part]), part
        assert math.dist(tail, start.points[part]) < 0.25 and math.dist(tip, end.points[part]) < 0.25


def test_cat_and_cow_bend_the_spine_opposite_ways():
    _, variant = LIB.variant("cat-cow-full")
    cat, cow = variant.figure.poses
    assert cat.spine > 0 > cow.spine
    assert variant.figure.two_way and variant.figure.show == "side-by-side"
    assert layout(variant.figure).arrows[0].two_way



def _dist_to_segment(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def test_bird_dog_reaching_arm_passes_above_the_head():
    """The reaching arm must not seem to come out of the head: the head looks down, under it."""
    from generator.figures.pose import LENGTH, LIMB

    p = _body("bird-dog-arm-leg").points
    arm = [p["shoulder"], p["near_elbow"], p["near_wrist"], p["near_hand"]]
    clearance = min(_dist_to_segment(p["head"], a, b) for a, b in zip(arm, arm[1:]))
    assert clearance > LENGTH["head"] + LIMB / 2


def test_full_press_up_has_straight_arms_and_a_back_that_leans_forward():
    p = _body("full-press-up").points
    upper, fore = angle_of(p["shoulder"], p["near_elbow"]), angle_of(p["near_elbow"], p["near_wrist"])
    assert abs(upper - fore) < 10  # arms straight
    assert 0 < p["near_wrist"][0] - p["shoulder"][0] < 0.2  # hands a little ahead, not far ahead
    back = _body("full-press-up").spine_points()
    assert angle_of(back[-2], back[-1]) < 85  # the upper back leans forward, never past upright


@pytest.mark.parametrize("variant_id", ["leg-slide", "leg-lift"])
def test_moving_one_leg_back_does_not_drop_the_hips(variant_id):
    """The back starts at the same place in both poses: the pale start pose must not make the
    hips look as if they sag when one leg moves in line with the back."""
    start, end = layout(LIB.variant(variant_id)[1].figure).bodies
    flat = [[c for q in body.spine_points() for c in q] for body in (start, end)]
    assert flat[0] == pytest.approx(flat[1], abs=0.005)


@pytest.mark.parametrize("variant_id, kept", [("bridge-two-legs", "shoulder"),
                                              ("bridge-march", "shoulder"),
                                              ("full-press-up", "hip"),
                                              ("partial-press-up", "hip"),
                                              ("side-plank-hip-dip", "near_elbow")])
def test_supports_shared_by_both_poses_stay_put(variant_id, kept):
    start, end = layout(LIB.variant(variant_id)[1].figure).bodies
    assert start.points[kept] == pytest.approx(end.points[kept], abs=0.02)


@pytest.mark.parametrize("variant_id", ["bridge-two-legs", "side-plank-hip-dip"])
def test_lifting_the_hips_shows_an_upward_arrow_at_the_hips(variant_id):
    figure = LIB.variant(variant_id)[1].figure
    scene = layout(figure)
    (arrow,) = scene.arrows
    tail, tip = arrow.points[0], arrow.points[-1]
    hip = scene.bodies[1].points["hip"]
    assert tip[1] - tail[1] > 0.1 and abs(tip[0] - tail[0]) < 0.05  # up
    assert math.dist(tail, hip) < 0.1  # from the hips
    assert arrow.two_way == figure.two_way
    assert LIB.variant("side-plank-hip-dip")[1].figure.two_way  # down and back up


def test_bridge_feet_stay_on_their_spot():
    start, end = layout(LIB.variant("bridge-two-legs")[1].figure).bodies
    assert start.points["near_ankle"] == pytest.approx(end.points["near_ankle"], abs=0.02)


def test_plank_bird_dog_lifts_are_small():
    """The steps say "a little": the lifted hand and foot stay close to the floor."""
    start, end = layout(LIB.variant("plank-bird-dog")[1].figure).bodies
    lifted_hand = max(end.points["near_hand"][1], end.points["far_hand"][1])
    lifted_toe = max(end.points["near_toe"][1], end.points["far_toe"][1])
    assert LIFT + 0.01 < lifted_hand < 0.1 and LIFT + 0.01 < lifted_toe < 0.12
    assert len(layout(LIB.variant("plank-bird-dog")[1].figure).arrows) == 2  # hand and foot


def test_seated_pelvic_tilt_hands_rest_on_the_thighs_and_the_poses_differ():
    slump, arch = (_body("seated-pelvic-tilt", i) for i in (0, 1))
    for body in (slump, arch):
        p = body.points
        assert _dist_to_segment(p["near_wrist"], p["hip"], p["near_knee"]) < 0.05
    assert slump.pose.trunk - arch.pose.trunk >= 25 and slump.pose.spine - arch.pose.spine >= 90


def test_doorway_is_a_wall_with_the_heel_against_its_edge():
    from generator.figures.draw import paint

    figure = LIB.variant("doorway-stretch")[1].figure
    scene = layout(figure)
    (kind, (x, top)), = scene.props
    p = scene.bodies[0].points
    heel = min(p["near_ankle"][0], p["near_toe"][0])
    assert kind == "door" and x + 0.08 < heel and top > max(p["near_ankle"][1], p["near_toe"][1])
    thin = [item for item in paint(figure, 300, 186) if item[0] == "polyline" and item[3] < 3]
    assert len(thin) >= 8  # hatched like a wall on a plan, not a bare pole

# --- the schema and the semantic checks -----------------------------------------------

FIGURE = """    figure:
      poses:
        - {trunk: 20, contacts: [forearms, knees],
           near: {upper_arm: -90, forearm: 0, hand: 0, thigh: 200, shin: 180, foot: 180}}
"""


def _validate(run, tmp_path, figure_text: str):
    (tmp_path / "exercises").mkdir()
    path = tmp_path / "exercises" / "side-plank.yaml"
    path.write_text(exercise_yaml(**{"safety:\n": figure_text + "safety:\n"}))
    return run("validate", str(path))


def test_a_good_figure_validates(run, tmp_path):
    result = _validate(run, tmp_path, FIGURE)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("change, message", [
    (("thigh: 200", "thigh: 500"), "at most 360"),
    (("contacts: [forearms, knees]", "contacts: [forearms, kneez]"), "did you mean 'knees'"),
    (("shin: 180, ", ""), "missing required key 'shin'"),
    (("trunk: 20", "trunkk: 20"), "did you mean 'trunk'"),
    (("thigh: 200, shin: 180", "thigh: 250, shin: 250"), "goes through the floor"),
    (("contacts: [forearms, knees]", "contacts: [forearms, knees, head]"), "not reach the floor"),
    (("contacts: [forearms, knees],", "contacts: [forearms, near knee], far: {thigh: 60, shin: -30},"),
     "far foot crosses the trunk"),
])
def test_bad_figures_are_clear_errors(run, tmp_path, change, message):
    result = _validate(run, tmp_path, FIGURE.replace(*change))
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "side-plank.yaml:" in result.stderr



def test_an_arrow_outside_the_figure_fails_validate(run, tmp_path):
    """A bridge whose hips shoot far above the knees: its arrow would stand off the figure."""
    bridge = """    figure:
      poses:
        - {trunk: 0, head: 25, contacts: [back, feet],
           near: {upper_arm: 180, forearm: 180, thigh: 123, shin: -116, foot: 180}}
        - {trunk: -40, head: 40, contacts: [shoulders, feet],
           near: {upper_arm: 180, forearm: 180, thigh: THIGH, shin: SHIN, foot: 180}}
"""
    good = _validate(run, tmp_path, bridge.replace("THIGH", "152").replace("SHIN", "-100"))
    assert good.exit_code == 0, good.stderr
    (tmp_path / "exercises" / "side-plank.yaml").unlink()
    (tmp_path / "exercises").rmdir()
    result = _validate(run, tmp_path, bridge.replace("THIGH", "180").replace("SHIN", "-90"))
    assert result.exit_code == 1
    assert "the motion arrow falls outside the figure" in result.stderr, result.stderr
    assert "side-plank.yaml:" in result.stderr

# --- the command -------------------------------------------------------------------------


def test_figure_command_writes_svg(run, tmp_path):
    out = tmp_path / "bird.svg"
    result = run("figure", "bird-dog-arm-leg", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    root = ET.fromstring(out.read_bytes())
    assert root.tag.endswith("svg") and float(root.get("width")) == 360
    assert len(list(root.iter())) > 10


def test_figure_command_writes_pdf(run, tmp_path):
    out = tmp_path / "plank.pdf"
    result = run("figure", "knee-plank", "-o", str(out), "--size", "200")
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(out, strict=True)
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == pytest.approx(200)


@pytest.mark.parametrize("args, message", [
    (["figure", "knee-plonk", "-o", "x.svg"], "did you mean 'knee-plank'"),
])
def test_figure_command_errors(run, args, message):
    result = run(*args)
    assert result.exit_code == 1 and message in result.stderr


def test_figure_command_needs_svg_pdf_or_png(run):
    result = run("figure", "knee-plank", "-o", "x.txt")
    assert result.exit_code == 2 and ".svg, .pdf or .png" in result.output


def test_variant_without_a_figure_is_explained(run, tmp_path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "side-plank.yaml").write_text(exercise_yaml())
    result = run("figure", "side-plank-knees", "--library", str(tmp_path), "-o", str(tmp_path / "a.svg"))
    assert result.exit_code == 1 and "has no figure yet" in result.stderr


def test_figures_are_drawn_on_cards_and_in_the_glance_table(monkeypatch):
    from datetime import date

    from generator import PlanRequest, build_plan
    from generator.figures import draw
    from generator.pdf import render_pdf

    drawn = []
    real = draw.paint
    monkeypatch.setattr(draw, "paint", lambda figure, w, h: drawn.append(w) or real(figure, w, h))
    plan = build_plan(LIB.programs["back-spasm-recovery"], LIB.exercises,
                      PlanRequest(start=date(2027, 1, 4)), LIB.education)
    render_pdf(plan)
    variants_used = {p.variant for w in plan.weeks for p in w.exercises}
    big = [w for w in drawn if w > 100]
    small = [w for w in drawn if w <= 100]
    assert len(big) >= len(variants_used) - 1  # on the cards (later variants a little smaller)
    assert len(small) >= len(variants_used)  # in the glance table, where each variant starts


def test_schema_and_solver_know_the_same_contacts_and_props():
    """The schema lists what authors may write; the solver must handle exactly that."""
    from generator.figures.pose import CONTACTS, PROPS, SPINE_DEGREES, contact_points
    from generator.schema import load_schema

    pose = load_schema("exercise")["$defs"]["pose"]["properties"]
    assert set(pose["contacts"]["items"]["enum"]) == set(CONTACTS)
    assert set(pose["prop"]["enum"]) == set(PROPS)
    assert pose["spine"]["maximum"] == SPINE_DEGREES == -pose["spine"]["minimum"]
    body = _body("four-point-brace")
    assert all(contact_points(body, c) for c in CONTACTS if c != "seat")


def test_a_glute_bridge_rests_on_its_shoulders_and_feet():
    figure = Figure.from_data({"poses": [{
        "trunk": -20, "head": 40, "contacts": ["shoulders", "feet"],
        "near": {"upper_arm": 180, "forearm": 180, "hand": 180, "thigh": 160, "shin": -100, "foot": 0}}]})
    assert problems(figure) == []
    body = solve(figure.poses[0])
    assert body.points["hip"][1] > body.points["shoulder"][1] + 0.1  # the hips are lifted


def test_a_seated_stretch_puts_its_heel_on_the_floor():
    """The solver swings a support leg down to the floor (it floated in the air before)."""
    p = _body("chair-stretch").points
    assert p["near_ankle"][1] == pytest.approx(LIFT, abs=TOLERANCE)
    assert p["near_toe"][1] > p["near_ankle"][1] + 0.05  # toes up
    assert angle_of(p["hip"], p["near_knee"]) == pytest.approx(angle_of(p["near_knee"], p["near_ankle"]))


def test_an_arrow_off_the_figure_is_reported():
    scene = copy.copy(layout(LIB.variant("leg-lift")[1].figure))  # layout is cached: keep it clean
    assert arrow_problems(scene) == []
    far = scene.bounds[2] + 0.5
    scene.arrows = (Arrow(((far, 0.3), (far + 0.1, 0.3))),)
    assert "falls outside the figure" in arrow_problems(scene)[0]
    scene.arrows = (Arrow(((0.0, 0.3), (0.0, 0.0))),)
    assert "below the floor" in arrow_problems(scene)[0]


def test_breath_holds_show_a_pause_mark_over_each_pose():
    held, plain = (layout(LIB.variant(v)[1].figure) for v in ("cat-cow-breath-hold", "cat-cow-full"))
    assert len(held.holds) == 2 and plain.holds == ()
    for mark, body in zip(held.holds, held.bodies):
        assert body.bounds()[0] < mark[0] < body.bounds()[2] and mark[1] > body.bounds()[3]


def test_figure_png_for_a_quick_look(run, tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    result = run("figure", "bird-dog-arm-leg", "--png", "--size", "200")
    assert result.exit_code == 0, result.stderr
    image = Image.open(tmp_path / "bird-dog-arm-leg.png")
    assert image.format == "PNG" and image.width == 400  # 200 pt at 144 dpi
    dark = sum(image.convert("L").point(lambda v: 255 if v < 100 else 0).histogram()[255:])
    assert dark > image.width * image.height * 0.03  # a figure, not a blank page


def test_figure_all_writes_a_contact_sheet(run, tmp_path):
    from PIL import Image

    result = run("figure", "--all", "--out-dir", str(tmp_path / "review"))
    assert result.exit_code == 0, result.stderr
    sheet = Image.open(tmp_path / "review" / "contact-sheet.png")
    count = len([v for _, v in VARIANTS if v.figure])
    assert f"{count} figures" in result.stderr
    rows = -(-count // 4)
    assert sheet.height > rows * sheet.width / 4 * 0.62  # a row of tiles per four variants
    assert run("figure", "--all").exit_code == 2  # needs --out-dir


def test_figure_files_say_what_they_show(run, tmp_path):
    svg, pdf = tmp_path / "a.svg", tmp_path / "a.pdf"
    assert run("figure", "bird-dog-arm-leg", "-o", str(svg)).exit_code == 0
    root = ET.fromstring(svg.read_bytes())
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Bird dog: Bird dog, opposite arm and leg"
    assert "on hands and knees" in root.find(f"{ns}desc").text
    assert run("figure", "knee-plank", "-o", str(pdf)).exit_code == 0
    meta = PdfReader(pdf).metadata
    assert meta.title.endswith("Knee plank") and meta.author == "hepgen"
    assert "on forearms and knees" in meta.subject
