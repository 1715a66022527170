"""Exercise figures: every variant has one, it is physically right, and it draws inside its box."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from conftest import exercise_yaml
from generator.figures.draw import default_margin, fit, layout
from generator.figures.pose import LIFT, TOLERANCE, Figure, problems, solve
from generator.library import load_library

LIB = load_library()
VARIANTS = [(e.id, v) for e in LIB.exercises.values() for v in e.variants]
IDS = [v.id for _, v in VARIANTS]


def angle_of(a, b) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


@pytest.mark.parametrize("variant", [v for _, v in VARIANTS], ids=IDS)
def test_every_variant_has_a_sound_figure(variant):
    assert variant.figure, f"{variant.id} has no figure"
    assert problems(Figure.from_data(variant.figure)) == []


@pytest.mark.parametrize("variant", [v for _, v in VARIANTS], ids=IDS)
@pytest.mark.parametrize("box", [(170, 105), (64, 35), (400, 248)])
def test_drawing_stays_in_its_box_and_on_the_floor(variant, box):
    width, height = box
    scene = layout(Figure.from_data(variant.figure))
    scale, (ox, oy) = fit(scene, width, height, default_margin(width, height))
    floor = oy  # body y = 0 is the floor line
    for body in scene.bodies:
        for x, y in body.all_points():
            px, py = ox + x * scale, oy + y * scale
            assert 0 <= px <= width and 0 <= py <= height, (variant.id, px, py)
            assert y >= LIFT - TOLERANCE, f"{variant.id}: a point is below the floor"
        hx, hy = body.points["head"]
        assert oy + (hy - 0.062) * scale >= floor - 0.5
        for contact in body.pose.contacts:  # declared contacts rest on the floor line
            if contact in ("seat",):
                continue
            lowest = min(body.points[n][1] for n in body.points if n != "head")
            assert lowest == pytest.approx(LIFT, abs=3 * TOLERANCE)


def _body(variant_id: str, index: int = -1):
    _, variant = LIB.variant(variant_id)
    return solve(Figure.from_data(variant.figure).poses[index])


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


def test_press_up_keeps_the_hips_down_and_rises():
    start, end = _body("full-press-up", 0), _body("full-press-up", 1)
    assert end.points["hip"][1] == pytest.approx(LIFT, abs=TOLERANCE)
    assert end.points["shoulder"][1] > start.points["shoulder"][1] + 0.15
    half = _body("partial-press-up", 1)
    assert start.points["shoulder"][1] < half.points["shoulder"][1] < end.points["shoulder"][1]


@pytest.mark.parametrize("variant", [v for _, v in VARIANTS if len(v.figure["poses"]) == 2],
                         ids=lambda v: v.id)
def test_two_poses_differ_and_have_an_arrow(variant):
    figure = Figure.from_data(variant.figure)
    start, end = (solve(p) for p in figure.poses)
    assert max(math.dist(start.points[k], end.points[k]) for k in start.points) > 0.05
    assert layout(figure).arrow is not None


def test_cat_and_cow_bend_the_spine_opposite_ways():
    _, variant = LIB.variant("cat-cow-full")
    cat, cow = Figure.from_data(variant.figure).poses
    assert cat.spine > 0 > cow.spine
    assert variant.figure["two_way"] and variant.figure["show"] == "side-by-side"


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
    (("contacts: [forearms, knees]", "contacts: [forearms, knees, head]"), "do not reach the floor"),
])
def test_bad_figures_are_clear_errors(run, tmp_path, change, message):
    result = _validate(run, tmp_path, FIGURE.replace(*change))
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
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


def test_figure_command_needs_svg_or_pdf(run):
    result = run("figure", "knee-plank", "-o", "x.png")
    assert result.exit_code == 2 and ".svg or .pdf" in result.output


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
    from generator.figures.pose import BACK, CONTACTS, FRONT, PROPS
    from generator.schema import load_schema

    pose = load_schema("exercise")["$defs"]["pose"]["properties"]
    assert set(pose["contacts"]["items"]["enum"]) == set(CONTACTS) == FRONT | BACK
    assert set(pose["prop"]["enum"]) == set(PROPS)


def test_a_glute_bridge_rests_on_its_shoulders_and_feet():
    figure = Figure.from_data({"poses": [{
        "trunk": -20, "head": 40, "contacts": ["shoulders", "feet"],
        "near": {"upper_arm": 180, "forearm": 180, "hand": 180, "thigh": 160, "shin": -100, "foot": 0}}]})
    assert problems(figure) == []
    body = solve(figure.poses[0])
    assert body.points["hip"][1] > body.points["shoulder"][1] + 0.1  # the hips are lifted
