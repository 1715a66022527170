"""The built-in library: complete, inside the clinical ranges, valid by both validators."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT, exercise_yaml
from generator import schema as hep_schema
from generator.library import FOLDERS, library_files
from generator.yamlload import parse

FIVE = ["plank", "bird-dog", "back-extension", "cat-cow", "hamstring-stretch"]


def test_the_five_exercises_of_the_brief(library):
    assert set(FIVE) <= set(library.exercises)
    for name in FIVE:
        exercise = library.exercises[name]
        assert len(exercise.variants) >= 3, name
        assert exercise.stop_if, name
        for variant in exercise.variants:
            assert len(variant.steps) >= 2 and variant.cues and variant.mistakes, variant.id


def test_three_programs_with_the_default(library):
    assert {"back-spasm-recovery", "back-care-maintenance", "desk-worker"} <= set(library.programs)
    default = library.programs["back-spasm-recovery"]
    assert (default.weeks_default, default.weeks_min, default.weeks_max) == (6, 4, 12)
    assert (default.sessions_start, default.sessions_end) == (2, 3)
    first = default.phases[0]
    assert "plank" not in {i.exercise for i in first.items}, "strength comes after the gentle start"
    assert set(default.exercise_ids) == set(FIVE) | {"walking"}  # walking: daily, from week 3


def test_education_covers_the_brief(library):
    assert {"relief", "hydration", "nutrition", "posture", "lifting", "stress"} <= set(library.education)


@pytest.mark.parametrize("name", FIVE)
def test_doses_inside_clinical_ranges(library, name):
    """CLINICAL.md: short holds, 2-3 sets at most for these, rests that are sensible."""
    for variant in library.exercises[name].variants:
        d = variant.dose
        if d.hold_s:
            assert 3 <= d.hold_s.start <= d.hold_s.max <= 60, variant.id
        assert d.sets.max <= 3 and d.reps.max <= 12, variant.id
    first = library.exercises[name].variants[0].dose
    if name == "plank":
        assert first.hold_s.start == 10 and 3 <= first.reps.start <= 5
    if name == "bird-dog":
        assert all(v.dose.hold_s.max <= 10 for v in library.exercises[name].variants)
    if name == "hamstring-stretch":
        assert first.hold_s.start == 20 and first.reps.start == 2
        assert all(v.dose.hold_s.max <= 30 for v in library.exercises[name].variants)
    if name == "cat-cow":
        assert 10 <= first.reps.start <= first.reps.max <= 12


def _library_docs():
    for path in library_files(ROOT):
        yield FOLDERS[path.parent.name], path


@pytest.mark.parametrize("kind", hep_schema.KINDS)
def test_published_schemas_are_valid_json_schema(kind):
    jsonschema.Draft202012Validator.check_schema(json.loads(hep_schema.schema_text(kind)))


@pytest.mark.parametrize("kind,path", list(_library_docs()), ids=lambda v: getattr(v, "name", v))
def test_reference_validator_accepts_the_library(kind, path):
    data = yaml.safe_load(path.read_text())
    jsonschema.Draft202012Validator(hep_schema.load_schema(kind)).validate(data)


BROKEN = {
    "unknown key": {"steps:": "stpes:"},
    "wrong type": {"sets: 1": "sets: one"},
    "negative": {"start: 10": "start: -5"},
    "too big": {"max: 30}": "max: 3000}"},
    "bad enum": {"kind: hold": "kind: holdd"},
    "bad id": {"id: side-plank\n": "id: Side Plank\n"},
    "bad video": {"      rest_s: 30\n": "      rest_s: 30\n    video: not a url\n"},
    "empty list": {"    cues:\n      - Elbow under your shoulder.\n": "    cues: []\n"},
    "bool as number": {"reps: 3": "reps: true"},
}


@pytest.mark.parametrize("case", BROKEN)
def test_both_validators_reject_the_same_files(case):
    doc = parse(exercise_yaml(**BROKEN[case]), "x.yaml")
    ours = hep_schema.check(doc, "exercise")
    reference = list(jsonschema.Draft202012Validator(hep_schema.load_schema("exercise")).iter_errors(doc.data))
    assert ours and reference, case


def test_both_validators_accept_the_sample():
    doc = parse(exercise_yaml(), "x.yaml")
    assert hep_schema.check(doc, "exercise") == []
    jsonschema.Draft202012Validator(hep_schema.load_schema("exercise")).validate(doc.data)


def test_extra_library_adds_and_replaces(tmp_path, run):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "side-plank.yaml").write_text(exercise_yaml())
    plank = (ROOT / "exercises" / "plank.yaml").read_text().replace("name: Plank\n", "name: Clinic plank\n")
    (tmp_path / "exercises" / "plank.yaml").write_text(plank)
    result = run("list", "exercises", "--library", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "side-plank" in result.output and "Clinic plank" in result.output


def test_two_extra_libraries_may_not_define_the_same_id(tmp_path, run):
    for name in ("a", "b"):
        (tmp_path / name / "exercises").mkdir(parents=True)
        (tmp_path / name / "exercises" / "side-plank.yaml").write_text(exercise_yaml())
    result = run("list", "--library", str(tmp_path / "a"), "--library", str(tmp_path / "b"))
    assert result.exit_code == 1
    assert "already used" in result.stderr


def test_library_folder_must_exist(run, tmp_path):
    result = run("list", "--library", str(tmp_path / "nope"))
    assert result.exit_code == 1 and "library folder not found" in result.stderr


def test_a_broken_exercise_is_reported_once_not_in_every_program(tmp_path, run):
    (tmp_path / "exercises").mkdir()
    broken = (ROOT / "exercises" / "plank.yaml").read_text().replace("kind: hold", "kind: holdd")
    (tmp_path / "exercises" / "plank.yaml").write_text(broken)
    result = run("validate", "--library", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "did you mean 'hold'" in lines[0], lines
